/**
 * Stage: tokens and sentences for every paragraph that is not boilerplate.
 *
 * wink-nlp tokenises the article body (first to last non-boilerplate
 * paragraph) in one call and finds sentence boundaries; parts of speech are
 * not tagged here (see `Token`). Token offsets are found by walking wink's
 * tokens and the whitespace it saw before each one; each token goes to the
 * paragraph holding it, tokens of boilerplate paragraphs are dropped, and a
 * sentence always starts at a paragraph's first token, so a sentence never
 * crosses a paragraph. Then the boundaries wink gets wrong on British news
 * prose are repaired, each repair named on the sentence it changed
 * (`Sentence.rule`):
 *
 * - merge-title: "Det. Chief Insp. Pryce", "Cllr. Ann Bright" (wink ends a sentence at "Det.")
 * - merge-abbreviation: "vs. Ashby", "e.g. Tins", "Co. said", "No. 14"
 * - merge-initial: "J. K. Rowntree", "Karen J. Holloway"
 * - merge-no-space: "www.millbrook-courier.co.uk", "Hallam.gov.uk" (wink ends a sentence at each dot)
 * - merge-before-lowercase: `"Who will pay?" said Cllr Pryce.` and "Shall We Dance? at number three"
 * - split-after-full-stop: "It cost $3.2m. The rest ...", "reined in. He said" (wink reads "m." and "in." as abbreviations)
 * - split-missing-space: "fined £2m.The owner paid."
 *
 * Where a repair depends on what kind of word follows or precedes, word
 * lists stand in for a tagger: `data/abbreviations.json` and
 * `data/function-words.json`.
 */
import { readFileSync } from 'node:fs';
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Document, Message, Sentence, Span, Token } from '../model/document.js';
import type { StageContext } from '../pipeline.js';
import { isWhitespaceCode } from './whitespace.js';

export const SENTENCE_RULES = {
  mergeTitle: 'text.sentences.merge-title',
  mergeAbbreviation: 'text.sentences.merge-abbreviation',
  mergeInitial: 'text.sentences.merge-initial',
  mergeNoSpace: 'text.sentences.merge-no-space',
  mergeBeforeLowercase: 'text.sentences.merge-before-lowercase',
  splitAfterFullStop: 'text.sentences.split-after-full-stop',
  splitMissingSpace: 'text.sentences.split-missing-space',
} as const;

export const RULE_OFFSET_REPAIRED = 'text.tokens.offset-repaired';
export const RULE_TOKEN_NOT_FOUND = 'text.tokens.not-found';

// ---------------------------------------------------------------------------
// Resources, loaded once per process.

const ABBREVIATIONS_FILE = new URL('../../data/abbreviations.json', import.meta.url);
const FUNCTION_WORDS_FILE = new URL('../../data/function-words.json', import.meta.url);

export interface AbbreviationLists {
  titles: ReadonlySet<string>;
  acronymTitles: ReadonlySet<string>;
  /** Lower case: words after which an acronym title is a noun ("your PC."). */
  beforeAcronymNoun: ReadonlySet<string>;
  continuing: ReadonlySet<string>;
  beforeLowercase: ReadonlySet<string>;
  places: ReadonlySet<string>;
  beforeNumber: ReadonlySet<string>;
}

export interface FunctionWords {
  /** Capitalised words that open a sentence and do not start a name: "The", "But", "However". */
  sentenceOpeners: ReadonlySet<string>;
}

type WordLists = AbbreviationLists & FunctionWords;

function stringList(data: Record<string, unknown>, key: string, where: string): Set<string> {
  const value = data[key];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string' && v !== '')) {
    throw new Error(`${where}: "${key}" must be an array of non-empty strings`);
  }
  return new Set(value);
}

function readListFile(url: URL): Record<string, unknown> {
  const data: unknown = JSON.parse(readFileSync(url, 'utf8'));
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`${url.pathname}: expected an object of word lists`);
  }
  return data as Record<string, unknown>;
}

/** Reads and validates `data/abbreviations.json`; throws naming the list at fault. */
export function loadAbbreviations(url: URL = ABBREVIATIONS_FILE): AbbreviationLists {
  const record = readListFile(url);
  return {
    titles: stringList(record, 'titles', url.pathname),
    acronymTitles: stringList(record, 'acronymTitles', url.pathname),
    beforeAcronymNoun: stringList(record, 'beforeAcronymNoun', url.pathname),
    continuing: stringList(record, 'continuing', url.pathname),
    beforeLowercase: stringList(record, 'beforeLowercase', url.pathname),
    places: stringList(record, 'places', url.pathname),
    beforeNumber: stringList(record, 'beforeNumber', url.pathname),
  };
}

