/** `/articles`: the stored articles, filtered and paged on the server. */
import type { JSX } from 'preact';
import type { Page } from '../../../src/server/api-types.js';
import type { ArticleRow } from '../../../src/store/store.js';
import { apiUrl, useApi } from '../api.js';
import { FilterForm, useGlobalFields } from '../components/filters.js';
import { Empty, intParam, Link, PageTitle, Pager, Status } from '../components/ui.js';
import { articlePath, formatDate, formatNumber } from '../format.js';
import { queryObject, type Location } from '../router.js';

export function ArticlesPage({ location }: { location: Location }): JSX.Element {
  const fields = useGlobalFields();
  const limit = intParam(location.query, 'limit', 50, 500) || 50;
  const offset = intParam(location.query, 'offset', 0);
  const filters = queryObject(location.query, ['outlet', 'from', 'to', 'q']);
  const { data, error, loading } = useApi<Page<ArticleRow>>(apiUrl('articles', { ...filters, limit, offset }));

  return (
    <section class="page" data-testid="articles">
      <PageTitle>Articles</PageTitle>
      <FilterForm location={location} fields={fields} />
      <Status loading={loading} error={error} what="articles" />
      {data === undefined ? null : (
        <>
          <Pager location={location} total={data.total} limit={limit} offset={offset} what="articles" />
          {data.rows.length === 0 ? (
            <Empty>No articles match these filters.</Empty>
          ) : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label="Articles">
              <table data-testid="articles-table">
                <thead>
                  <tr>
                    <th scope="col">Title</th>
                    <th scope="col">Outlet</th>
                    <th scope="col">Date</th>
                    <th scope="col">Byline</th>
                    <th scope="col" class="num">
                      Paragraphs
                    </th>
                    <th scope="col" class="num">
                      Tokens
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((a) => (
                    <tr key={a.id}>
                      <th scope="row">
                        <Link href={articlePath(a.id)}>{a.title ?? `Untitled (${a.source.file})`}</Link>
                      </th>
                      <td>{a.outlet ?? '—'}</td>
                      <td class="nowrap">{formatDate(a.published)}</td>
                      <td>{a.byline ?? '—'}</td>
                      <td class="num">{formatNumber(a.paragraphs)}</td>
                      <td class="num">{formatNumber(a.tokens)}</td>
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
