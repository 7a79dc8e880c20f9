/**
 * Figures across articles: the same statistic reported in several articles
 * (same numbers, compatible subject and period), and series (the same measure
 * over periods) that users can chart.
 */
import type { StatisticRow } from '../store/store.js';

const STOP = new Set(['the', 'and', 'for', 'with', 'that', 'this', 'these', 'those', 'from', 'into', 'their', 'its', 'his', 'her', 'our', 'which', 'who', 'total', 'number', 'numbers', 'per', 'cent', 'year', 'years']);

/** Content words of what a figure counts: lower case, three letters or more, a plural "s" dropped. */
export function contentWords(what: string | null): Set<string> {
  const out = new Set<string>();
  for (const w of (what ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (w.length < 3 || STOP.has(w)) continue;
    out.add(w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);
  }
  return out;
}

function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n;
}

/** Subjects alike: two content words in common (one when either subject has only one). */
function alike(a: string | null, b: string | null, words: (what: string | null) => Set<string> = contentWords): boolean {
  const wa = words(a);
  const wb = words(b);
  return shared(wa, wb) >= Math.min(2, wa.size, wb.size) && wa.size > 0 && wb.size > 0;
}

/** The year a period names ("2016", "since 2014", "2024"), or null. */
export function periodYear(period: string | null): number | null {
  const m = /\b(1[89]\d\d|20\d\d)\b/u.exec(period ?? '');
  return m?.[1] === undefined ? null : Number(m[1]);
}

const compatiblePeriods = (a: string | null, b: string | null): boolean => a === null || b === null || periodYear(a) === null || periodYear(b) === null || periodYear(a) === periodYear(b);

/** The numbers that make a figure the same figure elsewhere: the parts of a share, or the value, kind and unit. */
export function figureKey(row: StatisticRow): string | null {
  if (row.numerator !== null && row.denominator !== null) return `parts:${row.numerator}/${row.denominator}`;
  if (row.kind === 'change' && row.from !== null && row.to !== null) return `change:${row.from}->${row.to}:${row.unit ?? ''}`;
  if (row.value === null || row.kind === 'age') return null;
  return `${row.kind}:${row.value}:${row.unit ?? ''}`;
}

export interface SameFigure {
  key: string;
  /** Members in order of appearance (article date, then article and position); the first is the first appearance. */
  members: StatisticRow[];
  articles: number;
}

/**
 * Figures with the same numbers in different articles, with compatible
 * periods and, unless the numbers are a share's parts (distinctive enough on
 * their own), subjects alike (two content words in common, or the one word
 * of a one-word subject).
 */
export function sameFigures(rows: readonly StatisticRow[]): SameFigure[] {
  // Content words once per distinct subject: clustering compares each subject many times.
  const memo = new Map<string, Set<string>>();
  const words = (what: string | null): Set<string> => {
    const key = what ?? '';
    let set = memo.get(key);
    if (set === undefined) {
      set = contentWords(what);
      memo.set(key, set);
    }
    return set;
  };
  const byKey = new Map<string, StatisticRow[]>();
  for (const row of rows) {
    const key = figureKey(row);
    if (key !== null) byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  const out: SameFigure[] = [];
  for (const [key, list] of byKey) {
    if (new Set(list.map((r) => r.articleId)).size < 2) continue;
    const ordered = [...list].sort((a, b) => (a.published ?? '\uffff').localeCompare(b.published ?? '\uffff') || a.articleId.localeCompare(b.articleId) || a.start - b.start);
    const parts = key.startsWith('parts:');
    // One key can hold several figures ("2 abstentions", "2 groups"): a figure joins the first cluster it fits.
    const clusters: StatisticRow[][] = [];
    for (const row of ordered) {
      const fits = (other: StatisticRow): boolean => compatiblePeriods(other.period, row.period) && (parts || alike(other.what, row.what, words));
      const cluster = clusters.find((c) => c.some(fits));
      if (cluster === undefined) clusters.push([row]);
      else cluster.push(row);
    }
    for (const members of clusters) {
      const articles = new Set(members.map((r) => r.articleId)).size;
      if (articles >= 2) out.push({ key, members, articles });
    }
  }
  return out.sort((a, b) => b.articles - a.articles || a.key.localeCompare(b.key));
}

export interface SeriesPoint {
  period: string;
  year: number;
  /** The value charted: the percentage a share's parts give, else the figure. */
  value: number;
  unit: string | null;
  row: StatisticRow;
}

export interface Series {
  /** What is measured: the fullest wording among the points. */
  measure: string;
  kind: string;
  points: SeriesPoint[];
}

const chartValue = (row: StatisticRow): { value: number; unit: string | null } | null => {
  if (row.numerator !== null && row.denominator !== null && row.denominator > 0) return { value: Math.round((row.numerator / row.denominator) * 1000) / 10, unit: 'percent' };
  return row.value === null ? null : { value: row.value, unit: row.unit };
};

/**
 * The same measure over periods: figures of one kind and unit whose subjects
 * share two content words (one within one article), at two or more years.
 */
export function series(rows: readonly StatisticRow[]): Series[] {
  const groups: { kind: string; unit: string | null; words: Set<string>; articles: Set<string>; points: SeriesPoint[] }[] = [];
  for (const row of rows) {
    const year = periodYear(row.period);
    const chart = chartValue(row);
    if (year === null || chart === null || row.kind === 'age' || row.what === null) continue;
    const words = contentWords(row.what);
    if (words.size === 0) continue;
    const point: SeriesPoint = { period: row.period ?? String(year), year, value: chart.value, unit: chart.unit, row };
    const group = groups.find((g) => g.kind === row.kind && g.unit === chart.unit && shared(g.words, words) >= (g.articles.has(row.articleId) ? 1 : 2));
    if (group === undefined) {
      groups.push({ kind: row.kind, unit: chart.unit, words, articles: new Set([row.articleId]), points: [point] });
      continue;
    }
    group.points.push(point);
    group.articles.add(row.articleId);
    for (const w of words) group.words.add(w);
  }
  return groups
    .filter((g) => new Set(g.points.map((p) => p.year)).size >= 2)
    .map((g) => ({
      measure: g.points.map((p) => p.row.what ?? '').sort((a, b) => b.length - a.length)[0] ?? '',
      kind: g.kind,
      points: g.points.sort((a, b) => a.year - b.year || (a.row.published ?? '').localeCompare(b.row.published ?? '')),
    }))
    .sort((a, b) => b.points.length - a.points.length);
}