/** Reads and validates `data/function-words.json`; throws naming the list at fault. */
export function loadFunctionWords(url: URL = FUNCTION_WORDS_FILE): FunctionWords {
  const record = readListFile(url);
  return { sentenceOpeners: stringList(record, 'sentenceOpeners', url.pathname) };
}

let nlp: WinkMethods | null = null;
let lists: WordLists | null = null;

/** The process's one wink-nlp instance, with the one pipe we use: sentence boundaries. */
function winkInstance(): WinkMethods {
  nlp ??= winkNLP(model, ['sbd']);
  return nlp;
}

function wordLists(): WordLists {
  lists ??= { ...loadAbbreviations(), ...loadFunctionWords() };
  return lists;
}

// ---------------------------------------------------------------------------
// Character classes, compiled once.

const UPPER_START = /^\p{Lu}/u;
const LOWER_START = /^\p{Ll}/u;
const LOWER_WORD = /^\p{Ll}+$/u;
const DIGIT_START = /^\d/;
const DIGITS = /^\d+$/;
/** "J", "J.K", "U.S": one or more capital letters joined by dots (the final dot is already removed). */
const INITIALS = /^\p{Lu}(?:\.\p{Lu})*$/u;
/** An initial as a whole token: "J." or "J.K." */
const INITIAL_TOKEN = /^\p{Lu}(?:\.\p{Lu})*\.$/u;

const CLOSING_MARKS = new Set(['"', "'", '\u201D', '\u2019', '\u00BB', ')', ']']);
const OPENING_MARKS = new Set(['"', "'", '\u201C', '\u2018', '\u00AB', '(', '[']);
const QUESTION_OR_EXCLAMATION = new Set(['?', '!', '\u203D']);
const FULL_STOPS = new Set(['.', '\u2026']);

// ---------------------------------------------------------------------------
// wink output, typed.

function isSpanList(value: unknown): value is number[][] {
  return Array.isArray(value) && value.every((v) => Array.isArray(v));
}

interface WinkText {
  values: string[];
  spaces: string[];
  /** Sentence spans as wink gives them: `[first, last]` token indices, inclusive. */
  spans: number[][];
}

function readWink(w: WinkMethods, body: string): WinkText {
  const wdoc = w.readDoc(body);
  const tokens = wdoc.tokens();
  const spans: unknown = wdoc.sentences().out(w.its.span);
  if (!isSpanList(spans)) throw new Error('wink-nlp returned sentence spans in an unexpected shape; check the wink-nlp version');
  return { values: tokens.out(w.its.value), spaces: tokens.out(w.its.precedingSpaces), spans };
}

function isBlankValue(value: string): boolean {
  return isBlankText(value, 0, value.length);
}

function isBlankText(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isWhitespaceCode(text.charCodeAt(i))) return false;
  return true;
}

/**
 * wink-nlp splits a possessive ("Hale's" -> "Hale" "'s") unless it has met
 * the whole word before, in any earlier document, e.g. before a comma
 * ("Blunkett's,"): then it keeps "Blunkett's" as one token from then on. So
 * the same article would tokenise differently depending on what the process
 * read first. We always split, so tokens depend only on the text.
 */
function isPossessive(v: string): boolean {
  const n = v.length;
  if (n < 3 || v.charCodeAt(n - 1) !== 115) return false; // "s"
  const apostrophe = v.charCodeAt(n - 2);
  return apostrophe === 39 || apostrophe === 0x2019; // ' or ’
}

// ---------------------------------------------------------------------------
// The body's tokens, with what the repair rules look at.

/**
 * The tokens of the whole body, with the paragraph being repaired marked by
 * `from` and `to`: the rules never look outside it.
 */
interface Local {
  /** Token surface strings, as wink gave them (possessives split). */
  values: string[];
  tokens: Token[];
  /** The paragraph's first token. */
  from: number;
  /** One past the paragraph's last token. */
  to: number;
}

function value(local: Local, k: number): string {
  return k >= local.from && k < local.to ? (local.values[k] ?? '') : '';
}

function glued(local: Local, k: number): boolean {
  return k > local.from && k < local.to && local.tokens[k]?.start === local.tokens[k - 1]?.end;
}

/**
 * The word a full stop ends at token `k`, without the stop: "Det" for
 * `Det` `.` (two tokens), "m" for `m.` (one token); null when token `k`
 * does not end in a full stop after a word.
 */
