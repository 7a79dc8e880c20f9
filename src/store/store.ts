import type { ArithmeticCheck, Document, Evidence, Modality, Polarity, SourceRef, StatisticKind } from '../model/document.js';
import type { LoadedProposition } from '../stances/propositions.js';
import type { Coding } from '../stances/types.js';

/**
 * The narrow interface every store implements (SQLite now, PostgreSQL later).
 * Stages never see it: only the analyse loop, the CLI and the server do.
 * Every method is async so that a networked store fits the same shape.
 */
export interface Store {
  /** Start a run of `verbatim analyze`; its id stamps the ingest log. */
  beginRun(info: RunInfo): Promise<number>;
  finishRun(runId: number, summary: unknown): Promise<void>;

  /** Which of these text hashes are stored already, and under what id and extractor version. */
  findByHashes(hashes: readonly string[]): Promise<Map<string, StoredRef>>;

  /**
   * Write one batch: every article in its own savepoint (an article is stored
   * whole or not at all), the whole batch in one transaction, log entries with it.
   * An article that cannot be written is logged as rejected and the rest go on;
   * the log entries of such articles are returned.
   */
  writeBatch(runId: number, batch: BatchWrite): Promise<LogEntry[]>;

  getArticle(id: string): Promise<Document | undefined>;
  /** Ids starting with `prefix` (for short ids typed by people). */
  findIds(prefix: string, limit: number): Promise<string[]>;
  listArticles(filter: ArticleFilter): Promise<ArticleRow[]>;
  ingestLog(filter: LogFilter): Promise<LogRow[]>;
  /** Quotes (never terms) across the corpus, in article date order then text order. */
  listQuotes(filter: QuoteFilter): Promise<QuoteRow[]>;
  /** Articles, paragraphs, sentences, tokens and outlets stored. */
  totals(counting?: Counting): Promise<CorpusTotals>;
  /** Every article's actors (one row per actor per article), grouped by identity key, oldest article first within a key. */
  listActorRows(filter: ActorRowFilter): Promise<ActorRow[]>;
  /** Record a person's decision about identities; returns its id. */
  addIdentityDecision(decision: IdentityDecision): Promise<number>;
  /** Every identity decision, oldest first (they apply in order). */
  identityDecisions(): Promise<StoredIdentityDecision[]>;
  /** How many stored articles were analysed by another extractor version than `version` (with or without user gazetteer packs). */
  countOtherVersions(version: string): Promise<number>;
  /** Replace the propositions the stances stage uses (those of the last propositions file given). */
  setPropositions(propositions: readonly LoadedProposition[], digest: string): Promise<void>;
  /** The stored propositions, in file order, and their digest (null when none). */
  propositions(): Promise<{ propositions: LoadedProposition[]; digest: string | null }>;
  /** Statements across the corpus, in article date order then text order. */
  listStatements(filter: StatementFilter): Promise<StatementRow[]>;
  /** Store a person's coding of a statement (a coder's later call on the same statement replaces their earlier one); returns its id. */
  addCoding(coding: Coding): Promise<number>;
  /** Every coding, oldest first. */
  codings(filter: { proposition?: string }): Promise<StoredCoding[]>;
  /** Reported figures across the corpus: inconsistent ones first when asked, then article date and text order. */
  listStatistics(filter: StatisticFilter): Promise<StatisticRow[]>;
  /** A page of quotes (never terms) in the order asked for, and how many match in all. */
  pageQuotes(filter: QuotePageFilter): Promise<RowPage<QuoteRow>>;
  /** The quotes attributed to these actors (article and actor id), in article date order then text order. */
  quotesOfActors(members: readonly ActorRef[]): Promise<QuoteRow[]>;
  /** How many articles `listArticles` would list without its limit and offset. */
  countArticles(filter: ArticleFilter): Promise<number>;
  /** The articles with these ids, in article date order (ids not stored are left out). */
  articlesByIds(ids: readonly string[]): Promise<ArticleRow[]>;
  /** Whether an article with exactly this id is stored. */
  hasArticle(id: string): Promise<boolean>;
  /** A page of figures (inconsistent ones first, then article date order) and how many match in all. */
  pageStatistics(filter: StatisticPageFilter): Promise<RowPage<StatisticRow>>;
  /** Articles per month (`YYYY-MM`; `YYYY` for articles dated by year only; `undated`), in month order, `undated` last. */
  articlesPerMonth(counting?: Counting): Promise<{ month: string; articles: number }[]>;
  /** The actors (by identity key) with most quotes attributed to them, of one type. */
  topQuoted(type: string, limit: number, counting?: Counting): Promise<QuotedActor[]>;
  /** The outlets of the stored articles, in alphabetical order. */
  outlets(): Promise<string[]>;
  /**
   * Replace the near-duplicate groups with these (every member of every
   * group, its first appearance included; null: those kept stay, found again
   * unchanged), noting when and over how many articles they were found, and
   * keep the signatures made meanwhile, in one transaction.
   */
  saveNearDuplicates(members: readonly NearDuplicateMember[] | null, seconds: number, signatures?: readonly ArticleSignature[]): Promise<void>;
  /** The near-duplicate groups as last saved: every member with its group's first appearance. */
  nearDuplicateMembers(): Promise<NearDuplicateMember[]>;
  /** Articles without a signature made from their present text (every article with `all`), in rowid order. */
  articlesToSign(all: boolean): Promise<{ rowid: number; id: string; seq: number }[]>;
  /** Stored signatures, in rowid order, those after `afterRowid`, at most `limit`. */
  articleSignatures(afterRowid: number, limit: number): Promise<{ rowid: number; id: string; signature: Uint32Array | null }[]>;
  /** The near-duplicate groups as last saved, and whether articles have been stored since. */
  nearDuplicates(): Promise<NearDuplicateState>;
  /** Members after their group's first appearance, by id: the articles left out when each group counts once. */
  nearDuplicateCopies(): Promise<string[]>;
  /** A token that changes whenever the stored data may have changed (cheap: for caches). */
  changeToken(): Promise<string>;
  /** Articles matching a full-text expression, best first (bm25, words of the title counting double), with their text; and how many match in all. */
  searchArticles(filter: FullTextFilter): Promise<RowPage<FullTextHit>>;
  /** The articles with these ids, with their text, in no particular order (ids not stored are left out). */
  articleTexts(ids: readonly string[]): Promise<ArticleText[]>;
  /** The sentences (id and offsets) of these articles, by article id. */
  articleSentences(ids: readonly string[]): Promise<Map<string, SentenceSpan[]>>;
  /** An article's canonical text (what every offset points into); undefined when not stored. */
  articleText(id: string): Promise<string | undefined>;
  /** The first mention (in text order) of each of these actors, with the rule that tied it to the actor; actors not stored are left out. */
  firstMentions(actors: readonly ActorRef[]): Promise<ActorMention[]>;
  /**
   * How often a folded word (with `prefix`, every word it begins) occurs in
   * the articles' texts (titles not counted), and in how many articles (with
   * `prefix`, summed over the words, so at most that many), by the full-text
   * index; counting stops once past `atMost` occurrences.
   */
  textTermCount(word: string, prefix: boolean, atMost: number): Promise<{ occurrences: number; articles: number }>;
  /**
   * Where a folded word (with `prefix`, every word it begins) occurs in the
   * articles' texts (titles not counted), by the full-text index: each
   * occurrence's article (rowid) and word position (0 for the text's first
   * word), in rowid then position order.
   */
  textTermPositions(word: string, prefix: boolean): Promise<{ rowids: Int32Array; positions: Int32Array }>;
  /** The rowids of the articles matching a full-text expression (titles too), in no particular order. */
  fullTextRowids(match: string): Promise<Int32Array>;
  /** The rowids of the articles in a scope (outlet and dates; a query is not taken), in article date order. */
  articleRowidsByDate(scope: ArticleScope): Promise<Int32Array>;
  /** The articles with these rowids, with their text and rowid, in rowid order (rowids not stored are left out). */
  articleTextsByRowid(rowids: readonly number[]): Promise<(ArticleText & { rowid: number })[]>;
  /** As `articleTextsByRowid`, the rowid and text only (for searching many texts). */
  articleTextBodiesByRowid(rowids: readonly number[]): Promise<{ rowid: number; text: string }[]>;
  /**
   * The word index (see `search/word-ids.ts`): articles' words as packed
   * ids, in the order written (`seq`; an article written again comes again,
   * later), those after `afterSeq`, at most `limit`.
   */
  articleWordIds(afterSeq: number, limit: number): Promise<{ seq: number; rowid: number; ids: Uint8Array }[]>;
  /** The word index's words from id `from` on, in id order (the first has id `from`). */
  wordsFrom(from: number): Promise<string[]>;
  close(): Promise<void>;
}

