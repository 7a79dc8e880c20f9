import BetterSqlite3 from 'better-sqlite3';
import type { Database, Statement } from 'better-sqlite3';
import type { Actor, Document, Evidence, Modality, Polarity, SourceFormat, SourceRef, Span } from '../model/document.js';
import type { LoadedProposition } from '../stances/propositions.js';
import type { Coding } from '../stances/types.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { packTokens, unpackTokens, type PackedTokens } from './pack-tokens.js';
import { WordIndexWriter } from './word-index.js';
import {
  StoreError,
  type ArticleFilter,
  type ArticleRow,
  type BatchWrite,
  type CorpusTotals,
  type Counting,
  type ArticleSignature,
  type NearDuplicateMember,
  type NearDuplicateState,
  type LogEntry,
  type LogFilter,
  type LogRow,
  type ActorRow,
  type ActorRowFilter,
  type IdentityDecision,
  type StoredIdentityDecision,
  type QuoteFilter,
  type QuoteRow,
  type RunInfo,
  type Store,
  type StoredRef,
  type StatementFilter,
  type StatisticFilter,
  type StatisticRow,
  type StatementRow,
  type StoredCoding,
  type ActorRef,
  type ActorMention,
  type ArticleScope,
  type QuotedActor,
  type QuotePageFilter,
  type RowPage,
  type StatisticPageFilter,
  type ArticleText,
  type FullTextFilter,
  type FullTextHit,
  type SentenceSpan,
} from './store.js';

const HASH_LOOKUP_CHUNK = 500; // stays under SQLite's bound-parameter limit (32,766) with room to spare
const DEFAULT_LIST_LIMIT = 100;

/** What the annotations JSON column holds: the Document less its columns, tokens packed. */
type StoredAnnotations = Omit<Document, 'id' | 'hash' | 'text' | 'meta' | 'tokens'> & { tokens: PackedTokens };

interface ArticleDbRow {
  id: string;
  hash: string;
  title: string | null;
  byline: string | null;
  outlet: string | null;
  published: string | null;
  url: string | null;
  language: string;
  encoding: string;
  source_file: string;
  source_row: number | null;
  format: string;
  paragraphs: number;
  sentences: number;
  tokens: number;
  extractor_version: string;
}

