/**
 * One row of a one-article-per-row file (a JSONL object, a CSV record) to an
 * IngestItem, given the columns detected for it. Shared by the JSONL and CSV
 * readers.
 */
import type { Message } from '../model/document.js';
import { normaliseNewlines } from './decode-bytes.js';
import { detectColumns, type ColumnDetection, type DetectedColumns } from './detect-columns.js';
import { parseDate } from './parse-date.js';
import type { ColumnOverrides, IngestItem } from './types.js';

export interface RowContext {
  file: string;
  format: 'jsonl' | 'csv';
  /** 1-based line of the row in the file. */
  row: number;
  encoding: string;
  /** Messages every article of the file carries (e.g. the encoding warning). */
  messages: readonly Message[];
}

const PARAGRAPH_BREAK = '\n\n'; // how the text stages expect paragraphs to be separated
const LIST_SEPARATOR = ', '; // several authors in one byline

const DETECTION_CACHE_LIMIT = 256; // distinct key sets remembered per file; rows with ever-new keys just re-detect

/** Column detection memoised by the set of field names, so rows with other keys get their own answer. */
export function createColumnResolver(overrides: ColumnOverrides): (fields: readonly string[]) => ColumnDetection {
  const cache = new Map<string, ColumnDetection>();
  return (fields) => {
    const key = fields.join('\u0000');
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const detection = detectColumns(fields, overrides);
    if (cache.size >= DETECTION_CACHE_LIMIT) cache.clear();
    cache.set(key, detection);
    return detection;
  };
}

/** The article text of a field: a string, or an array of paragraph strings. */
function textOf(value: unknown): string | null {
  if (typeof value === 'string') return normaliseNewlines(value);
  if (Array.isArray(value) && value.every((part) => typeof part === 'string')) {
    return value.map((part: string) => normaliseNewlines(part)).join(PARAGRAPH_BREAK);
  }
  return null;
}

/** A metadata field as one trimmed line, or null when missing or empty. */
function metaOf(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(metaOf).filter((part): part is string => part !== null);
    return parts.length === 0 ? null : parts.join(LIST_SEPARATOR);
  }
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function field(record: Record<string, unknown>, name: string | null): unknown {
  return name === null ? undefined : record[name];
}

export function rowToItem(
  record: Record<string, unknown>,
  columns: DetectedColumns,
  context: RowContext,
): IngestItem {
  const item = `${context.file}:${context.row}`;
  const text = textOf(record[columns.text]);
  if (text === null || text.trim() === '') {
    return {
      kind: 'rejected',
      item,
      rule: `ingest.${context.format}.no-text`,
      reason: `line ${context.row}: the text column "${columns.text}" is missing, empty or not text`,
    };
  }

  const messages: Message[] = context.messages.map((message) => ({ ...message }));
  const dateValue = metaOf(field(record, columns.date));
  const published = dateValue === null ? null : parseDate(dateValue);
  if (dateValue !== null && published === null) {
    messages.push({
      stage: 'ingest',
      rule: 'ingest.date.unparsed',
      severity: 'warning',
      reason: `line ${context.row}: could not read "${dateValue}" in column "${columns.date ?? ''}" as a date`,
    });
  }

  return {
    kind: 'article',
    item,
    article: {
      text,
      headline: null,
      messages,
      meta: {
        title: metaOf(field(record, columns.title)),
        byline: metaOf(field(record, columns.byline)),
        outlet: metaOf(field(record, columns.outlet)),
        published,
        url: metaOf(field(record, columns.url)),
        source: { file: context.file, format: context.format, row: context.row },
        language: 'en',
        encoding: context.encoding,
      },
    },
  };
}
