/**
 * Where a phrase occurs in a text: its words in order, whole words (the last
 * one any word it begins when it is a prefix), separated by anything that is
 * not a word, compared without case or diacritics. This is what FTS5 matched,
 * found again at character offsets.
 */
import type { Span } from '../model/document.js';
import { escapeRegExp, GAP, WORD_CHAR } from './fold.js';
import type { Phrase } from './query.js';

/** The phrase as a global regular expression over folded text (see `foldText`). */
export function phraseRegExp(phrase: Phrase): RegExp {
  const words = phrase.words.map(escapeRegExp).join(GAP);
  return new RegExp(`(?<!${WORD_CHAR})${words}${phrase.prefix ? `${WORD_CHAR}*` : ''}(?!${WORD_CHAR})`, 'gu');
}

/** A phrase's occurrences in folded text, in text order, at most `max`. */
export function findPhrase(folded: string, pattern: RegExp, max = Number.POSITIVE_INFINITY): Span[] {
  const out: Span[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(folded); m !== null && out.length < max; m = pattern.exec(folded)) {
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** An occurrence of one of several phrases. */
export interface PhraseMatch extends Span {
  /** Index of the phrase in the list searched for. */
  phrase: number;
}

/** Every occurrence of any of the phrases, by start (then longest first), at most `max` in all. */
export function findPhrases(folded: string, patterns: readonly RegExp[], max: number): PhraseMatch[] {
  const out: PhraseMatch[] = [];
  patterns.forEach((pattern, phrase) => {
    for (const span of findPhrase(folded, pattern, max)) out.push({ ...span, phrase });
  });
  out.sort((a, b) => a.start - b.start || b.end - a.end || a.phrase - b.phrase);
  return out.slice(0, max);
}

/** Spans joined where they overlap or touch: what to mark. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}
