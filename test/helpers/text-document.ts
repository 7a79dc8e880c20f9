/**
 * A Document built straight from a string, for stage tests: what ingest would
 * hand over for a plain `.txt` file, without touching the file system.
 */
import { createDocument } from '../../src/model/create-document.js';
import type { ArticleMeta, Document, Span } from '../../src/model/document.js';

export interface TextDocumentOptions {
  /** Treat the first line as the headline (BBC-style `.txt`). */
  headline?: boolean;
  file?: string;
  /** Metadata to set (title, outlet, published, ...). */
  meta?: Partial<ArticleMeta>;
}

/** Span of the first line, trimmed, or null when the text has none. */
export function firstLineSpan(text: string): Span | null {
  const newline = text.indexOf('\n');
  const lineEnd = newline === -1 ? text.length : newline;
  let start = 0;
  let end = lineEnd;
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  return start < end ? { start, end } : null;
}

export function textDocument(text: string, options: TextDocumentOptions = {}): Document {
  return createDocument({
    text,
    headline: options.headline === true ? firstLineSpan(text) : null,
    messages: [],
    meta: {
      title: null,
      byline: null,
      outlet: null,
      published: null,
      url: null,
      source: { file: options.file ?? 'fixture.txt', format: 'txt' },
      language: 'en',
      encoding: 'utf-8',
      ...options.meta,
    },
  });
}
