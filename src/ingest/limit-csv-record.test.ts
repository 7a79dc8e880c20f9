import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvRecordLimit } from './limit-csv-record.js';

async function run(maxChars: number, chunks: string[]): Promise<{ out: string; limit: CsvRecordLimit }> {
  const limit = new CsvRecordLimit(maxChars);
  let out = '';
  for await (const piece of Readable.from(chunks).pipe(limit)) out += String(piece);
  return { out, limit };
}

describe('CsvRecordLimit', () => {
  it('passes records under the limit through untouched, quoted newlines included', async () => {
    const csv = 'a,b\n1,"two\nlines"\n2,"say ""hi"""\n';
    const { out, limit } = await run(20, [csv.slice(0, 9), csv.slice(9)]);
    expect(out).toBe(csv);
    expect(limit.cutAtLine).toBeNull();
  });

  it('stops at a record that runs past the limit and names the line it starts on', async () => {
    const csv = `a,b\n1,ok\n2,"never closed ${'x'.repeat(50)}\n3,lost\n`;
    const { out, limit } = await run(30, [csv]);
    expect(limit.cutAtLine).toBe(3);
    expect(out.startsWith('a,b\n1,ok\n2,"never')).toBe(true);
    expect(out).not.toContain('3,lost');
  });

  it('drops every later chunk once cut', async () => {
    const { out, limit } = await run(5, ['a\n', '0123456789', '\nb\n']);
    expect(limit.cutAtLine).toBe(2);
    expect(out).toBe('a\n01234');
  });
});
