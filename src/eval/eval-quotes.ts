/**
 * `evaluateQuotes`: read a gold corpus (PolNeAR-style brat folder, or the
 * seeds answer key), run verbatim's pipeline on every article, score the
 * quotes it finds (SCORING.md) and return a plain-JSON report.
 *
 * Seeds rules:
 * - core and extended gold quotes are aligned together; precision is over
 *   all of them, and recall is reported for each level separately;
 * - a speaker is right when the system's mention overlaps the gold mention
 *   (its occurrence nearest the quote) or when its text contains, as whole
 *   words and ignoring case, the gold speaker's surname or an `accept` string;
 * - a `not_quotes` string came out as a quote when a system quote's content
 *   overlaps one of its quote-marked occurrences, unless that system quote
 *   leniently matches a gold quote whose content holds the occurrence (a
 *   reported clause may contain a scare-quoted label).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readTxt } from '../ingest/read-txt.js';
import { createDocument } from '../model/create-document.js';
import type { Actor, Quote } from '../model/document.js';
import { analyseDocument } from '../pipeline.js';
import { humanCeiling, type HumanCeiling } from './human-ceiling.js';
import { readBratCorpus } from './read-brat.js';
import { readSeedGold, type SeedNotQuote } from './read-seed-gold.js';
import {
  loadSpeechCues,
  normaliseSpans,
  overlapChars,
  scoreQuotes,
  spanText,
  type ArticleAlignment,
  type GoldKind,
  type QuoteScores,
  type SpeechCues,
} from './score-quotes.js';
import type { EvalProblem, ScoredArticle, Span, SystemQuote } from './types.js';

export type GoldSource = { format: 'brat'; dir: string } | { format: 'seeds'; file: string };

/** The article a system is run on: its file and the gold text (offsets point into it). */
export interface EvalArticle {
  name: string;
  file: string;
  text: string;
}

/** What a system returns for one article: its quotes and the text their offsets point into. */
export interface SystemOutput {
  text: string;
  quotes: Quote[];
  /** The article's actors, when the system resolves speakers to them. */
  actors?: Actor[];
}

export type QuoteSystem = (article: EvalArticle) => SystemOutput;

export interface EvaluateOptions {
  gold: GoldSource;
  /** Score only the first N articles (in name order; 0 or absent: all). */
  limit?: number;
  /** Collect up to N missed gold quotes and N false positives as examples (default 0). */
  errors?: number;
  /** The system under test; verbatim's pipeline by default. */
  system?: QuoteSystem;
  cues?: SpeechCues;
}

export interface ErrorExample {
  article: string;
  id: string;
  /** Content text (normalised spans joined by a space). */
  text: string;
  speaker: string | null;
  cue: string | null;
  /** Gold kind (direct, mixed, indirect) for a missed quote; `system` for a false positive. */
  kind: string;
  /** Best coverage reached by the system quote aligned with it (0 when none). */
  coverage: number;
}

export interface NotQuoteError {
  article: string;
  text: string;
  span: Span;
  systemId: string;
  systemText: string;
}

export interface EvalReport {
  gold: { format: GoldSource['format']; path: string; articles: number; attributions: number };
  system: { quotes: number; termsLeftOut: number };
  scores: QuoteScores;
  /** PolNeAR-style corpora: other annotators scored against the first. */
  humanCeiling?: HumanCeiling;
  /** Seeds: gold quotes in the key and how many were located in their article. */
  seeds?: { quotes: number; located: number; notQuotes: { checked: number; errors: NotQuoteError[] } };
  problems: EvalProblem[];
  examples?: { missed: ErrorExample[]; falsePositives: ErrorExample[] };
  elapsedMs: number;
}

/** verbatim's own pipeline: the article bytes through `readTxt`, `createDocument` and `analyseDocument`. */
export const pipelineSystem: QuoteSystem = (article) => {
  const item = readTxt(readFileSync(article.file), article.file);
  if (item.kind !== 'article') return { text: '', quotes: [] };
  const doc = analyseDocument(createDocument(item.article));
  return { text: doc.text, quotes: doc.quotes, actors: doc.actors };
};

interface GoldArticle extends EvalArticle {
  publisher: string;
  gold: ScoredArticle['gold'];
  notQuotes?: SeedNotQuote[];
}

