/**
 * `/stats`: reported figures with the check of their arithmetic
 * (inconsistent first), the same figure across articles, and series.
 */
import type { JSX } from 'preact';
import { useCallback } from 'preact/hooks';
import type { SameList, SeriesList, StatsPage as StatsPageData } from '../../../src/server/api-types.js';
import type { Series } from '../../../src/statistics/across.js';
import type { StatisticRow } from '../../../src/store/store.js';
import { apiUrl, useApi } from '../api.js';
import { Chart, PLOT_CLASS, type PlotModule } from '../components/chart.js';
import { FilterForm, useGlobalFields, type Field } from '../components/filters.js';
import { Empty, intParam, Link, PageTitle, Pager, Status, VerdictBadge } from '../components/ui.js';
import { articlePath, formatDate, formatNumber } from '../format.js';
import { queryObject, type Location } from '../router.js';
import { DedupeNote, useDedupe } from '../dedupe.js';

const KINDS = ['count', 'share', 'change', 'amount', 'rate', 'rank', 'age'];
const VERDICTS = ['inconsistent', 'consistent', 'unverifiable'];

const CURRENCY: Record<string, string> = { GBP: '£', USD: '$', EUR: '€' };

/** A value with its unit: `44%`, `£1,200,000`, `3 points`. */
export function withUnit(value: number, unit: string | null): string {
  if (unit === null) return formatNumber(value);
  if (unit === 'percent') return `${formatNumber(value)}%`;
  const symbol = CURRENCY[unit];
  if (symbol !== undefined) return `${value < 0 ? '-' : ''}${symbol}${formatNumber(Math.abs(value))}`;
  return `${formatNumber(value)} ${unit}`;
}

/** The numbers of a figure in words: `45 of 90`, `from 18 to 52`, `44 percent`. */
export function figureNumbers(s: StatisticRow): string {
  const parts: string[] = [];
  if (s.value !== null) parts.push(`${s.qualifier !== null ? `${s.qualifier} ` : ''}${withUnit(s.value, s.unit)}`);
  if (s.numerator !== null && s.denominator !== null) parts.push(`${formatNumber(s.numerator)} of ${formatNumber(s.denominator)}`);
  else if (s.denominator !== null) parts.push(`${s.kind === 'rate' ? 'per' : 'of'} ${formatNumber(s.denominator)}`);
  if (s.from !== null || s.to !== null) parts.push(`from ${s.from === null ? '?' : formatNumber(s.from)} to ${s.to === null ? '?' : formatNumber(s.to)}`);
  return parts.join('; ');
}

