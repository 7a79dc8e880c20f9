import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadGazetteer } from '../actors/gazetteer.js';
import { createDocument } from '../model/create-document.js';
import type { Document } from '../model/document.js';
import { readInputs } from '../ingest/read-inputs.js';
import { DEFAULT_MAX_BYTES, type IngestItem, type IngestOptions } from '../ingest/types.js';
import { analyseDocument, type StageContext, type StageTimings } from '../pipeline.js';
import { loadPropositions } from '../stances/propositions.js';
import { compilePropositions } from '../stances/stance-words.js';
import type { ArticleWrite, LogEntry, LogStatus, Store } from '../store/store.js';
import { EXTRACTOR_VERSION } from '../version.js';
import { updateNearDuplicates } from '../provenance/update-near-duplicates.js';

const BATCH_ARTICLES = 500; // articles per transaction: amortises commits and FTS segment merges (measured: 1,024 vs 256 saved ~5% on BBC)
const BATCH_CHARS = 4_000_000; // ...or fewer, when articles are long: bounds a batch's memory whatever the corpus
const SUMMARY_PROBLEMS_KEPT = 100; // rejected items listed in the summary; the ingest log keeps them all

export interface AnalyzeOptions extends Partial<IngestOptions> {
  /** Called after each batch is written. */
  onProgress?: (progress: AnalyzeProgress) => void;
  /** Recorded with the run (e.g. the command line). */
  command?: string;
  /** When given, filled with the time spent in each stage (for `npm run bench`). */
  stageTimings?: StageTimings;
  /** The user's gazetteer packs (JSON files in the shape of `data/gazetteers/*.json`). */
  gazetteers?: readonly string[];
  /**
   * A propositions file (YAML or JSON) for the stances stage. It replaces the
   * store's propositions; without it, the store's (from an earlier run) are used.
   */
  propositions?: string;
  /**
   * Group near-duplicate articles again after the run when articles came
   * since they were last grouped (the default), for the counts that count each
   * group once; false leaves it to `updateNearDuplicates` (`verbatim articles same`).
   */
  nearDuplicates?: boolean;
}

/**
 * The version stamped on stored articles: the extractors' version, plus a
 * digest of the user's gazetteer packs and of the propositions when there
 * are any, so that changing either re-analyses the articles it may change.
 */
export function analysisVersion(gazetteers: readonly string[] = [], propositionsDigest: string | null = null): string {
  let version = EXTRACTOR_VERSION;
  if (gazetteers.length > 0) {
    const hash = createHash('sha256');
    for (const file of gazetteers) hash.update(readFileSync(file));
    version += `+gazetteer:${hash.digest('hex').slice(0, 12)}`;
  }
  return propositionsDigest === null ? version : `${version}+propositions:${propositionsDigest}`;
}

/** How this run analyses: the version it stamps, the stages' context, the timings to fill. */
interface Analysis {
  version: string;
  ctx: StageContext;
  timings: StageTimings | undefined;
}

export interface AnalyzeProgress {
  items: number;
  articles: number;
  chars: number;
  elapsedMs: number;
}

export interface AnalyzeSummary {
  runId: number;
  /** Items read: files, plus rows of JSONL/CSV files. */
  items: number;
  counts: Record<LogStatus, number>;
  /** Paragraphs and sentences of the articles analysed in this run (stored or updated). */
  paragraphs: number;
  sentences: number;
  /** Quotes (not counting quote-marked terms) of the articles analysed in this run. */
  quotes: number;
  /** Of those quotes, the ones whose speaker resolved to a person or organisation. */
  attributed: number;
  /** People and organisations named in the articles analysed (counted per article). */
  actors: number;
  /** Statements of position on the propositions, in the articles analysed. */
  statements: number;
  /** Reported figures (ages left out), and those whose own arithmetic does not hold. */
  statistics: number;
  inconsistent: number;
  chars: number;
  elapsedMs: number;
  /** Rejected items, first ones only (all are in the store's ingest log). */
  problems: LogEntry[];
  /** Duplicates found, first ones only. */
  duplicates: LogEntry[];
  /** The near-duplicate groups after the run: as last found (now, unless left out), out of date or never found. */
  nearDuplicates: NearDuplicateSummary;
}

