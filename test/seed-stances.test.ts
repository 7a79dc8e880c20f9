/**
 * Stances on the seed articles against the answer key
 * (../shared/corpora/seeds/gold.json, read in place) with
 * examples/propositions.yaml: each gold actor's position comes out, with at
 * least one of the gold evidence phrases inside a statement of that side;
 * Simon Bailey is one identity across both articles. Skipped when ../shared is absent.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCorpus } from '../src/analyze/analyze-corpus.js';
import { loadStances, type Stances } from '../src/stances/load-stances.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SEEDS = path.resolve(ROOT, '..', 'shared', 'corpora', 'seeds');
const GOLD = path.join(SEEDS, 'gold.json');

interface GoldStance {
  actor: string;
  stance: 'support' | 'oppose' | 'mixed';
  accept?: string[];
  conditional?: boolean;
  evidence?: string[];
  evidence_support?: string[];
  evidence_oppose?: string[];
}

const fold = (text: string): string => text.replace(/[‘’]/gu, "'").replace(/[“”]/gu, '"');

describe.skipIf(!existsSync(GOLD))('stances on the seed articles', () => {
  let dir: string;
  let stances: Stances;
  const gold = existsSync(GOLD) ? (JSON.parse(readFileSync(GOLD, 'utf8')) as { articles: Record<string, { stances: GoldStance[] }> }).articles : {};
  const expected = new Map<string, GoldStance[]>();
  for (const article of Object.values(gold)) for (const s of article.stances) expected.set(s.actor, [...(expected.get(s.actor) ?? []), s]);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-seed-stances-'));
    const store = openSqliteStore(path.join(dir, 'seeds.db'));
    await analyzeCorpus([SEEDS], store, { propositions: path.join(ROOT, 'examples', 'propositions.yaml') });
    stances = await loadStances(store);
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const [actor, golds] of expected) {
    it(`${actor}: ${golds[0]?.stance ?? ''}, with the gold evidence`, () => {
      const position = stances.positions.find((p) => p.actorName === actor);
      const accepted = [...new Set(golds.flatMap((g) => [g.stance, ...(g.accept ?? [])]))];
      expect(accepted, `${actor}'s position`).toContain(position?.position);
      if (golds.some((g) => g.conditional === true)) expect(position?.qualified, `${actor} only conditionally`).toBe(true);
      const own = stances.statements.filter((s) => s.actor?.name === actor || s.via.some((v) => v.name === actor));
      const sides: [string, string[]][] = golds.flatMap((g) =>
        g.stance === 'mixed' ? [['support', g.evidence_support ?? []], ['oppose', g.evidence_oppose ?? []]] : [[g.stance, g.evidence ?? []]],
      );
      for (const [side, evidence] of sides) {
        const found = evidence.some((e) => own.some((s) => s.polarity === side && fold(s.text ?? '').includes(fold(e))));
        expect(found, `${actor}: a ${side} statement holding one of ${JSON.stringify(evidence)}`).toBe(true);
      }
    });
  }

  it('Simon Bailey is one identity across both articles', () => {
    const keys = new Set(stances.statements.filter((s) => s.actor?.name === 'Simon Bailey').map((s) => s.actor?.key));
    const articles = new Set(stances.statements.filter((s) => s.actor?.name === 'Simon Bailey').map((s) => s.articleId));
    expect(keys.size).toBe(1);
    expect(articles.size).toBe(2);
  });
});
