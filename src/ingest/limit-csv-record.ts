/**
 * A guard in front of the CSV parser. csv-parse holds the record it is
 * reading in memory, so an unclosed quote early in a big file would make it
 * buffer the rest of the file as one field. This stream tracks record
 * boundaries (a newline outside quotes; `""` escapes toggle twice, so quote
 * parity is enough) and stops passing data on once one record runs past
 * `maxChars`. The reader then reports the record, and the rest of the file,
 * as rejected.
 *
 * Input must be decoded text with LF line breaks (see createDecodeStream).
 */
import { Transform, type TransformCallback } from 'node:stream';

const QUOTE = 0x22;
const NEWLINE = 0x0a;

export class CsvRecordLimit extends Transform {
  /** Line where the runaway record starts, once the limit is hit; nothing from there on is passed on. */
  cutAtLine: number | null = null;
  private line = 1;
  private recordStartLine = 1;
  private recordChars = 0;
  private inQuotes = false;

  constructor(readonly maxChars: number) {
    super({ objectMode: true });
  }

  override _transform(chunk: unknown, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.cutAtLine !== null) {
      callback(); // drain the rest of the file without keeping it
      return;
    }
    const text = String(chunk);
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code === QUOTE) this.inQuotes = !this.inQuotes;
      if (code === NEWLINE) {
        this.line += 1;
        if (!this.inQuotes) {
          this.recordStartLine = this.line;
          this.recordChars = 0;
          continue;
        }
      }
      this.recordChars += 1;
      if (this.recordChars > this.maxChars) {
        this.cutAtLine = this.recordStartLine;
        if (index > 0) this.push(text.slice(0, index));
        callback();
        return;
      }
    }
    callback(null, text);
  }
}
