/**
 * Counting each group of near-duplicate articles (wire and syndicated copy)
 * once: a switch in the header, kept in the URL as `dedupe=1` so a view
 * shared keeps its counts, and carried by every link inside the dashboard.
 */
import type { JSX } from 'preact';
import type { Overview } from '../../src/server/api-types.js';
import { apiUrl, useApi } from './api.js';
import { formatNumber, plural } from './format.js';
import { updateQuery, useLocation } from './router.js';

export const DEDUPE = 'dedupe';

/** Whether the current view counts each near-duplicate group once. */
export function isDeduped(query: URLSearchParams = new URLSearchParams(window.location.search)): boolean {
  return query.get(DEDUPE) === '1';
}

/** The API parameter for the current view: `{ dedupe: 1 }` or nothing. */
export function useDedupe(): { dedupe?: 1 } {
  const location = useLocation();
  return isDeduped(location.query) ? { dedupe: 1 } : {};
}

/** An in-dashboard link keeps the switch on: `dedupe=1` added when the current view has it. */
export function carryDedupe(to: string): string {
  if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/api/') || !isDeduped()) return to;
  const hash = to.indexOf('#');
  const [path, fragment] = hash === -1 ? [to, ''] : [to.slice(0, hash), to.slice(hash)];
  const query = path.indexOf('?');
  const params = new URLSearchParams(query === -1 ? '' : path.slice(query + 1));
  if (params.has(DEDUPE)) return to;
  params.set(DEDUPE, '1');
  return `${query === -1 ? path : path.slice(0, query)}?${params.toString()}${fragment}`;
}

/** The header's switch: offered once the near-duplicates have been grouped. */
export function DedupeSwitch(): JSX.Element | null {
  const location = useLocation();
  const { data } = useApi<Overview>(apiUrl('overview'));
  const on = isDeduped(location.query);
  const grouped = data?.nearDuplicates;
  if (grouped === undefined) return null;
  const help = grouped.grouped
    ? `${plural(grouped.groups, 'group')} of near-duplicate articles; ${formatNumber(grouped.copies)} later ${grouped.copies === 1 ? 'copy is' : 'copies are'} left out of counts when on.${grouped.stale ? ' Articles were added since they were grouped: run verbatim articles same.' : ''}`
    : 'Near-duplicate articles have not been grouped yet: run verbatim articles same (or analyse again).';
  return (
    <label class="dedupe-switch" title={help} data-testid="dedupe-switch">
      <input
        type="checkbox"
        checked={on}
        disabled={!grouped.grouped && !on}
        onChange={(e) => updateQuery({ [DEDUPE]: e.currentTarget.checked ? 1 : null })}
        aria-describedby="dedupe-help"
        data-testid="dedupe-toggle"
      />{' '}
      Count near-duplicates once
      <span id="dedupe-help" class="visually-hidden">
        {help}
      </span>
    </label>
  );
}

/** On counting pages: what the switch leaves out, when it is on. */
export function DedupeNote(): JSX.Element | null {
  const location = useLocation();
  const { data } = useApi<Overview>(apiUrl('overview'));
  if (!isDeduped(location.query) || data === undefined) return null;
  const { copies, groups, stale } = data.nearDuplicates;
  return (
    <p class="note dedupe-note" data-testid="dedupe-note">
      Counting each group of near-duplicate articles once: {formatNumber(copies)} later {copies === 1 ? 'copy' : 'copies'} in {plural(groups, 'group')} left out.
      {stale ? ' Articles were added since the groups were found; run verbatim articles same to group them again.' : ''}
    </p>
  );
}
