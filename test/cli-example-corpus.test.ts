/**
 * End to end: the CLI over the bundled example corpus, in-process, plus one
 * run of the built binary (npm test builds before it runs the tests).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from './helpers/cli.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import { textDocument } from './helpers/text-document.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CORPUS = path.join(ROOT, 'examples', 'corpus');

const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => runCommand(argv);

describe('verbatim CLI on examples/corpus', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-cli-'));
    db = path.join(dir, 'example.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('analyze stores every article once, finds the duplicate, skips the README', async () => {
    const { code, out, err } = await cli('analyze', CORPUS, '--db', db, '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(out) as {
      counts: Record<string, number>;
      duplicates: { item: string }[];
      corpus: { articles: number };
      quotes: number;
    };
    // 14 .txt files (one a duplicate), 1 .html page, 5 JSONL rows, 1 README.
    expect(summary.counts).toEqual({ stored: 19, updated: 0, unchanged: 0, duplicate: 1, rejected: 0, skipped: 1 });
    expect(summary.duplicates[0]?.item).toMatch(/harbridge-meeting-told-of-hunter-fears\.txt$/);
    expect(summary.corpus.articles).toBe(19);
    expect(summary.quotes).toBeGreaterThan(40); // the corpus quotes someone in nearly every paragraph pair
  });

  it('a second analyze is idempotent', async () => {
    const { code, out } = await cli('analyze', CORPUS, '--db', db, '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(out) as { counts: Record<string, number>; corpus: { articles: number } };
    expect(summary.counts).toMatchObject({ stored: 0, unchanged: 19, duplicate: 1 });
    expect(summary.corpus.articles).toBe(19);
  });

  it('articles filters by outlet and date, and searches the text', async () => {
    const wire = await cli('articles', '--db', db, '--outlet', 'shire news agency', '--from', '2024-01-01', '--json');
    const rows = JSON.parse(wire.out) as { published: string; outlet: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.outlet === 'Shire News Agency' && row.published >= '2024-01-01')).toBe(true);

    const html = await cli('articles', '--db', db, '--query', 'councillors', '--json');
    expect((JSON.parse(html.out) as { source: { format: string } }[]).some((row) => row.source.format === 'html')).toBe(true);

    const bad = await cli('articles', '--db', db, '--query', 'police AND (');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/not valid full-text syntax/);
  });

  it('show prints paragraphs, sentences and the trailing furniture of an article', async () => {
    const list = JSON.parse((await cli('articles', '--db', db, '--json')).out) as { id: string; source: { file: string } }[];
    const sting = list.find((row) => row.source.file.endsWith('man-charged-after-amblecombe-sting.txt'));
    expect(sting).toBeDefined();
    const { code, out } = await cli('show', sting?.id.slice(0, 8) ?? '', '--db', db);
    expect(code).toBe(0);
    expect(out).toMatch(/^\[headline\] Man charged after Amblecombe hunter group sting$/m);
    expect(out).toMatch(/^\[p1\]$/m);
    expect(out).toMatch(/^ {2}\(s1\) A 34-year-old man/m);
    expect(out).toMatch(/BOILERPLATE link .*\n {4}More information on staying safe online/);
    expect(out).toMatch(/BOILERPLATE advert .*\n {4}Looking for a job\?/);
  });

  it('show --json gives a Document whose every span slices the text', async () => {
    const list = JSON.parse((await cli('articles', '--db', db, '--json')).out) as { id: string }[];
    const { out } = await cli('show', list[0]?.id ?? '', '--db', db, '--json');
    const doc = JSON.parse(out) as { text: string; sentences: { start: number; end: number }[] };
    expect(doc.sentences.length).toBeGreaterThan(0);
    for (const s of doc.sentences) expect(doc.text.slice(s.start, s.end).trim()).toBe(doc.text.slice(s.start, s.end));
  });

  it('quotes lists quotes with resolved speakers, filters them, and exports CSV', async () => {
    const rows = JSON.parse((await cli('quotes', '--db', db, '--speaker', 'holloway', '--json')).out) as {
      articleId: string;
      kind: string;
      content: string;
      start: number;
      actor: { name: string; type: string } | null;
      organisation: string | null;
    }[];
    expect(rows.length).toBeGreaterThanOrEqual(4); // two stories quote her, by full name, short form and pronoun
    for (const row of rows) expect(row.actor).toEqual({ id: expect.any(String), name: 'Karen Holloway', type: 'person' });
    expect(rows.some((row) => row.organisation === 'Wessex Vale Police')).toBe(true);
    // Each row's words are the article's words at its offsets.
    const first = rows[0];
    const doc = JSON.parse((await cli('show', first?.articleId ?? '', '--db', db, '--json')).out) as { text: string };
    expect(doc.text.slice(first?.start ?? 0, (first?.start ?? 0) + 20)).toBe(first?.content.slice(0, 20));

    const direct = JSON.parse((await cli('quotes', '--db', db, '--kind', 'direct', '--org', 'kestrel', '--json')).out) as { kind: string; organisation: string }[];
    expect(direct.length).toBeGreaterThan(0);
    expect(direct.every((row) => row.kind === 'direct' && /Kestrel/.test(row.organisation))).toBe(true);

    const csv = (await cli('quotes', '--db', db, '--csv', '--limit', '5')).out.split('\r\n');
    expect(csv[0]).toBe('article_id,quote_id,published,outlet,kind,speaker,actor,actor_type,organisation,cue,content,start,end,rule,confidence,actor_rule,title');
    expect(csv.filter((line) => line !== '')).toHaveLength(6);

    const explained = (await cli('quotes', '--db', db, '--speaker', 'holloway', '--explain')).out;
    expect(explained).toMatch(/ {2}speaker {2}"she" -> Karen Holloway \(person, Wessex Vale Police\) {3}actor rule actor\.pronoun\.\S+/);
    expect(explained).toMatch(/quote rule quote\.\S+ \(confidence [\d.]+\)/);

    expect((await cli('quotes', '--db', db, '--kind', 'rumour')).err).toMatch(/--kind takes direct, mixed or indirect/);
    expect((await cli('quotes', '--db', db, '--speaker', 'nobody by this name')).out).toBe('no quotes match\n');
  });

  it('listings say when stored articles come from another extractor version', async () => {
    const old = path.join(dir, 'old.db');
    const store = openSqliteStore(old);
    const run = await store.beginRun({ command: 'test', inputs: [], extractorVersion: 'older' });
    const doc = textDocument('Cllr Ann Vale said the plan was sound.');
    await store.writeBatch(run, { articles: [{ item: 'a.txt', doc, extractorVersion: 'older', replace: false }], log: [] });
    await store.close();
    const { err, code } = await cli('quotes', '--db', old);
    expect(code).toBe(0);
    expect(err).toMatch(/1 stored article was analysed by another version of verbatim; run 'verbatim analyze'/);
    expect((await cli('quotes', '--db', db)).err).toBe('');
  });

  it('speakers counts quotes and articles per person and organisation, with titles', async () => {
    const rows = JSON.parse((await cli('speakers', '--db', db, '--json')).out) as { name: string; type: string; titles: string[]; quotes: number; articles: number }[];
    const holloway = rows.find((row) => row.name === 'Karen Holloway');
    expect(holloway?.titles).toEqual(['Detective Chief Inspector']);
    expect(holloway?.articles).toBe(2);
    expect(rows.find((row) => row.name === 'Wessex Vale Police')?.type).toBe('organisation');
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]?.quotes ?? 0).toBeGreaterThanOrEqual(rows[i]?.quotes ?? 0);
    const table = (await cli('speakers', '--db', db)).out;
    expect(table).toMatch(/^speaker +type +quotes +articles/);
  });

  it('actors lists identities across articles, with dated titles and organisations', async () => {
    const rows = JSON.parse((await cli('actors', '--db', db, '--json')).out) as { name: string; type: string; articles: number; titles: { value: string; first: string | null }[]; members: unknown[] }[];
    const pike = rows.find((row) => row.name === 'Andrew Pike');
    expect(pike?.articles).toBeGreaterThanOrEqual(3);
    expect(pike?.members.length).toBe(pike?.articles);
    expect(pike?.titles.map((t) => t.value)).toContain('Police and Crime Commissioner');
    expect(rows.find((row) => row.name === 'Wessex Vale Police')?.type).toBe('organisation');
    const people = JSON.parse((await cli('actors', '--db', db, '--type', 'person', '--json')).out) as { type: string }[];
    expect(people.every((row) => row.type === 'person')).toBe(true);
    expect((await cli('actors', '--db', db, '--type', 'robot')).err).toMatch(/--type takes person, organisation or unknown/);
    expect((await cli('actors', '--db', db, '--csv')).out.split('\r\n')[0]).toBe('key,name,type,articles,mentions,quotes,first,last,titles,roles,organisations,note');
  });

  it('actors merge, split and rename are stored and applied to every listing', async () => {
    type Row = { key: string; name: string; articles: number; members: { articleId: string }[]; decisions?: number[] };
    const list = async (): Promise<Row[]> => JSON.parse((await cli('actors', '--db', db, '--json', '--limit', '1000')).out) as Row[];
    const before = await list();
    const pike = before.find((r) => r.name === 'Andrew Pike');
    const force = before.find((r) => r.name === 'Wessex Vale Police');
    expect(pike && force).toBeTruthy();

    const renamed = await cli('actors', 'rename', pike?.key ?? '', 'Andrew Pike (commissioner)', '--db', db);
    expect(renamed.out).toMatch(/^decision \d+ stored: rename/);
    const firstArticle = pike?.members[0]?.articleId ?? '';
    expect((await cli('actors', 'split', pike?.key ?? '', firstArticle.slice(0, 10), '--name', 'Another Andrew Pike', '--db', db)).code).toBe(0);
    const after = await list();
    expect(after.find((r) => r.key === pike?.key)).toMatchObject({ name: 'Andrew Pike (commissioner)', articles: (pike?.articles ?? 0) - 1 });
    expect(after.find((r) => r.name === 'Another Andrew Pike')?.members.map((m) => m.articleId)).toEqual([firstArticle]);

    expect((await cli('actors', 'merge', 'person:nobody at all', force?.key ?? '', '--db', db)).err).toMatch(/no identity with key "person:nobody at all"/);
    expect((await cli('actors', 'merge', force?.key ?? '', 'organisation:no such body', '--db', db)).err).toMatch(/cannot merge "organisation:no such body"/);
    expect((await cli('actors', 'split', force?.key ?? '', 'a0000', '--db', db)).err).toMatch(/not an article of/);
    expect((await cli('actors', 'frobnicate', 'x', 'y', '--db', db)).err).toMatch(/unknown action "frobnicate"/);
  });

  it('analyze --gazetteer adds the user\'s pack, re-analyses what it may change, and refuses a broken pack', async () => {
    const own = path.join(dir, 'gazetteer.db');
    const pack = path.join(ROOT, 'test', 'fixtures', 'gazetteers', 'fictional-forces.json');
    expect((await cli('analyze', CORPUS, '--db', own, '--gazetteer', pack)).code).toBe(0);
    const orgs = JSON.parse((await cli('actors', '--db', own, '--type', 'organisation', '--json', '--limit', '1000')).out) as { name: string }[];
    expect(orgs.map((o) => o.name)).toContain('Wessex Vale Constabulary');
    expect(orgs.map((o) => o.name)).not.toContain('Wessex Vale Police');
    expect((await cli('quotes', '--db', own)).err).toBe(''); // the pack's stamp is the current extractors' version
    const again = JSON.parse((await cli('analyze', CORPUS, '--db', own, '--json')).out) as { counts: { updated: number; unchanged: number } };
    expect(again.counts).toMatchObject({ updated: 19, unchanged: 0 }); // without the pack, every article is analysed again

    const broken = await cli('analyze', CORPUS, '--db', path.join(dir, 'never.db'), '--gazetteer', path.join(ROOT, 'test', 'fixtures', 'gazetteers', 'broken.json'));
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/gazetteer .*broken\.json: entries\[0\] needs id, name and type strings/);
    expect(existsSync(path.join(dir, 'never.db'))).toBe(false);
  });

  it('show marks quotes, cues and speakers inline, and --explain gives every rule', async () => {
    const list = JSON.parse((await cli('articles', '--db', db, '--json')).out) as { id: string; source: { file: string } }[];
    const story = list.find((row) => row.source.file.endsWith('vale-police-rule-out-hunter-groups.txt'));
    const { out } = await cli('show', story?.id ?? '', '--db', db);
    expect(out).toMatch(/\[Det Chief Insp Karen Holloway\]→x\d+ \{said\}: “«q\d+ We understand why/);
    expect(out).toMatch(/^ {2}x\d+ person +Karen Holloway/m);
    const explained = (await cli('show', story?.id ?? '', '--db', db, '--explain')).out;
    expect(explained).toMatch(/rule quote\.cue\.colon-before \(confidence [\d.]+\); words at \d+-\d+/);
    expect(explained).toMatch(/mention "Det Chief Insp Karen Holloway" at \d+-\d+: actor\.person\.full-name:actor\.person\.title-name/);
    expect(explained).toMatch(/Detective Chief Inspector \[actor\.title\.before-name at \d+-\d+ "Det Chief Insp"\]/);
  });

  it('log lists the duplicate and the skipped README', async () => {
    const { out } = await cli('log', '--db', db, '--run', '1', '--json');
    const entries = JSON.parse(out) as { status: string; item: string }[];
    expect(entries.filter((e) => e.status === 'stored')).toHaveLength(19);
    expect(entries.find((e) => e.status === 'skipped')?.item).toMatch(/README\.md$/);
  });

  it('gives clear usage errors', async () => {
    expect((await cli('show', 'zzz', '--db', db)).err).toMatch(/no article id starts with "zzz"/);
    expect((await cli('articles', '--db', path.join(dir, 'missing.db'))).err).toMatch(/no database at .*missing\.db/);
    expect((await cli('articles', '--db', db, '--from', 'last week')).err).toMatch(/--from takes a date/);
    expect((await cli('analyze', '--db', db)).err).toMatch(/name at least one folder or file/);
    expect((await cli('frobnicate')).code).toBe(1);
    const help = await cli('analyze', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--max-bytes/);
  });

  it('exits 2 and names the item when some input is rejected', async () => {
    const { code, out } = await cli('analyze', CORPUS, path.join(dir, 'no-such-file.txt'), '--db', db);
    expect(code).toBe(2);
    expect(out).toMatch(/rejected:\n.*no-such-file\.txt: no such file or folder/);
  });
});

describe('the built binary', () => {
  const bin = path.join(ROOT, 'dist', 'cli', 'main.js');
  it('runs as a command (npm test builds it first)', () => {
    expect(existsSync(bin), 'dist/cli/main.js is missing: run npm run build (npm test does)').toBe(true);
    const out = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(out).toMatch(/^verbatim \d+\.\d+\.\d+/);
    expect(out).toMatch(/analyze/);
  });
});
