/** `/actors`: people and organisations across the corpus, most articles first. */
import type { JSX } from 'preact';
import type { ActorList } from '../../../src/server/api-types.js';
import type { Seen } from '../../../src/actors/identities.js';
import { apiUrl, useApi } from '../api.js';
import { FilterForm, type Field } from '../components/filters.js';
import { Empty, intParam, Link, PageTitle, Status } from '../components/ui.js';
import { actorPath, formatDate, formatNumber } from '../format.js';
import { queryObject, updateQuery, type Location } from '../router.js';
import { DedupeNote, useDedupe } from '../dedupe.js';

const FIELDS: Field[] = [
  { name: 'name', label: 'Name', kind: 'search', placeholder: 'part of a name' },
  {
    name: 'type',
    label: 'Type',
    kind: 'select',
    options: [
      { value: '', label: 'Any type' },
      { value: 'person', label: 'people' },
      { value: 'organisation', label: 'organisations' },
      { value: 'unknown', label: 'unknown' },
    ],
  },
];

export const seenList = (seen: readonly Seen[]): string => seen.map((s) => s.value).join('; ');

export function ActorsPage({ location }: { location: Location }): JSX.Element {
  const limit = intParam(location.query, 'limit', 100, 5000) || 100;
  const filters = queryObject(location.query, ['name', 'type']);
  const { data, error, loading } = useApi<ActorList>(apiUrl('actors', { ...filters, limit, ...useDedupe() }));
  const rows = data ?? [];

  return (
    <section class="page" data-testid="actors">
      <PageTitle>Actors</PageTitle>
      <FilterForm location={location} fields={FIELDS} />
      <Status loading={loading} error={error} what="actors" />
      <DedupeNote />
      {data === undefined ? null : rows.length === 0 ? (
        <Empty>No actors match these filters.</Empty>
      ) : (
        <>
          <p data-testid="total" aria-live="polite">
            {rows.length < limit ? `${formatNumber(rows.length)} actors` : `The first ${formatNumber(rows.length)} actors`}
          </p>
          <div class="table-wrap" tabIndex={0} role="region" aria-label="Actors">
            <table data-testid="actors-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Titles, roles and organisations</th>
                  <th scope="col" class="num">
                    Articles
                  </th>
                  <th scope="col" class="num">
                    Quotes
                  </th>
                  <th scope="col">First</th>
                  <th scope="col">Last</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.key} data-testid="actor-row">
                    <th scope="row">
                      <Link href={actorPath(a.key)}>{a.name}</Link>
                      {a.note !== undefined ? <span class="muted"> (kept apart)</span> : null}
                    </th>
                    <td>{a.type}</td>
                    <td>{[seenList(a.titles), seenList(a.roles), seenList(a.organisations)].filter((s) => s !== '').join(' · ')}</td>
                    <td class="num">{formatNumber(a.articles)}</td>
                    <td class="num">{formatNumber(a.quotes)}</td>
                    <td class="nowrap">{formatDate(a.first)}</td>
                    <td class="nowrap">{formatDate(a.last)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length >= limit ? (
            <p>
              <button type="button" onClick={() => updateQuery({ limit: limit * 2 }, { replace: true })}>
                Show more actors
              </button>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
