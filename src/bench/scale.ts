/**
 * `npm run scale -- [--articles N] [--corpus folder] [--db file] [--skip-latency]`:
 * the scale check. Builds a corpus of N articles (default 100,000) by
 * repeating bbc-2005 (default ../shared/corpora/bbc-2005), each copy with its
 * own date (2005-2024), outlet (one of 12), URL and one added line, so no copy
 * is an exact duplicate; analyses it into a database and prints articles/s,
 * peak memory and the near-duplicate grouping's time; then the latency of
 * `search` and `kwic` (p50/p95/max, the first round apart from the rounds that
 * hit caches); then how the stored near-duplicate groups match the corpus's
 * known origins (pairwise precision and recall).
 *
 * The database is temporary unless --db names a file; a file that already
 * holds the N-article scale corpus is reused (nothing built or analysed).
 * --skip-latency leaves the latency out. The issue's target: search and KWIC
 * p95 under 50 ms on bbc-2005 and under 200 ms at 100,000 articles.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { analyzeCorpus } from '../analyze/analyze-corpus.js';
import { updateNearDuplicates } from '../provenance/update-near-duplicates.js';
import { nearDuplicates } from '../provenance/near-duplicates.js';
import { kwic } from '../search/kwic.js';
import { wordIndexOf } from '../search/word-index.js';
import { QueryError } from '../search/query.js';
import { search } from '../search/search.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url)); // dist/bench/scale.js -> the repository
const DEFAULT_CORPUS = path.resolve(ROOT, '..', 'shared', 'corpora', 'bbc-2005');
const MB = 1024 * 1024;
const OUTLETS = 12;
const YEARS = 20; // copies dated 2005-2024
const BBC_ARTICLES = 2225; // the issue's targets: p95 < 50 ms on bbc-2005 ...
const TARGET_SMALL_MS = 50;
const TARGET_LARGE_MS = 200; // ... and < 200 ms at 100,000 articles
/** A scale article's URL names its copy and its bbc-2005 item. */
const SCALE_URL = /^https:\/\/copy\d+\.example\/(\d+)$/u;

/** Full-text queries (FTS5 syntax) and KWIC patterns timed, as in the issue's first measurements. */
const QUERIES = [
  'blair', '"prime minister"', 'brown OR blair', '"tony blair" NOT iraq', 'elect*', 'econom* AND growth',
  '(oil OR gas) AND price*', 'NEAR(interest rates, 5)', '"chelsea" "arsenal"', 'film award*', 'mobile phone*',
  'broadband', '"world cup"', 'tax* NOT labour', 'iraq war', '"general election" conservative*', 'music download*',
  'google OR yahoo OR microsoft', 'the', 'said', 'court case', 'oscar*', 'champion* league', '"chief executive"',
  'virus OR spam OR hacker*', 'dollar euro', 'NEAR(prime minister, 3)', '"house of commons"', 'olympic*', 'rugby wales',
  'deficit', 'strike*', 'steel', '"bank of england"', 'jobs unemploy*', 'tsunami aid', 'china export*', 'gordon brown budget',
  'games console*', 'box office', 'police', 'hunt*', 'immigra*', 'terror*', 'education school*', 'pension*', 'kilroy',
  'lib dem*', 'sony playstation', 'euro*',
];
const PATTERNS = [
  'prime minister', 'tony blair', 'the government', 'said*', 'econom*', 'interest rate*', "don't", 'world cup', 'mobile phone*',
  'chief executive', 'general election', 'gordon brown', 'oil price*', 'we are', 'it is', 'labour', 'conservative*', 'music',
  'box office', 'film', 'broadband', 'champions league', 'house of commons', 'bank of england', 'the', 'and', 'said', 'a*',
  'market*', 'uk', 'us', 'china', 'iraq', 'police', 'court', 'million', 'per cent', 'year*', 'according to', 'said that',
  'hunt*', 'olymp*', 'download*', 'virus*', 'jobs', 'election', 'tax*', 'growth', 'euro*', 'dollar',
];
/** Patterns found in nearly every article (stop words, one-letter prefixes): left out of the research block. */
const COMMON = new Set(['the', 'and', 'said', 'said*', 'a*', 'it is', 'we are', 'year*', 'uk', 'us', 'million', 'said that']);
const WARM_UP = ['weather', 'football', 'minister*', 'bank', 'film star'];
const ROUNDS = 3; // the first reads from disk and fills caches; the others show what a repeated request costs

interface Original {
  title: string;
  body: string;
}