function stemBefore(local: Local, k: number): { stem: string; index: number } | null {
  const v = value(local, k);
  if (v === '.') {
    if (glued(local, k)) return { stem: value(local, k - 1), index: k - 1 };
    return null;
  }
  if (v.length > 1 && v.endsWith('.') && !v.endsWith('..')) return { stem: v.slice(0, -1), index: k };
  return null;
}

/**
 * Sentence openers stand in for a part-of-speech tagger after a word that
 * may or may not end a sentence (an initial, "U.S.", "Co.", "Calif."): a
 * capitalised word that is not one of the closed-class words opening
 * sentences ("The", "But", "However") reads as (part of) a name, so the
 * sentence goes on: "the U.S. Treasury", "Karen J. Holloway", "Co. Durham",
 * but "in the U.S. The firm", "World War I. But".
 */
function isName(local: Local, k: number, words: WordLists): boolean {
  const v = value(local, k);
  return INITIAL_TOKEN.test(v) || (UPPER_START.test(v) && !words.sentenceOpeners.has(v));
}

/** "J" in "Karen J. Holloway" and "(R. Mistry)", but not "G" in "3 G." nor "Z" in "Jay-Z." */
function isInitialStem(local: Local, stem: string, index: number): boolean {
  if (!INITIALS.test(stem) || DIGIT_START.test(value(local, index - 1))) return false;
  return !glued(local, index) || OPENING_MARKS.has(value(local, index - 1));
}

/**
 * An acronym rank ("PC", "DC", "DS") is a title only before a name and where
 * a title can stand; after a number, a capitalised word ("Washington DC.",
 * "Nintendo DS.") or a determiner, possessive, preposition or adjective from
 * `beforeAcronymNoun` ("your PC.", "the user's PC.", "on DS.") it is a noun.
 */
function isAcronymTitle(local: Local, index: number, next: number, words: WordLists): boolean {
  const before = value(local, index - 1);
  if (before !== '' && (DIGIT_START.test(before) || isName(local, index - 1, words) || words.beforeAcronymNoun.has(before.toLowerCase()))) {
    return false;
  }
  return isName(local, next, words);
}

/** True when `stem` (ending at token `index`, before the word at token `next`) is a title such as "Det" or "PC". */
function isTitle(local: Local, stem: string, index: number, next: number, words: WordLists): boolean {
  if (words.titles.has(stem)) return true;
  return words.acronymTitles.has(stem) && isAcronymTitle(local, index, next, words);
}

/** The rule that joins the sentence ending at `k - 1` with the one starting at `k`, or null. */
function mergeRule(local: Local, k: number, sentenceStart: number, words: WordLists): string | null {
  const next = value(local, k);
  const stem = stemBefore(local, k - 1);
  if (stem !== null) {
    if (isTitle(local, stem.stem, stem.index, k, words) && UPPER_START.test(next)) return SENTENCE_RULES.mergeTitle;
    if (words.continuing.has(stem.stem)) return SENTENCE_RULES.mergeAbbreviation;
    if ((words.beforeLowercase.has(stem.stem) || words.places.has(stem.stem)) && LOWER_START.test(next)) return SENTENCE_RULES.mergeAbbreviation;
    if (words.beforeNumber.has(stem.stem) && DIGIT_START.test(next)) return SENTENCE_RULES.mergeAbbreviation;
    if (isInitialStem(local, stem.stem, stem.index) && isName(local, k, words)) return SENTENCE_RULES.mergeInitial;
  }
  if (value(local, k - 1).endsWith('.') && glued(local, k) && LOWER_START.test(next)) return SENTENCE_RULES.mergeNoSpace;

  let j = k - 1;
  while (j > sentenceStart && CLOSING_MARKS.has(value(local, j))) j--;
  const end = value(local, j);
  if ((QUESTION_OR_EXCLAMATION.has(end) || (j < k - 1 && FULL_STOPS.has(end))) && LOWER_WORD.test(next)) {
    return SENTENCE_RULES.mergeBeforeLowercase;
  }
  return null;
}

/**
 * Where a sentence should end after token `t`, when wink kept going past a
 * word with a full stop that is not an abbreviation ("$3.2m. The rest"):
 * the index of the next sentence's first token, or -1.
 */
