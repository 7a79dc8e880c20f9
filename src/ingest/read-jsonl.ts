/**
 * JSON Lines: one article object per line, read as a stream so a corpus of
 * any size goes through in constant memory. A bad line becomes a rejected
 * item and reading goes on.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Message } from '../model/document.js';
import { createColumnResolver, rowToItem } from './read-record.js';
import type { IngestItem, IngestOptions } from './types.js';

const MAX_REASON_CHARS = 200; // JSON.parse quotes the bad line in its message; keep the ingest log readable
const BOM = '\uFEFF';
const REPLACEMENT_CHAR = '\uFFFD';

function shorten(text: string): string {
  return text.length <= MAX_REASON_CHARS ? text : `${text.slice(0, MAX_REASON_CHARS)}...`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

function parseJson(line: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(line) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function readLine(
  line: string,
  lineNumber: number,
  file: string,
  options: IngestOptions,
  resolveColumns: ReturnType<typeof createColumnResolver>,
): IngestItem {
  const item = `${file}:${lineNumber}`;
  const reject = (what: string, reason: string): IngestItem => ({
    kind: 'rejected',
    item,
    rule: `ingest.jsonl.${what}`,
    reason: `line ${lineNumber}: ${reason}`,
  });

  const bytes = Buffer.byteLength(line, 'utf8');
  if (bytes > options.maxBytes) return reject('too-large', `${bytes} bytes, over the limit of ${options.maxBytes}`);
  const parsed = parseJson(line);
  if (!parsed.ok) return reject('bad-json', shorten(parsed.error));
  if (!isRecord(parsed.value)) return reject('not-object', 'the line is valid JSON but not an object');

  const detection = resolveColumns(Object.keys(parsed.value));
  if (!detection.ok) return { kind: 'rejected', item, rule: detection.rule, reason: `line ${lineNumber}: ${detection.reason}` };

  const result = rowToItem(parsed.value, detection.columns, {
    file,
    format: 'jsonl',
    row: lineNumber,
    encoding: 'utf-8',
    messages: [],
  });
  if (result.kind === 'article' && result.article.text.includes(REPLACEMENT_CHAR)) {
    result.article.messages.push(replacementMessage(lineNumber));
  }
  return result;
}

function replacementMessage(lineNumber: number): Message {
  return {
    stage: 'ingest',
    rule: 'ingest.jsonl.replacement-char',
    severity: 'warning',
    reason: `line ${lineNumber}: the text holds U+FFFD replacement characters; the file may not be UTF-8 or was damaged before`,
  };
}

/** Articles (and rejected lines) of a JSONL file, in file order. */
export async function* readJsonl(path: string, file: string, options: IngestOptions): AsyncIterable<IngestItem> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const resolveColumns = createColumnResolver(options.columns);
  let lineNumber = 0;
  let sawContent = false;
  try {
    for await (const rawLine of lines) {
      lineNumber += 1;
      const line = lineNumber === 1 && rawLine.startsWith(BOM) ? rawLine.slice(BOM.length) : rawLine;
      if (line.trim() === '') continue;
      sawContent = true;
      yield readLine(line, lineNumber, file, options, resolveColumns);
    }
  } finally {
    lines.close();
    input.destroy();
  }
  if (!sawContent) {
    yield { kind: 'rejected', item: file, rule: 'ingest.empty', reason: `${file} has no non-blank lines` };
  }
}
