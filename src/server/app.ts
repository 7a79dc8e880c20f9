/**
 * The dashboard's HTTP app: the JSON API of `api-types.ts` under /api, and
 * the web app's files everywhere else. Every query parameter is checked (a
 * bad one is a 400 naming it); list routes take `format=csv` for the same
 * rows as CSV. Pages that need the whole corpus (identities, positions) read
 * a snapshot kept until the store changes.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Identity } from '../actors/identities.js';
import { toCsv } from '../cli/csv.js';
import type { Polarity, StatisticKind } from '../model/document.js';
import { MACHINE_CODER } from '../stances/load-stances.js';
import type { EffectiveStatement } from '../stances/positions.js';
import type { Position } from '../stances/types.js';
import { copiesLeftOut, NOT_GROUPED, withoutArticles } from '../provenance/load-units.js';
import { sameFigures, series } from '../statistics/across.js';
import {
  StoreError,
  type ArticleRow,
  type ArticleScope,
  type NearDuplicateState,
  type QuotedActor,
  type QuotePageFilter,
  type QuoteRow,
  type StatisticPageFilter,
  type StatisticRow,
  type Store,
} from '../store/store.js';
import type {
  ActorList,
  ActorView,
  ArticleView,
  CodingRequest,
  CodingResponse,
  Overview,
  Page,
  SameList,
  SeriesList,
  StancesView,
  StatementList,
} from './api-types.js';
import {
  ACTOR_COLUMNS,
  ARTICLE_COLUMNS,
  POSITION_COLUMNS,
  QUOTE_COLUMNS,
  SAME_HEADER,
  SERIES_HEADER,
  STATEMENT_COLUMNS,
  STATISTIC_COLUMNS,
  sameRows,
  seriesRows,
  type Columns,
} from './csv-columns.js';
import { HttpError, Query } from './params.js';
import { KWIC_COLUMNS, SEARCH_COLUMNS } from '../search/columns.js';
import { DEFAULT_WIDTH, KWIC_SORTS, kwic, MAX_WIDTH } from '../search/kwic.js';
import { QueryError } from '../search/query.js';
import { search } from '../search/search.js';
import type { KwicPage, SearchPage } from './api-types.js';
import { isApiPath, loopbackOnly, refuse, requireToken, sameOriginChanges, securityHeaders } from './security.js';
import { memberId, SnapshotCache, type Snapshot } from './snapshot.js';
import { serveStatic } from './static.js';

export interface AppOptions {
  /** The built web app (`web/dist`); null to serve the API only. */
  webRoot: string | null;
  /** When set, every request must carry it (see `requireToken`). */
  token: string | null;
}

/** Rows per page when `limit` is not given. */
const PAGE = 100;
/** Search results per page when `limit` is not given. */
const SEARCH_PAGE = 20;
/** Speakers, organisations and inconsistent figures on the overview. */
const TOP = 10;
const MAX_BODY = 64 * 1024;
const MAX_CODER = 80;
const MAX_NOTE = 2000;

const QUOTE_KINDS = ['direct', 'mixed', 'indirect'] as const;
const QUOTE_SORTS = ['published', 'speaker', 'organisation', 'kind'] as const;
const DIRECTIONS = ['asc', 'desc'] as const;
const ACTOR_TYPES = ['person', 'organisation', 'unknown'] as const;
const WINDOWS = ['month', 'quarter', 'year'] as const;
const POLARITIES = ['support', 'oppose', 'neutral'] as const satisfies readonly Polarity[];
const STATISTIC_KINDS = ['count', 'share', 'change', 'amount', 'rate', 'rank', 'age'] as const satisfies readonly StatisticKind[];
const VERDICTS = ['consistent', 'inconsistent', 'unverifiable'] as const satisfies readonly StatisticRow['verdict'][];

/** JSON, with `<` escaped so that no part of a body can ever read as markup. */
function json(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value).replace(/</gu, '\\u003c'), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}

function csv<T>(name: string, columns: Columns<T>, rows: readonly T[]): Response {
  return csvOf(name, columns.header, rows.map(columns.record));
}

function csvOf(name: string, header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): Response {
  return new Response(toCsv(header, rows), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}.csv"` },
  });
}

const query = (c: Context): Query => new Query((name) => c.req.query(name));

/** The shared filters on the article: outlet, from, to, q. */
function scope(p: Query): ArticleScope {
  return { outlet: p.text('outlet'), from: p.date('from'), to: p.date('to'), query: p.text('q') };
}

