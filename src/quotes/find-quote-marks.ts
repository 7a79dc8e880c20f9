/**
 * Stage: find what stands between quote marks, in the headline and in every
 * story paragraph (boilerplate paragraphs are skipped, and no quote crosses
 * one).
 *
 * 1. Each mark (straight or curly, double or single) gets a role from its
 *    neighbours: a single mark between two letters or digits is an apostrophe
 *    (it's, Bailey’s, don't), as is one that elides the start of a word
 *    (’90s, rock ’n’ roll, 'em); an opening mark follows the start, a space,
 *    an opening bracket, a dash or another mark and precedes a non-space; a
 *    closing mark follows a non-space and precedes the end, a space or
 *    punctuation. What the neighbours leave open is settled by the stack.
 * 2. Marks pair on a stack. The other kind nests inside (`"... the 'groomer'
 *    ..."`). The same kind nested inside is taken as a short, closed inner
 *    pair (`"... hand their "investigation" over ..."`) only when its closing
 *    mark follows within `INNER_PAIR_MAX_CHARS`; otherwise the open quote lost
 *    its closing mark. A single closing mark with no single quote open is a
 *    plural possessive (`hunters’ evidence`).
 * 3. News convention: a paragraph that opens a quote and does not close it
 *    continues in the next paragraph when that one opens with a mark of the
 *    same kind. One Quote, one content span per paragraph.
 * 4. A quote that is never closed ends at its paragraph's end, with a warning
 *    (`quote.marks.unclosed`): it never runs on across the article.
 * 5. Each quote is speech (`direct`) or a label (`term`): see `classifyOuter`.
 *    Quoted words inside narration that are neither a sentence nor a label
 *    ("said the plan was "something we will look at"") are kept as `direct`
 *    with the rule `quote.marks.fragment`, for the cue stage to make mixed
 *    quotes of.
 *
 * Cue and speaker are left null: later stages fill them.
 */
import { readFileSync } from 'node:fs';
import type { Document, Message, Quote, QuoteKind, Span } from '../model/document.js';
import type { StageContext } from '../pipeline.js';
import { countWords, isWhitespaceCode, trimSpan } from '../text/whitespace.js';

export const QUOTE_RULES = {
  /** A quote continued inside one paragraph: `... about. "Next sentence` (paragraphs glued together, as in BBC-2005). */
  continued: 'quote.marks.continued',
  /** A closed pair holding a sentence of speech. */
  pair: 'quote.marks.pair',
  /** A quote carried across paragraphs by the news convention. */
  multiParagraph: 'quote.marks.multi-paragraph',
  /** Quoted words inside narration: part of a mixed quote once a cue is found. */
  fragment: 'quote.marks.fragment',
  /** A quote whose closing mark is missing: ends at its paragraph (or at the next opening mark). */
  unclosed: 'quote.marks.unclosed',
  /** A label after a word from `termMarkers` (so-called "paedophile hunter"). */
  termMarker: 'quote.marks.term.marker',
  /** A name or title in title case ('Keeping Kids Safe'). */
  termTitle: 'quote.marks.term.title',
  /** A short noun-like label or scare quote ('groomer', "paedophile hunters"). */
  termShort: 'quote.marks.term.short',
  /** Short quoted words inside a quote ("their "investigation" over"). */
  termNested: 'quote.marks.term.nested',
} as const;

export const QUOTES_STAGE = 'quotes';

/** How sure each rule is; ordered so that the stronger shapes score higher. */
export const QUOTE_CONFIDENCE: Readonly<Record<keyof typeof QUOTE_RULES, number>> = {
  multiParagraph: 0.95, // the continuation convention is unambiguous
  pair: 0.9,
  continued: 0.85, // the paragraph break was lost, the convention still holds
  termMarker: 0.9, // "so-called" says it in words
  termTitle: 0.75,
  termShort: 0.7,
  termNested: 0.7,
  fragment: 0.6, // speech only once the cue stage finds a reporting verb for it
  unclosed: 0.5, // the end is a guess
};

export const INNER_PAIR_MAX_CHARS = 60; // a same-kind pair inside a quote is a word or a few ("investigation", "paedophile hunter"); a same-kind opening mark not closed this soon more likely starts a new quote after a lost closing mark
export const TERM_MAX_WORDS = 4; // labels and scare quotes are short noun phrases ("non-vigilante paedophile hunter"); anything longer reads as speech
export const TITLE_MAX_WORDS = 6; // names and titles ('Keeping Kids Safe', "Police and Criminal Evidence Act") rarely run longer
export const TERM_MARKER_MAX_WORDS = 8; // after "so-called" or "dubbed" a label may be longer, but a sentence is still speech
export const NESTED_TERM_MAX_WORDS = 6; // quoted words inside a quote up to this length are kept as terms; longer ones are speech within speech, left inside the outer quote
const LOOKBEHIND_CHARS = 24; // long enough to read "self-proclaimed " or "the hashtag " before an opening mark

