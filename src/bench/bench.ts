/**
 * `npm run bench -- [folder] [--repeat N]`: analyse a corpus into a fresh
 * temporary database and print articles/s, MB/s and peak memory.
 *
 * With --propositions FILE the stances stage runs too (default:
 * examples/bbc-2005-propositions.yaml, two 2005 questions; --propositions none
 * to leave it out).
 *
 * With --repeat N the corpus is copied N times (each copy made unique by one
 * added paragraph, so none is a duplicate) to show that memory stays flat as
 * the corpus grows. The default corpus is ../shared/corpora/bbc-2005.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, stat, writeFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeCorpus } from '../analyze/analyze-corpus.js';
import { ACTOR_STAGES } from '../actors/index.js';
import { QUOTE_STAGES } from '../quotes/index.js';
import { STANCE_STAGES } from '../stances/find-statements.js';
import { STATISTICS_STAGES } from '../statistics/find-statistics.js';
import { openSqliteStore } from '../store/sqlite-store.js';

const DEFAULT_CORPUS = path.resolve('..', 'shared', 'corpora', 'bbc-2005');
const DEFAULT_PROPOSITIONS = path.resolve('examples', 'bbc-2005-propositions.yaml');
const MB = 1024 * 1024;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { repeat: { type: 'string', default: '1' }, propositions: { type: 'string', default: DEFAULT_PROPOSITIONS } },
    allowPositionals: true,
  });
  const corpus = path.resolve(positionals[0] ?? DEFAULT_CORPUS);
  const repeat = Number(values.repeat);
  if (!Number.isSafeInteger(repeat) || repeat < 1) throw new Error(`--repeat takes a whole number >= 1, not ${values.repeat}`);
  if (!existsSync(corpus)) {
    throw new Error(
      `no corpus at ${corpus}: name a folder of articles (npm run bench -- <folder>); the default needs ../shared/corpora/bbc-2005`,
    );
  }
  const work = await mkdtemp(path.join(os.tmpdir(), 'verbatim-bench-'));
  try {
    const input = repeat === 1 ? corpus : await makeCopies(corpus, path.join(work, 'corpus'), repeat);
    const bytes = await folderBytes(input);
    const store = openSqliteStore(path.join(work, 'bench.db'));
    const samples: { articles: number; rssMb: number }[] = [];
    let peakRss = process.memoryUsage().rss;
    const stageTimings = new Map<string, number>();
    const propositions = values.propositions === 'none' ? undefined : values.propositions;
    const summary = await analyzeCorpus([input], store, {
      stageTimings,
      ...(propositions === undefined ? {} : { propositions }),
      onProgress: (progress) => {
        const rss = process.memoryUsage().rss;
        peakRss = Math.max(peakRss, rss);
        samples.push({ articles: progress.articles, rssMb: rss / MB });
      },
    });
    // The run's own time: grouping near-duplicates afterwards is timed apart.
    const seconds = summary.elapsedMs / 1000;
    await store.close();
    const maxRssMb = process.resourceUsage().maxRSS / 1024; // kernel's peak resident set, KB -> MB
    const articles = summary.counts.stored + summary.counts.updated;
    const lines = [
      `corpus       ${corpus}${repeat > 1 ? ` x${repeat}` : ''}`,
      `node         ${process.version} on ${os.cpus()[0]?.model ?? 'unknown CPU'} (one thread)`,
      `propositions ${propositions ?? 'none'}: ${summary.statements} statements`,
      `articles     ${articles} stored, ${summary.counts.duplicate} duplicate, ${summary.counts.rejected} rejected, ${summary.counts.skipped} skipped`,
      `text         ${(bytes / MB).toFixed(1)} MB in files, ${summary.paragraphs} paragraphs, ${summary.sentences} sentences`,
      `time         ${seconds.toFixed(2)} s (ingest + segmentation + store)`,
      `throughput   ${(articles / seconds).toFixed(0)} articles/s stored, ${(summary.items / seconds).toFixed(0)} items/s read, ${(bytes / MB / seconds).toFixed(2)} MB/s`,
      `near-dups    ${summary.nearDuplicates.groups} groups, ${summary.nearDuplicates.copies} later copies; grouping the whole corpus after the run took ${(summary.nearDuplicates.seconds ?? 0).toFixed(2)} s`,
      `stages       ${[...stageTimings].map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join(', ')}`,
      `without the quote, actor, stance and statistics stages: ${withoutQuotes(articles, seconds, stageTimings)}`,
      `peak RSS     ${maxRssMb.toFixed(0)} MB (process high-water mark; sampled peak ${(peakRss / MB).toFixed(0)} MB)`,
      `RSS growth   ${memoryCurve(samples)}`,
    ];
    console.log(lines.join('\n'));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Throughput with the quote, actor, stance and statistics stages' measured time taken out: what ingest + segmentation + store alone sustain. */
function withoutQuotes(articles: number, seconds: number, timings: Map<string, number>): string {
  const quoteMs = [...QUOTE_STAGES, ...ACTOR_STAGES, ...STANCE_STAGES, ...STATISTICS_STAGES].reduce((sum, stage) => sum + (timings.get(stage.name) ?? 0), 0);
  const rest = seconds - quoteMs / 1000;
  const share = (100 * quoteMs) / 1000 / seconds;
  return `${(articles / rest).toFixed(0)} articles/s (those stages took ${(quoteMs / 1000).toFixed(2)} s of ${seconds.toFixed(2)} s, ${share.toFixed(0)} %)`;
}

/** RSS at each quarter of the run: flat numbers mean memory does not grow with the corpus. */
function memoryCurve(samples: { articles: number; rssMb: number }[]): string {
  if (samples.length === 0) return 'no samples';
  const points = [0.25, 0.5, 0.75, 1].map((fraction) => {
    const sample = samples[Math.min(samples.length - 1, Math.floor(fraction * (samples.length - 1)))];
    return sample ? `${sample.articles} articles: ${sample.rssMb.toFixed(0)} MB` : '';
  });
  return points.join(', ');
}

async function makeCopies(corpus: string, target: string, repeat: number): Promise<string> {
  const files = await listFiles(corpus);
  for (let copy = 1; copy <= repeat; copy++) {
    const folder = path.join(target, `copy-${copy}`);
    for (const file of files) {
      const destination = path.join(folder, path.relative(corpus, file));
      await mkdir(path.dirname(destination), { recursive: true });
      if (copy === 1 || !file.endsWith('.txt')) await copyFile(file, destination);
      else await writeFile(destination, `${await readFile(file, 'utf8')}\n\nBenchmark copy ${copy}.\n`);
    }
  }
  return target;
}

async function listFiles(folder: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const file of await listFiles(folder)) total += (await stat(file)).size;
  return total;
}

main().catch((error: unknown) => {
  console.error(`bench: ${(error as Error).message}`);
  process.exitCode = 1;
});
