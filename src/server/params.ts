/**
 * Reading a request's query parameters: each checked against what it may
 * hold, a bad one an `HttpError` (400) naming it. An empty parameter
 * (`?speaker=`) is the same as none.
 */

/** An error answered as `{ error: message }` with its status. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** The most rows one request may ask for (a whole listing as CSV). */
export const MAX_LIMIT = 100_000;
const MAX_OFFSET = 1_000_000_000;
const MAX_TEXT = 500;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u;

const show = (value: string): string => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);

export class Query {
  constructor(private readonly get: (name: string) => string | undefined) {}

  /** Free text, at most 500 characters. */
  text(name: string): string | undefined {
    const value = this.get(name);
    if (value === undefined || value === '') return undefined;
    if (value.length > MAX_TEXT) throw new HttpError(400, `${name}: at most ${MAX_TEXT} characters`);
    if (value.includes('\u0000')) throw new HttpError(400, `${name}: must not hold a NUL character`);
    return value;
  }

  /** One of `values`. */
  oneOf<const T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.get(name);
    if (value === undefined || value === '') return undefined;
    if (!(values as readonly string[]).includes(value)) throw new HttpError(400, `${name}: takes ${values.join(', ')}, not ${show(value)}`);
    return value as T;
  }

  /** A whole number in [min, max]. */
  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.get(name);
    if (value === undefined || value === '') return fallback;
    const parsed = /^\d{1,12}$/u.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) throw new HttpError(400, `${name}: takes a whole number from ${min} to ${max}, not ${show(value)}`);
    return parsed;
  }

  limit(fallback: number): number {
    return this.integer('limit', fallback, 0, MAX_LIMIT);
  }

  offset(): number {
    return this.integer('offset', 0, 0, MAX_OFFSET);
  }

  /** An optional limit: undefined for all rows. */
  optionalLimit(): number | undefined {
    return this.get('limit') === undefined || this.get('limit') === '' ? undefined : this.limit(0);
  }

  /** A date as YYYY, YYYY-MM or YYYY-MM-DD. */
  date(name: string): string | undefined {
    const value = this.get(name);
    if (value === undefined || value === '') return undefined;
    const m = DATE.exec(value);
    const month = m?.[2] === undefined ? 1 : Number(m[2]);
    const day = m?.[3] === undefined ? 1 : Number(m[3]);
    if (m === null || month < 1 || month > 12 || day < 1 || day > 31) throw new HttpError(400, `${name}: takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not ${show(value)}`);
    return value;
  }

  /** true/1 or false/0. */
  flag(name: string): boolean {
    const value = this.get(name);
    if (value === undefined || value === '' || value === 'false' || value === '0') return false;
    if (value === 'true' || value === '1') return true;
    throw new HttpError(400, `${name}: takes true or false, not ${show(value)}`);
  }

  /** `json` (the default) or `csv`. */
  format(): 'json' | 'csv' {
    return this.oneOf('format', ['json', 'csv'] as const) ?? 'json';
  }
}