interface Latency {
  name: string;
  all: number[];
  first: number[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      articles: { type: 'string', default: '100000' },
      corpus: { type: 'string', default: DEFAULT_CORPUS },
      db: { type: 'string' },
      'skip-latency': { type: 'boolean', default: false },
    },
  });
  const target = Number(values.articles);
  if (!Number.isSafeInteger(target) || target < 1) throw new Error(`--articles takes a whole number >= 1, not ${values.articles}`);
  const corpus = path.resolve(values.corpus);
  if (!existsSync(corpus)) {
    throw new Error(`no corpus at ${corpus}: the scale check repeats bbc-2005; name its folder with --corpus <folder> (npm run scale -- --corpus <folder>)`);
  }
  const originals = await readOriginals(corpus);
  if (originals.length === 0) throw new Error(`no .txt articles under ${corpus}: --corpus takes bbc-2005's folder (one folder per topic of .txt files)`);

  const work = await mkdtemp(path.join(os.tmpdir(), 'verbatim-scale-'));
  const dbPath = path.resolve(values.db ?? path.join(work, 'scale.db'));
  const say = (line: string): void => console.log(line);
  let latency: string | null = null;
  try {
    say(`node         ${process.version} on ${os.cpus()[0]?.model ?? 'unknown CPU'} (one thread)`);
    const store = openSqliteStore(dbPath);
    let analysed: { rate: number; seconds: number; rssMb: number } | null = null;
    let grouping: number | null;
    try {
      const held = await heldArticles(store, dbPath, target);
      if (held === target) {
        say(`database     ${dbPath} already holds the ${target}-article scale corpus: building and analysing skipped`);
        grouping = await groupIfNeeded(store, say);
      } else {
        if (values.db !== undefined) say(`database     ${dbPath} (kept)`);
        const folder = path.join(work, 'corpus');
        const built = await buildCorpus(originals, folder, target);
        say(`corpus       ${target} articles: ${built.files} JSONL files of bbc-2005 (${originals.length} articles) repeated, ${(built.bytes / MB).toFixed(1)} MB, written in ${built.seconds.toFixed(1)} s`);
        const run = await analyse(folder, store, target, say);
        analysed = run;
        grouping = run.grouping;
      }
      if (!values['skip-latency']) {
        say('');
        const blocks = await measureLatency(store, say);
        latency = verdict(blocks, target);
        say('');
        say(`latency:     ${latency}`);
      } else {
        say('latency      skipped (--skip-latency)');
      }
    } finally {
      await store.close();
    }
    say('');
    const check = await checkGroups(dbPath, originals, say);
    console.log(
      [
        `\nsummary: ${target} articles`,
        analysed === null ? 'analysis skipped (database reused)' : `analysed at ${analysed.rate.toFixed(0)} articles/s (${analysed.seconds.toFixed(1)} s, peak RSS ${analysed.rssMb.toFixed(0)} MB)`,
        `near-duplicate grouping ${grouping === null ? 'time unknown' : `${grouping.toFixed(1)} s`}`,
        ...(latency === null ? [] : [latency]),
        `groups precision ${check.precision.toFixed(4)}, recall ${check.recall.toFixed(4)}`,
      ].join('; '),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** bbc-2005's articles in a fixed order (topic folders, then files, by name): item i of every copy is `originals[i]`. */
async function readOriginals(corpus: string): Promise<Original[]> {
  const files: string[] = [];
  const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  for (const topic of (await readdir(corpus, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort(byName)) {
    const names = (await readdir(path.join(corpus, topic))).filter((name) => name.endsWith('.txt')).sort(byName);
    files.push(...names.map((name) => path.join(corpus, topic, name)));
  }
  const out: Original[] = [];
  for (const file of files) {
    const [title = '', ...rest] = (await readFile(file, 'utf8')).split('\n');
    out.push({ title, body: rest.join('\n').trim() });
  }
  return out;
}

/**
 * Articles already in the database when they are the scale corpus of this
 * size (reused), 0 when it is empty (built); anything else is an error
 * rather than a quiet mix of two corpora.
 */
async function heldArticles(store: Store, dbPath: string, target: number): Promise<number> {
  const { articles } = await store.totals();
  if (articles === 0) return 0;
  const sample = await store.listArticles({ limit: 1 });
  if (articles === target && SCALE_URL.test(sample[0]?.url ?? '')) return articles;
  throw new Error(`${dbPath} holds ${articles} articles, not the ${target}-article scale corpus: remove it, or name another file with --db (or leave --db out for a temporary one)`);
}

/** One JSONL file per copy of bbc-2005, as many copies as `target` needs (the last one cut short). */
async function buildCorpus(originals: readonly Original[], folder: string, target: number): Promise<{ files: number; bytes: number; seconds: number }> {
  const started = performance.now();
  await mkdir(folder, { recursive: true });
  let made = 0;
  let bytes = 0;
  let files = 0;
  for (let copy = 0; made < target; copy++) {
    const rows: string[] = [];
    for (let item = 0; item < originals.length && made < target; item++, made++) {
      const original = originals[item] as Original;
      const day = new Date(Date.UTC(2005 + (copy % YEARS), (item * 7 + copy) % 12, 1 + ((item + copy) % 28)));
      rows.push(
        JSON.stringify({
          title: original.title,
          text: `${original.body}\n\nCopy ${copy} of item ${item}.`, // one added line: no copy is an exact duplicate
          publish_date: day.toISOString().slice(0, 10),
          media_name: `Outlet ${copy % OUTLETS}`,
          url: `https://copy${copy}.example/${item}`,
        }),
      );
    }
    const content = `${rows.join('\n')}\n`;
    await writeFile(path.join(folder, `copy-${String(copy).padStart(3, '0')}.jsonl`), content);
    bytes += Buffer.byteLength(content);
    files++;
  }
  return { files, bytes, seconds: (performance.now() - started) / 1000 };
}

async function analyse(
  folder: string,
  store: Store,
  target: number,
  say: (line: string) => void,
): Promise<{ rate: number; seconds: number; rssMb: number; grouping: number | null }> {
  let nextReport = target / 10;
  const summary = await analyzeCorpus([folder], store, {
    command: 'npm run scale',
    onProgress: (progress) => {
      if (progress.articles < nextReport) return;
      nextReport += target / 10;
      const seconds = progress.elapsedMs / 1000;
      process.stderr.write(`  ... ${progress.articles} articles in ${seconds.toFixed(0)} s (${(progress.articles / seconds).toFixed(0)} articles/s)\n`);
    },
  });
  const seconds = summary.elapsedMs / 1000; // the run's own time: the grouping afterwards is timed apart
  const stored = summary.counts.stored + summary.counts.updated;
  const rssMb = process.resourceUsage().maxRSS / 1024; // the kernel's high-water mark, KB -> MB
  const near = summary.nearDuplicates;
  say(`articles     ${stored} stored, ${summary.counts.duplicate} duplicate, ${summary.counts.rejected} rejected, ${summary.counts.skipped} skipped`);
  say(`analysis     ${seconds.toFixed(1)} s, ${(stored / seconds).toFixed(0)} articles/s, ${(summary.chars / MB / seconds).toFixed(2)} M characters/s (${summary.quotes} quotes, ${summary.statistics} figures)`);
  say(`peak RSS     ${rssMb.toFixed(0)} MB (process high-water mark, through the grouping)`);
  say(`near-dups    ${near.groups} groups, ${near.copies} later copies; grouping after the run took ${near.seconds === null ? 'unknown' : `${near.seconds.toFixed(1)} s`}`);
  return { rate: stored / seconds, seconds, rssMb, grouping: near.seconds };
}

/** A reused database's groups: as last found, or found now when never found or out of date. */
async function groupIfNeeded(store: Store, say: (line: string) => void): Promise<number | null> {
  const state = await store.nearDuplicates();
  if (state.foundAt !== null && !state.stale) {
    say(`near-dups    ${state.groups} groups as found ${state.foundAt}, in ${state.seconds === null ? 'unknown time' : `${state.seconds.toFixed(1)} s`}`);
    return state.seconds;
  }
  const { groups, seconds } = await updateNearDuplicates(store);
  say(`near-dups    ${groups} groups, found now (${state.foundAt === null ? 'never found before' : 'out of date'}) in ${seconds.toFixed(1)} s`);
  return seconds;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;

function statsLine(name: string, times: readonly number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const ms = (value: number): string => value.toFixed(1).padStart(6);
  return `${name.padEnd(28)} n=${String(sorted.length).padStart(4)}  p50 ${ms(percentile(sorted, 0.5))} ms  p95 ${ms(percentile(sorted, 0.95))} ms  max ${ms(sorted[sorted.length - 1] ?? Number.NaN)} ms`;
}

/** Each input `ROUNDS` times, after a warm-up; a refused input (a `QueryError`) is timed and reported as refused. */
async function measure(name: string, inputs: readonly string[], run: (input: string) => Promise<{ total: number }>, say: (line: string) => void): Promise<Latency> {
  for (const input of WARM_UP) await run(input).catch(() => undefined);
  const all: number[] = [];
  const slow: { ms: number; input: string; outcome: string }[] = [];
  const refused = new Map<string, string>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const input of inputs) {
      const started = performance.now();
      let outcome: string;
      try {
        outcome = String((await run(input)).total);
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
        outcome = 'refused';
        refused.set(input, error.message);
      }
      const ms = performance.now() - started;
      all.push(ms);
      if (round === 0) slow.push({ ms, input, outcome });
    }
  }
  const first = all.slice(0, inputs.length);
  say(statsLine(name, all));
  say(statsLine('  first round', first));
  say(statsLine(`  rounds 2-${ROUNDS}`, all.slice(inputs.length)));
  slow.sort((a, b) => b.ms - a.ms);
  say(`  slowest: ${slow.slice(0, 4).map((s) => `${JSON.stringify(s.input)} ${s.ms.toFixed(1)} ms (${s.outcome})`).join('; ')}`);
  if (refused.size > 0) {
    const [example] = refused.values();
    say(`  refused ${refused.size} of ${inputs.length}: ${[...refused.keys()].map((input) => JSON.stringify(input)).join(', ')} (e.g. "${example ?? ''}")`);
  }
  return { name, all, first };
}

async function measureLatency(store: Store, say: (line: string) => void): Promise<Latency[]> {
  const { articles } = await store.totals();
  say(`latency over ${articles} articles: ${QUERIES.length} queries and ${PATTERNS.length} patterns, ${ROUNDS} rounds each`);
  // As `verbatim serve` does at start: the concordance's word index read before the first request.
  const started = performance.now();
  const index = await wordIndexOf(store, await store.changeToken());
  const seconds = (performance.now() - started) / 1000;
  const rss = process.memoryUsage().rss / MB;
  say(
    index === null
      ? `word index   too large to hold (read for ${seconds.toFixed(1)} s): KWIC sorted by context reads texts`
      : `word index   ${index.articles} articles, ${index.words.length} words, ${index.megabytes.toFixed(0)} MB of ids, read in ${seconds.toFixed(1)} s (as 'verbatim serve' does at start); RSS ${rss.toFixed(0)} MB`,
  );
  const research = PATTERNS.filter((p) => !COMMON.has(p));
  const fresh = Object.create(store) as Store;
  await wordIndexOf(fresh, await store.changeToken());
  return [
    await measure('search (20 rows)', QUERIES, (query) => search(store, { query, limit: 20 }), say),
    await measure('search + actor filter', QUERIES, (query) => search(store, { query, actor: 'a', limit: 20 }), say),
    await measure('kwic sort=article (100)', PATTERNS, (pattern) => kwic(store, { pattern, limit: 100 }), say),
    await measure('kwic sort=left (100)', PATTERNS, (pattern) => kwic(store, { pattern, sort: 'left', limit: 100 }), say),
    await measure('kwic sort=right, sentence', PATTERNS, (pattern) => kwic(store, { pattern, sort: 'right', sentence: true, limit: 100 }), say),
    // Through a store object of its own, as a fresh server would be (its word index read at start, no concordance
    // kept from the blocks above): each pattern's first round is a first request.
    await measure(`kwic sort=left, ${research.length} research patterns, fresh`, research, (pattern) => kwic(fresh, { pattern, sort: 'left', limit: 100 }), say),
  ];
}

/** The worst p95 of the search blocks and of the KWIC blocks, against the issue's target for this size. */
function verdict(blocks: readonly Latency[], articles: number): string {
  const targetMs = articles <= BBC_ARTICLES ? TARGET_SMALL_MS : TARGET_LARGE_MS;
  const worst = (prefix: string, pick: (block: Latency) => number[]): number =>
    Math.max(...blocks.filter((b) => b.name.startsWith(prefix)).map((b) => percentile([...pick(b)].sort((x, y) => x - y), 0.95)));
  const parts = ['search', 'kwic'].map((kind) => {
    const all = worst(kind, (b) => b.all);
    const first = worst(kind, (b) => b.first);
    return `${kind} p95 ${all.toFixed(1)} ms (first round ${first.toFixed(1)} ms)`;
  });
  const met = (['search', 'kwic'] as const).every((kind) => worst(kind, (b) => b.all) < targetMs);
  return `worst ${parts.join(', ')}: ${met ? 'under' : 'NOT under'} the ${targetMs} ms target`;
}

/**
 * The stored near-duplicate groups against the corpus's origins. A scale
 * article's origin is its bbc-2005 item (from its URL); two items are one
 * origin when their texts are the same or when grouping bbc-2005 itself puts
 * them together. Pairwise: a pair of articles is found when one group holds
 * both, expected when they share an origin.
 */
async function checkGroups(dbPath: string, originals: readonly Original[], say: (line: string) => void): Promise<{ precision: number; recall: number }> {
  const started = performance.now();
  const origin = await originsOf(originals);
  const originSeconds = (performance.now() - started) / 1000;
  // The Store lists no group's members, so they are read from its table (read-only, after the store is closed).
  const db = new Database(dbPath, { readonly: true });
  let rows: { url: string | null; first: string | null }[];
  try {
    rows = db.prepare('SELECT a.url AS url, n.first_id AS first FROM articles a LEFT JOIN near_duplicates n ON n.article_id = a.id').all() as typeof rows;
  } finally {
    db.close();
  }
  const found = new Map<string, Map<number, number>>(); // found group -> origin -> articles
  const expected = new Map<number, Map<string, number>>(); // origin -> found group -> articles
  const bump = <K, L>(map: Map<K, Map<L, number>>, key: K, inner: L): void => {
    let counts = map.get(key);
    if (counts === undefined) map.set(key, (counts = new Map()));
    counts.set(inner, (counts.get(inner) ?? 0) + 1);
  };
  for (const row of rows) {
    const match = SCALE_URL.exec(row.url ?? '');
    const item = Number(match?.[1]);
    const truth = origin[item];
    if (truth === undefined) throw new Error(`article ${row.url ?? '(no URL)'} is not from the scale corpus (its URL names no bbc-2005 item): the database holds other articles`);
    const group = row.first ?? `alone:${row.url ?? ''}`;
    bump(found, group, truth);
    bump(expected, truth, group);
  }
  const pairs = (n: number): number => (n * (n - 1)) / 2;
  const sum = (counts: Map<unknown, number>): number => [...counts.values()].reduce((n, c) => n + c, 0);
  let truePositives = 0;
  let foundPairs = 0;
  let expectedPairs = 0;
  for (const counts of found.values()) {
    for (const c of counts.values()) truePositives += pairs(c);
    foundPairs += pairs(sum(counts));
  }
  for (const counts of expected.values()) expectedPairs += pairs(sum(counts));
  const groupsFound = [...found.keys()].filter((g) => !g.startsWith('alone:')).length;
  const aloneFound = [...found.keys()].length - groupsFound;
  const groupsExpected = [...expected.values()].filter((counts) => sum(counts) > 1).length;
  const precision = foundPairs === 0 ? 1 : truePositives / foundPairs;
  const recall = expectedPairs === 0 ? 1 : truePositives / expectedPairs;
  const mixed = [...found.values()].filter((counts) => counts.size > 1).length;
  const split = [...expected.values()].filter((counts) => counts.size > 1).length;
  say(`groups check ${rows.length} articles from ${expected.size} origins (bbc-2005's ${originals.length} articles grouped in memory in ${originSeconds.toFixed(1)} s)`);
  say(`  found      ${groupsFound} groups, ${aloneFound} articles in none`);
  say(`  expected   ${groupsExpected} groups, ${expected.size - groupsExpected} articles in none`);
  say(`  pairwise   precision ${precision.toFixed(4)} (${truePositives} of ${foundPairs} pairs found), recall ${recall.toFixed(4)} (${truePositives} of ${expectedPairs} pairs expected)`);
  say(`  groups mixing origins ${mixed}; origins split over several groups (or left out of one) ${split}`);
  return { precision, recall };
}

/** Each bbc-2005 item's origin: the smallest item of its same-text or near-duplicate group. */
async function originsOf(originals: readonly Original[]): Promise<number[]> {
  const parent = originals.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] ?? i;
    return i;
  };
  const join = (a: number, b: number): void => {
    const [x, y] = [find(a), find(b)];
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  };
  const byText = new Map<string, number>();
  originals.forEach((o, i) => {
    const same = byText.get(o.body);
    if (same === undefined) byText.set(o.body, i);
    else join(same, i);
  });
  const groups = await nearDuplicates(originals.map((o, i) => ({ id: String(i), text: o.body, published: null, outlet: null, title: o.title })));
  for (const group of groups) {
    const [head, ...rest] = group.members;
    for (const member of rest) join(Number(head?.id), Number(member.id));
  }
  return originals.map((_, i) => find(i));
}

main().catch((error: unknown) => {
  console.error(`scale: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