export function StatsPage({ location }: { location: Location }): JSX.Element {
  const globals = useGlobalFields();
  const fields: Field[] = [
    { name: 'kind', label: 'Kind', kind: 'select', options: [{ value: '', label: 'Any kind' }, ...KINDS.map((k) => ({ value: k, label: k }))] },
    { name: 'verdict', label: 'Verdict', kind: 'select', options: [{ value: '', label: 'Any verdict' }, ...VERDICTS.map((v) => ({ value: v, label: v }))] },
    { name: 'source', label: 'Source', kind: 'text', placeholder: 'part of a name' },
    ...globals,
  ];
  const limit = intParam(location.query, 'limit', 25, 500) || 25;
  const offset = intParam(location.query, 'offset', 0);
  const filters = queryObject(location.query, ['kind', 'verdict', 'source', 'article', 'q', 'outlet', 'from', 'to']);
  const { data, error, loading } = useApi<StatsPageData>(apiUrl('stats', { ...filters, limit, offset }));
  // The same filters narrow the repeated figures and the series (a verdict does not: the same figure is the same whatever its arithmetic).
  const { verdict: _verdict, ...across } = filters;
  const dedupe = useDedupe();
  const same = useApi<SameList>(apiUrl('stats/same', { ...across, ...dedupe }));
  const series = useApi<SeriesList>(apiUrl('stats/series', { ...across, ...dedupe }));

  return (
    <section class="page" data-testid="stats">
      <PageTitle>Statistics</PageTitle>
      <FilterForm location={location} fields={fields} />
      <Status loading={loading} error={error} what="figures" />
      {data === undefined ? null : (
        <>
          <Pager location={location} total={data.total} limit={limit} offset={offset} what="figures" />
          {data.rows.length === 0 ? (
            <Empty>No figures match these filters.</Empty>
          ) : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label="Figures">
              <table class="stats-table" data-testid="stats-table">
                <thead>
                  <tr>
                    <th scope="col">Verdict</th>
                    <th scope="col">Figure</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Numbers</th>
                    <th scope="col">What, when, where</th>
                    <th scope="col">Source</th>
                    <th scope="col">Computation</th>
                    <th scope="col">Article</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((s) => (
                    <tr key={`${s.articleId}:${s.id}`} class={`verdict-row-${s.verdict}`} data-testid="stat-row" data-verdict={s.verdict}>
                      <td>
                        <VerdictBadge verdict={s.verdict} />
                      </td>
                      <th scope="row" class="figure-words">
                        {s.text}
                      </th>
                      <td>{s.kind}</td>
                      <td>{figureNumbers(s)}</td>
                      <td>{[s.what, s.period, s.place].filter((x) => x !== null).join(' · ')}</td>
                      <td>{s.source ?? ''}</td>
                      <td class="computation">{s.computation}</td>
                      <td class="article-cell">
                        <Link href={articlePath(s.articleId, s.id)}>{s.title ?? s.articleId}</Link>
                        <span class="muted"> · {formatDate(s.published)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}

      <section aria-labelledby="same-figure" data-testid="same-figures">
        <h2 id="same-figure">The same figure across articles</h2>
        <Status loading={same.loading && same.data === undefined} error={same.error} what="repeated figures" />
        <DedupeNote />
        {same.data !== undefined && same.data.length === 0 ? <Empty>No figure appears in more than one article.</Empty> : null}
        <ul class="cards">
          {(same.data ?? []).map((group) => (
            <li key={group.key} class="card" data-testid="same-figure">
              <p>
                <strong>{group.members[0] === undefined ? group.key : figureNumbers(group.members[0])}</strong> <span class="muted">in {group.articles} articles</span>
              </p>
              <ol class="plain">
                {group.members.map((m, i) => (
                  <li key={`${m.articleId}:${m.id}`}>
                    {i === 0 ? <span class="badge">first</span> : null} <q>{m.text}</q>
                    {m.what !== null ? <span class="muted"> ({m.what})</span> : null} — <Link href={articlePath(m.articleId, m.id)}>{m.title ?? m.articleId}</Link>
                    <span class="muted">
                      {' '}
                      · {m.outlet ?? 'unknown outlet'} · {formatDate(m.published)}
                    </span>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="series" data-testid="series">
        <h2 id="series">Series: the same measure over years</h2>
        <Status loading={series.loading && series.data === undefined} error={series.error} what="series" />
        {series.data !== undefined && series.data.length === 0 ? <Empty>No measure is reported for two or more years.</Empty> : null}
        <div class="grid-2">
          {(series.data ?? []).map((s, i) => (
            <SeriesChart key={`${s.measure}:${i}`} series={s} index={i} />
          ))}
        </div>
      </section>
    </section>
  );
}

type Point = Series['points'][number];

function SeriesChart({ series, index }: { series: Series; index: number }): JSX.Element {
  const unit = series.points[0]?.unit ?? null;
  const draw = useCallback(
    (plot: PlotModule, width: number) =>
      plot.plot({
        className: PLOT_CLASS,
        width,
        height: 220,
        marginLeft: 56,
        x: { label: 'Year', tickFormat: 'd', ticks: [...new Set(series.points.map((p) => p.year))] },
        y: { label: unit === 'percent' ? 'Per cent' : (unit ?? 'Value'), grid: true, zero: true },
        marks: [
          plot.ruleY([0]),
          plot.line(series.points, { x: 'year', y: 'value', stroke: '#1d5fbf', strokeWidth: 2 }),
          plot.dot(series.points, { x: 'year', y: 'value', fill: '#1d5fbf', r: 4, tip: true, title: (p: Point) => `${p.period}: ${p.value}${unit === 'percent' ? ' %' : ''} (${p.row.text})` }),
        ],
      }),
    [series, unit],
  );
  return (
    <Chart
      testid={`chart-series-${index}`}
      title={`${series.measure} (${series.kind})`}
      description={`Line chart of ${series.measure} by year: ${series.points.map((p) => `${p.year} ${p.value}`).join(', ')}`}
      data={series.points}
      columns={[
        { header: 'measure', value: () => series.measure },
        { header: 'kind', value: () => series.kind },
        { header: 'year', value: (p) => p.year },
        { header: 'period', value: (p) => p.period },
        { header: 'value', value: (p) => p.value },
        { header: 'unit', value: (p) => p.unit },
        { header: 'words', value: (p) => p.row.text },
        { header: 'article', value: (p) => p.row.articleId },
        { header: 'figure', value: (p) => p.row.id },
        { header: 'published', value: (p) => p.row.published },
      ]}
      filename={`series-${index + 1}.csv`}
      render={draw}
    />
  );
}
