/**
 * A concordance (keyword in context): every occurrence of a pattern in the
 * stored articles, with the words either side. The full-text index counts
 * the occurrences in each article from its words' positions (a phrase by
 * joining them), so a page sorted by article reads only its own articles'
 * texts. Sorting by context needs the words next to every occurrence: they
 * come from the word index held in memory (see `word-index.ts`), which also
 * finds a phrase of very common words in the articles holding the rarest
 * of them; without it (a corpus too large to hold), from the texts of every
 * article holding the pattern. Wherever a page's text is read the
 * occurrences are found in it (see `match.ts`), so every row's keyword is
 * exactly `text.slice(start, end)`, and checked against the count: should
 * they ever differ (a word the tokenizer reads otherwise), the whole
 * concordance is found in the texts instead. */
import type { Span } from '../model/document.js';
import { StoreError, type ArticleText, type SentenceSpan, type Store } from '../store/store.js';
import { foldText, isWordChar, wordsOf } from './fold.js';
import { findPhrase, phraseRegExp } from './match.js';
import { parsePattern, phraseFts, QueryError, showQuery, type Phrase } from './query.js';
import { contextKey, scanWords, SORT_WORDS, wordIndexOf, wordKeys, type RankedKeys, type WordIndex } from './word-index.js';

export type KwicSort = 'article' | 'left' | 'right';
export const KWIC_SORTS: readonly KwicSort[] = ['article', 'left', 'right'];

export interface KwicOptions {
  /** Words matched as one phrase; `*` ends the last for a prefix; case, diacritics and apostrophe styles do not matter. */
  pattern: string;
  /** Characters of context either side, at most (cut at spaces). */
  width?: number;
  /** The context is the occurrence's sentence (or sentences) instead. */
  sentence?: boolean;
  /**
   * `article` (date order, then text order; the default), `left` (by the
   * words before the keyword, nearest first, as concordancers sort) or
   * `right` (by the words after it).
   */
  sort?: KwicSort;
  outlet?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface KwicRow {
  articleId: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  /** `text.slice(leftStart, start)`. */
  left: string;
  /** `text.slice(start, end)`. */
  keyword: string;
  /** `text.slice(end, rightEnd)`. */
  right: string;
  start: number;
  end: number;
  leftStart: number;
  rightEnd: number;
  /** With `sentence`: the sentence's id (`s4`, or `s4-s5` when the keyword runs over two); else null. */
  sentence: string | null;
}

export interface KwicResult {
  rows: KwicRow[];
  /** Occurrences in all. */
  total: number;
  /** Articles holding at least one. */
  articles: number;
}

export const DEFAULT_WIDTH = 60;
export const MAX_WIDTH = 500;
/** Occurrences one concordance may hold: a pattern found more often must be narrowed. */
export const MAX_OCCURRENCES = 200_000;
const DEFAULT_LIMIT = 100;

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/u.test(c);

/** Where the left context starts: at most `width` characters before `start`, at a space (never in a word), spaces trimmed. */
export function leftCut(text: string, start: number, width: number): number {
  let from = Math.max(0, start - width);
  if (from > 0 && !isSpace(text[from - 1])) while (from < start && !isSpace(text[from])) from++;
  while (from < start && isSpace(text[from])) from++;
  return from;
}

/** Where the right context ends: at most `width` characters after `end`, at a space, spaces trimmed. */
export function rightCut(text: string, end: number, width: number): number {
  let to = Math.min(text.length, end + width);
  if (to < text.length && !isSpace(text[to])) while (to > end && !isSpace(text[to - 1])) to--;
  while (to > end && isSpace(text[to - 1])) to--;
  return to;
}

/** Whether the character at `i` of folded text belongs to a word (ASCII letters and digits straight away). */
function wordAt(folded: string, i: number): boolean {
  const code = folded.charCodeAt(i);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
  return isWordChar(folded[i]);
}

/** A cursor over the folded words on one side of an occurrence, nearest first. */
class Words {
  start = 0;
  end = 0;

  constructor(
    private readonly folded: string,
    private at: number,
    private readonly back: boolean,
  ) {}

