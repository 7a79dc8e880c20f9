/**
 * Read the seeds answer key (`gold.json`): each gold quote is located in its
 * article by the first and last words of its content (`starts`, `ends`), and
 * turned into the same gold attribution shape as a brat corpus.
 *
 * Seeds give speakers as names, not spans, so each gold quote keeps
 * `speakerNames` (the surname of the canonical speaker and every `accept`
 * string) for name-based speaker checking; its source span is the occurrence
 * of `speaker_mention` nearest the content, and its cue span the nearest
 * occurrence of `cue`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EvalProblem, GoldAttribution, Span } from './types.js';

export interface SeedNotQuote {
  text: string;
  /** Every quote-marked occurrence in the article (the string with a quote mark right before and right after it). */
  spans: Span[];
}

export interface SeedArticle {
  /** The article file name as `gold.json` names it, e.g. `wiltshire-police.txt`. */
  name: string;
  file: string;
  text: string;
  gold: GoldAttribution[];
  /** Kinds the answer key gives, by gold id (the scorer derives its own from the text; a test compares them). */
  givenKinds: Map<string, string>;
  notQuotes: SeedNotQuote[];
}

export interface SeedGold {
  file: string;
  articles: SeedArticle[];
  /** Gold quotes in the key, and how many of them were located in their article. */
  quotes: number;
  located: number;
  problems: EvalProblem[];
}

interface SeedQuote {
  level?: unknown;
  kind?: unknown;
  speaker?: unknown;
  accept?: unknown;
  speaker_mention?: unknown;
  cue?: unknown;
  starts?: unknown;
  ends?: unknown;
  paragraphs?: unknown;
}

