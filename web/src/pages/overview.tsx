/** `/`: the corpus at a glance. */
import type { JSX } from 'preact';
import { useCallback, useMemo } from 'preact/hooks';
import type { Overview } from '../../../src/server/api-types.js';
import { apiUrl, useApi } from '../api.js';
import { Chart, PLOT_CLASS, type PlotModule } from '../components/chart.js';
import { Empty, Link, PageTitle, Status, VerdictBadge } from '../components/ui.js';
import { actorPath, articlePath, formatDate, formatMonth, formatNumber, plural } from '../format.js';
import { href } from '../router.js';
import { DedupeNote, useDedupe } from '../dedupe.js';

type MonthRow = Overview['perMonth'][number];

const MONTH = /^(\d{4})-(\d{2})$/u;

/**
 * Months in order with the months between them that have no articles (as 0,
 * so gaps in time show), then months the API gives otherwise (a year alone),
 * then `undated`.
 */
export function fillMonths(rows: readonly MonthRow[]): MonthRow[] {
  const dated = rows.filter((r) => MONTH.test(r.month)).sort((a, b) => a.month.localeCompare(b.month));
  const other = rows.filter((r) => !MONTH.test(r.month)).sort((a, b) => (a.month === 'undated' ? 1 : 0) - (b.month === 'undated' ? 1 : 0) || a.month.localeCompare(b.month));
  const first = MONTH.exec(dated[0]?.month ?? '');
  const last = MONTH.exec(dated.at(-1)?.month ?? '');
  if (first === null || last === null) return [...dated, ...other];
  const index = (m: RegExpExecArray): number => Number(m[1]) * 12 + Number(m[2]) - 1;
  const span = index(last) - index(first) + 1;
  if (span > 600) return [...dated, ...other];
  const counts = new Map(dated.map((r) => [r.month, r.articles]));
  const filled: MonthRow[] = [];
  for (let i = index(first); i <= index(last); i++) {
    const month = `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    filled.push({ month, articles: counts.get(month) ?? 0 });
  }
  return [...filled, ...other];
}

export function OverviewPage(): JSX.Element {
  const { data, error, loading } = useApi<Overview>(apiUrl('overview', useDedupe()));
  const months = useMemo(() => fillMonths(data?.perMonth ?? []), [data]);
  const drawMonths = useCallback(
    (plot: PlotModule, width: number) => {
      const max = Math.max(1, ...months.map((m) => m.articles));
      const domain = months.map((m) => m.month);
      const band = (width - 60) / Math.max(1, domain.length);
      // Label every month while there is room, else every n-th one.
      const every = Math.max(1, Math.ceil(34 / band));
      const rotate = band * every < 72;
      return plot.plot({
        className: PLOT_CLASS,
        width,
        height: 240,
        marginLeft: 44,
        marginBottom: rotate ? 58 : 34,
        x: { type: 'band', domain, ticks: domain.filter((m, i) => m === 'undated' || (i % every === 0 && !(domain.at(-1) === 'undated' && domain.length - 1 - i < every))), tickFormat: formatMonth, label: null, tickRotate: rotate ? -45 : 0 },
        y: { label: 'Articles', grid: true, ticks: Math.min(max, 6), tickFormat: 'd' },
        marks: [plot.barY(months, { x: 'month', y: 'articles', fill: '#2f6f9f', tip: true }), plot.ruleY([0])],
      });
    },
    [months],
  );

  return (
    <section class="page overview" data-testid="overview">
      <PageTitle>Overview</PageTitle>
      <Status loading={loading && data === undefined} error={error} what="the overview" />
      <DedupeNote />
      {data === undefined ? null : (
        <>
          <dl class="totals" data-testid="totals">
            {(
              [
                ['Articles', data.totals.articles],
                ['Outlets', data.totals.outlets],
                ['Paragraphs', data.totals.paragraphs],
                ['Sentences', data.totals.sentences],
                ['Tokens', data.totals.tokens],
              ] as const
            ).map(([label, value]) => (
              <div key={label} class="total">
                <dt>{label}</dt>
                <dd>{formatNumber(value)}</dd>
              </div>
            ))}
          </dl>

          {months.length === 0 ? (
            <Empty>No articles stored yet. Run verbatim analyze on a corpus first.</Empty>
          ) : (
            <Chart
              testid="chart-months"
              title="Articles per month"
              description={`Bar chart of articles per month: ${months.map((m) => `${formatMonth(m.month)} ${m.articles}`).join(', ')}`}
              data={months}
              columns={[
                { header: 'month', value: (m) => m.month },
                { header: 'articles', value: (m) => m.articles },
              ]}
              filename="articles-per-month.csv"
              render={drawMonths}
            />
          )}

          <div class="grid-2">
            <section aria-labelledby="top-speakers" data-testid="top-speakers">
              <h2 id="top-speakers">Most quoted people</h2>
              <SpeakerList rows={data.topSpeakers} empty="No quoted people yet." />
            </section>
            <section aria-labelledby="top-orgs" data-testid="top-organisations">
              <h2 id="top-orgs">Most quoted organisations</h2>
              <SpeakerList rows={data.topOrganisations} empty="No quoted organisations yet." />
            </section>
          </div>

          <section aria-labelledby="inconsistent" data-testid="inconsistent">
            <h2 id="inconsistent">Figures whose arithmetic does not hold</h2>
            {data.inconsistent.length === 0 ? (
              <Empty>Every checked figure adds up.</Empty>
            ) : (
              <ul class="cards">
                {data.inconsistent.map((s) => (
                  <li key={`${s.articleId}:${s.id}`} class="card">
                    <p>
                      <VerdictBadge verdict={s.verdict} /> <q class="figure-words">{s.text}</q>
                    </p>
                    <p class="computation">{s.computation}</p>
                    <p class="meta">
                      <Link href={articlePath(s.articleId, s.id)}>{s.title ?? s.articleId}</Link> · {s.outlet ?? 'unknown outlet'} · {formatDate(s.published)}
                    </p>
                  </li>
                ))}
              </ul>
            )}
            <p>
              <Link href={href('/stats', { verdict: 'inconsistent' })}>All inconsistent figures</Link>
            </p>
          </section>

          <section aria-labelledby="propositions" data-testid="propositions">
            <h2 id="propositions">Propositions</h2>
            {data.propositions.length === 0 ? (
              <Empty>No propositions: analyse with --propositions to track positions.</Empty>
            ) : (
              <ul class="plain">
                {data.propositions.map((p) => (
                  <li key={p.id}>
                    <Link href={href('/stances', { proposition: p.id })}>{p.text}</Link> <code class="muted">{p.id}</code>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </section>
  );
}

function SpeakerList({ rows, empty }: { rows: Overview['topSpeakers']; empty: string }): JSX.Element {
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  return (
    <ol class="ranked">
      {rows.map((r) => (
        <li key={r.key}>
          <Link href={actorPath(r.key)}>{r.name}</Link> <span class="muted">{plural(r.quotes, 'quote')}</span>
        </li>
      ))}
    </ol>
  );
}