/** Where an article's actor is first mentioned, and the rule that tied that mention to the actor. */
export interface ActorMention extends ActorRef {
  start: number;
  end: number;
  rule: string;
}

/** One article's actor. */
export interface ActorRef {
  articleId: string;
  actorId: string;
}

/** Rows of one page and how many rows match in all. */
export interface RowPage<T> {
  rows: T[];
  total: number;
}

/** Filters shared by the corpus-wide listings: the article's outlet, date and text. */
export interface ArticleScope {
  /** The article's outlet (case-insensitive). */
  outlet?: string;
  /** Inclusive ISO date bounds on the article's `published` (YYYY, YYYY-MM or YYYY-MM-DD). */
  from?: string;
  to?: string;
  /** Full-text query over the article (SQLite FTS5 syntax). */
  query?: string;
}

export type QuoteSort = 'published' | 'speaker' | 'organisation' | 'kind';

export interface QuotePageFilter extends QuoteFilter, ArticleScope {
  /** `published` (article date, then text order; the default), `speaker`, `organisation` or `kind`, each then by date. Rows without the sorted value come last. */
  sort?: QuoteSort;
  dir?: 'asc' | 'desc';
}

export interface StatisticPageFilter extends StatisticFilter, ArticleScope {
  /** Newest article first (after the inconsistent figures, which always come first). */
  newestFirst?: boolean;
}

