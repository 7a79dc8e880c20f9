/**
 * The quote-marks stage against the seed answer key (../shared/corpora/seeds/gold.json),
 * read in place: every direct quote is found whole, with its paragraph count,
 * and no `not_quotes` string comes out as speech. Skipped when ../shared is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTxt } from '../src/ingest/read-txt.js';
import { checkInvariants } from '../src/model/check-invariants.js';
import { createDocument } from '../src/model/create-document.js';
import type { Document } from '../src/model/document.js';
import { analyseDocument } from '../src/pipeline.js';

const SEEDS = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpora', 'seeds');

interface GoldQuote {
  level: 'core' | 'extended';
  kind: string;
  starts: string;
  ends: string;
  paragraphs?: number;
  speaker: string;
  accept?: string[];
}

interface GoldArticle {
  quotes: GoldQuote[];
  not_quotes: string[];
}

function analyse(name: string): Document {
  const file = path.join(SEEDS, name);
  const item = readTxt(readFileSync(file), file);
  if (item.kind !== 'article') throw new Error(`${name} was not read: ${item.reason}`);
  return analyseDocument(createDocument(item.article));
}

describe.skipIf(!existsSync(path.join(SEEDS, 'gold.json')))('quote marks on the seed articles', () => {
  const gold = existsSync(path.join(SEEDS, 'gold.json'))
    ? (JSON.parse(readFileSync(path.join(SEEDS, 'gold.json'), 'utf8')) as { articles: Record<string, GoldArticle> }).articles
    : {};

  for (const [name, article] of Object.entries(gold)) {
    it(`${name}: every gold direct quote is one direct quote with its paragraphs; not_quotes are never speech`, () => {
      const doc = analyse(name);
      expect(checkInvariants(doc)).toEqual([]);
      const texts = doc.quotes.map((q) => ({ kind: q.kind, parts: q.content.map((s) => doc.text.slice(s.start, s.end)) }));
      for (const g of article.quotes.filter((q) => q.kind === 'direct')) {
        const found = texts.find((q) => q.kind === 'direct' && q.parts[0]?.startsWith(g.starts) && q.parts[q.parts.length - 1]?.endsWith(g.ends));
        expect(found, `direct quote "${g.starts} … ${g.ends}"`).toBeDefined();
        expect(found?.parts.length).toBe(g.paragraphs ?? 1);
      }
      for (const term of article.not_quotes) {
        expect(texts.filter((q) => q.kind !== 'term' && q.parts.join(' ') === term), `"${term}" is not speech`).toEqual([]);
        expect(texts.some((q) => q.kind === 'term' && q.parts[0] === term), `"${term}" is kept as a term`).toBe(true);
      }
      expect(doc.messages.filter((m) => m.stage === 'quotes')).toEqual([]);
    });

    it(`${name}: every core direct quote resolves to the gold speaker`, () => {
      const doc = analyse(name);
      for (const g of article.quotes.filter((q) => q.level === 'core' && q.kind === 'direct')) {
        const quote = doc.quotes.find((q) => q.kind === 'direct' && doc.text.slice(q.content[0]?.start ?? 0, q.content[0]?.end ?? 0).startsWith(g.starts));
        const actor = doc.actors.find((a) => a.id === quote?.actor);
        expect([g.speaker, ...(g.accept ?? [])], `speaker of "${g.starts} …"`).toContain(actor?.name);
      }
    });
  }
});
