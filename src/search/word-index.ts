/**
 * The word index held in memory (see `word-ids.ts`): every stored article's
 * words as packed ids in one buffer, and the words. A concordance finds a
 * pattern's occurrences in the articles the full-text index names and the
 * words either side of each, without reading a text: at 100,000 articles
 * that is about 70 MB, read from the store once per process and then only
 * the articles stored since.
 */
import type { Store } from '../store/store.js';
import type { Phrase } from './query.js';
import { unpackWordIds } from './word-ids.js';

/** The most memory the ids may take (4 bytes a word: about 500,000 news articles); a larger corpus is searched in its texts. */
export const WORD_INDEX_BYTES = 512 * 2 ** 20;
/** Articles read from the store at a time. */
const LOAD_BATCH = 5_000;

export class WordIndex {
  /** Word by id. */
  readonly words: string[] = [];
  private ids = new Map<string, number>();
  /** Each word's place in code-unit order (how strings compare), once asked for; null after words are added. */
  private ranked: Int32Array | null = null;
  /** Every article's ids, one after another. */
  private tokens = new Uint32Array(1 << 20);
  private used = 0;
  /** Per rowid, where its ids start (-1: not held) and end in `tokens`. */
  private starts = new Int32Array(1024).fill(-1);
  private ends = new Int32Array(1024);
  /** Articles held. */
  articles = 0;
  /** The last `seq` (see `Store.articleWordIds`) held. */
  private seq = 0;
  /** What `changeToken` said when the index was last brought up to date. */
  token = '';
  /** More than `WORD_INDEX_BYTES`: nothing is held. */
  tooLarge = false;

  /** Read the articles stored since the last call, then the words (after: the words cover every id the articles hold). */
  async update(store: Store, limit: number): Promise<void> {
    for (;;) {
      const rows = await store.articleWordIds(this.seq, LOAD_BATCH);
      for (const { seq, rowid, ids } of rows) {
        // Packed ids are at least a byte each: room for that many is enough.
        if ((this.used + ids.length) * 4 > limit) {
          this.release();
          return;
        }
        this.hold(rowid, ids);
        this.seq = seq;
      }
      if (rows.length < LOAD_BATCH) break;
    }
    const added = await store.wordsFrom(this.words.length);
    for (const word of added) {
      this.ids.set(word, this.words.length);
      this.words.push(word);
    }
    if (added.length > 0) this.ranked = null;
  }