/** An actor identity key with the quotes attributed to its actors. */
export interface QuotedActor {
  key: string;
  /** The fullest name its actors have. */
  name: string;
  type: string;
  quotes: number;
}

export interface RunInfo {
  command: string;
  inputs: string[];
  extractorVersion: string;
}

export interface StoredRef {
  id: string;
  extractorVersion: string;
  source: SourceRef;
}

export type LogStatus = 'stored' | 'updated' | 'unchanged' | 'duplicate' | 'rejected' | 'skipped';

export interface LogEntry {
  item: string;
  status: LogStatus;
  articleId?: string;
  rule?: string;
  reason?: string;
}

export interface ArticleWrite {
  /** The input item the article came from (file, or file:row). */
  item: string;
  doc: Document;
  extractorVersion: string;
  /** False for a new article; true to re-analyse a stored one (same id and hash). */
  replace: boolean;
}

export interface BatchWrite {
  articles: ArticleWrite[];
  /** Entries for items that wrote no article (duplicates, rejected, skipped, unchanged). */
  log: LogEntry[];
}

export interface ArticleFilter {
  outlet?: string;
  /** Inclusive ISO date bounds on `published`. */
  from?: string;
  to?: string;
  /** Full-text query (SQLite FTS5 syntax). */
  query?: string;
  limit?: number;
  offset?: number;
}

export interface ArticleRow {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  byline: string | null;
  url: string | null;
  source: SourceRef;
  paragraphs: number;
  sentences: number;
  tokens: number;
  extractorVersion: string;
}

export interface QuoteFilter {
  /** Part of the resolved speaker's name, or of the speaker mention (case-insensitive). */
  speaker?: string;
  /** Part of the speaker's organisation (case-insensitive). */
  org?: string;
  kind?: 'direct' | 'mixed' | 'indirect';
  /** An article id. */
  article?: string;
  limit?: number;
  offset?: number;
}

export interface QuoteRow {
  articleId: string;
  /** The quote's id in its article (`q3`). */
  id: string;
  kind: string;
  /** From the start of the first content span to the end of the last. */
  start: number;
  end: number;
  /** The quoted or reported words (several spans joined by " ... "). */
  content: string;
  cue: string | null;
  /** The speaker mention as written. */
  speaker: string | null;
  actor: { id: string; name: string; type: string } | null;
  /** The speaker's organisation: the organisation itself, or the first the article ties the person to. */
  organisation: string | null;
  /** The rule that tied the speaker mention to the actor (full name, short form, pronoun, spokesperson, ...). */
  actorRule: string | null;
  /** The rule that made the quote. */
  rule: string;
  confidence: number;
  published: string | null;
  outlet: string | null;
  title: string | null;
}

export interface ActorRowFilter {
  /** Keys any of whose actors' names contain this (case-insensitive): all their rows come back. */
  name?: string;
  type?: 'person' | 'organisation' | 'unknown';
}

/** One actor of one article, as stored. */
export interface ActorRow {
  articleId: string;
  actorId: string;
  type: string;
  name: string;
  key: string;
  titles: string[];
  roles: string[];
  organisations: string[];
  mentions: number;
  /** Quotes of the article attributed to this actor. */
  quotes: number;
  published: string | null;
}

/**
 * A person's decision about identities: `merge` the identities `others` into
 * `key`; `split` the articles `others` off `key` into an identity of their own
 * (named `name` when given); `rename` `key` to `name`.
 */