export interface NearDuplicateSummary {
  grouped: boolean;
  /** Found in this run. */
  regrouped: boolean;
  stale: boolean;
  groups: number;
  /** Members after their group's first appearance. */
  copies: number;
  /** Seconds the last grouping took. */
  seconds: number | null;
}

/**
 * Read every article under `paths`, run the pipeline over it and store it.
 * Streams: at most one batch of articles is in memory. An item that cannot be
 * read or analysed is logged as rejected and the run goes on.
 */
export async function analyzeCorpus(
  paths: readonly string[],
  store: Store,
  options: AnalyzeOptions = {},
): Promise<AnalyzeSummary> {
  const ingest: IngestOptions = {
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    columns: options.columns ?? {},
  };
  // Packs are read (and checked) before anything is stored: a broken pack would change every article.
  const gazetteers = options.gazetteers ?? [];
  // So is a propositions file; once checked, it becomes the store's propositions.
  const given = options.propositions === undefined ? null : loadPropositions(options.propositions);
  const { propositions, digest } = given ?? (await store.propositions());
  if (given !== null) await store.setPropositions(given.propositions, given.digest);
  const analysis: Analysis = {
    version: analysisVersion(gazetteers, propositions.length === 0 ? null : digest),
    ctx: {
      ...(gazetteers.length === 0 ? {} : { gazetteer: loadGazetteer(gazetteers) }),
      ...(propositions.length === 0 ? {} : { propositions: compilePropositions(propositions) }),
    },
    timings: options.stageTimings,
  };
  const started = performance.now();
  const runId = await store.beginRun({
    command: options.command ?? 'analyze',
    inputs: [...paths],
    extractorVersion: analysis.version,
  });
  const summary: AnalyzeSummary = {
    runId,
    items: 0,
    counts: { stored: 0, updated: 0, unchanged: 0, duplicate: 0, rejected: 0, skipped: 0 },
    paragraphs: 0,
    sentences: 0,
    quotes: 0,
    attributed: 0,
    actors: 0,
    statements: 0,
    statistics: 0,
    inconsistent: 0,
    chars: 0,
    elapsedMs: 0,
    problems: [],
    duplicates: [],
    nearDuplicates: { grouped: false, regrouped: false, stale: false, groups: 0, copies: 0, seconds: null },
  };
  const record = (entry: LogEntry): void => {
    summary.counts[entry.status]++;
    if (entry.status === 'rejected' && summary.problems.length < SUMMARY_PROBLEMS_KEPT) summary.problems.push(entry);
    if (entry.status === 'duplicate' && summary.duplicates.length < SUMMARY_PROBLEMS_KEPT) summary.duplicates.push(entry);
  };

  let pending: IngestItem[] = [];
  let pendingChars = 0;
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    pendingChars = 0;
    const { articles, log, analysed } = await planBatch(batch, store, analysis);
    const failed = await store.writeBatch(runId, { articles, log });
    const failedItems = new Set(failed.map((entry) => entry.item));
    for (const entry of log) record(entry);
    for (const entry of failed) record(entry);
    for (const write of articles) {
      if (failedItems.has(write.item)) continue;
      record({ item: write.item, status: write.replace ? 'updated' : 'stored', articleId: write.doc.id });
    }
    for (const doc of analysed) {
      summary.paragraphs += doc.paragraphs.length;
      summary.sentences += doc.sentences.length;
      summary.quotes += doc.quotes.filter((quote) => quote.kind !== 'term').length;
      summary.attributed += doc.quotes.filter((quote) => quote.kind !== 'term' && quote.actor !== null).length;
      summary.actors += doc.actors.length;
      summary.statements += doc.statements.length;
      summary.statistics += doc.statistics.filter((f) => f.kind !== 'age').length;
      summary.inconsistent += doc.statistics.filter((f) => f.check.verdict === 'inconsistent').length;
    }
    options.onProgress?.({
      items: summary.items,
      articles: summary.counts.stored + summary.counts.updated,
      chars: summary.chars,
      elapsedMs: performance.now() - started,
    });
  };

  for await (const item of readInputs(paths, ingest)) {
    summary.items++;
    pending.push(item);
    if (item.kind === 'article') {
      pendingChars += item.article.text.length;
      summary.chars += item.article.text.length;
    }
    if (pending.length >= BATCH_ARTICLES || pendingChars >= BATCH_CHARS) await flush();
  }
  await flush();
  // The run's own time; grouping near-duplicates (the new articles with every other) is timed apart.
  summary.elapsedMs = performance.now() - started;
  let state = await store.nearDuplicates();
  const regroup = options.nearDuplicates !== false && (state.foundAt === null || state.stale);
  if (regroup) {
    await updateNearDuplicates(store);
    state = await store.nearDuplicates();
  }
  summary.nearDuplicates = { grouped: state.foundAt !== null, regrouped: regroup, stale: state.stale, groups: state.groups, copies: state.copies, seconds: state.seconds };
  await store.finishRun(runId, { ...summary, problems: undefined, duplicates: undefined });
  return summary;
}

