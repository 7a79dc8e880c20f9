/**
 * The concordance found through the full-text index's word positions gives
 * exactly what reading every text gives: the same rows, totals and article
 * counts, over fictional articles written to trip the two up (diacritics,
 * apostrophe styles, hyphens, prefixes, phrases across punctuation, repeated
 * words, titles holding the word, filters).
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textDocument } from '../../test/helpers/text-document.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { kwic, MAX_OCCURRENCES, type KwicOptions, type KwicResult, type KwicSort } from './kwic.js';
import { wordIndexOf } from './word-index.js';

interface Article {
  title: string;
  outlet: string;
  published: string | null;
  text: string;
}

const ARTICLES: readonly Article[] = [
  {
    title: 'Economy grows',
    outlet: 'Vale Gazette',
    published: '2024-03-14',
    text: 'The economy grew by 2%, economists said. "We don\'t expect the economic outlook to change," said the chief executive of the Vale Chamber. The government welcomed the figures.',
  },
  {
    title: 'Café owners fear the economy',
    outlet: 'Northmoor Echo',
    published: '2024-05-02',
    text: 'Owners of the Café Rouge in Kelderby don’t agree. The chief-executive, Zoë Ångström, said: “The government’s economic plan? We DON’T like it.” Economies of scale, she said, favour chains. Cafe owners met at the CAFÉ.',
  },
  {
    title: 'The government and the economy',
    outlet: 'Vale Gazette',
    published: '2023-11-20',
    text: 'No word of it here: a bus route to Valesford will end in January. Bye bye bye, said the driver. Bye. Bye bye.',
  },
  {
    title: 'Wire',
    outlet: 'Regional Wire',
    published: null,
    text: 'The Government -- not the council -- runs the economy... Chief — executive pay rose; the chief executive\'s pay rose most. ECONOMIC news: the economy, the economy, the economy.',
  },
  {
    title: 'Dated by year',
    outlet: 'Regional Wire',
    published: '2024',
    text: 'Economy-class seats. The government\'s economists: "the government." Naïve naive NAÏVE naïveté. Don t confuse don\'t with dont.',
  },
];

let store: Store;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'verbatim-kwic-'));
  store = openSqliteStore(path.join(dir, 'kwic.db'));
  const run = await store.beginRun({ command: 'test', inputs: [], extractorVersion: 'test' });
  const docs = ARTICLES.map((a, i) =>
    textDocument(a.text, { file: `kwic-${i + 1}.txt`, meta: { title: a.title, outlet: a.outlet, published: a.published } }),
  );
  await store.writeBatch(run, { articles: docs.map((doc, i) => ({ item: `kwic-${i + 1}.txt`, doc, extractorVersion: 'test', replace: false })), log: [] });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const PATTERNS = [
  'economy',
  'econom*',
  'ECONOMIC',
  "don't",
  'don’t',
  'don*',
  'chief executive',
  'chief exec*',
  'the government',
  'government',
  'the economy',
  'the economy the',
  'bye bye',
  'bye bye bye',
  'bye',
  'cafe',
  'café',
  'naive',
  'naïve*',
  'zoe angstrom',
  'valesford',
  'absent',
  'absent word',
];
const FILTERS: Pick<KwicOptions, 'outlet' | 'from' | 'to'>[] = [{}, { outlet: 'vale gazette' }, { from: '2024' }, { to: '2024-03' }, { outlet: 'Regional Wire', from: '2024-01' }];
const SORTS: KwicSort[] = ['article', 'left', 'right'];

/** Every row's keyword and context are the text at its offsets. */
function checkRows(result: KwicResult): void {
  for (const row of result.rows) {
    const text = ARTICLES.find((a) => a.title === row.title)?.text ?? '';
    expect(text.slice(row.start, row.end)).toBe(row.keyword);
    expect(text.slice(row.leftStart, row.start)).toBe(row.left);
    expect(text.slice(row.end, row.rightEnd)).toBe(row.right);
  }
}

