/**
 * Stage: tokens and sentences for every paragraph that is not boilerplate.
 *
 * wink-nlp tokenises, tags and finds sentence boundaries one paragraph at a
 * time, so a sentence never crosses a paragraph. Token offsets are found by
 * walking wink's tokens and the whitespace it saw before each one. Then the
 * boundaries wink gets wrong on British news prose are repaired, each repair
 * named on the sentence it changed (`Sentence.rule`):
 *
 * - merge-title: "Det. Chief Insp. Pryce", "Cllr. Ann Bright" (wink ends a sentence at "Det.")
 * - merge-abbreviation: "vs. Ashby", "e.g. Tins", "Co. said", "No. 14"
 * - merge-initial: "J. K. Rowntree", "Simon J. Bailey"
 * - merge-no-space: "www.millbrook-courier.co.uk", "Hallam.gov.uk" (wink ends a sentence at each dot)
 * - merge-before-lowercase: `"Who will pay?" said Cllr Pryce.` and "Shall We Dance? at number three"
 * - split-after-full-stop: "It cost $3.2m. The rest ...", "reined in. He said" (wink reads "m." and "in." as abbreviations)
 * - split-missing-space: "fined £2m.The owner paid."
 *
 * Word lists are in `data/abbreviations.json`.
 */
import { readFileSync } from 'node:fs';
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Document, Message, Paragraph, Sentence, Token } from '../model/document.js';
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

const DATA_FILE = new URL('../../data/abbreviations.json', import.meta.url);

export interface AbbreviationLists {
  titles: ReadonlySet<string>;
  acronymTitles: ReadonlySet<string>;
  continuing: ReadonlySet<string>;
  beforeLowercase: ReadonlySet<string>;
  places: ReadonlySet<string>;
  beforeNumber: ReadonlySet<string>;
}

function stringList(data: Record<string, unknown>, key: string, where: string): Set<string> {
  const value = data[key];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string' && v !== '')) {
    throw new Error(`${where}: "${key}" must be an array of non-empty strings`);
  }
  return new Set(value);
}

/** Reads and validates `data/abbreviations.json`; throws naming the list at fault. */
export function loadAbbreviations(url: URL = DATA_FILE): AbbreviationLists {
  const data: unknown = JSON.parse(readFileSync(url, 'utf8'));
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`${url.pathname}: expected an object of word lists`);
  }
  const record = data as Record<string, unknown>;
  return {
    titles: stringList(record, 'titles', url.pathname),
    acronymTitles: stringList(record, 'acronymTitles', url.pathname),
    continuing: stringList(record, 'continuing', url.pathname),
    beforeLowercase: stringList(record, 'beforeLowercase', url.pathname),
    places: stringList(record, 'places', url.pathname),
    beforeNumber: stringList(record, 'beforeNumber', url.pathname),
  };
}

let nlp: WinkMethods | null = null;
let lists: AbbreviationLists | null = null;

/** The process's one wink-nlp instance: only the pipes we use (sentence boundaries, POS). */
function winkInstance(): WinkMethods {
  nlp ??= winkNLP(model, ['sbd', 'pos']);
  return nlp;
}