/** Decide what each item of a batch becomes, and analyse the articles that need it. */
async function planBatch(
  batch: IngestItem[],
  store: Store,
  analysis: Analysis,
): Promise<{ articles: ArticleWrite[]; log: LogEntry[]; analysed: Document[] }> {
  const { version, ctx, timings } = analysis;
  const articles: ArticleWrite[] = [];
  const log: LogEntry[] = [];
  const analysed: Document[] = [];
  const docs = new Map<IngestItem, Document>();
  for (const item of batch) if (item.kind === 'article') docs.set(item, createDocument(item.article));
  const stored = await store.findByHashes([...new Set([...docs.values()].map((doc) => doc.hash))]);
  const inBatch = new Map<string, string>(); // hash -> item that brought it in this batch

  for (const item of batch) {
    if (item.kind !== 'article') {
      log.push({ item: item.item, status: item.kind, rule: item.rule, reason: item.reason });
      continue;
    }
    const doc = docs.get(item);
    if (!doc) continue;
    const earlier = inBatch.get(doc.hash);
    if (earlier !== undefined) {
      log.push(duplicateOf(item.item, doc.id, earlier));
      continue;
    }
    const existing = stored.get(doc.hash);
    const sameSource = existing !== undefined && sourceKey(existing.source) === sourceKey(doc.meta.source);
    if (existing && !(sameSource && existing.extractorVersion !== version)) {
      log.push(
        sameSource
          ? { item: item.item, status: 'unchanged', articleId: existing.id }
          : duplicateOf(item.item, existing.id, describeSource(existing.source)),
      );
      continue;
    }
    try {
      analyseDocument(doc, ctx, timings);
    } catch (error) {
      // A stage that throws is a bug in verbatim: keep the run going, name the article.
      log.push({
        item: item.item,
        status: 'rejected',
        articleId: doc.id,
        rule: 'pipeline.failed',
        reason: `${item.item}: analysis failed (${(error as Error).message}); please report this with the file`,
      });
      continue;
    }
    inBatch.set(doc.hash, item.item);
    analysed.push(doc);
    articles.push({ item: item.item, doc, extractorVersion: version, replace: existing !== undefined });
  }
  return { articles, log, analysed };
}

function duplicateOf(item: string, id: string, of: string): LogEntry {
  return {
    item,
    status: 'duplicate',
    articleId: id,
    rule: 'ingest.duplicate.same-text',
    reason: `${item}: same text as ${of} (article ${id}); not stored twice`,
  };
}

function sourceKey(source: Document['meta']['source']): string {
  return `${source.file}\u0000${source.row ?? ''}`;
}

function describeSource(source: Document['meta']['source']): string {
  return source.row === undefined ? source.file : `${source.file}:${source.row}`;
}
