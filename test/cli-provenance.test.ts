/** End to end: near-duplicate articles and the same quote across articles, over the bundled example corpus. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NearDuplicateGroup } from '../src/provenance/near-duplicates.js';
import type { SameQuoteGroup } from '../src/provenance/same-quote.js';
import { runCommand } from './helpers/cli.js';

const CORPUS = path.resolve(import.meta.dirname, '..', 'examples', 'corpus');

describe('provenance on examples/corpus', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-provenance-'));
    db = path.join(dir, 'example.db');
    expect((await runCommand(['analyze', CORPUS, '--db', db])).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('articles same finds the syndicated near-copy and nothing else', async () => {
    const groups = JSON.parse((await runCommand(['articles', 'same', '--db', db, '--json'])).out) as NearDuplicateGroup[];
    expect(groups.map((g) => g.members.map((m) => m.title))).toEqual([["Commissioner 'may consider' working with hunter groups", 'Wessex commissioner open to hunter group talks']]);
  });

  it('quotes same groups the quotes the near-copy repeats unchanged', async () => {
    const groups = JSON.parse((await runCommand(['quotes', 'same', '--db', db, '--json'])).out) as SameQuoteGroup[];
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.some((g) => g.members.some((m) => m.speaker === 'Andrew Pike'))).toBe(true);
    const table = await runCommand(['quotes', 'same', '--db', db]);
    expect(table.out).toContain('(first appearance)');
  });
});
