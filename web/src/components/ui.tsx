/** Small shared pieces: links, status messages, table headers, paging, badges. */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { followLink, href as buildHref, updateQuery, type Location } from '../router.js';
import { formatNumber } from '../format.js';
import { carryDedupe } from '../dedupe.js';

type AnchorProps = Omit<JSX.AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { href: string; children?: ComponentChildren };

/** A real link that changes the view without reloading the page. */
export function Link({ href, children, ...rest }: AnchorProps): JSX.Element {
  return (
    <a {...rest} href={carryDedupe(href)} onClick={(event) => followLink(event, carryDedupe(href))}>
      {children}
    </a>
  );
}

/** Loading and error messages, announced to screen readers. */
export function Status({ loading, error, what }: { loading: boolean; error: string | undefined; what: string }): JSX.Element {
  return (
    <div class="status" aria-live="polite" data-testid="status">
      {loading ? <p class="loading">Loading {what}…</p> : null}
      {error !== undefined ? (
        <p class="error" role="alert" data-testid="error">
          Could not load {what}: {error}
        </p>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }): JSX.Element {
  return (
    <p class="empty" data-testid="empty">
      {children}
    </p>
  );
}

export type SortDir = 'asc' | 'desc';

/** A column header that sorts the table through the URL (`sort`, `dir`), with aria-sort. */
export function SortHeader({ label, column, sort, dir, defaultDir = 'asc' }: { label: string; column: string; sort: string; dir: SortDir; defaultDir?: SortDir }): JSX.Element {
  const active = sort === column;
  const next: SortDir = active ? (dir === 'asc' ? 'desc' : 'asc') : defaultDir;
  return (
    <th scope="col" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'} data-testid={`sort-${column}`}>
      <button type="button" class="sort" onClick={() => updateQuery({ sort: column, dir: next, offset: null })}>
        {label}
        <span class="sort-mark" aria-hidden="true">
          {active ? (dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
        </span>
        <span class="visually-hidden">{active ? `, sorted ${dir === 'asc' ? 'ascending' : 'descending'}; sort ${next === 'asc' ? 'ascending' : 'descending'}` : ', sort'}</span>
      </button>
    </th>
  );
}

/** "Showing 1–25 of 83" with previous and next links. */
export function Pager({ location, total, limit, offset, what }: { location: Location; total: number; limit: number; offset: number; what: string }): JSX.Element {
  const params = Object.fromEntries(location.query.entries());
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  const prev = offset > 0 ? buildHref(location.path, { ...params, offset: Math.max(0, offset - limit) || null }) : null;
  const next = offset + limit < total ? buildHref(location.path, { ...params, offset: offset + limit }) : null;
  return (
    <nav class="pager" aria-label={`Pages of ${what}`}>
      <p data-testid="total" aria-live="polite">
        {total === 0 ? `No ${what}` : `Showing ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)} ${what}`}
      </p>
      <div class="pager-links">
        {prev !== null ? (
          <Link href={prev} rel="prev" data-testid="prev">
            ← Previous
          </Link>
        ) : null}
        {next !== null ? (
          <Link href={next} rel="next" data-testid="next">
            Next →
          </Link>
        ) : null}
        <label class="inline">
          Rows per page{' '}
          <select value={String(limit)} onChange={(e) => updateQuery({ limit: e.currentTarget.value, offset: null })}>
            {[25, 50, 100, 200].map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
    </nav>
  );
}

/** The sign of each position, shown with its word (and alone where there is no room for the word, as in charts). */
export const POSITION_MARK: Record<string, string> = { support: '▲', oppose: '▼', mixed: '◆', neutral: '○' };

/** A position or polarity in colour and in words (never colour alone). */
export function PositionBadge({ value, qualified = false }: { value: string; qualified?: boolean }): JSX.Element {
  return (
    <span class={`badge pos-${value}`} data-position={value}>
      <span aria-hidden="true">{POSITION_MARK[value] ?? '•'} </span>
      {value}
      {qualified ? ' (qualified)' : ''}
    </span>
  );
}

const VERDICT_MARK: Record<string, string> = { inconsistent: '✗', consistent: '✓', unverifiable: '?' };

export function VerdictBadge({ verdict }: { verdict: string }): JSX.Element {
  return (
    <span class={`badge verdict-${verdict}`} data-verdict={verdict}>
      <span aria-hidden="true">{VERDICT_MARK[verdict] ?? '•'} </span>
      {verdict}
    </span>
  );
}

/** A page's heading; its text also names the browser tab. */
export function PageTitle({ children }: { children: string }): JSX.Element {
  useEffect(() => {
    document.title = `${children} · verbatim`;
  }, [children]);
  return <h1 data-testid="page-title">{children}</h1>;
}

/** Read a non-negative integer query parameter. */
export function intParam(query: URLSearchParams, key: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = query.get(key);
  const n = raw === null ? NaN : Number.parseInt(raw, 10);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, max) : fallback;
}