/** Open (creating and migrating as needed) the SQLite store at `path` (`:memory:` for tests). */
export function openSqliteStore(path: string): Store {
  let db: Database;
  try {
    db = new BetterSqlite3(path);
  } catch (error) {
    throw new StoreError(`cannot open database ${path}: ${(error as Error).message}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable at each checkpoint, never corrupt
    db.pragma('foreign_keys = ON');
    migrate(db, path);
  } catch (error) {
    db.close();
    throw error instanceof StoreError
      ? error
      : new StoreError(`${path} is not a verbatim database: ${(error as Error).message}`);
  }
  return new SqliteStore(db);
}

function migrate(db: Database, path: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new StoreError(
      `${path} has schema version ${current}, newer than this verbatim understands (${SCHEMA_VERSION}): upgrade verbatim`,
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) break;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

function sourceOf(row: Pick<ArticleDbRow, 'source_file' | 'source_row' | 'format'>): SourceRef {
  const source: SourceRef = { file: row.source_file, format: row.format as SourceFormat };
  if (row.source_row !== null) source.row = row.source_row;
  return source;
}

/** The words of a span list, joined as a reader would quote them. */
function spansText(text: string, spans: readonly Span[]): string {
  return spans.map((s) => text.slice(s.start, s.end)).join(' ... ');
}

function slice(text: string, span: Span | null): string | null {
  return span === null ? null : text.slice(span.start, span.end);
}

/** The organisation a speaker speaks for: itself, or the first the article ties the person to. */
function organisationOf(actor: Actor | undefined): string | null {
  if (actor === undefined) return null;
  if (actor.type === 'organisation') return actor.name;
  return actor.organisations[0]?.value ?? null;
}

/** The rule that tied the speaker mention to its actor: the mention at the speaker's span, or the actor's mention inside it. */
function actorRule(actor: Actor | undefined, speaker: Span | null): string | null {
  if (actor === undefined || speaker === null) return null;
  const exact = actor.mentions.find((m) => m.start === speaker.start && m.end === speaker.end);
  const within = actor.mentions.find((m) => m.start < speaker.end && speaker.start < m.end);
  return (exact ?? within)?.rule ?? null;
}

function quoteRows(doc: Document): Record<string, unknown>[] {
  const actors = new Map(doc.actors.map((a) => [a.id, a]));
  return doc.quotes
    .filter((q) => q.kind !== 'term')
    .map((q) => {
      const actor = q.actor === null ? undefined : actors.get(q.actor);
      return {
        article_id: doc.id,
        id: q.id,
        kind: q.kind,
        start: q.content[0]?.start ?? 0,
        end: q.content[q.content.length - 1]?.end ?? 0,
        content: spansText(doc.text, q.content),
        cue: slice(doc.text, q.cue),
        speaker: slice(doc.text, q.speaker),
        actor_id: actor?.id ?? null,
        actor_name: actor?.name ?? null,
        actor_type: actor?.type ?? null,
        organisation: organisationOf(actor),
        actor_rule: actorRule(actor, q.speaker),
        rule: q.rule,
        confidence: q.confidence,
      };
    });
}

function statementRows(doc: Document): Record<string, unknown>[] {
  const actors = new Map(doc.actors.map((a) => [a.id, a]));
  return doc.statements.map((st) => {
    const actor = st.actor === null ? undefined : actors.get(st.actor);
    return {
      article_id: doc.id,
      id: st.id,
      proposition: st.proposition,
      start: st.start,
      end: st.end,
      text: doc.text.slice(st.start, st.end),
      actor_id: actor?.id ?? null,
      actor_name: actor?.name ?? null,
      actor_type: actor?.type ?? null,
      organisations: actor === undefined || actor.type === 'organisation' ? '[]' : distinct(actor.organisations),
      quote_id: st.quote,
      polarity: st.polarity,
      modality: st.modality,
      rule: st.rule,
      cues: JSON.stringify(st.cues),
    };
  });
}

function statisticRows(doc: Document): Record<string, unknown>[] {
  return doc.statistics.map((f) => ({
    article_id: doc.id,
    id: f.id,
    kind: f.kind,
    start: f.start,
    end: f.end,
    text: doc.text.slice(f.start, f.end),
    value: f.value,
    unit: f.unit,
    qualifier: f.qualifier,
    numerator: f.numerator,
    denominator: f.denominator,
    from_value: f.from,
    to_value: f.to,
    what: f.what?.value ?? null,
    period: f.period?.value ?? null,
    place: f.place?.value ?? null,
    source: f.source?.value ?? null,
    source_actor: f.source?.actor ?? null,
    part_of: f.partOf,
    verdict: f.check.verdict,
    computation: f.check.computation,
    rule: f.rule,
  }));
}

const distinct = (list: readonly { value: string }[]): string => JSON.stringify([...new Set(list.map((e) => e.value))]);

function actorRows(doc: Document): Record<string, unknown>[] {
  return doc.actors.map((a) => ({
    article_id: doc.id,
    id: a.id,
    type: a.type,
    name: a.name,
    key: a.key,
    titles: distinct(a.titles),
    roles: distinct(a.roles),
    organisations: distinct(a.organisations),
    mentions: a.mentions.length,
  }));
}

/** `%text%` for LIKE, with LIKE's own wildcards escaped (ESCAPE '\'). */
function likeAny(text: string): string {
  return `%${text.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
}

/** A quote row as the quotes table and its article give it. */
interface QuoteDbRow {
  article_id: string;
  id: string;
  kind: string;
  start: number;
  end: number;
  content: string;
  cue: string | null;
  speaker: string | null;
  actor_id: string | null;
  actor_name: string | null;
  actor_type: string | null;
  organisation: string | null;
  actor_rule: string | null;
  rule: string;
  confidence: number;
  published: string | null;
  outlet: string | null;
  title: string | null;
}

function quoteRowOf(r: QuoteDbRow): QuoteRow {
  return {
    articleId: r.article_id,
    id: r.id,
    kind: r.kind,
    start: r.start,
    end: r.end,
    content: r.content,
    cue: r.cue,
    speaker: r.speaker,
    actor: r.actor_id === null || r.actor_name === null ? null : { id: r.actor_id, name: r.actor_name, type: r.actor_type ?? 'unknown' },
    organisation: r.organisation,
    actorRule: r.actor_rule,
    rule: r.rule,
    confidence: r.confidence,
    published: r.published,
    outlet: r.outlet,
    title: r.title,
  };
}

/** A figure row as the statistics table and its article give it. */
interface StatisticDbRow {
  article_id: string;
  id: string;
  kind: StatisticRow['kind'];
  start: number;
  end: number;
  text: string;
  value: number | null;
  unit: string | null;
  qualifier: string | null;
  numerator: number | null;
  denominator: number | null;
  from_value: number | null;
  to_value: number | null;
  what: string | null;
  period: string | null;
  place: string | null;
  source: string | null;
  source_actor: string | null;
  part_of: string | null;
  verdict: StatisticRow['verdict'];
  computation: string;
  rule: string;
  published: string | null;
  outlet: string | null;
  title: string | null;
}

function statisticRowOf(r: StatisticDbRow): StatisticRow {
  return {
    articleId: r.article_id,
    id: r.id,
    kind: r.kind,
    start: r.start,
    end: r.end,
    text: r.text,
    value: r.value,
    unit: r.unit,
    qualifier: r.qualifier,
    numerator: r.numerator,
    denominator: r.denominator,
    from: r.from_value,
    to: r.to_value,
    what: r.what,
    period: r.period,
    place: r.place,
    source: r.source,
    sourceActor: r.source_actor,
    partOf: r.part_of,
    verdict: r.verdict,
    computation: r.computation,
    rule: r.rule,
    published: r.published,
    outlet: r.outlet,
    title: r.title,
  };
}

function articleRowOf(row: ArticleDbRow): ArticleRow {
  return {
    id: row.id,
    title: row.title,
    outlet: row.outlet,
    published: row.published,
    byline: row.byline,
    url: row.url,
    source: sourceOf(row),
    paragraphs: row.paragraphs,
    sentences: row.sentences,
    tokens: row.tokens,
    extractorVersion: row.extractor_version,
  };
}

const ARTICLE_ROW_COLUMNS = `a.id, a.title, a.outlet, a.published, a.byline, a.url, a.source_file, a.source_row,
  a.format, a.paragraphs, a.sentences, a.tokens, a.extractor_version`;

/** Conditions on the article (alias `a`) for the shared outlet, date and full-text filters. */
function scopeConditions(scope: ArticleScope, where: string[], params: (string | number)[]): void {
  if (scope.outlet !== undefined) {
    where.push('a.outlet = ? COLLATE NOCASE');
    params.push(scope.outlet);
  }
  if (scope.from !== undefined) {
    where.push('a.published >= ?');
    params.push(scope.from);
  }
  if (scope.to !== undefined) {
    // `published` may be YYYY, YYYY-MM or YYYY-MM-DD: compare on the bound's prefix length.
    where.push('substr(a.published, 1, length(?)) <= ?');
    params.push(scope.to, scope.to);
  }
  if (scope.query !== undefined) {
    // By id, not rowid: SQLite tests `id IN (...)` against a temporary index, `rowid IN (...)` by walking the list.
    where.push('a.id IN (SELECT m.id FROM articles_fts JOIN articles m ON m.rowid = articles_fts.rowid WHERE articles_fts MATCH ?)');
    params.push(scope.query);
  }
}

/** The SQL condition keeping an article (by its id column) in a count: with `dedupe`, not a near-duplicate after its group's first appearance. */
function counted(counting: Counting, idColumn = 'a.id'): string {
  return counting.dedupe === true ? `${idColumn} NOT IN (SELECT article_id FROM near_duplicates WHERE article_id <> first_id)` : '1';
}

const scoped = (scope: ArticleScope): boolean => scope.outlet !== undefined || scope.from !== undefined || scope.to !== undefined || scope.query !== undefined;

/** Run a query that may hold a full-text search; a query FTS5 cannot read becomes a StoreError saying so. */
function withQuery<T>(query: string | undefined, run: () => T): T {
  try {
    return run();
  } catch (error) {
    // With a full-text query, SQLite's errors are about it ("fts5: syntax error", "unterminated string", "no such column").
    if (query !== undefined && ((error as { code?: unknown }).code === 'SQLITE_ERROR' || /fts5|syntax/i.test((error as Error).message))) {
      throw new StoreError(
        `the search query ${JSON.stringify(query)} is not valid full-text syntax (${(error as Error).message}); put phrases in double quotes`,
      );
    }
    throw error;
  }
}

/** Article date order, undated last, as the indexes of migration 5 hold it (either way). */
const ARTICLES_BY_DATE = 'a.published IS NULL, a.published, a.source_file, a.source_row, a.id';
const ARTICLES_BY_DATE_DESC = 'a.published IS NULL, a.published DESC, a.source_file DESC, a.source_row DESC, a.id DESC';
/** The two orders above, each exactly reversed (read from the end of the same index). */
const ARTICLES_BY_DATE_REVERSED = 'a.published IS NULL DESC, a.published DESC, a.source_file DESC, a.source_row DESC, a.id DESC';
const ARTICLES_BY_DATE_DESC_REVERSED = 'a.published IS NULL DESC, a.published, a.source_file, a.source_row, a.id';
/** Sorts by speaker or organisation whose page ends within this many rows read the index from its start (no counts by value). */
const SHALLOW_PAGE = 1000;
/** The speaker and organisation sorts as their indexes hold them: whether the value is missing, then the value (`DESC` appended for the other way). */
const QUOTE_SORT_VALUE: Readonly<Record<'speaker' | 'organisation', { value: string; missing: string; order: string }>> = {
  speaker: { value: 'coalesce(q.actor_name, q.speaker)', missing: 'coalesce(q.actor_name, q.speaker) IS NULL', order: 'coalesce(q.actor_name, q.speaker) COLLATE NOCASE' },
  organisation: { value: 'q.organisation', missing: 'q.organisation IS NULL', order: 'q.organisation COLLATE NOCASE' },
};

/** Where a page's rows come from and in which order; see `pageKeys`. */
interface PagePlan {
  /** FROM clause for the keys, joins in the order the plan needs (CROSS JOIN keeps SQLite from reordering). */
  from: string;
  /** FROM clause for counting. */
  countFrom: string;
  /** The row's key columns, as `a` and `i`. */
  key: string;
  where: string[];
  params: (string | number)[];
  order: string;
  /** `order` exactly reversed (every term the other way): a page in the second half of a run is read from its end. */
  reverse?: string;
  /**
   * Runs that come one after another, each with its own condition, join and order when given (else the
   * plan's), counted unless its count is known; or one run. A run without a condition must be the rows that
   * its order puts first.
   */
  runs: { condition?: string; params?: string[]; from?: string; order?: string; count?: number }[];
  limit: number;
  offset: number;
}

/**
 * The keys of one page and the count of all matching rows. Each run is
 * counted, and read only where the page falls in it, so that a page deep in
 * the listing never sorts more than one run's rows.
 */
function pageKeys(db: Database, plan: PagePlan): { keys: [string, string][]; total: number } {
  let offset = plan.offset;
  let left = plan.limit < 0 ? Number.POSITIVE_INFINITY : plan.limit;
  let total = 0;
  const keys: [string, string][] = [];
  const runs = plan.runs.length === 0 ? [null] : plan.runs;
  for (const run of runs) {
    const conditions = run?.condition === undefined ? plan.where : [...plan.where, run.condition];
    const params = [...plan.params, ...(run?.params ?? [])];
    const condition = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const n = run?.count ?? (db.prepare(`SELECT count(*) AS n FROM ${plan.countFrom} ${condition}`).get(...params) as { n: number }).n;
    total += n;
    if (left > 0 && offset < n) {
      const take = Math.min(left, n - offset);
      const backwards = plan.reverse !== undefined && run?.order === undefined && offset > n / 2;
      const page = db
        .prepare(`SELECT ${plan.key} FROM ${run?.from ?? plan.from} ${condition} ORDER BY ${backwards ? plan.reverse : (run?.order ?? plan.order)} LIMIT ? OFFSET ?`)
        .all(...params, take, backwards ? n - offset - take : offset) as { a: string; i: string }[];
      if (backwards) page.reverse();
      for (const k of page) keys.push([k.a, k.i]);
      left -= page.length;
    }
    offset = Math.max(0, offset - n);
  }
  return { keys, total };
}

const QUOTE_KINDS = ['direct', 'indirect', 'mixed'] as const;

/** In search ranking, a word of the title counts as much as this many of the text. */
const TITLE_WEIGHT = 2.0;

/** FROM and WHERE of a full-text search with its filters: the index first (bm25 needs it to drive the query), then each article. */
function fullTextPlan(filter: FullTextFilter): { from: string; where: string[]; params: (string | number)[] } {
  const where = ['articles_fts MATCH ?'];
  const params: (string | number)[] = [filter.match];
  scopeConditions({ outlet: filter.outlet, from: filter.from, to: filter.to }, where, params);
  if (filter.actor !== undefined) {
    // EXISTS, by the article's actors: cheaper than listing every actor whose name matches.
    where.push("EXISTS (SELECT 1 FROM actors x WHERE x.article_id = a.id AND x.name LIKE ? ESCAPE '\\')");
    params.push(likeAny(filter.actor));
  }
  return { from: 'articles_fts CROSS JOIN articles a ON a.rowid = articles_fts.rowid', where, params };
}

/** The WHERE conditions (and their parameters) of a quote filter, over the quotes table as `q`. */
function quoteConditions(filter: QuoteFilter): { where: string[]; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.speaker !== undefined) {
    where.push("(q.actor_name LIKE ? ESCAPE '\\' OR q.speaker LIKE ? ESCAPE '\\')");
    params.push(likeAny(filter.speaker), likeAny(filter.speaker));
  }
  if (filter.org !== undefined) {
    where.push("q.organisation LIKE ? ESCAPE '\\'");
    params.push(likeAny(filter.org));
  }
  if (filter.kind !== undefined) {
    where.push('q.kind = ?');
    params.push(filter.kind);
  }
  if (filter.article !== undefined) {
    where.push('q.article_id = ?');
    params.push(filter.article);
  }
  return { where, params };
}

class SqliteStore implements Store {
  private readonly statements: {
    insertRun: Statement;
    finishRun: Statement;
    insertArticle: Statement;
    replaceArticle: Statement;
    insertLog: Statement;
    getArticle: Statement;
    deleteQuotes: Statement;
    insertQuote: Statement;
    deleteActors: Statement;
    insertActor: Statement;
    deleteStatements: Statement;
    insertStatement: Statement;
    deleteStatistics: Statement;
    insertStatistic: Statement;
  };

  /** Writes the word index, one article at a time (with `writeArticle`). */
  private readonly words: WordIndexWriter;

  /** Writes one article; called inside a batch's transaction, better-sqlite3 makes it a savepoint. */
  private readonly writeArticle: (row: Record<string, unknown>, replace: boolean, doc: Document) => void;

  constructor(private readonly db: Database) {
    this.statements = {
      insertRun: db.prepare(
        'INSERT INTO runs (command, inputs, extractor_version, started_at) VALUES (?, ?, ?, ?)',
      ),
      finishRun: db.prepare('UPDATE runs SET finished_at = ?, summary = ? WHERE id = ?'),
      insertArticle: db.prepare(`
        INSERT INTO articles (id, hash, title, byline, outlet, published, url, language, encoding,
          source_file, source_row, format, text, paragraphs, sentences, tokens, annotations,
          extractor_version, first_run, last_run)
        VALUES (@id, @hash, @title, @byline, @outlet, @published, @url, @language, @encoding,
          @source_file, @source_row, @format, @text, @paragraphs, @sentences, @tokens, @annotations,
          @extractor_version, @run, @run)`),
      replaceArticle: db.prepare(`
        UPDATE articles SET title = @title, byline = @byline, outlet = @outlet, published = @published,
          url = @url, language = @language, encoding = @encoding, source_file = @source_file,
          source_row = @source_row, format = @format, text = @text, paragraphs = @paragraphs,
          sentences = @sentences, tokens = @tokens, annotations = @annotations,
          extractor_version = @extractor_version, last_run = @run
        WHERE id = @id AND hash = @hash`),
      insertLog: db.prepare(
        'INSERT INTO ingest_log (run_id, item, status, article_id, rule, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      getArticle: db.prepare('SELECT * FROM articles WHERE id = ?'),
      deleteQuotes: db.prepare('DELETE FROM quotes WHERE article_id = ?'),
      insertQuote: db.prepare(`
        INSERT INTO quotes (article_id, id, kind, start, end, content, cue, speaker, actor_id, actor_name,
          actor_type, organisation, actor_rule, rule, confidence)
        VALUES (@article_id, @id, @kind, @start, @end, @content, @cue, @speaker, @actor_id, @actor_name,
          @actor_type, @organisation, @actor_rule, @rule, @confidence)`),
      deleteActors: db.prepare('DELETE FROM actors WHERE article_id = ?'),
      insertActor: db.prepare(`
        INSERT INTO actors (article_id, id, type, name, key, titles, roles, organisations, mentions)
        VALUES (@article_id, @id, @type, @name, @key, @titles, @roles, @organisations, @mentions)`),
      deleteStatements: db.prepare('DELETE FROM statements WHERE article_id = ?'),
      insertStatement: db.prepare(`
        INSERT INTO statements (article_id, id, proposition, start, end, text, actor_id, actor_name, actor_type,
          organisations, quote_id, polarity, modality, rule, cues)
        VALUES (@article_id, @id, @proposition, @start, @end, @text, @actor_id, @actor_name, @actor_type,
          @organisations, @quote_id, @polarity, @modality, @rule, @cues)`),
      deleteStatistics: db.prepare('DELETE FROM statistics WHERE article_id = ?'),
      insertStatistic: db.prepare(`
        INSERT INTO statistics (article_id, id, kind, start, end, text, value, unit, qualifier, numerator, denominator,
          from_value, to_value, what, period, place, source, source_actor, part_of, verdict, computation, rule)
        VALUES (@article_id, @id, @kind, @start, @end, @text, @value, @unit, @qualifier, @numerator, @denominator,
          @from_value, @to_value, @what, @period, @place, @source, @source_actor, @part_of, @verdict, @computation, @rule)`),
    };
    const words = (this.words = new WordIndexWriter(db));
    const rowidOf = db.prepare('SELECT rowid FROM articles WHERE id = ?').pluck();
    this.writeArticle = db.transaction((row: Record<string, unknown>, replace: boolean, doc: Document) => {
      if (!replace) words.write(Number(this.statements.insertArticle.run(row).lastInsertRowid), doc.text);
      else if (this.statements.replaceArticle.run(row).changes !== 1) {
        throw new StoreError(`article ${String(row.id)} is not in the store`);
      } else words.write(rowidOf.get(doc.id) as number, doc.text); // a newer extractor may read another text from the same file
      this.statements.deleteQuotes.run(doc.id);
      this.statements.deleteActors.run(doc.id);
      for (const q of quoteRows(doc)) this.statements.insertQuote.run(q);
      for (const a of actorRows(doc)) this.statements.insertActor.run(a);
      this.statements.deleteStatements.run(doc.id);
      for (const st of statementRows(doc)) this.statements.insertStatement.run(st);
      this.statements.deleteStatistics.run(doc.id);
      for (const f of statisticRows(doc)) this.statements.insertStatistic.run(f);
    });
  }

  async beginRun(info: RunInfo): Promise<number> {
    const result = this.statements.insertRun.run(
      info.command,
      JSON.stringify(info.inputs),
      info.extractorVersion,
      new Date().toISOString(),
    );
    return Number(result.lastInsertRowid);
  }

  async finishRun(runId: number, summary: unknown): Promise<void> {
    this.statements.finishRun.run(new Date().toISOString(), JSON.stringify(summary), runId);
    return;
  }

  async findByHashes(hashes: readonly string[]): Promise<Map<string, StoredRef>> {
    const found = new Map<string, StoredRef>();
    for (let i = 0; i < hashes.length; i += HASH_LOOKUP_CHUNK) {
      const chunk = hashes.slice(i, i + HASH_LOOKUP_CHUNK);
      const rows = this.db
        .prepare(
          `SELECT hash, id, extractor_version, source_file, source_row, format FROM articles
           WHERE hash IN (${chunk.map(() => '?').join(',')})`,
        )
        .all(...chunk) as (ArticleDbRow & { hash: string })[];
      for (const row of rows) {
        found.set(row.hash, { id: row.id, extractorVersion: row.extractor_version, source: sourceOf(row) });
      }
    }
    return found;
  }

  async writeBatch(runId: number, batch: BatchWrite): Promise<LogEntry[]> {
    const at = new Date().toISOString();
    const failed: LogEntry[] = [];
    const log = (entry: LogEntry): void => {
      this.statements.insertLog.run(
        runId, entry.item, entry.status, entry.articleId ?? null, entry.rule ?? null, entry.reason ?? null, at,
      );
    };
    const write = this.db.transaction(() => {
      for (const { item, doc, extractorVersion, replace } of batch.articles) {
        // One savepoint per article: a failure leaves no part of it behind.
        const { id, hash, text, meta, tokens, ...annotations } = doc;
        const counts = {
          paragraphs: annotations.paragraphs.length,
          sentences: annotations.sentences.length,
          tokens: tokens.length,
        };
        const json = JSON.stringify({ ...annotations, tokens: packTokens(tokens) } satisfies StoredAnnotations);
        const row = {
          id,
          hash,
          title: meta.title,
          byline: meta.byline,
          outlet: meta.outlet,
          published: meta.published,
          url: meta.url,
          language: meta.language,
          encoding: meta.encoding,
          source_file: meta.source.file,
          source_row: meta.source.row ?? null,
          format: meta.source.format,
          text,
          ...counts,
          annotations: json,
          extractor_version: extractorVersion,
          run: runId,
        };
        try {
          this.writeArticle(row, replace, doc);
          log({ item, status: replace ? 'updated' : 'stored', articleId: id });
        } catch (error) {
          this.words.forget();
          const entry: LogEntry = {
            item,
            status: 'rejected',
            articleId: id,
            rule: 'store.write-failed',
            reason: `${item}: could not store article ${id}: ${(error as Error).message}`,
          };
          failed.push(entry);
          log(entry);
        }
      }
      for (const entry of batch.log) log(entry);
    });
    try {
      write();
    } catch (error) {
      this.words.forget();
      throw error;
    }
    return failed;
  }

  async getArticle(id: string): Promise<Document | undefined> {
    const row = this.statements.getArticle.get(id) as
      | (ArticleDbRow & { text: string; annotations: string })
      | undefined;
    if (!row) return undefined;
    const { tokens, ...annotations } = JSON.parse(row.annotations) as StoredAnnotations;
    const doc: Document = {
      id: row.id,
      hash: row.hash,
      text: row.text,
      meta: {
        title: row.title,
        byline: row.byline,
        outlet: row.outlet,
        published: row.published,
        url: row.url,
        source: sourceOf(row),
        language: row.language,
        encoding: row.encoding,
      },
      ...annotations,
      // Articles stored before the actors stage existed have none until re-analysed.
      actors: annotations.actors ?? [],
      // ... and no statements before the stances stage existed.
      statements: annotations.statements ?? [],
      statistics: annotations.statistics ?? [],
      quotes: annotations.quotes.map((q) => ({ ...q, actor: q.actor ?? null })),
      tokens: unpackTokens(tokens),
    };
    return doc;
  }

  async findIds(prefix: string, limit: number): Promise<string[]> {
    const rows = this.db
      .prepare("SELECT id FROM articles WHERE id >= ? AND id < ? || char(1114111) ORDER BY id LIMIT ?")
      .all(prefix, prefix, limit) as { id: string }[];
    return rows.map((row) => row.id);
  }

  async listArticles(filter: ArticleFilter): Promise<ArticleRow[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    let from = 'articles a';
    if (filter.query !== undefined) {
      from = 'articles_fts f JOIN articles a ON a.rowid = f.rowid';
      where.push('articles_fts MATCH ?');
      params.push(filter.query);
    }
    if (filter.outlet !== undefined) {
      where.push('a.outlet = ? COLLATE NOCASE');
      params.push(filter.outlet);
    }
    if (filter.from !== undefined) {
      where.push('a.published >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      // `published` may be YYYY, YYYY-MM or YYYY-MM-DD: compare on the bound's prefix length.
      where.push('substr(a.published, 1, length(?)) <= ?');
      params.push(filter.to, filter.to);
    }
    const sql = `SELECT a.id, a.title, a.outlet, a.published, a.byline, a.url, a.source_file, a.source_row,
        a.format, a.paragraphs, a.sentences, a.tokens, a.extractor_version
      FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${filter.query !== undefined ? 'rank, ' : ''}a.published IS NULL, a.published, a.source_file, a.source_row, a.id
      LIMIT ? OFFSET ?`;
    params.push(filter.limit ?? DEFAULT_LIST_LIMIT, filter.offset ?? 0);
    let rows: ArticleDbRow[];
    try {
      rows = this.db.prepare(sql).all(...params) as ArticleDbRow[];
    } catch (error) {
      // With a full-text query, SQLite's errors are about it ("fts5: syntax error", "unterminated string", "no such column").
      if (filter.query !== undefined && ((error as { code?: unknown }).code === 'SQLITE_ERROR' || /fts5|syntax|unterminated/i.test((error as Error).message))) {
        throw new StoreError(
          `the search query ${JSON.stringify(filter.query)} is not valid full-text syntax (${(error as Error).message}); put phrases in double quotes`,
        );
      }
      throw error;
    }
    return rows.map((row) => ({
        id: row.id,
        title: row.title,
        outlet: row.outlet,
        published: row.published,
        byline: row.byline,
        url: row.url,
        source: sourceOf(row),
        paragraphs: row.paragraphs,
        sentences: row.sentences,
        tokens: row.tokens,
        extractorVersion: row.extractor_version,
    }));
  }

  async ingestLog(filter: LogFilter): Promise<LogRow[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.runId !== undefined) {
      where.push('run_id = ?');
      params.push(filter.runId);
    }
    if (filter.status !== undefined) {
      where.push('status = ?');
      params.push(filter.status);
    }
    params.push(filter.limit ?? 1000);
    const rows = this.db
      .prepare(
        `SELECT run_id, item, status, article_id, rule, reason, at FROM ingest_log
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ?`,
      )
      .all(...params) as {
      run_id: number;
      item: string;
      status: LogRow['status'];
      article_id: string | null;
      rule: string | null;
      reason: string | null;
      at: string;
    }[];
    return rows.map((row) => {
        const entry: LogRow = { runId: row.run_id, item: row.item, status: row.status, at: row.at };
        if (row.article_id !== null) entry.articleId = row.article_id;
        if (row.rule !== null) entry.rule = row.rule;
        if (row.reason !== null) entry.reason = row.reason;
        return entry;
      });
  }

  async listQuotes(filter: QuoteFilter): Promise<QuoteRow[]> {
    const { where, params } = quoteConditions(filter);
    params.push(filter.limit ?? DEFAULT_LIST_LIMIT, filter.offset ?? 0);
    const rows = this.db
      .prepare(
        `SELECT q.*, a.published, a.outlet, a.title FROM quotes q JOIN articles a ON a.id = q.article_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY a.published IS NULL, a.published, a.source_file, a.source_row, q.article_id, q.start
         LIMIT ? OFFSET ?`,
      )
      .all(...params) as QuoteDbRow[];
    return rows.map(quoteRowOf);
  }

  async listActorRows(filter: ActorRowFilter): Promise<ActorRow[]> {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.name !== undefined) {
      where.push("x.key IN (SELECT key FROM actors WHERE name LIKE ? ESCAPE '\\')");
      params.push(likeAny(filter.name));
    }
    if (filter.type !== undefined) {
      where.push('x.type = ?');
      params.push(filter.type);
    }
    const rows = this.db
      .prepare(
        `SELECT x.article_id, x.id, x.type, x.name, x.key, x.titles, x.roles, x.organisations, x.mentions, a.published,
           (SELECT count(*) FROM quotes q WHERE q.article_id = x.article_id AND q.actor_id = x.id) AS quotes
         FROM actors x JOIN articles a ON a.id = x.article_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY x.key, a.published IS NULL, a.published, x.article_id`,
      )
      .all(...params) as {
      article_id: string;
      id: string;
      type: string;
      name: string;
      key: string;
      titles: string;
      roles: string;
      organisations: string;
      mentions: number;
      published: string | null;
      quotes: number;
    }[];
    return rows.map((r) => ({
      articleId: r.article_id,
      actorId: r.id,
      type: r.type,
      name: r.name,
      key: r.key,
      titles: JSON.parse(r.titles) as string[],
      roles: JSON.parse(r.roles) as string[],
      organisations: JSON.parse(r.organisations) as string[],
      mentions: r.mentions,
      quotes: r.quotes,
      published: r.published,
    }));
  }

  async addIdentityDecision(decision: IdentityDecision): Promise<number> {
    const others = decision.action === 'rename' ? [] : decision.others;
    const name = decision.action === 'merge' ? null : (decision.name ?? null);
    const result = this.db
      .prepare('INSERT INTO identity_decisions (action, key, others, name, at) VALUES (?, ?, ?, ?, ?)')
      .run(decision.action, decision.key, JSON.stringify(others), name, new Date().toISOString());
    return Number(result.lastInsertRowid);
  }

  async identityDecisions(): Promise<StoredIdentityDecision[]> {
    const rows = this.db.prepare('SELECT id, action, key, others, name, at FROM identity_decisions ORDER BY id').all() as {
      id: number;
      action: IdentityDecision['action'];
      key: string;
      others: string;
      name: string | null;
      at: string;
    }[];
    return rows.map((r): StoredIdentityDecision => {
      const others = JSON.parse(r.others) as string[];
      if (r.action === 'merge') return { id: r.id, at: r.at, action: 'merge', key: r.key, others };
      if (r.action === 'split') return { id: r.id, at: r.at, action: 'split', key: r.key, others, ...(r.name === null ? {} : { name: r.name }) };
      return { id: r.id, at: r.at, action: 'rename', key: r.key, name: r.name ?? r.key };
    });
  }

  async countOtherVersions(version: string): Promise<number> {
    // "v+gazetteer:..." is version v with the user's gazetteer packs: the same extractors.
    const row = this.db
      .prepare("SELECT count(*) AS n FROM articles WHERE extractor_version <> ? AND substr(extractor_version, 1, length(?) + 1) <> ? || '+'")
      .get(version, version, version) as { n: number };
    return row.n;
  }

  async setPropositions(propositions: readonly LoadedProposition[], digest: string): Promise<void> {
    const at = new Date().toISOString();
    const insert = this.db.prepare('INSERT INTO propositions (position, id, text, definition, digest, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM propositions').run();
      propositions.forEach((p, i) => insert.run(i, p.id, p.text, JSON.stringify(p), digest, at));
    })();
  }

  async propositions(): Promise<{ propositions: LoadedProposition[]; digest: string | null }> {
    const rows = this.db.prepare('SELECT definition, digest FROM propositions ORDER BY position').all() as { definition: string; digest: string }[];
    return { propositions: rows.map((r) => JSON.parse(r.definition) as LoadedProposition), digest: rows[0]?.digest ?? null };
  }

  async listStatements(filter: StatementFilter): Promise<StatementRow[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    for (const [column, value] of [
      ['s.proposition', filter.proposition],
      ['s.article_id', filter.article],
      ['s.polarity', filter.polarity],
    ] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    const rows = this.db
      .prepare(
        `SELECT s.*, a.published, a.outlet, a.title FROM statements s JOIN articles a ON a.id = s.article_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY a.published IS NULL, a.published, s.article_id, s.start, s.proposition
         LIMIT ? OFFSET ?`,
      )
      .all(...params, filter.limit ?? -1, filter.offset ?? 0) as {
      article_id: string;
      id: string;
      proposition: string;
      start: number;
      end: number;
      text: string;
      actor_id: string | null;
      actor_name: string | null;
      actor_type: string | null;
      organisations: string;
      quote_id: string | null;
      polarity: Polarity;
      modality: Modality;
      rule: string;
      cues: string;
      published: string | null;
      outlet: string | null;
      title: string | null;
    }[];
    return rows.map((r) => ({
      articleId: r.article_id,
      id: r.id,
      proposition: r.proposition,
      start: r.start,
      end: r.end,
      text: r.text,
      actor: r.actor_id === null || r.actor_name === null ? null : { id: r.actor_id, name: r.actor_name, type: r.actor_type ?? 'unknown' },
      organisations: JSON.parse(r.organisations) as string[],
      quote: r.quote_id,
      polarity: r.polarity,
      modality: r.modality,
      rule: r.rule,
      cues: JSON.parse(r.cues) as Evidence[],
      published: r.published,
      outlet: r.outlet,
      title: r.title,
    }));
  }

  async addCoding(coding: Coding): Promise<number> {
    const row = this.db
      .prepare(
        `INSERT INTO codings (article_id, proposition, start, end, coder, polarity, actor_key, note, at)
         VALUES (@article, @proposition, @start, @end, @coder, @polarity, @actorKey, @note, @at)
         ON CONFLICT (article_id, proposition, start, end, coder) DO UPDATE SET
           polarity = excluded.polarity, actor_key = excluded.actor_key, note = excluded.note, at = excluded.at
         RETURNING id`,
      )
      .get({ ...coding, at: new Date().toISOString() }) as { id: number };
    return row.id;
  }

  async codings(filter: { proposition?: string }): Promise<StoredCoding[]> {
    const rows = this.db
      .prepare(
        `SELECT id, article_id, proposition, start, end, coder, polarity, actor_key, note, at FROM codings
         ${filter.proposition === undefined ? '' : 'WHERE proposition = ?'} ORDER BY at, id`,
      )
      .all(...(filter.proposition === undefined ? [] : [filter.proposition])) as {
      id: number;
      article_id: string;
      proposition: string;
      start: number;
      end: number;
      coder: string;
      polarity: Polarity;
      actor_key: string | null;
      note: string | null;
      at: string;
    }[];
    return rows.map((r) => ({ id: r.id, at: r.at, article: r.article_id, proposition: r.proposition, start: r.start, end: r.end, coder: r.coder, polarity: r.polarity, actorKey: r.actor_key, note: r.note }));
  }

  async listStatistics(filter: StatisticFilter): Promise<StatisticRow[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.kind !== undefined) {
      where.push('f.kind = ?');
      params.push(filter.kind);
    } else if (filter.all !== true) where.push("f.kind <> 'age'");
    if (filter.verdict !== undefined) {
      where.push('f.verdict = ?');
      params.push(filter.verdict);
    }
    if (filter.source !== undefined) {
      where.push("f.source LIKE ? ESCAPE '\\'");
      params.push(likeAny(filter.source));
    }
    if (filter.article !== undefined) {
      where.push('f.article_id = ?');
      params.push(filter.article);
    }
    const rows = this.db
      .prepare(
        `SELECT f.*, a.published, a.outlet, a.title FROM statistics f JOIN articles a ON a.id = f.article_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY f.verdict <> 'inconsistent', a.published IS NULL, a.published, f.article_id, f.start
         LIMIT ? OFFSET ?`,
      )
      .all(...params, filter.limit ?? -1, filter.offset ?? 0) as StatisticDbRow[];
    return rows.map(statisticRowOf);
  }

  async totals(counting: Counting = {}): Promise<CorpusTotals> {
    const row = this.db
      .prepare(
        `SELECT count(*) AS articles, coalesce(sum(paragraphs), 0) AS paragraphs,
          coalesce(sum(sentences), 0) AS sentences, coalesce(sum(tokens), 0) AS tokens,
          count(DISTINCT outlet) AS outlets FROM articles a WHERE ${counted(counting)}`,
      )
      .get() as CorpusTotals;
    return row;
  }

  async pageQuotes(filter: QuotePageFilter): Promise<RowPage<QuoteRow>> {
    const { where, params } = quoteConditions(filter);
    scopeConditions(filter, where, params);
    const desc = filter.dir === 'desc';
    const sort = filter.sort ?? 'published';
    // The join order is fixed so that the order comes from an index (migration 5), not from sorting every row:
    // articles in date order then each article's quotes by offset, or quotes in the sorted value's order.
    // By kind: one run per kind (there are three), each in date order. By speaker or organisation: the
    // quotes with one in its order, then those without in date order.
    const byDate = `${ARTICLES_BY_DATE}, q.start, q.id`;
    const articlesFirst = 'articles a CROSS JOIN quotes q ON q.article_id = a.id';
    const quotesFirst = 'quotes q CROSS JOIN articles a ON a.id = q.article_id';
    const limit = filter.limit ?? DEFAULT_LIST_LIMIT;
    const offset = filter.offset ?? 0;
    let from = articlesFirst;
    let order = byDate;
    let reverse: string | undefined = `${ARTICLES_BY_DATE_REVERSED}, q.start DESC, q.id DESC`;
    let runs: PagePlan['runs'] = [];
    if (sort === 'published' && desc) {
      order = `${ARTICLES_BY_DATE_DESC}, q.start, q.id`;
      reverse = `${ARTICLES_BY_DATE_DESC_REVERSED}, q.start DESC, q.id DESC`;
    } else if (sort === 'kind' && filter.kind === undefined) {
      runs = (desc ? [...QUOTE_KINDS].reverse() : [...QUOTE_KINDS]).map((k): PagePlan['runs'][number] => ({ condition: 'q.kind = ?', params: [k] }));
      // Any other kind a later version may store, last.
      runs.push({ condition: `q.kind NOT IN (${QUOTE_KINDS.map(() => '?').join(', ')})`, params: [...QUOTE_KINDS] });
    } else if (sort === 'speaker' || sort === 'organisation') {
      const value = QUOTE_SORT_VALUE[sort];
      const byValue = `${value.missing}, ${value.order}${desc ? ' DESC' : ''}, ${byDate}`;
      if (offset + limit <= SHALLOW_PAGE && limit >= 0) {
        // A first page: straight from the value's index, which holds the rows without a value last.
        from = quotesFirst;
        order = byValue;
        reverse = undefined;
      } else {
        const counts = withQuery(filter.query, () => this.db
          .prepare(`SELECT count(*) AS n, count(${value.value}) AS present FROM ${scoped(filter) ? articlesFirst : 'quotes q'} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`)
          .get(...params) as { n: number; present: number });
        runs = [
          // The rows with a value, from the value's index (they come first in it).
          { from: quotesFirst, order: byValue, count: counts.present },
          // The rest in date order (the unary + keeps SQLite from looking them up by the value's index).
          { condition: `+${value.value} IS NULL`, count: counts.n - counts.present },
        ];
      }
    }
    const plan: PagePlan = {
      from,
      // Every quote has its article: the join is needed for counting only when the article is filtered on.
      countFrom: scoped(filter) ? articlesFirst : 'quotes q',
      key: 'q.article_id AS a, q.id AS i',
      where,
      params,
      order,
      ...(reverse === undefined ? {} : { reverse }),
      runs,
      limit,
      offset,
    };
    return withQuery(filter.query, () => {
      const { keys, total } = pageKeys(this.db, plan);
      const rows = keys.length === 0 ? [] : (this.db
        .prepare(
          `SELECT q.*, a.published, a.outlet, a.title FROM json_each(?) k
           JOIN quotes q ON q.article_id = json_extract(k.value, '$[0]') AND q.id = json_extract(k.value, '$[1]')
           JOIN articles a ON a.id = q.article_id
           ORDER BY k.key`,
        )
        .all(JSON.stringify(keys)) as QuoteDbRow[]);
      return { rows: rows.map(quoteRowOf), total };
    });
  }

  async quotesOfActors(members: readonly ActorRef[]): Promise<QuoteRow[]> {
    if (members.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT q.*, a.published, a.outlet, a.title
         FROM json_each(?) m
         JOIN quotes q ON q.article_id = json_extract(m.value, '$[0]') AND q.actor_id = json_extract(m.value, '$[1]')
         JOIN articles a ON a.id = q.article_id
         ORDER BY ${ARTICLES_BY_DATE}, q.start`,
      )
      .all(JSON.stringify(members.map((m) => [m.articleId, m.actorId]))) as QuoteDbRow[];
    return rows.map(quoteRowOf);
  }

  async countArticles(filter: ArticleFilter): Promise<number> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    scopeConditions(filter, where, params);
    return withQuery(filter.query, () => {
      const row = this.db
        .prepare(`SELECT count(*) AS n FROM articles a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`)
        .get(...params) as { n: number };
      return row.n;
    });
  }

  async articlesByIds(ids: readonly string[]): Promise<ArticleRow[]> {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT ${ARTICLE_ROW_COLUMNS} FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))
         ORDER BY a.published IS NULL, a.published, a.source_file, a.source_row, a.id`,
      )
      .all(JSON.stringify([...new Set(ids)])) as ArticleDbRow[];
    return rows.map(articleRowOf);
  }

  async hasArticle(id: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM articles WHERE id = ?').get(id) !== undefined;
  }

  async pageStatistics(filter: StatisticPageFilter): Promise<RowPage<StatisticRow>> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.kind !== undefined) {
      where.push('f.kind = ?');
      params.push(filter.kind);
    } else if (filter.all !== true) where.push("f.kind <> 'age'");
    if (filter.source !== undefined) {
      where.push("f.source LIKE ? ESCAPE '\\'");
      params.push(likeAny(filter.source));
    }
    if (filter.article !== undefined) {
      where.push('f.article_id = ?');
      params.push(filter.article);
    }
    scopeConditions(filter, where, params);
    const plan: PagePlan = {
      from: 'articles a CROSS JOIN statistics f ON f.article_id = a.id',
      countFrom: scoped(filter) ? 'articles a CROSS JOIN statistics f ON f.article_id = a.id' : 'statistics f',
      key: 'f.article_id AS a, f.id AS i',
      where,
      params,
      order: `${filter.newestFirst === true ? ARTICLES_BY_DATE_DESC : ARTICLES_BY_DATE}, f.start, f.id`,
      reverse: `${filter.newestFirst === true ? ARTICLES_BY_DATE_DESC_REVERSED : ARTICLES_BY_DATE_REVERSED}, f.start DESC, f.id DESC`,
      // Inconsistent figures first, then the rest: two runs, each in article date order.
      runs: filter.verdict === undefined
        ? [{ condition: 'f.verdict = ?', params: ['inconsistent'] }, { condition: 'f.verdict <> ?', params: ['inconsistent'] }]
        : [{ condition: 'f.verdict = ?', params: [filter.verdict] }],
      limit: filter.limit ?? -1,
      offset: filter.offset ?? 0,
    };
    return withQuery(filter.query, () => {
      const { keys, total } = pageKeys(this.db, plan);
      const rows = keys.length === 0 ? [] : (this.db
        .prepare(
          `SELECT f.*, a.published, a.outlet, a.title FROM json_each(?) k
           JOIN statistics f ON f.article_id = json_extract(k.value, '$[0]') AND f.id = json_extract(k.value, '$[1]')
           JOIN articles a ON a.id = f.article_id
           ORDER BY k.key`,
        )
        .all(JSON.stringify(keys)) as StatisticDbRow[]);
      return { rows: rows.map(statisticRowOf), total };
    });
  }

  async articlesPerMonth(counting: Counting = {}): Promise<{ month: string; articles: number }[]> {
    return this.db
      .prepare(
        `SELECT CASE WHEN published IS NULL OR published = '' THEN 'undated' ELSE substr(published, 1, 7) END AS month,
           count(*) AS articles
         FROM articles a WHERE ${counted(counting)} GROUP BY month ORDER BY month = 'undated', month`,
      )
      .all() as { month: string; articles: number }[];
  }

  async topQuoted(type: string, limit: number, counting: Counting = {}): Promise<QuotedActor[]> {
    return this.db
      .prepare(
        `SELECT x.key AS key, x.type AS type, count(*) AS quotes,
           (SELECT y.name FROM actors y WHERE y.key = x.key ORDER BY length(y.name) DESC, y.name LIMIT 1) AS name
         FROM quotes q JOIN actors x ON x.article_id = q.article_id AND x.id = q.actor_id
         WHERE x.type = ? AND ${counted(counting, 'q.article_id')}
         GROUP BY x.key ORDER BY quotes DESC, x.key LIMIT ?`,
      )
      .all(type, limit) as QuotedActor[];
  }

  async saveNearDuplicates(members: readonly NearDuplicateMember[] | null, seconds: number, signatures: readonly ArticleSignature[] = []): Promise<void> {
    const insert = this.db.prepare('INSERT INTO near_duplicates (article_id, first_id, containment) VALUES (?, ?, ?)');
    const sign = this.db.prepare('INSERT OR REPLACE INTO article_signatures (article, seq, signature) VALUES (?, ?, ?)');
    // One transaction: signatures are never kept for articles whose groups were not saved.
    this.db.transaction(() => {
      this.db.exec('DELETE FROM near_duplicate_runs');
      if (members !== null) {
        this.db.exec('DELETE FROM near_duplicates');
        for (const m of members) insert.run(m.articleId, m.firstId, m.containment);
      }
      for (const s of signatures) {
        sign.run(s.rowid, s.seq, s.signature === null ? null : Buffer.from(s.signature.buffer, s.signature.byteOffset, s.signature.byteLength));
      }
      const { articles, maxRowid } = this.articleMark();
      this.db
        .prepare('INSERT INTO near_duplicate_runs (id, found_at, articles, max_rowid, seconds) VALUES (1, ?, ?, ?, ?)')
        .run(new Date().toISOString(), articles, maxRowid, seconds);
    })();
  }

  async nearDuplicates(): Promise<NearDuplicateState> {
    const run = this.db.prepare('SELECT found_at, articles, max_rowid, seconds FROM near_duplicate_runs WHERE id = 1').get() as
      | { found_at: string; articles: number; max_rowid: number; seconds: number }
      | undefined;
    if (run === undefined) return { foundAt: null, seconds: null, stale: false, groups: 0, copies: 0 };
    const mark = this.articleMark();
    const { groups, copies } = this.db
      .prepare('SELECT count(DISTINCT first_id) AS groups, count(*) - count(DISTINCT first_id) AS copies FROM near_duplicates')
      .get() as { groups: number; copies: number };
    const unsigned = this.db
      .prepare('SELECT 1 FROM article_words w LEFT JOIN article_signatures s ON s.article = w.article WHERE s.article IS NULL OR s.seq < w.seq LIMIT 1')
      .get();
    const stale = mark.articles !== run.articles || mark.maxRowid !== run.max_rowid || unsigned !== undefined;
    return { foundAt: run.found_at, seconds: run.seconds, stale, groups, copies };
  }


  async nearDuplicateMembers(): Promise<NearDuplicateMember[]> {
    return this.db.prepare('SELECT article_id AS articleId, first_id AS firstId, containment FROM near_duplicates ORDER BY first_id, article_id').all() as NearDuplicateMember[];
  }

  async articlesToSign(all: boolean): Promise<{ rowid: number; id: string; seq: number }[]> {
    // The word index's narrow index on (article, seq), and an article's id only for the rows kept.
    return this.db
      .prepare(
        `SELECT w.article AS rowid, (SELECT id FROM articles WHERE rowid = w.article) AS id, w.seq FROM article_words w
         LEFT JOIN article_signatures s ON s.article = w.article
         WHERE ${all ? '1' : 's.article IS NULL OR s.seq < w.seq'} ORDER BY w.article`,
      )
      .all() as { rowid: number; id: string; seq: number }[];
  }

  async articleSignatures(afterRowid: number, limit: number): Promise<{ rowid: number; id: string; signature: Uint32Array | null }[]> {
    const rows = this.db
      .prepare('SELECT s.article, a.id, s.signature FROM article_signatures s JOIN articles a ON a.rowid = s.article WHERE s.article > ? ORDER BY s.article LIMIT ?')
      .raw()
      .all(afterRowid, limit) as [number, string, Buffer | null][];
    // Copied: a Buffer's bytes need not sit at a multiple of 4.
    return rows.map(([rowid, id, blob]) => ({ rowid, id, signature: blob === null ? null : new Uint32Array(Uint8Array.from(blob).buffer) }));
  }

  async nearDuplicateCopies(): Promise<string[]> {
    return this.db.prepare('SELECT article_id FROM near_duplicates WHERE article_id <> first_id ORDER BY article_id').pluck().all() as string[];
  }

  /** How many articles are stored and the highest rowid: any article stored since moves one of them. */
  private articleMark(): { articles: number; maxRowid: number } {
    const row = this.db.prepare('SELECT count(*) AS articles, coalesce(max(rowid), 0) AS maxRowid FROM articles').get() as { articles: number; maxRowid: number };
    return row;
  }

  async outlets(): Promise<string[]> {
    const rows = this.db
      .prepare("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL AND outlet <> '' ORDER BY outlet COLLATE NOCASE")
      .all() as { outlet: string }[];
    return rows.map((r) => r.outlet);
  }

  async changeToken(): Promise<string> {
    // data_version moves when another connection commits; total_changes counts this connection's own writes.
    const version = this.db.pragma('data_version', { simple: true }) as number;
    const { n } = this.db.prepare('SELECT total_changes() AS n').get() as { n: number };
    return `${version}:${n}`;
  }

  async articleText(id: string): Promise<string | undefined> {
    const row = this.db.prepare('SELECT text FROM articles WHERE id = ?').get(id) as { text: string } | undefined;
    return row?.text;
  }

  async firstMentions(actors: readonly ActorRef[]): Promise<ActorMention[]> {
    if (actors.length === 0) return [];
    // Mentions live in the annotations JSON: SQLite reads out only the actors asked for.
    const rows = this.db
      .prepare(
        `SELECT a.id AS article_id, json_extract(x.value, '$.id') AS actor_id, json_extract(x.value, '$.mentions') AS mentions
         FROM articles a JOIN json_each(a.annotations, '$.actors') x
         WHERE a.id IN (SELECT json_extract(value, '$[0]') FROM json_each(?))`,
      )
      .all(JSON.stringify(actors.map((m) => [m.articleId, m.actorId]))) as { article_id: string; actor_id: string; mentions: string | null }[];
    const wanted = new Set(actors.map((m) => `${m.articleId}\u0000${m.actorId}`));
    const out: ActorMention[] = [];
    for (const r of rows) {
      if (!wanted.has(`${r.article_id}\u0000${r.actor_id}`) || r.mentions === null) continue;
      const mentions = JSON.parse(r.mentions) as { start: number; end: number; rule: string }[];
      const first = mentions.reduce<(typeof mentions)[number] | undefined>((best, m) => (best === undefined || m.start < best.start ? m : best), undefined);
      if (first !== undefined) out.push({ articleId: r.article_id, actorId: r.actor_id, start: first.start, end: first.end, rule: first.rule });
    }
    return out;
  }

  async searchArticles(filter: FullTextFilter): Promise<RowPage<FullTextHit>> {
    const { from, where, params } = fullTextPlan(filter);
    return withQuery(filter.match, () => {
      const condition = `WHERE ${where.join(' AND ')}`;
      // The page's keys first, then their texts: the sort never carries whole articles. The count comes
      // with the page (a window over every match), so each match is read and filtered once, not twice.
      const page = this.db
        .prepare(
          `SELECT r, rank, count(*) OVER () AS n FROM (
             SELECT a.rowid AS r, bm25(articles_fts, ${TITLE_WEIGHT}, 1.0) AS rank,
               a.published IS NULL AS undated, a.published, a.source_file, a.source_row, a.id
             FROM ${from} ${condition})
           ORDER BY rank, undated, published, source_file, source_row, id LIMIT ? OFFSET ?`,
        )
        .all(...params, filter.limit ?? DEFAULT_LIST_LIMIT, filter.offset ?? 0) as { r: number; rank: number; n: number }[];
      // A page past the end holds no count.
      const n = page[0]?.n ?? (this.db.prepare(`SELECT count(*) AS n FROM ${from} ${condition}`).get(...params) as { n: number }).n;
      const texts = new Map(this.textsWithRowids(page.map((p) => p.r)).map(({ rowid, ...article }) => [rowid, article]));
      const rows = page.flatMap((p): FullTextHit[] => {
        const t = texts.get(p.r);
        return t === undefined ? [] : [{ ...t, score: p.rank === 0 ? 0 : -p.rank }];
      });
      return { rows, total: n };
    });
  }

  async articleTexts(ids: readonly string[]): Promise<ArticleText[]> {
    if (ids.length === 0) return [];
    return this.db
      .prepare('SELECT a.id, a.title, a.outlet, a.published, a.text FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify([...new Set(ids)])) as ArticleText[];
  }

  async articleSentences(ids: readonly string[]): Promise<Map<string, SentenceSpan[]>> {
    const out = new Map<string, SentenceSpan[]>();
    if (ids.length === 0) return out;
    const rows = this.db
      .prepare("SELECT id, json_extract(annotations, '$.sentences') AS sentences FROM articles WHERE id IN (SELECT value FROM json_each(?))")
      .all(JSON.stringify([...new Set(ids)])) as { id: string; sentences: string | null }[];
    for (const row of rows) {
      const sentences = row.sentences === null ? [] : (JSON.parse(row.sentences) as SentenceSpan[]);
      out.set(row.id, sentences.map((s) => ({ id: s.id, start: s.start, end: s.end })));
    }
    return out;
  }

  /** The full-text index's word lists, read through fts5vocab tables made on first use in this connection's temp schema. */
  private vocabulary(kind: 'col' | 'instance'): string {
    const table = `temp.verbatim_fts_${kind}`;
    this.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${table} USING fts5vocab(main, articles_fts, ${kind})`);
    return table;
  }

  /** The first string after every word that begins with `prefix` (in the index's term order, which is code point order). */
  private afterPrefix(prefix: string): string {
    const chars = [...prefix];
    const last = chars.pop()?.codePointAt(0) ?? 0;
    return `${chars.join('')}${String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1)}`;
  }

  async textTermCount(word: string, prefix: boolean, atMost: number): Promise<{ occurrences: number; articles: number }> {
    const table = this.vocabulary('col');
    if (!prefix) {
      const row = this.db.prepare(`SELECT cnt, doc FROM ${table} WHERE term = ? AND col = 'text'`).get(word) as { cnt: number; doc: number } | undefined;
      return { occurrences: row?.cnt ?? 0, articles: row?.doc ?? 0 };
    }
    // Term by term (in term order), stopping once past `atMost`: "a*" stops at "a".
    const out = { occurrences: 0, articles: 0 };
    for (const [cnt, doc] of this.db.prepare(`SELECT cnt, doc FROM ${table} WHERE term >= ? AND term < ? AND col = 'text'`).raw().iterate(word, this.afterPrefix(word)) as Iterable<[number, number]>) {
      out.occurrences += cnt;
      out.articles += doc;
      if (out.occurrences > atMost) break;
    }
    return out;
  }

  async textTermPositions(word: string, prefix: boolean): Promise<{ rowids: Int32Array; positions: Int32Array }> {
    const table = this.vocabulary('instance');
    const terms = prefix ? 'term >= ? AND term < ?' : 'term = ?';
    const params = prefix ? [word, this.afterPrefix(word)] : [word];
    // One number per occurrence (rowid × 2^24 + position) reads four times faster than a row of two, and sorts as one; -1 where that would not be exact.
    const keys = this.db
      .prepare(`SELECT CASE WHEN offset < 16777216 AND doc < 536870912 THEN doc * 16777216 + offset ELSE -1 END FROM ${table} WHERE ${terms} AND col = 'text'`)
      .pluck()
      .all(...params) as number[];
    const rowids = new Int32Array(keys.length);
    const positions = new Int32Array(keys.length);
    if (keys.includes(-1)) {
      const rows = this.db.prepare(`SELECT doc, offset FROM ${table} WHERE ${terms} AND col = 'text'`).raw().all(...params) as [number, number][];
      rows.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      rows.forEach(([doc, offset], i) => {
        rowids[i] = doc;
        positions[i] = offset;
      });
    } else {
      // The index gives one word's positions in order, a prefix's word by word.
      const sorted = keys.every((key, i) => i === 0 || key > (keys[i - 1] ?? 0)) ? keys : Float64Array.from(keys).sort();
      sorted.forEach((key, i) => {
        const rowid = Math.floor(key / 16777216);
        rowids[i] = rowid;
        positions[i] = key - rowid * 16777216;
      });
    }
    return { rowids, positions };
  }

  async fullTextRowids(match: string): Promise<Int32Array> {
    return withQuery(match, () => Int32Array.from(this.db.prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?').pluck().all(match) as number[]));
  }

  async articleRowidsByDate(scope: ArticleScope): Promise<Int32Array> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    scopeConditions({ outlet: scope.outlet, from: scope.from, to: scope.to }, where, params);
    const rowids = this.db
      .prepare(`SELECT a.rowid FROM articles a ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`} ORDER BY ${ARTICLES_BY_DATE}`)
      .pluck()
      .all(...params) as number[];
    return Int32Array.from(rowids);
  }

  async articleTextsByRowid(rowids: readonly number[]): Promise<(ArticleText & { rowid: number })[]> {
    return this.textsWithRowids(rowids);
  }

  /** Articles with their text and rowid, in rowid order (for search results and KWIC pages). */
  private textsWithRowids(rowids: readonly number[]): (ArticleText & { rowid: number })[] {
    if (rowids.length === 0) return [];
    return this.db
      .prepare('SELECT a.rowid, a.id, a.title, a.outlet, a.published, a.text FROM articles a WHERE a.rowid IN (SELECT value FROM json_each(?)) ORDER BY a.rowid')
      .all(JSON.stringify([...rowids])) as (ArticleText & { rowid: number })[];
  }

  async articleTextBodiesByRowid(rowids: readonly number[]): Promise<{ rowid: number; text: string }[]> {
    if (rowids.length === 0) return [];
    // Rows as arrays: a fifth faster than objects over thousands of texts.
    const rows = this.db
      .prepare('SELECT a.rowid, a.text FROM articles a WHERE a.rowid IN (SELECT value FROM json_each(?)) ORDER BY a.rowid')
      .raw()
      .all(JSON.stringify([...rowids])) as [number, string][];
    return rows.map(([rowid, text]) => ({ rowid, text }));
  }

  async articleWordIds(afterSeq: number, limit: number): Promise<{ seq: number; rowid: number; ids: Uint8Array }[]> {
    const rows = this.db
      .prepare('SELECT seq, article, ids FROM article_words WHERE seq > ? ORDER BY seq LIMIT ?')
      .raw()
      .all(afterSeq, limit) as [number, number, Buffer][];
    return rows.map(([seq, rowid, ids]) => ({ seq, rowid, ids }));
  }

  async wordsFrom(from: number): Promise<string[]> {
    return this.db.prepare('SELECT word FROM words WHERE id >= ? ORDER BY id').pluck().all(from) as string[];
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
