/**
 * One CSV field as RFC 4180 writes it. A string starting with =, +, - or @ would be run
 * as a formula by spreadsheets: it is quoted and prefixed with an apostrophe. A number is
 * written as it is, never prefixed, so that -40 stays a number in the spreadsheet.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@]/u.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(safe) || safe !== value ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

/** One CSV record (no line end). */
export function csvRecord(row: readonly (string | number | null)[]): string {
  return row.map(csvField).join(',');
}

/** CSV as RFC 4180 writes it: every field quoted when it must be, CRLF between records, one header row. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return `${[header, ...rows].map(csvRecord).join('\r\n')}\r\n`;
}
