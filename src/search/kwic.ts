/**
 * A concordance (keyword in context): every occurrence of a pattern in the
 * stored articles, with the words either side. The full-text index names the
 * articles that hold the pattern's words; the occurrences are then found in
 * each text (see `match.ts`), so every row's keyword is exactly
 * `text.slice(start, end)`.
 */
import { StoreError, type ArticleText, type SentenceSpan, type Store } from '../store/store.js';
import { foldText, isWordChar } from './fold.js';
import { phraseRegExp } from './match.js';
import { parsePattern, phraseFts, QueryError, showQuery } from './query.js';

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
/** Words compared when sorting by context. */
const SORT_WORDS = 4;
/** Characters read either side for those words. */
const SORT_REACH = 100;

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

/**
 * A cursor over the folded words on one side of an occurrence, nearest first,
 * at most `SORT_REACH` characters away (a word the reach cuts is left out).
 * No strings are made: sorting a concordance of a common word compares tens
 * of thousands of contexts.
 */
class Words {
  start = 0;
  end = 0;
  private at: number;
  private readonly limit: number;

  constructor(
    private readonly folded: string,
    from: number,
    private readonly back: boolean,
  ) {
    this.at = from;
    this.limit = back ? Math.max(0, from - SORT_REACH) : Math.min(folded.length, from + SORT_REACH);
  }

  /** Move to the next word; false when there is none. */
  next(): boolean {
    const { folded: f, limit } = this;
    let i = this.at;
    if (this.back) {
      while (i > limit && !wordAt(f, i - 1)) i--;
      this.end = i;
      while (i > limit && wordAt(f, i - 1)) i--;
      this.start = i;
      this.at = i;
      return this.end > i && !(i === limit && limit > 0 && wordAt(f, i - 1));
    }
    while (i < limit && !wordAt(f, i)) i++;
    this.start = i;
    while (i < limit && wordAt(f, i)) i++;
    this.end = i;
    this.at = i;
    return i > this.start && !(i === limit && limit < f.length && wordAt(f, i));
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
  /** The articles holding the pattern, in date order. */
  ids: string[];
  /** Per occurrence (in date order, then text order): its article (an index into `ids`) and offsets. */
  docs: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  /** Articles holding at least one. */
  articles: number;
  /** Per occurrence, with `sortKeys`: the folded keyword and the folded words either side, nearest first, joined by U+0000 (see `contextKey`). */
  keys: { keyword: string[]; left: string[]; right: string[] } | null;
  /** Occurrences in a context order, once a page of it has been asked for twice. */
  orders: Partial<Record<KwicSort, Int32Array>>;
  /** Pages cut from each context order (the second sorts them all). */
  asked: Partial<Record<KwicSort, number>>;
}

/** A refusal, kept as the occurrences would be. */
interface Refusal {
  refused: string;
}

/** Concordances kept per store, least recently used first. */
const cache = new WeakMap<Store, Map<string, Occurrences | Refusal>>();
/** At most so many kept per store, and so many occurrences in all. */
const CACHED_CONCORDANCES = 64;
const CACHED_OCCURRENCES = 1_000_000;

/**
 * The folded words on one side of an occurrence, nearest first, up to
 * `SORT_WORDS`, joined by U+0000 (which no word holds): comparing two such
 * keys as strings compares the words one by one, a word before a longer one
 * it begins, fewer words first.
 */
function contextKey(folded: string, from: number, back: boolean): string {
  const words = new Words(folded, from, back);
  const out: string[] = [];
  for (let w = 0; w < SORT_WORDS && words.next(); w++) out.push(folded.slice(words.start, words.end));
  return out.join('\u0000');
}

function keep(store: Store, key: string, value: Occurrences | Refusal): void {
  let kept = cache.get(store);
  if (kept === undefined) {
    kept = new Map();
    cache.set(store, kept);
  }
  kept.delete(key);
  kept.set(key, value);
  const size = (v: Occurrences | Refusal): number => ('refused' in v ? 0 : v.docs.length);
  let total = 0;
  for (const v of kept.values()) total += size(v);
  for (const [k, v] of kept) {
    if (kept.size <= 1 || (kept.size <= CACHED_CONCORDANCES && total <= CACHED_OCCURRENCES)) break;
    kept.delete(k);
    total -= size(v);
  }
}

/** Every occurrence of the pattern under the options' filters (with sort keys when `sortKeys`); kept until the store changes. */
async function occurrencesOf(store: Store, options: KwicOptions, sortKeys: boolean): Promise<Occurrences> {
  const phrase = parsePattern(options.pattern);
  const key = JSON.stringify([await store.changeToken(), options.pattern, options.outlet ?? null, options.from ?? null, options.to ?? null]);
  const cached = cache.get(store)?.get(key);
  if (cached !== undefined) {
    keep(store, key, cached);
    if ('refused' in cached) throw new QueryError(cached.refused);
    if (cached.keys !== null || !sortKeys) return cached;
  }
  const texts = await store.matchingTextBodies({
    match: phraseFts(phrase),
    ...(options.outlet === undefined ? {} : { outlet: options.outlet }),
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.to === undefined ? {} : { to: options.to }),
  });
  const pattern = phraseRegExp(phrase);
  // Occurrences as parallel arrays (an object each would be tens of thousands for a common word).
  const docs: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const keys = sortKeys ? { keyword: [] as string[], left: [] as string[], right: [] as string[] } : null;
  let articles = 0;
  for (let doc = 0; doc < texts.length; doc++) {
    const text = foldText(texts[doc]?.text ?? '');
    const before = docs.length;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const end = m.index + m[0].length;
      docs.push(doc);
      starts.push(m.index);
      ends.push(end);
      if (docs.length > MAX_OCCURRENCES) {
        const refused = `the pattern ${showQuery(options.pattern)} occurs more than ${MAX_OCCURRENCES.toLocaleString('en-GB')} times: narrow it (more words, an outlet, dates)`;
        keep(store, key, { refused });
        throw new QueryError(refused);
      }
      if (keys !== null) {
        keys.keyword.push(text.slice(m.index, end));
        keys.left.push(contextKey(text, m.index, true));
        keys.right.push(contextKey(text, end, false));
      }
    }
    if (docs.length > before) articles++;
  }
  const found: Occurrences = {
    ids: texts.map((t) => t.id),
    docs: Int32Array.from(docs),
    starts: Int32Array.from(starts),
    ends: Int32Array.from(ends),
    articles,
    keys,
    orders: {},
    asked: {},
  };
  keep(store, key, found);
  return found;
}