// ---------------------------------------------------------------------------
// Word lists.

const DATA_FILE = new URL('../../data/quote-terms.json', import.meta.url);

export interface QuoteTerms {
  termMarkers: string[];
  fragmentWords: string[];
  titleConnectors: string[];
  elisions: string[];
}

function stringList(data: Record<string, unknown>, key: string, where: string): string[] {
  const value = data[key];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string' && v !== '')) {
    throw new Error(`${where}: "${key}" must be an array of non-empty strings`);
  }
  return value;
}

/** Reads and validates `data/quote-terms.json`; throws naming the list at fault. */
export function loadQuoteTerms(url: URL = DATA_FILE): QuoteTerms {
  const data: unknown = JSON.parse(readFileSync(url, 'utf8'));
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`${url.pathname}: expected an object of word lists`);
  const record = data as Record<string, unknown>;
  return {
    termMarkers: stringList(record, 'termMarkers', url.pathname),
    fragmentWords: stringList(record, 'fragmentWords', url.pathname),
    titleConnectors: stringList(record, 'titleConnectors', url.pathname),
    elisions: stringList(record, 'elisions', url.pathname),
  };
}

interface WordSets {
  termMarkers: readonly string[];
  fragmentWords: ReadonlySet<string>;
  titleConnectors: ReadonlySet<string>;
  elisions: ReadonlySet<string>;
}

let sets: WordSets | null = null;

function wordSets(): WordSets {
  if (sets === null) {
    const terms = loadQuoteTerms();
    sets = {
      termMarkers: terms.termMarkers,
      fragmentWords: new Set(terms.fragmentWords),
      titleConnectors: new Set(terms.titleConnectors),
      elisions: new Set(terms.elisions),
    };
  }
  return sets;
}

// ---------------------------------------------------------------------------
// Characters.

type MarkKind = 'double' | 'single';
type Role = 'apostrophe' | 'open' | 'close' | 'either';

/** The quote mark kind of a UTF-16 code unit, or null. */
function markKind(code: number): MarkKind | null {
  switch (code) {
    case 0x22: // "
    case 0x201c: // “
    case 0x201d: // ”
    case 0x201e: // „
      return 'double';
    case 0x27: // '
    case 0x2018: // ‘
    case 0x2019: // ’
      return 'single';
    default:
      return null;
  }
}

const NON_ASCII_WORD = /[\p{L}\p{N}]/u;