export type IdentityDecision =
  | { action: 'merge'; key: string; others: string[] }
  | { action: 'split'; key: string; others: string[]; name?: string }
  | { action: 'rename'; key: string; name: string };

export type StoredIdentityDecision = IdentityDecision & { id: number; at: string };

export interface LogFilter {
  runId?: number;
  status?: LogStatus;
  limit?: number;
}

export interface LogRow extends LogEntry {
  runId: number;
  at: string;
}

/** How aggregate counts treat near-duplicate articles. */
export interface Counting {
  /** Count each group of near-duplicates once: its members after the first appearance are left out. */
  dedupe?: boolean;
}

/** One article of a near-duplicate group. */
export interface NearDuplicateMember {
  articleId: string;
  /** The group's first appearance (the member itself for the first). */
  firstId: string;
  /** Share of the member's 5-word shingles found in the first appearance (1 for the first). */
  containment: number;
}

/** An article's MinHash signature (null: too short to group), made from the text of word index row `seq`. */
export interface ArticleSignature {
  rowid: number;
  seq: number;
  signature: Uint32Array | null;
}

export interface NearDuplicateState {
  /** When the groups were last found (ISO time); null when never. */
  foundAt: string | null;
  /** Seconds the finding took. */
  seconds: number | null;
  /** Whether articles were stored since (or given another text), so the groups may miss some. */
  stale: boolean;
  groups: number;
  /** Members after their group's first appearance (see `nearDuplicateCopies`). */
  copies: number;
}

export interface CorpusTotals {
  articles: number;
  paragraphs: number;
  sentences: number;
  tokens: number;
  outlets: number;
}

/** A broken boundary the caller must fix (bad query, database from a newer verbatim, ...). */
export class StoreError extends Error {
  override name = 'StoreError';
}

export interface StatementFilter {
  proposition?: string;
  /** An article id. */
  article?: string;
  polarity?: Polarity;
  limit?: number;
  offset?: number;
}

/** One statement as stored, with its article's date and outlet. */
export interface StatementRow {
  articleId: string;
  /** The statement's id in its article (`t3`). */
  id: string;
  proposition: string;
  start: number;
  end: number;
  /** The evidence words. */
  text: string;
  actor: { id: string; name: string; type: string } | null;
  /** The organisations the article ties the actor to (a person speaking for a force counts for it too). */
  organisations: string[];
  quote: string | null;
  polarity: Polarity;
  modality: Modality;
  rule: string;
  cues: Evidence[];
  published: string | null;
  outlet: string | null;
  title: string | null;
}

export type StoredCoding = Coding & { id: number; at: string };

export interface StatisticFilter {
  kind?: StatisticKind;
  /** Ages are kept out unless asked for by kind or with `all`. */
  all?: boolean;
  verdict?: ArithmeticCheck['verdict'];
  /** Part of the source's name (case-insensitive). */
  source?: string;
  article?: string;
  limit?: number;
  offset?: number;
}

/** One figure as stored, with its article's date and outlet. */
export interface StatisticRow {
  articleId: string;
  id: string;
  kind: StatisticKind;
  start: number;
  end: number;
  /** The figure's words. */
  text: string;
  value: number | null;
  unit: string | null;
  qualifier: string | null;
  numerator: number | null;
  denominator: number | null;
  from: number | null;
  to: number | null;
  what: string | null;
  period: string | null;
  place: string | null;
  source: string | null;
  sourceActor: string | null;
  partOf: string | null;
  verdict: ArithmeticCheck['verdict'];
  computation: string;
  rule: string;
  published: string | null;
  outlet: string | null;
  title: string | null;
}

/**
 * A full-text search over the articles: an FTS5 expression, as `src/search`
 * writes it from a person's query (bound as a parameter), and the article
 * filters.
 */
export interface FullTextFilter {
  /** FTS5 query syntax. */
  match: string;
  /** The article's outlet (case-insensitive). */
  outlet?: string;
  /** Inclusive ISO date bounds on the article's `published` (YYYY, YYYY-MM or YYYY-MM-DD). */
  from?: string;
  to?: string;
  /** Only articles with an actor whose name contains this (case-insensitive). */
  actor?: string;
  limit?: number;
  offset?: number;
}

/** An article a full-text search found, with its text. */
export interface FullTextHit {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  /** How well it matches (bm25, sign turned so that higher is better). */
  score: number;
  text: string;
}

/** An article's text with what identifies it. */
export interface ArticleText {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  text: string;
}

/** A sentence of an article: its id (`s3`) and offsets. */
export interface SentenceSpan {
  id: string;
  start: number;
  end: number;
}
