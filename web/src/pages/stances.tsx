/**
 * `/stances`: where each actor stands on each proposition, how that changed
 * over time, and the statements behind it, which people can confirm or
 * correct. `?proposition=` picks a proposition, `?by=` the time window,
 * `?actor=` the row whose evidence is open.
 */
import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { StancesView, StatementList } from '../../../src/server/api-types.js';
import type { EffectiveStatement } from '../../../src/stances/positions.js';
import type { Position } from '../../../src/stances/types.js';
import { apiUrl, postCoding, useApi } from '../api.js';
import { Chart, PLOT_CLASS, type PlotModule } from '../components/chart.js';
import { Empty, Link, PageTitle, POSITION_MARK, PositionBadge, Status } from '../components/ui.js';
import { actorPath, articlePath, formatDate, shorten } from '../format.js';
import { updateQuery, type Location } from '../router.js';
import { DedupeNote, useDedupe } from '../dedupe.js';
import { positionCounts } from './actor.js';

const CODER_KEY = 'verbatim.coder';
const WINDOWS = ['quarter', 'year', 'month'] as const;

/** Colours of the positions; the words are always shown with them. */
export const POSITION_COLOURS: Record<string, string> = { support: '#1d5fbf', oppose: '#b5400b', mixed: '#6d3fc0', neutral: '#5f6672' };
const POSITIONS = ['support', 'oppose', 'mixed', 'neutral'] as const;

function readCoder(): string {
  try {
    return window.localStorage.getItem(CODER_KEY) ?? 'reviewer';
  } catch {
    return 'reviewer';
  }
}

const windowOrder = (a: string, b: string): number => (a === 'undated' ? 1 : 0) - (b === 'undated' ? 1 : 0) || a.localeCompare(b);

/** Windows as a number on one scale (`2024-Q2`, `2024-05`, `2024`), to fill the gaps between them; null for `undated`. */
function windowIndex(window: string, by: string): number | null {
  const m = /^(\d{4})(?:-Q([1-4])|-(\d{2}))?$/u.exec(window);
  if (m === null) return null;
  const year = Number(m[1]);
  if (by === 'quarter') return m[2] === undefined ? null : year * 4 + Number(m[2]) - 1;
  if (by === 'month') return m[3] === undefined ? null : year * 12 + Number(m[3]) - 1;
  return m[2] === undefined && m[3] === undefined ? year : null;
}

function windowName(index: number, by: string): string {
  if (by === 'quarter') return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  if (by === 'month') return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  return String(index);
}

/** The windows of the chart: every one from the first to the last (so gaps in time show), then the others (`undated`). */
export function chartWindows(windows: readonly string[], by: string): string[] {
  const unique = [...new Set(windows)].sort(windowOrder);
  const indexes = unique.map((w) => windowIndex(w, by)).filter((i): i is number => i !== null);
  if (indexes.length === 0 || indexes.length !== unique.filter((w) => w !== 'undated').length) return unique;
  const first = Math.min(...indexes);
  const last = Math.max(...indexes);
  if (last - first > 240) return unique;
  const filled: string[] = [];
  for (let i = first; i <= last; i++) filled.push(windowName(i, by));
  return [...filled, ...unique.filter((w) => windowIndex(w, by) === null)];
}

