/** Table writers: CSV (RFC 4180, for spreadsheets), JSON Lines and Parquet, each fed rows in batches. */
import { ByteWriter, ParquetWriter, schemaFromColumnData, type BasicType, type ColumnSource } from 'hyparquet-writer';
import { csvRecord } from '../cli/csv.js';
import type { Cell, Column, ColumnType } from './columns.js';
import type { Output } from './output.js';

export interface Sink {
  /** Rows, each with one cell per column in column order. */
  write(rows: readonly (readonly Cell[])[]): void;
  /** Write what is still buffered and the format's end. */
  finish(): void;
}

const BOM = '\uFEFF';

/**
 * CSV with one header row and CRLF line ends; `bom` starts it with a UTF-8 byte
 * order mark so that Excel reads it as UTF-8. Numbers are written bare (never
 * neutralised), booleans as true/false, nulls as empty fields.
 */
export function csvSink(out: Output, columns: readonly Column[], { bom = false }: { bom?: boolean } = {}): Sink {
  out.write(`${bom ? BOM : ''}${csvRecord(columns.map((c) => c.name))}\r\n`);
  return {
    write: (rows) => {
      if (rows.length === 0) return;
      out.write(rows.map((row) => `${csvRecord(row.map((cell) => (typeof cell === 'boolean' ? String(cell) : cell)))}\r\n`).join(''));
    },
    finish: () => undefined,
  };
}

/** JSON Lines: one object per row, keys in column order, numbers as numbers, nulls as null. */
export function jsonlSink(out: Output, columns: readonly Column[]): Sink {
  const names = columns.map((c) => c.name);
  return {
    write: (rows) => {
      if (rows.length === 0) return;
      out.write(rows.map((row) => `${JSON.stringify(Object.fromEntries(names.map((name, i) => [name, row[i] ?? null])))}\n`).join(''));
    },
    finish: () => undefined,
  };
}

const PARQUET_TYPES: Readonly<Record<ColumnType, BasicType>> = { string: 'STRING', integer: 'INT32', double: 'DOUBLE', boolean: 'BOOLEAN' };
/** Rows per Parquet row group: what is buffered before a group is written. */
const ROW_GROUP = 10_000;
/** Bytes the Parquet writer buffers before passing them to the output. */
const FLUSH_AT = 1 << 20;

/** hyparquet-writer's byte writer, emptied into an Output as it fills and after each row group. */
class OutputWriter extends ByteWriter {
  constructor(private readonly out: Output) {
    super(FLUSH_AT);
  }

  override ensure(size: number): void {
    if (this.index > FLUSH_AT) this.flush();
    super.ensure(size);
  }

  flush(): void {
    if (this.index === 0) return;
    this.out.write(new Uint8Array(this.buffer, 0, this.index));
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }
}

/**
 * Parquet with one typed, nullable column per column: strings as UTF-8 STRING,
 * integers as INT32, other numbers as DOUBLE, booleans as BOOLEAN. Rows are
 * written in row groups as they come, so the whole table is never held.
 */
export function parquetSink(out: Output, columns: readonly Column[], { createdBy, metadata = {} }: { createdBy: string; metadata?: Record<string, string> }): Sink {
  const schema = schemaFromColumnData({ columnData: columns.map((c): ColumnSource => ({ name: c.name, data: [], type: PARQUET_TYPES[c.type], nullable: true })) });
  const writer = new ParquetWriter({
    writer: new OutputWriter(out),
    schema,
    createdBy,
    kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  });
  let buffered: Cell[][] = columns.map(() => []);
  let count = 0;
  const flush = (): void => {
    if (count === 0) return;
    // The writer's output is synchronous, so write and finish never return a promise.
    void writer.write({ columnData: columns.map((c, i) => ({ name: c.name, data: buffered[i] ?? [] })), rowGroupSize: count });
    buffered = columns.map(() => []);
    count = 0;
  };
  return {
    write: (rows) => {
      for (const row of rows) {
        columns.forEach((_, i) => buffered[i]?.push(row[i] ?? null));
        if (++count >= ROW_GROUP) flush();
      }
    },
    finish: () => {
      flush();
      void writer.finish();
    },
  };
}
