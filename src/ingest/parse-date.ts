/**
 * Publication dates as ISO calendar dates: `YYYY-MM-DD`, or `YYYY-MM` /
 * `YYYY` when that is all the value gives. The date is kept as written:
 * a timestamp is never shifted across time zones.
 */
import * as chrono from 'chrono-node';

const EARLIEST_YEAR = 1800; // older than any newspaper archive we expect; earlier years are CMS placeholders (0001-01-01)
const LATEST_YEAR = 2100; // later years are typos or sentinels (9999-12-31), not publication dates

// `2024-03-14`, `2024-03-14T23:30:00-05:00`, `2024-03-14 10:00`, `2024-03`.
const ISO_DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T\s]|$)/;
const BARE_YEAR = /^\d{4}$/;
// `14/03/2024`, `4.3.2024`: British day-first, read here because chrono takes ~100 times longer.
const NUMERIC_DAY_FIRST = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/;
// `March 2024`, `Sept. 2023`: the strict parser wants a day.
const MONTH_YEAR = /^([a-z]+)\.?,?\s+(\d{4})$/i;

const MONTHS: ReadonlyMap<string, number> = new Map(
  [
    ['january', 'jan'],
    ['february', 'feb'],
    ['march', 'mar'],
    ['april', 'apr'],
    ['may', 'may'],
    ['june', 'jun'],
    ['july', 'jul'],
    ['august', 'aug'],
    ['september', 'sep', 'sept'],
    ['october', 'oct'],
    ['november', 'nov'],
    ['december', 'dec'],
  ].flatMap((names, index) => names.map((name): [string, number] => [name, index + 1])),
);

// Strict mode refuses relative words ("tomorrow", "last Friday") that would be
// read against today's date; little-endian reads 04/03/2024 as 4 March (British).
const BRITISH_STRICT = new chrono.Chrono(chrono.en.configuration.createConfiguration(true, true));

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function plausibleYear(year: number): boolean {
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

function formatDate(year: number, month: number, day: number | null): string | null {
  if (!plausibleYear(year) || month < 1 || month > 12) return null;
  if (day === null) return `${year}-${pad(month)}`;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null; // 31 February
  return `${year}-${pad(month)}-${pad(day)}`;
}

function parseIso(value: string): string | null | undefined {
  const match = ISO_DATE.exec(value);
  if (match === null) return undefined;
  const [, year, month, day] = match;
  return formatDate(Number(year), Number(month), day === undefined ? null : Number(day));
}

function parseNumericDayFirst(value: string): string | null | undefined {
  const match = NUMERIC_DAY_FIRST.exec(value);
  if (match === null) return undefined;
  // 03/14/2024 is not a British date: leave it to chrono, which reads it as 14 March.
  return formatDate(Number(match[3]), Number(match[2]), Number(match[1])) ?? undefined;
}

function parseMonthYear(value: string): string | null | undefined {
  const match = MONTH_YEAR.exec(value);
  const month = match?.[1] === undefined ? undefined : MONTHS.get(match[1].toLowerCase());
  if (match === null || month === undefined) return undefined;
  return formatDate(Number(match[2]), month, null);
}

function parseWithChrono(value: string): string | null {
  const result = BRITISH_STRICT.parse(value)[0];
  if (result === undefined) return null;
  const { start } = result;
  if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) return null;
  return formatDate(start.get('year') ?? 0, start.get('month') ?? 0, start.get('day') ?? 0);
}

/** An ISO date from a date string, or null when the value is not a date. */
export function parseDate(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (BARE_YEAR.test(trimmed)) {
    const year = Number(trimmed);
    return plausibleYear(year) ? trimmed : null;
  }
  const iso = parseIso(trimmed);
  if (iso !== undefined) return iso;
  const numeric = parseNumericDayFirst(trimmed);
  if (numeric !== undefined) return numeric;
  const monthYear = parseMonthYear(trimmed);
  if (monthYear !== undefined) return monthYear;
  return parseWithChrono(trimmed);
}