  /** Move to the next word; false when there is none. */
  next(): boolean {
    const f = this.folded;
    let i = this.at;
    if (this.back) {
      while (i > 0 && !wordAt(f, i - 1)) i--;
      this.end = i;
      while (i > 0 && wordAt(f, i - 1)) i--;
      this.start = i;
      this.at = i;
      return this.end > i;
    }
    while (i < f.length && !wordAt(f, i)) i++;
    this.start = i;
    while (i < f.length && wordAt(f, i)) i++;
    this.end = i;
    this.at = i;
    return i > this.start;
  }
}

/**
 * The first `n` items in `compare` order. A page near the start of a long
 * concordance keeps the `n` smallest in a heap (about one comparison per item)
 * instead of sorting every occurrence.
 */
export function firstInOrder<T>(items: readonly T[], n: number, compare: (a: T, b: T) => number): T[] {
  if (n <= 0) return [];
  if (n * 4 >= items.length) return [...items].sort(compare).slice(0, n);
  // A max-heap of the n smallest so far: its root is the largest of them.
  const heap: T[] = [];
  const above = (i: number, j: number): boolean => compare(heap[i] as T, heap[j] as T) > 0;
  const swap = (i: number, j: number): void => {
    const t = heap[i] as T;
    heap[i] = heap[j] as T;
    heap[j] = t;
  };
  const down = (from: number): void => {
    for (let i = from; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && above(l, top)) top = l;
      if (r < heap.length && above(r, top)) top = r;
      if (top === i) return;
      swap(i, top);
      i = top;
    }
  };
  for (const item of items) {
    if (heap.length < n) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!above(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (compare(item, heap[0] as T) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(compare);
}

/**
 * A pattern's occurrences under some filters, found once and kept (see
 * `occurrencesOf`): paging or re-sorting a concordance then reads only the
 * page's articles.
 */
interface Occurrences {
  /** The articles holding the pattern (rowids), in date order. */
  rowids: Int32Array;
  /** Per article, where its occurrences begin in the concordance (date order, then text order); one more at the end, the total. */
  firsts: Int32Array;
  /**
   * Per occurrence, once the articles' texts have been read: its article
   * (an index into `rowids`) and offsets. Null otherwise: a page then reads
   * its own articles.
   */
  located: { docs: Int32Array; starts: Int32Array; ends: Int32Array } | null;
  /** Per occurrence, when found in the word index: its article and its first word's place among the article's words. */
  words: { docs: Int32Array; at: Int32Array } | null;
  /** Per occurrence, once asked for: what it sorts by on either side (as strings from texts, see `contextKey`; as ranks from the word index). */
  keys: Partial<Record<ContextSort, string[] | RankedKeys>>;
  /** Occurrences in a context order, once a page of it has been asked for twice. */
  orders: Partial<Record<KwicSort, Int32Array>>;
  /** Pages cut from each context order (the second sorts them all). */
  asked: Partial<Record<KwicSort, number>>;
}

type ContextSort = Exclude<KwicSort, 'article'>;

/** A refusal, kept as the occurrences would be. */
interface Refusal {
  refused: string;
}

/**
 * How the occurrences are found. `index`: counted from the full-text index's
 * word positions, each article's text read only when its rows are shown;
 * sorted by context, the occurrences and their neighbouring words are found
 * in the word index (see `word-index.ts`) and checked against the count.
 * `index-texts`: the same, but the texts of every article counted are read
 * for the neighbouring words (what happens when the word index is too large
 * to hold). `words`: found in the word index, in the articles the full-text
 * index says hold the pattern's rarest word. `text`: every candidate
 * article's text read and searched. `auto` (the default) takes `index`,
 * unless the pattern's words are so common that reading their positions
 * would cost more than `words` (or, without the word index, `text`), and
 * uses the word index only once it is held (see `wordIndexFor`): else
 * `index-texts`. Results are the same every way; the choice is for tests
 * and measurements.
 */
export type KwicStrategy = 'auto' | 'index' | 'index-texts' | 'words' | 'text';

/** Concordances kept per store, least recently used first. */
const cache = new WeakMap<Store, Map<string, Occurrences | Refusal>>();
/** At most so many kept per store, and so many occurrences in all. */
const CACHED_CONCORDANCES = 64;
const CACHED_BYTES = 256 * 2 ** 20;
/** What a context key taken from a text takes in memory, about (a string of some 40 characters). */
const STRING_KEY_BYTES = 128;
/** Texts read from the store at a time (few, so that each dies young: the garbage collector copies what lives). */
const TEXT_BATCH = 250;
/** Word positions of an article and article rowids the index path can key (position + rowid * 2^24 stays an exact double). */
const MAX_POSITION = 2 ** 24;
const MAX_ROWID = 2 ** 29;

/** What an occurrence in folded text sorts by on one side (see `contextKey`). */
function sortKey(folded: string, from: number, back: boolean, keyword: readonly string[]): string {
  const words = new Words(folded, from, back);
  const near: string[] = [];
  for (let w = 0; w < SORT_WORDS && words.next(); w++) near.push(folded.slice(words.start, words.end));
  return contextKey(near, keyword);
}

function keep(store: Store, key: string, value: Occurrences | Refusal): void {
  let kept = cache.get(store);
  if (kept === undefined) {
    kept = new Map();
    cache.set(store, kept);
  }
  kept.delete(key);
  kept.set(key, value);
  let total = 0;
  for (const v of kept.values()) total += bytesOf(v);
  for (const [k, v] of kept) {
    if (kept.size <= 1 || (kept.size <= CACHED_CONCORDANCES && total <= CACHED_BYTES)) break;
    kept.delete(k);
    total -= bytesOf(v);
  }
}

/** About what a kept concordance takes in memory. */
function bytesOf(v: Occurrences | Refusal): number {
  if ('refused' in v) return 0;
  let bytes = (v.rowids.length + v.firsts.length) * 4;
  if (v.located !== null) bytes += v.located.docs.length * 12;
  if (v.words !== null) bytes += v.words.docs.length * 8;
  for (const keys of Object.values(v.keys)) bytes += Array.isArray(keys) ? keys.length * STRING_KEY_BYTES : keys.ranks.length * 4;
  for (const order of Object.values(v.orders)) bytes += order.length * 4;
  return bytes;
}

/** The articles under some filters in date order, and each one's place in it (by rowid; -1 for an article the filters leave out). */
interface DateOrder {
  rowids: Int32Array;
  rank: Int32Array;
}

/** Whether the filters keep an article. */
const inScope = (order: DateOrder, rowid: number): boolean => (order.rank[rowid] ?? -1) >= 0;

/** Those of these articles the filters keep, in date order (marked, then read off the order: no sorting). */
function inDateOrder(order: DateOrder, rowids: ArrayLike<number>): Int32Array {
  const marked = new Uint8Array(order.rank.length);
  for (let i = 0; i < rowids.length; i++) {
    const rowid = rowids[i] ?? -1;
    if (inScope(order, rowid)) marked[rowid] = 1;
  }
  return order.rowids.filter((rowid) => marked[rowid] === 1);
}

/** Date orders kept per store (by store state and filters), least recently used first. */
const dateOrders = new WeakMap<Store, Map<string, DateOrder>>();
const CACHED_DATE_ORDERS = 8;

async function dateOrderOf(store: Store, token: string, options: KwicOptions): Promise<DateOrder> {
  const key = JSON.stringify([token, options.outlet ?? null, options.from ?? null, options.to ?? null]);
  let kept = dateOrders.get(store);
  if (kept === undefined) {
    kept = new Map();
    dateOrders.set(store, kept);
  }
  let order = kept.get(key);
  if (order === undefined) {
    const rowids = await store.articleRowidsByDate({
      ...(options.outlet === undefined ? {} : { outlet: options.outlet }),
      ...(options.from === undefined ? {} : { from: options.from }),
      ...(options.to === undefined ? {} : { to: options.to }),
    });
    const rank = new Int32Array(rowids.reduce((max, rowid) => Math.max(max, rowid), 0) + 1).fill(-1);
    rowids.forEach((rowid, i) => (rank[rowid] = i));
    order = { rowids, rank };
  }
  kept.delete(key);
  kept.set(key, order);
  for (const k of kept.keys()) {
    if (kept.size <= CACHED_DATE_ORDERS) break;
    kept.delete(k);
  }
  return order;
}

/** The refusal of a pattern found more than `MAX_OCCURRENCES` times. */
const tooMany = (pattern: string): string =>
  `the pattern ${showQuery(pattern)} occurs more than ${MAX_OCCURRENCES.toLocaleString('en-GB')} times: narrow it (more words, an outlet, dates)`;

/** Thrown inside the search for occurrences when there are too many; kept and turned into a `QueryError`. */
class TooMany extends Error {}

/**
 * What finding a phrase costs, in microseconds (measured at 100,000
 * articles): reading a word position from the index and joining it,
 * reading and searching one article's text, or searching one article's
 * words in the word index. A phrase of common words ("the government") is
 * cheaper to find in the articles holding its rarest word; one of two common
 * words ("it is") through the index, unless the word index is held.
 */
const POSITION_COST = 0.5;
const TEXT_COST = 12;
const WORD_COST = 2.5;
/** Word positions read for one pattern, at most (memory: 16 bytes each). */
const MAX_POSITIONS = 4_000_000;

/**
 * The pattern's occurrences per article by the full-text index (by rowid,
 * articles outside `order` left out), or null when finding them in
 * the articles holding the pattern's rarest word is cheaper (at
 * `perArticle` microseconds an article); and that word. Throws `TooMany`.
 */
async function countByIndex(store: Store, phrase: Phrase, order: DateOrder, scoped: boolean, strategy: KwicStrategy, perArticle: number): Promise<{ counts: Int32Array | null; rarest: Phrase }> {
  const n = phrase.words.length;
  const prefixAt = (i: number): boolean => phrase.prefix && i === n - 1;
  const counts: { occurrences: number; articles: number }[] = [];
  // Counting a prefix stops past what decides: a refusal for one word without filters, else the most positions read.
  const atMost = n === 1 && !scoped ? MAX_OCCURRENCES : Math.max(MAX_POSITIONS, MAX_OCCURRENCES);
  for (let i = 0; i < n; i++) counts.push(await store.textTermCount(phrase.words[i] ?? '', prefixAt(i), atMost));
  // The word held by the fewest articles, as a phrase of its own.
  let r = 0;
  counts.forEach((c, i) => {
    if (c.articles < (counts[r]?.articles ?? 0)) r = i;
  });
  const rarest: Phrase = { words: [phrase.words[r] ?? ''], prefix: prefixAt(r) };
  // Per rowid, the occurrences.
  const found = new Int32Array(order.rank.length);
  if (counts.some((c) => c.occurrences === 0)) return { counts: found, rarest };
  // One word's count is its occurrences: too many (with no filters to narrow them) is known at once.
  if (n === 1 && !scoped && (counts[0]?.occurrences ?? 0) > MAX_OCCURRENCES) throw new TooMany();
  const positions = counts.reduce((sum, c) => sum + c.occurrences, 0);
  // The articles searched otherwise: those holding the rarest word, at most those the filters keep.
  const articles = Math.min(order.rowids.length, ...counts.map((c) => c.articles));
  if (strategy === 'words' || (strategy === 'auto' && (positions > MAX_POSITIONS || positions * POSITION_COST > articles * perArticle))) return { counts: null, rarest };
  let total = 0;
  const add = (rowid: number): void => {
    if (!inScope(order, rowid)) return;
    found[rowid] = (found[rowid] ?? 0) + 1;
    if (++total > MAX_OCCURRENCES) throw new TooMany();
  };
  if (n === 1) {
    for (const rowid of (await store.textTermPositions(phrase.words[0] ?? '', phrase.prefix)).rowids) add(rowid);
    return { counts: found, rarest };
  }
  // A phrase: where its first word would start, by each word's positions (rowid × 2^24 + position − its place in
  // the phrase, in order), kept where every word agrees: sorted lists merged, the shortest first.
  const lists: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const { rowids, positions: at } = await store.textTermPositions(phrase.words[i] ?? '', prefixAt(i));
    const keys = new Float64Array(rowids.length);
    let k = 0;
    for (let j = 0; j < rowids.length; j++) {
      const rowid = rowids[j] ?? 0;
      const position = at[j] ?? 0;
      if (rowid >= MAX_ROWID || position >= MAX_POSITION) return { counts: null, rarest };
      if (position >= i) keys[k++] = rowid * MAX_POSITION + position - i;
    }
    lists.push(keys.subarray(0, k));
  }
  lists.sort((x, y) => x.length - y.length);
  let starts = lists[0] ?? new Float64Array(0);
  for (const other of lists.slice(1)) {
    const kept = new Float64Array(starts.length);
    let k = 0;
    for (let x = 0, y = 0; x < starts.length && y < other.length; ) {
      const a = starts[x] ?? 0;
      const b = other[y] ?? 0;
      if (a < b) x++;
      else if (b < a) y++;
      else {
        kept[k++] = a;
        x++;
        y++;
      }
    }
    starts = kept.subarray(0, k);
  }
  // Occurrences overlapping an earlier one ("bye bye" in "bye bye bye") are not counted: a text holds them one after another.
  let lastRowid = -1;
  let lastStart = 0;
  for (const key of starts) {
    const rowid = Math.floor(key / MAX_POSITION);
    const start = key - rowid * MAX_POSITION;
    if (rowid === lastRowid && start < lastStart + n) continue;
    lastRowid = rowid;
    lastStart = start;
    add(rowid);
  }
  return { counts: found, rarest };
}

/**
 * Search the texts of these articles (rowids in date order) for the pattern:
 * the occurrences, those articles without any left out. Texts are read a
 * batch at a time in rowid order, and none is kept (nor anything sharing its
 * memory). Throws `TooMany`.
 */
async function searchTexts(store: Store, rowids: Int32Array, pattern: RegExp, sortKeys: boolean): Promise<Occurrences> {
  const byRowid = Int32Array.from(rowids).sort();
  // In rowid order: each article's first occurrence (an index into the arrays below) and its number.
  const found = new Map<number, { first: number; count: number }>();
  const starts: number[] = [];
  const ends: number[] = [];
  const left: string[] = [];
  const right: string[] = [];
  for (let b = 0; b < byRowid.length; b += TEXT_BATCH) {
    for (const article of await store.articleTextBodiesByRowid(Array.from(byRowid.subarray(b, b + TEXT_BATCH)))) {
      const text = foldText(article.text);
      const first = starts.length;
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        if (starts.length >= MAX_OCCURRENCES) throw new TooMany();
        const end = m.index + m[0].length;
        starts.push(m.index);
        ends.push(end);
        if (sortKeys) {
          const keyword = wordsOf(m[0]);
          left.push(sortKey(text, m.index, true, keyword));
          right.push(sortKey(text, end, false, keyword));
        }
      }
      if (starts.length > first) found.set(article.rowid, { first, count: starts.length - first });
    }
  }
  // The same in date order.
  const kept = Array.from(rowids).filter((rowid) => found.has(rowid));
  const firsts = new Int32Array(kept.length + 1);
  const docs = new Int32Array(starts.length);
  const located = { docs, starts: new Int32Array(starts.length), ends: new Int32Array(starts.length) };
  const byDate = { left: new Array<string>(sortKeys ? starts.length : 0), right: new Array<string>(sortKeys ? starts.length : 0) };
  let i = 0;
  kept.forEach((rowid, d) => {
    const { first, count } = found.get(rowid) ?? { first: 0, count: 0 };
    for (let k = first; k < first + count; k++, i++) {
      docs[i] = d;
      located.starts[i] = starts[k] ?? 0;
      located.ends[i] = ends[k] ?? 0;
      if (sortKeys) {
        byDate.left[i] = left[k] ?? '';
        byDate.right[i] = right[k] ?? '';
      }
    }
    firsts[d + 1] = i;
  });
  return { rowids: Int32Array.from(kept), firsts, located, words: null, keys: sortKeys ? byDate : {}, orders: {}, asked: {} };
}

/** Whether two searches found the same articles with as many occurrences in each. */
const agrees = (a: Pick<Occurrences, 'rowids' | 'firsts'>, b: Pick<Occurrences, 'rowids' | 'firsts'>): boolean =>
  a.rowids.length === b.rowids.length && a.rowids.every((rowid, d) => rowid === b.rowids[d] && a.firsts[d + 1] === b.firsts[d + 1]);

/** The articles the full-text index matches to an expression (title or text) under the filters, in date order. */
async function candidates(store: Store, match: string, order: DateOrder): Promise<Int32Array> {
  return inDateOrder(order, await store.fullTextRowids(match));
}

/** The text path: every article the index matches to the phrase under the filters, its text searched. Throws `TooMany`. */
async function occurrencesInTexts(store: Store, phrase: Phrase, order: DateOrder, sortKeys: boolean): Promise<Occurrences> {
  return searchTexts(store, await candidates(store, phraseFts(phrase), order), phraseRegExp(phrase), sortKeys);
}

/**
 * The word index path: the phrase's occurrences in the words of the articles
 * the full-text index counted (else of those holding its rarest word), with
 * the keys to sort by `side`. Null when the word index does not hold an
 * article, or disagrees with the counts (a word the tokenizer reads
 * otherwise): the texts decide then. Throws `TooMany`.
 */
async function occurrencesInWords(
  store: Store,
  index: WordIndex,
  phrase: Phrase,
  rarest: Phrase,
  order: DateOrder,
  counted: Occurrences | null,
  side: ContextSort | null,
): Promise<Occurrences | null> {
  const scanned = scanWords(index, counted?.rowids ?? (await candidates(store, phraseFts(rarest), order)), phrase, MAX_OCCURRENCES);
  if (scanned === 'too many') throw new TooMany();
  if (scanned === null || (counted !== null && !agrees(counted, scanned))) return null;
  const found: Occurrences = { rowids: scanned.rowids, firsts: scanned.firsts, located: null, words: { docs: scanned.docs, at: scanned.at }, keys: {}, orders: {}, asked: {} };
  if (side === null) return found;
  const keys = wordKeys(index, scanned, phrase.words.length, side);
  if (keys === null) return null;
  found.keys[side] = keys;
  return found;
}

/**
 * The word index to use: none for the strategies that read texts, nor when
 * it is too large to hold. `auto` uses it once held (brought up to date):
 * reading it costs about what reading every text once does, which pays for
 * a server (`verbatim serve` reads it at start), not for one concordance.
 */
const wordIndexFor = (store: Store, token: string, strategy: KwicStrategy): Promise<WordIndex | null> =>
  strategy === 'auto' || strategy === 'index' || strategy === 'words' ? wordIndexOf(store, token, { ifHeld: strategy === 'auto' }) : Promise.resolve(null);

/** Where a concordance is kept: by store state, strategy, pattern and filters. */
const cacheKey = (token: string, strategy: KwicStrategy, options: KwicOptions): string =>
  JSON.stringify([token, strategy, options.pattern, options.outlet ?? null, options.from ?? null, options.to ?? null]);

/** Every occurrence of the pattern under the options' filters, with the keys to sort by `sort`; kept until the store changes. */
async function occurrencesOf(store: Store, options: KwicOptions, sort: KwicSort, strategy: KwicStrategy): Promise<Occurrences> {
  const phrase = parsePattern(options.pattern);
  const side = sort === 'article' ? null : sort;
  const token = await store.changeToken();
  const key = cacheKey(token, strategy, options);
  const cached = cache.get(store)?.get(key);
  if (cached !== undefined) {
    keep(store, key, cached);
    if ('refused' in cached) throw new QueryError(cached.refused);
    if (side === null || cached.keys[side] !== undefined) return cached;
    if (cached.words !== null) {
      // Sorted the other way before: this side's keys from the word index.
      const index = await wordIndexFor(store, token, strategy);
      const keys = index === null ? null : wordKeys(index, { rowids: cached.rowids, firsts: cached.firsts, ...cached.words }, phrase.words.length, side);
      if (keys !== null) {
        cached.keys[side] = keys;
        return cached;
      }
    }
  }
  const scoped = options.outlet !== undefined || options.from !== undefined || options.to !== undefined;
  let found: Occurrences;
  try {
    const order = await dateOrderOf(store, token, options);
    const index = await wordIndexFor(store, token, strategy);
    let counted: Occurrences | null = cached ?? null;
    let rarest = phrase;
    if (counted === null && strategy !== 'text') {
      const byIndex = await countByIndex(store, phrase, order, scoped, strategy, index === null ? TEXT_COST : WORD_COST);
      rarest = byIndex.rarest;
      const counts = byIndex.counts;
      if (counts !== null) {
        const rowids = order.rowids.filter((rowid) => (counts[rowid] ?? 0) > 0);
        const firsts = new Int32Array(rowids.length + 1);
        rowids.forEach((rowid, d) => (firsts[d + 1] = (firsts[d] ?? 0) + (counts[rowid] ?? 0)));
        counted = { rowids, firsts, located: null, words: null, keys: {}, orders: {}, asked: {} };
      }
    }
    if (counted !== null && side === null) found = counted;
    else if (index !== null) {
      found = (await occurrencesInWords(store, index, phrase, rarest, order, counted, side)) ?? (await occurrencesInTexts(store, phrase, order, side !== null));
    } else if (counted !== null) {
      // Sorting by context needs every occurrence's words: the texts of the articles the index counted, checked against its counts.
      const searched = await searchTexts(store, counted.rowids, phraseRegExp(phrase), true);
      found = agrees(counted, searched) ? searched : await occurrencesInTexts(store, phrase, order, true);
    } else found = await occurrencesInTexts(store, phrase, order, side !== null);
  } catch (error) {
    if (!(error instanceof TooMany)) throw error;
    const refused = tooMany(options.pattern);
    keep(store, key, { refused });
    throw new QueryError(refused);
  }
  keep(store, key, found);
  return found;
}

/** An occurrence on a page: its article (an index into the occurrences' `rowids`) and offsets. */
interface Hit {
  doc: number;
  start: number;
  end: number;
}

/** How two occurrences (numbers in date order) compare by their keys, then by that order. */
function comparer(keys: string[] | RankedKeys): (x: number, y: number) => number {
  if (Array.isArray(keys)) {
    return (x, y) => {
      const kx = keys[x] ?? '';
      const ky = keys[y] ?? '';
      return kx === ky ? x - y : kx < ky ? -1 : 1;
    };
  }
  const { ranks, width } = keys;
  return (x, y) => {
    for (let i = x * width, j = y * width, end = i + width; i < end; i++, j++) {
      const a = ranks[i] ?? 0;
      const b = ranks[j] ?? 0;
      if (a !== b) return a - b;
    }
    return x - y;
  };
}

/** The article holding occurrence `i`: the last whose first occurrence is at or before it. */
function docOf(found: Occurrences, i: number): number {
  const known = found.words?.docs[i] ?? found.located?.docs[i];
  if (known !== undefined) return known;
  const { firsts } = found;
  let lo = 0;
  let hi = found.rowids.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((firsts[mid] ?? 0) <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * These occurrences (numbers in date order) of a concordance not located in
 * the texts: their articles' texts read and searched. Null when a text does
 * not hold as many occurrences as were counted in it.
 */
async function pageHits(store: Store, found: Occurrences, pattern: RegExp, chosen: readonly number[]): Promise<{ hits: Hit[]; texts: Map<number, ArticleText> } | null> {
  const { firsts, rowids } = found;
  const docs = [...new Set(chosen.map((i) => docOf(found, i)))];
  const read = new Map((await store.articleTextsByRowid(docs.map((d) => rowids[d] ?? 0))).map((t) => [t.rowid, t]));
  const texts = new Map<number, ArticleText>();
  const spans = new Map<number, Span[]>();
  for (const d of docs) {
    const article = read.get(rowids[d] ?? 0);
    if (article === undefined) return null;
    const found = findPhrase(foldText(article.text), pattern);
    if (found.length !== (firsts[d + 1] ?? 0) - (firsts[d] ?? 0)) return null;
    texts.set(d, article);
    spans.set(d, found);
  }
  const hits = chosen.map((i): Hit => {
    const d = docOf(found, i);
    const span = spans.get(d)?.[i - (firsts[d] ?? 0)] ?? { start: 0, end: 0 };
    return { doc: d, start: span.start, end: span.end };
  });
  return { hits, texts };
}

/**
 * The concordance of a pattern. A pattern that cannot be read, or found too
 * often, is a `QueryError` naming it. `strategy` is for tests and
 * measurements (see `KwicStrategy`).
 */
export async function kwic(store: Store, options: KwicOptions, strategy: KwicStrategy = 'auto'): Promise<KwicResult> {
  const width = options.width ?? DEFAULT_WIDTH;
  const phrase = parsePattern(options.pattern);
  if (!Number.isSafeInteger(width) || width < 1 || width > MAX_WIDTH) throw new StoreError(`the width of the context takes a whole number of characters from 1 to ${MAX_WIDTH}, not ${width}`);
  const sort = options.sort ?? 'article';
  const found = await occurrencesOf(store, options, sort, strategy);
  const total = found.firsts[found.firsts.length - 1] ?? 0;
  const offset = Math.max(0, options.offset ?? 0);
  const limit = Math.max(0, options.limit ?? DEFAULT_LIMIT);
  const keys = sort === 'article' ? undefined : found.keys[sort];
  let chosen: number[];
  if (sort === 'article' || keys === undefined) {
    chosen = Array.from({ length: Math.max(0, Math.min(total, offset + limit) - offset) }, (_, i) => offset + i);
  } else {
    const compare = comparer(keys);
    const n = offset + limit;
    const asked = (found.asked[sort] ?? 0) + 1;
    found.asked[sort] = asked;
    let order = found.orders[sort];
    if (order === undefined && asked > 1) {
      // Asked again (another page, say): every occurrence sorted once, each page then a slice.
      order = Int32Array.from({ length: total }, (_, i) => i).sort(compare);
      found.orders[sort] = order;
    }
    chosen = order === undefined
      ? firstInOrder(Array.from({ length: total }, (_, i) => i), n, compare).slice(offset)
      : Array.from(order.subarray(0, n)).slice(offset);
  }
  let page: Hit[];
  let texts: Map<number, ArticleText>;
  if (found.located === null) {
    const read = chosen.length > 0 ? await pageHits(store, found, phraseRegExp(phrase), chosen) : { hits: [], texts: new Map<number, ArticleText>() };
    if (read === null) {
      // The index and a text disagree (a word the tokenizer reads otherwise): the whole concordance from the texts, kept instead.
      keep(store, cacheKey(await store.changeToken(), strategy, options), await occurrencesOf(store, options, sort, 'text'));
      return kwic(store, options, 'text');
    }
    page = read.hits;
    texts = read.texts;
  } else {
    const { docs, starts, ends } = found.located;
    page = chosen.map((i) => ({ doc: docs[i] ?? 0, start: starts[i] ?? 0, end: ends[i] ?? 0 }));
    const read = new Map((await store.articleTextsByRowid([...new Set(page.map((h) => found.rowids[h.doc] ?? 0))])).map((t) => [t.rowid, t]));
    texts = new Map(page.map((h) => [h.doc, read.get(found.rowids[h.doc] ?? 0)]).filter((e): e is [number, ArticleText & { rowid: number }] => e[1] !== undefined));
  }
  const ids = [...new Set([...texts.values()].map((t) => t.id))];
  const sentences = options.sentence === true ? await store.articleSentences(ids) : null;
  const rows = page.flatMap((h): KwicRow[] => {
    const article = texts.get(h.doc);
    return article === undefined ? [] : [rowOf(article, h, width, sentences?.get(article.id) ?? null)];
  });
  return { rows, total, articles: found.rowids.length };
}

function rowOf(article: ArticleText, hit: { start: number; end: number }, width: number, sentences: readonly SentenceSpan[] | null): KwicRow {
  const { text } = article;
  let leftStart = -1;
  let rightEnd = -1;
  let sentence: string | null = null;
  if (sentences !== null) {
    const first = sentences.find((s) => s.start <= hit.start && hit.start < s.end);
    const last = sentences.find((s) => s.start < hit.end && hit.end <= s.end);
    if (first !== undefined && last !== undefined) {
      leftStart = first.start;
      rightEnd = last.end;
      sentence = first.id === last.id ? first.id : `${first.id}-${last.id}`;
    }
  }
  // Without a sentence (none asked for, or the keyword is in none): the width either side.
  if (sentence === null) {
    leftStart = leftCut(text, hit.start, width);
    rightEnd = rightCut(text, hit.end, width);
  }
  return {
    articleId: article.id,
    title: article.title,
    outlet: article.outlet,
    published: article.published,
    left: text.slice(leftStart, hit.start),
    keyword: text.slice(hit.start, hit.end),
    right: text.slice(hit.end, rightEnd),
    start: hit.start,
    end: hit.end,
    leftStart,
    rightEnd,
    sentence,
  };
}
