/**
 * Words as the full-text index sees them, so that offsets found in an
 * article's text agree with what FTS5 matched: a word is a run of letters,
 * digits, private-use characters and combining marks (the unicode61
 * tokenizer's token characters), compared without case and without
 * diacritics. Everything else (spaces, punctuation, apostrophes straight or
 * curly, hyphens) separates words.
 */

/** One character of a word, as a regular expression class body. */
const WORD_CLASS = String.raw`\p{L}\p{N}\p{Co}\p{M}`;
/** One character of a word. */
export const WORD_CHAR = `[${WORD_CLASS}]`;
/** One or more characters between words. */
export const GAP = `[^${WORD_CLASS}]+`;

const WORDS = new RegExp(`${WORD_CHAR}+`, 'gu');
const WORD_CHAR_TEST = new RegExp(`^${WORD_CHAR}$`, 'u');
const NON_ASCII = /\P{ASCII}/u;

const folded = new Map<string, string>();

/** One character (code point) without case or diacritics, in exactly as many UTF-16 units. */
function foldChar(c: string): string {
  let out = folded.get(c);
  if (out === undefined) {
    const lower = c.toLowerCase();
    const bare = lower.normalize('NFD').replace(/\p{M}/gu, '');
    out = bare.length === c.length ? bare : lower.length === c.length ? lower : c;
    if (folded.size < 10_000) folded.set(c, out);
  }
  return out;
}

/**
 * The text without case or diacritics, character for character: the result
 * has the same length, so an offset into it is an offset into `text`.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // A few characters lower-case into two (İ): then case is folded character by character, those kept.
  const base = lower.length === text.length ? lower : text.replace(/[A-Z\P{ASCII}]/gu, (c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c));
  return NON_ASCII.test(base) ? base.replace(/\P{ASCII}/gu, foldChar) : base;
}

/** The words of `text`, folded (for queries and patterns). */
export function foldedWords(text: string): string[] {
  return [...foldText(text).matchAll(WORDS)].map((m) => m[0]);
}

/** Whether `c` (one character) belongs to a word. */
export const isWordChar = (c: string | undefined): boolean => c !== undefined && WORD_CHAR_TEST.test(c);

/** `text` with regular expression syntax escaped. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/gu, '\\$&');
