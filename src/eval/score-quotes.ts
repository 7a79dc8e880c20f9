/**
 * Score system quotes against gold attributions, exactly as
 * shared/docs/SCORING.md asks (so the figures sit next to published ones):
 *
 * - spans are normalised first: whitespace, outer quotation marks (straight
 *   and curly, single and double) and trailing `, . ; :` trimmed from each end,
 *   repeatedly (`“... wraps.”` → `... wraps`);
 * - tokens are runs of letters and digits (any script), identified by their offsets;
 * - per article, system quotes and gold attributions are paired one-to-one
 *   maximising total content token-F1 (Hungarian assignment); a pair with
 *   token-F1 0 shares nothing and is not a match;
 * - everything is micro-averaged over all quotes of all articles.
 *
 * Pure functions over plain data: no file system, no pipeline.
 */
import { readFileSync } from 'node:fs';
import { maxWeightAssignment } from './hungarian.js';
import type { GoldAttribution, ScoredArticle, Span, SystemQuote } from './types.js';

/** Coverage above which a match is `strict` (the Gender Gap Tracker's stricter threshold). */
export const STRICT_COVERAGE = 0.8;
/** Coverage above which a match is `lenient` (the Gender Gap Tracker's headline threshold). */
export const LENIENT_COVERAGE = 0.3;

export type GoldKind = 'direct' | 'mixed' | 'indirect';

// ---------------------------------------------------------------- spans

const QUOTE_MARKS = new Set(['"', "'", '\u201C', '\u201D', '\u201E', '\u201F', '\u2018', '\u2019', '\u201A', '\u201B', '\u00AB', '\u00BB']);
const TRAILING_PUNCTUATION = new Set([',', '.', ';', ':']);
const WHITESPACE = /\s/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const TOKEN = /[\p{L}\p{N}]+/gu;

/**
 * One span with whitespace, outer quotation marks and trailing `, . ; :`
 * trimmed (repeatedly, in any order). When that leaves nothing (a cue that is
 * just a colon), the whitespace-trimmed span is kept; null when even that is empty.
 */
export function normaliseSpan(text: string, span: Span): Span | null {
  let start = span.start;
  let end = span.end;
  while (start < end && WHITESPACE.test(text.charAt(start))) start++;
  while (end > start && WHITESPACE.test(text.charAt(end - 1))) end--;
  if (start === end) return null;
  const trimmed = { start, end };
  for (let changed = true; changed && start < end; ) {
    changed = false;
    if (WHITESPACE.test(text.charAt(start)) || QUOTE_MARKS.has(text.charAt(start))) {
      start++;
      changed = true;
    }
    if (end > start) {
      const last = text.charAt(end - 1);
      if (WHITESPACE.test(last) || QUOTE_MARKS.has(last) || TRAILING_PUNCTUATION.has(last)) {
        end--;
        changed = true;
      }
    }
  }
  return start < end ? { start, end } : trimmed;
}

/** Normalise every span, drop empty ones, sort and merge overlapping or touching ones. */
export function normaliseSpans(text: string, spans: readonly Span[]): Span[] {
  const normalised = spans.map((span) => normaliseSpan(text, span)).filter((span): span is Span => span !== null);
  return mergeSpans(normalised);
}

export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** Characters covered by merged spans. */
export function charCount(spans: readonly Span[]): number {
  return spans.reduce((sum, span) => sum + (span.end - span.start), 0);
}

/** Characters two sets of merged spans share. */
export function overlapChars(a: readonly Span[], b: readonly Span[]): number {
  let shared = 0;
  let j = 0;
  for (const x of a) {
    while (j < b.length && (b[j]?.end ?? 0) <= x.start) j++;
    for (let k = j; k < b.length; k++) {
      const y = b[k];
      if (!y || y.start >= x.end) break;
      shared += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
    }
  }
  return shared;
}

function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  return a.length === b.length && a.every((span, i) => span.start === b[i]?.start && span.end === b[i]?.end);
}

/** Tokens (runs of letters and digits) inside the spans, as `start:end` keys. */
export function tokenKeys(text: string, spans: readonly Span[]): Set<string> {
  const keys = new Set<string>();
  for (const span of spans) {
    for (const match of text.slice(span.start, span.end).matchAll(TOKEN)) {
      const start = span.start + match.index;
      keys.add(`${start}:${start + match[0].length}`);
    }
  }
  return keys;
}

/** The text of spans as brat shows it: ranges joined by one space. */
export function spanText(text: string, spans: readonly Span[]): string {
  return spans.map((span) => text.slice(span.start, span.end)).join(' ');
}

