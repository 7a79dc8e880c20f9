/**
 * `/kwic?pattern=`: a concordance. Every occurrence of the pattern with the
 * words before it (right-aligned), the keyword (centred) and the words after
 * it, sorted and paged on the server; the rows shown export as CSV.
 */
import type { JSX } from 'preact';
import type { KwicPage as KwicPageData } from '../../../src/server/api-types.js';
import type { KwicRow } from '../../../src/search/kwic.js';
import { apiUrl, useApi } from '../api.js';
import { downloadCsv, type Column } from '../csv.js';
import { FilterForm, useGlobalFields, type Field } from '../components/filters.js';
import { Empty, intParam, Link, PageTitle, Pager, Status } from '../components/ui.js';
import { articlePath, formatDate, formatNumber } from '../format.js';
import { queryObject, type Location } from '../router.js';

const WIDTHS = ['30', '40', '60', '80', '120'];
const SORTS = ['article', 'left', 'right'];

/** The columns of the export: the rows shown, the contexts exactly as in the text. */
export const KWIC_EXPORT: readonly Column<KwicRow>[] = [
  { header: 'left', value: (r) => r.left },
  { header: 'keyword', value: (r) => r.keyword },
  { header: 'right', value: (r) => r.right },
  { header: 'article', value: (r) => r.articleId },
  { header: 'title', value: (r) => r.title },
  { header: 'published', value: (r) => r.published },
  { header: 'outlet', value: (r) => r.outlet },
  { header: 'start', value: (r) => r.start },
  { header: 'end', value: (r) => r.end },
  { header: 'sentence', value: (r) => r.sentence },
];

const oneLine = (text: string): string => text.replace(/\s+/gu, ' ');

export function KwicPage({ location }: { location: Location }): JSX.Element {
  const globals = useGlobalFields();
  const fields: Field[] = [
    { name: 'pattern', label: 'Words to find', kind: 'search', placeholder: 'e.g. paedophile hunter*', hint: 'Matched as one phrase; * ends the last word for a prefix' },
    { name: 'sentence', label: 'Context', kind: 'select', options: [{ value: '', label: 'characters either side' }, { value: 'true', label: 'the whole sentence' }] },
    { name: 'width', label: 'Characters either side', kind: 'select', options: WIDTHS.map((w) => ({ value: w === '60' ? '' : w, label: w })) },
    {
      name: 'sort',
      label: 'Sort',
      kind: 'select',
      options: [
        { value: '', label: 'by article date' },
        { value: 'left', label: 'by the words before' },
        { value: 'right', label: 'by the words after' },
      ],
    },
    ...globals.slice(1),
  ];
  const limit = intParam(location.query, 'limit', 100, 500) || 100;
  const offset = intParam(location.query, 'offset', 0);
  const filters = queryObject(location.query, ['pattern', 'width', 'sentence', 'sort', 'outlet', 'from', 'to']);
  if (filters.width !== undefined && !WIDTHS.includes(filters.width)) delete filters.width;
  if (filters.sort !== undefined && !SORTS.includes(filters.sort)) delete filters.sort;
  if (filters.sentence !== undefined && filters.sentence !== 'true') delete filters.sentence;
  const pattern = (filters.pattern ?? '').trim();
  const { data, error, loading } = useApi<KwicPageData>(pattern === '' ? null : apiUrl('kwic', { ...filters, limit, offset }));
  const rows = data?.rows ?? [];
  const sentence = filters.sentence === 'true';
  const stamp = `kwic-${pattern.replace(/[^\p{L}\p{N}]+/gu, '_').slice(0, 40)}-${offset + 1}-${offset + rows.length}`;

  return (
    <section class="page" data-testid="kwic">
      <PageTitle>Concordance</PageTitle>
      <FilterForm location={location} fields={fields} />
      {pattern === '' ? (
        <Empty>Type words to see every place they occur, with the words either side.</Empty>
      ) : (
        <>
          <Status loading={loading} error={error} what="the concordance" />
          {data === undefined ? null : (
            <>
              <div class="toolbar">
                <Pager location={location} total={data.total} limit={limit} offset={offset} what="occurrences" />
                <p class="muted" data-testid="kwic-articles">
                  in {formatNumber(data.articles)} {data.articles === 1 ? 'article' : 'articles'}
                </p>
                <div class="exports">
                  <button type="button" disabled={rows.length === 0} onClick={() => downloadCsv(`${stamp}.csv`, KWIC_EXPORT, rows)} data-testid="export-csv">
                    Export CSV
                  </button>
                </div>
              </div>
              {rows.length === 0 ? (
                <Empty>No occurrences.</Empty>
              ) : (
                <div class="table-wrap" tabIndex={0} role="region" aria-label="Concordance">
                  <table class={`kwic-table${sentence ? '' : ' kwic-lines'}`} data-testid="kwic-table">
                    <thead>
                      <tr>
                        <th scope="col" class="kwic-left">
                          Before
                        </th>
                        <th scope="col" class="kwic-keyword">
                          Keyword
                        </th>
                        <th scope="col">After</th>
                        <th scope="col">Article</th>
                        <th scope="col">Date</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r) => (
                        <tr key={`${r.articleId}:${r.start}`} data-testid="kwic-row" data-article={r.articleId} data-start={r.start} data-end={r.end}>
                          <td class="kwic-left" data-col="left">
                            {oneLine(r.left)}
                          </td>
                          <td class="kwic-keyword" data-col="keyword">
                            {oneLine(r.keyword)}
                          </td>
                          <td class="kwic-right" data-col="right">
                            {oneLine(r.right)}
                          </td>
                          <td class="article-cell" data-col="article">
                            <Link href={articlePath(r.articleId)}>{r.title ?? r.articleId}</Link>
                            {r.outlet !== null ? <span class="muted"> · {r.outlet}</span> : null}
                          </td>
                          <td class="nowrap" data-col="published">
                            {formatDate(r.published)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
