/**
 * Full-text search over the stored articles: the query read (see `query.ts`),
 * the articles ranked by the index (bm25), and in each the words it matched,
 * found again in its text as character offsets, with a snippet around the
 * best of them.
 */
import type { Span } from '../model/document.js';
import type { FullTextFilter, Store } from '../store/store.js';
import { foldText } from './fold.js';
import { findPhrases, mergeSpans, phraseRegExp, type PhraseMatch } from './match.js';
import { parseQuery } from './query.js';

/** The store's full-text filters (outlet, dates, actor, page), with a person's query in place of an FTS5 expression. */
export interface SearchOptions extends Omit<FullTextFilter, 'match'> {
  /** The query (FTS5 syntax: words, "phrases", prefix*, AND, OR, NOT, parentheses, NEAR). */
  query: string;
}

export interface SearchRow {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  /** How well the article matches (bm25, higher is better; title words count double). */
  score: number;
  /** Words of the text around the best match (exactly `text.slice(snippetStart, snippetStart + snippet.length)`). */
  snippet: string;
  snippetStart: number;
  /** The matched words inside the snippet, as offsets into `snippet`. */
  marks: Span[];
  /** Every matched word or phrase in the article text, as offsets into the text (at most `MAX_MATCHES`). */
  matches: Span[];
  /** Matched words in the title, as offsets into the title. */
  titleMatches: Span[];
}

export interface SearchResult {
  rows: SearchRow[];
  /** Articles matching in all. */
  total: number;
}

/** Characters of a snippet, at most. */
export const SNIPPET_LENGTH = 220;
/** Matches given per article, at most. */
export const MAX_MATCHES = 1000;
const DEFAULT_LIMIT = 20;

/** Search the articles. A query that cannot be read is a `QueryError` naming it. */
export async function search(store: Store, options: SearchOptions): Promise<SearchResult> {
  const parsed = parseQuery(options.query);
  const page = await store.searchArticles({
    match: parsed.fts,
    ...(options.outlet === undefined ? {} : { outlet: options.outlet }),
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.to === undefined ? {} : { to: options.to }),
    ...(options.actor === undefined ? {} : { actor: options.actor }),
    limit: options.limit ?? DEFAULT_LIMIT,
    offset: options.offset ?? 0,
  });
  const patterns = parsed.phrases.map(phraseRegExp);
  return {
    total: page.total,
    rows: page.rows.map((hit): SearchRow => {
      const found = findPhrases(foldText(hit.text), patterns, MAX_MATCHES);
      const snippet = snippetOf(hit.text, found);
      const matches = mergeSpans(found);
      return {
        id: hit.id,
        title: hit.title,
        outlet: hit.outlet,
        published: hit.published,
        score: Number(hit.score.toPrecision(6)),
        snippet: hit.text.slice(snippet.start, snippet.end),
        snippetStart: snippet.start,
        marks: matches.filter((m) => m.start >= snippet.start && m.end <= snippet.end).map((m) => ({ start: m.start - snippet.start, end: m.end - snippet.start })),
        matches,
        titleMatches: hit.title === null ? [] : mergeSpans(findPhrases(foldText(hit.title), patterns, MAX_MATCHES)),
      };
    }),
  };
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/u.test(c);

/**
 * Where the snippet is: the stretch of `SNIPPET_LENGTH` characters holding the
 * most different phrases of the query (then the most matches, then the
 * earliest), with the matches in its middle, cut at spaces; the start of the
 * text when nothing was found in it (the title matched).
 */
function snippetOf(text: string, found: readonly PhraseMatch[]): Span {
  let best = { first: 0, last: 0, distinct: 0, count: 0 };
  const counts = new Map<number, number>();
  let last = 0;
  for (let first = 0; first < found.length; first++) {
    const start = found[first]?.start ?? 0;
    if (last < first) last = first;
    // The window: every match from this one that ends within a snippet's length of its start.
    for (let m = found[last]; m !== undefined && m.end - start <= SNIPPET_LENGTH; m = found[last]) {
      counts.set(m.phrase, (counts.get(m.phrase) ?? 0) + 1);
      last++;
    }
    const count = last - first;
    if (count === 0) continue;
    if (counts.size > best.distinct || (counts.size === best.distinct && count > best.count)) best = { first, last, distinct: counts.size, count };
    const phrase = found[first]?.phrase ?? 0;
    const left = (counts.get(phrase) ?? 1) - 1;
    if (left === 0) counts.delete(phrase);
    else counts.set(phrase, left);
  }
  const cluster = found.slice(best.first, Math.max(best.last, best.first + 1));
  const clusterStart = cluster[0]?.start ?? 0;
  const clusterEnd = cluster.reduce((end, m) => Math.max(end, m.end), clusterStart);
  const room = Math.max(0, SNIPPET_LENGTH - (clusterEnd - clusterStart));
  let start = Math.max(0, clusterStart - Math.floor(room / 2));
  let end = Math.min(text.length, Math.max(clusterEnd, start + SNIPPET_LENGTH));
  start = Math.max(0, Math.min(start, end - SNIPPET_LENGTH));
  // Whole words only: in to the next space at either end, never into the matches.
  if (start > 0 && !isSpace(text[start - 1])) while (start < clusterStart && !isSpace(text[start])) start++;
  while (start < clusterStart && isSpace(text[start])) start++;
  if (end < text.length && !isSpace(text[end])) while (end > clusterEnd && !isSpace(text[end - 1])) end--;
  while (end > clusterEnd && isSpace(text[end - 1])) end--;
  return { start, end };
}