// ---------------------------------------------------------------- gold properties

const OPENING_DOUBLE = new Set(['\u201C', '\u201E', '\u00AB']);
const CLOSING_DOUBLE = new Set(['\u201D', '\u201F', '\u00BB']);
const OPENING_SINGLE = new Set(['\u2018', '\u201A']);
const DOUBLE_MARK = /["\u201C-\u201F\u00AB\u00BB]/;
const CLOSING_PUNCTUATION = new Set([',', '.', ';', ':', '!', '?']);

/**
 * How the gold content is quoted, from the text itself: `direct` when every
 * letter and digit of it lies inside quote marks, `indirect` when none does,
 * `mixed` otherwise. Marks just outside a span (`“` before it; `”` after it,
 * maybe after closing punctuation) count as its own. Double marks decide;
 * single marks are read as quote marks only in an article with no double
 * marks at all (British style); where doubles quote speech, singles mark
 * labels and scare quotes ("working with ‘paedophile hunters’"), which do not
 * make a reported clause mixed. Never between two letters (an apostrophe).
 */
export function goldKind(text: string, content: readonly Span[]): GoldKind {
  let inside = 0;
  let outside = 0;
  const useSingles = !DOUBLE_MARK.test(text);
  for (const span of content) {
    let from = span.start;
    while (from > 0 && QUOTE_MARKS.has(text.charAt(from - 1))) from--;
    let to = span.end;
    let after = to;
    while (CLOSING_PUNCTUATION.has(text.charAt(after))) after++;
    if (QUOTE_MARKS.has(text.charAt(after))) {
      to = after;
      while (QUOTE_MARKS.has(text.charAt(to))) to++;
    }
    // Depth, not a flag: a straight-quoted paragraph may hold a straight-quoted label ("... a so-called "hunter" ...").
    let depth = 0;
    for (let i = from; i < to; i++) {
      const char = text.charAt(i);
      const before = text.charAt(i - 1);
      const next = text.charAt(i + 1);
      const betweenLetters = WORD_CHAR.test(before) && WORD_CHAR.test(next);
      if (char === '"') depth = opensHere(before) ? depth + 1 : Math.max(0, depth - 1);
      else if (OPENING_DOUBLE.has(char)) depth++;
      else if (CLOSING_DOUBLE.has(char)) depth = Math.max(0, depth - 1);
      else if (useSingles && (OPENING_SINGLE.has(char) || char === "'" || char === '\u2019') && !betweenLetters) {
        if (opensHere(before) && WORD_CHAR.test(next)) depth++;
        else if (depth > 0 && !WORD_CHAR.test(next)) depth--;
      } else if (i >= span.start && i < span.end && WORD_CHAR.test(char)) {
        if (depth > 0) inside++;
        else outside++;
      }
    }
  }
  if (inside > 0 && outside === 0) return 'direct';
  return inside === 0 ? 'indirect' : 'mixed';
}

/** A straight mark opens a quote after the start of the text, a space, an opening bracket or a dash; otherwise it closes one. */
function opensHere(before: string): boolean {
  return before === '' || WHITESPACE.test(before) || OPENERS_BEFORE_QUOTE.has(before);
}

const OPENERS_BEFORE_QUOTE = new Set(['(', '[', '\u2014', '\u2013', '-', '\u201C', '\u2018']);

/** Sources that are a bare personal pronoun: the hard case of speaker attribution. */
const BARE_PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'him', 'her', 'them', 'us', 'me', 'one']);

export function isBarePronoun(text: string, source: readonly Span[] | null): boolean {
  if (source === null) return false;
  return BARE_PRONOUNS.has(spanText(text, normaliseSpans(text, source)).toLowerCase());
}

/** The speech-cue list (data/speech-cues-eval.json), as sets for lookup. */
export interface SpeechCues {
  forms: Set<string>;
  phrases: string[];
  /** Whether a colon alone is a cue of saying. */
  colon: boolean;
}

const SPEECH_CUES_FILE = new URL('../../data/speech-cues-eval.json', import.meta.url);

/** Read and check `data/speech-cues-eval.json`; throws naming the file when it is malformed. */
export function loadSpeechCues(file: URL | string = SPEECH_CUES_FILE): SpeechCues {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { forms?: unknown; phrases?: unknown; colon?: unknown };
  const forms = new Set<string>();
  if (typeof data.forms !== 'object' || data.forms === null || !Array.isArray(data.phrases)) {
    throw new Error(`${String(file)} must hold "forms" (lemma → list of forms) and "phrases" (list of strings)`);
  }
  for (const list of Object.values(data.forms as Record<string, unknown>)) {
    if (!Array.isArray(list)) throw new Error(`${String(file)}: every entry of "forms" must be a list of strings`);
    for (const form of list) if (typeof form === 'string') forms.add(form.toLowerCase());
  }
  const phrases = data.phrases.filter((p): p is string => typeof p === 'string').map((p) => p.toLowerCase());
  return { forms, phrases, colon: data.colon === true };
}