  private hold(rowid: number, packed: Uint8Array): void {
    if (this.used + packed.length > this.tokens.length) {
      const grown = new Uint32Array(Math.max(this.tokens.length * 2, this.used + packed.length));
      grown.set(this.tokens.subarray(0, this.used));
      this.tokens = grown;
    }
    if (rowid >= this.starts.length) {
      const size = Math.max(this.starts.length * 2, rowid + 1);
      const starts = new Int32Array(size).fill(-1);
      const ends = new Int32Array(size);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    // An article written again (another text from the same file) is held again; its old ids stay, unused.
    const wasHeld = (this.starts[rowid] ?? -1) >= 0;
    let count: number;
    try {
      count = unpackWordIds(packed, this.tokens, this.used);
    } catch {
      // Ids that cannot be read (a damaged row): the article is not held, and a concordance reads its text instead.
      if (wasHeld) this.articles--;
      this.starts[rowid] = -1;
      return;
    }
    if (!wasHeld) this.articles++;
    this.starts[rowid] = this.used;
    this.used += count;
    this.ends[rowid] = this.used;
  }

  private release(): void {
    this.tooLarge = true;
    this.tokens = new Uint32Array(0);
    this.starts = new Int32Array(0);
    this.ends = new Int32Array(0);
    this.words.length = 0;
    this.ids = new Map();
    this.ranked = null;
    this.articles = 0;
  }

  /** Megabytes the ids take. */
  get megabytes(): number {
    return (this.used * 4) / 2 ** 20;
  }

  /** One article's ids (a view, not a copy), or null when it is not held. */
  articleIds(rowid: number): Uint32Array | null {
    const start = this.starts[rowid] ?? -1;
    return start < 0 ? null : this.tokens.subarray(start, this.ends[rowid] ?? start);
  }

  /** Each word's rank when the words are sorted as strings compare. */
  ranks(): Int32Array {
    if (this.ranked === null) {
      const { words } = this;
      const order = Array.from(words.keys()).sort((a, b) => {
        const x = words[a] ?? '';
        const y = words[b] ?? '';
        return x < y ? -1 : x > y ? 1 : 0;
      });
      this.ranked = new Int32Array(words.length);
      order.forEach((id, rank) => (this.ranked![id] = rank));
    }
    return this.ranked;
  }

  /** The phrase as something to match ids against: each word's id (or -1, a word never stored), and for a prefix the ids of the words it begins. */
  matcher(phrase: Phrase): { exact: Int32Array; prefixed: Uint8Array | null } {
    const n = phrase.words.length;
    const exact = Int32Array.from(phrase.words, (word) => this.ids.get(word) ?? -1);
    let prefixed: Uint8Array | null = null;
    if (phrase.prefix) {
      const start = phrase.words[n - 1] ?? '';
      const flags = new Uint8Array(this.words.length);
      this.words.forEach((word, id) => {
        if (word.startsWith(start)) flags[id] = 1;
      });
      prefixed = flags;
    }
    return { exact, prefixed };
  }
}

/** The word index held for each store, and its update under way. */
const held = new WeakMap<Store, { index: WordIndex; updating: Promise<void> | null }>();

/**
 * The store's word index as of `token` (its `changeToken`), read or brought
 * up to date as needed; null when it would take more than `limit` bytes, or
 * with `ifHeld` when it has not been read yet (reading it takes about a
 * second at 100,000 articles: worth it for sorting by context, not for a
 * page in article order).
 */
export async function wordIndexOf(store: Store, token: string, options: { limit?: number; ifHeld?: boolean } = {}): Promise<WordIndex | null> {
  let entry = held.get(store);
  if (entry === undefined) {
    if (options.ifHeld === true) return null;
    entry = { index: new WordIndex(), updating: null };
    held.set(store, entry);
  }
  const { index } = entry;
  while (index.token !== token && !index.tooLarge) {
    const current = entry;
    current.updating ??= index
      .update(store, options.limit ?? WORD_INDEX_BYTES)
      .then(() => {
        index.token = token;
      })
      .finally(() => {
        current.updating = null;
      });
    await current.updating;
  }
  return index.tooLarge ? null : index;
}

/** Words compared when sorting by context. */
export const SORT_WORDS = 4;

/**
 * What an occurrence sorts by on one side: the words there, nearest first,
 * up to `SORT_WORDS`, then the keyword's words, joined by U+0000 with an
 * empty string between the two. U+0000 is in no word, so comparing two keys
 * as strings compares the words one by one (a word before a longer one it
 * begins, fewer words first), then the keywords. A new string: it never
 * holds on to a text's memory.
 */
export function contextKey(near: readonly string[], keyword: readonly string[]): string {
  let key = '';
  for (const word of near) key += `${word}\u0000`;
  return `${key}\u0000${keyword.join('\u0000')}`;
}

/** A phrase's occurrences found in the word index. */
export interface WordOccurrences {
  /** The articles holding it (rowids), in the order asked for. */
  rowids: Int32Array;
  /** Per article, where its occurrences begin; one more at the end, the total. */
  firsts: Int32Array;
  /** Per occurrence: its article (an index into `rowids`) and its first word's place in the article's words. */
  docs: Int32Array;
  at: Int32Array;
}

/**
 * The phrase's occurrences in these articles (rowids, kept in that order),
 * as a text is read: whole words in order, the last any word it begins when
 * a prefix, one occurrence after another (never overlapping). Null when an
 * article is not held; 'too many' past `max` occurrences.
 */
export function scanWords(index: WordIndex, rowids: Int32Array, phrase: Phrase, max: number): WordOccurrences | null | 'too many' {
  const { exact, prefixed } = index.matcher(phrase);
  const last = exact.length - 1;
  const first = exact[0] ?? -1;
  const lastId = exact[last] ?? -1;
  const kept: number[] = [];
  const firsts: number[] = [0];
  const docs: number[] = [];
  const at: number[] = [];
  for (const rowid of rowids) {
    const ids = index.articleIds(rowid);
    if (ids === null) return null;
    const before = at.length;
    const end = ids.length - last;
    for (let i = 0; i < end; i++) {
      const id = ids[i] ?? 0;
      if (last === 0 ? (prefixed === null ? id !== first : prefixed[id] !== 1) : id !== first) continue;
      if (last > 0) {
        let k = 1;
        while (k < last && ids[i + k] === exact[k]) k++;
        if (k < last) continue;
        const tail = ids[i + last] ?? 0;
        if (prefixed === null ? tail !== lastId : prefixed[tail] !== 1) continue;
      }
      if (at.length >= max) return 'too many';
      docs.push(kept.length);
      at.push(i);
      i += last;
    }
    if (at.length > before) {
      kept.push(rowid);
      firsts.push(at.length);
    }
  }
  return { rowids: Int32Array.from(kept), firsts: Int32Array.from(firsts), docs: Int32Array.from(docs), at: Int32Array.from(at) };
}

/**
 * What each occurrence sorts by on one side, as numbers: `width` per
 * occurrence, the ranks (see `WordIndex.ranks`) of up to `SORT_WORDS` words
 * there, nearest first, then of the keyword's words, -1 where there is no
 * word. Compared slot by slot they order occurrences as their `contextKey`s
 * do as strings. Null when an article is no longer held.
 */
export function wordKeys(index: WordIndex, found: WordOccurrences, length: number, side: 'left' | 'right'): RankedKeys | null {
  const ranks = index.ranks();
  const width = SORT_WORDS + length;
  const keys = new Int32Array(found.docs.length * width).fill(-1);
  for (let d = 0; d < found.rowids.length; d++) {
    const ids = index.articleIds(found.rowids[d] ?? 0);
    if (ids === null) return null;
    for (let o = found.firsts[d] ?? 0; o < (found.firsts[d + 1] ?? 0); o++) {
      const start = found.at[o] ?? 0;
      const slot = o * width;
      if (side === 'left') for (let w = 0, i = start - 1; w < SORT_WORDS && i >= 0; w++, i--) keys[slot + w] = ranks[ids[i] ?? 0] ?? 0;
      else for (let w = 0, i = start + length; w < SORT_WORDS && i < ids.length; w++, i++) keys[slot + w] = ranks[ids[i] ?? 0] ?? 0;
      for (let k = 0; k < length; k++) keys[slot + SORT_WORDS + k] = ranks[ids[start + k] ?? 0] ?? 0;
    }
  }
  return { ranks: keys, width };
}

/** Sort keys as numbers (see `wordKeys`). */
export interface RankedKeys {
  ranks: Int32Array;
  width: number;
}
