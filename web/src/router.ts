/**
 * Routing with the History API: the path names the view, the query string
 * holds its state (filters, sort, page), so every view can be shared as a URL.
 */
import { useEffect, useState } from 'preact/hooks';

export interface Location {
  path: string;
  query: URLSearchParams;
}

const listeners = new Set<() => void>();

function current(): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

function notify(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', notify);

/** Go to `href` (same origin). A new view (another path) moves focus to the main region so keyboard and screen-reader users land on it. */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  const before = window.location.pathname;
  if (options.replace === true) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  notify();
  if (window.location.pathname !== before) {
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }
}

/** The current location; re-renders the caller when it changes. */
export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const listener = (): void => setLocation(current());
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return location;
}

export type QueryValue = string | number | null | undefined;

/** `path?query` from the given parameters, leaving out empty ones. */
export function href(path: string, params: Record<string, QueryValue> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** Change some query parameters of the current view (null or '' removes one). */
export function updateQuery(patch: Record<string, QueryValue>, options: { replace?: boolean } = {}): void {
  const query = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined || value === '') query.delete(key);
    else query.set(key, String(value));
  }
  const text = query.toString();
  navigate(text === '' ? window.location.pathname : `${window.location.pathname}?${text}`, options);
}

/** The query parameters as a plain object (the values present). */
export function queryObject(query: URLSearchParams, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = query.get(key);
    if (value !== null && value !== '') out[key] = value;
  }
  return out;
}

/** The filters shared by the list views, carried along by the navigation links. */
export const GLOBAL_FILTERS = ['outlet', 'from', 'to', 'q'] as const;

/** Handle a click on a same-origin link without reloading the page (plain left clicks only). */
export function followLink(event: MouseEvent, to: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(to);
}
