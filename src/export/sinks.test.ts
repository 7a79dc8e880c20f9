import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../cli/csv.js';
import type { Column } from './columns.js';
import { fileOutput, OutputError, textOutput } from './output.js';
import { csvSink, jsonlSink, parquetSink } from './sinks.js';

const COLUMNS: Column[] = [
  { name: 'words', type: 'string' },
  { name: 'start', type: 'integer' },
  { name: 'value', type: 'double' },
  { name: 'coded', type: 'boolean' },
];
const ROWS = [
  ['=SUM(A1:A9), "quoted"\nand more', 12, -40, true],
  [null, null, null, null],
  ['-minus', 0, 0.62, false],
];

function collect(): { out: ReturnType<typeof textOutput>; text: () => string } {
  let text = '';
  return { out: textOutput((t) => void (text += t)), text: () => text };
}

describe('csv fields', () => {
  it('neutralises strings that spreadsheets would run, never numbers', () => {
    expect(csvField('=1+1')).toBe(`"'=1+1"`);
    expect(csvField('-40')).toBe(`"'-40"`);
    expect(csvField(-40)).toBe('-40');
    expect(csvField(null)).toBe('');
    expect(toCsv(['a', 'b'], [['x,y', -1.5]])).toBe('a,b\r\n"x,y",-1.5\r\n');
  });
});

describe('sinks', () => {
  it('CSV: header, CRLF, BOM when asked, typed cells', () => {
    const { out, text } = collect();
    const sink = csvSink(out, COLUMNS, { bom: true });
    sink.write(ROWS);
    sink.finish();
    expect(text().startsWith('\uFEFFwords,start,value,coded\r\n')).toBe(true);
    expect(text()).toContain(',12,-40,true\r\n');
    const records = parse(text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(records).toHaveLength(3);
    expect(records[0]?.words).toBe(`'=SUM(A1:A9), "quoted"\nand more`);
    expect(records[0]?.value).toBe('-40');
    expect(records[2]?.words).toBe("'-minus");
  });

  it('JSON Lines: one object per row, numbers as numbers, nulls as null', () => {
    const { out, text } = collect();
    const sink = jsonlSink(out, COLUMNS);
    sink.write(ROWS);
    sink.finish();
    const lines = text().trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0] ?? '')).toEqual({ words: '=SUM(A1:A9), "quoted"\nand more', start: 12, value: -40, coded: true });
    expect(JSON.parse(lines[1] ?? '')).toEqual({ words: null, start: null, value: null, coded: null });
  });

  it('Parquet: typed nullable columns, several row groups, read back equal', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-sink-'));
    try {
      const file = path.join(dir, 't.parquet');
      const out = fileOutput(file);
      const sink = parquetSink(out, COLUMNS, { createdBy: 'verbatim test' });
      const many = Array.from({ length: 25_000 }, (_, i) => [`w${i}`, i, i / 2, i % 2 === 0]);
      sink.write(ROWS);
      sink.write(many);
      sink.finish();
      out.commit();
      const bytes = readFileSync(file);
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      const meta = parquetMetadata(buffer);
      expect(meta.row_groups.length).toBeGreaterThan(1);
      expect(meta.schema.slice(1).map((s) => [s.name, s.type, s.repetition_type])).toEqual([
        ['words', 'BYTE_ARRAY', 'OPTIONAL'],
        ['start', 'INT32', 'OPTIONAL'],
        ['value', 'DOUBLE', 'OPTIONAL'],
        ['coded', 'BOOLEAN', 'OPTIONAL'],
      ]);
      const rows = await parquetReadObjects({ file: buffer });
      expect(rows).toHaveLength(25_003);
      expect(rows[0]).toEqual({ words: '=SUM(A1:A9), "quoted"\nand more', start: 12, value: -40, coded: true });
      expect(rows[1]).toEqual({ words: null, start: null, value: null, coded: null });
      expect(rows[25_002]).toEqual({ words: 'w24999', start: 24_999, value: 12_499.5, coded: false });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('file output', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-out-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes beside the target and renames on commit', () => {
    const file = path.join(dir, 'a.csv');
    const out = fileOutput(file);
    out.write('one\r\n');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toHaveLength(1);
    out.commit();
    expect(readdirSync(dir)).toEqual(['a.csv']);
    expect(readFileSync(file, 'utf8')).toBe('one\r\n');
  });

  it('leaves an existing file as it was, and nothing else, when aborted', () => {
    const file = path.join(dir, 'a.csv');
    writeFileSync(file, 'before');
    const out = fileOutput(file);
    out.write('half a');
    out.abort();
    expect(readdirSync(dir)).toEqual(['a.csv']);
    expect(readFileSync(file, 'utf8')).toBe('before');
  });

  it('says why a target cannot be written', () => {
    expect(() => fileOutput(path.join(dir, 'missing', 'a.csv'))).toThrow(OutputError);
    expect(() => fileOutput(path.join(dir, 'missing', 'a.csv'))).toThrow(/cannot write .*: no such folder/u);
    expect(() => fileOutput(dir)).toThrow(/it is a folder/u);
    expect(readdirSync(dir)).toEqual([]);
  });
});
