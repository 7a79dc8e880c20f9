/**
 * The word index: each article's words (as `fold.ts` reads them: folded, in
 * text order) as numbers, one id per distinct word, kept in the store next
 * to the full-text index. FTS5 says which articles hold a word and where,
 * but not which words stand next to it, and sorting a concordance by
 * context needs exactly that for every occurrence; reading and searching
 * every matching text for it cost seconds at 100,000 articles.
 *
 * An article's ids are packed as unsigned LEB128 (7 bits a byte, the high
 * bit set on every byte but the last): common words get small ids, so most
 * take one byte and an article's words take about a third of its text.
 */
/** The largest word id (four bytes packed): 268 million words. */
export const MAX_WORD_ID = 2 ** 28 - 1;

/** Ids packed: at most 4 bytes each. */
export function packWordIds(ids: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(ids.length * 4);
  let p = 0;
  for (let i = 0; i < ids.length; i++) {
    let id = ids[i] ?? 0;
    if (!Number.isInteger(id) || id < 0 || id > MAX_WORD_ID) throw new RangeError(`a word id is a whole number from 0 to ${MAX_WORD_ID}, not ${id}`);
    while (id >= 0x80) {
      out[p++] = (id & 0x7f) | 0x80;
      id >>>= 7;
    }
    out[p++] = id;
  }
  return out.slice(0, p);
}

/**
 * Ids unpacked from `bytes` into `out` from `at` on (room for
 * `bytes.length` more is the caller's): their number. Throws on a truncated
 * id or one past `MAX_WORD_ID`.
 */
export function unpackWordIds(bytes: Uint8Array, out: Uint32Array, at: number): number {
  let n = at;
  const length = bytes.length;
  for (let i = 0; i < length; ) {
    // Integer arithmetic throughout (a number read past the end would be undefined: never, by the loop's bounds).
    let b = bytes[i++] as number;
    let id = b & 0x7f;
    for (let shift = 7; b >= 0x80; shift += 7) {
      if (i >= length || shift > 21) throw new RangeError(`packed word ids end inside an id, or hold one past ${MAX_WORD_ID}`);
      b = bytes[i++] as number;
      id |= (b & 0x7f) << shift;
    }
    out[n++] = id;
  }
  return n - at;
}
