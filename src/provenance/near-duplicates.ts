/**
 * Near-duplicate articles: syndicated and wire copy, and stories republished
 * with small edits. Exact duplicates never reach the store (they hash the
 * same); these differ by a reworded paragraph, a dropped one, a new headline.
 *
 * Each article gets a MinHash signature; articles sharing an LSH band are
 * candidates, and a pair is confirmed, reading the two texts again, when the
 * shorter article's 5-word shingles are mostly in the longer (containment at
 * least `MIN_CONTAINMENT`), so a copy with a paragraph cut still joins its
 * original. Groups are the connected components of confirmed pairs
 * (`findComponents`); a pair already in one group is not compared again.
 * `update-near-duplicates.ts` keeps them in the store; `nearDuplicates`
 * groups articles held in memory.
 */
import { signature } from './same-quote.js';

export interface ArticleText {
  id: string;
  text: string;
  published: string | null;
  outlet: string | null;
  title: string | null;
}

export type ArticleMeta = Omit<ArticleText, 'text'>;

export interface NearDuplicateGroup {
  /** Members by date, the first appearance first, each with the share of its shingles found in the first. */
  members: (ArticleMeta & { containment: number })[];
}

export const MIN_CONTAINMENT = 0.7;
const SHINGLE = 5;
/**
 * LSH banding over the MinHash signature (3-word shingles): 21 bands of 3
 * hashes make two articles candidates with probability 1 - (1 - J^3)^21 for
 * shingle Jaccard J: 0.94 at J = 0.5 (a copy with a third of the story cut),
 * 0.99 at 0.6; unrelated articles (J under 0.05) almost never meet.
 */
const BANDS = 21;
const ROWS = 3;
const MIN_SHINGLES = 10; // a few lines share too much by chance

export function words(text: string): string[] {
  return text.toLowerCase().replace(/[’‘]/gu, "'").match(/[\p{L}\p{N}']+/gu) ?? [];
}

export function shingles(list: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE <= list.length; i++) out.add(list.slice(i, i + SHINGLE).join(' '));
  return out;
}

/** Share of the smaller set's shingles found in the larger. */
export function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / small.size;
}

export const byDate = (a: ArticleMeta, b: ArticleMeta): number => (a.published ?? '\uffff').localeCompare(b.published ?? '\uffff') || a.id.localeCompare(b.id);

/** An article's MinHash signature, or null when it is too short to group. */
export function articleSignature(list: readonly string[]): Uint32Array | null {
  return list.length - SHINGLE + 1 < MIN_SHINGLES ? null : Uint32Array.from(signature(list, BANDS * ROWS));
}

/** Band `b` of a signature as one number (two bands of equal number may still differ: see `sameBand`). */
export function bandHash(sig: ArrayLike<number>, b: number): number {
  let h = b;
  for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ (sig[b * ROWS + r] ?? 0), 0x9e3779b1) ^ (h >>> 15);
  return h >>> 0;
}

/** Whether two signatures agree on band `b`. */
export function sameBand(x: ArrayLike<number>, y: ArrayLike<number>, b: number): boolean {
  for (let r = b * ROWS; r < (b + 1) * ROWS; r++) if (x[r] !== y[r]) return false;
  return true;
}

/** An article as grouping sees it: a number of its own (its rowid in a store), its id and its signature. */
export interface Signed {
  rowid: number;
  id: string;
  signature: Uint32Array | null;
  /** Its place in the union-find of `findComponents`, once it has one. */
  slot?: number;
}

/** Shingle sets kept for confirming pairs (then made again rather than all kept). */
const CACHED_SETS = 2_000;

export interface Components {
  /** Each component (two or more articles, by id) under its root. */
  groups: Map<number, string[]>;
  /** The root of an article's component (its own number when alone). */
  rootOf(id: string): number;
  /** An article's 5-word shingles (kept for a while). */
  shinglesOf(id: string): Promise<Set<string>>;
  /** Candidate pairs confirmed or turned down by their texts. */
  confirmed: number;
}

/**
 * Near-duplicate groups as connected components: `kept` pairs (groups
 * found before) joined by the candidate pairs the texts confirm. The
 * candidates are pairs of `compared` articles sharing a band, and pairs of a
 * compared article and one of `others` (streamed, those compared skipped)
 * sharing a band.
 */