export function StancesPage({ location }: { location: Location }): JSX.Element {
  const proposition = location.query.get('proposition') ?? '';
  const byParam = location.query.get('by') ?? 'quarter';
  const by = (WINDOWS as readonly string[]).includes(byParam) ? byParam : 'quarter';
  const actor = location.query.get('actor') ?? '';
  const dedupe = useDedupe();
  const stances = useApi<StancesView>(apiUrl('stances', { proposition, by, ...dedupe }));
  const data = stances.data;
  const [coder, setCoder] = useState(readCoder);
  const [notice, setNotice] = useState<string | null>(null);

  const propositions = data?.propositions ?? [];
  const shown = proposition === '' ? propositions : propositions.filter((p) => p.id === proposition);
  const positions = useMemo(() => (data?.positions ?? []).filter((p) => p.window === 'all' && (proposition === '' || p.proposition === proposition)), [data, proposition]);
  const rows = useMemo(() => {
    const byActor = new Map<string, { key: string; name: string; type: string; cells: Map<string, Position>; statements: number }>();
    for (const p of positions) {
      const row = byActor.get(p.actorKey) ?? { key: p.actorKey, name: p.actorName, type: p.actorType, cells: new Map<string, Position>(), statements: 0 };
      row.cells.set(p.proposition, p);
      row.statements += p.support + p.oppose + p.neutral + p.viaSupport + p.viaOppose + p.viaNeutral;
      byActor.set(p.actorKey, row);
    }
    return [...byActor.values()].sort((a, b) => b.statements - a.statements || a.name.localeCompare(b.name));
  }, [positions]);

  const onCoded = (message: string): void => {
    setNotice(message);
    stances.reload();
  };

  return (
    <section class="page" data-testid="stances">
      <PageTitle>Stances</PageTitle>
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Stance options">
        <div class="field">
          <label for="pick-proposition">Proposition</label>
          <select id="pick-proposition" value={proposition} onChange={(e) => updateQuery({ proposition: e.currentTarget.value })} data-testid="pick-proposition">
            <option value="">All propositions</option>
            {propositions.map((p) => (
              <option key={p.id} value={p.id}>
                {shorten(p.text, 80)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="pick-window">Over time by</label>
          <select id="pick-window" value={by} onChange={(e) => updateQuery({ by: e.currentTarget.value === 'quarter' ? null : e.currentTarget.value }, { replace: true })} data-testid="pick-window">
            {WINDOWS.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="coder">Coder name</label>
          <input
            id="coder"
            type="text"
            value={coder}
            autoComplete="username"
            onInput={(e) => {
              const value = e.currentTarget.value;
              setCoder(value);
              try {
                window.localStorage.setItem(CODER_KEY, value);
              } catch {
                // Storage may be off: the name still applies to this page.
              }
            }}
            data-testid="coder"
          />
        </div>
      </form>
      <Status loading={stances.loading && data === undefined} error={stances.error} what="positions" />
      <DedupeNote />
      <div class="notice" role="status" aria-live="polite" data-testid="coding-notice">
        {notice}
      </div>
      {data === undefined ? null : propositions.length === 0 ? (
        <Empty>No propositions: analyse the corpus with --propositions to see positions.</Empty>
      ) : (
        <>
          {shown.length === 1 && shown[0] !== undefined ? <p class="proposition-text">{shown[0].text}</p> : null}
          <section aria-labelledby="matrix-title">
            <h2 id="matrix-title">Actors and propositions</h2>
            <Legend />
            {rows.length === 0 ? (
              <Empty>No actor takes a position on {proposition === '' ? 'these propositions' : 'this proposition'}.</Empty>
            ) : (
              <div class="table-wrap" tabIndex={0} role="region" aria-label="Positions of actors on propositions">
                <table class="matrix" data-testid="matrix">
                  <thead>
                    <tr>
                      <th scope="col">Actor</th>
                      {shown.map((p) => (
                        <th scope="col" key={p.id} title={p.text}>
                          {shorten(p.text, 60)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.key} class={row.key === actor ? 'selected' : undefined} data-testid="matrix-row" data-actor={row.key}>
                        <th scope="row">
                          <button
                            type="button"
                            class="row-button"
                            aria-expanded={row.key === actor}
                            aria-controls="evidence"
                            onClick={() => updateQuery({ actor: row.key === actor ? null : row.key }, { replace: true })}
                            data-testid="matrix-actor"
                          >
                            {row.name}
                          </button>{' '}
                          <span class="muted">{row.type}</span>
                        </th>
                        {shown.map((p) => {
                          const cell = row.cells.get(p.id);
                          return (
                            <td key={p.id} data-testid="matrix-cell" data-proposition={p.id} data-position={cell?.position ?? ''}>
                              {cell === undefined ? (
                                <span class="muted">—</span>
                              ) : (
                                <>
                                  <PositionBadge value={cell.position} qualified={cell.qualified} />
                                  <span class="counts">{positionCounts(cell)}</span>
                                </>
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          {actor !== '' ? <Evidence actorKey={actor} proposition={proposition} name={rows.find((r) => r.key === actor)?.name ?? actor} coder={coder} positions={data.positions} onCoded={onCoded} /> : null}

          <OverTime windows={data.windows} proposition={proposition} propositions={propositions} by={by} />
        </>
      )}
    </section>
  );
}

function Legend(): JSX.Element {
  return (
    <p class="legend" data-testid="legend">
      {POSITIONS.map((p) => (
        <span key={p}>
          <PositionBadge value={p} />{' '}
        </span>
      ))}
      <span class="muted">Mixed: both for and against. Qualified: every statement taking a side was conditional or tentative.</span>
    </p>
  );
}

function Evidence({ actorKey, proposition, name, coder, positions, onCoded }: { actorKey: string; proposition: string; name: string; coder: string; positions: readonly Position[]; onCoded: (message: string) => void }): JSX.Element {
  const statements = useApi<StatementList>(apiUrl('statements', { actor: actorKey, proposition, ...useDedupe() }));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'nearest' });
  }, [actorKey]);

  const code = useCallback(
    async (s: EffectiveStatement, polarity: 'support' | 'oppose' | 'neutral', confirm: boolean) => {
      const who = coder.trim() === '' ? 'reviewer' : coder.trim();
      setBusy(`${s.articleId}:${s.id}`);
      setError(null);
      const before = positions.find((p) => p.window === 'all' && p.actorKey === actorKey && p.proposition === s.proposition)?.position;
      try {
        const response = await postCoding({ article: s.articleId, proposition: s.proposition, start: s.start, end: s.end, polarity, coder: who });
        const after = response.positions.find((p) => p.window === 'all' && p.actorKey === actorKey && p.proposition === s.proposition)?.position;
        const what = confirm ? `${who} confirmed the statement as ${polarity}` : `${who} coded the statement as ${polarity}`;
        const change = before === after ? `${name} stays ${after ?? 'without a position'}` : `${name}: ${before ?? 'no position'} → ${after ?? 'no position'}`;
        onCoded(`${what}. ${change} on ${s.proposition}.`);
        statements.reload();
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      } finally {
        setBusy(null);
      }
    },
    [coder, positions, actorKey, name, onCoded, statements],
  );

  const list = statements.data ?? [];
  return (
    <section id="evidence" aria-labelledby="evidence-title" class="evidence" data-testid="evidence">
      <h2 id="evidence-title" ref={heading}>
        Evidence: <Link href={actorPath(actorKey)}>{name}</Link>
      </h2>
      <Status loading={statements.loading && statements.data === undefined} error={statements.error} what="statements" />
      {error !== null ? (
        <p class="error" role="alert" data-testid="coding-error">
          The coding was not saved: {error}
        </p>
      ) : null}
      {statements.data !== undefined && list.length === 0 ? <Empty>No statements by this actor{proposition === '' ? '' : ' on this proposition'}.</Empty> : null}
      <ul class="statements">
        {list.map((s) => {
          const id = `${s.articleId}:${s.id}`;
          return (
            <li key={id} class="statement" data-testid="statement" data-statement={id} data-polarity={s.polarity}>
              <p>
                <PositionBadge value={s.polarity} /> <q>{s.text ?? '(statement added by a coder)'}</q>
              </p>
              <p class="meta">
                {s.actor !== null && s.actor.key !== actorKey ? `${s.actor.name} (for ${name}) · ` : ''}
                {s.modality} · <Link href={articlePath(s.articleId, s.id.startsWith('t') ? s.id : undefined)}>{s.outlet ?? 'the article'}</Link> · {formatDate(s.published)} · rule <code>{s.rule}</code>
                {s.coder !== null ? ` · coded by ${s.coder}` : ' · not yet coded'}
                {s.machine !== null && s.machine !== s.polarity ? ` (machine said ${s.machine})` : ''}
              </p>
              {s.cues.length > 0 ? (
                <p class="meta">
                  cues:{' '}
                  {s.cues.map((c, i) => (
                    <span key={i}>
                      {i > 0 ? '; ' : ''}
                      <q>{c.value}</q> <code>{c.rule}</code>
                    </span>
                  ))}
                </p>
              ) : null}
              <div class="coding" role="group" aria-label="Code this statement">
                <button type="button" disabled={busy !== null} onClick={() => void code(s, s.polarity, true)} data-testid="code-confirm">
                  Confirm ({s.polarity})
                </button>
                {(['support', 'oppose', 'neutral'] as const).map((p) => (
                  <button key={p} type="button" class={`code-${p}`} disabled={busy !== null || p === s.polarity} aria-label={`Code as ${p}`} onClick={() => void code(s, p, false)} data-testid={`code-${p}`}>
                    {p[0]?.toUpperCase()}
                    {p.slice(1)}
                  </button>
                ))}
                {busy === id ? <span class="muted"> Saving…</span> : null}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function OverTime({ windows, proposition, propositions, by }: { windows: readonly Position[]; proposition: string; propositions: readonly { id: string; text: string }[]; by: string }): JSX.Element {
  const data = useMemo(
    () => windows.filter((w) => w.window !== 'all' && (proposition === '' || w.proposition === proposition)).sort((a, b) => windowOrder(a.window, b.window) || a.actorName.localeCompare(b.actorName)),
    [windows, proposition],
  );
  const facet = proposition === '' && new Set(data.map((d) => d.proposition)).size > 1;
  const draw = useCallback(
    (plot: PlotModule, width: number) => {
      const columns = chartWindows(
        data.map((d) => d.window),
        by,
      );
      const actors = [...new Set(data.map((d) => d.actorName))].sort((a, b) => a.localeCompare(b));
      const narrow = width < 600;
      const marginLeft = narrow ? 118 : 200;
      const band = (width - marginLeft - 10) / Math.max(1, columns.length);
      const label = (p: string): string => (band > 64 ? p : (POSITION_MARK[p] ?? p));
      const rotate = band < 56;
      const marginTop = rotate ? 58 : 30;
      return plot.plot({
        className: PLOT_CLASS,
        width,
        height: marginTop + 10 + actors.length * 26 * (facet ? new Set(data.map((d) => d.proposition)).size : 1),
        marginLeft,
        marginTop,
        marginBottom: 6,
        padding: 0.06,
        x: { domain: columns, label: null, axis: 'top', tickRotate: rotate ? -45 : 0 },
        y: { domain: actors, label: null, tickFormat: (name: string) => shorten(name, narrow ? 17 : 30) },
        fy: facet ? { label: null } : undefined,
        color: { domain: [...POSITIONS], range: POSITIONS.map((p) => POSITION_COLOURS[p] ?? '#888') },
        marks: [
          plot.cell(data, { x: 'window', y: 'actorName', fy: facet ? 'proposition' : undefined, fill: 'position', inset: 1, tip: true, title: (d: Position) => `${d.actorName}, ${d.window}: ${d.position} (${positionCounts(d)})` }),
          plot.text(data, { x: 'window', y: 'actorName', fy: facet ? 'proposition' : undefined, text: (d: Position) => label(d.position), fill: 'white', fontWeight: 'bold' }),
        ],
      });
    },
    [data, facet, by],
  );
  const texts = new Map(propositions.map((p) => [p.id, p.text]));
  return (
    <section aria-labelledby="over-time">
      <h2 id="over-time">Positions over time</h2>
      {data.length === 0 ? (
        <Empty>No positions to chart.</Empty>
      ) : (
        <Chart
          testid="chart-positions"
          title={`Position of each actor by ${by}${proposition === '' ? '' : ` on: ${texts.get(proposition) ?? proposition}`}`}
          description={`Grid of positions by ${by}: one row per actor, one column per ${by}, each cell coloured and labelled support, oppose, mixed or neutral.`}
          data={data}
          columns={[
            { header: 'proposition', value: (d) => d.proposition },
            { header: 'actor', value: (d) => d.actorName },
            { header: 'actor_key', value: (d) => d.actorKey },
            { header: 'actor_type', value: (d) => d.actorType },
            { header: 'window', value: (d) => d.window },
            { header: 'position', value: (d) => d.position },
            { header: 'qualified', value: (d) => d.qualified },
            { header: 'support', value: (d) => d.support },
            { header: 'oppose', value: (d) => d.oppose },
            { header: 'neutral', value: (d) => d.neutral },
            { header: 'via_support', value: (d) => d.viaSupport },
            { header: 'via_oppose', value: (d) => d.viaOppose },
            { header: 'via_neutral', value: (d) => d.viaNeutral },
          ]}
          filename={`positions-by-${by}${proposition === '' ? '' : `-${proposition}`}.csv`}
          render={draw}
          legend={<Legend />}
        />
      )}
    </section>
  );
}
