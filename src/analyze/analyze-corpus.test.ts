import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkInvariants } from '../model/check-invariants.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { analyzeCorpus } from './analyze-corpus.js';

const STORY = `Council backs new bus route

Harbridge Borough Council has approved a new bus route linking the hospital to the town centre.

Cllr Janet Okafor said: "This will make a real difference to patients."

The route will start in May.
`;
// The same article with curly quotes and an extra space: a duplicate once normalised.
const STORY_CURLY = STORY.replace('said: "This', 'said:  \u201cThis').replace('patients."', 'patients.\u201d');

const OTHER = `Hospital opens new ward

Northmoor General Hospital has opened a ward for older patients.

Dr Amir Shah said the ward had 24 beds.
`;

describe('analyzeCorpus', () => {
  let dir: string;
  let store: Store;
  let dbPath: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-analyze-'));
    dbPath = path.join(dir, 'corpus.db');
    store = openSqliteStore(dbPath);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function write(relative: string, content: string | Uint8Array): string {
    const file = path.join(dir, 'corpus', relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  }

  it('stores good articles, names every bad item, and skips what is not an article', async () => {
    write('gazette/bus-route.txt', STORY);
    write('echo/bus-route-copy.txt', STORY_CURLY);
    write('echo/hospital.txt', OTHER);
    write('echo/empty.txt', '');
    write('echo/binary.txt', new Uint8Array([0, 1, 2, 3, 0, 0, 255, 0, 7, 0]));
    write('echo/huge.txt', `Big\n\n${'word '.repeat(400)}`);
    write('notes.md', '# notes');
    write('wire/rows.jsonl', `${JSON.stringify({ title: 'Row one', text: OTHER.replace('24', '26') })}\n{broken\n`);
    // Row two's quoted body runs over lines 2-7, so the broken record is on line 8.
    write('wire/rows.csv', `title,body\nRow two,"${OTHER.replace('24', '28')}"\nRow three,"unclosed "quote" here\n`);
    write('gazette/page.html', '<html><head><title>Ward opens</title><body><article><p>Nurses welcomed the new ward on Monday, saying it was long overdue for the town.<p>It has 30 beds</article>');
    symlinkSync(path.join(dir, 'nowhere.txt'), path.join(dir, 'corpus', 'echo', 'dangling.txt'));

    const summary = await analyzeCorpus([path.join(dir, 'corpus')], store, { maxBytes: 1000 });

    expect(summary.counts).toEqual({ stored: 5, updated: 0, unchanged: 0, duplicate: 1, rejected: 6, skipped: 1 });
    const rejected = summary.problems.map((entry) => `${path.relative(dir, entry.item)} ${entry.rule}`).sort();
    expect(rejected).toEqual([
      'corpus/echo/binary.txt ingest.binary',
      'corpus/echo/dangling.txt ingest.unreadable',
      'corpus/echo/empty.txt ingest.empty',
      'corpus/echo/huge.txt ingest.too-large',
      expect.stringMatching(/^corpus\/wire\/rows\.csv:8 ingest\.csv\./),
      expect.stringMatching(/^corpus\/wire\/rows\.jsonl:2 ingest\.jsonl\./),
    ]);
    expect(summary.duplicates[0]?.reason).toMatch(/same text as .*bus-route-copy\.txt|same text as .*bus-route\.txt/);
    expect((await store.totals()).articles).toBe(5);

    for (const row of await store.listArticles({})) {
      const doc = await store.getArticle(row.id);
      expect(doc).toBeDefined();
      if (doc) expect(checkInvariants(doc)).toEqual([]);
    }
  });

  it('is idempotent: a second run stores nothing new and keeps the ids', async () => {
    write('a.txt', STORY);
    write('b.txt', OTHER);
    await analyzeCorpus([path.join(dir, 'corpus')], store);
    const before = (await store.listArticles({})).map((row) => row.id);

    const again = await analyzeCorpus([path.join(dir, 'corpus')], store);

    expect(again.counts).toMatchObject({ stored: 0, unchanged: 2, duplicate: 0, rejected: 0 });
    expect((await store.listArticles({})).map((row) => row.id)).toEqual(before);
  });

  it('re-analyses articles stored by an older extractor version, in place', async () => {
    write('a.txt', STORY);
    await analyzeCorpus([path.join(dir, 'corpus')], store);
    const raw = new BetterSqlite3(dbPath);
    raw.prepare("UPDATE articles SET extractor_version = 'old', sentences = 0").run();
    raw.close();

    const again = await analyzeCorpus([path.join(dir, 'corpus')], store);

    expect(again.counts).toMatchObject({ stored: 0, updated: 1 });
    const [row] = await store.listArticles({});
    expect(row?.sentences).toBeGreaterThan(0);
    expect((await store.totals()).articles).toBe(1);
  });

  it('reports a path that does not exist and still reads the others', async () => {
    const good = write('a.txt', STORY);
    const summary = await analyzeCorpus([path.join(dir, 'missing-folder'), good], store);
    expect(summary.counts).toMatchObject({ stored: 1, rejected: 1 });
    expect(summary.problems[0]?.rule).toBe('ingest.not-found');
  });

  it('keeps memory bounded: articles flow through in batches, not all at once', async () => {
    for (let i = 0; i < 600; i++) write(`bulk/${String(i).padStart(4, '0')}.txt`, `${OTHER}\nItem ${i}.\n`);
    const batches: number[] = [];
    const summary = await analyzeCorpus([path.join(dir, 'corpus')], store, {
      onProgress: (progress) => batches.push(progress.articles),
    });
    expect(summary.counts.stored).toBe(600);
    expect(batches.length).toBeGreaterThan(1); // written as it goes, several transactions
    expect(batches.at(-1)).toBe(600);
  });
});
