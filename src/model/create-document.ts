import { createHash } from 'node:crypto';
import type { ArticleMeta, Document, Span } from './document.js';

/** What ingest hands to the pipeline: decoded text plus what the source said about it. */
export interface RawArticle {
  text: string;
  meta: ArticleMeta;
  headline: Span | null;
  /** Messages raised while reading (encoding repaired, date not understood, ...). */
  messages: Document['messages'];
}

const ID_HEX_CHARS = 16; // 64 bits of the hash: collision-free for any corpus we expect (birthday bound ~4e9 articles)

/**
 * The form two texts share when they are "the same article": Unicode NFKC,
 * curly quotes and dashes folded to ASCII, whitespace runs to one space,
 * lower case. Used only for hashing; the text itself is never changed.
 */
export function normaliseForHash(text: string): string {
  // Pure ASCII text (most English copy) has nothing for NFKC or the folds to change.
  const folded = ASCII_ONLY.test(text)
    ? text
    : text
        .normalize('NFKC')
        .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
        .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
        .replace(/[\u2010-\u2015\u2212]/g, '-');
  return folded.replace(/\s+/g, ' ').trim().toLowerCase();
}

const ASCII_ONLY = /^\p{ASCII}*$/u;

export function hashText(text: string): string {
  return createHash('sha256').update(normaliseForHash(text)).digest('hex');
}

export function articleId(hash: string): string {
  return `a${hash.slice(0, ID_HEX_CHARS)}`;
}

/** A fresh Document: text, meta and hash set, every stage field empty. */
export function createDocument(raw: RawArticle): Document {
  const hash = hashText(raw.text);
  return {
    id: articleId(hash),
    hash,
    text: raw.text,
    meta: raw.meta,
    headline: raw.headline,
    paragraphs: [],
    sentences: [],
    tokens: [],
    boilerplate: [],
    quotes: [],
    actors: [],
    statements: [],
    statistics: [],
    messages: [...raw.messages],
  };
}