function splitAfter(local: Local, t: number, words: WordLists): number {
  const v = value(local, t);
  if (v.length < 2 || !v.endsWith('.') || v.endsWith('..')) return -1;
  const stem = v.slice(0, -1);
  if (words.continuing.has(stem) || DIGITS.test(stem)) return -1;

  let next = t + 1;
  if (CLOSING_MARKS.has(value(local, next)) && glued(local, next)) next++;
  if (next >= local.to) return -1;
  let word = next;
  if (OPENING_MARKS.has(value(local, next)) && glued(local, next + 1)) word = next + 1;
  if (isTitle(local, stem, t, word, words)) return -1;
  if (!UPPER_START.test(value(local, word))) return -1;
  const ambiguous = words.beforeLowercase.has(stem) || words.places.has(stem) || isInitialStem(local, stem, t);
  if (ambiguous && isName(local, word, words)) return -1;
  return next;
}

// ---------------------------------------------------------------------------
// The stage.

/**
 * wink reads the body (first to last non-boilerplate paragraph) in one call,
 * not one call per paragraph: on the BBC corpus that is about 15% faster for
 * this stage, with identical tokens and sentences, because wink's cost per
 * call is high. Boilerplate paragraphs inside the body are read and dropped.
 */
export function splitSentences(doc: Document, _ctx: StageContext): void {
  const w = winkInstance();
  const words = wordLists();
  const { text } = doc;
  const repairs: OffsetRepairs = { moved: [], lost: [] };
  const first = doc.paragraphs.find((p) => !p.boilerplate);
  const last = doc.paragraphs.findLast((p) => !p.boilerplate);
  doc.tokens = [];
  doc.sentences = [];
  if (first !== undefined && last !== undefined) {
    const body = { start: first.start, end: last.end };
    segment(doc, body, readWink(w, text.slice(body.start, body.end)), words, repairs);
  }
  doc.messages.push(...repairMessages(repairs));
}

/** Tokens wink placed where the text does not have them (invisible characters it dropped, for instance). */
interface OffsetRepairs {
  moved: { value: string; expected: number; found: number }[];
  lost: string[];
}

/** One message per kind of repair and document, not one per token: a file full of odd spacing is one problem. */
function repairMessages(repairs: OffsetRepairs): Message[] {
  const messages: Message[] = [];
  const first = repairs.moved[0];
  if (first !== undefined) {
    const more = repairs.moved.length > 1 ? ` (and ${repairs.moved.length - 1} more)` : '';
    messages.push({
      stage: 'text',
      rule: RULE_OFFSET_REPAIRED,
      severity: 'warning',
      reason: `wink-nlp token ${JSON.stringify(first.value)} was expected at offset ${first.expected} but found at ${first.found}${more}; token offsets were repaired by searching forward.`,
      span: { start: first.found, end: first.found + first.value.length },
    });
  }
  if (repairs.lost.length > 0) {
    messages.push({
      stage: 'text',
      rule: RULE_TOKEN_NOT_FOUND,
      severity: 'warning',
      reason: `${repairs.lost.length} wink-nlp token(s) could not be found in the text, or not inside one paragraph, and were left out: ${repairs.lost.slice(0, 5).map((v) => JSON.stringify(v)).join(', ')}.`,
    });
  }
  return messages;
}

/**
 * Places wink's tokens for the body in the text, gives each to the
 * paragraph holding it (dropping whitespace and the tokens of boilerplate
 * paragraphs), fills `doc.tokens`, then repairs each paragraph's sentences
 * into `doc.sentences`.
 */
