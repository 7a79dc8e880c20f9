/**
 * End to end: `verbatim export` over the bundled example corpus (with
 * examples/propositions.yaml) and one extra fictional article whose title
 * holds characters CSV, BibTeX and spreadsheets treat specially. Every table
 * in every format goes to a file and is read back.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from './helpers/cli.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CORPUS = path.join(ROOT, 'examples', 'corpus');
const PROPOSITIONS = path.join(ROOT, 'examples', 'propositions.yaml');

const TABLES = ['quotes', 'actors', 'statements', 'statistics', 'articles'] as const;
type Table = (typeof TABLES)[number];

/** The listing each table must match, row for row. */
const LISTINGS: Readonly<Record<Table, string[]>> = {
  quotes: ['quotes'],
  actors: ['actors'],
  statements: ['statements'],
  statistics: ['stats'],
  articles: ['articles'],
};

const FIXTURE_TITLE = "=Rates & 5% {draft} rise: Kelder Vale council's $2m plan #budget_2025";
const FIXTURE_QUOTE = 'We will not, under any circumstances, call this a "small" rise. It is a hard choice.';
const FIXTURE = {
  title: FIXTURE_TITLE,
  text: [
    'Kelder Vale council has published a draft plan to raise business rates by 5 per cent, the first rise in four years.',
    `Cllr Priya Tamsin, the council's cabinet member for finance, said: \u201c${FIXTURE_QUOTE}\u201d`,
    'Passenger numbers on the Kelder loop fell from 250 to 200 a day, a drop of 20 per cent, after the subsidy ended.',
    'The plan goes to a full council meeting next month.',
  ].join('\n\n'),
  publish_date: '2025-02-11',
  url: 'https://www.keldervale-courier.example/news/rates-draft-rise?ref=rss&page=1',
  media_name: 'Kelder Vale Courier',
  byline: 'Alex Marlow and Jo Finch, Local Democracy Reporters',
};

type Row = Record<string, unknown>;

const cli = runCommand;

/** Columns every row of the table must fill. */
const ALWAYS: Readonly<Record<Table, string[]>> = {
  quotes: ['article_id', 'quote_id', 'title', 'start', 'end', 'rule', 'extractor_version', 'source_file', 'citation'],
  actors: ['actor_key', 'article_id', 'title', 'start', 'end', 'rule', 'extractor_version', 'source_file'],
  statements: ['article_id', 'statement_id', 'title', 'start', 'end', 'rule', 'extractor_version', 'source_file'],
  statistics: ['article_id', 'statistic_id', 'title', 'start', 'end', 'rule', 'extractor_version', 'source_file'],
  articles: ['article_id', 'title', 'extractor_version', 'source_file'],
};