function abbreviations(): AbbreviationLists {
  lists ??= loadAbbreviations();
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

interface WinkParagraph {
  values: string[];
  spaces: string[];
  pos: string[];
  /** Sentence spans as wink gives them: `[first, last]` token indices, inclusive. */
  spans: number[][];
}

function readParagraph(w: WinkMethods, body: string): WinkParagraph {
  const wdoc = w.readDoc(body);
  const tokens = wdoc.tokens();
  const spans: unknown = wdoc.sentences().out(w.its.span);
  if (!isSpanList(spans)) throw new Error('wink-nlp returned sentence spans in an unexpected shape; check the wink-nlp version');
  return {
    values: tokens.out(w.its.value),
    spaces: tokens.out(w.its.precedingSpaces),
    pos: tokens.out(w.its.pos),
    spans,
  };
}

function isBlankValue(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (!isWhitespaceCode(value.charCodeAt(i))) return false;
  return true;
}

// ---------------------------------------------------------------------------
// One paragraph's tokens, with what the repair rules look at.

interface Local {
  /** Token surface strings, as wink gave them. */
  values: string[];
  /** The paragraph's tokens, appended to `Document.tokens` once the paragraph is done. */
  tokens: Token[];
}

function pushToken(local: Local, v: string, pos: string, start: number, end: number): void {
  local.values.push(v);
  local.tokens.push({ start, end, pos });
}

function posAt(local: Local, k: number): string | undefined {
  return local.tokens[k]?.pos;
}

/**
 * wink-nlp splits a possessive ("Hale's" -> "Hale" "'s") unless it has met
 * the whole word before, in any earlier document, e.g. before a comma
 * ("Blunkett's,"): then it keeps "Blunkett's" as one token from then on. So
 * the same article would tokenise differently depending on what the process
 * read first. We always split, so tokens depend only on the paragraph.
 */
function isPossessive(v: string): boolean {
  const n = v.length;
  if (n < 3 || v.charCodeAt(n - 1) !== 115) return false; // "s"
  const apostrophe = v.charCodeAt(n - 2);
  return apostrophe === 39 || apostrophe === 0x2019; // ' or ’
}

function glued(local: Local, k: number): boolean {
  return k > 0 && local.tokens[k]?.start === local.tokens[k - 1]?.end;
}

function value(local: Local, k: number): string {
  return local.values[k] ?? '';
}

/**
 * The word a full stop ends at token `k`, without the stop: "Det" for
 * `Det` `.` (two tokens), "m" for `m.` (one token); null when token `k`
 * does not end in a full stop after a word.
 */
function stemBefore(local: Local, k: number): { stem: string; index: number } | null {
  const v = value(local, k);
  if (v === '.') {
    if (k > 0 && glued(local, k)) return { stem: value(local, k - 1), index: k - 1 };
    return null;
  }
  if (v.length > 1 && v.endsWith('.') && !v.endsWith('..')) return { stem: v.slice(0, -1), index: k };
  return null;
}

/** "J" in "Simon J. Bailey" and "(W. Bush)", but not "G" in "3 G." nor "Z" in "Jay-Z." */
function isInitialStem(local: Local, stem: string, index: number): boolean {
  if (!INITIALS.test(stem) || posAt(local, index - 1) === 'NUM') return false;
  return !glued(local, index) || OPENING_MARKS.has(value(local, index - 1));
}

/**
 * Parts of speech after which an acronym rank ("PC", "DC") is a noun, not a
 * title: "on their PC.", "the PC.", "Washington DC.", "the Nintendo DS."
 */
const NOT_BEFORE_ACRONYM_TITLE = new Set(['DET', 'PRON', 'ADP', 'NUM', 'ADJ', 'NOUN', 'PROPN', 'PART']);

function isTitle(local: Local, stem: string, index: number, abbr: AbbreviationLists): boolean {
  if (abbr.titles.has(stem)) return true;
  if (!abbr.acronymTitles.has(stem)) return false;
  const before = posAt(local, index - 1);
  return before === undefined || !NOT_BEFORE_ACRONYM_TITLE.has(before);
}

/**
 * Parts of speech of a capitalised word that can open a sentence after an
 * abbreviation that may also end one: "in the U.S. The firm", "World War I.
 * But", and not "the U.S. Treasury", "M. Night Shyamalan", "Co. Durham".
 */
const SENTENCE_OPENER_POS = new Set(['DET', 'PRON', 'CCONJ', 'SCONJ', 'ADP', 'ADV', 'AUX', 'PART', 'INTJ']);

/** True when token `k` reads as (part of) a name: tagged PROPN, or itself an initial. */
function isName(local: Local, k: number): boolean {
  return posAt(local, k) === 'PROPN' || INITIAL_TOKEN.test(value(local, k));
}

/** The rule that joins the sentence ending at `k - 1` with the one starting at `k`, or null. */
function mergeRule(local: Local, k: number, sentenceStart: number, abbr: AbbreviationLists): string | null {
  const next = value(local, k);
  const stem = stemBefore(local, k - 1);
  if (stem !== null) {
    if (isTitle(local, stem.stem, stem.index, abbr) && UPPER_START.test(next)) return SENTENCE_RULES.mergeTitle;
    if (abbr.continuing.has(stem.stem)) return SENTENCE_RULES.mergeAbbreviation;
    if ((abbr.beforeLowercase.has(stem.stem) || abbr.places.has(stem.stem)) && LOWER_START.test(next)) return SENTENCE_RULES.mergeAbbreviation;
    if (abbr.beforeNumber.has(stem.stem) && DIGIT_START.test(next)) return SENTENCE_RULES.mergeAbbreviation;
    if (isInitialStem(local, stem.stem, stem.index) && UPPER_START.test(next) && isName(local, k)) return SENTENCE_RULES.mergeInitial;
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
function splitAfter(local: Local, t: number, abbr: AbbreviationLists): number {
  const v = value(local, t);
  if (v.length < 2 || !v.endsWith('.') || v.endsWith('..')) return -1;
  const stem = v.slice(0, -1);
  if (isTitle(local, stem, t, abbr) || abbr.continuing.has(stem) || DIGITS.test(stem)) return -1;

  const n = local.values.length;
  let next = t + 1;
  if (next < n && CLOSING_MARKS.has(value(local, next)) && glued(local, next)) next++;
  if (next >= n) return -1;
  let word = next;
  if (OPENING_MARKS.has(value(local, next)) && next + 1 < n && glued(local, next + 1)) word = next + 1;
  if (!UPPER_START.test(value(local, word))) return -1;
  const ambiguous = abbr.beforeLowercase.has(stem) || abbr.places.has(stem) || isInitialStem(local, stem, t);
  if (ambiguous && !SENTENCE_OPENER_POS.has(posAt(local, word) ?? '')) return -1;
  return next;
}

// ---------------------------------------------------------------------------
// The stage.

export function splitSentences(doc: Document, _ctx: StageContext): void {
  const w = winkInstance();
  const abbr = abbreviations();
  const { text } = doc;
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  const repairs: OffsetRepairs = { moved: [], lost: [] };

  for (const paragraph of doc.paragraphs) {
    if (paragraph.boilerplate) continue;
    segmentParagraph(text, paragraph, readParagraph(w, text.slice(paragraph.start, paragraph.end)), abbr, tokens, sentences, repairs);
  }

  doc.tokens = tokens;
  doc.sentences = sentences;
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
      reason: `${repairs.lost.length} wink-nlp token(s) could not be found in the text and were left out: ${repairs.lost.slice(0, 5).map((v) => JSON.stringify(v)).join(', ')}.`,
    });
  }
  return messages;
}

