/**
 * Near-duplicate articles: syndicated and wire copy, and stories republished
 * with small edits. Exact duplicates never reach the store (they hash the
 * same); these differ by a reworded paragraph, a dropped one, a new headline.
 *
 * Articles are added one at a time and only their MinHash band keys are kept
 * (not their text), so a large corpus streams through. Candidates share an
 * LSH band; a pair is confirmed, reading the two texts again, when the
 * shorter article's 5-word shingles are mostly in the longer (containment at
 * least `MIN_CONTAINMENT`), so a copy with a paragraph cut still joins its
 * original. A pair already in one group is not compared again.
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
export const BANDS = 21;
export const ROWS = 3;
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

/** A signature's band keys: two articles are candidates when they share one. */
export function bandKeys(sig: ArrayLike<number>): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    const rows: number[] = [];
    for (let r = 0; r < ROWS; r++) rows.push(sig[b * ROWS + r] ?? 0);
    keys.push(`${b}:${rows.join(',')}`);
  }
  return keys;
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

/** Collects articles' band keys, then groups near-duplicates. */
export class NearDuplicateFinder {
  private readonly metas: ArticleMeta[] = [];
  private readonly buckets = new Map<string, number[]>();

  add(meta: ArticleMeta, text: string): void {
    const sig = articleSignature(words(text));
    if (sig === null) return;
    const index = this.metas.length;
    this.metas.push(meta);
    for (const key of bandKeys(sig)) {
      const bucket = this.buckets.get(key);
      if (bucket === undefined) this.buckets.set(key, [index]);
      else bucket.push(index);
    }
  }

  /** Groups of two or more, largest first; `textOf` gives an article's text again for confirmation. */
  async groups(textOf: (id: string) => Promise<string | undefined> | string | undefined): Promise<NearDuplicateGroup[]> {
    const parent = this.metas.map((_, i) => i);
    const find = (i: number): number => {
      let r = i;
      while (parent[r] !== r) r = parent[r] ?? r;
      while (parent[i] !== r) {
        const next = parent[i] ?? r;
        parent[i] = r;
        i = next;
      }
      return r;
    };
    const cache = new Map<number, Set<string>>();
    const setOf = async (i: number): Promise<Set<string>> => {
      let set = cache.get(i);
      if (set === undefined) {
        set = shingles(words((await textOf(this.metas[i]?.id ?? '')) ?? ''));
        if (cache.size > 2000) cache.clear(); // bounded: texts are read again rather than all kept
        cache.set(i, set);
      }
      return set;
    };
    const failed = new Set<string>();
    for (const bucket of this.buckets.values()) {
      for (let x = 0; x < bucket.length; x++) {
        for (let y = x + 1; y < bucket.length; y++) {
          const a = bucket[x] ?? 0;
          const b = bucket[y] ?? 0;
          if (find(a) === find(b) || failed.has(`${a},${b}`)) continue;
          if (containment(await setOf(a), await setOf(b)) >= MIN_CONTAINMENT) parent[find(b)] = find(a);
          else failed.add(`${a},${b}`);
        }
      }
    }
    const groups = new Map<number, number[]>();
    this.metas.forEach((_, i) => {
      const root = find(i);
      const list = groups.get(root);
      if (list === undefined) groups.set(root, [i]);
      else list.push(i);
    });
    const out: NearDuplicateGroup[] = [];
    for (const members of groups.values()) {
      if (members.length < 2) continue;
      const ordered = [...members].sort((p, q) => byDate(this.metas[p] as ArticleMeta, this.metas[q] as ArticleMeta));
      const first = ordered[0] ?? 0;
      const firstSet = await setOf(first);
      const rows: NearDuplicateGroup['members'] = [];
      for (const i of ordered) rows.push({ ...(this.metas[i] as ArticleMeta), containment: i === first ? 1 : containment(firstSet, await setOf(i)) });
      out.push({ members: rows });
    }
    return out.sort((a, b) => b.members.length - a.members.length || byDate(a.members[0] as ArticleMeta, b.members[0] as ArticleMeta));
  }
}

/** Near-duplicate groups of articles held in memory. */
export async function nearDuplicates(articles: readonly ArticleText[]): Promise<NearDuplicateGroup[]> {
  const finder = new NearDuplicateFinder();
  const texts = new Map(articles.map((a) => [a.id, a.text]));
  for (const { text, ...meta } of articles) finder.add(meta, text);
  return finder.groups((id) => texts.get(id));
}
