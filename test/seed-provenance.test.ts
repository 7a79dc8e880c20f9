/**
 * The same quote across the two seed articles (../shared/corpora/seeds/gold.json,
 * `across_articles.same_quote`, read in place): each gold pair of variants is one
 * group, with its differences shown. Skipped when ../shared is absent.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCorpus } from '../src/analyze/analyze-corpus.js';
import { loadQuoteUnits } from '../src/provenance/load-units.js';
import { sameQuotes, type SameQuoteGroup } from '../src/provenance/same-quote.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';

const SEEDS = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpora', 'seeds');
const GOLD = path.join(SEEDS, 'gold.json');
const fold = (t: string): string => t.replace(/[‘’]/gu, "'").toLowerCase();

describe.skipIf(!existsSync(GOLD))('the same quote across the seed articles', () => {
  let dir: string;
  let groups: SameQuoteGroup[] = [];
  const gold = existsSync(GOLD) ? (JSON.parse(readFileSync(GOLD, 'utf8')) as { across_articles: { same_quote: { speaker: string; variants: string[] }[] } }).across_articles.same_quote : [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-seed-provenance-'));
    const store = openSqliteStore(path.join(dir, 'seeds.db'));
    await analyzeCorpus([SEEDS], store);
    groups = sameQuotes(await loadQuoteUnits(store));
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const [i, pair] of gold.entries()) {
    it(`gold pair ${i + 1} (${pair.speaker}) is one group across both articles, with its differences`, () => {
      const group = groups.find((g) => pair.variants.every((v) => g.members.some((m) => fold(m.text).includes(fold(v).slice(0, 40)))));
      expect(group, `a group holding ${JSON.stringify(pair.variants)}`).toBeDefined();
      expect(group?.articles).toBe(2);
      expect(group?.members.every((m) => m.speaker === pair.speaker)).toBe(true);
      const changes = group?.members[1]?.differences.filter((d) => d.op !== 'same') ?? [];
      expect(changes.length).toBeGreaterThan(0);
    });
  }

  it('shows "I am" against "I\'m" and the editorial brackets', () => {
    const all = groups.flatMap((g) => g.members.flatMap((m) => m.differences)).filter((d) => d.op === 'changed');
    expect(all.some((d) => d.op === 'changed' && /i.m/iu.test(d.first + d.this) && /i am/iu.test(`${d.first} ${d.this}`))).toBe(true);
    expect(all.some((d) => d.op === 'changed' && `${d.first}${d.this}`.includes('[working'))).toBe(true);
  });
});