function segmentParagraph(
  text: string,
  paragraph: Paragraph,
  wink: WinkParagraph,
  abbr: AbbreviationLists,
  tokens: Token[],
  sentences: Sentence[],
  repairs: OffsetRepairs,
): void {
  const base = tokens.length;
  const local: Local = { values: [], tokens: [] };
  const n0 = wink.values.length;
  /** keptBefore[i]: how many of wink's tokens before `i` were kept (whitespace tokens are dropped). */
  const keptBefore = new Int32Array(n0 + 1);

  let offset = paragraph.start;
  for (let i = 0; i < n0; i++) {
    keptBefore[i] = local.values.length;
    const v = wink.values[i] ?? '';
    offset += (wink.spaces[i] ?? '').length;
    if (!text.startsWith(v, offset)) {
      const found = text.indexOf(v, offset);
      if (found === -1 || found + v.length > paragraph.end) {
        repairs.lost.push(v);
        continue;
      }
      repairs.moved.push({ value: v, expected: offset, found });
      offset = found;
    }
    const start = offset;
    offset += v.length;
    if (v.length === 0 || isBlankValue(v)) continue;
    const pos = wink.pos[i] ?? 'X';
    if (isPossessive(v)) {
      // Split "Blunkett's" as wink itself splits "Hale's": see isPossessive.
      pushToken(local, v.slice(0, -2), pos, start, offset - 2);
      pushToken(local, v.slice(-2), 'PART', offset - 2, offset);
    } else {
      pushToken(local, v, pos, start, offset);
    }
  }
  keptBefore[n0] = local.values.length;

  const n = local.values.length;
  if (n === 0) return;
  for (const token of local.tokens) tokens.push(token);

  // Sentence starts as wink found them, in local token indices.
  const isStart = new Uint8Array(n + 1);
  isStart[0] = 1;
  isStart[n] = 1;
  for (const span of wink.spans) {
    const first = span[0];
    if (first !== undefined && first >= 0 && first < n0) isStart[keptBefore[first] ?? n] = 1;
  }
  /** Rule that removed (merged) or added (split) a start at this index. */
  const changed: (string | undefined)[] = new Array<string | undefined>(n + 1);
  const added = new Uint8Array(n + 1);

  let sentenceStart = 0;
  for (let k = 1; k < n; k++) {
    if (isStart[k] !== 1) continue;
    const rule = mergeRule(local, k, sentenceStart, abbr);
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
    const next = splitAfter(local, t, abbr);
    if (next === -1 || isStart[next] === 1 || changed[next] !== undefined) continue;
    isStart[next] = 1;
    added[next] = 1;
    changed[next] = glued(local, t + 1) && next === t + 1 ? SENTENCE_RULES.splitMissingSpace : SENTENCE_RULES.splitAfterFullStop;
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
      start: local.tokens[first]?.start ?? 0,
      end: local.tokens[k - 1]?.end ?? 0,
      paragraph: paragraph.id,
      firstToken: base + first,
      endToken: base + k,
    };
    if (rule !== undefined) sentence.rule = rule;
    sentences.push(sentence);
    first = k;
    rule = added[k] === 1 ? changed[k] : undefined;
  }
}
