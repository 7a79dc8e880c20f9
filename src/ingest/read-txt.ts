/**
 * Plain-text articles. The whole decoded file is the text. In the BBC layout
 * the first line is the headline, followed by a blank line; it stays in the
 * text and `headline` points at it.
 */
import type { Span } from '../model/document.js';
import { decodeTextFile } from './decode-text-file.js';
import type { IngestItem } from './types.js';

const HEADLINE_MAX_WORDS = 30; // news headlines run to about 15 words; a longer first line is a paragraph
const HEADLINE_MAX_CHARS = 200; // the same limit in characters, for lines of long words or no spaces
// A line ending in one full stop (maybe inside a closing quote) is a sentence, not a headline;
// "...", "?" and "!" endings, or none, are headline-like.
const SENTENCE_END = /(?<!\.)\.["'\u2019\u201D]?$/;

interface Line {
  start: number;
  end: number;
}

function lineAt(text: string, start: number): Line {
  const newline = text.indexOf('\n', start);
  return { start, end: newline === -1 ? text.length : newline };
}

function isBlank(text: string, line: Line): boolean {
  return text.slice(line.start, line.end).trim() === '';
}

function looksLikeHeadline(line: string): boolean {
  return (
    line.length <= HEADLINE_MAX_CHARS && line.split(/\s+/).length <= HEADLINE_MAX_WORDS && !SENTENCE_END.test(line)
  );
}

/**
 * The span of the headline: the first non-blank line, when a blank line and
 * then more text follow it and it looks like a headline. Otherwise null.
 */
export function findHeadline(text: string): Span | null {
  let first = lineAt(text, 0);
  while (isBlank(text, first)) {
    if (first.end === text.length) return null;
    first = lineAt(text, first.end + 1);
  }
  if (first.end === text.length) return null;
  const next = lineAt(text, first.end + 1);
  if (!isBlank(text, next) || text.slice(next.end).trim() === '') return null;

  const raw = text.slice(first.start, first.end);
  const headline = raw.trim();
  if (!looksLikeHeadline(headline)) return null;
  const start = first.start + (raw.length - raw.trimStart().length);
  return { start, end: start + headline.length };
}

export function readTxt(bytes: Uint8Array, file: string): IngestItem {
  const decoded = decodeTextFile(bytes, file);
  if (decoded.kind === 'rejected') return decoded;
  const { text, encoding, messages } = decoded;
  const headline = findHeadline(text);
  return {
    kind: 'article',
    item: file,
    article: {
      text,
      headline,
      messages,
      meta: {
        title: headline === null ? null : text.slice(headline.start, headline.end),
        byline: null,
        outlet: null,
        published: null,
        url: null,
        source: { file, format: 'txt' },
        language: 'en',
        encoding,
      },
    },
  };
}
