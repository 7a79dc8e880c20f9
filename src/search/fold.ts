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
const NON_ASCII = /[\u0080-\uFFFF]/;
const NON_ASCII_RUNS = /[\u0080-\uFFFF]+/g;

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
  // Runs of non-ASCII characters, each folded code point by code point (a replacement per character costs more: most texts have a few pound signs and curly quotes).
  return isAscii(base) ? base : base.replace(NON_ASCII_RUNS, foldRun);
}

/** Whether a string is all ASCII: as long in UTF-8 as in UTF-16 (Node counts that five times faster than a regular expression scans). */
const isAscii = (text: string): boolean => (typeof Buffer === 'undefined' ? !NON_ASCII.test(text) : Buffer.byteLength(text, 'utf8') === text.length);

function foldRun(run: string): string {
  let out = '';
  for (const c of run) out += foldChar(c);
  return out;
}

/** The words of `text`, folded (for queries and patterns). */
export function foldedWords(text: string): string[] {
  return wordsOf(foldText(text));
}

/** The words of text already folded, in order. */
export function wordsOf(folded: string): string[] {
  return folded.match(WORDS) ?? [];
}

/** Whether `c` (one character) belongs to a word. */
export const isWordChar = (c: string | undefined): boolean => c !== undefined && WORD_CHAR_TEST.test(c);

/** `text` with regular expression syntax escaped. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/gu, '\\$&');
