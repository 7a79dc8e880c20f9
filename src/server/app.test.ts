import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCorpus } from '../analyze/analyze-corpus.js';
import { runCli } from '../cli/run-cli.js';
import { MIGRATIONS } from '../store/migrations.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { parseCsv } from '../../test/helpers/csv.js';
import type { ArticleRow, QuoteRow, StatisticRow, Store } from '../store/store.js';
import type { ActorList, ActorView, ArticleView, CodingResponse, Overview, Page, SameList, SeriesList, StancesView, StatementList } from './api-types.js';
import { createApp } from './app.js';
import { CONTENT_SECURITY_POLICY } from './security.js';
import { ServeError, startServer } from './serve.js';
import { NOT_BUILT } from './static.js';
import type { KwicPage, SearchPage } from './api-types.js';
import { KWIC_COLUMNS, SEARCH_COLUMNS } from '../search/columns.js';

const TOKEN = 'test-token-4f9a';
const POLICE = 'organisation:wessex vale police';
const PROPOSITION = 'police-work-with-hunters';

let dir = '';
let dbPath = '';
let store: Store;
let app: Hono;
let webApp: Hono;
let tokenApp: Hono;
let webRoot = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'verbatim-server-'));
  dbPath = path.join(dir, 'corpus.db');
  store = openSqliteStore(dbPath);
  await analyzeCorpus(['examples/corpus'], store, { propositions: 'examples/propositions.yaml' });
  // A built web app, with a secret beside it and a link out of it.
  webRoot = path.join(dir, 'web', 'dist');
  mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>verbatim</title><div id="app"></div>');
  writeFileSync(path.join(webRoot, 'assets', 'app-1234.js'), 'console.log("app");');
  writeFileSync(path.join(webRoot, 'assets', 'app-1234.css'), 'body { color: black; }');
  writeFileSync(path.join(webRoot, '.env'), 'SECRET=dotfile');
  writeFileSync(path.join(dir, 'web', 'package.json'), '{"name": "secret-package"}');
  writeFileSync(path.join(dir, 'package.json'), '{"name": "secret-package"}');
  symlinkSync(path.join(dir, 'package.json'), path.join(webRoot, 'linked.json'));
  app = createApp(store, { webRoot: null, token: null });
  webApp = createApp(store, { webRoot, token: null });
  tokenApp = createApp(store, { webRoot, token: TOKEN });
}, 120_000);

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get<T>(route: string, on: Hono = app): Promise<T> {
  const response = await on.request(route);
  expect(response.status, `${route}: ${response.status}`).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return (await response.json()) as T;
}

/** The status and `error` of a failed API request. */
async function failure(route: string, init?: RequestInit, on: Hono = app): Promise<{ status: number; error: string }> {
  const response = await on.request(route, init);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const body = (await response.json()) as { error?: unknown };
  expect(typeof body.error).toBe('string');
  return { status: response.status, error: String(body.error) };
}

async function csvOf(route: string): Promise<string[][]> {
  const response = await app.request(route);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  return parseCsv(await response.text());
}

