import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv, recordStartLine } from './read-csv.js';
import { DEFAULT_MAX_BYTES, type IngestItem, type IngestOptions } from './types.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/ingest');
const OPTIONS: IngestOptions = { maxBytes: DEFAULT_MAX_BYTES, columns: {} };
const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(items: AsyncIterable<IngestItem>): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function writeTemp(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

function summary(items: IngestItem[]): string[] {
  return items.map((item) => `${item.item} ${item.kind === 'article' ? 'article' : item.rule}`);
}

describe('readCsv', () => {
  it('yields the good rows and a rejected item for each record with broken quoting', async () => {
    // Line 1 header; record 1 on lines 2-4 (quoted blank line); line 5 a stray quote;
    // line 6 fine; line 7 opens a quote that never closes.
    const items = await collect(readCsv(path.join(FIXTURES, 'rows-broken-quoting.csv'), 'rows.csv', OPTIONS));
    expect(summary(items)).toEqual([
      'rows.csv:2 article',
      'rows.csv:5 ingest.csv.bad-record',
      'rows.csv:6 article',
      'rows.csv:7 ingest.csv.bad-record',
    ]);
    const [first, stray, , unclosed] = items;
    if (first?.kind !== 'article') throw new Error('expected an article');
    expect(first.article.text).toBe('The library on Chapel Street reopened on Monday.\n\nIt had been shut for a month.');
    expect(first.article.meta).toMatchObject({
      title: 'Library reopens',
      published: '2024-03-14',
      outlet: 'Dunmore Gazette',
      source: { file: 'rows.csv', format: 'csv', row: 2 },
    });
    expect(stray?.kind === 'rejected' && stray.reason).toMatch(/^line 5: Invalid Opening Quote/);
    expect(unclosed?.kind === 'rejected' && unclosed.reason).toMatch(/^line 7: Quote Not Closed/);
  });

  it('names every line an unclosed quote swallowed', async () => {
    const file = writeTemp('swallow.csv', 'text\n"Opens here\nstill quoted\n"Another"\nLast row\n');
    const items = await collect(readCsv(file, 'swallow.csv', OPTIONS));
    expect(summary(items)).toEqual(['swallow.csv:2 ingest.csv.bad-record', 'swallow.csv:5 article']);
    expect(items[0]?.kind === 'rejected' && items[0].reason).toMatch(/^lines 2-4: /);
  });

  it('decodes a Windows-1252 file, turns CRLF into LF and warns on every article', async () => {
    const bytes = Uint8Array.from([
      ...Buffer.from('headline,story\r\nFares,'),
      ...Buffer.from('"'), 0x93, ...Buffer.from('Too dear,'), 0x94, ...Buffer.from(' said one. '), 0xa3, ...Buffer.from('5 now."\r\n'),
      ...Buffer.from('Snow,"Roads shut.\r\nSchools shut."\r\n'),
    ]);
    const items = await collect(readCsv(writeTemp('old.csv', bytes), 'old.csv', OPTIONS));
    expect(summary(items)).toEqual(['old.csv:2 article', 'old.csv:3 article']);
    const [first, second] = items;
    if (first?.kind !== 'article' || second?.kind !== 'article') throw new Error('expected articles');
    expect(first.article.text).toBe('“Too dear,” said one. £5 now.');
    expect(first.article.meta.title).toBe('Fares');
    expect(first.article.meta.encoding).toBe('windows-1252');
    expect(second.article.text).toBe('Roads shut.\nSchools shut.');
    for (const item of [first, second]) {
      expect(item.article.messages.map((m) => m.rule)).toEqual(['ingest.decode.windows-1252']);
    }
  });

  it('reads UTF-16 LE with a BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('text,date\nTickets cost £5,2024\n', 'utf16le')]);
    const items = await collect(readCsv(writeTemp('wide.csv', bytes), 'wide.csv', OPTIONS));
    expect(items).toHaveLength(1);
    expect(items[0]?.kind === 'article' && items[0].article.text).toBe('Tickets cost £5');
    expect(items[0]?.kind === 'article' && items[0].article.meta.published).toBe('2024');
  });

  it('rejects a record over the size limit and reads on', async () => {
    const file = writeTemp('big.csv', `text\nshort one\n${'y'.repeat(150)}\nshort two\n`);
    const items = await collect(readCsv(file, 'big.csv', { maxBytes: 100, columns: {} }));
    expect(summary(items)).toEqual(['big.csv:2 article', 'big.csv:3 ingest.csv.too-large', 'big.csv:4 article']);
  });

  it('stops, and says so, at a record far over the limit', async () => {
    const file = writeTemp('runaway.csv', `text\nfirst\n"never closed ${'z'.repeat(500)}\nmore\n`);
    const items = await collect(readCsv(file, 'runaway.csv', { maxBytes: 100, columns: {} }));
    expect(summary(items)).toEqual(['runaway.csv:2 article', 'runaway.csv:3 ingest.csv.record-too-large']);
  });

  it('rejects the file when no column holds text, listing the header and the flag', async () => {
    const items = await collect(readCsv(writeTemp('nocol.csv', 'id,summary\n1,Short\n'), 'nocol.csv', OPTIONS));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'rejected', item: 'nocol.csv', rule: 'ingest.columns.no-text' });
    expect(items[0]?.kind === 'rejected' && items[0].reason).toContain('--text-column');
  });

  it('uses column overrides', async () => {
    const file = writeTemp('over.csv', 'Teaser,Full Story,When\nshort,The full story.,1 May 2024\n');
    const items = await collect(readCsv(file, 'over.csv', { ...OPTIONS, columns: { text: 'full story', date: 'when' } }));
    expect(items[0]?.kind === 'article' && items[0].article.text).toBe('The full story.');
    expect(items[0]?.kind === 'article' && items[0].article.meta.published).toBe('2024-05-01');
  });

  it('rejects empty files and header-only files', async () => {
    expect(summary(await collect(readCsv(writeTemp('empty.csv', ''), 'empty.csv', OPTIONS)))).toEqual(['empty.csv ingest.empty']);
    expect(summary(await collect(readCsv(writeTemp('head.csv', 'text,title\n'), 'head.csv', OPTIONS)))).toEqual([
      'head.csv ingest.csv.no-rows',
    ]);
  });
});

describe('recordStartLine', () => {
  it('counts back over the record, ignoring skipped blank lines before it and its own line break', () => {
    expect(recordStartLine(5, '\n1,A,"Hello\n\nworld"\n')).toBe(3);
    expect(recordStartLine(2, '1,A,short\n')).toBe(2);
    expect(recordStartLine(10, '3,C,"Bad\n\n "')).toBe(8);
  });
});
