import { toCsv } from './csv.js';
import { UsageError, type CliIo } from './io.js';

export type ListingFormat = 'table' | 'json' | 'csv';

/** `--json` or `--csv` (never both), else a table. */
export function listingFormat(values: { json?: boolean; csv?: boolean }): ListingFormat {
  if (values.json === true && values.csv === true) throw new UsageError('choose --json or --csv, not both');
  return values.json === true ? 'json' : values.csv === true ? 'csv' : 'table';
}

export interface Listing<T> {
  rows: readonly T[];
  /** CSV header and one record per row. */
  csv: { header: readonly string[]; record: (row: T) => (string | number | null)[] };
  /** The table for people, given at least one row. */
  table: (rows: readonly T[]) => string;
  /** What to print when nothing matches ("no quotes match"). */
  empty: string;
}

/** Print a listing as JSON (the rows as they are), CSV or a table. */
export function writeListing<T>(io: CliIo, format: ListingFormat, listing: Listing<T>): void {
  if (format === 'json') io.stdout(`${JSON.stringify(listing.rows, null, 2)}\n`);
  else if (format === 'csv') io.stdout(toCsv(listing.csv.header, listing.rows.map(listing.csv.record)));
  else io.stdout(listing.rows.length === 0 ? `${listing.empty}\n` : listing.table(listing.rows));
}