/** True when the cue text is a cue of saying: a listed word form, a listed phrase, or a lone colon. */
export function isSpeechCue(cueText: string, cues: SpeechCues): boolean {
  const lower = cueText.toLowerCase().replace(/[\u2018\u2019]/g, "'").trim();
  if (lower === ':') return cues.colon;
  for (const match of lower.matchAll(TOKEN)) if (cues.forms.has(match[0])) return true;
  const spaced = ` ${lower.replace(/\s+/g, ' ')} `;
  return cues.phrases.some((phrase) => spaced.includes(` ${phrase} `));
}

// ---------------------------------------------------------------- alignment

/** How one aligned (gold, system) pair scores. */
export interface PairScore {
  goldId: string;
  systemId: string;
  tokenF1: number;
  sharedTokens: number;
  coverage: number;
  exact: boolean;
  strict: boolean;
  lenient: boolean;
  /** Speaker correct: system mention overlaps the gold source (or both none; or, for seeds, names or resolves to the gold speaker). */
  speaker: boolean;
  /** Speaker strictly correct: normalised spans equal (or both none). */
  speakerStrict: boolean;
  /** Resolved actor names the gold speaker (seeds, whose gold names people); null when the gold names no one. */
  actor: boolean | null;
  /** null when the gold has no cue. */
  cueExact: boolean | null;
  cueOverlap: boolean | null;
}

export interface GoldOutcome {
  article: string;
  publisher: string;
  gold: GoldAttribution;
  kind: GoldKind;
  pronounSource: boolean;
  speechCue: boolean;
  tokens: number;
  /** The aligned system quote's scores, or null when no system quote shares a token with it. */
  pair: PairScore | null;
}

export interface SystemOutcome {
  article: string;
  publisher: string;
  quote: SystemQuote;
  tokens: number;
  /** The aligned gold's scores, or null when it matched none (a false positive at every level). */
  pair: PairScore | null;
}

export interface ArticleAlignment {
  gold: GoldOutcome[];
  system: SystemOutcome[];
}

const NAME_FOLD = /[\u2018\u2019]/g;

/** Whole-word, case-insensitive containment, apostrophes folded. */
function containsWords(haystack: string, needle: string): boolean {
  const fold = (s: string): string => ` ${s.toLowerCase().replace(NAME_FOLD, "'").replace(/[^\p{L}\p{N}']+/gu, ' ').trim()} `;
  const n = fold(needle);
  return n.trim() !== '' && fold(haystack).includes(n);
}

function judgeSpeaker(text: string, gold: GoldAttribution, system: SystemQuote): { speaker: boolean; strict: boolean } {
  const goldSource = gold.source === null ? null : normaliseSpans(text, gold.source);
  const systemSpeaker = system.speaker === null ? null : normaliseSpans(text, system.speaker);
  const goldNone = goldSource === null || goldSource.length === 0;
  const systemNone = systemSpeaker === null || systemSpeaker.length === 0;
  // Seeds name the speaker (a person or organisation): a mention that names them, or resolves to them, is right.
  const byActor = judgeActor(gold, system) === true;
  if (goldNone || systemNone) {
    const byName = !systemNone && (nameMatches(text, gold, systemSpeaker) || byActor);
    return { speaker: (goldNone && systemNone) || byName, strict: goldNone && systemNone };
  }
  const overlap = overlapChars(goldSource, systemSpeaker) > 0;
  return { speaker: overlap || nameMatches(text, gold, systemSpeaker) || byActor, strict: sameSpans(goldSource, systemSpeaker) };
}

function judgeActor(gold: GoldAttribution, system: SystemQuote): boolean | null {
  if (!gold.speakerNames || gold.speakerNames.length === 0) return null;
  const name = system.actorName;
  if (name === undefined || name === null) return false;
  return gold.speakerNames.some((g) => containsWords(name, g) || containsWords(g, name));
}

function nameMatches(text: string, gold: GoldAttribution, speaker: Span[]): boolean {
  if (!gold.speakerNames || gold.speakerNames.length === 0) return false;
  const said = spanText(text, speaker);
  return gold.speakerNames.some((name) => containsWords(said, name));
}

