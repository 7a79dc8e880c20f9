import type { RawArticle } from '../model/create-document.js';

/** Column names chosen by the user for one-article-per-row files (`--text-column` etc.). */
export interface ColumnOverrides {
  text?: string;
  title?: string;
  date?: string;
  url?: string;
  outlet?: string;
  byline?: string;
}

export interface IngestOptions {
  /** Largest article accepted, in bytes: a whole `.txt`/`.html` file, or one JSONL/CSV row. */
  maxBytes: number;
  columns: ColumnOverrides;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024; // 10 MB: far above any real article, low enough to refuse a misplaced dump or binary

/**
 * One thing read from the input: an article, or a rejected item with the reason.
 * `item` names it for the run summary and the ingest log: the file path, plus
 * `:row` for JSONL/CSV rows.
 */
export type IngestItem =
  | { kind: 'article'; item: string; article: RawArticle }
  | { kind: 'rejected'; item: string; rule: string; reason: string }
  | { kind: 'skipped'; item: string; rule: string; reason: string };
