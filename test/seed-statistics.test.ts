/**
 * Figures on the seed articles against the answer key (../shared/corpora/seeds/gold.json,
 * read in place): every gold statistic with its value, parts, period, source and
 * verdict; none of the not_statistics; the 114-of-259 figure grouped across the
 * two articles. Skipped when ../shared is absent.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCorpus } from '../src/analyze/analyze-corpus.js';
import { sameFigures } from '../src/statistics/across.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import type { StatisticRow } from '../src/store/store.js';

const SEEDS = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpora', 'seeds');
const GOLD = path.join(SEEDS, 'gold.json');

interface GoldStatistic {
  kind: string;
  value?: number;
  numerator?: number;
  denominator?: number;
  part_of?: number;
  qualifier?: string;
  period?: string;
  source?: string;
  text: string;
  arithmetic?: string;
}

describe.skipIf(!existsSync(GOLD))('figures on the seed articles', () => {
  let dir: string;
  let rows: StatisticRow[] = [];
  const gold = existsSync(GOLD) ? (JSON.parse(readFileSync(GOLD, 'utf8')) as { articles: Record<string, { statistics: GoldStatistic[]; not_statistics: string[] }> }).articles : {};

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-seed-stats-'));
    const store = openSqliteStore(path.join(dir, 'seeds.db'));
    await analyzeCorpus([SEEDS], store);
    rows = await store.listStatistics({ all: true });
    const articles = await store.listArticles({});
    const byFile = new Map(articles.map((a) => [path.basename(a.source.file), a.id]));
    rows = rows.map((r) => ({ ...r, title: [...byFile].find(([, id]) => id === r.articleId)?.[0] ?? null }));
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, article] of Object.entries(gold)) {
    for (const g of article.statistics) {
      it(`${name}: "${g.text}"`, () => {
        const found = rows.find((r) => r.title === name && (r.text.includes(g.text) || g.text.includes(r.text)) && r.kind !== 'age');
        expect(found, `a figure "${g.text}"`).toBeDefined();
        expect(found?.kind).toBe(g.kind);
        if (g.numerator !== undefined) expect([found?.numerator, found?.denominator]).toEqual([g.numerator, g.denominator]);
        else if (g.value !== undefined) expect(found?.value).toBe(g.value);
        if (g.qualifier !== undefined) expect(found?.qualifier).toBe(g.qualifier);
        if (g.period !== undefined) expect(found?.period?.toLowerCase()).toBe(g.period.toLowerCase());
        if (g.source !== undefined) expect(found?.source ?? '').toContain(g.source.split(' ')[0] ?? '');
        if (g.arithmetic !== undefined) expect(found?.verdict).toBe(g.arithmetic.split(':')[0]);
        if (g.part_of !== undefined) expect(found?.computation).toContain(`of ${g.part_of}`);
      });
    }
    it(`${name}: none of the not_statistics is a figure`, () => {
      for (const not of article.not_statistics) {
        const words = not.split(' (')[0] ?? not;
        expect(rows.filter((r) => r.title === name && r.kind !== 'age' && r.text.includes(words)), words).toEqual([]);
      }
    });
  }

  it('the 114-of-259 figure is one figure across the two articles', () => {
    const group = sameFigures(rows).find((g) => g.key === 'parts:114/259');
    expect(group?.articles).toBe(2);
  });
});
