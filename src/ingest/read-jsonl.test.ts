import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJsonl } from './read-jsonl.js';
import { DEFAULT_MAX_BYTES, type IngestItem, type IngestOptions } from './types.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/ingest');
const OPTIONS: IngestOptions = { maxBytes: DEFAULT_MAX_BYTES, columns: {} };
const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-jsonl-'));
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

describe('readJsonl', () => {
  it('yields N-1 articles and one rejected item naming line 2 for a file with one broken line', async () => {
    const items = await collect(readJsonl(path.join(FIXTURES, 'rows-one-bad-line.jsonl'), 'rows.jsonl', OPTIONS));
    expect(items.map((item) => [item.kind, item.item])).toEqual([
      ['article', 'rows.jsonl:1'],
      ['rejected', 'rows.jsonl:2'],
      ['article', 'rows.jsonl:3'],
    ]);
    const rejected = items[1];
    expect(rejected?.kind === 'rejected' && rejected.rule).toBe('ingest.jsonl.bad-json');
    expect(rejected?.kind === 'rejected' && rejected.reason).toMatch(/^line 2: /);
  });

  it('reads metadata from the detected columns, per row', async () => {
    const items = await collect(readJsonl(path.join(FIXTURES, 'rows-one-bad-line.jsonl'), 'rows.jsonl', OPTIONS));
    const [first, , third] = items;
    if (first?.kind !== 'article' || third?.kind !== 'article') throw new Error('expected articles');
    expect(first.article.meta).toMatchObject({
      title: 'Cafe wins hygiene award',
      outlet: 'Wendlebury Echo',
      url: 'https://wendlebury-echo.example/cafe',
      published: '2024-05-02',
      source: { file: 'rows.jsonl', format: 'jsonl', row: 1 },
    });
    // The third line uses other keys: headline, body (an array of paragraphs), published_at, author.
    expect(third.article.text).toBe(
      'Scouts from the 3rd Wendlebury troop planted 500 trees on Saturday.\n\n' +
        "Leader Amos Kettering said it was the troop's biggest project.",
    );
    expect(third.article.meta).toMatchObject({
      title: 'Scouts plant 500 trees',
      published: '2024-05-03',
      byline: 'Nell Brindley, Joe Sayer',
      source: { row: 3 },
    });
  });

  it('strips a BOM, skips blank lines, keeps counting lines, turns CRLF into LF', async () => {
    const file = writeTemp('bom.jsonl', '\uFEFF{"text":"One.\\r\\nTwo."}\r\n\r\n{"text":"Three."}\r\n');
    const items = await collect(readJsonl(file, 'bom.jsonl', OPTIONS));
    expect(items.map((item) => item.item)).toEqual(['bom.jsonl:1', 'bom.jsonl:3']);
    expect(items[0]?.kind === 'article' && items[0].article.text).toBe('One.\nTwo.');
  });

  it('rejects lines that are not objects, lack text, or are too long, and goes on', async () => {
    const long = JSON.stringify({ text: 'x'.repeat(200) });
    const file = writeTemp('mixed.jsonl', ['[1,2]', '{"title":"No text here"}', '{"text":"   "}', long, '{"text":"Fine."}'].join('\n'));
    const items = await collect(readJsonl(file, 'mixed.jsonl', { maxBytes: 100, columns: {} }));
    expect(items.map((item) => (item.kind === 'rejected' ? `${item.item} ${item.rule}` : `${item.item} article`))).toEqual([
      'mixed.jsonl:1 ingest.jsonl.not-object',
      'mixed.jsonl:2 ingest.columns.no-text',
      'mixed.jsonl:3 ingest.jsonl.no-text',
      'mixed.jsonl:4 ingest.jsonl.too-large',
      'mixed.jsonl:5 article',
    ]);
  });

  it('warns about an unreadable date and about replacement characters', async () => {
    const file = writeTemp('warn.jsonl', '{"text":"Caf\uFFFD opens.","date":"a while ago"}\n');
    const [item] = await collect(readJsonl(file, 'warn.jsonl', OPTIONS));
    expect(item?.kind === 'article' && item.article.messages.map((m) => m.rule)).toEqual([
      'ingest.date.unparsed',
      'ingest.jsonl.replacement-char',
    ]);
  });

  it('uses a text column override', async () => {
    const file = writeTemp('override.jsonl', '{"text":"teaser","story_body":"The real story."}\n');
    const [item] = await collect(readJsonl(file, 'override.jsonl', { ...OPTIONS, columns: { text: 'story_body' } }));
    expect(item?.kind === 'article' && item.article.text).toBe('The real story.');
  });

  it('rejects an empty file', async () => {
    const items = await collect(readJsonl(writeTemp('empty.jsonl', '\n\n'), 'empty.jsonl', OPTIONS));
    expect(items).toEqual([expect.objectContaining({ kind: 'rejected', item: 'empty.jsonl', rule: 'ingest.empty' })]);
  });
});
