/** `/quotes`: every quote across the corpus, filtered, sorted and paged on the server. */
import type { JSX } from 'preact';
import type { QuotesPage as QuotesPageData } from '../../../src/server/api-types.js';
import type { QuoteRow } from '../../../src/store/store.js';
import { apiUrl, useApi } from '../api.js';
import { downloadCsv, downloadJson, type Column } from '../csv.js';
import { FilterForm, useGlobalFields, type Field } from '../components/filters.js';
import { Empty, intParam, Link, PageTitle, Pager, SortHeader, Status, type SortDir } from '../components/ui.js';
import { articlePath, formatDate } from '../format.js';
import { href, queryObject, updateQuery, type Location } from '../router.js';

const SORTS = ['published', 'speaker', 'organisation', 'kind'] as const;

const speakerName = (q: QuoteRow): string => q.actor?.name ?? q.speaker ?? '';

/** The columns of the exports: the rows shown, with everything the API gives about them. */
export const QUOTE_COLUMNS: readonly Column<QuoteRow>[] = [
  { header: 'speaker', value: speakerName },
  { header: 'organisation', value: (q) => q.organisation },
  { header: 'kind', value: (q) => q.kind },
  { header: 'quote', value: (q) => q.content },
  { header: 'title', value: (q) => q.title },
  { header: 'published', value: (q) => q.published },
  { header: 'outlet', value: (q) => q.outlet },
  { header: 'article', value: (q) => q.articleId },
  { header: 'id', value: (q) => q.id },
  { header: 'start', value: (q) => q.start },
  { header: 'end', value: (q) => q.end },
  { header: 'speaker_mention', value: (q) => q.speaker },
  { header: 'speaker_type', value: (q) => q.actor?.type },
  { header: 'speaker_rule', value: (q) => q.actorRule },
  { header: 'cue', value: (q) => q.cue },
  { header: 'rule', value: (q) => q.rule },
  { header: 'confidence', value: (q) => q.confidence },
];

export function QuotesPage({ location }: { location: Location }): JSX.Element {
  const globals = useGlobalFields();
  const fields: Field[] = [
    ...globals.slice(0, 1),
    { name: 'speaker', label: 'Speaker', kind: 'text', placeholder: 'part of a name' },
    { name: 'org', label: 'Organisation', kind: 'text', placeholder: 'part of a name' },
    {
      name: 'kind',
      label: 'Kind',
      kind: 'select',
      options: [
        { value: '', label: 'Any kind' },
        { value: 'direct', label: 'direct' },
        { value: 'mixed', label: 'mixed' },
        { value: 'indirect', label: 'indirect' },
      ],
    },
    ...globals.slice(1),
  ];
  const limit = intParam(location.query, 'limit', 25, 500) || 25;
  const offset = intParam(location.query, 'offset', 0);
  const sortParam = location.query.get('sort') ?? 'published';
  const sort = (SORTS as readonly string[]).includes(sortParam) ? sortParam : 'published';
  const dir: SortDir = location.query.get('dir') === 'desc' ? 'desc' : 'asc';
  const filters = queryObject(location.query, ['q', 'speaker', 'org', 'kind', 'article', 'outlet', 'from', 'to']);
  const { data, error, loading } = useApi<QuotesPageData>(apiUrl('quotes', { ...filters, sort, dir, limit, offset }));
  const rows = data?.rows ?? [];
  const stamp = `quotes${filters.speaker !== undefined ? `-${filters.speaker.replace(/[^\w-]+/gu, '_')}` : ''}-${offset + 1}-${offset + rows.length}`;

  return (
    <section class="page" data-testid="quotes">
      <PageTitle>Quotes</PageTitle>
      <FilterForm location={location} fields={fields} />
      {filters.article !== undefined ? (
        <p class="chip">
          Only the article <Link href={articlePath(filters.article)}>{filters.article}</Link>{' '}
          <button type="button" onClick={() => updateQuery({ article: null, offset: null })}>
            Show all articles
          </button>
        </p>
      ) : null}
      <Status loading={loading} error={error} what="quotes" />
      {data === undefined ? null : (
        <>
          <div class="toolbar">
            <Pager location={location} total={data.total} limit={limit} offset={offset} what="quotes" />
            <div class="exports">
              <button type="button" disabled={rows.length === 0} onClick={() => downloadCsv(`${stamp}.csv`, QUOTE_COLUMNS, rows)} data-testid="export-csv">
                Export CSV
              </button>
              <button type="button" disabled={rows.length === 0} onClick={() => downloadJson(`${stamp}.json`, rows)} data-testid="export-json">
                Export JSON
              </button>
            </div>
          </div>
          {rows.length === 0 ? (
            <Empty>No quotes match these filters.</Empty>
          ) : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label="Quotes">
              <table class="quotes-table" data-testid="quotes-table">
                <thead>
                  <tr>
                    <SortHeader label="Speaker" column="speaker" sort={sort} dir={dir} />
                    <SortHeader label="Organisation" column="organisation" sort={sort} dir={dir} />
                    <SortHeader label="Kind" column="kind" sort={sort} dir={dir} />
                    <th scope="col">Quote</th>
                    <th scope="col">Article</th>
                    <SortHeader label="Date" column="published" sort={sort} dir={dir} />
                  </tr>
                </thead>
                <tbody>
                  {rows.map((q) => (
                    <tr key={`${q.articleId}:${q.id}`} data-testid="quote-row" data-article={q.articleId} data-id={q.id}>
                      <th scope="row" class="speaker" data-col="speaker">
                        {speakerName(q) === '' ? (
                          <span class="muted">unknown</span>
                        ) : (
                          <Link href={href('/quotes', { ...filters, article: null, speaker: speakerName(q), sort, dir })} title={`Only quotes by ${speakerName(q)}`}>
                            {speakerName(q)}
                          </Link>
                        )}
                        {q.actor === null && q.speaker !== null ? <span class="muted"> (unresolved)</span> : null}
                      </th>
                      <td data-col="organisation">{q.organisation ?? ''}</td>
                      <td data-col="kind">
                        <span class={`badge kind-${q.kind}`}>{q.kind}</span>
                      </td>
                      <td class="quote-cell" data-col="quote">
                        {q.content}
                      </td>
                      <td class="article-cell" data-col="article">
                        <Link href={articlePath(q.articleId, q.id)}>{q.title ?? q.articleId}</Link>
                        {q.outlet !== null ? <span class="muted"> · {q.outlet}</span> : null}
                      </td>
                      <td class="nowrap" data-col="published">
                        {formatDate(q.published)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
