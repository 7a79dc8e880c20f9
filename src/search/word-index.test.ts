/**
 * The word index as written by the store and held in memory: every stored
 * article's folded words, brought up to date incrementally, consistent after
 * a failed write, and given up when too large.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textDocument } from '../../test/helpers/text-document.js';
import type { Document } from '../model/document.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { foldedWords } from './fold.js';
import { contextKey, scanWords, wordIndexOf, wordKeys, type WordIndex } from './word-index.js';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'verbatim-words-'));
  store = openSqliteStore(path.join(dir, 'words.db'));
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function write(docs: Document[], replace = false): Promise<string[]> {
  const run = await store.beginRun({ command: 'test', inputs: [], extractorVersion: 'test' });
  const failed = await store.writeBatch(run, { articles: docs.map((doc, i) => ({ item: `a${i}.txt`, doc, extractorVersion: 'test', replace })), log: [] });
  return failed.map((f) => f.item);
}

const doc = (text: string, file = `${text.slice(0, 12)}.txt`): Document => textDocument(text, { file, meta: { title: null, outlet: 'Vale Gazette', published: '2024-01-01' } });

/** Every stored article's words as the index holds them, by text. */
async function heldWords(index: WordIndex): Promise<Map<string, string[]>> {
  const rowids = (await store.articleWordIds(0, 1000)).map((r) => r.rowid);
  const texts = await store.articleTextsByRowid(rowids);
  return new Map(texts.map((t) => [t.text, [...(index.articleIds(t.rowid) ?? [])].map((id) => index.words[id] ?? '?')]));
}

const current = async (): Promise<WordIndex> => {
  const index = await wordIndexOf(store, await store.changeToken());
  if (index === null) throw new Error('no word index');
  return index;
};

describe('word index', () => {
  it('holds each article’s folded words, and reads only the articles stored since', async () => {
    const asked: number[] = [];
    const spy: Store = Object.create(store) as Store;
    spy.articleWordIds = async (after, limit) => {
      asked.push(after);
      return store.articleWordIds(after, limit);
    };
    const held = async (): Promise<WordIndex> => {
      const index = await wordIndexOf(spy, await store.changeToken());
      if (index === null) throw new Error('no word index');
      return index;
    };
    const first = ['Zoë Ångström’s café reopened.', 'The café—and the CAFÉ next door—closed.'];
    await write(first.map((t) => doc(t)));
    const index = await held();
    expect(await heldWords(index)).toEqual(new Map(first.map((t) => [t, foldedWords(t)])));
    expect(index.articles).toBe(2);
    expect(asked).toEqual([0]);

    await write([doc('A new bakery opened on Mill Lane.')]);
    expect(await held()).toBe(index);
    expect(index.articles).toBe(3);
    expect((await heldWords(index)).get('A new bakery opened on Mill Lane.')).toEqual(['a', 'new', 'bakery', 'opened', 'on', 'mill', 'lane']);
    expect(asked).toEqual([0, 2]);
    // Unchanged store: nothing read.
    await held();
    expect(asked).toEqual([0, 2]);
  });

  it('holds an article again when it is written again with another text', async () => {
    const before = doc('The council met on Monday.', 'council.txt');
    await write([before]);
    const index = await current();
    const after: Document = { ...doc('The council met on Tuesday instead.', 'council.txt'), id: before.id, hash: before.hash };
    expect(await write([after], true)).toEqual([]);
    await wordIndexOf(store, await store.changeToken());
    expect(index.articles).toBe(1);
    expect([...(await heldWords(index)).values()]).toEqual([['the', 'council', 'met', 'on', 'tuesday', 'instead']]);
  });

  it('keeps ids and words consistent when an article fails to store after its words were given ids', async () => {
    await write([doc('Ferry services resumed.')]);
    const failing = doc('Zebras and quaggas escaped.');
    const quote = { id: 'q1', kind: 'direct' as const, content: [{ start: 0, end: 6 }], cue: null, speaker: null, actor: null, rule: 'test', confidence: 1 };
    failing.quotes.push(quote, { ...quote }); // the same quote id twice: the article's write fails after its words
    const next = doc('Quaggas and okapis were recaptured.');
    expect(await write([failing, next])).toEqual(['a0.txt']);
    const index = await current();
    expect(await heldWords(index)).toEqual(
      new Map([
        ['Ferry services resumed.', ['ferry', 'services', 'resumed']],
        ['Quaggas and okapis were recaptured.', ['quaggas', 'and', 'okapis', 'were', 'recaptured']],
      ]),
    );
    expect(index.words).not.toContain('zebras');
  });

  it('holds nothing when the words would take more than the limit', async () => {
    await write([doc('One two three four five six seven eight nine ten.')]);
    const other = openSqliteStore(path.join(dir, 'words.db'));
    try {
      expect(await wordIndexOf(other, await other.changeToken(), { ifHeld: true })).toBeNull();
      expect(await wordIndexOf(other, await other.changeToken(), { limit: 16 })).toBeNull();
      expect(await wordIndexOf(other, await other.changeToken())).toBeNull();
    } finally {
      await other.close();
    }
  });

  it('finds phrases as a text is read, and ranks keys as their strings compare', async () => {
    const text = 'Bye bye bye, said the driver. Bye-bye! The Byelaw says "bye".';
    await write([doc(text)]);
    const index = await current();
    const rowids = Int32Array.from((await store.articleWordIds(0, 10)).map((r) => r.rowid));
    const found = (words: string[], prefix = false): number[] => {
      const scanned = scanWords(index, rowids, { words, prefix }, 100);
      if (scanned === null || scanned === 'too many') throw new Error(String(scanned));
      return [...scanned.at];
    };
    // One after another: "bye bye" twice (words 0-1 and 6-7), never overlapping.
    expect(found(['bye', 'bye'])).toEqual([0, 6]);
    expect(found(['bye'])).toEqual([0, 1, 2, 6, 7, 11]);
    expect(found(['bye'], true)).toEqual([0, 1, 2, 6, 7, 9, 11]);
    expect(found(['the', 'byelaw'])).toEqual([8]);
    expect(found(['absent'])).toEqual([]);
    expect(scanWords(index, rowids, { words: ['bye'], prefix: false }, 3)).toBe('too many');
    expect(scanWords(index, Int32Array.from([999]), { words: ['bye'], prefix: false }, 3)).toBeNull();

    // Left keys of every "bye*": ordered by ranks exactly as by their strings.
    const scanned = scanWords(index, rowids, { words: ['bye'], prefix: true }, 100);
    if (scanned === null || scanned === 'too many') throw new Error('not found');
    const keys = wordKeys(index, scanned, 1, 'left');
    if (keys === null) throw new Error('no keys');
    const words = foldedWords(text);
    const strings = [...scanned.at].map((at) => contextKey(words.slice(Math.max(0, at - 4), at).reverse(), [words[at] ?? '']));
    const byRanks = strings.map((_, i) => i).sort((x, y) => {
      for (let k = 0; k < keys.width; k++) {
        const d = (keys.ranks[x * keys.width + k] ?? 0) - (keys.ranks[y * keys.width + k] ?? 0);
        if (d !== 0) return d;
      }
      return x - y;
    });
    const byStrings = strings.map((_, i) => i).sort((x, y) => ((strings[x] ?? '') < (strings[y] ?? '') ? -1 : (strings[x] ?? '') > (strings[y] ?? '') ? 1 : x - y));
    expect(byRanks).toEqual(byStrings);
    expect(byRanks[0]).toBe(0); // nothing before the first word: fewest words first
  });
});
