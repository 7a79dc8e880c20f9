/**
 * `/search?q=`: full-text search over the articles, best match first, each
 * with a snippet around its best match. Matched words are marked from the
 * offsets the API gives; every piece of text is a text node.
 */
import type { JSX } from 'preact';
import type { SearchPage as SearchPageData } from '../../../src/server/api-types.js';
import type { SearchRow } from '../../../src/search/search.js';
import { apiUrl, useApi } from '../api.js';
import { downloadCsv, type Column } from '../csv.js';
import { FilterForm, useGlobalFields, type Field } from '../components/filters.js';
import { Empty, intParam, Link, PageTitle, Pager, Status } from '../components/ui.js';
import { articlePath, formatDate } from '../format.js';
import { queryObject, type Location } from '../router.js';

/** `text` with the spans (offsets into it) in <mark>. */
export function Marked({ text, spans }: { text: string; spans: readonly { start: number; end: number }[] }): JSX.Element {
  const parts: (string | JSX.Element)[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at || s.end > text.length) continue;
    if (s.start > at) parts.push(text.slice(at, s.start));
    parts.push(<mark key={s.start}>{text.slice(s.start, s.end)}</mark>);
    at = s.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

const SEARCH_EXPORT: readonly Column<SearchRow>[] = [
  { header: 'title', value: (r) => r.title },
  { header: 'published', value: (r) => r.published },
  { header: 'outlet', value: (r) => r.outlet },
  { header: 'score', value: (r) => r.score },
  { header: 'matches', value: (r) => r.matches.length },
  { header: 'snippet', value: (r) => r.snippet.replace(/\s+/gu, ' ') },
  { header: 'article', value: (r) => r.id },
];

export function SearchPage({ location }: { location: Location }): JSX.Element {
  const globals = useGlobalFields();
  const fields: Field[] = [
    ...globals.slice(0, 1).map((f): Field => ({ ...f, label: 'Search the articles', hint: 'Words, "phrases", prefix*, AND, OR, NOT, ( ), NEAR(a b, 5)' })),
    { name: 'actor', label: 'Actor mentioned', kind: 'text', placeholder: 'part of a name' },
    ...globals.slice(1),
  ];
  const limit = intParam(location.query, 'limit', 25, 200) || 25;
  const offset = intParam(location.query, 'offset', 0);
  const filters = queryObject(location.query, ['q', 'outlet', 'from', 'to', 'actor']);
  const q = (filters.q ?? '').trim();
  const { data, error, loading } = useApi<SearchPageData>(q === '' ? null : apiUrl('search', { ...filters, limit, offset }));
  const rows = data?.rows ?? [];

  return (
    <section class="page" data-testid="search">
      <PageTitle>Search</PageTitle>
      <FilterForm location={location} fields={fields} />
      {q === '' ? (
        <Empty>Type words to search the text of the articles.</Empty>
      ) : (
        <>
          <Status loading={loading} error={error} what="the results" />
          {data === undefined ? null : (
            <>
              <div class="toolbar">
                <Pager location={location} total={data.total} limit={limit} offset={offset} what="articles" />
                <div class="exports">
                  <button type="button" disabled={rows.length === 0} onClick={() => downloadCsv(`search-${offset + 1}-${offset + rows.length}.csv`, SEARCH_EXPORT, rows)} data-testid="export-csv">
                    Export CSV
                  </button>
                </div>
              </div>
              {rows.length === 0 ? (
                <Empty>No articles match.</Empty>
              ) : (
                <ol class="cards search-results" data-testid="search-results" start={offset + 1}>
                  {rows.map((r) => (
                    <li key={r.id} class="card" data-testid="search-result" data-article={r.id}>
                      <h2>
                        <Link href={articlePath(r.id)}>{r.title === null ? `Untitled (${r.id})` : <Marked text={r.title} spans={r.titleMatches} />}</Link>
                      </h2>
                      <p class="meta">
                        {r.outlet ?? 'No outlet'} · {formatDate(r.published)} · score {Math.abs(r.score) >= 1 ? r.score.toFixed(2) : r.score.toPrecision(2)} · {r.matches.length} {r.matches.length === 1 ? 'match' : 'matches'}
                      </p>
                      <p class="snippet" data-testid="snippet">
                        {r.snippetStart > 0 ? '… ' : ''}
                        <Marked text={r.snippet} spans={r.marks} />
                        {' …'}
                      </p>
                    </li>
                  ))}
                </ol>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
