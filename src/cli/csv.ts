/** CSV as RFC 4180 writes it: every field quoted when it must be, CRLF between records, one header row. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const field = (value: string | number | null): string => {
    if (value === null) return '';
    const text = String(value);
    // A leading =, +, - or @ makes spreadsheets run the cell as a formula: quote it and prefix an apostrophe.
    const safe = /^[=+\-@]/u.test(text) ? `'${text}` : text;
    return /[",\r\n]/u.test(safe) || safe !== text ? `"${safe.replace(/"/gu, '""')}"` : safe;
  };
  return `${[header, ...rows].map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
