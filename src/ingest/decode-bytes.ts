/**
 * Bytes to canonical text: pick the encoding (BOM, else strict UTF-8, else
 * Windows-1252), decode, and turn CRLF / lone CR into LF. The result is the
 * text every later offset points into.
 */
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import type { Message } from '../model/document.js';

export type FileEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: FileEncoding;
  messages: Message[];
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

const BINARY_SNIFF_BYTES = 8 * 1024; // enough of the file to tell text from binary without reading it all
const BINARY_CONTROL_SHARE = 0.3; // text files hold almost no C0 controls; images and archives are full of them

// C0 controls that do occur in text files: tab, line feed, form feed, carriage return.
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d]);
const DELETE = 0x7f;
const FIRST_PRINTABLE = 0x20;

// WHATWG index-windows-1252 for 0x80-0x9F; every other byte is the code point of the same value.
// Written out because Node's TextDecoder has decoded windows-1252 as Latin-1 since 20.18.3
// (nodejs/node#60888): 0x93 came out as U+0093, not “.
const WINDOWS_1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';
const C1_RANGE = /[\u0080-\u009F]/g;
const C1_START = 0x80;

/** Windows-1252 bytes to text (a single-byte encoding, so chunks can be decoded one by one). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(C1_RANGE, (char) => WINDOWS_1252_HIGH.charAt(char.charCodeAt(0) - C1_START));
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** The encoding a byte-order mark declares, or null when there is none. */
export function bomEncoding(bytes: Uint8Array): FileEncoding | null {
  if (startsWith(bytes, UTF8_BOM)) return 'utf-8';
  if (startsWith(bytes, UTF16LE_BOM)) return 'utf-16le';
  if (startsWith(bytes, UTF16BE_BOM)) return 'utf-16be';
  return null;
}

/** CRLF and lone CR become LF: the canonical line break. */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export function windows1252Message(what: string): Message {
  return {
    stage: 'ingest',
    rule: 'ingest.decode.windows-1252',
    severity: 'warning',
    reason: `${what} is not valid UTF-8; decoded as Windows-1252. Check characters such as quotes and £ signs.`,
  };
}

function invalidMessage(encoding: FileEncoding): Message {
  return {
    stage: 'ingest',
    rule: `ingest.decode.invalid-${encoding}`,
    severity: 'warning',
    reason: `The file declares ${encoding} with a byte-order mark but holds invalid sequences; they were replaced with U+FFFD.`,
  };
}

/** Decode in the declared encoding; on invalid bytes, decode again with replacement characters and say so. */
function decodeDeclared(bytes: Uint8Array, encoding: FileEncoding): DecodedText {
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, encoding, messages: [] };
  } catch {
    const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
    return { text, encoding, messages: [invalidMessage(encoding)] };
  }
}

function decodeUndeclared(bytes: Uint8Array): DecodedText {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, encoding: 'utf-8', messages: [] };
  } catch {
    const text = decodeWindows1252(bytes);
    return { text, encoding: 'windows-1252', messages: [windows1252Message('The file')] };
  }
}

/** Decode a whole file's bytes: BOM first, else strict UTF-8, else Windows-1252 with a warning. */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  const declared = bomEncoding(bytes);
  const bomLength = declared === 'utf-8' ? UTF8_BOM.length : UTF16LE_BOM.length;
  const decoded =
    declared === null ? decodeUndeclared(bytes) : decodeDeclared(bytes.subarray(bomLength), declared);
  return { ...decoded, text: normaliseNewlines(decoded.text) };
}

/**
 * True when the start of the file looks like binary data: NUL bytes, or more
 * than BINARY_CONTROL_SHARE control characters. UTF-16 files (with a BOM) are
 * text full of NULs, so they are never called binary.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const declared = bomEncoding(bytes);
  if (declared === 'utf-16le' || declared === 'utf-16be') return false;
  const start = declared === 'utf-8' ? UTF8_BOM.length : 0;
  const sample = bytes.subarray(start, start + BINARY_SNIFF_BYTES);
  if (sample.length === 0) return false;
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if ((byte < FIRST_PRINTABLE && !TEXT_CONTROLS.has(byte)) || byte === DELETE) controls += 1;
  }
  return controls / sample.length > BINARY_CONTROL_SHARE;
}

/**
 * The encoding of a file too big to hold in memory: the BOM if there is one,
 * else UTF-8 when every chunk passes a streaming strict decoder, else Windows-1252.
 */
export async function detectFileEncoding(path: string): Promise<FileEncoding> {
  const validator = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    if (first) {
      first = false;
      const declared = bomEncoding(bytes);
      if (declared !== null) return declared;
    }
    try {
      validator.decode(bytes, { stream: true });
    } catch {
      return 'windows-1252';
    }
  }
  try {
    validator.decode(); // a multi-byte sequence cut off at the end of the file
  } catch {
    return 'windows-1252';
  }
  return 'utf-8';
}

/**
 * A Transform from bytes to decoded string chunks with LF line breaks, for
 * streaming big files. Any BOM is dropped. A CR at the end of one chunk is
 * held back until the next chunk shows whether an LF follows it.
 */
export function createDecodeStream(encoding: FileEncoding): Transform {
  const decoder = encoding === 'windows-1252' ? null : new TextDecoder(encoding);
  const decode = (chunk?: Buffer): string => {
    if (decoder !== null) return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    return chunk === undefined ? '' : decodeWindows1252(chunk);
  };
  let heldCr = false;
  const normalise = (piece: string): string => {
    const joined = heldCr ? `\r${piece}` : piece;
    heldCr = joined.endsWith('\r');
    return normaliseNewlines(heldCr ? joined.slice(0, -1) : joined);
  };
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, callback) {
      const text = normalise(decode(chunk));
      if (text !== '') this.push(text);
      callback();
    },
    flush(callback) {
      const text = normalise(decode()) + (heldCr ? '\n' : '');
      if (text !== '') this.push(text);
      callback();
    },
  });
}