describe('kwic through the index', () => {
  it('finds exactly what reading the texts finds, for every pattern, filter, sort and page', async () => {
    // The index path never falls back to searching every candidate text here: text and index agree on every word.
    let fellBack = 0;
    const indexed: Store = Object.create(store) as Store;
    indexed.fullTextRowids = async (match) => {
      fellBack++;
      return store.fullTextRowids(match);
    };
    for (const pattern of PATTERNS) {
      for (const filter of FILTERS) {
        for (const sort of SORTS) {
          for (const [offset, limit] of [[0, 100], [1, 2], [3, 1]] as const) {
            const options: KwicOptions = { pattern, ...filter, sort, offset, limit, width: 25 };
            const byText = await kwic(store, options, 'text');
            const byIndex = await kwic(indexed, options, 'index');
            expect(byIndex, JSON.stringify(options)).toEqual(byText);
            expect(await kwic(indexed, options, 'index-texts'), JSON.stringify(options)).toEqual(byText);
            expect(await kwic(store, options, 'words'), JSON.stringify(options)).toEqual(byText);
            expect(await kwic(store, options)).toEqual(byText);
            checkRows(byText);
          }
        }
      }
    }
    expect(fellBack).toBe(0);
  });

  it('counts only the texts, never a title holding the word', async () => {
    const valesford = await kwic(store, { pattern: 'the government', outlet: 'Vale Gazette' }, 'index');
    expect(valesford.total).toBe(1);
    expect(valesford.rows.map((r) => r.title)).toEqual(['Economy grows']);
  });

  it('finds the known rows: apostrophe styles, hyphens, repeated words and case', async () => {
    expect((await kwic(store, { pattern: "don't" }, 'index')).rows.map((r) => r.keyword)).toEqual(['Don t', "don't", "don't", 'don’t', 'DON’T']);
    expect((await kwic(store, { pattern: 'chief executive' }, 'index')).rows.map((r) => r.keyword)).toEqual(['chief executive', 'chief-executive', 'Chief — executive', 'chief executive']);
    // One after another, as a text is read: "bye bye bye" holds one "bye bye".
    expect((await kwic(store, { pattern: 'bye bye' }, 'index')).total).toBe(2);
    expect((await kwic(store, { pattern: 'econom*' }, 'index')).total).toBe(12);
  });

  it('reads only the page’s articles when sorted by article', async () => {
    const read: number[][] = [];
    const spy: Store = Object.create(store) as Store;
    spy.articleTextsByRowid = async (rowids) => {
      read.push([...rowids]);
      return store.articleTextsByRowid(rowids);
    };
    const page = await kwic(spy, { pattern: 'the economy', limit: 1 }, 'index');
    expect(page.total).toBe(5);
    expect(page.articles).toBe(2);
    expect(read).toEqual([[1]]);
  });

  it('sorts by context from the word index, reading only the page’s texts', async () => {
    const bodies: number[][] = [];
    const pages: number[][] = [];
    const spy: Store = Object.create(store) as Store;
    spy.articleTextBodiesByRowid = async (rowids) => {
      bodies.push([...rowids]);
      return store.articleTextBodiesByRowid(rowids);
    };
    spy.articleTextsByRowid = async (rowids) => {
      pages.push([...rowids]);
      return store.articleTextsByRowid(rowids);
    };
    for (const sort of ['left', 'right'] as const) {
      const page = await kwic(spy, { pattern: 'the economy', sort, limit: 2 }, 'index');
      expect(page).toEqual(await kwic(store, { pattern: 'the economy', sort, limit: 2 }, 'text'));
    }
    expect(bodies).toEqual([]);
    expect(pages.every((rowids) => rowids.length <= 2)).toBe(true);
    // Without the word index, the texts of every article counted are read.
    await kwic(spy, { pattern: 'the economy', sort: 'left', limit: 2 }, 'index-texts');
    expect(bodies.flat().sort()).toEqual([1, 4]);
  });

  it('reads the word index only when asked (as a server does), then sorts by context from it', async () => {
    const loads: number[] = [];
    const bodies: number[][] = [];
    const spy: Store = Object.create(store) as Store;
    spy.articleWordIds = async (after, limit) => {
      loads.push(after);
      return store.articleWordIds(after, limit);
    };
    spy.articleTextBodiesByRowid = async (rowids) => {
      bodies.push([...rowids]);
      return store.articleTextBodiesByRowid(rowids);
    };
    // One concordance: the texts, no word index.
    const byText = await kwic(spy, { pattern: 'econom*', sort: 'left' });
    expect(loads).toEqual([]);
    expect(bodies.length).toBeGreaterThan(0);
    // Held (read as `verbatim serve` does at start): no text searched.
    await wordIndexOf(spy, await store.changeToken());
    expect(loads).toEqual([0]);
    bodies.length = 0;
    expect(await kwic(spy, { pattern: 'econom*', sort: 'right' })).toEqual(await kwic(store, { pattern: 'econom*', sort: 'right' }, 'text'));
    expect(await kwic(spy, { pattern: 'the economy', sort: 'left' })).toEqual(await kwic(store, { pattern: 'the economy', sort: 'left' }, 'text'));
    expect(bodies).toEqual([]);
    expect(byText).toEqual(await kwic(store, { pattern: 'econom*', sort: 'left' }, 'text'));
  });

  it('refuses a pattern found too often from the index, with filters counting only the articles they keep', async () => {
    const many = path.join(dir, 'many.db');
    const other = openSqliteStore(many);
    try {
      const run = await other.beginRun({ command: 'test', inputs: [], extractorVersion: 'test' });
      const docs = [
        textDocument(`Na ${'na '.repeat(MAX_OCCURRENCES)}`, { file: 'many.txt', meta: { title: 'Many', outlet: 'Wire', published: '2024-01-01' } }),
        textDocument('Na na, said the chorus.', { file: 'few.txt', meta: { title: 'Few', outlet: 'Gazette', published: '2024-01-02' } }),
      ];
      await other.writeBatch(run, { articles: docs.map((doc, i) => ({ item: `many-${i}.txt`, doc, extractorVersion: 'test', replace: false })), log: [] });
      for (const strategy of ['index', 'index-texts', 'words', 'text'] as const) {
        await expect(kwic(other, { pattern: 'na' }, strategy)).rejects.toThrow(/the pattern "na" occurs more than 200,000 times: narrow it/u);
        await expect(kwic(other, { pattern: 'na', outlet: 'Wire' }, strategy)).rejects.toThrow(/occurs more than 200,000 times/u);
        expect((await kwic(other, { pattern: 'na', outlet: 'Gazette' }, strategy)).total).toBe(2);
        expect((await kwic(other, { pattern: 'na chorus' }, strategy)).total).toBe(0);
      }
    } finally {
      await other.close();
    }
  });

  it('reads the texts of an article whose word index row is damaged', async () => {
    const file = path.join(dir, 'damaged.db');
    const other = openSqliteStore(file);
    try {
      const run = await other.beginRun({ command: 'test', inputs: [], extractorVersion: 'test' });
      const docs = ARTICLES.map((a, i) => textDocument(a.text, { file: `damaged-${i}.txt`, meta: { title: a.title, outlet: a.outlet, published: a.published } }));
      await other.writeBatch(run, { articles: docs.map((doc, i) => ({ item: `damaged-${i}.txt`, doc, extractorVersion: 'test', replace: false })), log: [] });
      const raw = new BetterSqlite3(file);
      raw.prepare('UPDATE article_words SET ids = ? WHERE article = 2').run(Buffer.from([0x80]));
      raw.close();
      for (const sort of SORTS) {
        for (const pattern of ['the government', 'econom*', 'cafe']) {
          expect(await kwic(other, { pattern, sort }, 'index')).toEqual(await kwic(other, { pattern, sort }, 'text'));
        }
      }
    } finally {
      await other.close();
    }
  });

  it('falls back to the texts where a text and the index read a word differently', async () => {
    // "cafe" + a combining acute: the index drops the mark and reads "cafe"; the text's word is "café" (decomposed), which the pattern "cafe" does not match.
    const odd = path.join(dir, 'odd.db');
    const other = openSqliteStore(odd);
    try {
      const run = await other.beginRun({ command: 'test', inputs: [], extractorVersion: 'test' });
      const doc = textDocument('A cafe\u0301 and a cafe.', { file: 'odd.txt', meta: { title: 'Odd', outlet: 'Wire', published: '2024-01-01' } });
      await other.writeBatch(run, { articles: [{ item: 'odd.txt', doc, extractorVersion: 'test', replace: false }], log: [] });
      for (const sort of SORTS) {
        const byText = await kwic(other, { pattern: 'cafe', sort }, 'text');
        expect(byText.total).toBe(1);
        expect(await kwic(other, { pattern: 'cafe', sort }, 'index')).toEqual(byText);
        expect(await kwic(other, { pattern: 'cafe', sort }, 'index-texts')).toEqual(byText);
        expect(await kwic(other, { pattern: 'cafe', sort }, 'words')).toEqual(byText);
      }
    } finally {
      await other.close();
    }
  });
});
