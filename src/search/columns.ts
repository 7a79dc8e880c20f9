/**
 * The CSV of search results and of a concordance, the same from the terminal
 * (`verbatim search --csv`, `verbatim kwic --csv`) and from the API
 * (`format=csv`).
 */
import type { KwicRow } from './kwic.js';
import type { SearchRow } from './search.js';

type Cell = string | number | null;

export interface RowColumns<T> {
  header: readonly string[];
  record: (row: T) => Cell[];
}

/** The snippet with each match between `open` and `close` (« » by default). */
export function markedSnippet(row: Pick<SearchRow, 'snippet' | 'marks'>, open = '«', close = '»'): string {
  let out = '';
  let at = 0;
  for (const m of row.marks) {
    out += `${row.snippet.slice(at, m.start)}${open}${row.snippet.slice(m.start, m.end)}${close}`;
    at = m.end;
  }
  return out + row.snippet.slice(at);
}

export const SEARCH_COLUMNS: RowColumns<SearchRow> = {
  header: ['id', 'published', 'outlet', 'title', 'score', 'matches', 'snippet', 'snippet_start', 'snippet_end'],
  record: (r) => [r.id, r.published, r.outlet, r.title, r.score, r.matches.length, markedSnippet(r), r.snippetStart, r.snippetStart + r.snippet.length],
};

export const KWIC_COLUMNS: RowColumns<KwicRow> = {
  header: ['article_id', 'published', 'outlet', 'left', 'keyword', 'right', 'start', 'end', 'left_start', 'right_end', 'sentence', 'title'],
  record: (r) => [r.articleId, r.published, r.outlet, r.left, r.keyword, r.right, r.start, r.end, r.leftStart, r.rightEnd, r.sentence, r.title],
};