function judgeCue(text: string, gold: GoldAttribution, system: SystemQuote): { exact: boolean | null; overlap: boolean | null } {
  const goldCue = normaliseSpans(text, gold.cue);
  if (goldCue.length === 0) return { exact: null, overlap: null };
  const systemCue = system.cue === null ? [] : normaliseSpans(text, system.cue);
  if (systemCue.length === 0) return { exact: false, overlap: false };
  return {
    exact: spanText(text, goldCue).toLowerCase() === spanText(text, systemCue).toLowerCase(),
    overlap: overlapChars(goldCue, systemCue) > 0,
  };
}

/** Align one article's system quotes to its gold attributions and score every pair. */
export function alignArticle(article: ScoredArticle, cues: SpeechCues): ArticleAlignment {
  const { text } = article;
  const goldSpans = article.gold.map((g) => normaliseSpans(text, g.content));
  const systemSpans = article.system.map((s) => normaliseSpans(text, s.content));
  const goldTokens = goldSpans.map((spans) => tokenKeys(text, spans));
  const systemTokens = systemSpans.map((spans) => tokenKeys(text, spans));

  const shared = goldTokens.map((g) => systemTokens.map((s) => countShared(g, s)));
  const weights = goldTokens.map((g, gi) =>
    systemTokens.map((s, si) => {
      const both = shared[gi]?.[si] ?? 0;
      return both === 0 ? 0 : (2 * both) / (g.size + s.size);
    }),
  );

  const goldPairs = new Map<number, PairScore>();
  const systemPairs = new Map<number, PairScore>();
  for (const { row, column, weight } of maxWeightAssignment(weights)) {
    if (weight <= 0) continue;
    const gold = article.gold[row];
    const system = article.system[column];
    const g = goldSpans[row];
    const s = systemSpans[column];
    if (!gold || !system || !g || !s) continue;
    const goldChars = charCount(g);
    const coverage = goldChars === 0 ? 0 : overlapChars(g, s) / goldChars;
    const speaker = judgeSpeaker(text, gold, system);
    const cue = judgeCue(text, gold, system);
    const pair: PairScore = {
      goldId: gold.id,
      systemId: system.id,
      tokenF1: weight,
      sharedTokens: shared[row]?.[column] ?? 0,
      coverage,
      exact: sameSpans(g, s),
      strict: coverage > STRICT_COVERAGE,
      lenient: coverage > LENIENT_COVERAGE,
      speaker: speaker.speaker,
      speakerStrict: speaker.strict,
      actor: judgeActor(gold, system),
      cueExact: cue.exact,
      cueOverlap: cue.overlap,
    };
    goldPairs.set(row, pair);
    systemPairs.set(column, pair);
  }

  return {
    gold: article.gold.map((gold, i) => ({
      article: article.name,
      publisher: article.publisher,
      gold,
      kind: goldKind(text, gold.content),
      pronounSource: isBarePronoun(text, gold.source),
      speechCue: gold.cue.length > 0 && isSpeechCue(spanText(text, normaliseSpans(text, gold.cue)), cues),
      tokens: goldTokens[i]?.size ?? 0,
      pair: goldPairs.get(i) ?? null,
    })),
    system: article.system.map((quote, i) => ({
      article: article.name,
      publisher: article.publisher,
      quote,
      tokens: systemTokens[i]?.size ?? 0,
      pair: systemPairs.get(i) ?? null,
    })),
  };
}

function countShared(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const key of a) if (b.has(key)) n++;
  return n;
}

// ---------------------------------------------------------------- figures

/** Precision, recall and F1 with their counts. `system` and `precision`/`f1` are null for gold-only subsets (kind, cue type, pronoun sources). */
export interface Prf {
  tp: number;
  system: number | null;
  gold: number;
  precision: number | null;
  recall: number;
  f1: number | null;
}

export interface Accuracy {
  correct: number;
  n: number;
  accuracy: number;
}

export interface FigureSet {
  gold: number;
  /** System quotes scored; null for a gold-only subset. */
  system: number | null;
  /** Gold attributions aligned to a system quote (sharing at least one token). */
  matched: number;
  exact: Prf;
  strict: Prf;
  lenient: Prf;
  /** Counted in tokens, not quotes. */
  token: Prf;
  /** The headline: a lenient match with a correct speaker. */
  attributed: Prf;
  /** On matched quotes. */
  speaker: { overlap: Accuracy; strict: Accuracy };
  /** On matched quotes whose gold names the speaker: the resolved actor is that person or organisation. */
  actor: Accuracy;
  /** On matched quotes whose gold has a cue. */
  cue: { exact: Accuracy; overlap: Accuracy };
}