/** A letter or a digit; -1 (no character) is not. */
function isWordCode(code: number): boolean {
  if (code < 0) return false;
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return NON_ASCII_WORD.test(String.fromCharCode(code));
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Characters after which a mark opens: brackets, dashes, a slash. */
const OPEN_BEFORE = new Set([0x28, 0x5b, 0x7b, 0x2d, 0x2013, 0x2014, 0x2f]);
/** Characters before which a mark closes: punctuation, closing brackets, dashes, a slash. */
const CLOSE_AFTER = new Set([0x2e, 0x2c, 0x3b, 0x3a, 0x21, 0x3f, 0x29, 0x5d, 0x7d, 0x2d, 0x2013, 0x2014, 0x2f, 0x2026]);
/** Punctuation that ends a sentence or a clause of speech when it is the last character inside the marks. */
const SPEECH_END = new Set([0x2e, 0x2c, 0x3b, 0x3a, 0x21, 0x3f, 0x2026, 0x2013, 0x2014]);
/** Before an opening mark, these start a new sentence. */
const SENTENCE_END_BEFORE = new Set([0x2e, 0x21, 0x3f, 0x2026]);
/** Before an opening mark, these introduce it: a colon, a dash. */
const INTRODUCER_BEFORE = new Set([0x3a, 0x2d, 0x2013, 0x2014]);
const COMMA = 0x2c;

const UPPER_START = /^\P{L}*\p{Lu}/u;
const LOWER_START = /^\p{Ll}/u;
const CONTRACTION = /['\u2019](?:[dmt]|re|ve|ll)$/i;

interface Mark {
  kind: MarkKind;
  /** Code units the mark takes: 2 for a doubled single mark standing for a double one (`''`, as some US papers print it). */
  width: number;
}

const DOUBLE_STRAIGHT: Mark = { kind: 'double', width: 1 };
const DOUBLED_SINGLE: Mark = { kind: 'double', width: 2 };
const SINGLE: Mark = { kind: 'single', width: 1 };

/** The mark starting at `i` (before `end`), or null. */
function markAt(text: string, i: number, end: number): Mark | null {
  const code = text.charCodeAt(i);
  const kind = markKind(code);
  if (kind === 'double') return DOUBLE_STRAIGHT;
  if (kind === null) return null;
  return i + 1 < end && text.charCodeAt(i + 1) === code ? DOUBLED_SINGLE : SINGLE;
}

/**
 * True when the letters at `i` are an elision that an apostrophe opens: two
 * digits (’90s, '08) or a word from `elisions` ('n', 'em) ending there.
 */
function isElisionAt(text: string, i: number, end: number, elisions: ReadonlySet<string>): boolean {
  if (i + 1 < end && isDigitCode(text.charCodeAt(i)) && isDigitCode(text.charCodeAt(i + 1))) {
    return i + 2 >= end || !isDigitCode(text.charCodeAt(i + 2));
  }
  let j = i;
  while (j < end && j - i <= 6 && isWordCode(text.charCodeAt(j))) j++;
  if (j === i || (j < end && isWordCode(text.charCodeAt(j)))) return false;
  return elisions.has(text.slice(i, j).toLowerCase());
}

/** The role a mark's neighbours give it, inside `[start, end)` (a paragraph or the headline). */
function neighbourRole(text: string, pos: number, start: number, end: number, mark: Mark, words: WordSets): Role {
  const prev = pos > start ? text.charCodeAt(pos - 1) : -1;
  const next = pos + mark.width < end ? text.charCodeAt(pos + mark.width) : -1;
  if (mark.kind === 'single') {
    if (isWordCode(prev) && isWordCode(next)) return 'apostrophe';
    if (!isWordCode(prev) && isElisionAt(text, pos + 1, end, words.elisions)) return 'apostrophe';
  }
  const prevSpace = prev === -1 || isWhitespaceCode(prev);
  const nextSpace = next === -1 || isWhitespaceCode(next);
  const canOpen = !nextSpace && (prevSpace || OPEN_BEFORE.has(prev) || markKind(prev) !== null);
  const canClose = !prevSpace && (nextSpace || CLOSE_AFTER.has(next) || markKind(next) !== null);
  if (canOpen && !canClose) return 'open';
  if (canClose && !canOpen) return 'close';
  if (canOpen && canClose) {
    if (isWordCode(next)) return 'open';
    if (isWordCode(prev)) return 'close';
  }
  return 'either';
}

// ---------------------------------------------------------------------------
// Classifying what the marks hold.

interface Classified {
  kind: QuoteKind;
  rule: keyof typeof QUOTE_RULES;
}

/** Last non-space character before `pos` inside the unit, or -1. */
function codeBefore(text: string, pos: number, start: number): number {
  let i = pos - 1;
  while (i >= start && isWhitespaceCode(text.charCodeAt(i))) i--;
  return i >= start ? text.charCodeAt(i) : -1;
}

/** True when a word from `termMarkers` ends right before the opening mark at `pos`. */
function markerBefore(text: string, pos: number, start: number, words: WordSets): boolean {
  const from = Math.max(start, pos - LOOKBEHIND_CHARS);
  const before = text.slice(from, pos).trimEnd().toLowerCase();
  for (const marker of words.termMarkers) {
    if (!before.endsWith(marker)) continue;
    const at = before.length - marker.length;
    if (at === 0 ? from === start || !isWordCode(text.charCodeAt(from - 1)) : !isWordCode(before.charCodeAt(at - 1))) return true;
  }
  return false;
}

function contentWords(text: string, span: Span): string[] {
  return text.slice(span.start, span.end).split(/\s+/u).filter((w) => w !== '');
}

/** Bare lower-case word, without surrounding punctuation. */
function bare(word: string): string {
  let s = 0;
  let e = word.length;
  while (s < e && !isWordCode(word.charCodeAt(s))) s++;
  while (e > s && !isWordCode(word.charCodeAt(e - 1))) e--;
  return word.slice(s, e).toLowerCase();
}

/** A name or title: every word capitalised, a number, a connector ("of") or bare punctuation ("&"); the first not a pronoun or "No". */
function isTitle(words: readonly string[], sets_: WordSets): boolean {
  if (words.length === 0 || words.length > TITLE_MAX_WORDS) return false;
  const first = words[0] ?? '';
  if (!UPPER_START.test(first) || sets_.fragmentWords.has(bare(first))) return false;
  return words.every((w) => !CONTRACTION.test(w) && (UPPER_START.test(w) || /^\P{L}*\p{N}/u.test(w) || bare(w) === '' || sets_.titleConnectors.has(bare(w))));
}

/**
 * A label or scare quote: a few words with no pronoun, auxiliary, modal,
 * negation or contraction in them, and not a lone -ly adverb ("potentially"
 * is speech, "groomer" is a label).
 */
function isShortLabel(words: readonly string[], sets_: WordSets): boolean {
  if (words.length === 0 || words.length > TERM_MAX_WORDS) return false;
  if (words.length === 1) {
    const w = bare(words[0] ?? '');
    if (w.length > 4 && w.endsWith('ly')) return false;
  }
  return words.every((w) => !CONTRACTION.test(w) && !sets_.fragmentWords.has(bare(w)));
}

/**
 * Speech or label, for a closed quote outside any other quote:
 * 1. after a term marker (so-called, dubbed), a short unpunctuated phrase is a label;
 * 2. a clause ending in punctuation inside the marks that starts a sentence,
 *    follows a colon, dash or comma, or starts with a capital is speech;
 * 3. a title-case name and a short noun-like phrase are labels;
 * 4. a quote that starts a sentence or follows a colon is speech;
 * 5. anything else is quoted words inside narration: a fragment of a mixed quote.
 */
function classifyOuter(text: string, unitStart: number, markPos: number, span: Span, words: WordSets): Classified {
  const content = contentWords(text, span);
  const endsSpeech = SPEECH_END.has(text.charCodeAt(span.end - 1));
  const before = codeBefore(text, markPos, unitStart);
  const startsSentence = before === -1 || SENTENCE_END_BEFORE.has(before) || markKind(before) !== null;
  const introduced = INTRODUCER_BEFORE.has(before);
  if (!endsSpeech && content.length <= TERM_MARKER_MAX_WORDS && markerBefore(text, markPos, unitStart, words)) {
    return { kind: 'term', rule: 'termMarker' };
  }
  if (endsSpeech && (startsSentence || introduced || before === COMMA || UPPER_START.test(content[0] ?? ''))) {
    return { kind: 'direct', rule: 'pair' };
  }
  if (!endsSpeech && isTitle(content, words)) return { kind: 'term', rule: 'termTitle' };
  if (!endsSpeech && isShortLabel(content, words)) return { kind: 'term', rule: 'termShort' };
  if (startsSentence || introduced) return { kind: 'direct', rule: 'pair' };
  return { kind: 'direct', rule: 'fragment' };
}

/** Quoted words inside a quote: a term when short and not a sentence, else null (left to the outer quote). */
function classifyNested(text: string, span: Span): Classified | null {
  if (SENTENCE_END_BEFORE.has(text.charCodeAt(span.end - 1))) return null;
  if (countWords(text, span.start, span.end) > NESTED_TERM_MAX_WORDS) return null;
  return { kind: 'term', rule: 'termNested' };
}

// ---------------------------------------------------------------------------
// Pairing.

/** Marks counted by role, for measuring the stage on a corpus. */
export interface MarkCounts {
  apostrophe: number;
  open: number;
  close: number;
  /** Marks that neither open nor close anything: a lone double closing mark (12" pizza). */
  stray: number;
}

export interface QuoteMarkScan {
  quotes: Quote[];
  messages: Message[];
  marks: MarkCounts;
}

/** A paragraph or the headline: where marks are looked for. */
interface Unit extends Span {
  /** Index in `doc.paragraphs`, or -1 for the headline (which never continues). */
  paragraph: number;
}

interface Frame {
  kind: MarkKind;
  /** Position of the opening mark in the paragraph where the quote began. */
  mark: number;
  /** Start of the content in the current unit. */
  contentStart: number;
  /** Content spans from earlier paragraphs (multi-paragraph quotes). */
  spans: Span[];
  /** Start of the unit holding the opening mark. */
  unitStart: number;
  /** True once the quote continued after a sentence inside one paragraph. */
  glued?: boolean;
}

type Draft = Omit<Quote, 'id'>;

function trimmed(text: string, start: number, end: number): Span | null {
  const [s, e] = trimSpan(text, start, end);
  return s < e ? { start: s, end: e } : null;
}

function draft(content: Span[], c: Classified): Draft {
  return { kind: c.kind, content, cue: null, speaker: null, actor: null, rule: QUOTE_RULES[c.rule], confidence: QUOTE_CONFIDENCE[c.rule] };
}

/** Finds the quotes and counts the marks without changing `doc`. */
export function scanQuoteMarks(doc: Document): QuoteMarkScan {
  const words = wordSets();
  const { text } = doc;
  const drafts: Draft[] = [];
  const messages: Message[] = [];
  const marks: MarkCounts = { apostrophe: 0, open: 0, close: 0, stray: 0 };

  const units: Unit[] = [];
  if (doc.headline !== null) units.push({ start: doc.headline.start, end: doc.headline.end, paragraph: -1 });
  doc.paragraphs.forEach((p, i) => {
    if (!p.boilerplate) units.push({ start: p.start, end: p.end, paragraph: i });
  });
  units.sort((a, b) => a.start - b.start);

  const unclosed = (frame: Frame, end: number): void => {
    let stop = end;
    // Its end is a guess: never let it end on a mark (one closing a pair inside it, as `film "Trainwreck."`).
    while (stop > frame.contentStart && (markKind(text.charCodeAt(stop - 1)) !== null || isWhitespaceCode(text.charCodeAt(stop - 1)))) stop--;
    const last = trimmed(text, frame.contentStart, stop);
    const content = last === null ? frame.spans : [...frame.spans, last];
    messages.push({
      stage: QUOTES_STAGE,
      rule: QUOTE_RULES.unclosed,
      severity: 'warning',
      reason: 'A quote opens here and its closing mark is missing; the quote is taken to end with its paragraph. Check the source text.',
      span: { start: frame.mark, end },
    });
    if (content.length > 0) drafts.push(draft(content, { kind: 'direct', rule: 'unclosed' }));
  };

  const closed = (frame: Frame, end: number, nested: boolean): void => {
    const last = trimmed(text, frame.contentStart, end);
    const content = last === null ? frame.spans : [...frame.spans, last];
    if (content.length === 0) return;
    if (nested) {
      const c = last === null ? null : classifyNested(text, last);
      if (c !== null && last !== null) {
        const marked = markerBefore(text, frame.mark, frame.unitStart, words);
        drafts.push(draft([last], marked ? { kind: 'term', rule: 'termMarker' } : c));
      }
      return;
    }
    if (content.length > 1) {
      drafts.push(draft(content, { kind: 'direct', rule: frame.glued === true ? 'continued' : 'multiParagraph' }));
      return;
    }
    const only = content[0];
    if (only !== undefined) drafts.push(draft(content, classifyOuter(text, frame.unitStart, frame.mark, only, words)));
  };

  /** True when the next `kind` mark in [from, limit) that is not an apostrophe can close a quote. */
  const nextMarkCloses = (from: number, limit: number, unit: Unit, kind: MarkKind): boolean => {
    for (let j = from; j < limit; j++) {
      const mark = markAt(text, j, unit.end);
      if (mark === null) continue;
      if (mark.kind !== kind) {
        j += mark.width - 1;
        continue;
      }
      const role = neighbourRole(text, j, unit.start, unit.end, mark, words);
      if (role === 'apostrophe') continue;
      return role === 'close' || role === 'either';
    }
    return false;
  };

  /** True when a same-kind closing mark follows `pos` soon enough to make a short inner pair. */
  const innerPairCloses = (pos: number, width: number, unit: Unit, kind: MarkKind): boolean =>
    nextMarkCloses(pos + width, Math.min(unit.end, pos + width + INNER_PAIR_MAX_CHARS), unit, kind);

  /**
   * Inside a single-quoted quote, `volunteers' work` (s, mark, space, lower
   * case) is a plural possessive when the next single mark in the paragraph
   * closes too: that one is the quote's end.
   */
  const isPluralPossessive = (pos: number, unit: Unit): boolean => {
    if ((text.charCodeAt(pos - 1) | 32) !== 0x73) return false;
    if (!isWhitespaceCode(text.charCodeAt(pos + 1)) || !LOWER_START.test(text.charAt(pos + 2))) return false;
    return nextMarkCloses(pos + 1, unit.end, unit, 'single');
  };

  /** True when a paragraph opens with an opening mark of `kind`: the news sign that a quote goes on. */
  const continuationMark = (unit: Unit, kind: MarkKind): boolean => {
    const mark = markAt(text, unit.start, unit.end);
    if (mark === null || mark.kind !== kind) return false;
    const role = neighbourRole(text, unit.start, unit.start, unit.end, mark, words);
    return role === 'open' || role === 'either';
  };

  let carry: Frame | null = null;
  for (let u = 0; u < units.length; u++) {
    const unit = units[u];
    if (unit === undefined) continue;
    const stack: Frame[] = [];
    let i = unit.start;
    if (carry !== null) {
      const width = markAt(text, unit.start, unit.end)?.width ?? 1;
      stack.push({ ...carry, contentStart: unit.start + width });
      marks.open++;
      i = unit.start + width;
      carry = null;
    }
    let apostropheAt = -1; // the second mark of 'n' (rock 'n' roll)
    for (; i < unit.end; i++) {
      const mark = markAt(text, i, unit.end);
      if (mark === null) continue;
      const { kind, width } = mark;
      if (i === apostropheAt) {
        marks.apostrophe++;
        continue;
      }
      const at = i; // the mark is [at, at + width)
      i += width - 1;
      let role = neighbourRole(text, at, unit.start, unit.end, mark, words);
      if (role === 'apostrophe') {
        marks.apostrophe++;
        if ((text.charCodeAt(i + 1) | 32) === 0x6e && markKind(text.charCodeAt(i + 2)) === 'single') apostropheAt = i + 2;
        continue;
      }
      const top = stack[stack.length - 1];
      if (role === 'either') {
        if (top?.kind === kind) role = 'close';
        else role = kind === 'single' && !isWordCode(text.charCodeAt(i + 1)) ? 'apostrophe' : 'open';
      }
      if (role === 'close' && kind === 'single' && top?.kind === 'single' && isPluralPossessive(i, unit)) role = 'apostrophe';
      if (role === 'apostrophe') {
        marks.apostrophe++;
        continue;
      }
      if (role === 'close') {
        if (top?.kind === kind) {
          stack.pop();
          marks.close++;
          closed(top, at, stack.length > 0);
        } else if (kind === 'single') {
          marks.apostrophe++; // a plural possessive: hunters’ evidence
        } else {
          const depth = stack.map((f) => f.kind).lastIndexOf('double');
          if (depth === -1) {
            marks.stray++;
          } else {
            const frame = stack[depth];
            stack.length = depth; // single marks opened inside were not quotes
            marks.close++;
            if (frame !== undefined) closed(frame, at, depth > 0);
          }
        }
        continue;
      }
      // An opening mark.
      marks.open++;
      const frame: Frame = { kind, mark: at, contentStart: at + width, spans: [], unitStart: unit.start };
      if (top?.kind === kind && !innerPairCloses(at, width, unit, kind)) {
        if (stack.length === 1 && SENTENCE_END_BEFORE.has(codeBefore(text, at, unit.start))) {
          // `... about. "Next sentence`: paragraphs glued into one; the quote goes on, as across paragraphs.
          const part = trimmed(text, top.contentStart, at);
          if (part !== null) top.spans.push(part);
          top.contentStart = at + width;
          top.glued = true;
          continue;
        }
        if (stack.length > 1) {
          stack.pop(); // an inner opening mark that never closed: not a quote
        } else {
          unclosed(top, at);
          stack.length = 0;
        }
      }
      stack.push(frame);
    }

    const outer = stack[0];
    if (outer === undefined) continue;
    const next = units[u + 1];
    const continues =
      unit.paragraph >= 0 &&
      next !== undefined &&
      next.paragraph === unit.paragraph + 1 &&
      continuationMark(next, outer.kind);
    if (continues) {
      const last = trimmed(text, outer.contentStart, unit.end);
      carry = { ...outer, spans: last === null ? outer.spans : [...outer.spans, last] };
    } else {
      unclosed(outer, unit.end);
    }
  }

  drafts.sort((a, b) => (a.content[0]?.start ?? 0) - (b.content[0]?.start ?? 0));
  const quotes = drafts.map((d, i): Quote => ({ id: `q${i + 1}`, ...d }));
  return { quotes, messages, marks };
}

/** The stage: fills `doc.quotes` and adds a warning for each unclosed quote. */
export function findQuoteMarks(doc: Document, _ctx: StageContext): void {
  const { quotes, messages } = scanQuoteMarks(doc);
  doc.quotes = quotes;
  doc.messages = [...doc.messages.filter((m) => !(m.stage === QUOTES_STAGE && m.rule === QUOTE_RULES.unclosed)), ...messages];
}