function inScope(scope: ArticleScope, row: { published: string | null; outlet: string | null }): boolean {
  if (scope.outlet !== undefined && row.outlet?.toLowerCase() !== scope.outlet.toLowerCase()) return false;
  if (scope.from !== undefined && (row.published === null || row.published < scope.from)) return false;
  // `published` may be YYYY, YYYY-MM or YYYY-MM-DD: compare on the bound's prefix length, as the store does.
  if (scope.to !== undefined && (row.published === null || row.published.slice(0, scope.to.length) > scope.to)) return false;
  return true;
}

/** Run a store call holding a full-text query: an error of SQLite's about it is the client's (400), not the server's. */
async function fullText<T>(q: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (q !== undefined && (error as { code?: unknown }).code === 'SQLITE_ERROR') {
      throw new HttpError(400, `q: the search query ${JSON.stringify(q)} is not valid full-text syntax (${(error as Error).message}); put phrases in double quotes`);
    }
    throw error;
  }
}

function isPolarity(value: unknown): value is Polarity {
  return typeof value === 'string' && (POLARITIES as readonly string[]).includes(value);
}

/** The body of POST /api/codings, checked field by field. */
function codingRequest(body: unknown): CodingRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'body: a JSON object with article, proposition, start, end, polarity and coder');
  const b = body as Record<string, unknown>;
  const text = (name: string, max: number): string => {
    const value = b[name];
    if (typeof value !== 'string' || value.trim() === '') throw new HttpError(400, `${name}: required, a non-empty string`);
    if (value.length > max) throw new HttpError(400, `${name}: at most ${max} characters`);
    return value;
  };
  const offset = (name: string): number => {
    const value = b[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new HttpError(400, `${name}: required, a whole number of characters from 0`);
    return value;
  };
  const article = text('article', 200);
  const proposition = text('proposition', 200);
  const start = offset('start');
  const end = offset('end');
  if (end <= start) throw new HttpError(400, 'end: must be after start');
  if (!isPolarity(b.polarity)) throw new HttpError(400, 'polarity: required, support, oppose or neutral');
  const coder = typeof b.coder === 'string' ? b.coder.trim() : '';
  if (coder === '') throw new HttpError(400, 'coder: required, the name of the person coding');
  if (coder.length > MAX_CODER) throw new HttpError(400, `coder: at most ${MAX_CODER} characters`);
  if (coder === MACHINE_CODER) throw new HttpError(400, `coder: "${MACHINE_CODER}" stands for verbatim's own coding; choose another name`);
  const note = b.note;
  if (note !== undefined && note !== null && (typeof note !== 'string' || note.length > MAX_NOTE)) throw new HttpError(400, `note: a string of at most ${MAX_NOTE} characters`);
  return { article, proposition, start, end, polarity: b.polarity, coder, ...(typeof note === 'string' && note.trim() !== '' ? { note } : {}) };
}

function knownProposition(snapshot: Snapshot, id: string | undefined): void {
  if (id !== undefined && !snapshot.propositions.some((p) => p.id === id)) {
    throw new HttpError(400, `proposition: no proposition ${JSON.stringify(id)}; known: ${snapshot.propositions.map((p) => p.id).join(', ') || 'none'}`);
  }
}

/** An identity by its key, or by an actor key as stored (merged or split since). */
function findIdentity(snapshot: Snapshot, key: string): Identity | undefined {
  return snapshot.byKey.get(key) ?? snapshot.byActorKey.get(key);
}

