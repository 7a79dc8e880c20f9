/** Formatting shared by the views: dates, numbers, names of things. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An ISO date as stored (`2024-03-14`, `2024-03`, `2024`) in words; "undated" for none. */
export function formatDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return 'undated';
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/u.exec(iso);
  if (m === null) return iso;
  const [, year, month, day] = m;
  const monthName = month === undefined ? undefined : MONTHS[Number(month) - 1];
  if (monthName === undefined) return year ?? iso;
  return day === undefined ? `${monthName} ${year}` : `${Number(day)} ${monthName} ${year}`;
}

/** A month key (`2024-03`) as `Mar 2024`. */
export function formatMonth(month: string): string {
  return month === 'undated' ? 'undated' : formatDate(month);
}

const numberFormat = new Intl.NumberFormat('en-GB');
export const formatNumber = (n: number): string => numberFormat.format(n);

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** The first `max` characters of `text`, cut at a word, with an ellipsis when cut. */
export function shorten(text: string, max = 160): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** An identity key's page. */
export const actorPath = (key: string): string => `/actors/${encodeURIComponent(key)}`;
/** An article's page, optionally opened at one of its items (`q3`, `f1`, `t2`). */
export const articlePath = (id: string, item?: string): string => `/articles/${encodeURIComponent(id)}${item === undefined ? '' : `?item=${encodeURIComponent(item)}`}`;

/** Only web links are shown as links: an article's URL comes from the article, not from us. */
export function safeUrl(url: string | null | undefined): string | null {
  if (url === null || url === undefined) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** `person:karen holloway` -> `person`. */
export const keyType = (key: string): string => key.split(':')[0] ?? 'unknown';