describe('verbatim export', () => {
  let dir: string;
  let db: string;
  const counts = new Map<Table, number>();
  const file = (name: string): string => path.join(dir, name);
  const exportTo = async (table: string, name: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> =>
    cli(['export', table, '--db', db, '--out', file(name), ...args]);
  const readParquet = async (name: string): Promise<{ rows: Row[]; types: Map<string, string> }> => {
    const bytes = readFileSync(file(name));
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const types = new Map(parquetMetadata(buffer).schema.slice(1).map((s) => [s.name, `${s.type ?? ''}${s.converted_type === undefined ? '' : `/${s.converted_type}`}`]));
    return { rows: (await parquetReadObjects({ file: buffer })) as Row[], types };
  };
  const readCsv = (name: string): Row[] => parse(readFileSync(file(name), 'utf8'), { columns: true, bom: true }) as Row[];
  const readJsonl = (name: string): Row[] =>
    readFileSync(file(name), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Row);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-export-'));
    db = path.join(dir, 'example.db');
    expect((await cli(['analyze', CORPUS, '--db', db, '--propositions', PROPOSITIONS])).code).toBe(0);
    const extra = path.join(dir, 'extra');
    mkdirSync(extra);
    writeFileSync(path.join(extra, 'courier.jsonl'), `${JSON.stringify(FIXTURE)}\n`);
    expect((await cli(['analyze', extra, '--db', db])).code).toBe(0);
    for (const table of TABLES) {
      const listing = await cli([...LISTINGS[table], '--db', db, '--json', '--limit', '100000']);
      counts.set(table, (JSON.parse(listing.out) as unknown[]).length);
    }
    for (const table of TABLES) {
      for (const format of ['csv', 'jsonl', 'parquet']) {
        const result = await exportTo(table, `${table}.${format}`, ...(table === 'articles' ? ['--with-text'] : []));
        expect(result.code, result.err).toBe(0);
        expect(result.err).toContain(`to ${file(`${table}.${format}`)} (${format})`);
      }
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exports as many rows as each listing has, in every format', async () => {
    for (const table of TABLES) {
      const count = counts.get(table);
      expect(count, table).toBeGreaterThan(0);
      expect(readCsv(`${table}.csv`), `${table}.csv`).toHaveLength(count ?? -1);
      expect(readJsonl(`${table}.jsonl`), `${table}.jsonl`).toHaveLength(count ?? -1);
      expect((await readParquet(`${table}.parquet`)).rows, `${table}.parquet`).toHaveLength(count ?? -1);
    }
  });

  it('gives every row its provenance', () => {
    for (const table of TABLES) {
      const rows = readCsv(`${table}.csv`);
      for (const row of rows) {
        for (const column of ALWAYS[table]) expect(row[column], `${table}: ${column} of ${JSON.stringify(row)}`).not.toBe('');
        // Dated articles (the wire, the HTML page, the fixture) have an outlet and a URL too.
        if (row.published !== '') {
          expect(row.outlet, table).not.toBe('');
          expect(row.url, table).not.toBe('');
        }
      }
      expect(rows.some((r) => r.published !== '' && r.url !== ''), table).toBe(true);
      const versions = new Set(rows.map((r) => r.extractor_version));
      expect([...versions].every((v) => typeof v === 'string' && v.startsWith('statistics-1')), table).toBe(true);
    }
  });

  it('CSV: one header row, CRLF line ends, a BOM only when asked', async () => {
    const raw = readFileSync(file('quotes.csv'), 'utf8');
    expect(raw.startsWith('article_id,quote_id,published,outlet,url,title,kind,speaker_mention,actor,actor_type,actor_key,organisation,cue,content,start,end,rule,confidence,actor_rule,extractor_version,citation,')).toBe(true);
    expect(raw.charCodeAt(0)).not.toBe(0xfeff);
    expect(raw.endsWith('\r\n')).toBe(true);
    // Outside quoted fields every line ends in CRLF: the records parse as many with CRLF as with auto-detection.
    expect(parse(raw, { columns: true, record_delimiter: '\r\n' })).toHaveLength(counts.get('quotes') ?? -1);
    expect((await exportTo('quotes', 'bom.csv', '--bom')).code).toBe(0);
    const bom = readFileSync(file('bom.csv'), 'utf8');
    expect(bom.charCodeAt(0)).toBe(0xfeff);
    expect(bom.slice(1)).toBe(raw);
  });

  it('CSV: commas, quote marks and line breaks survive; formulas are neutralised; negative numbers stay numbers', () => {
    const quote = readCsv('quotes.csv').find((r) => r.content === FIXTURE_QUOTE);
    expect(quote).toBeDefined();
    expect(quote?.title).toBe(`'${FIXTURE_TITLE}`);
    expect(quote?.citation).toBe(`Priya Tamsin, Councillor, quoted in Kelder Vale Courier, 11 February 2025, ${FIXTURE.url}`);
    const article = readCsv('articles.csv').find((r) => r.url === FIXTURE.url);
    expect(article?.title).toBe(`'${FIXTURE_TITLE}`);
    expect(article?.text).toBe(FIXTURE.text);
    expect(String(article?.text)).toContain('\n\n');
    // JSON Lines and Parquet carry the text as written: no spreadsheet reads them.
    expect(readJsonl('articles.jsonl').find((r) => r.url === FIXTURE.url)?.title).toBe(FIXTURE_TITLE);
    const raw = readFileSync(file('statistics.csv'), 'utf8');
    expect(raw).toContain(',-40,percent,');
    expect(raw).not.toContain("'-40");
    const drops = readCsv('statistics.csv').filter((r) => typeof r.value === 'string' && r.value.startsWith('-'));
    expect(drops.length).toBeGreaterThanOrEqual(2);
    for (const r of drops) expect(Number(r.value)).toBeLessThan(0);
  });

  it('JSON Lines: one typed object per line, the same columns as the CSV', () => {
    for (const table of TABLES) {
      const rows = readJsonl(`${table}.jsonl`);
      const header = Object.keys(readCsv(`${table}.csv`)[0] ?? {});
      for (const row of rows) expect(Object.keys(row), table).toEqual(header);
      if (table !== 'articles') for (const row of rows) expect(Number.isInteger(row.start), table).toBe(true);
      // Nulls are null, never empty strings.
      expect(rows.some((r) => Object.values(r).includes(null)), table).toBe(true);
      expect(rows.every((r) => !Object.values(r).includes('')), table).toBe(true);
    }
    const figures = readJsonl('statistics.jsonl');
    expect(figures.find((r) => r.text === '9.4 per 100,000')?.value).toBe(9.4);
    expect(figures.some((r) => r.value === -40)).toBe(true);
    expect(readJsonl('quotes.jsonl').every((r) => typeof r.confidence === 'number')).toBe(true);
    expect(readJsonl('statements.jsonl').every((r) => typeof r.coded === 'boolean')).toBe(true);
    expect(readJsonl('articles.jsonl').every((r) => typeof r.tokens === 'number')).toBe(true);
  });

  it('Parquet: typed columns whose values equal the CSV', async () => {
    const quotes = await readParquet('quotes.parquet');
    expect(quotes.types.get('content')).toBe('BYTE_ARRAY/UTF8');
    expect(quotes.types.get('start')).toBe('INT32');
    expect(quotes.types.get('confidence')).toBe('DOUBLE');
    const csv = readCsv('quotes.csv');
    for (const i of [0, 7, csv.length - 1]) {
      const p = quotes.rows[i];
      const c = csv[i];
      expect(p?.article_id).toBe(c?.article_id);
      expect(p?.content).toBe(String(c?.content).replace(/^'/u, ''));
      expect(p?.start).toBe(Number(c?.start));
      expect(p?.confidence).toBe(Number(c?.confidence));
      expect(p?.citation).toBe(c?.citation);
    }
    const figures = await readParquet('statistics.parquet');
    expect(figures.types.get('value')).toBe('DOUBLE');
    expect(figures.rows.find((r) => r.text === '9.4 per 100,000')?.value).toBe(9.4);
    expect(figures.rows.some((r) => r.value === -40)).toBe(true);
    expect(figures.rows.some((r) => r.url === null)).toBe(true); // undated .txt articles: null, not ""
    const statements = await readParquet('statements.parquet');
    expect(statements.types.get('coded')).toBe('BOOLEAN');
    const actors = await readParquet('actors.parquet');
    expect(actors.types.get('articles')).toBe('INT32');
    expect(actors.rows.map((r) => r.actor_key)).toEqual(readCsv('actors.csv').map((r) => r.actor_key));
    const articles = await readParquet('articles.parquet');
    expect(articles.rows.find((r) => r.url === FIXTURE.url)?.text).toBe(FIXTURE.text);
  });

  it('statistics --all adds the ages, as stats --all lists them', async () => {
    expect((await exportTo('statistics', 'all.jsonl', '--all')).code).toBe(0);
    const listed = JSON.parse((await cli(['stats', '--db', db, '--json', '--all', '--limit', '100000'])).out) as unknown[];
    const rows = readJsonl('all.jsonl');
    expect(rows).toHaveLength(listed.length);
    expect(rows.length).toBeGreaterThan(counts.get('statistics') ?? 0);
    expect(rows.some((r) => r.kind === 'age')).toBe(true);
  });

  it('CSL-JSON: one article-newspaper item per article', async () => {
    const result = await exportTo('articles', 'articles.json', '--format', 'csl-json');
    expect(result.code, result.err).toBe(0);
    const items = JSON.parse(readFileSync(file('articles.json'), 'utf8')) as Row[];
    expect(items).toHaveLength(counts.get('articles') ?? -1);
    expect(items.every((i) => i.type === 'article-newspaper' && typeof i.id === 'string' && typeof i.title === 'string')).toBe(true);
    const ids = new Set(readJsonl('articles.jsonl').map((r) => r.article_id));
    expect(items.every((i) => ids.has(i.id))).toBe(true);
    const fixture = items.find((i) => i.URL === FIXTURE.url);
    expect(fixture).toMatchObject({
      title: FIXTURE_TITLE,
      'container-title': 'Kelder Vale Courier',
      issued: { 'date-parts': [[2025, 2, 11]] },
      author: [
        { given: 'Alex', family: 'Marlow' },
        { given: 'Jo', family: 'Finch' },
      ],
    });
    // The standard output takes it too.
    const stdout = await cli(['export', 'articles', '--db', db, '--format', 'csl-json']);
    expect(JSON.parse(stdout.out)).toEqual(items);
  });

  it('BibTeX: one @article per article, specials escaped', async () => {
    const result = await exportTo('articles', 'articles.bib');
    expect(result.code, result.err).toBe(0);
    const bib = readFileSync(file('articles.bib'), 'utf8');
    const entries = bib.split(/^(?=@article\{)/mu).filter((e) => e.trim() !== '');
    expect(entries).toHaveLength(counts.get('articles') ?? -1);
    const keys = entries.map((e) => /^@article\{([^,]+),/u.exec(e)?.[1]);
    expect(new Set(keys).size).toBe(entries.length);
    for (const entry of entries) {
      const depth = [...entry].reduce((d, c) => d + (c === '{' ? 1 : c === '}' ? -1 : 0), 0);
      expect(depth, entry).toBe(0);
      expect(entry).toMatch(/note = \{verbatim article [0-9a-f]+\}/u);
    }
    const fixture = entries.find((e) => e.includes('Kelder Vale Courier'));
    expect(fixture).toContain('title = {{=Rates \\& 5\\% \\textbraceleft{}draft\\textbraceright{} rise: Kelder Vale council\'s \\$2m plan \\#budget\\_2025}}');
    expect(fixture).toContain('journal = {Kelder Vale Courier}');
    expect(fixture).toContain('year = {2025}');
    expect(fixture).toContain('author = {Marlow, Alex and Finch, Jo}');
    expect(fixture).toContain(`url = {${FIXTURE.url}}`);
  });

  it('writes CSV and JSON Lines to standard output when no --out is given', async () => {
    const csv = await cli(['export', 'statements', '--db', db, '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.out).toBe(readFileSync(file('statements.csv'), 'utf8'));
    const jsonl = await cli(['export', 'actors', '--db', db, '--format', 'jsonl']);
    expect(jsonl.out).toBe(readFileSync(file('actors.jsonl'), 'utf8'));
  });

  it('refuses Parquet without --out, and mismatched options, as usage errors', async () => {
    const parquet = await cli(['export', 'quotes', '--db', db, '--format', 'parquet']);
    expect(parquet.code).toBe(1);
    expect(parquet.err).toMatch(/parquet needs --out/u);
    expect(parquet.out).toBe('');
    for (const args of [
      ['export', 'quotes', '--format', 'bibtex'],
      ['export', 'quotes', '--format', 'xlsx'],
      ['export', 'nothing', '--format', 'csv'],
      ['export', 'quotes'],
      ['export', 'quotes', '--format', 'jsonl', '--bom'],
      ['export', 'quotes', '--format', 'csv', '--with-text'],
    ]) {
      const result = await cli([...args, '--db', db]);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.err, args.join(' ')).toMatch(/^verbatim export: /u);
    }
  });

  it('an unwritable --out is a clear error and leaves nothing behind', async () => {
    const before = readdirSync(dir).sort();
    const missing = await exportTo('quotes', path.join('no-such-folder', 'quotes.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`cannot write ${file(path.join('no-such-folder', 'quotes.csv'))}: no such folder`);
    const folder = await cli(['export', 'quotes', '--db', db, '--format', 'csv', '--out', dir]);
    expect(folder.code).toBe(1);
    expect(folder.err).toContain('it is a folder');
    const underFile = await exportTo('quotes', path.join('quotes.csv', 'inner.parquet'));
    expect(underFile.code).toBe(1);
    expect(underFile.err).toContain('cannot write');
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(existsSync(file('no-such-folder'))).toBe(false);
  });
});
