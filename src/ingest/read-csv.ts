/**
 * CSV with a header row, one article per record, read as a stream: bytes are
 * decoded (UTF-8, UTF-16 or Windows-1252) and line breaks normalised before
 * csv-parse sees them, so memory stays flat and line numbers are exact.
 * A broken record (bad quoting) becomes a rejected item naming its lines;
 * the parser carries on with the next record.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { createDecodeStream, detectFileEncoding, windows1252Message } from './decode-bytes.js';
import { detectColumns, type DetectedColumns } from './detect-columns.js';
import { CsvRecordLimit } from './limit-csv-record.js';
import { rowToItem } from './read-record.js';
import type { IngestItem, IngestOptions } from './types.js';

const RUNAWAY_RECORD_FACTOR = 4; // a record this many times over maxBytes is an unclosed quote eating the file, not an article
const MAX_REASON_CHARS = 300; // csv-parse messages can quote a whole field

interface CsvChunk {
  record: Record<string, unknown>;
  info: { lines: number };
  raw: string;
}

interface BadRecord {
  start: number;
  end: number;
  reason: string;
}

function isCsvChunk(value: unknown): value is CsvChunk {
  if (typeof value !== 'object' || value === null) return false;
  const chunk = value as Partial<Record<keyof CsvChunk, unknown>>;
  const info = chunk.info as { lines?: unknown } | undefined;
  return typeof chunk.record === 'object' && typeof chunk.raw === 'string' && typeof info?.lines === 'number';
}

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}

/**
 * First line of a record, from the line csv-parse was on at its end and its
 * raw text. The raw text starts with any blank lines skipped before the record
 * and may end with the record's own line break; neither is part of the record.
 */
export function recordStartLine(endLine: number, raw: string): number {
  let first = 0;
  while (raw.charCodeAt(first) === 0x0a) first += 1;
  const body = raw.endsWith('\n') ? raw.slice(first, -1) : raw.slice(first);
  return endLine - countNewlines(body);
}

function describeLines(record: BadRecord): string {
  return record.start === record.end ? `line ${record.start}` : `lines ${record.start}-${record.end}`;
}

function badRecordItem(file: string, record: BadRecord): IngestItem {
  return {
    kind: 'rejected',
    item: `${file}:${record.start}`,
    rule: 'ingest.csv.bad-record',
    reason: `${describeLines(record)}: ${record.reason}`,
  };
}

/** Articles (and rejected records) of a CSV file, in file order. */
export async function* readCsv(path: string, file: string, options: IngestOptions): AsyncIterable<IngestItem> {
  const encoding = await detectFileEncoding(path);
  const fileMessages = encoding === 'windows-1252' ? [windows1252Message(file)] : [];
  const state: { header: string[] | null } = { header: null };
  const parser = parse({
    columns: (header: string[]) => {
      state.header = header;
      return header;
    },
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    raw: true,
  });

  // Skip events can come several times for one record: keep one entry, widened to the last line reached.
  const badRecords: BadRecord[] = [];
  parser.on('skip', (error: CsvError) => {
    const end = typeof error.lines === 'number' ? error.lines : 0;
    const start = recordStartLine(end, typeof error.raw === 'string' ? error.raw : '');
    const last = badRecords.at(-1);
    if (last !== undefined && last.start === start) last.end = Math.max(last.end, end);
    else badRecords.push({ start, end, reason: error.message.slice(0, MAX_REASON_CHARS) });
  });

  const limit = new CsvRecordLimit(options.maxBytes * RUNAWAY_RECORD_FACTOR);
  const source = createReadStream(path);
  pipeline(source, createDecodeStream(encoding), limit, parser, () => {
    // A failure here also fails the parser, and with it the loop below.
  });
  const beforeCut = (line: number): boolean => limit.cutAtLine === null || line < limit.cutAtLine;

  let columns: DetectedColumns | null = null;
  let recordsSeen = 0;
  try {
    for await (const chunk of parser as AsyncIterable<unknown>) {
      if (!isCsvChunk(chunk)) throw new Error('csv-parse returned an unexpected record shape: check the parser options');
      if (columns === null) {
        const detection = detectColumns(state.header ?? Object.keys(chunk.record), options.columns);
        if (!detection.ok) {
          yield { kind: 'rejected', item: file, rule: detection.rule, reason: `${file}: ${detection.reason}` };
          return;
        }
        columns = detection.columns;
      }
      const start = recordStartLine(chunk.info.lines, chunk.raw);
      if (!beforeCut(start)) continue;
      for (let next = badRecords[0]; next !== undefined && next.start < start; next = badRecords[0]) {
        badRecords.shift();
        yield badRecordItem(file, next);
      }
      recordsSeen += 1;
      const bytes = Buffer.byteLength(chunk.raw, 'utf8');
      if (bytes > options.maxBytes) {
        yield {
          kind: 'rejected',
          item: `${file}:${start}`,
          rule: 'ingest.csv.too-large',
          reason: `line ${start}: ${bytes} bytes, over the limit of ${options.maxBytes}`,
        };
        continue;
      }
      yield rowToItem(chunk.record, columns, { file, format: 'csv', row: start, encoding, messages: fileMessages });
    }
  } finally {
    source.destroy();
  }

  for (const record of badRecords) if (beforeCut(record.start)) yield badRecordItem(file, record);
  if (limit.cutAtLine !== null) {
    yield {
      kind: 'rejected',
      item: `${file}:${limit.cutAtLine}`,
      rule: 'ingest.csv.record-too-large',
      reason:
        `line ${limit.cutAtLine}: a record runs past ${limit.maxChars} characters, usually an unclosed quote; ` +
        'the rest of the file was not read',
    };
  }
  if (state.header === null) {
    yield { kind: 'rejected', item: file, rule: 'ingest.empty', reason: `${file} is empty: no header row` };
  } else if (columns === null) {
    const detection = detectColumns(state.header, options.columns);
    if (!detection.ok) yield { kind: 'rejected', item: file, rule: detection.rule, reason: `${file}: ${detection.reason}` };
    else if (recordsSeen === 0 && badRecords.length === 0) {
      yield { kind: 'rejected', item: file, rule: 'ingest.csv.no-rows', reason: `${file} has a header row but no records` };
    }
  }
}