const postCoding = async (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  await app.request('/api/codings', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('GET /api/overview', () => {
  it('gives totals, articles per month, top speakers and organisations, the inconsistent figure, propositions and outlets', async () => {
    const o = await get<Overview>('/api/overview');
    expect(o.totals.articles).toBe(19);
    expect(o.perMonth.reduce((n, m) => n + m.articles, 0)).toBe(o.totals.articles);
    expect(o.perMonth.at(-1)?.month).toBe('undated');
    for (const m of o.perMonth.slice(0, -1)) expect(m.month).toMatch(/^\d{4}-\d{2}$/u);
    expect(o.perMonth.map((m) => m.month)).toEqual([...o.perMonth.map((m) => m.month)].sort((a, b) => (a === 'undated' ? 1 : b === 'undated' ? -1 : a.localeCompare(b))));
    expect(o.topSpeakers.length).toBeGreaterThan(3);
    expect(o.topSpeakers.every((s) => s.type === 'person' && s.key.startsWith('person:') && s.quotes > 0)).toBe(true);
    expect(o.topSpeakers.map((s) => s.quotes)).toEqual([...o.topSpeakers.map((s) => s.quotes)].sort((a, b) => b - a));
    expect(o.topOrganisations.map((s) => s.key)).toContain(POLICE);
    expect(o.topOrganisations.find((s) => s.key === POLICE)?.name).toBe('Wessex Vale Police');
    expect(o.inconsistent.map((f) => f.text)).toContain('61 per cent (45 of 90)');
    expect(o.inconsistent.every((f) => f.verdict === 'inconsistent')).toBe(true);
    expect(o.propositions.map((p) => p.id)).toEqual([PROPOSITION]);
    expect(o.outlets).toContain('Harbridge Herald');
  });

  it('counts the speakers as the actor pages do', async () => {
    const o = await get<Overview>('/api/overview');
    for (const s of o.topSpeakers.slice(0, 3)) {
      const view = await get<ActorView>(`/api/actors/${encodeURIComponent(s.key)}`);
      expect(view.quotes.length).toBe(s.quotes);
    }
  });
});

describe('dedupe=1: each near-duplicate group counted once', () => {
  it('gives the groups on the overview, and counts with the later copy left out', async () => {
    const all = await get<Overview>('/api/overview');
    expect(all.nearDuplicates).toMatchObject({ grouped: true, stale: false, groups: 1, copies: 1 });
    expect(all.dedupe).toBe(false);
    const once = await get<Overview>('/api/overview?dedupe=1');
    expect(once.dedupe).toBe(true);
    expect(once.totals.articles).toBe(all.totals.articles - 1);
    expect(once.perMonth.reduce((n, m) => n + m.articles, 0)).toBe(once.totals.articles);
    const quotes = (o: Overview): number => [...o.topSpeakers, ...o.topOrganisations].reduce((n, x) => n + x.quotes, 0);
    expect(quotes(once)).toBeLessThan(quotes(all));
    // The overview's counts agree with the actor pages under the same switch.
    for (const x of once.topSpeakers.slice(0, 3)) {
      const view = await get<ActorView>(`/api/actors/${encodeURIComponent(x.key)}?dedupe=1`);
      expect(view.quotes.length).toBe(x.quotes);
    }
  });

  it('leaves the copy out of actors, positions, statements and the same figure across articles', async () => {
    const copy = (await store.nearDuplicateCopies())[0] ?? '';
    expect(copy).not.toBe('');
    const actors = await get<ActorList>('/api/actors?limit=1000&dedupe=1');
    expect(actors.length).toBeGreaterThan(0);
    expect(actors.some((i) => i.members.some((m) => m.articleId === copy))).toBe(false);
    expect((await get<ActorList>('/api/actors?limit=1000')).some((i) => i.members.some((m) => m.articleId === copy))).toBe(true);
    const statements = await get<StatementList>('/api/statements?dedupe=1');
    expect(statements.some((t) => t.articleId === copy)).toBe(false);
    const own = (v: StancesView): number => v.positions.reduce((n, x) => n + x.support + x.oppose + x.neutral, 0);
    const inCopy = (await get<StatementList>(`/api/statements?article=${copy}`)).filter((t) => t.actor !== null).length;
    expect(own(await get<StancesView>('/api/stances')) - own(await get<StancesView>('/api/stances?dedupe=1'))).toBe(inCopy);
    expect((await get<SameList>('/api/stats/same')).some((g) => g.members.some((f) => f.articleId === copy))).toBe(true);
    expect((await get<SameList>('/api/stats/same?dedupe=1')).some((g) => g.members.some((f) => f.articleId === copy))).toBe(false);
    expect(await failure('/api/overview?dedupe=maybe')).toEqual({ status: 400, error: 'dedupe: takes true or false, not "maybe"' });
  });

  it('answers 409 when the near-duplicates were never grouped', async () => {
    const ungrouped = openSqliteStore(path.join(dir, 'ungrouped.db'));
    try {
      await analyzeCorpus(['examples/corpus/wire'], ungrouped, { nearDuplicates: false });
      const bare = createApp(ungrouped, { webRoot: null, token: null });
      expect((await get<Overview>('/api/overview', bare)).nearDuplicates.grouped).toBe(false);
      for (const route of ['/api/overview?dedupe=1', '/api/actors?dedupe=1', '/api/stances?dedupe=1', '/api/stats/series?dedupe=1']) {
        const refused = await failure(route, undefined, bare);
        expect(refused.status, route).toBe(409);
        expect(refused.error).toContain("run 'verbatim articles same'");
      }
    } finally {
      await ungrouped.close();
    }
  });
});

describe('GET /api/articles', () => {
  it('pages the articles with the total', async () => {
    const all = await get<Page<ArticleRow>>('/api/articles?limit=1000');
    expect(all.total).toBe(19);
    expect(all.rows).toHaveLength(19);
    const first = await get<Page<ArticleRow>>('/api/articles?limit=5');
    const second = await get<Page<ArticleRow>>('/api/articles?limit=5&offset=5');
    expect([first.limit, first.offset, second.offset, second.total]).toEqual([5, 0, 5, 19]);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(all.rows.slice(0, 10).map((r) => r.id));
  });

  it('filters by outlet, dates and full text, counting what matches', async () => {
    const herald = await get<Page<ArticleRow>>('/api/articles?outlet=harbridge%20herald');
    expect(herald.total).toBeGreaterThan(0);
    expect(herald.rows.every((r) => r.outlet === 'Harbridge Herald')).toBe(true);
    const dated = await get<Page<ArticleRow>>('/api/articles?from=2024-01&to=2024-05');
    expect(dated.total).toBe(dated.rows.length);
    expect(dated.rows.every((r) => r.published !== null && r.published >= '2024-01' && r.published.slice(0, 7) <= '2024-05')).toBe(true);
    const hunters = await get<Page<ArticleRow>>('/api/articles?q=hunter&limit=2');
    expect(hunters.rows).toHaveLength(2);
    expect(hunters.total).toBeGreaterThan(2);
  });

  it('gives the same rows as CSV', async () => {
    const page = await get<Page<ArticleRow>>('/api/articles?limit=7&offset=3');
    const [header, ...rows] = await csvOf('/api/articles?limit=7&offset=3&format=csv');
    expect(header?.slice(0, 3)).toEqual(['id', 'published', 'outlet']);
    expect(rows.map((r) => r[0])).toEqual(page.rows.map((r) => r.id));
  });

  it('refuses bad parameters with a 400 naming them', async () => {
    expect(await failure('/api/articles?from=2024-13')).toEqual({ status: 400, error: expect.stringMatching(/^from: /u) as unknown });
    expect(await failure('/api/articles?to=yesterday')).toEqual({ status: 400, error: expect.stringMatching(/^to: /u) as unknown });
    expect(await failure('/api/articles?limit=-1')).toEqual({ status: 400, error: expect.stringMatching(/^limit: /u) as unknown });
    expect(await failure('/api/articles?limit=100001')).toEqual({ status: 400, error: expect.stringMatching(/^limit: /u) as unknown });
    expect(await failure('/api/articles?offset=1.5')).toEqual({ status: 400, error: expect.stringMatching(/^offset: /u) as unknown });
    expect(await failure('/api/articles?format=xml')).toEqual({ status: 400, error: expect.stringMatching(/^format: /u) as unknown });
    expect(await failure('/api/articles?q=%22unbalanced')).toEqual({ status: 400, error: expect.stringMatching(/^q: /u) as unknown });
    expect(await failure(`/api/articles?outlet=${'x'.repeat(501)}`)).toEqual({ status: 400, error: expect.stringMatching(/^outlet: /u) as unknown });
  });
});

describe('GET /api/articles/:id', () => {
  it('gives the whole document, as JSON only, with identity keys for its actors', async () => {
    const { rows } = await get<Page<ArticleRow>>('/api/articles?limit=100');
    const id = rows.find((r) => r.title !== null)?.id ?? '';
    const response = await app.request(`/api/articles/${id}`, { headers: { Accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const body = await response.text();
    expect(body).not.toContain('<');
    const view = JSON.parse(body) as ArticleView;
    expect(view.document.id).toBe(id);
    expect(view.document.text.length).toBeGreaterThan(100);
    expect(view.document.tokens.length).toBeGreaterThan(0);
    expect(Object.keys(view.actorKeys).sort()).toEqual(view.document.actors.map((a) => a.id).sort());
    for (const actor of view.document.actors) expect(view.actorKeys[actor.id]).toMatch(/^(?:person|organisation|unknown):/u);
  });

  it('links the actors to pages that exist', async () => {
    const o = await get<Overview>('/api/overview');
    const articleId = o.inconsistent[0]?.articleId ?? '';
    const view = await get<ArticleView>(`/api/articles/${articleId}`);
    for (const key of Object.values(view.actorKeys)) await get<ActorView>(`/api/actors/${encodeURIComponent(key)}`);
  });

  it('answers an unknown article with a 404', async () => {
    expect(await failure('/api/articles/a000000000000000')).toEqual({ status: 404, error: 'no article "a000000000000000"' });
  });
});

describe('GET /api/quotes', () => {
  it('pages quotes with the total, in the order of verbatim quotes', async () => {
    const everything = await store.listQuotes({ limit: 100_000 });
    const page = await get<Page<QuoteRow>>('/api/quotes?limit=10&offset=20');
    expect(page.total).toBe(everything.length);
    expect([page.limit, page.offset]).toEqual([10, 20]);
    expect(page.rows).toEqual(everything.slice(20, 30));
    const none = await get<Page<QuoteRow>>('/api/quotes?limit=0');
    expect(none.rows).toEqual([]);
    expect(none.total).toBe(everything.length);
  });

  it('sorts by each column either way, rows without the value last, the pages adding up to the whole', async () => {
    const total = (await get<Page<QuoteRow>>('/api/quotes?limit=0')).total;
    const value: Record<string, (q: QuoteRow) => string | null> = {
      published: (q) => q.published,
      speaker: (q) => q.actor?.name ?? q.speaker,
      organisation: (q) => q.organisation,
      kind: (q) => q.kind,
    };
    for (const sort of Object.keys(value)) {
      for (const dir of ['asc', 'desc']) {
        const whole = await get<Page<QuoteRow>>(`/api/quotes?sort=${sort}&dir=${dir}&limit=1000`);
        expect(whole.rows).toHaveLength(total);
        const values = whole.rows.map((q) => value[sort]?.(q) ?? null);
        const present = values.filter((v): v is string => v !== null).map((v) => v.toLowerCase());
        expect(values.slice(present.length).every((v) => v === null), `${sort} ${dir}: rows without a value come last`).toBe(true);
        const sorted = [...present].sort();
        expect(present, `${sort} ${dir}`).toEqual(dir === 'asc' ? sorted : sorted.reverse());
        const ids = whole.rows.map((q) => `${q.articleId}:${q.id}`);
        const pages: QuoteRow[] = [];
        for (let offset = 0; offset < total; offset += 17) pages.push(...(await get<Page<QuoteRow>>(`/api/quotes?sort=${sort}&dir=${dir}&limit=17&offset=${offset}`)).rows);
        expect(pages.map((q) => `${q.articleId}:${q.id}`), `${sort} ${dir} pages`).toEqual(ids);
        // Pages ending past the first thousand rows are read another way (counted by value): the same rows.
        for (const offset of [11, 40, 77, total - 3]) {
          const deep = await get<Page<QuoteRow>>(`/api/quotes?sort=${sort}&dir=${dir}&limit=995&offset=${offset}`);
          expect(deep.total).toBe(total);
          expect(deep.rows.map((q) => `${q.articleId}:${q.id}`), `${sort} ${dir} from ${offset}`).toEqual(ids.slice(offset));
        }
      }
    }
  });

  it('filters by speaker, organisation, kind, article, outlet, dates and text', async () => {
    const holloway = await get<Page<QuoteRow>>('/api/quotes?speaker=Holloway');
    expect(holloway.total).toBeGreaterThan(0);
    expect(holloway.rows.every((q) => /holloway/iu.test(`${q.actor?.name ?? ''} ${q.speaker ?? ''}`))).toBe(true);
    const police = await get<Page<QuoteRow>>('/api/quotes?org=police&kind=direct');
    expect(police.total).toBeGreaterThan(0);
    expect(police.rows.every((q) => q.kind === 'direct' && /police/iu.test(q.organisation ?? ''))).toBe(true);
    const article = holloway.rows[0]?.articleId ?? '';
    const one = await get<Page<QuoteRow>>(`/api/quotes?article=${article}`);
    expect(one.rows.every((q) => q.articleId === article)).toBe(true);
    expect(one.total).toBe((await store.listQuotes({ article })).length);
    const herald = await get<Page<QuoteRow>>('/api/quotes?outlet=Harbridge%20Herald');
    expect(herald.total).toBeGreaterThan(0);
    expect(herald.rows.every((q) => q.outlet === 'Harbridge Herald')).toBe(true);
    const dated = await get<Page<QuoteRow>>('/api/quotes?from=2024&to=2024-06');
    expect(dated.total).toBeGreaterThan(0);
    expect(dated.rows.every((q) => q.published !== null && q.published >= '2024' && q.published <= '2024-06-31')).toBe(true);
    const text = await get<Page<QuoteRow>>('/api/quotes?q=pilot');
    expect(text.total).toBeGreaterThan(0);
    expect(text.total).toBeLessThan((await get<Page<QuoteRow>>('/api/quotes?limit=0')).total);
  });

  it('gives the same rows as CSV: the header, then one record per row of the JSON page', async () => {
    const page = await get<Page<QuoteRow>>('/api/quotes?sort=speaker&limit=25&offset=5');
    const [header, ...rows] = await csvOf('/api/quotes?sort=speaker&limit=25&offset=5&format=csv');
    expect(header).toEqual(['article_id', 'quote_id', 'published', 'outlet', 'kind', 'speaker', 'actor', 'actor_type', 'organisation', 'cue', 'content', 'start', 'end', 'rule', 'confidence', 'actor_rule', 'title']);
    expect(rows).toHaveLength(page.rows.length);
    expect(rows.map((r) => `${r[0]}:${r[1]}`)).toEqual(page.rows.map((q) => `${q.articleId}:${q.id}`));
    expect(rows.map((r) => r[10])).toEqual(page.rows.map((q) => q.content));
  });

  it('refuses bad parameters with a 400 naming them, and an unknown article with a 404', async () => {
    for (const [query, name] of [['sort=date', 'sort'], ['dir=up', 'dir'], ['kind=term', 'kind'], ['limit=x', 'limit'], ['from=2024-1', 'from'], ['q=%22open', 'q'], ['q=nocolumn%3Aword', 'q']] as const) {
      expect(await failure(`/api/quotes?${query}`)).toEqual({ status: 400, error: expect.stringMatching(new RegExp(`^${name}: `, 'u')) as unknown });
    }
    expect((await failure('/api/quotes?article=nope')).status).toBe(404);
  });
});

describe('GET /api/actors and /api/actors/:key', () => {
  it('lists identities, most articles first, filtered by name and type', async () => {
    const list = await get<ActorList>('/api/actors');
    expect(list.length).toBeGreaterThan(10);
    expect(list.map((i) => i.articles)).toEqual([...list.map((i) => i.articles)].sort((a, b) => b - a));
    const orgs = await get<ActorList>('/api/actors?type=organisation&limit=3');
    expect(orgs).toHaveLength(3);
    expect(orgs.every((i) => i.type === 'organisation')).toBe(true);
    const named = await get<ActorList>('/api/actors?name=wessex%20vale');
    expect(named.map((i) => i.key)).toContain(POLICE);
    const [header, ...rows] = await csvOf('/api/actors?type=organisation&limit=3&format=csv');
    expect(header?.[0]).toBe('key');
    expect(rows.map((r) => r[0])).toEqual(orgs.map((i) => i.key));
    expect((await failure('/api/actors?type=robot')).error).toMatch(/^type: /u);
  });

  it("gives an actor's page: identity, quotes, positions, statements and articles", async () => {
    const view = await get<ActorView>(`/api/actors/${encodeURIComponent(POLICE)}`);
    expect(view.identity.key).toBe(POLICE);
    expect(view.identity.name).toBe('Wessex Vale Police');
    expect(view.positions.length).toBeGreaterThan(0);
    expect(view.positions.every((p) => p.actorKey === POLICE && p.window === 'all')).toBe(true);
    expect(view.positions.find((p) => p.proposition === PROPOSITION)?.position).toBe('mixed');
    expect(view.statements.length).toBeGreaterThan(0);
    expect(view.statements.every((s) => s.actor?.key === POLICE || s.via.some((v) => v.key === POLICE))).toBe(true);
    expect(view.quotes.length).toBe(view.identity.quotes);
    expect(view.quotes.every((q) => view.identity.members.some((m) => m.articleId === q.articleId && m.actorId === q.actor?.id))).toBe(true);
    expect(view.articles.map((a) => a.id).sort()).toEqual([...new Set(view.identity.members.map((m) => m.articleId))].sort());
  });

  it('answers an unknown actor with a 404', async () => {
    expect(await failure(`/api/actors/${encodeURIComponent('person:nobody at all')}`)).toEqual({ status: 404, error: 'no actor "person:nobody at all"' });
  });
});

describe('GET /api/stances and /api/statements', () => {
  it('gives propositions and positions, and positions per window when asked', async () => {
    const view = await get<StancesView>('/api/stances');
    expect(view.propositions).toEqual([{ id: PROPOSITION, text: expect.stringContaining('paedophile hunter') as unknown }]);
    expect(view.positions.length).toBeGreaterThan(5);
    expect(view.positions.every((p) => p.window === 'all' && p.proposition === PROPOSITION)).toBe(true);
    expect(view.windows).toEqual([]);
    const matrix = new Map(view.positions.map((p) => [p.actorName, p.position]));
    expect(matrix.get('Kestrel Child Safety Trust')).toBe('oppose');
    expect(matrix.get('Tom Fairweather')).toBe('support');
    expect(matrix.get('Wessex Vale Police')).toBe('mixed');
    const byYear = await get<StancesView>(`/api/stances?proposition=${PROPOSITION}&by=year`);
    expect(byYear.positions).toEqual(view.positions);
    expect(byYear.windows.length).toBeGreaterThan(0);
    expect(byYear.windows.every((p) => p.window === 'undated' || /^\d{4}$/u.test(p.window))).toBe(true);
    const [header, ...rows] = await csvOf('/api/stances?by=year&format=csv');
    expect(header?.slice(0, 6)).toEqual(['proposition', 'actor_key', 'actor', 'type', 'window', 'position']);
    expect(rows).toHaveLength(byYear.windows.length);
    expect((await failure('/api/stances?proposition=nope')).error).toMatch(/^proposition: no proposition "nope"/u);
    expect((await failure('/api/stances?by=week')).error).toMatch(/^by: /u);
  });

  it('lists statements by proposition, actor and article', async () => {
    const all = await get<StatementList>('/api/statements');
    expect(all.length).toBeGreaterThan(10);
    const police = await get<StatementList>(`/api/statements?actor=${encodeURIComponent(POLICE)}&proposition=${PROPOSITION}`);
    expect(police.length).toBeGreaterThan(0);
    expect(police.length).toBeLessThan(all.length);
    const article = all[0]?.articleId ?? '';
    const one = await get<StatementList>(`/api/statements?article=${article}`);
    expect(one.every((s) => s.articleId === article)).toBe(true);
    expect(await get<StatementList>('/api/statements?limit=3&offset=2')).toEqual(all.slice(2, 5));
    const [header, ...rows] = await csvOf('/api/statements?format=csv');
    expect(header?.[0]).toBe('statement');
    expect(rows).toHaveLength(all.length);
    expect((await failure('/api/statements?actor=person%3Anobody')).status).toBe(404);
    expect((await failure('/api/statements?article=nope')).status).toBe(404);
    expect((await failure('/api/statements?polarity=maybe')).error).toMatch(/^polarity: /u);
  });
});

describe('GET /api/stats, /api/stats/same, /api/stats/series', () => {
  it('pages figures, inconsistent first, with filters and CSV', async () => {
    const page = await get<Page<StatisticRow>>('/api/stats?limit=5');
    expect(page.total).toBeGreaterThan(5);
    expect(page.rows[0]?.verdict).toBe('inconsistent');
    expect(page.rows[0]?.text).toBe('61 per cent (45 of 90)');
    const whole = await get<Page<StatisticRow>>('/api/stats?limit=1000');
    expect(whole.rows).toHaveLength(whole.total);
    const key = (f: StatisticRow): string => `${f.articleId}:${f.id}`;
    expect(whole.rows.map(key).sort()).toEqual((await store.listStatistics({})).map(key).sort());
    const firstConsistent = whole.rows.findIndex((f) => f.verdict !== 'inconsistent');
    expect(whole.rows.slice(firstConsistent).every((f) => f.verdict !== 'inconsistent')).toBe(true);
    expect(whole.rows.some((f) => f.kind === 'age')).toBe(false);
    const pages: StatisticRow[] = [];
    for (let offset = 0; offset < whole.total; offset += 4) pages.push(...(await get<Page<StatisticRow>>(`/api/stats?limit=4&offset=${offset}`)).rows);
    expect(pages).toEqual(whole.rows);
    const shares = await get<Page<StatisticRow>>('/api/stats?kind=share&verdict=consistent');
    expect(shares.rows.every((f) => f.kind === 'share' && f.verdict === 'consistent')).toBe(true);
    const [header, ...rows] = await csvOf('/api/stats?limit=5&format=csv');
    expect(header?.slice(0, 6)).toEqual(['article', 'id', 'published', 'outlet', 'kind', 'verdict']);
    expect(rows.map((r) => r[6])).toEqual(page.rows.map((f) => f.text));
    expect((await failure('/api/stats?kind=height')).error).toMatch(/^kind: /u);
    expect((await failure('/api/stats?verdict=wrong')).error).toMatch(/^verdict: /u);
    expect((await failure('/api/stats?all=maybe')).error).toMatch(/^all: /u);
  });

  it('gives the same figure across articles and series', async () => {
    const same = await get<SameList>('/api/stats/same');
    for (const group of same) expect(group.articles).toBeGreaterThanOrEqual(2);
    const series = await get<SeriesList>('/api/stats/series');
    for (const s of series) expect(new Set(s.points.map((p) => p.year)).size).toBeGreaterThanOrEqual(2);
    const [header, ...rows] = await csvOf('/api/stats/series?format=csv');
    expect(header?.[0]).toBe('series');
    expect(rows).toHaveLength(series.reduce((n, s) => n + s.points.length, 0));
  });
});

describe('POST /api/codings', () => {
  it('stores a coding and returns the positions it changed', async () => {
    const stances = await get<StancesView>('/api/stances');
    const target = stances.positions.find((p) => p.position === 'neutral' && p.neutral === 1 && p.support + p.oppose + p.viaSupport + p.viaOppose + p.viaNeutral === 0);
    expect(target).toBeDefined();
    const [statement] = await get<StatementList>(`/api/statements?actor=${encodeURIComponent(target?.actorKey ?? '')}&proposition=${PROPOSITION}`);
    expect(statement).toBeDefined();
    const response = await postCoding({ article: statement?.articleId, proposition: PROPOSITION, start: statement?.start, end: statement?.end, polarity: 'support', coder: ' ana ', note: 'checked' });
    expect(response.status).toBe(201);
    const body = (await response.json()) as CodingResponse;
    expect(body.id).toBeGreaterThan(0);
    expect(body.positions.find((p) => p.actorKey === target?.actorKey)?.position).toBe('support');
    const after = await get<StancesView>('/api/stances');
    expect(after.positions.find((p) => p.actorKey === target?.actorKey)?.position).toBe('support');
    const [coded] = await get<StatementList>(`/api/statements?actor=${encodeURIComponent(target?.actorKey ?? '')}&proposition=${PROPOSITION}`);
    expect(coded?.coder).toBe('ana');
    expect(coded?.polarity).toBe('support');
    expect((await store.codings({})).at(-1)).toMatchObject({ coder: 'ana', note: 'checked', polarity: 'support' });
  });

  it('refuses a coding that is not whole, by the machine, or of no statement', async () => {
    const [statement] = await get<StatementList>(`/api/statements?proposition=${PROPOSITION}&limit=1`);
    const good = { article: statement?.articleId, proposition: PROPOSITION, start: statement?.start, end: statement?.end, polarity: 'oppose', coder: 'ben' };
    const refused = async (body: unknown, headers?: Record<string, string>): Promise<{ status: number; error: string }> => {
      const response = await postCoding(body, headers);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      return { status: response.status, error: ((await response.json()) as { error: string }).error };
    };
    expect(await refused({ ...good, coder: undefined })).toEqual({ status: 400, error: expect.stringMatching(/^coder: /u) as unknown });
    expect(await refused({ ...good, coder: '   ' })).toEqual({ status: 400, error: expect.stringMatching(/^coder: /u) as unknown });
    expect(await refused({ ...good, coder: 'x'.repeat(81) })).toEqual({ status: 400, error: expect.stringMatching(/^coder: at most 80/u) as unknown });
    expect(await refused({ ...good, coder: 'machine' })).toEqual({ status: 400, error: expect.stringMatching(/^coder: "machine"/u) as unknown });
    expect(await refused({ ...good, polarity: 'mixed' })).toEqual({ status: 400, error: expect.stringMatching(/^polarity: /u) as unknown });
    expect(await refused({ ...good, start: -1 })).toEqual({ status: 400, error: expect.stringMatching(/^start: /u) as unknown });
    expect(await refused({ ...good, end: good.start })).toEqual({ status: 400, error: expect.stringMatching(/^end: /u) as unknown });
    expect(await refused({ ...good, end: (good.end ?? 0) + 1 })).toEqual({ status: 400, error: expect.stringMatching(/^start, end: no statement/u) as unknown });
    expect(await refused({ ...good, proposition: 'nope' })).toEqual({ status: 400, error: expect.stringMatching(/^proposition: /u) as unknown });
    expect(await refused({ ...good, article: 'a000000000000000' })).toEqual({ status: 404, error: expect.stringMatching(/^article: /u) as unknown });
    expect(await refused('{"article":')).toEqual({ status: 400, error: 'body: not valid JSON' });
    expect(await refused([good])).toEqual({ status: 400, error: expect.stringMatching(/^body: /u) as unknown });
    expect((await refused(good, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await refused(good, { Origin: 'https://elsewhere.example' })).status).toBe(403);
    expect((await refused(good, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await refused({ ...good, note: 'x'.repeat(70_000) })).status).toBe(413);
    expect((await store.codings({})).some((c) => c.coder === 'ben')).toBe(false);
  });
});

describe('security', () => {
  it('puts the Content Security Policy and the other headers on every response', async () => {
    const responses = [
      await app.request('/api/overview'),
      await app.request('/api/quotes?limit=x'),
      await app.request('/api/nothing-here'),
      await app.request('/'),
      await webApp.request('/'),
      await webApp.request('/assets/app-1234.js'),
      await webApp.request('/nope.png'),
      await tokenApp.request('/api/overview'),
      await postCoding('{'),
    ];
    for (const response of responses) {
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('answers unknown API routes and methods with JSON, never the web app', async () => {
    for (const [route, method] of [['/api/nothing-here', 'GET'], ['/api', 'GET'], ['/api/overview', 'POST'], ['/api/articles/x/y', 'GET']] as const) {
      const response = await webApp.request(route, { method });
      expect(response.status, route).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    }
  });

  it('answers only loopback names without a token', async () => {
    expect((await app.request('http://127.0.0.1:4173/api/overview')).status).toBe(200);
    expect((await app.request('http://[::1]:4173/api/overview')).status).toBe(200);
    const rebound = await app.request('http://attacker.example:4173/api/overview');
    expect(rebound.status).toBe(403);
    expect(((await rebound.json()) as { error: string }).error).toMatch(/only requests to 127\.0\.0\.1 or localhost/u);
  });

  it('requires the token when one is set: bearer header, or ?token= once, which sets a strict cookie', async () => {
    const bare = await tokenApp.request('/api/overview');
    expect(bare.status).toBe(401);
    expect(bare.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await tokenApp.request('/')).status).toBe(401);
    expect((await tokenApp.request('/api/overview', { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await tokenApp.request('/api/overview?token=wrong')).status).toBe(401);
    expect((await tokenApp.request('/api/overview', { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);

    const redirect = await tokenApp.request(`/quotes?speaker=Pike&token=${TOKEN}&limit=5`);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/quotes?speaker=Pike&limit=5');
    const cookie = redirect.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/u);
    expect(cookie).toMatch(/SameSite=Strict/u);
    expect(cookie).not.toContain(TOKEN);
    const pair = cookie.split(';')[0] ?? '';
    expect((await tokenApp.request('/api/overview', { headers: { Cookie: pair } })).status).toBe(200);
    expect((await tokenApp.request('/quotes', { headers: { Cookie: pair } })).status).toBe(200);
    expect((await tokenApp.request('/api/overview', { headers: { Cookie: `${pair.split('=')[0] ?? ''}=0000` } })).status).toBe(401);
    // The redirect never leaves the server, whatever the path.
    expect((await tokenApp.request(`//elsewhere.example/x?token=${TOKEN}`)).headers.get('location')).toBe('/elsewhere.example/x');
    // A token does not let another host's pages make changes.
    expect((await tokenApp.request('/api/codings', { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, Origin: 'https://elsewhere.example', 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(403);
  });
});

describe('static files', () => {
  it('serves the web app, with content types, and index.html for its routes', async () => {
    const index = await webApp.request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<div id="app">');
    const js = await webApp.request('/assets/app-1234.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await webApp.request('/assets/app-1234.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    for (const route of ['/quotes', '/actors/person%3Aandrew%20pike', '/articles/a1234?item=q3']) {
      const response = await webApp.request(route);
      expect(response.status, route).toBe(200);
      expect(await response.text()).toContain('<div id="app">');
    }
    expect((await webApp.request('/assets/missing.js')).status).toBe(404);
    const head = await webApp.request('/assets/app-1234.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('never serves a file outside the web root, however the path is written', async () => {
    const attempts = [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/package.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/..%2F..%2F..%2Fpackage.json',
      '/..%2fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/..%5cpackage.json',
      '/assets/..%5c..%5cpackage.json',
      '/.%2e/package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/%2fetc%2fpasswd',
      '/linked.json',
      '/.env',
      '/%2eenv',
      '/index.html%00.js',
      '/%00',
      '/assets/%E0%A4%A',
    ];
    for (const route of attempts) {
      for (const on of [webApp, app]) {
        const response = await on.request(route);
        expect(response.status, route).toBe(404);
        const body = await response.text();
        expect(body, route).not.toContain('secret-package');
        expect(body, route).not.toContain('SECRET=');
      }
    }
  });

  it('says how to build the web app when it is not built', async () => {
    const response = await app.request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe(NOT_BUILT);
    expect(NOT_BUILT).toContain('npm run build');
    const empty = createApp(store, { webRoot: path.join(dir, 'web'), token: null });
    expect(await (await empty.request('/')).text()).toBe(NOT_BUILT);
  });
});

describe('startServer', () => {
  it('serves over HTTP on a free port, refusing raw traversal paths', async () => {
    const server = await startServer({ dbPath, port: 0, host: '127.0.0.1', token: null, webRoot });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/u);
      const overview = (await (await fetch(`${server.url}api/overview`)).json()) as Overview;
      expect(overview.totals.articles).toBe(19);
      const raw = (rawPath: string): Promise<{ status: number; body: string }> =>
        new Promise((resolve, reject) => {
          const url = new URL(server.url);
          const req = httpRequest({ host: url.hostname, port: url.port, path: rawPath, method: 'GET' }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          });
          req.on('error', reject);
          req.end();
        });
      for (const rawPath of ['/../package.json', '/../../package.json', '/assets/../../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json']) {
        const { status, body } = await raw(rawPath);
        expect(status, rawPath).toBe(404);
        expect(body).not.toContain('secret-package');
      }
      expect((await raw('/assets/app-1234.js')).body).toContain('console.log');
    } finally {
      await server.close();
    }
  });

  it('refuses a host other than loopback without a token, and a missing database', async () => {
    await expect(startServer({ dbPath, port: 0, host: '0.0.0.0', token: null, webRoot: null })).rejects.toThrow(ServeError);
    await expect(startServer({ dbPath, port: 0, host: '0.0.0.0', webRoot: null })).rejects.toThrow(/without a token/u);
    await expect(startServer({ dbPath: path.join(dir, 'missing.db'), port: 0, host: '127.0.0.1', webRoot: null })).rejects.toThrow(/no database/u);
    const guarded = await startServer({ dbPath, port: 0, host: '0.0.0.0', token: TOKEN, webRoot: null });
    try {
      const port = new URL(guarded.url).port;
      expect((await fetch(`http://127.0.0.1:${port}/api/overview`)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${port}/api/overview`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});

describe('verbatim serve', () => {
  const run = async (argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), stderrIsTty: false });
    return { code, out, err };
  };

  it('has help, and refuses a missing database or a non-loopback host without a token', async () => {
    const help = await run(['serve', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--token');
    expect((await run(['--help'])).out).toMatch(/serve +the dashboard/u);
    const missing = await run(['serve', '--db', path.join(dir, 'missing.db')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no database at');
    const open = await run(['serve', '--db', dbPath, '--host', '0.0.0.0', '--port', '0']);
    expect(open.code).toBe(1);
    expect(open.err).toContain('without a token');
    expect((await run(['serve', '--db', dbPath, '--port', '70000'])).err).toContain('--port');
  });
});

describe('migration 5', () => {
  it('adds the dashboard indexes to a database of the schema before it', async () => {
    const file = path.join(dir, 'v4.db');
    const db = new BetterSqlite3(file);
    for (const step of MIGRATIONS.slice(0, 4)) step(db);
    db.pragma('user_version = 4');
    db.close();
    await openSqliteStore(file).close();
    const after = new BetterSqlite3(file, { readonly: true });
    try {
      expect(after.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      const names = (after.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name);
      expect(names).toEqual(expect.arrayContaining(['articles_date_order', 'quotes_article_start', 'quotes_speaker_order', 'statistics_article_start']));
    } finally {
      after.close();
    }
  });
});

describe('GET /api/search', () => {
  const documentOf = async (id: string): Promise<ArticleView['document']> => (await get<ArticleView>(`/api/articles/${id}`)).document;
  const words = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

  it('ranks the articles holding the phrase, with snippets and the offsets of every match in the text', async () => {
    const page = await get<SearchPage>(`/api/search?q=${encodeURIComponent('"paedophile hunter"')}&limit=100`);
    expect(page.total).toBeGreaterThan(3);
    expect(page.rows).toHaveLength(page.total);
    expect([page.limit, page.offset]).toEqual([100, 0]);
    expect(page.rows.map((r) => r.score)).toEqual([...page.rows.map((r) => r.score)].sort((a, b) => b - a));
    for (const row of page.rows) {
      const doc = await documentOf(row.id);
      expect(row.snippet).toBe(doc.text.slice(row.snippetStart, row.snippetStart + row.snippet.length));
      expect(row.matches.length).toBeGreaterThan(0);
      for (const m of row.matches) expect(words(doc.text.slice(m.start, m.end))).toBe('paedophile hunter');
      for (const m of row.marks) expect(words(row.snippet.slice(m.start, m.end))).toBe('paedophile hunter');
    }
  });

  it('filters by outlet, dates and actor, and pages', async () => {
    const all = await get<SearchPage>('/api/search?q=police&limit=100');
    const agency = await get<SearchPage>('/api/search?q=police&outlet=shire%20news%20agency&limit=100');
    expect(agency.total).toBeGreaterThan(0);
    expect(agency.total).toBeLessThan(all.total);
    expect(agency.rows.every((r) => r.outlet === 'Shire News Agency')).toBe(true);
    const dated = await get<SearchPage>('/api/search?q=police&from=2024-01&to=2024-06&limit=100');
    expect(dated.rows.every((r) => r.published !== null && r.published >= '2024-01' && r.published.slice(0, 7) <= '2024-06')).toBe(true);
    const holloway = await get<SearchPage>('/api/search?q=police&actor=holloway&limit=100');
    expect(holloway.total).toBeGreaterThan(0);
    for (const row of holloway.rows) expect((await documentOf(row.id)).actors.some((a) => /holloway/iu.test(a.name))).toBe(true);
    const second = await get<SearchPage>('/api/search?q=police&limit=3&offset=2');
    expect(second.total).toBe(all.total);
    expect(second.rows.map((r) => r.id)).toEqual(all.rows.slice(2, 5).map((r) => r.id));
  });

  it('gives the same rows as CSV, the snippet marked', async () => {
    const page = await get<SearchPage>('/api/search?q=hunt*&limit=4');
    const [header, ...rows] = await csvOf('/api/search?q=hunt*&limit=4&format=csv');
    expect(header).toEqual([...SEARCH_COLUMNS.header]);
    expect(rows.map((r) => r[0])).toEqual(page.rows.map((r) => r.id));
    expect(rows.every((r) => /«hunt/iu.test(r[SEARCH_COLUMNS.header.indexOf('snippet')] ?? ''))).toBe(true);
  });

  it('refuses a query it cannot read with a 400 naming q and saying why, and other bad parameters', async () => {
    const q = async (query: string): Promise<{ status: number; error: string }> => await failure(`/api/search?q=${encodeURIComponent(query)}`);
    expect(await failure('/api/search')).toEqual({ status: 400, error: 'q: required, the words to search for' });
    expect(await q('"paedophile hunter')).toEqual({ status: 400, error: 'q: the search query "\\"paedophile hunter" is not valid: the phrase opened by the " at character 1 is never closed; end it with another "' });
    for (const [query, reason] of [
      ['(police OR council', /the \( at character 1 is never closed/u],
      ['police)', /closes no \(/u],
      ['NOT police', /NOT at character 1 needs words before it/u],
      ['police AND', /AND at character 8 needs a word or phrase after it/u],
      ['NEAR(', /never closed/u],
      ['hunt**', /must follow a word/u],
      ['?!?', /only punctuation/u],
      ['police\u0007', /control character \(U\+0007\)/u],
    ] as const) {
      const { status, error } = await q(query);
      expect(status, query).toBe(400);
      expect(error).toMatch(/^q: the search query /u);
      expect(error).toMatch(reason);
    }
    expect(await q('x'.repeat(501))).toEqual({ status: 400, error: 'q: at most 500 characters' });
    expect((await failure('/api/search?q=police&from=2024-13')).error).toMatch(/^from: /u);
    expect((await failure('/api/search?q=police&limit=-1')).error).toMatch(/^limit: /u);
    expect((await failure('/api/search?q=police&format=xml')).error).toMatch(/^format: /u);
  });
});

describe('GET /api/kwic', () => {
  const documentOf = async (id: string): Promise<ArticleView['document']> => (await get<ArticleView>(`/api/articles/${id}`)).document;
  const route = (params: Record<string, string>): string => `/api/kwic?${new URLSearchParams(params).toString()}`;

  it('lists every occurrence with its context, each keyword exactly the text at its offsets', async () => {
    const page = await get<KwicPage>(route({ pattern: 'paedophile hunter*', limit: '1000' }));
    expect(page.total).toBeGreaterThanOrEqual(10);
    expect(page.rows).toHaveLength(page.total);
    expect(page.articles).toBe(new Set(page.rows.map((r) => r.articleId)).size);
    for (const row of page.rows) {
      const { text } = await documentOf(row.articleId);
      expect(row.keyword).toBe(text.slice(row.start, row.end));
      expect(row.left).toBe(text.slice(row.leftStart, row.start));
      expect(row.right).toBe(text.slice(row.end, row.rightEnd));
      expect(row.keyword.toLowerCase()).toMatch(/^paedophile\W+hunter/u);
      expect(row.left.length).toBeLessThanOrEqual(60);
    }
  });

  it('sorts by the words before or after the keyword, cuts contexts to the width, or gives the sentence', async () => {
    const lastWord = (text: string): string => text.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.at(-1) ?? '';
    const firstWord = (text: string): string => text.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.[0] ?? '';
    const left = await get<KwicPage>(route({ pattern: 'hunter groups', sort: 'left', limit: '1000' }));
    const befores = left.rows.map((r) => lastWord(r.left));
    expect(befores).toEqual([...befores].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const right = await get<KwicPage>(route({ pattern: 'hunter groups', sort: 'right', limit: '1000' }));
    const afters = right.rows.map((r) => firstWord(r.right));
    expect(afters).toEqual([...afters].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(right.total).toBe(left.total);
    const narrow = await get<KwicPage>(route({ pattern: 'hunter groups', width: '20' }));
    expect(narrow.rows.every((r) => r.left.length <= 20 && r.right.length <= 20)).toBe(true);
    const sentences = await get<KwicPage>(route({ pattern: 'hunter groups', sentence: 'true' }));
    expect(sentences.rows.some((r) => r.sentence !== null)).toBe(true);
    for (const row of sentences.rows) {
      if (row.sentence === null) continue;
      const doc = await documentOf(row.articleId);
      const s = doc.sentences.find((x) => x.id === row.sentence);
      expect(row.left + row.keyword + row.right).toBe(doc.text.slice(s?.start, s?.end));
    }
  });

  it('gives the same rows as CSV', async () => {
    const page = await get<KwicPage>(route({ pattern: 'police', outlet: 'shire news agency', limit: '10', offset: '3' }));
    const [header, ...rows] = await csvOf(route({ pattern: 'police', outlet: 'shire news agency', limit: '10', offset: '3', format: 'csv' }));
    expect(page.rows.length).toBeGreaterThan(0);
    expect(header).toEqual([...KWIC_COLUMNS.header]);
    expect(rows.map((r) => [r[0], r[4], Number(r[6])])).toEqual(page.rows.map((r) => [r.articleId, r.keyword, r.start]));
    expect(page.rows.every((r) => r.outlet === 'Shire News Agency')).toBe(true);
  });

  it('refuses a missing or unreadable pattern and bad parameters with a 400 naming them', async () => {
    expect(await failure('/api/kwic')).toEqual({ status: 400, error: 'pattern: required, the words to find (a * ending the last for a prefix)' });
    expect(await failure(route({ pattern: 'hunt*er' }))).toEqual({ status: 400, error: 'pattern: the pattern "hunt*er" is not valid: a * may only end the last word, as in paedophile hunt*' });
    expect((await failure(route({ pattern: '"hunter' }))).error).toMatch(/^pattern: the pattern "\\"hunter" is not valid/u);
    expect((await failure(route({ pattern: '...' }))).error).toMatch(/^pattern: .*no words/u);
    expect((await failure(route({ pattern: 'police', width: '0' }))).error).toMatch(/^width: takes a whole number from 1 to 500/u);
    expect((await failure(route({ pattern: 'police', width: 'wide' }))).error).toMatch(/^width: /u);
    expect((await failure(route({ pattern: 'police', sort: 'up' }))).error).toBe('sort: takes article, left, right, not "up"');
    expect((await failure(route({ pattern: 'police', sentence: 'maybe' }))).error).toMatch(/^sentence: takes true or false/u);
    expect((await failure(route({ pattern: 'p'.repeat(501) }))).error).toBe('pattern: at most 500 characters');
  });
});