export async function findComponents(options: {
  compared: readonly Signed[];
  others?: (visit: (a: Signed) => Promise<void>) => Promise<void>;
  kept?: readonly { articleId: string; firstId: string }[];
  textOf: (id: string) => Promise<string | undefined> | string | undefined;
}): Promise<Components> {
  const { compared, textOf } = options;
  // One map per band, by the band's hash (numbers: no string is made for the hundred thousand articles looked up).
  const buckets = Array.from({ length: BANDS }, () => new Map<number, Signed[]>());
  for (const a of compared) {
    const sig = a.signature ?? [];
    buckets.forEach((band, b) => {
      const key = bandHash(sig, b);
      const bucket = band.get(key);
      if (bucket === undefined) band.set(key, [a]);
      else bucket.push(a);
    });
  }
  const isCompared = new Set(compared.map((a) => a.rowid));

  // Union-find over numbered articles: checking every candidate pair of 100,000 articles must not look up strings.
  const slots = new Map<string, number>();
  const parent: number[] = [];
  const slotOfId = (id: string): number => {
    let slot = slots.get(id);
    if (slot === undefined) {
      slot = parent.length;
      slots.set(id, slot);
      parent.push(slot);
    }
    return slot;
  };
  const slotOf = (a: Signed): number => (a.slot ??= slotOfId(a.id));
  const find = (slot: number): number => {
    let root = slot;
    for (let up = parent[root] ?? root; up !== root; up = parent[root] ?? root) root = up;
    for (let at = slot; at !== root; ) {
      const next = parent[at] ?? root;
      parent[at] = root;
      at = next;
    }
    return root;
  };
  const join = (x: number, y: number): void => {
    const rx = find(x);
    const ry = find(y);
    if (rx !== ry) parent[ry] = rx;
  };
  for (const m of options.kept ?? []) join(slotOfId(m.firstId), slotOfId(m.articleId));
  const sets = new Map<string, Set<string>>();
  const shinglesOf = async (id: string): Promise<Set<string>> => {
    let set = sets.get(id);
    if (set === undefined) {
      set = shingles(words((await textOf(id)) ?? ''));
      if (sets.size >= CACHED_SETS) sets.clear();
      sets.set(id, set);
    }
    return set;
  };
  let confirmed = 0;
  const failed = new Set<string>();
  const consider = async (a: Signed, b: Signed): Promise<void> => {
    if (find(slotOf(a)) === find(slotOf(b))) return;
    const pair = a.rowid < b.rowid ? `${a.rowid},${b.rowid}` : `${b.rowid},${a.rowid}`;
    if (failed.has(pair)) return;
    confirmed++;
    if (containment(await shinglesOf(a.id), await shinglesOf(b.id)) >= MIN_CONTAINMENT) join(slotOf(a), slotOf(b));
    else failed.add(pair);
  };
  // Pairs of compared articles, bucket by bucket: a group's members come together, so their shingles stay cached.
  for (const [b, band] of buckets.entries()) {
    for (const bucket of band.values()) {
      for (let x = 0; x < bucket.length; x++) {
        for (let y = x + 1; y < bucket.length; y++) {
          const p = bucket[x] as Signed;
          const q = bucket[y] as Signed;
          if (sameBand(p.signature ?? [], q.signature ?? [], b)) await consider(p, q);
        }
      }
    }
  }
  // Pairs of a compared article and any other.
  if (compared.length > 0 && options.others !== undefined) {
    await options.others(async (other) => {
      const sig = other.signature;
      if (sig === null || isCompared.has(other.rowid)) return;
      for (let b = 0; b < BANDS; b++) {
        for (const a of buckets[b]?.get(bandHash(sig, b)) ?? []) if (sameBand(a.signature ?? [], sig, b)) await consider(a, other);
      }
    });
  }

  const groups = new Map<number, string[]>();
  for (const [id, slot] of slots) {
    const root = find(slot);
    const list = groups.get(root);
    if (list === undefined) groups.set(root, [id]);
    else list.push(id);
  }
  for (const [root, ids] of groups) if (ids.length < 2) groups.delete(root);
  return { groups, rootOf: (id) => find(slotOfId(id)), shinglesOf, confirmed };
}

/** Near-duplicate groups of articles held in memory, largest first, each with its first appearance first. */
export async function nearDuplicates(articles: readonly ArticleText[]): Promise<NearDuplicateGroup[]> {
  const texts = new Map(articles.map((a) => [a.id, a.text]));
  const metas = new Map(articles.map(({ text: _text, ...meta }) => [meta.id, meta]));
  const compared = articles.map((a, rowid) => ({ rowid, id: a.id, signature: articleSignature(words(a.text)) })).filter((a) => a.signature !== null);
  const found = await findComponents({ compared, textOf: (id) => texts.get(id) });
  const out: NearDuplicateGroup[] = [];
  for (const ids of found.groups.values()) {
    const ordered = ids.map((id) => metas.get(id)).filter((m): m is ArticleMeta => m !== undefined).sort(byDate);
    const first = ordered[0];
    if (first === undefined) continue;
    const rows: NearDuplicateGroup['members'] = [];
    for (const m of ordered) rows.push({ ...m, containment: m.id === first.id ? 1 : containment(await found.shinglesOf(first.id), await found.shinglesOf(m.id)) });
    out.push({ members: rows });
  }
  return out.sort(bySize);
}

/** Largest group first, then by the first appearance's date. */
export const bySize = (a: NearDuplicateGroup, b: NearDuplicateGroup): number =>
  b.members.length - a.members.length || byDate(a.members[0] as ArticleMeta, b.members[0] as ArticleMeta);
