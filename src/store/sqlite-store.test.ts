import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textDocument } from '../../test/helpers/text-document.js';
import type { Document } from '../model/document.js';
import { foldedWords } from '../search/fold.js';
import { unpackWordIds } from '../search/word-ids.js';
import { SCHEMA_VERSION } from './migrations.js';
import { openSqliteStore } from './sqlite-store.js';
import { StoreError, type Store } from './store.js';

function makeDoc(text: string, meta: Partial<Document['meta']> = {}): Document {
  const doc = textDocument(text, { meta });
  doc.paragraphs.push({ id: 'p1', start: 0, end: text.length, boilerplate: false });
  return doc;
}

describe('sqlite store', () => {
  let dir: string;
  let store: Store;
  let runId: number;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-store-'));
    store = openSqliteStore(path.join(dir, 'test.db'));
    runId = await store.beginRun({ command: 'test', inputs: [], extractorVersion: 'v1' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips a document exactly, text and annotations', async () => {
    const doc = makeDoc('Cllr Ann Vale said the plan was sound.', {
      title: 'Plan backed', outlet: 'Vale Gazette', published: '2024-03-14', url: 'https://vale.example/a',
    });
    doc.messages.push({ stage: 'test', rule: 'test.rule', severity: 'info', reason: 'kept', span: { start: 0, end: 4 } });
    await store.writeBatch(runId, { articles: [{ item: 'a.txt', doc, extractorVersion: 'v1', replace: false }], log: [] });
    expect(await store.getArticle(doc.id)).toEqual(doc);
    expect(await store.getArticle('a-missing-id')).toBeUndefined();
  });

  it('keeps quotes and speakers as rows, replaced (never doubled) when an article is re-analysed', async () => {
    const text = 'Cllr Ann Vale said the plan was sound, and an_other 50% said no.';
    const doc = makeDoc(text, { published: '2024-03-14' });
    doc.actors.push({
      id: 'x1',
      type: 'person',
      name: 'Ann Vale',
      key: 'person:ann vale',
      titles: [{ start: 0, end: 4, value: 'Councillor', rule: 'test' }],
      roles: [],
      organisations: [],
      mentions: [{ start: 0, end: 13, rule: 'test' }],
    });
    doc.quotes.push(
      { id: 'q1', kind: 'indirect', content: [{ start: 19, end: 37 }], cue: { start: 14, end: 18 }, speaker: { start: 0, end: 13 }, actor: 'x1', rule: 'test', confidence: 0.5 },
      { id: 'q2', kind: 'term', content: [{ start: 23, end: 27 }], cue: null, speaker: null, actor: null, rule: 'test', confidence: 0.5 },
    );
    await store.writeBatch(runId, { articles: [{ item: 'a.txt', doc, extractorVersion: 'v1', replace: false }], log: [] });
    await store.writeBatch(runId, { articles: [{ item: 'a.txt', doc, extractorVersion: 'v2', replace: true }], log: [] });
    const rows = await store.listQuotes({ speaker: 'ann' });
    expect(rows).toEqual([
      expect.objectContaining({ articleId: doc.id, id: 'q1', kind: 'indirect', content: 'the plan was sound', cue: 'said', speaker: 'Cllr Ann Vale', actor: { id: 'x1', name: 'Ann Vale', type: 'person' }, start: 19, end: 37 }),
    ]);
    expect(await store.listQuotes({ kind: 'direct' })).toEqual([]);
    expect(await store.countOtherVersions('v2')).toBe(0);
    // People's identity decisions live apart from the machine's rows: re-analysis keeps them.
    const id = await store.addIdentityDecision({ action: 'rename', key: 'person:ann vale', name: 'Ann Vale-Jones' });
    await store.writeBatch(runId, { articles: [{ item: 'a.txt', doc, extractorVersion: 'v3', replace: true }], log: [] });
    expect(await store.identityDecisions()).toEqual([{ id, at: expect.any(String), action: 'rename', key: 'person:ann vale', name: 'Ann Vale-Jones' }]);
    expect((await store.listActorRows({ name: 'vale' })).map((r) => r.key)).toEqual(['person:ann vale']);
    expect(await store.countOtherVersions('v3')).toBe(0);
    expect(await store.countOtherVersions('v2')).toBe(1);
    // LIKE's wildcards in a filter are literal characters.
    expect(await store.listQuotes({ speaker: '%' })).toEqual([]);
    expect(await store.listActorRows({})).toEqual([
      { articleId: doc.id, actorId: 'x1', type: 'person', name: 'Ann Vale', key: 'person:ann vale', titles: ['Councillor'], roles: [], organisations: [], mentions: 1, quotes: 1, published: '2024-03-14' },
    ]);
  });

  it('keeps statements as rows replaced on re-analysis, and codings apart, untouched by it', async () => {
    const text = 'Supt Ann Vale said the force would not work with street watchers.';
    const doc = makeDoc(text, { published: '2024-03-14' });
    doc.actors.push({ id: 'x1', type: 'person', name: 'Ann Vale', key: 'person:ann vale', titles: [], roles: [], organisations: [{ start: 0, end: 4, value: 'Vale Police', rule: 'test' }], mentions: [{ start: 0, end: 13, rule: 'test' }] });
    doc.statements.push({ id: 't1', proposition: 'p1', start: 19, end: 65, actor: 'x1', quote: null, polarity: 'oppose', modality: 'firm', cues: [{ start: 36, end: 39, value: 'not', rule: 'stance.negator' }], rule: 'stance.action.negated' });
    await store.writeBatch(runId, { articles: [{ item: 'a.txt', doc, extractorVersion: 'v1', replace: false }], log: [] });
    await store.setPropositions([{ id: 'p1', text: 'Police should work with street watchers', targets: ['street watcher'], anaphora: [], support: [], oppose: [], favoursTarget: true }], 'abc');
    const codingId = await store.addCoding({ article: doc.id, proposition: 'p1', start: 19, end: 65, coder: 'ana', polarity: 'neutral', actorKey: null, note: 'a forecast' });
    // The same coder again replaces their call; another coder adds one.
    expect(await store.addCoding({ article: doc.id, proposition: 'p1', start: 19, end: 65, coder: 'ana', polarity: 'oppose', actorKey: null, note: null })).toBe(codingId);
    await store.addCoding({ article: doc.id, proposition: 'p1', start: 19, end: 65, coder: 'ben', polarity: 'support', actorKey: null, note: null });
    const [row] = await store.listStatements({ proposition: 'p1' });
    expect(row).toMatchObject({ id: 't1', text: 'the force would not work with street watchers.', actor: { name: 'Ann Vale' }, organisations: ['Vale Police'], polarity: 'oppose', published: '2024-03-14' });
    expect(row?.cues).toEqual(doc.statements[0]?.cues);
    // Re-analysis without statements clears the machine's rows; codings and propositions stay.
    const again = makeDoc(text, { published: '2024-03-14' });
    await store.writeBatch(runId, { articles: [{ item: 'a.txt', doc: again, extractorVersion: 'v2', replace: true }], log: [] });
    expect(await store.listStatements({})).toEqual([]);
    expect((await store.codings({})).map((c) => [c.coder, c.polarity])).toEqual([['ana', 'oppose'], ['ben', 'support']]);
    expect((await store.propositions()).propositions.map((p) => p.id)).toEqual(['p1']);
    expect((await store.getArticle(doc.id))?.statements).toEqual([]);
  });

  it('keeps near-duplicate groups, says when articles came since, and counts each group once when asked', async () => {
    const texts = ['The Vale bus fares rise in May.', 'The Vale bus fares rise in May, the council said.', 'Kelder library reopens.'];
    const docs = texts.map((t, i) => makeDoc(t, { published: `2024-0${i + 1}-10`, outlet: i === 2 ? 'Kelder Post' : 'Vale Gazette' }));
    await store.writeBatch(runId, { articles: docs.slice(0, 2).map((doc, i) => ({ item: `${i}.txt`, doc, extractorVersion: 'v1', replace: false })), log: [] });
    const [first, copy, other] = docs.map((d) => d.id) as [string, string, string];
    expect(await store.nearDuplicates()).toEqual({ foundAt: null, seconds: null, stale: false, groups: 0, copies: 0 });
    // Saved with every article's signature (none: too short), as grouping does.
    const unsigned = async () => (await store.articlesToSign(false)).map(({ rowid, seq }) => ({ rowid, seq, signature: null }));
    expect(await unsigned()).toHaveLength(2);
    await store.saveNearDuplicates([{ articleId: first, firstId: first, containment: 1 }, { articleId: copy, firstId: first, containment: 0.8 }], 0.25, await unsigned());
    expect(await unsigned()).toEqual([]);
    expect((await store.articleSignatures(0, 10)).map((s) => [s.id, s.signature])).toEqual([[first, null], [copy, null]]);
    const state = await store.nearDuplicates();
    expect(state).toMatchObject({ seconds: 0.25, stale: false, groups: 1, copies: 1 });
    expect(await store.nearDuplicateCopies()).toEqual([copy]);
    expect(Number.isNaN(Date.parse(state.foundAt ?? ''))).toBe(false);
    expect((await store.totals()).articles).toBe(2);
    expect((await store.totals({ dedupe: true })).articles).toBe(1);
    expect(await store.articlesPerMonth({ dedupe: true })).toEqual([{ month: '2024-01', articles: 1 }]);
    // A new article makes the groups out of date (it may belong to one); they stay usable.
    await store.writeBatch(runId, { articles: [{ item: '2.txt', doc: docs[2] as Document, extractorVersion: 'v1', replace: false }], log: [] });
    expect(await store.nearDuplicates()).toMatchObject({ stale: true, copies: 1 });
    expect((await store.totals({ dedupe: true })).articles).toBe(2);
    expect(other).not.toBe(first);
    // Saving again replaces the groups whole; an article never signed leaves them out of date.
    await store.saveNearDuplicates([], 0.1);
    expect(await store.nearDuplicates()).toMatchObject({ stale: true, groups: 0, copies: 0 });
    await store.saveNearDuplicates([], 0.1, await unsigned());
    expect(await store.nearDuplicates()).toMatchObject({ stale: false, groups: 0, copies: 0 });
    expect(await store.nearDuplicateCopies()).toEqual([]);
    expect((await store.totals({ dedupe: true })).articles).toBe(3);
  });

  it('finds stored hashes with their id, version and source', async () => {
    const doc = makeDoc('Harbridge council approved the budget.');
    await store.writeBatch(runId, { articles: [{ item: 'a.txt', doc, extractorVersion: 'v1', replace: false }], log: [] });
    const found = await store.findByHashes([doc.hash, 'f'.repeat(64)]);
    expect(found.size).toBe(1);
    expect(found.get(doc.hash)).toEqual({ id: doc.id, extractorVersion: 'v1', source: { file: 'fixture.txt', format: 'txt' } });
  });

  it('stores the rest of a batch when one article fails, and logs the failure', async () => {
    const first = makeDoc('The bus route will close in May.');
    const again = makeDoc('The bus route will close in May.'); // same id and hash: the insert fails
    const other = makeDoc('The hospital opened a new ward.');
    const failed = await store.writeBatch(runId, {
      articles: [
        { item: 'one.txt', doc: first, extractorVersion: 'v1', replace: false },
        { item: 'two.txt', doc: again, extractorVersion: 'v1', replace: false },
        { item: 'three.txt', doc: other, extractorVersion: 'v1', replace: false },
      ],
      log: [{ item: 'notes.md', status: 'skipped', rule: 'ingest.unsupported-format', reason: 'not an article' }],
    });
    expect(failed.map((entry) => entry.item)).toEqual(['two.txt']);
    expect((await store.totals()).articles).toBe(2);
    const log = await store.ingestLog({ runId });
    expect(log.map((entry) => `${entry.item}:${entry.status}`)).toEqual([
      'one.txt:stored', 'two.txt:rejected', 'three.txt:stored', 'notes.md:skipped',
    ]);
    expect(log[1]?.rule).toBe('store.write-failed');
  });

  it('replaces annotations in place when re-analysing', async () => {
    const doc = makeDoc('Police said the road would reopen.');
    await store.writeBatch(runId, { articles: [{ item: 'a.txt', doc, extractorVersion: 'v1', replace: false }], log: [] });
    doc.paragraphs = [];
    await store.writeBatch(runId, { articles: [{ item: 'a.txt', doc, extractorVersion: 'v2', replace: true }], log: [] });
    expect((await store.getArticle(doc.id))?.paragraphs).toEqual([]);
    expect((await store.findByHashes([doc.hash])).get(doc.hash)?.extractorVersion).toBe('v2');
    expect((await store.totals()).articles).toBe(1);
  });

  it('filters by outlet, date range and full text, and explains a bad query', async () => {
    const docs = [
      makeDoc('Wessex Vale Police ruled out the plan.', { outlet: 'Vale Gazette', published: '2023-11-02' }),
      makeDoc('The trust backed the plan in spring.', { outlet: 'Northmoor Echo', published: '2024-04' }),
      makeDoc('Councillors met on Tuesday.', { outlet: 'Vale Gazette', published: null }),
    ];
    await store.writeBatch(runId, {
      articles: docs.map((doc, i) => ({ item: `${i}.txt`, doc, extractorVersion: 'v1', replace: false })),
      log: [],
    });
    const ids = async (filter: Parameters<Store['listArticles']>[0]) =>
      (await store.listArticles(filter)).map((row) => row.id);
    expect(await ids({ outlet: 'vale gazette' })).toEqual([docs[0]?.id, docs[2]?.id]);
    expect(await ids({ from: '2024-01-01' })).toEqual([docs[1]?.id]);
    expect(await ids({ to: '2024-04' })).toEqual([docs[0]?.id, docs[1]?.id]);
    expect(await ids({ to: '2023' })).toEqual([docs[0]?.id]);
    expect(await ids({ query: 'plan' })).toHaveLength(2);
    expect(await ids({ query: '"ruled out"' })).toEqual([docs[0]?.id]);
    await expect(store.listArticles({ query: 'plan AND (' })).rejects.toThrow(StoreError);
    await expect(store.listArticles({ query: '"ruled' })).rejects.toThrow(/unterminated/u);
    expect(await store.findIds(docs[0]?.id.slice(0, 6) ?? '', 5)).toContain(docs[0]?.id);
  });

  it('migrates a new file once and refuses one from a newer verbatim', async () => {
    const file = path.join(dir, 'versions.db');
    await openSqliteStore(file).close();
    const raw = new BetterSqlite3(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openSqliteStore(file)).toThrow(/newer than this verbatim understands/);
  });

  it('builds the word index for the articles of a database made before it (migration 7)', async () => {
    const texts = ['Wessex Vale Police ruled out the plan.', 'The trust backed the plan in spring.', 'Councillors met on Tuesday.'];
    await store.writeBatch(runId, { articles: texts.map((t, i) => ({ item: `${i}.txt`, doc: makeDoc(t), extractorVersion: 'v1', replace: false })), log: [] });
    const held = async (s: Store): Promise<string[][]> => {
      const rows = await s.articleWordIds(0, 100);
      const words = await s.wordsFrom(0);
      return rows.map((r) => {
        const ids = new Uint32Array(r.ids.length);
        const n = unpackWordIds(r.ids, ids, 0);
        return [...ids.subarray(0, n)].map((id) => words[id] ?? '?');
      });
    };
    const written = await held(store);
    expect(written).toEqual(texts.map((t) => foldedWords(t)));
    await store.close();
    // As a database of schema 6 was: no word index.
    const file = path.join(dir, 'test.db');
    const raw = new BetterSqlite3(file);
    raw.exec('DROP TABLE article_signatures; DROP TABLE article_words; DROP TABLE words;');
    raw.pragma('user_version = 6');
    raw.close();
    store = openSqliteStore(file);
    expect(await held(store)).toEqual(written);
    // And writing goes on from the words the migration stored.
    await store.writeBatch(runId, { articles: [{ item: 'more.txt', doc: makeDoc('Police met the trust.'), extractorVersion: 'v1', replace: false }], log: [] });
    expect((await held(store)).at(-1)).toEqual(['police', 'met', 'the', 'trust']);
    expect(new Set(await store.wordsFrom(0)).size).toBe((await store.wordsFrom(0)).length);
  });

  it('refuses a file that is not a database, naming it', () => {
    const file = path.join(dir, 'not-a.db');
    writeFileSync(file, 'this is plain text, not SQLite\n'.repeat(200));
    expect(() => openSqliteStore(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});
