/**
 * Acceptance checks on the research corpora in ../shared. They are read in
 * place, never copied; when ../shared is absent these tests are skipped and
 * say so.
 */
import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCorpus } from '../src/analyze/analyze-corpus.js';
import { readTxt } from '../src/ingest/read-txt.js';
import { createDocument } from '../src/model/create-document.js';
import { checkInvariants } from '../src/model/check-invariants.js';
import { analyseDocument } from '../src/pipeline.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';

const SHARED = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpora');
const SEEDS = path.join(SHARED, 'seeds');
const BBC = path.join(SHARED, 'bbc-2005');

if (!existsSync(SHARED)) {
  console.warn(`shared corpora not found at ${SHARED}: seed and BBC acceptance tests are skipped`);
}

function analyseSeed(name: string) {
  const file = path.join(SEEDS, name);
  const item = readTxt(readFileSync(file), file);
  if (item.kind !== 'article') throw new Error(`${name} was not read: ${item.reason}`);
  return analyseDocument(createDocument(item.article));
}

describe.skipIf(!existsSync(SEEDS))('seed articles (../shared/corpora/seeds)', () => {
  it('the Burton seed has 26 paragraphs, the last two boilerplate, and no headline', () => {
    const doc = analyseSeed('burton-staffordshire-police.txt');
    expect(checkInvariants(doc)).toEqual([]);
    expect(doc.meta.title).toBeNull();
    expect(doc.paragraphs).toHaveLength(26);
    expect(doc.paragraphs.map((p) => p.boilerplate).lastIndexOf(false)).toBe(23);
    expect(doc.paragraphs.filter((p) => p.boilerplate).map((p) => p.id)).toEqual(['p25', 'p26']);
    expect(doc.boilerplate.map((b) => b.kind).sort()).toEqual(['advert', 'link']);
    // A full stop with no space after it still ends a sentence (checked by shape, not by copying words).
    const glued = doc.sentences.slice(1).filter((s, i) => doc.sentences[i]?.end === s.start);
    expect(glued).toHaveLength(1);
  });

  it('the Wiltshire seed has 19 paragraphs and no boilerplate', () => {
    const doc = analyseSeed('wiltshire-police.txt');
    expect(checkInvariants(doc)).toEqual([]);
    expect(doc.paragraphs).toHaveLength(19);
    expect(doc.boilerplate).toEqual([]);
    // No sentence ends after a title abbreviation such as "Mr".
    for (const s of doc.sentences) expect(doc.text.slice(s.start, s.end)).not.toMatch(/\b(?:Mr|Mrs|Dr|Det|Insp|Supt|Sgt|Cllr)\.?$/);
  });
});

describe.skipIf(!existsSync(BBC))('BBC 2004-05 corpus (../shared/corpora/bbc-2005)', () => {
  it('ingests all 2,225 articles with no error, each with a headline and sane invariants', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-bbc-'));
    const store = openSqliteStore(path.join(dir, 'bbc.db'));
    try {
      const summary = await analyzeCorpus([BBC], store);
      expect(summary.problems).toEqual([]);
      expect(summary.counts.rejected).toBe(0);
      // The corpus holds a few exact duplicates: every file is either stored or a duplicate.
      expect(summary.counts.stored + summary.counts.duplicate).toBe(2225);
      const rows = await store.listArticles({ limit: 5000 });
      expect(rows.every((row) => row.title !== null)).toBe(true);
      for (const row of rows.filter((_, i) => i % 97 === 0)) {
        const doc = await store.getArticle(row.id);
        expect(doc && checkInvariants(doc)).toEqual([]);
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
