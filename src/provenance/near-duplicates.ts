/**
 * Near-duplicate articles: syndicated and wire copy, and stories republished
 * with small edits. Exact duplicates never reach the store (they hash the
 * same); these differ by a reworded paragraph, a dropped one, a new headline.
 *
 * Candidates share an LSH band of MinHash signatures over word 5-shingles;
 * a pair is confirmed when the shorter article's shingles are mostly in the
 * longer (containment at least `MIN_CONTAINMENT`), so a copy with a paragraph
 * cut still joins its original.
 */
import { signature } from './same-quote.js';

export interface ArticleText {
  id: string;
  text: string;
  published: string | null;
  outlet: string | null;
  title: string | null;
}

export interface NearDuplicateGroup {
  /** Members by date, the first appearance first, each with its containment in the first. */
  members: (Omit<ArticleText, 'text'> & { containment: number })[];
}

export const MIN_CONTAINMENT = 0.7;
const SHINGLE = 5;
const BANDS = 16;
const ROWS = 4;

function words(text: string): string[] {
  return text.toLowerCase().replace(/[’‘]/gu, "'").match(/[\p{L}\p{N}']+/gu) ?? [];
}

function shingles(list: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE <= list.length; i++) out.add(list.slice(i, i + SHINGLE).join(' '));
  return out;
}

function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / small.size;
}

const byDate = (a: Omit<ArticleText, 'text'>, b: Omit<ArticleText, 'text'>): number => (a.published ?? '\uffff').localeCompare(b.published ?? '\uffff') || a.id.localeCompare(b.id);

/** Groups of two or more near-identical articles, largest first. */
export function nearDuplicates(articles: readonly ArticleText[]): NearDuplicateGroup[] {
  const wordLists = articles.map((a) => words(a.text));
  const sets = wordLists.map((list) => shingles(list));
  const buckets = new Map<string, number[]>();
  articles.forEach((_, i) => {
    if ((sets[i]?.size ?? 0) < 10) return; // a few lines share too much by chance
    const sig = signature(wordLists[i] ?? []);
    for (let b = 0; b < BANDS; b++) {
      const key = `${b}:${sig.slice(b * ROWS, (b + 1) * ROWS).join(',')}`;
      const bucket = buckets.get(key);
      if (bucket === undefined) buckets.set(key, [i]);
      else bucket.push(i);
    }
  });
  const parent = articles.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    return r;
  };
  const tried = new Set<string>();
  for (const bucket of buckets.values()) {
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const a = bucket[x] ?? 0;
        const b = bucket[y] ?? 0;
        const key = `${a},${b}`;
        if (tried.has(key)) continue;
        tried.add(key);
        if (containment(sets[a] ?? new Set(), sets[b] ?? new Set()) >= MIN_CONTAINMENT) parent[find(b)] = find(a);
      }
    }
  }
  const groups = new Map<number, number[]>();
  articles.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  const out: NearDuplicateGroup[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const ordered = members.map((i) => ({ i, a: articles[i] as ArticleText })).sort((p, q) => byDate(p.a, q.a));
    const first = ordered[0];
    if (first === undefined) continue;
    out.push({
      members: ordered.map(({ i, a }) => ({ id: a.id, published: a.published, outlet: a.outlet, title: a.title, containment: i === first.i ? 1 : containment(sets[first.i] ?? new Set(), sets[i] ?? new Set()) })),
    });
  }
  return out.sort((a, b) => b.members.length - a.members.length);
}