export function createApp(store: Store, options: AppOptions): Hono {
  const app = new Hono();
  const cache = new SnapshotCache(store);

  /** A 404 for an `article` parameter naming no stored article. */
  const knownArticle = async (id: string | undefined): Promise<void> => {
    if (id !== undefined && !(await store.hasArticle(id))) throw new HttpError(404, `article: no article ${JSON.stringify(id)}`);
  };

  app.use('*', securityHeaders);
  app.use('*', options.token === null ? loopbackOnly : requireToken(options.token));
  app.use('*', sameOriginChanges);

  /**
   * The `dedupe` parameter: count each near-duplicate group once. A 409 when
   * the groups were never found (the dashboard offers it only when they were).
   */
  /** The near-duplicate groups' state, read once per store change (it counts over the whole table). */
  const grouping = (): Promise<NearDuplicateState> => cache.derived('near-duplicates', () => store.nearDuplicates());

  const dedupe = async (p: Query): Promise<boolean> => {
    if (!p.flag('dedupe')) return false;
    if ((await grouping()).foundAt === null) throw new HttpError(409, `dedupe: ${NOT_GROUPED}`);
    return true;
  };

  /** The rows not from a near-duplicate after its group's first appearance, when each group counts once. */
  const counted = async <T extends { articleId: string }>(rows: T[], once: boolean): Promise<T[]> =>
    once ? withoutArticles(rows, (await copiesLeftOut(store)).copies) : rows;

  const overview = async (once: boolean): Promise<Overview> => {
    const counting = { dedupe: once };
    const [totals, perMonth, people, organisations, inconsistent, stored, outlets, decisions, grouped] = await Promise.all([
      store.totals(counting),
      store.articlesPerMonth(counting),
      store.topQuoted('person', TOP, counting),
      store.topQuoted('organisation', TOP, counting),
      store.pageStatistics({ verdict: 'inconsistent', all: true, newestFirst: true, limit: TOP }),
      store.propositions(),
      store.outlets(),
      store.identityDecisions(),
      grouping(),
    ]);
    // People's renames show here too (the counts are by the key as stored).
    const renamed = new Map<string, string>();
    for (const d of decisions) if (d.action === 'rename') renamed.set(d.key, d.name);
    const named = (a: QuotedActor): QuotedActor => ({ key: a.key, name: renamed.get(a.key) ?? a.name, type: a.type, quotes: a.quotes });
    return {
      totals,
      perMonth,
      topSpeakers: people.map(named),
      topOrganisations: organisations.map(named),
      inconsistent: inconsistent.rows,
      propositions: stored.propositions.map((p) => ({ id: p.id, text: p.text })),
      outlets,
      nearDuplicates: { grouped: grouped.foundAt !== null, foundAt: grouped.foundAt, stale: grouped.stale, groups: grouped.groups, copies: grouped.copies },
      dedupe: once,
    };
  };

  // The overview changes only with the store: computed once per change.
  app.get('/api/overview', async (c) => {
    const once = await dedupe(query(c));
    return json(await cache.derived(`overview\u0000${once}`, () => overview(once)));
  });

  app.get('/api/articles', async (c) => {
    const p = query(c);
    const filter = { ...scope(p), limit: p.limit(PAGE), offset: p.offset() };
    const format = p.format();
    const [rows, total] = await fullText(filter.query, () => Promise.all([store.listArticles(filter), store.countArticles(filter)]));
    if (format === 'csv') return csv('articles', ARTICLE_COLUMNS, rows);
    return json({ rows, total, limit: filter.limit, offset: filter.offset } satisfies Page<ArticleRow>);
  });

  app.get('/api/articles/:id', async (c) => {
    const id = c.req.param('id');
    const document = await store.getArticle(id);
    if (document === undefined) throw new HttpError(404, `no article ${JSON.stringify(id)}`);
    const snapshot = await cache.get();
    const actorKeys: Record<string, string> = {};
    for (const actor of document.actors) actorKeys[actor.id] = snapshot.memberKey.get(memberId(document.id, actor.id)) ?? actor.key;
    return json({ document, actorKeys } satisfies ArticleView);
  });

  app.get('/api/quotes', async (c) => {
    const p = query(c);
    const filter: QuotePageFilter = {
      speaker: p.text('speaker'),
      org: p.text('org'),
      kind: p.oneOf('kind', QUOTE_KINDS),
      article: p.text('article'),
      ...scope(p),
      sort: p.oneOf('sort', QUOTE_SORTS),
      dir: p.oneOf('dir', DIRECTIONS),
      limit: p.limit(PAGE),
      offset: p.offset(),
    };
    const format = p.format();
    await knownArticle(filter.article);
    const { rows, total } = await store.pageQuotes(filter);
    if (format === 'csv') return csv('quotes', QUOTE_COLUMNS, rows);
    return json({ rows, total, limit: filter.limit ?? PAGE, offset: filter.offset ?? 0 } satisfies Page<QuoteRow>);
  });

  app.get('/api/actors', async (c) => {
    const p = query(c);
    const name = p.text('name')?.toLowerCase();
    const type = p.oneOf('type', ACTOR_TYPES);
    const limit = p.limit(PAGE);
    const offset = p.offset();
    const format = p.format();
    const snapshot = await cache.get(await dedupe(p));
    const list: ActorList = snapshot.identities
      .filter((i) => (name === undefined || i.name.toLowerCase().includes(name) || i.key.includes(name)) && (type === undefined || i.type === type))
      .slice(offset, offset + limit);
    if (format === 'csv') return csv('actors', ACTOR_COLUMNS, list);
    return json(list);
  });

  app.get('/api/actors/:key', async (c) => {
    const key = c.req.param('key');
    const snapshot = await cache.get(await dedupe(query(c)));
    const identity = findIdentity(snapshot, key);
    if (identity === undefined) throw new HttpError(404, `no actor ${JSON.stringify(key)}`);
    const [quotes, articles] = await Promise.all([
      store.quotesOfActors(identity.members),
      store.articlesByIds(identity.members.map((m) => m.articleId)),
    ]);
    const view: ActorView = {
      identity,
      quotes,
      positions: snapshot.positions.filter((x) => x.actorKey === identity.key),
      statements: snapshot.statements.filter((s) => s.actor?.key === identity.key || s.via.some((v) => v.key === identity.key)),
      articles,
    };
    return json(view);
  });

  app.get('/api/stances', async (c) => {
    const p = query(c);
    const proposition = p.text('proposition');
    const by = p.oneOf('by', WINDOWS);
    const format = p.format();
    const snapshot = await cache.get(await dedupe(p));
    knownProposition(snapshot, proposition);
    const mine = (x: Position): boolean => proposition === undefined || x.proposition === proposition;
    const view: StancesView = {
      propositions: snapshot.propositions,
      positions: snapshot.positions.filter(mine),
      windows: by === undefined ? [] : snapshot.windows(by).filter(mine),
    };
    if (format === 'csv') return csv('stances', POSITION_COLUMNS, by === undefined ? view.positions : view.windows);
    return json(view);
  });

  app.get('/api/statements', async (c) => {
    const p = query(c);
    const proposition = p.text('proposition');
    const actor = p.text('actor');
    const article = p.text('article');
    const polarity = p.oneOf('polarity', POLARITIES);
    const where = scope(p);
    const limit = p.optionalLimit();
    const offset = p.offset();
    const format = p.format();
    await knownArticle(article);
    const snapshot = await cache.get(await dedupe(p));
    knownProposition(snapshot, proposition);
    const identity = actor === undefined ? undefined : findIdentity(snapshot, actor);
    if (actor !== undefined && identity === undefined) throw new HttpError(404, `actor: no actor ${JSON.stringify(actor)}`);
    const matching = where.query === undefined ? null : new Set((await fullText(where.query, () => store.listArticles({ query: where.query, limit: -1 }))).map((a) => a.id));
    const list: StatementList = snapshot.statements.filter(
      (s: EffectiveStatement) =>
        (proposition === undefined || s.proposition === proposition) &&
        (identity === undefined || s.actor?.key === identity.key || s.via.some((v) => v.key === identity.key)) &&
        (article === undefined || s.articleId === article) &&
        (polarity === undefined || s.polarity === polarity) &&
        inScope(where, s) &&
        (matching === null || matching.has(s.articleId)),
    );
    const rows = list.slice(offset, limit === undefined ? undefined : offset + limit);
    if (format === 'csv') return csv('statements', STATEMENT_COLUMNS, rows);
    return json(rows);
  });

  app.post(
    '/api/codings',
    bodyLimit({ maxSize: MAX_BODY, onError: () => json({ error: `body: at most ${MAX_BODY / 1024} KB` }, 413) }),
    async (c) => {
      if (!/^application\/json\s*(?:;|$)/iu.test(c.req.header('content-type') ?? '')) throw new HttpError(415, 'body: send JSON, with Content-Type: application/json');
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        throw new HttpError(400, 'body: not valid JSON');
      }
      const request = codingRequest(body);
      await knownArticle(request.article);
      const snapshot = await cache.get();
      knownProposition(snapshot, request.proposition);
      const statement = snapshot.statements.find((s) => s.articleId === request.article && s.proposition === request.proposition && s.start === request.start && s.end === request.end);
      if (statement === undefined) {
        throw new HttpError(400, `start, end: no statement on ${request.proposition} at ${request.start}-${request.end} in article ${request.article} (see /api/statements?article=${request.article})`);
      }
      const id = await store.addCoding({
        article: request.article,
        proposition: request.proposition,
        start: request.start,
        end: request.end,
        coder: request.coder,
        polarity: request.polarity,
        actorKey: null,
        note: request.note ?? null,
      });
      const after = await cache.get();
      return json({ id, positions: after.positions.filter((x) => x.proposition === request.proposition) } satisfies CodingResponse, 201);
    },
  );

  /** The figure filters of /api/stats, /api/stats/same and /api/stats/series. */
  const statisticFilter = (p: Query): StatisticPageFilter => ({
    kind: p.oneOf('kind', STATISTIC_KINDS),
    verdict: p.oneOf('verdict', VERDICTS),
    source: p.text('source'),
    article: p.text('article'),
    all: p.flag('all'),
    ...scope(p),
  });

  app.get('/api/stats', async (c) => {
    const p = query(c);
    const filter = { ...statisticFilter(p), limit: p.limit(PAGE), offset: p.offset() };
    const format = p.format();
    await knownArticle(filter.article);
    const { rows, total } = await store.pageStatistics(filter);
    if (format === 'csv') return csv('stats', STATISTIC_COLUMNS, rows);
    return json({ rows, total, limit: filter.limit, offset: filter.offset } satisfies Page<StatisticRow>);
  });

  app.get('/api/stats/same', async (c) => {
    const p = query(c);
    // The same figure is the same whatever its arithmetic: a verdict does not narrow it.
    const filter = { ...statisticFilter(p), verdict: undefined };
    const limit = p.limit(PAGE);
    const offset = p.offset();
    const format = p.format();
    await knownArticle(filter.article);
    const once = await dedupe(p);
    const groups = await cache.derived(`same\u0000${once}\u0000${JSON.stringify(filter)}`, async () => sameFigures(await counted((await store.pageStatistics(filter)).rows, once)));
    const list: SameList = groups.slice(offset, offset + limit);
    if (format === 'csv') return csvOf('same', SAME_HEADER, sameRows(list, offset + 1));
    return json(list);
  });

  app.get('/api/stats/series', async (c) => {
    const p = query(c);
    const filter = statisticFilter(p);
    const limit = p.limit(PAGE);
    const offset = p.offset();
    const format = p.format();
    await knownArticle(filter.article);
    const once = await dedupe(p);
    const all = await cache.derived(`series\u0000${once}\u0000${JSON.stringify(filter)}`, async () => series(await counted((await store.pageStatistics(filter)).rows, once)));
    const list: SeriesList = all.slice(offset, offset + limit);
    if (format === 'csv') return csvOf('series', SERIES_HEADER, seriesRows(list, offset + 1));
    return json(list);
  });

  /** A query or pattern that cannot be read is the client's: a 400 naming the parameter, with the reason. */
  const readable = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof QueryError) throw new HttpError(400, `${name}: ${error.message}`);
      throw error;
    }
  };

  app.get('/api/search', async (c) => {
    const p = query(c);
    const q = p.text('q');
    const options = { outlet: p.text('outlet'), from: p.date('from'), to: p.date('to'), actor: p.text('actor'), limit: p.limit(SEARCH_PAGE), offset: p.offset() };
    const format = p.format();
    if (q === undefined) throw new HttpError(400, 'q: required, the words to search for');
    const { rows, total } = await readable('q', () => search(store, { query: q, ...options }));
    if (format === 'csv') return csv('search', SEARCH_COLUMNS, rows);
    return json({ rows, total, limit: options.limit, offset: options.offset } satisfies SearchPage);
  });

  app.get('/api/kwic', async (c) => {
    const p = query(c);
    const pattern = p.text('pattern');
    const options = {
      width: p.integer('width', DEFAULT_WIDTH, 1, MAX_WIDTH),
      sentence: p.flag('sentence'),
      sort: p.oneOf('sort', KWIC_SORTS),
      outlet: p.text('outlet'),
      from: p.date('from'),
      to: p.date('to'),
      limit: p.limit(PAGE),
      offset: p.offset(),
    };
    const format = p.format();
    if (pattern === undefined) throw new HttpError(400, 'pattern: required, the words to find (a * ending the last for a prefix)');
    const { rows, total, articles } = await readable('pattern', () => kwic(store, { pattern, ...options }));
    if (format === 'csv') return csv('kwic', KWIC_COLUMNS, rows);
    return json({ rows, total, articles, limit: options.limit, offset: options.offset } satisfies KwicPage);
  });

  app.get('*', async (c) => {
    if (isApiPath(c.req.path)) return json({ error: `no API route GET ${c.req.path}` }, 404);
    return serveStatic(new URL(c.req.url).pathname, options.webRoot);
  });

  app.notFound((c) => refuse(c, 404, isApiPath(c.req.path) ? `no API route ${c.req.method} ${c.req.path}` : 'not found'));

  app.onError((error, c) => {
    if (error instanceof HttpError) return json({ error: error.message }, error.status);
    // The store's own complaint about a request: a full-text query it cannot read.
    if (error instanceof StoreError) return json({ error: `q: ${error.message}` }, 400);
    console.error(`verbatim serve: ${c.req.method} ${c.req.path} failed:`, error);
    return json({ error: 'the server failed on this request (its console says why)' }, 500);
  });

  return app;
}
