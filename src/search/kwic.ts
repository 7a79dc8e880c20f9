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

/** Folded words compared as `<` compares strings (by UTF-16 unit), a word before a longer one it begins. */
function compareWords(fa: string, a0: number, a1: number, fb: string, b0: number, b1: number): number {
  const n = Math.min(a1 - a0, b1 - b0);
  for (let k = 0; k < n; k++) {
    const d = fa.charCodeAt(a0 + k) - fb.charCodeAt(b0 + k);
    if (d !== 0) return d;
  }
  return a1 - a0 - (b1 - b0);
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

/** The words on one side of two occurrences compared, nearest first, up to `SORT_WORDS`; fewer words sort first. */
function compareContexts(fa: string, a: number, fb: string, b: number, back: boolean): number {
  const x = new Words(fa, a, back);
  const y = new Words(fb, b, back);
  for (let w = 0; w < SORT_WORDS; w++) {
    const hasX = x.next();
    const hasY = y.next();
    if (!hasX || !hasY) return hasX === hasY ? 0 : hasX ? 1 : -1;
    const d = compareWords(fa, x.start, x.end, fb, y.start, y.end);
    if (d !== 0) return d;
  }
  return 0;
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

/** The concordance of a pattern. A pattern that cannot be read, or found too often, is a `QueryError` naming it. */
export async function kwic(store: Store, options: KwicOptions): Promise<KwicResult> {
  const phrase = parsePattern(options.pattern);
  const width = options.width ?? DEFAULT_WIDTH;
  if (!Number.isSafeInteger(width) || width < 1 || width > MAX_WIDTH) throw new StoreError(`the width of the context takes a whole number of characters from 1 to ${MAX_WIDTH}, not ${width}`);
  const sort = options.sort ?? 'article';
  const texts = await store.matchingTexts({
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
  const folded: string[] = [];
  let articles = 0;
  texts.forEach((article, doc) => {
    const text = foldText(article.text);
    if (sort !== 'article') folded[doc] = text;
    const before = docs.length;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      docs.push(doc);
      starts.push(m.index);
      ends.push(m.index + m[0].length);
      if (docs.length > MAX_OCCURRENCES) {
        throw new QueryError(`the pattern ${showQuery(options.pattern)} occurs more than ${MAX_OCCURRENCES.toLocaleString('en-GB')} times: narrow it (more words, an outlet, dates)`);
      }
    }
    if (docs.length > before) articles++;
  });
  const offset = options.offset ?? 0;
  const limit = options.limit ?? DEFAULT_LIMIT;
  const at = (list: readonly number[], i: number): number => list[i] ?? 0;
  const compare = (x: number, y: number): number => {
    const fx = folded[at(docs, x)] ?? '';
    const fy = folded[at(docs, y)] ?? '';
    const context = sort === 'left' ? compareContexts(fx, at(starts, x), fy, at(starts, y), true) : compareContexts(fx, at(ends, x), fy, at(ends, y), false);
    return context || compareWords(fx, at(starts, x), at(ends, x), fy, at(starts, y), at(ends, y)) || at(docs, x) - at(docs, y) || at(starts, x) - at(starts, y);
  };
  const chosen = sort === 'article'
    ? Array.from({ length: Math.max(0, Math.min(limit, docs.length - offset)) }, (_, i) => offset + i)
    : firstInOrder(Array.from({ length: docs.length }, (_, i) => i), offset + limit, compare).slice(offset);
  const page = chosen.map((i) => ({ doc: at(docs, i), start: at(starts, i), end: at(ends, i) }));
  const sentences = options.sentence === true ? await store.articleSentences([...new Set(page.map((h) => texts[h.doc]?.id ?? ''))]) : null;
  const rows = page.flatMap((h): KwicRow[] => {
    const article = texts[h.doc];
    return article === undefined ? [] : [rowOf(article, h, width, sentences?.get(article.id) ?? null)];
  });
  return { rows, total: docs.length, articles };
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
