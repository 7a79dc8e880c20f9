/**
 * Search and concordance over a small store of fictional articles: known
 * words in known places, sentences cut by hand, one actor per article.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textDocument } from '../../test/helpers/text-document.js';
import { runCli } from '../cli/run-cli.js';
import type { Actor, Document } from '../model/document.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { StoreError, type Store } from '../store/store.js';
import { KWIC_COLUMNS, markedSnippet, SEARCH_COLUMNS } from './columns.js';
import { foldText } from './fold.js';
import { kwic, MAX_OCCURRENCES, type KwicRow } from './kwic.js';
import { QueryError } from './query.js';
import { search, SNIPPET_LENGTH, type SearchRow } from './search.js';

interface FixtureArticle {
  title: string;
  outlet: string;
  published: string | null;
  body: string;
  actor: string;
}

const ARTICLES: readonly FixtureArticle[] = [
  {
    title: 'Hunter groups face council vote',
    outlet: 'Vale Gazette',
    published: '2024-03-14',
    actor: 'Ann Vale',
    body:
      'Councillors in Harbridge will vote on Tuesday on a motion about paedophile hunter groups. ' +
      'The council leader, Cllr Ann Vale, said paedophile hunters were "not the answer". ' +
      "Police said they don't work with such groups and never will.",
  },
  {
    title: 'Founder says he is not going anywhere',
    outlet: 'Northmoor Echo',
    published: '2024-05-02',
    actor: 'Dan Rook',
    body:
      'The founder of a paedophile-hunter group, Dan Rook, said his volunteers would keep hunting. ' +
      'He said: “We don’t stop, and we won’t co-operate with a council that ignores us.” ' +
      'A Northmoor Echo reporter watched a sting at Café Rouge in Kelderby.',
  },
  {
    title: 'Valesford bus route axed',
    outlet: 'Vale Gazette',
    published: '2023-11-20',
    actor: 'Mia Thorn',
    body:
      'The number 12 bus route to Valesford will end in January, the operator said. ' +
      'Mia Thorn, who runs the route, said the council had cut its grant. ' +
      'Passengers said the cafe by the stop would lose trade.',
  },
  {
    title: 'Wire: groups criticised',
    outlet: 'Regional Wire',
    published: null,
    actor: 'Ravi Mistry',
    body:
      'PAEDOPHILE HUNTERS were criticised by Supt Ravi Mistry, who said the hunters’ stings put children at risk. ' +
      'He said police would not work alongside such hunter groups. Groups of hunters, he said, are no substitute for officers.',
  },
];

/** Sentences cut after ., ! or ? (and a closing quote mark) before a space. */
function sentencesOf(text: string, from: number): Document['sentences'] {
  const out: Document['sentences'] = [];
  const cut = /[.!?]["”]?(?=\s|$)/gu;
  let start = from;
  for (const m of text.slice(from).matchAll(cut)) {
    const end = from + m.index + m[0].length;
    out.push({ id: `s${out.length + 1}`, start, end, paragraph: 'p2', firstToken: 0, endToken: 0 });
    start = end;
    while (text[start] === ' ') start++;
  }
  return out;
}

function fixtureDocument(a: FixtureArticle, i: number): Document {
  const text = `${a.title}\n\n${a.body}`;
  const doc = textDocument(text, { headline: true, file: `fixture-${i + 1}.txt`, meta: { title: a.title, outlet: a.outlet, published: a.published } });
  const bodyStart = a.title.length + 2;
  doc.paragraphs.push({ id: 'p1', start: 0, end: a.title.length, boilerplate: false }, { id: 'p2', start: bodyStart, end: text.length, boilerplate: false });
  doc.sentences.push(...sentencesOf(text, bodyStart));
  const at = text.indexOf(a.actor);
  const actor: Actor = {
    id: 'x1',
    type: 'person',
    name: a.actor,
    key: `person:${a.actor.toLowerCase()}`,
    titles: [],
    roles: [],
    organisations: [],
    mentions: [{ start: at, end: at + a.actor.length, rule: 'test' }],
  };
  doc.actors.push(actor);
  return doc;
}

interface Fixture {
  store: Store;
  path: string;
  docs: Document[];
  close: () => Promise<void>;
}

/** A store in a temporary folder holding `ARTICLES`. */
async function openFixture(articles: readonly FixtureArticle[] = ARTICLES): Promise<Fixture> {
  const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-search-'));
  const file = path.join(dir, 'search.db');
  const store = openSqliteStore(file);
  const docs = articles.map(fixtureDocument);
  const run = await store.beginRun({ command: 'test', inputs: [], extractorVersion: 'test' });
  await store.writeBatch(run, { articles: docs.map((doc, i) => ({ item: `fixture-${i + 1}.txt`, doc, extractorVersion: 'test', replace: false })), log: [] });
  return {
    store,
    path: file,
    docs,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let fixture: Fixture;
const textOf = (id: string): string => fixture.docs.find((d) => d.id === id)?.text ?? '';
const titleOf = (id: string): string => fixture.docs.find((d) => d.id === id)?.meta.title ?? '';
const titles = (rows: readonly { title: string | null }[]): (string | null)[] => rows.map((r) => r.title);

beforeAll(async () => {
  fixture = await openFixture();
});
afterAll(async () => {
  await fixture.close();
});

/** What every search row must hold: the snippet is the text at its offset, every mark and match holds a matched word. */
function checkRow(row: SearchRow, matched: (folded: string) => boolean): void {
  const text = textOf(row.id);
  expect(row.snippet).toBe(text.slice(row.snippetStart, row.snippetStart + row.snippet.length));
  for (const m of row.marks) expect(matched(foldText(row.snippet.slice(m.start, m.end))), row.snippet.slice(m.start, m.end)).toBe(true);
  for (const m of row.matches) expect(matched(foldText(text.slice(m.start, m.end))), text.slice(m.start, m.end)).toBe(true);
  // The marks are the matches that fall in the snippet.
  expect(row.marks.map((m) => ({ start: m.start + row.snippetStart, end: m.end + row.snippetStart }))).toEqual(row.matches.filter((m) => m.start >= row.snippetStart && m.end <= row.snippetStart + row.snippet.length));
  for (const m of row.titleMatches) expect(matched(foldText(titleOf(row.id).slice(m.start, m.end)))).toBe(true);
}

describe('search', () => {
  it('finds a phrase, marking exactly its words', async () => {
    const { rows, total } = await search(fixture.store, { query: '"paedophile hunters"' });
    expect(total).toBe(2);
    expect(titles(rows).sort()).toEqual(['Hunter groups face council vote', 'Wire: groups criticised']);
    for (const row of rows) {
      checkRow(row, (w) => w === 'paedophile hunters');
      expect(row.marks.length).toBeGreaterThan(0);
    }
    // Words apart are not the phrase; punctuation between them is no word.
    expect(titles((await search(fixture.store, { query: '"paedophile hunter"' })).rows).sort()).toEqual(['Founder says he is not going anywhere', 'Hunter groups face council vote']);
  });

  it('finds prefixes, marking each word the prefix begins', async () => {
    const { rows, total } = await search(fixture.store, { query: 'hunt*' });
    expect(total).toBe(3);
    const marked = new Set<string>();
    for (const row of rows) {
      checkRow(row, (w) => w.startsWith('hunt'));
      for (const m of row.matches) marked.add(textOf(row.id).slice(m.start, m.end));
    }
    expect([...marked].sort()).toEqual(['HUNTERS', 'Hunter', 'hunter', 'hunters', 'hunting']);
  });

  it('combines with AND, OR, NOT and parentheses', async () => {
    const q = async (query: string): Promise<(string | null)[]> => titles((await search(fixture.store, { query })).rows).sort();
    expect(await q('hunters NOT council')).toEqual(['Wire: groups criticised']);
    expect(await q('council OR cafe')).toEqual(['Founder says he is not going anywhere', 'Hunter groups face council vote', 'Valesford bus route axed']);
    expect(await q('(council OR police) AND groups')).toEqual(['Hunter groups face council vote', 'Wire: groups criticised']);
    expect(await q('council route')).toEqual(['Valesford bus route axed']);
    expect(await q('NEAR(police groups, 3)')).toEqual([]);
    expect(await q('NEAR(police groups, 10)')).toEqual(['Hunter groups face council vote', 'Wire: groups criticised']);
    // Nothing under NOT is marked.
    const [row] = (await search(fixture.store, { query: 'hunters NOT council' })).rows;
    expect(row).toBeDefined();
    if (row !== undefined) checkRow(row, (w) => w === 'hunters');
  });

  it('folds case, diacritics and apostrophe styles, and reads punctuation in a word as the index does', async () => {
    const cafe = await search(fixture.store, { query: 'CAFE' });
    expect(cafe.rows.flatMap((r) => r.matches.map((m) => textOf(r.id).slice(m.start, m.end))).sort()).toEqual(['Café', 'cafe']);
    const dont = await search(fixture.store, { query: "don't" });
    expect(dont.rows.flatMap((r) => r.matches.map((m) => textOf(r.id).slice(m.start, m.end))).sort()).toEqual(["don't", 'don’t']);
    const co = await search(fixture.store, { query: 'co-operate' });
    expect(co.rows.map((r) => markedSnippet(r))).toEqual([expect.stringContaining('won’t «co-operate» with a council')]);
  });

  it('filters by outlet, dates and actor, counting what matches', async () => {
    const q = async (options: Omit<Parameters<typeof search>[1], 'query'>): Promise<{ total: number; titles: (string | null)[] }> => {
      const result = await search(fixture.store, { query: 'council', ...options });
      return { total: result.total, titles: titles(result.rows).sort() };
    };
    expect((await q({})).total).toBe(3);
    expect(await q({ outlet: 'vale gazette' })).toEqual({ total: 2, titles: ['Hunter groups face council vote', 'Valesford bus route axed'] });
    expect(await q({ from: '2024', to: '2024-03' })).toEqual({ total: 1, titles: ['Hunter groups face council vote'] });
    expect(await q({ from: '2024-04-01' })).toEqual({ total: 1, titles: ['Founder says he is not going anywhere'] });
    expect(await q({ actor: 'rook' })).toEqual({ total: 1, titles: ['Founder says he is not going anywhere'] });
    expect(await q({ actor: 'VALE' })).toEqual({ total: 1, titles: ['Hunter groups face council vote'] });
    // LIKE's wildcards are text here.
    expect(await q({ actor: '%' })).toEqual({ total: 0, titles: [] });
    expect(await q({ outlet: 'Vale Gazette', actor: 'thorn', to: '2023' })).toEqual({ total: 1, titles: ['Valesford bus route axed'] });
  });

  it('ranks by bm25, best first, and pages', async () => {
    const all = await search(fixture.store, { query: 'hunters' });
    expect(all.rows[0]?.title).toBe('Wire: groups criticised');
    const scores = all.rows.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const second = await search(fixture.store, { query: 'hunters', limit: 1, offset: 1 });
    expect(second.total).toBe(all.total);
    expect(second.rows.map((r) => r.id)).toEqual(all.rows.slice(1, 2).map((r) => r.id));
  });

  it('marks the words matched in the title', async () => {
    const { rows } = await search(fixture.store, { query: 'face' });
    expect(rows.map((r) => r.titleMatches)).toEqual([[{ start: 14, end: 18 }]]);
    // Found in the title only: the snippet is the start of the text, with a mark where the headline repeats it.
    expect(rows[0]?.snippetStart).toBe(0);
  });

  it('cuts a snippet around the best match, at spaces, at most its length', async () => {
    const filler = 'The meeting heard from residents about parking and about the lighting of the square.';
    const long = await openFixture([
      {
        title: 'Long report',
        outlet: 'Vale Gazette',
        published: '2024-01-01',
        actor: 'Ann Vale',
        body: `${Array.from({ length: 20 }, () => filler).join(' ')} Ann Vale said hunter groups were a risk, and that police and hunter groups should not meet. ${Array.from({ length: 20 }, () => filler).join(' ')} The hunter was named.`,
      },
    ]);
    try {
      const [row] = (await search(long.store, { query: '"hunter groups" police' })).rows;
      expect(row).toBeDefined();
      if (row === undefined) return;
      const text = long.docs[0]?.text ?? '';
      expect(row.snippet.length).toBeLessThanOrEqual(SNIPPET_LENGTH);
      expect(markedSnippet(row)).toContain('said «hunter groups» were a risk, and that «police» and «hunter groups» should not meet.');
      expect(/\s/u.test(text[row.snippetStart - 1] ?? '')).toBe(true);
      expect(/\s/u.test(text[row.snippetStart + row.snippet.length] ?? '')).toBe(true);
      expect(row.snippet).toBe(row.snippet.trim());
      expect(row.matches.length).toBe(3);
    } finally {
      await long.close();
    }
  });

  it('refuses a query it cannot read with a QueryError naming it, before touching the store', async () => {
    for (const query of ['"hunters', '(police', 'police)', 'OR', 'NOT police', 'NEAR(', 'x'.repeat(10_000), 'a\u0001b', '?!']) {
      await expect(search(fixture.store, { query })).rejects.toBeInstanceOf(QueryError);
    }
    await expect(search(fixture.store, { query: '"hunters' })).rejects.toThrow(/^the search query "\\"hunters" is not valid: the phrase opened by the " at character 1 is never closed/u);
  });

  it('answers any random query with rows or a QueryError, never another failure', async () => {
    const pieces = ['hunt', 'council', 'AND', 'OR', 'NOT', 'NEAR(', '(', ')', '"', '*', ',', ':', '-', "'", ' ', ' ', '5', 'é'];
    let seed = 7;
    for (let i = 0; i < 300; i++) {
      const query = Array.from({ length: 1 + (i % 9) }, () => {
        seed = (seed * 48_271) % 2_147_483_647;
        return pieces[seed % pieces.length] ?? '';
      }).join('');
      try {
        const result = await search(fixture.store, { query });
        expect(result.total).toBeGreaterThanOrEqual(result.rows.length);
      } catch (error) {
        expect(error, query).toBeInstanceOf(QueryError);
      }
    }
  });
});

/** What every concordance row must hold: its words are the text at its offsets. */
function checkKwic(row: KwicRow): void {
  const text = textOf(row.articleId);
  expect(row.keyword).toBe(text.slice(row.start, row.end));
  expect(row.left).toBe(text.slice(row.leftStart, row.start));
  expect(row.right).toBe(text.slice(row.end, row.rightEnd));
}

describe('kwic', () => {
  it('lists every occurrence with its context, the keyword exactly the text at its offsets, in article date order', async () => {
    const { rows, total, articles } = await kwic(fixture.store, { pattern: 'paedophile hunter*' });
    expect(total).toBe(4);
    expect(articles).toBe(3);
    rows.forEach(checkKwic);
    expect(rows.map((r) => r.keyword)).toEqual(['paedophile hunter', 'paedophile hunters', 'paedophile-hunter', 'PAEDOPHILE HUNTERS']);
    expect(rows.map((r) => r.published)).toEqual(['2024-03-14', '2024-03-14', '2024-05-02', null]);
    expect(rows.every((r) => r.sentence === null)).toBe(true);
  });

  it('takes a pattern in quotes, folds apostrophe styles, and matches whole words only', async () => {
    expect((await kwic(fixture.store, { pattern: '"paedophile hunter*"' })).total).toBe(4);
    const dont = await kwic(fixture.store, { pattern: 'don’t' });
    expect(dont.rows.map((r) => r.keyword)).toEqual(["don't", 'don’t']);
    dont.rows.forEach(checkKwic);
    expect((await kwic(fixture.store, { pattern: 'hunt' })).total).toBe(0);
    expect((await kwic(fixture.store, { pattern: 'hunt*' })).total).toBe(9);
  });

  it('cuts the context at spaces, never inside a word, within the width', async () => {
    for (const width of [8, 20, 35, 60]) {
      const { rows } = await kwic(fixture.store, { pattern: 'hunt*', width });
      for (const row of rows) {
        checkKwic(row);
        const text = textOf(row.articleId);
        expect(row.left.length).toBeLessThanOrEqual(width);
        expect(row.right.length).toBeLessThanOrEqual(width);
        expect(row.leftStart === 0 || row.leftStart === row.start || /\s/u.test(text[row.leftStart - 1] ?? '')).toBe(true);
        expect(row.rightEnd === text.length || row.rightEnd === row.end || /\s/u.test(text[row.rightEnd] ?? '')).toBe(true);
        expect(row.left).toBe(row.left.trimStart());
        expect(row.right).toBe(row.right.trimEnd());
      }
    }
    const [row] = (await kwic(fixture.store, { pattern: 'grant', width: 20 })).rows;
    expect(row?.left).toBe('council had cut its ');
    expect(row?.right).toBe('. Passengers said');
  });

  it('gives the sentence as context with --sentence, and the width where the keyword is in no sentence', async () => {
    const { rows } = await kwic(fixture.store, { pattern: 'council', sentence: true, width: 20 });
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      checkKwic(row);
      const doc = fixture.docs.find((d) => d.id === row.articleId);
      const sentence = doc?.sentences.find((s) => s.id === row.sentence);
      if (row.sentence === null) {
        // The headline is no sentence here: the width either side.
        expect(row.start).toBeLessThan(doc?.sentences[0]?.start ?? 0);
        expect(row.left.length).toBeLessThanOrEqual(20);
      } else {
        expect(sentence).toBeDefined();
        expect(row.left + row.keyword + row.right).toBe(doc?.text.slice(sentence?.start, sentence?.end));
      }
    }
    expect(rows.map((r) => r.sentence)).toEqual(['s2', null, 's2', 's2']);
    expect(rows[2]?.left + (rows[2]?.keyword ?? '') + rows[2]?.right).toBe('The council leader, Cllr Ann Vale, said paedophile hunters were "not the answer".');
  });

  it('sorts by the words before the keyword (nearest first), by the words after it, or by article', async () => {
    const left = await kwic(fixture.store, { pattern: 'council', sort: 'left' });
    expect(left.rows.map((r) => r.left.trimEnd().split(/\s+/u).slice(-3).join(' '))).toEqual(['co-operate with a', 'Hunter groups face', 'hunter groups. The', 'route, said the']);
    const right = await kwic(fixture.store, { pattern: 'council', sort: 'right' });
    expect(right.rows.map((r) => r.right.trim().split(/\s+/u)[0])).toEqual(['had', 'leader,', 'that', 'vote']);
    const article = await kwic(fixture.store, { pattern: 'council' });
    expect(article.rows.map((r) => r.published)).toEqual(['2023-11-20', '2024-03-14', '2024-03-14', '2024-05-02']);
    // The same rows whatever the order.
    const key = (r: KwicRow): string => `${r.articleId}:${r.start}`;
    expect(left.rows.map(key).sort()).toEqual(article.rows.map(key).sort());
  });

  it('filters by outlet and dates, and pages', async () => {
    const vale = await kwic(fixture.store, { pattern: 'council', outlet: 'VALE GAZETTE' });
    expect(vale.rows.map((r) => r.outlet)).toEqual(['Vale Gazette', 'Vale Gazette', 'Vale Gazette']);
    expect((await kwic(fixture.store, { pattern: 'council', from: '2024-04' })).total).toBe(1);
    expect((await kwic(fixture.store, { pattern: 'council', to: '2023' })).total).toBe(1);
    const all = await kwic(fixture.store, { pattern: 'hunt*' });
    const page = await kwic(fixture.store, { pattern: 'hunt*', limit: 3, offset: 2 });
    expect(page.total).toBe(all.total);
    expect(page.rows).toEqual(all.rows.slice(2, 5));
  });

  it('gives the same pages when a concordance is asked for again, and sees articles written since', async () => {
    for (const sort of ['left', 'right', 'article'] as const) {
      const first = await kwic(fixture.store, { pattern: 'hunt*', sort });
      // The second and third asks come from the kept occurrences (the third from a whole sorted order).
      expect(await kwic(fixture.store, { pattern: 'hunt*', sort })).toEqual(first);
      for (const [offset, limit] of [[0, 3], [2, 4], [7, 10]] as const) {
        expect(await kwic(fixture.store, { pattern: 'hunt*', sort, offset, limit })).toEqual({ ...first, rows: first.rows.slice(offset, offset + limit) });
      }
    }
    const extra = await openFixture(ARTICLES);
    try {
      const before = await kwic(extra.store, { pattern: 'council', sort: 'left' });
      const run = await extra.store.beginRun({ command: 'test', inputs: [], extractorVersion: 'test' });
      const doc = fixtureDocument({ title: 'More council news', outlet: 'Wire', published: '2024-06-01', actor: 'Ann Vale', body: 'Ann Vale met the council again.' }, ARTICLES.length);
      await extra.store.writeBatch(run, { articles: [{ item: 'extra.txt', doc, extractorVersion: 'test', replace: false }], log: [] });
      const after = await kwic(extra.store, { pattern: 'council', sort: 'left' });
      expect(after.total).toBe(before.total + 2);
      expect(after.articles).toBe(before.articles + 1);
    } finally {
      await extra.close();
    }
  });

  it('refuses a pattern it cannot read, a width out of range, and a pattern found too often', async () => {
    await expect(kwic(fixture.store, { pattern: 'hunt*er' })).rejects.toBeInstanceOf(QueryError);
    await expect(kwic(fixture.store, { pattern: '"hunters' })).rejects.toThrow(/the pattern "\\"hunters" is not valid/u);
    await expect(kwic(fixture.store, { pattern: '...' })).rejects.toThrow(/no words/u);
    await expect(kwic(fixture.store, { pattern: 'council', width: 0 })).rejects.toBeInstanceOf(StoreError);
    const many = await openFixture([{ title: 'Many', outlet: 'Wire', published: null, actor: 'Ann Vale', body: `Ann Vale said ${'na '.repeat(MAX_OCCURRENCES + 1)}` }]);
    try {
      await expect(kwic(many.store, { pattern: 'na' })).rejects.toThrow(/the pattern "na" occurs more than 200,000 times: narrow it/u);
    } finally {
      await many.close();
    }
  });
});

describe('verbatim search and verbatim kwic', () => {
  const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const code = await runCli([...argv, '--db', fixture.path], { stdout: (t) => void (out += t), stderr: (t) => void (err += t), stderrIsTty: false });
    return { code, out, err };
  };

  it('prints results with the matched words marked, as JSON and as CSV', async () => {
    const table = await cli('search', '"paedophile hunters"');
    expect(table.code).toBe(0);
    expect(table.out).toContain('«PAEDOPHILE HUNTERS»');
    expect(table.out).toContain('«paedophile hunters»');
    expect(table.out).toContain('2 articles match; showing 1-2');
    const json = JSON.parse((await cli('search', 'hunt*', '--json')).out) as SearchRow[];
    expect(json).toHaveLength(3);
    expect(json[0]?.matches.length).toBeGreaterThan(0);
    const csv = (await cli('search', 'hunt*', '--csv', '--limit', '1')).out.split('\r\n');
    expect(csv[0]).toBe(SEARCH_COLUMNS.header.join(','));
    expect(csv).toHaveLength(3);
    // Several words without quotes are one query.
    expect((await cli('search', 'council', 'route')).out).toContain('1 article matches');
  });

  it('says what is wrong with a query, naming it, and exits 1', async () => {
    const bad = await cli('search', '"paedophile hunters');
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err).toBe('verbatim search: the search query "\\"paedophile hunters" is not valid: the phrase opened by the " at character 1 is never closed; end it with another "\n');
    expect((await cli('search', 'NOT', 'council')).err).toMatch(/NOT at character 1 needs words before it/u);
    expect((await cli('search')).err).toMatch(/give a query/u);
    expect((await cli('search', 'x', '--from', 'May')).err).toMatch(/--from takes a date/u);
  });

  it('prints a concordance, the keywords in one column, as CSV too', async () => {
    const table = await cli('kwic', 'paedophile hunter*', '--width', '30');
    expect(table.code).toBe(0);
    const lines = table.out.split('\n').filter((l) => /paedophile.hunter/iu.test(l) && !l.includes('occurrences'));
    expect(lines).toHaveLength(4);
    const columns = lines.map((l) => l.search(/paedophile.hunter/iu));
    expect(new Set(columns).size).toBe(1);
    expect(table.out).toContain('4 occurrences in 3 articles; showing 1-4');
    const csv = (await cli('kwic', 'council', '--csv', '--sort', 'right')).out.split('\r\n');
    expect(csv[0]).toBe(KWIC_COLUMNS.header.join(','));
    expect(csv[1]).toMatch(/,council, had cut its grant\. Passengers/u);
    const json = JSON.parse((await cli('kwic', 'council', '--json', '--sentence')).out) as KwicRow[];
    expect(json.map((r) => r.sentence)).toEqual(['s2', null, 's2', 's2']);
  });

  it('refuses a bad sort, width or pattern, and a missing database', async () => {
    expect((await cli('kwic', 'council', '--sort', 'up')).err).toMatch(/--sort takes article, left, right, not "up"/u);
    expect((await cli('kwic', 'council', '--width', '0')).err).toMatch(/--width takes a whole number from 1 to 500/u);
    expect((await cli('kwic', 'hunt*er')).err).toMatch(/^verbatim kwic: the pattern "hunt\*er" is not valid: a \* may only end the last word/u);
    expect((await cli('kwic')).code).toBe(1);
    let err = '';
    const code = await runCli(['kwic', 'council', '--db', path.join(tmpdir(), 'no-such-verbatim.db')], { stdout: () => undefined, stderr: (t) => void (err += t), stderrIsTty: false });
    expect(code).toBe(1);
    expect(err).toMatch(/no database at/u);
  });
});