function segment(doc: Document, body: Span, wink: WinkText, words: WordLists, repairs: OffsetRepairs): void {
  const { text, paragraphs, tokens } = doc;
  const values: string[] = [];
  const n0 = wink.values.length;
  /** keptBefore[i]: how many of wink's tokens before `i` were kept. */
  const keptBefore = new Int32Array(n0 + 1);
  /** For each paragraph (by index in `paragraphs`), its first and one-past-last token; -1: none. */
  const firstToken = new Int32Array(paragraphs.length).fill(-1);
  const endToken = new Int32Array(paragraphs.length);

  let p = 0;
  let offset = body.start;
  for (let i = 0; i < n0; i++) {
    keptBefore[i] = tokens.length;
    const v = wink.values[i] ?? '';
    offset += (wink.spaces[i] ?? '').length;
    const expected = offset;
    if (!text.startsWith(v, offset)) {
      const found = text.indexOf(v, offset);
      if (found === -1 || found + v.length > body.end) {
        repairs.lost.push(v);
        continue;
      }
      offset = found;
    }
    const start = offset;
    offset += v.length;
    if (v.length === 0 || isBlankValue(v)) continue;
    while (p < paragraphs.length && (paragraphs[p]?.end ?? 0) <= start) p++;
    const paragraph = paragraphs[p];
    if (paragraph?.boilerplate === true && start >= paragraph.start && offset <= paragraph.end) continue;
    if (paragraph === undefined || paragraph.boilerplate || start < paragraph.start || offset > paragraph.end) {
      // Only whitespace lies between paragraphs, so this is a token wink placed across a paragraph's edge.
      repairs.lost.push(v);
      continue;
    }
    // wink drops some invisible characters (a byte-order mark) without counting them as space. Before a
    // paragraph's first token they are part of the whitespace that paragraph splitting trimmed: no repair.
    if (start !== expected && !(start === paragraph.start && isBlankText(text, expected, start))) {
      repairs.moved.push({ value: v, expected, found: start });
    }
    if (firstToken[p] === -1) firstToken[p] = tokens.length;
    if (isPossessive(v)) {
      // Split "Blunkett's" as wink itself splits "Hale's": see isPossessive.
      values.push(v.slice(0, -2), v.slice(-2));
      tokens.push({ start, end: offset - 2 }, { start: offset - 2, end: offset });
    } else {
      values.push(v);
      tokens.push({ start, end: offset });
    }
    endToken[p] = tokens.length;
  }
  keptBefore[n0] = tokens.length;

  const n = tokens.length;
  if (n === 0) return;
  // Sentence starts as wink found them, and at every paragraph's first token.
  const isStart = new Uint8Array(n + 1);
  isStart[n] = 1;
  for (const s of wink.spans) {
    const first = s[0];
    if (first !== undefined && first >= 0 && first < n0) isStart[keptBefore[first] ?? n] = 1;
  }
  for (let q = 0; q < paragraphs.length; q++) {
    const from = firstToken[q] ?? -1;
    if (from !== -1) isStart[from] = 1;
  }

  const local: Local = { values, tokens, from: 0, to: 0 };
  for (let q = 0; q < paragraphs.length; q++) {
    const from = firstToken[q] ?? -1;
    const paragraph = paragraphs[q];
    if (from === -1 || paragraph === undefined) continue;
    local.from = from;
    local.to = endToken[q] ?? from;
    repairParagraph(local, isStart.subarray(local.from, local.to + 1), paragraph.id, words, doc.sentences);
  }
}

/**
 * Repairs one paragraph's sentence starts (`isStart[k]` for token
 * `local.from + k`; the last entry, one past the paragraph, is set) and
 * records its sentences.
 */
function repairParagraph(local: Local, isStart: Uint8Array, paragraph: string, words: WordLists, sentences: Sentence[]): void {
  const { from } = local;
  const n = local.to - from;
  isStart[n] = 1;
  /** Rule that removed (merged) or added (split) a start at this index. */
  const changed: (string | undefined)[] = new Array<string | undefined>(n + 1);
  const added = new Uint8Array(n + 1);

  let sentenceStart = 0;
  for (let k = 1; k < n; k++) {
    if (isStart[k] !== 1) continue;
    const rule = mergeRule(local, from + k, from + sentenceStart, words);
    if (rule === null) {
      sentenceStart = k;
    } else {
      isStart[k] = 0;
      changed[k] = rule;
    }
  }

  sentenceStart = 0;
  for (let t = 0; t < n - 1; t++) {
    if (isStart[t] === 1) sentenceStart = t;
    if (t === sentenceStart) continue;
    const nextAt = splitAfter(local, from + t, words);
    if (nextAt === -1) continue;
    const next = nextAt - from;
    if (isStart[next] === 1 || changed[next] !== undefined) continue;
    isStart[next] = 1;
    added[next] = 1;
    changed[next] = glued(local, from + t + 1) && next === t + 1 ? SENTENCE_RULES.splitMissingSpace : SENTENCE_RULES.splitAfterFullStop;
  }

  // A sentence records the first rule that moved one of its ends or removed a boundary inside it.
  let first = 0;
  let rule: string | undefined;
  for (let k = 1; k <= n; k++) {
    if (isStart[k] !== 1) {
      rule ??= changed[k];
      continue;
    }
    if (added[k] === 1) rule ??= changed[k];
    const sentence: Sentence = {
      id: `s${sentences.length + 1}`,
      start: local.tokens[from + first]?.start ?? 0,
      end: local.tokens[from + k - 1]?.end ?? 0,
      paragraph,
      firstToken: from + first,
      endToken: from + k,
    };
    if (rule !== undefined) sentence.rule = rule;
    sentences.push(sentence);
    first = k;
    rule = added[k] === 1 ? changed[k] : undefined;
  }
}