export function evaluateQuotes(options: EvaluateOptions): EvalReport {
  const started = performance.now();
  const cues = options.cues ?? loadSpeechCues();
  const system = options.system ?? pipelineSystem;
  const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
  const problems: EvalProblem[] = [];
  let articles: GoldArticle[];
  let ceiling: HumanCeiling | undefined;
  let seedCounts: { quotes: number; located: number } | undefined;
  let goldPath: string;

  if (options.gold.format === 'brat') {
    goldPath = options.gold.dir;
    const corpus = readBratCorpus(options.gold.dir);
    problems.push(...corpus.problems);
    const chosen = corpus.articles.slice(0, limit);
    ceiling = humanCeiling(chosen, cues);
    articles = chosen.map((a) => ({
      name: a.name,
      file: path.join(corpus.dir, 'text', `${a.name}.txt`),
      text: a.text,
      publisher: a.publisher,
      gold: a.annotations[0]?.attributions ?? [],
    }));
  } else {
    goldPath = options.gold.file;
    const seeds = readSeedGold(options.gold.file);
    problems.push(...seeds.problems);
    seedCounts = { quotes: seeds.quotes, located: seeds.located };
    articles = seeds.articles.slice(0, limit).map((a) => ({
      name: a.name.replace(/\.txt$/, ''),
      file: a.file,
      text: a.text,
      publisher: 'seeds',
      gold: a.gold,
      notQuotes: a.notQuotes,
    }));
  }

  let termsLeftOut = 0;
  const scored: ScoredArticle[] = articles.map((article) => {
    const output = system(article);
    if (output.text !== article.text) {
      problems.push({
        file: article.file,
        rule: 'eval.text-differs',
        reason: `the pipeline's text of ${article.name} differs from the gold text (decoding changed it), so its quote offsets cannot be compared; the article is scored with no system quotes`,
      });
      return { name: article.name, publisher: article.publisher, text: article.text, gold: article.gold, system: [] };
    }
    termsLeftOut += output.quotes.filter((q) => q.kind === 'term').length;
    return { name: article.name, publisher: article.publisher, text: article.text, gold: article.gold, system: toSystemQuotes(output.quotes, output.actors) };
  });

  const { scores, alignments } = scoreQuotes(scored, cues);
  const report: EvalReport = {
    gold: { format: options.gold.format, path: goldPath, articles: scored.length, attributions: scores.gold },
    system: { quotes: scores.system ?? 0, termsLeftOut },
    scores,
    problems,
    elapsedMs: 0,
  };
  if (ceiling) report.humanCeiling = ceiling;
  if (seedCounts) {
    const notQuoteErrors = articles.flatMap((article, i) => findNotQuoteErrors(article, alignments[i]));
    const checked = articles.reduce((n, a) => n + (a.notQuotes?.reduce((m, q) => m + q.spans.length, 0) ?? 0), 0);
    report.seeds = { ...seedCounts, notQuotes: { checked, errors: notQuoteErrors } };
  }
  if (options.errors && options.errors > 0) report.examples = collectExamples(scored, alignments, options.errors);
  report.elapsedMs = Math.round(performance.now() - started);
  return report;
}

/** verbatim quotes as scoring sees them; `term` quotes (labels, scare quotes) are not speech and are left out. */
export function toSystemQuotes(quotes: readonly Quote[], actors: readonly Actor[] = []): SystemQuote[] {
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return quotes
    .filter((q) => q.kind !== 'term')
    .map((q) => ({
      id: q.id,
      content: q.content,
      speaker: q.speaker === null ? null : [q.speaker],
      cue: q.cue === null ? null : [q.cue],
      actorName: q.actor === null ? null : (names.get(q.actor) ?? null),
    }));
}

function findNotQuoteErrors(article: GoldArticle, alignment: ArticleAlignment | undefined): NotQuoteError[] {
  if (!alignment || !article.notQuotes) return [];
  const errors: NotQuoteError[] = [];
  const goldById = new Map(article.gold.map((g) => [g.id, g]));
  for (const notQuote of article.notQuotes) {
    for (const span of notQuote.spans) {
      for (const outcome of alignment.system) {
        const content = normaliseSpans(article.text, outcome.quote.content);
        if (overlapChars(content, [span]) === 0) continue;
        const gold = outcome.pair?.lenient ? goldById.get(outcome.pair.goldId) : undefined;
        if (gold && gold.content.some((c) => c.start <= span.start && c.end >= span.end)) continue;
        errors.push({ article: article.name, text: notQuote.text, span, systemId: outcome.quote.id, systemText: spanText(article.text, content) });
      }
    }
  }
  return errors;
}

/** Up to `limit` missed gold quotes and `limit` false positives (no lenient match), taken round-robin over articles. */
function collectExamples(
  articles: readonly ScoredArticle[],
  alignments: readonly ArticleAlignment[],
  limit: number,
): { missed: ErrorExample[]; falsePositives: ErrorExample[] } {
  const missedByArticle = alignments.map((alignment, i) => {
    const text = articles[i]?.text ?? '';
    return alignment.gold
      .filter((g) => !g.pair?.lenient)
      .map(
        (g): ErrorExample => ({
          article: g.article,
          id: g.gold.id,
          text: spanText(text, normaliseSpans(text, g.gold.content)),
          speaker: g.gold.source === null ? null : spanText(text, normaliseSpans(text, g.gold.source)),
          cue: g.gold.cue.length === 0 ? null : spanText(text, normaliseSpans(text, g.gold.cue)),
          kind: g.kind satisfies GoldKind,
          coverage: g.pair?.coverage ?? 0,
        }),
      );
  });
  const falseByArticle = alignments.map((alignment, i) => {
    const text = articles[i]?.text ?? '';
    return alignment.system
      .filter((s) => !s.pair?.lenient)
      .map(
        (s): ErrorExample => ({
          article: s.article,
          id: s.quote.id,
          text: spanText(text, normaliseSpans(text, s.quote.content)),
          speaker: s.quote.speaker === null ? null : spanText(text, normaliseSpans(text, s.quote.speaker)),
          cue: s.quote.cue === null ? null : spanText(text, normaliseSpans(text, s.quote.cue)),
          kind: 'system',
          coverage: s.pair?.coverage ?? 0,
        }),
      );
  });
  return { missed: roundRobin(missedByArticle, limit), falsePositives: roundRobin(falseByArticle, limit) };
}

/** Take one item from each list in turn until `limit` items are taken: examples spread over articles. */
export function roundRobin<T>(lists: readonly (readonly T[])[], limit: number): T[] {
  const taken: T[] = [];
  for (let round = 0; taken.length < limit; round++) {
    let any = false;
    for (const list of lists) {
      const item = list[round];
      if (item === undefined) continue;
      any = true;
      taken.push(item);
      if (taken.length === limit) break;
    }
    if (!any) break;
  }
  return taken;
}
