/**
 * `node dist/bench/load.js [--db file] [--corpus folder] [--rounds N]`: the
 * dashboard's API under use. Analyses a corpus (default
 * ../shared/corpora/bbc-2005, with the stances of
 * examples/bbc-2005-propositions.yaml) into a temporary database, or reuses
 * the database given with --db (analysing the corpus into it first when the
 * file does not exist yet); starts the server on a free port; requests every
 * API route over HTTP with a variety of parameters (pages, sorts, filters,
 * the top identities' pages, many articles), each route at least N times
 * (default 30), the routes taking turns; and prints per route the count and
 * the 50th and 95th percentile and maximum time in milliseconds.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Identity } from '../actors/identities.js';
import { analyzeCorpus } from '../analyze/analyze-corpus.js';
import type { ActorList, Overview, Page, StancesView, StatementList } from '../server/api-types.js';
import { startServer } from '../server/serve.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { ArticleRow } from '../store/store.js';

const DEFAULT_CORPUS = path.resolve('..', 'shared', 'corpora', 'bbc-2005');
const PROPOSITIONS = path.resolve('examples', 'bbc-2005-propositions.yaml');

interface Sample {
  ms: number;
  bytes: number;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
const enc = encodeURIComponent;

async function buildDatabase(corpus: string, dbPath: string): Promise<void> {
  if (!existsSync(corpus)) {
    throw new Error(`no corpus at ${corpus}: the load test needs ../shared/corpora/bbc-2005 (or name a folder with --corpus, or a database with --db)`);
  }
  const store = openSqliteStore(dbPath);
  try {
    const started = performance.now();
    const summary = await analyzeCorpus([corpus], store, existsSync(PROPOSITIONS) ? { propositions: PROPOSITIONS } : {});
    console.log(`analysed ${corpus}: ${summary.counts.stored + summary.counts.updated} articles stored in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { db: { type: 'string' }, corpus: { type: 'string' }, rounds: { type: 'string', default: '30' } },
  });
  const rounds = Number(values.rounds);
  if (!Number.isSafeInteger(rounds) || rounds < 1) throw new Error(`--rounds takes a whole number >= 1, not ${values.rounds}`);
  const corpus = path.resolve(values.corpus ?? DEFAULT_CORPUS);
  const work = values.db === undefined ? await mkdtemp(path.join(os.tmpdir(), 'verbatim-load-')) : null;
  const dbPath = values.db ?? path.join(work ?? '.', 'load.db');
  try {
    if (existsSync(dbPath)) console.log(`database ${dbPath} (reused)`);
    else await buildDatabase(corpus, dbPath);
    const server = await startServer({ dbPath, port: 0, host: '127.0.0.1', token: null, webRoot: null });
    try {
      await run(server.url.replace(/\/$/u, ''), rounds);
    } finally {
      await server.close();
    }
  } finally {
    if (work !== null) await rm(work, { recursive: true, force: true });
  }
}

async function run(base: string, rounds: number): Promise<void> {
  const fetchJson = async <T>(route: string): Promise<T> => {
    const response = await fetch(`${base}${route}`);
    if (!response.ok) throw new Error(`GET ${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const timed = async (route: string): Promise<Sample> => {
    const started = performance.now();
    const response = await fetch(`${base}${route}`);
    const body = await response.arrayBuffer();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${route}: ${response.status} ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
    return { ms, bytes: body.byteLength };
  };

  // The first requests build what the server keeps until the store changes: shown apart.
  const coldOverview = await timed('/api/overview');
  const coldActors = await timed('/api/actors?limit=20');
  console.log(`cold: first /api/overview ${coldOverview.ms.toFixed(1)} ms; first /api/actors (builds identities and positions) ${coldActors.ms.toFixed(1)} ms\n`);

  // What the corpus holds, for realistic parameters.
  const overview = await fetchJson<Overview>('/api/overview');
  const top: Identity[] = await fetchJson<ActorList>('/api/actors?limit=20');
  const articleTotal = overview.totals.articles;
  const articleIds: string[] = [];
  for (let i = 0; i < 50; i++) {
    const offset = Math.floor((i * articleTotal) / 50);
    const page = await fetchJson<Page<ArticleRow>>(`/api/articles?limit=1&offset=${offset}`);
    if (page.rows[0] !== undefined) articleIds.push(page.rows[0].id);
  }
  const quoteTotal = (await fetchJson<Page<unknown>>('/api/quotes?limit=0')).total;
  const statTotal = (await fetchJson<Page<unknown>>('/api/stats?limit=0')).total;
  const stances = await fetchJson<StancesView>('/api/stances');
  const propositions = stances.propositions.map((p) => p.id);
  const statements = await fetchJson<StatementList>('/api/statements');
  const speakers = [...new Set(statements.flatMap((s) => (s.actor === null ? [] : [s.actor.key])))].slice(0, 10);
  const deep = (total: number, limit: number): number[] => [0, limit, 10 * limit, Math.floor(total / 2), Math.max(0, total - limit)];

  const sorts = ['published', 'speaker', 'organisation', 'kind'];
  const quotes: string[] = [];
  for (const sort of sorts) for (const dir of ['asc', 'desc']) for (const offset of deep(quoteTotal, 50)) quotes.push(`/api/quotes?sort=${sort}&dir=${dir}&limit=50&offset=${offset}`);
  quotes.push('/api/quotes?speaker=blair', '/api/quotes?org=labour&sort=speaker', '/api/quotes?kind=direct&offset=200', '/api/quotes?kind=indirect&dir=desc', '/api/quotes?q=election', '/api/quotes?q=%22prime%20minister%22&sort=organisation', '/api/quotes?speaker=brown&kind=direct', '/api/quotes?from=2005&to=2005-06');

  const routes: Record<string, string[]> = {
    'GET /api/overview': ['/api/overview'],
    'GET /api/articles': [
      ...deep(articleTotal, 50).map((o) => `/api/articles?limit=50&offset=${o}`),
      ...['government', '%22prime%20minister%22', 'election%20OR%20vote', 'music', 'film', 'mobile%20phone*'].map((q) => `/api/articles?q=${q}&limit=50`),
    ],
    'GET /api/articles/:id': articleIds.map((id) => `/api/articles/${enc(id)}`),
    'GET /api/quotes': quotes,
    'GET /api/quotes (csv)': deep(quoteTotal, 100).map((o, i) => `/api/quotes?format=csv&limit=100&offset=${o}&sort=${sorts[i % sorts.length] ?? 'published'}`),
    'GET /api/actors': ['/api/actors', '/api/actors?type=person', '/api/actors?type=organisation', '/api/actors?name=blair', '/api/actors?name=party&limit=20', '/api/actors?type=person&offset=100'],
    'GET /api/actors/:key': top.map((i) => `/api/actors/${enc(i.key)}`),
    'GET /api/stances': ['', 'by=month', 'by=quarter', 'by=year', ...propositions.map((p) => `proposition=${enc(p)}`), ...propositions.map((p) => `proposition=${enc(p)}&by=year`)].map((q) => `/api/stances${q === '' ? '' : `?${q}`}`),
    'GET /api/statements': ['', ...propositions.map((p) => `proposition=${enc(p)}`), ...speakers.map((k) => `actor=${enc(k)}`), ...articleIds.slice(0, 5).map((id) => `article=${enc(id)}`), 'polarity=support', 'limit=20&offset=20'].map((q) => `/api/statements${q === '' ? '' : `?${q}`}`),
    'GET /api/stats': [
      ...deep(statTotal, 50).map((o) => `/api/stats?limit=50&offset=${o}`),
      '/api/stats?kind=share', '/api/stats?kind=amount&offset=100', '/api/stats?verdict=inconsistent', '/api/stats?verdict=consistent&kind=change', '/api/stats?source=police', '/api/stats?q=economy', '/api/stats?all=true&offset=1000',
    ],
    'GET /api/stats/same': ['/api/stats/same', '/api/stats/same?kind=share', '/api/stats/same?kind=amount&limit=20', '/api/stats/same?offset=20'],
    'GET /api/stats/series': ['/api/stats/series', '/api/stats/series?kind=change', '/api/stats/series?kind=amount&limit=10', '/api/stats/series?offset=5'],
  };

  // Every route at least `rounds` times (more when it has more variants), the routes taking turns.
  const samples = new Map<string, Sample[]>(Object.keys(routes).map((name) => [name, []]));
  const wanted = Object.fromEntries(Object.entries(routes).map(([name, urls]) => [name, Math.max(rounds, urls.length)]));
  const started = performance.now();
  for (let round = 0; ; round++) {
    let any = false;
    for (const [name, urls] of Object.entries(routes)) {
      if (round >= (wanted[name] ?? 0) || urls.length === 0) continue;
      any = true;
      samples.get(name)?.push(await timed(urls[round % urls.length] ?? ''));
    }
    if (!any) break;
  }
  const seconds = (performance.now() - started) / 1000;

  const rows = [...samples].map(([name, list]) => {
    const ms = list.map((s) => s.ms).sort((a, b) => a - b);
    const kb = list.reduce((n, s) => n + s.bytes, 0) / Math.max(1, list.length) / 1024;
    return [name, String(list.length), percentile(ms, 0.5).toFixed(1), percentile(ms, 0.95).toFixed(1), (ms[ms.length - 1] ?? Number.NaN).toFixed(1), kb.toFixed(1)];
  });
  const all = [...samples.values()].flat().map((s) => s.ms).sort((a, b) => a - b);
  rows.push(['overall', String(all.length), percentile(all, 0.5).toFixed(1), percentile(all, 0.95).toFixed(1), (all[all.length - 1] ?? Number.NaN).toFixed(1), '']);
  const header = ['route', 'count', 'p50 ms', 'p95 ms', 'max ms', 'mean kB'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(`corpus: ${articleTotal} articles, ${quoteTotal} quotes, ${statTotal} figures, ${statements.length} statements; node ${process.version} on ${os.cpus()[0]?.model ?? 'unknown CPU'}`);
  console.log([line(header), ...rows.slice(0, -1).map(line), '-'.repeat(widths.reduce((n, w) => n + w + 2, -2)), line(rows[rows.length - 1] ?? [])].join('\n'));
  console.log(`${all.length} requests in ${seconds.toFixed(1)} s (${(all.length / seconds).toFixed(0)} requests/s, one at a time)`);
}

main().catch((error: unknown) => {
  console.error(`load: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