export interface QuoteScores extends FigureSet {
  articles: number;
  breakdowns: {
    kind: Record<GoldKind, FigureSet>;
    publisher: Record<string, FigureSet>;
    pronounSource: FigureSet;
    /** Gold cues of saying (data/speech-cues-eval.json) ... */
    speechCue: FigureSet;
    /** ... and the rest: beliefs, intentions, evidence, no cue. */
    otherCue: FigureSet;
    /** Seeds only: core and extended gold quotes. */
    level?: Partial<Record<'core' | 'extended', FigureSet>>;
  };
}

/** A ratio that is 0 when its denominator is 0 (the counts beside it show why). */
function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

export function prf(tp: number, system: number | null, gold: number): Prf {
  const recall = ratio(tp, gold);
  if (system === null) return { tp, system, gold, precision: null, recall, f1: null };
  const precision = ratio(tp, system);
  return { tp, system, gold, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

function accuracy(values: readonly boolean[]): Accuracy {
  const correct = values.filter(Boolean).length;
  return { correct, n: values.length, accuracy: ratio(correct, values.length) };
}

/** Figures over a set of gold outcomes and, when given, the system quotes they compete with (null: a gold-only subset). */
export function figures(gold: readonly GoldOutcome[], system: readonly SystemOutcome[] | null): FigureSet {
  const pairs = gold.map((g) => g.pair).filter((p): p is PairScore => p !== null);
  const count = (test: (pair: PairScore) => boolean): number => pairs.filter(test).length;
  const systemCount = system === null ? null : system.length;
  const withCue = pairs.filter((p) => p.cueExact !== null);
  return {
    gold: gold.length,
    system: systemCount,
    matched: pairs.length,
    exact: prf(count((p) => p.exact), systemCount, gold.length),
    strict: prf(count((p) => p.strict), systemCount, gold.length),
    lenient: prf(count((p) => p.lenient), systemCount, gold.length),
    token: prf(
      pairs.reduce((sum, p) => sum + p.sharedTokens, 0),
      system === null ? null : system.reduce((sum, s) => sum + s.tokens, 0),
      gold.reduce((sum, g) => sum + g.tokens, 0),
    ),
    attributed: prf(count((p) => p.lenient && p.speaker), systemCount, gold.length),
    speaker: { overlap: accuracy(pairs.map((p) => p.speaker)), strict: accuracy(pairs.map((p) => p.speakerStrict)) },
    actor: accuracy(pairs.filter((p) => p.actor !== null).map((p) => p.actor === true)),
    cue: { exact: accuracy(withCue.map((p) => p.cueExact === true)), overlap: accuracy(withCue.map((p) => p.cueOverlap === true)) },
  };
}

/** Score a whole corpus: every figure of SCORING.md, micro-averaged, with the breakdowns. */
export function scoreQuotes(articles: readonly ScoredArticle[], cues: SpeechCues = loadSpeechCues()): { scores: QuoteScores; alignments: ArticleAlignment[] } {
  const alignments = articles.map((article) => alignArticle(article, cues));
  return { scores: summarise(alignments, articles.length), alignments };
}

/** The figures and breakdowns of alignments already made. */
export function summarise(alignments: readonly ArticleAlignment[], articleCount: number): QuoteScores {
  const gold = alignments.flatMap((a) => a.gold);
  const system = alignments.flatMap((a) => a.system);
  const publisher: Record<string, FigureSet> = {};
  for (const name of [...new Set(gold.map((g) => g.publisher).concat(system.map((s) => s.publisher)))].sort()) {
    publisher[name] = figures(
      gold.filter((g) => g.publisher === name),
      system.filter((s) => s.publisher === name),
    );
  }
  const scores: QuoteScores = {
    articles: articleCount,
    ...figures(gold, system),
    breakdowns: {
      kind: {
        direct: figures(gold.filter((g) => g.kind === 'direct'), null),
        mixed: figures(gold.filter((g) => g.kind === 'mixed'), null),
        indirect: figures(gold.filter((g) => g.kind === 'indirect'), null),
      },
      publisher,
      pronounSource: figures(gold.filter((g) => g.pronounSource), null),
      speechCue: figures(gold.filter((g) => g.speechCue), null),
      otherCue: figures(gold.filter((g) => !g.speechCue), null),
    },
  };
  if (gold.some((g) => g.gold.level !== undefined)) {
    scores.breakdowns.level = {
      core: figures(gold.filter((g) => g.gold.level === 'core'), null),
      extended: figures(gold.filter((g) => g.gold.level === 'extended'), null),
    };
  }
  return scores;
}
