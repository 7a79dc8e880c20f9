/** The columns of an exported table: a name, a type every format keeps, and how to read the value from a row. */

/** One value of an exported row; null when the row has none. */
export type Cell = string | number | boolean | null;

/** `integer` and `double` stay numbers in every format; `boolean` is true or false. */
export type ColumnType = 'string' | 'integer' | 'double' | 'boolean';

export interface Column {
  name: string;
  type: ColumnType;
}

/** A column and how to read it from a source row. */
export interface ColumnOf<T> extends Column {
  value: (row: T) => Cell;
}

/** Shorthands for column definitions. */
export const str = <T>(name: string, value: (row: T) => string | null | undefined): ColumnOf<T> => ({ name, type: 'string', value: (r) => value(r) ?? null });
export const int = <T>(name: string, value: (row: T) => number | null | undefined): ColumnOf<T> => ({ name, type: 'integer', value: (r) => finite(value(r)) });
export const dbl = <T>(name: string, value: (row: T) => number | null | undefined): ColumnOf<T> => ({ name, type: 'double', value: (r) => finite(value(r)) });
export const bool = <T>(name: string, value: (row: T) => boolean | null | undefined): ColumnOf<T> => ({ name, type: 'boolean', value: (r) => value(r) ?? null });

/** NaN and the infinities have no place in CSV, JSON or Parquet integers: they are left out (null). */
function finite(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

/** The cells of one row, in column order. */
export function cellsOf<T>(columns: readonly ColumnOf<T>[], row: T): Cell[] {
  return columns.map((c) => c.value(row));
}
