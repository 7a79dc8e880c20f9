/**
 * Talking to the JSON API (`src/server`): typed GETs with a small cache, a
 * hook that tracks loading and errors, and the POST of a coding.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiError, CodingRequest, CodingResponse } from '../../src/server/api-types.js';
import type { QueryValue } from './router.js';

/** A failed request, with the message to show. */
export class ApiFailure extends Error {
  override name = 'ApiFailure';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** `/api/<path>?query`, leaving out empty parameters. */
export function apiUrl(path: string, params: Record<string, QueryValue> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return `/api/${path}${text === '' ? '' : `?${text}`}`;
}

async function failure(response: Response): Promise<ApiFailure> {
  let message = `The server answered ${response.status} ${response.statusText}`.trim();
  try {
    const body = (await response.json()) as Partial<ApiError>;
    if (typeof body.error === 'string' && body.error !== '') message = body.error;
  } catch {
    // Not JSON: keep the status line.
  }
  return new ApiFailure(message, response.status);
}

async function send(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, { ...init, headers: { accept: 'application/json', ...(init.headers ?? {}) } });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiFailure('Could not reach the verbatim server. Is it still running?', 0);
  }
}

const cache = new Map<string, unknown>();

/** Forget cached answers whose URL starts with one of these prefixes (all when none given). */
export function invalidate(...prefixes: string[]): void {
  for (const key of [...cache.keys()]) if (prefixes.length === 0 || prefixes.some((p) => key.startsWith(p))) cache.delete(key);
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  if (cache.has(url)) return cache.get(url) as T;
  const response = await send(url, signal === undefined ? {} : { signal });
  if (!response.ok) throw await failure(response);
  const data = (await response.json()) as T;
  if (cache.size > 200) cache.clear();
  cache.set(url, data);
  return data;
}

export async function postCoding(request: CodingRequest): Promise<CodingResponse> {
  const response = await send('/api/codings', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  if (!response.ok) throw await failure(response);
  // Positions and statements have changed: drop what was cached of them.
  invalidate('/api/stances', '/api/statements', '/api/actors', '/api/overview');
  return (await response.json()) as CodingResponse;
}

export interface ApiState<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  /** True when `data` answers the URL asked for now (false while the next one loads). */
  current: boolean;
  /** Fetch again, bypassing the cache. */
  reload: () => void;
}

/** GET `url` (null: nothing yet). Keeps the previous data while the next loads, so tables do not flicker. */
export function useApi<T>(url: string | null): ApiState<T> {
  const [state, setState] = useState<{ url: string | null; data: T | undefined; error: string | undefined; loading: boolean }>({
    url: null,
    data: undefined,
    error: undefined,
    loading: url !== null,
  });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    getJson<T>(url, controller.signal).then(
      (data) => setState({ url, data, error: undefined, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        setState({ url, data: undefined, error: message, loading: false });
      },
    );
    return () => controller.abort();
  }, [url, generation]);
  const reload = useCallback(() => {
    if (url !== null) cache.delete(url);
    setGeneration((g) => g + 1);
  }, [url]);
  return { data: state.data, error: state.error, loading: state.loading, current: state.url === url && !state.loading, reload };
}
