/**
 * CSV and JSON files made in the browser from the rows on screen, and the
 * download of a file built from them.
 */

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/** A cell as RFC 4180 wants it; text a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+@\t\r]/u.test(text)) text = `'${text}`;
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

/** The rows as CSV: a header line, then one line per row, CRLF line ends. */
export function toCsv<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Offer `content` as a file to save. */
export function download(filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv<T>(filename: string, columns: readonly Column<T>[], rows: readonly T[]): void {
  download(filename, toCsv(columns, rows), 'text/csv;charset=utf-8');
}

export function downloadJson(filename: string, data: unknown): void {
  download(filename, `${JSON.stringify(data, null, 2)}\n`, 'application/json');
}