const APOSTROPHES = new Set(['\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '`']);
const DOUBLE_QUOTES = new Set(['\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB']);
const QUOTE_MARKS = new Set(["'", '"']);
const WHITESPACE = /\s/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Fold one character for matching without changing the text's length: curly
 * quotes and apostrophes to straight ones, any whitespace (a non-breaking
 * space too) to a space, and optionally to lower case.
 */
function foldChar(char: string, ignoreCase: boolean): string {
  if (APOSTROPHES.has(char)) return "'";
  if (DOUBLE_QUOTES.has(char)) return '"';
  if (WHITESPACE.test(char)) return ' ';
  if (ignoreCase) {
    const lower = char.toLowerCase();
    return lower.length === 1 ? lower : char;
  }
  return char;
}

function fold(text: string, ignoreCase: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldChar(text.charAt(i), ignoreCase);
  return out;
}

/** A phrase matcher over one text: folded once, searched many times. */
export class PhraseFinder {
  private readonly exact: string;
  private readonly caseless: string;

  constructor(readonly text: string) {
    this.exact = fold(text, false);
    this.caseless = fold(text, true);
  }

  /**
   * Every occurrence of `phrase` from `from` on: quotes folded, any run of
   * whitespace between words matching any other. Case must match unless no
   * case-matching occurrence exists at all.
   */
  findAll(phrase: string, from = 0, wholeWords = false): Span[] {
    const found = this.search(this.exact, fold(phrase, false), from, wholeWords);
    return found.length > 0 ? found : this.search(this.caseless, fold(phrase, true), from, wholeWords);
  }

  find(phrase: string, from = 0): Span | null {
    return this.findAll(phrase, from)[0] ?? null;
  }

  private search(haystack: string, phrase: string, from: number, wholeWords: boolean): Span[] {
    const words = phrase.split(' ').filter((word) => word !== '');
    const first = words[0];
    if (first === undefined) return [];
    const spans: Span[] = [];
    for (let at = haystack.indexOf(first, from); at !== -1; at = haystack.indexOf(first, at + 1)) {
      let end = at + first.length;
      let matched = true;
      for (const word of words.slice(1)) {
        let gap = end;
        while (haystack.charAt(gap) === ' ') gap++;
        if (gap === end || !haystack.startsWith(word, gap)) {
          matched = false;
          break;
        }
        end = gap + word.length;
      }
      if (!matched) continue;
      if (wholeWords && (WORD_CHAR.test(haystack.charAt(at - 1)) || WORD_CHAR.test(haystack.charAt(end)))) continue;
      spans.push({ start: at, end });
    }
    return spans;
  }

  /** True when the character at `index` is a quote mark (straight or curly, single or double). */
  isQuoteMark(index: number): boolean {
    return QUOTE_MARKS.has(this.exact.charAt(index));
  }
}

/** Split a span at line breaks, trimming whitespace: one span per paragraph of a multi-paragraph quote. */
export function splitAtLineBreaks(text: string, span: Span): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && WHITESPACE.test(text.charAt(s))) s++;
    while (e > s && WHITESPACE.test(text.charAt(e - 1))) e--;
    if (e > s) pieces.push({ start: s, end: e });
  };
  for (let i = span.start; i < span.end; i++) {
    if (text.charAt(i) === '\n') {
      push(i);
      start = i + 1;
    }
  }
  push(span.end);
  return pieces;
}

/** Characters between two spans (0 when they touch or overlap). */
function gap(a: Span, b: Span): number {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}

/** The occurrence nearest the content, preferring one outside it (a cue or a speaker stands outside what was said). */
function nearest(candidates: Span[], content: Span): Span | null {
  const outside = candidates.filter((c) => c.end <= content.start || c.start >= content.end);
  const pool = outside.length > 0 ? outside : candidates;
  let best: Span | null = null;
  for (const candidate of pool) if (best === null || gap(candidate, content) < gap(best, content)) best = candidate;
  return best;
}

function paragraphBreaks(text: string, span: Span): number {
  const inner = text.slice(span.start, span.end);
  return inner.split(/\n\s*/).length - 1;
}

/** The surname: last word of the canonical speaker (`Simon Bailey` → `Bailey`; `Staffordshire Police` → `Police`). */
function surname(speaker: string): string {
  const words = speaker.split(/\s+/).filter((w) => w !== '');
  return words.at(-1) ?? speaker;
}

function stringOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Locate the gold quotes of one article. Pure: `file` only names it in problems. */
export function locateSeedQuotes(
  text: string,
  quotes: readonly SeedQuote[],
  notQuotes: readonly unknown[],
  file: string,
): { gold: GoldAttribution[]; givenKinds: Map<string, string>; notQuotes: SeedNotQuote[]; problems: EvalProblem[] } {
  const finder = new PhraseFinder(text);
  const gold: GoldAttribution[] = [];
  const givenKinds = new Map<string, string>();
  const problems: EvalProblem[] = [];
  quotes.forEach((quote, index) => {
    const id = `q${index + 1}`;
    const starts = stringOf(quote.starts);
    const ends = stringOf(quote.ends);
    const problem = (rule: string, reason: string): void => {
      problems.push({ file, rule, reason: `gold quote ${id} (starts ${JSON.stringify(starts)}): ${reason}` });
    };
    if (starts === null || ends === null) {
      problem('eval.seeds.bad-quote', 'needs non-empty "starts" and "ends" strings; not scored');
      return;
    }
    const first = finder.find(starts);
    if (first === null) {
      problem('eval.seeds.not-located', `"starts" is not in the article text; not scored`);
      return;
    }
    let last = finder.find(ends, first.start);
    while (last !== null && last.end < first.end) last = finder.find(ends, last.start + 1);
    if (last === null) {
      problem('eval.seeds.not-located', `"ends" ${JSON.stringify(ends)} is not in the text after "starts"; not scored`);
      return;
    }
    const whole = { start: first.start, end: last.end };
    const paragraphs = typeof quote.paragraphs === 'number' ? quote.paragraphs : 1;
    if (paragraphBreaks(text, whole) + 1 !== paragraphs) {
      problem('eval.seeds.paragraphs', `located over ${paragraphBreaks(text, whole) + 1} paragraph(s), the key says ${paragraphs}; the located span is used`);
    }
    const speaker = stringOf(quote.speaker);
    const accept = Array.isArray(quote.accept) ? quote.accept.filter((a): a is string => typeof a === 'string' && a !== '') : [];
    const mention = stringOf(quote.speaker_mention);
    const cue = stringOf(quote.cue);
    const source = mention === null ? null : nearest(finder.findAll(mention, 0, true), whole);
    if (mention !== null && source === null) problem('eval.seeds.mention-not-located', `speaker mention ${JSON.stringify(mention)} is not in the text; speakers are checked by name only`);
    const cueSpan = cue === null ? null : nearest(finder.findAll(cue, 0, true), whole);
    if (cue !== null && cueSpan === null) problem('eval.seeds.cue-not-located', `cue ${JSON.stringify(cue)} is not in the text; cue figures leave it out`);
    const level = quote.level === 'extended' ? 'extended' : 'core';
    gold.push({
      id,
      content: splitAtLineBreaks(text, whole),
      source: source === null ? null : [source],
      cue: cueSpan === null ? [] : [cueSpan],
      speakerNames: [...(speaker === null ? [] : [surname(speaker)]), ...accept],
      level,
    });
    if (typeof quote.kind === 'string') givenKinds.set(id, quote.kind);
  });

  const located: SeedNotQuote[] = [];
  for (const value of notQuotes) {
    if (typeof value !== 'string' || value === '') continue;
    const spans = finder.findAll(value, 0, true).filter((span) => finder.isQuoteMark(span.start - 1) && finder.isQuoteMark(span.end));
    if (spans.length === 0) problems.push({ file, rule: 'eval.seeds.not-quote-not-located', reason: `not_quotes ${JSON.stringify(value)} has no quote-marked occurrence in the text; it cannot be checked` });
    located.push({ text: value, spans });
  }
  return { gold, givenKinds, notQuotes: located, problems };
}

/** Read `gold.json` and every article it names (in the same folder). Throws when gold.json itself is missing or not JSON. */
export function readSeedGold(file: string): SeedGold {
  if (!existsSync(file)) throw new Error(`seeds answer key not found at ${file} (is ../shared/corpora mounted?)`);
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const articlesValue = typeof parsed === 'object' && parsed !== null ? (parsed as { articles?: unknown }).articles : undefined;
  if (typeof articlesValue !== 'object' || articlesValue === null || Array.isArray(articlesValue)) {
    throw new Error(`${file} has no "articles" object keyed by article file name`);
  }
  const problems: EvalProblem[] = [];
  const articles: SeedArticle[] = [];
  let quotes = 0;
  for (const [name, entry] of Object.entries(articlesValue as Record<string, unknown>)) {
    const articleFile = path.join(path.dirname(file), name);
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as { quotes?: unknown; not_quotes?: unknown };
    const quoteList = Array.isArray(record.quotes) ? (record.quotes as SeedQuote[]) : [];
    quotes += quoteList.length;
    if (!existsSync(articleFile)) {
      problems.push({ file: articleFile, rule: 'eval.seeds.no-article', reason: `gold.json names ${name} but the file is missing; its ${quoteList.length} quotes are not scored` });
      continue;
    }
    const text = readFileSync(articleFile, 'utf8');
    const located = locateSeedQuotes(text, quoteList, Array.isArray(record.not_quotes) ? record.not_quotes : [], articleFile);
    problems.push(...located.problems);
    articles.push({ name, file: articleFile, text, gold: located.gold, givenKinds: located.givenKinds, notQuotes: located.notQuotes });
  }
  return { file, articles, quotes, located: articles.reduce((n, a) => n + a.gold.length, 0), problems };
}