/** The concordance of a pattern. A pattern that cannot be read, or found too often, is a `QueryError` naming it. */
export async function kwic(store: Store, options: KwicOptions): Promise<KwicResult> {
  const width = options.width ?? DEFAULT_WIDTH;
  parsePattern(options.pattern);
  if (!Number.isSafeInteger(width) || width < 1 || width > MAX_WIDTH) throw new StoreError(`the width of the context takes a whole number of characters from 1 to ${MAX_WIDTH}, not ${width}`);
  const sort = options.sort ?? 'article';
  const found = await occurrencesOf(store, options, sort !== 'article');
  const { docs, starts, ends } = found;
  const offset = options.offset ?? 0;
  const limit = options.limit ?? DEFAULT_LIMIT;
  let chosen: number[];
  if (sort === 'article' || found.keys === null) {
    chosen = Array.from({ length: Math.max(0, Math.min(limit, docs.length - offset)) }, (_, i) => offset + i);
  } else {
    const { keyword } = found.keys;
    const context = sort === 'left' ? found.keys.left : found.keys.right;
    const compare = (x: number, y: number): number => {
      const cx = context[x] ?? '';
      const cy = context[y] ?? '';
      if (cx !== cy) return cx < cy ? -1 : 1;
      const kx = keyword[x] ?? '';
      const ky = keyword[y] ?? '';
      if (kx !== ky) return kx < ky ? -1 : 1;
      return x - y;
    };
    const n = offset + limit;
    const asked = (found.asked[sort] ?? 0) + 1;
    found.asked[sort] = asked;
    let order = found.orders[sort];
    if (order === undefined && asked > 1) {
      // Asked again (another page, say): every occurrence sorted once, each page then a slice.
      order = Int32Array.from({ length: docs.length }, (_, i) => i).sort(compare);
      found.orders[sort] = order;
    }
    chosen = order === undefined
      ? firstInOrder(Array.from({ length: docs.length }, (_, i) => i), n, compare).slice(offset)
      : Array.from(order.subarray(0, Math.max(0, n))).slice(offset);
  }
  const page = chosen.map((i) => ({ doc: docs[i] ?? 0, start: starts[i] ?? 0, end: ends[i] ?? 0 }));
  const ids = [...new Set(page.map((h) => found.ids[h.doc] ?? ''))];
  const texts = new Map((await store.articleTexts(ids)).map((t) => [t.id, t]));
  const sentences = options.sentence === true ? await store.articleSentences(ids) : null;
  const rows = page.flatMap((h): KwicRow[] => {
    const article = texts.get(found.ids[h.doc] ?? '');
    return article === undefined ? [] : [rowOf(article, h, width, sentences?.get(article.id) ?? null)];
  });
  return { rows, total: docs.length, articles: found.articles };
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
