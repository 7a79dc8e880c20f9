/**
 * Inter-coder agreement on stance codings: Cohen's kappa for a pair of coders
 * and Krippendorff's alpha (nominal level, any number of coders, missing
 * codes allowed) for a whole table. Labels are compared as plain strings; the
 * machine takes part as one more coder under its own name.
 */

/** Item key (a statement) to coder name to that coder's label for the item. */
export type CodingTable = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** Cohen's kappa for two coders over the items both of them coded. */
export interface KappaResult {
  /** (observed - expected) / (1 - expected); null when no item was coded by both, or when expected agreement is 1. */
  kappa: number | null;
  /** Items coded by both coders. */
  items: number;
  /** Share of those items given the same label; null when there are none. */
  observed: number | null;
  /** Agreement expected by chance from each coder's own label distribution; null when there are no items. */
  expected: number | null;
}

/** Krippendorff's alpha over a set of coders. */
export interface AlphaResult {
  /** Nominal alpha; null when there are no pairable codes or only one label was used (no expected disagreement). */
  alpha: number | null;
  /** Items with at least two codes (pairable items); items with fewer are left out. */
  items: number;
  /** Codes in those items (n in Krippendorff's notation). */
  values: number;
  /** The coders counted, sorted by name. */
  coders: string[];
}

/** Kappa between one pair of coders, as listed in an agreement report. */
export interface PairAgreement {
  a: string;
  b: string;
  kappa: number | null;
  items: number;
  observed: number | null;
}

/** Agreement for every pair of coders and alpha over all of them. */
export interface AgreementReport {
  /** Every coder in the table, sorted by name. */
  coders: string[];
  /** One entry per pair of coders, `a` before `b` in name order. */
  pairs: PairAgreement[];
  alpha: AlphaResult;
}

/**
 * Cohen's kappa for `coderA` and `coderB` over the items both coded; items
 * either of them left out are ignored. Kappa is undefined, and returned as
 * null, when no item was coded by both or when expected agreement is 1 (both
 * coders used one and the same label throughout).
 */
export function cohensKappa(table: CodingTable, coderA: string, coderB: string): KappaResult {
  let items = 0;
  let agreements = 0;
  const countsA = new Map<string, number>();
  const countsB = new Map<string, number>();
  for (const codes of table.values()) {
    const a = codes.get(coderA);
    const b = codes.get(coderB);
    if (a === undefined || b === undefined) continue;
    items++;
    if (a === b) agreements++;
    increment(countsA, a);
    increment(countsB, b);
  }
  if (items === 0) return { kappa: null, items, observed: null, expected: null };
  // Chance agreement in whole numbers first (sum of products of marginal counts over items^2), so "expected = 1" is exact.
  let chanceProducts = 0;
  for (const [label, countA] of countsA) chanceProducts += countA * (countsB.get(label) ?? 0);
  const observed = agreements / items;
  const expected = chanceProducts / (items * items);
  const kappa = chanceProducts === items * items ? null : (observed - expected) / (1 - expected);
  return { kappa, items, observed, expected };
}

/**
 * Krippendorff's alpha for nominal labels with missing codes, computed from the
 * coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
 * alpha-reliability"): each item with m >= 2 codes adds 1 / (m - 1) to o[c][k]
 * for every ordered pair of its codes (taken from different coders), and
 * alpha = 1 - (n - 1) * sum(o[c][k], c != k) / sum(n_c * n_k, c != k),
 * where n_c are the matrix's margins and n the number of pairable codes.
 * Items with fewer than two codes are dropped. Only `coders` are counted when
 * given (default: every coder in the table). Alpha is null when it is
 * undefined: no pairable codes, or a single label used throughout (so no
 * disagreement is expected by chance).
 */
export function krippendorffAlpha(table: CodingTable, coders?: readonly string[]): AlphaResult {
  const counted = coders === undefined ? null : new Set(coders);
  const seen = new Set<string>();
  const margins = new Map<string, number>();
  let items = 0;
  let values = 0;
  let observedDisagreement = 0; // sum of o[c][k] over c != k
  for (const codes of table.values()) {
    const labels = new Map<string, number>();
    let m = 0;
    for (const [coder, label] of codes) {
      if (counted !== null && !counted.has(coder)) continue;
      seen.add(coder);
      increment(labels, label);
      m++;
    }
    if (m < 2) continue;
    items++;
    values += m;
    // Ordered pairs of codes with different labels: m^2 - sum(count_c^2); the margin n_c gains count_c.
    let sameLabelPairs = 0;
    for (const [label, count] of labels) {
      sameLabelPairs += count * count;
      margins.set(label, (margins.get(label) ?? 0) + count);
    }
    observedDisagreement += (m * m - sameLabelPairs) / (m - 1);
  }
  const coderList = [...(counted ?? seen)].sort(byName);
  if (values === 0) return { alpha: null, items, values, coders: coderList };
  let sameLabelMargins = 0;
  for (const count of margins.values()) sameLabelMargins += count * count;
  const expectedDisagreement = values * values - sameLabelMargins; // sum of n_c * n_k over c != k
  const alpha = expectedDisagreement === 0 ? null : 1 - ((values - 1) * observedDisagreement) / expectedDisagreement;
  return { alpha, items, values, coders: coderList };
}

/** Cohen's kappa for every pair of coders in the table (name order) and Krippendorff's alpha over all of them. */
export function agreementReport(table: CodingTable): AgreementReport {
  const names = new Set<string>();
  for (const codes of table.values()) for (const coder of codes.keys()) names.add(coder);
  const coders = [...names].sort(byName);
  const pairs: PairAgreement[] = [];
  coders.forEach((a, i) => {
    for (const b of coders.slice(i + 1)) {
      const { kappa, items, observed } = cohensKappa(table, a, b);
      pairs.push({ a, b, kappa, items, observed });
    }
  });
  return { coders, pairs, alpha: krippendorffAlpha(table, coders) };
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
