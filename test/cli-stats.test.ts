/** End to end: `verbatim stats` over the bundled example corpus, in-process. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from './helpers/cli.js';
import type { StatisticRow } from '../src/store/store.js';

const CORPUS = path.resolve(import.meta.dirname, '..', 'examples', 'corpus');

const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => runCommand(argv);

describe('verbatim stats on examples/corpus', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-stats-'));
    db = path.join(dir, 'example.db');
    expect((await cli('analyze', CORPUS, '--db', db)).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--inconsistent finds the one wrong percentage, with the computation', async () => {
    const { code, out } = await cli('stats', '--db', db, '--inconsistent', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(out) as StatisticRow[];
    expect(rows.map((r) => r.text)).toEqual(['61 per cent (45 of 90)']);
    expect(rows[0]?.computation).toContain('45 / 90 = 50.00 %');
    const table = await cli('stats', '--db', db, '--inconsistent', '--explain');
    expect(table.out).toContain('inconsistent: 45 / 90 = 50.00 %');
  });

  it('lists inconsistent figures first, checks the correct percentages, keeps ages out unless asked', async () => {
    const rows = JSON.parse((await cli('stats', '--db', db, '--json', '--limit', '500')).out) as StatisticRow[];
    expect(rows[0]?.verdict).toBe('inconsistent');
    expect(rows.some((r) => r.kind === 'age')).toBe(false);
    const consistent = rows.filter((r) => r.verdict === 'consistent').map((r) => r.text);
    expect(consistent).toContain('More than 37 per cent (52 of 140)');
    expect(consistent.some((t) => t.startsWith('1,040 of the 3,700'))).toBe(true);
    const ages = JSON.parse((await cli('stats', '--db', db, '--json', '--kind', 'age')).out) as StatisticRow[];
    expect(ages.map((r) => r.text)).toContain('34-year-old');
  });

  it('stats --csv has a header and one row per figure; --source filters', async () => {
    const csv = (await cli('stats', '--db', db, '--csv')).out.split('\r\n');
    expect(csv[0]).toMatch(/^article,id,published,outlet,kind,verdict,text,/u);
    const sourced = JSON.parse((await cli('stats', '--db', db, '--json', '--source', 'kestrel')).out) as StatisticRow[];
    expect(sourced.length).toBeGreaterThan(0);
    expect(sourced.every((r) => r.source?.toLowerCase().includes('kestrel'))).toBe(true);
  });

  it('stats same groups the figures the syndicated copy repeats; stats series runs', async () => {
    const same = JSON.parse((await cli('stats', 'same', '--db', db, '--json')).out) as { key: string; articles: number }[];
    expect(same.some((g) => g.articles >= 2)).toBe(true);
    const series = await cli('stats', 'series', '--db', db);
    expect(series.code).toBe(0);
    expect((await cli('stats', 'nope', '--db', db)).code).toBe(1);
  });
});
