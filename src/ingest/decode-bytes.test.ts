import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createDecodeStream,
  decodeBytes,
  decodeWindows1252,
  detectFileEncoding,
  looksBinary,
  normaliseNewlines,
} from './decode-bytes.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i += 1) {
    out[i * 2] = text.charCodeAt(i) & 0xff;
    out[i * 2 + 1] = text.charCodeAt(i) >> 8;
  }
  return out;
}

function utf16be(text: string): Uint8Array {
  const le = utf16le(text);
  const out = new Uint8Array(le.length);
  for (let i = 0; i < le.length; i += 2) {
    out[i] = le[i + 1] ?? 0;
    out[i + 1] = le[i] ?? 0;
  }
  return out;
}

const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => Array.from(part)));

describe('decodeBytes', () => {
  it('decodes plain UTF-8 with no message', () => {
    const result = decodeBytes(utf8('Café owner Siân Pryce, 52'));
    expect(result).toEqual({ text: 'Café owner Siân Pryce, 52', encoding: 'utf-8', messages: [] });
  });

  it('strips a UTF-8 byte-order mark', () => {
    const result = decodeBytes(concat(bytes(0xef, 0xbb, 0xbf), utf8('Tickets cost £5')));
    expect(result.text).toBe('Tickets cost £5');
    expect(result.encoding).toBe('utf-8');
  });

  it('decodes UTF-16 LE with a BOM, £ included', () => {
    const result = decodeBytes(concat(bytes(0xff, 0xfe), utf16le('Fares rise to £3.20')));
    expect(result.text).toBe('Fares rise to £3.20');
    expect(result.encoding).toBe('utf-16le');
    expect(result.messages).toEqual([]);
  });

  it('decodes UTF-16 BE with a BOM', () => {
    const result = decodeBytes(concat(bytes(0xfe, 0xff), utf16be('“Never again,” she said')));
    expect(result.text).toBe('“Never again,” she said');
    expect(result.encoding).toBe('utf-16be');
  });

  it('falls back to Windows-1252 with a warning when the bytes are not UTF-8', () => {
    // 0x93/0x94 are curly double quotes and 0xA3 is £ in Windows-1252; all invalid as UTF-8.
    const result = decodeBytes(concat(bytes(0x93), utf8('It cost '), bytes(0xa3), utf8('40'), bytes(0x94)));
    expect(result.text).toBe('“It cost £40”');
    expect(result.encoding).toBe('windows-1252');
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]).toMatchObject({ stage: 'ingest', rule: 'ingest.decode.windows-1252', severity: 'warning' });
  });

  it('turns CRLF and lone CR into LF', () => {
    expect(decodeBytes(utf8('Headline\r\n\r\nBody one.\rBody two.\n')).text).toBe('Headline\n\nBody one.\nBody two.\n');
  });

  it('replaces invalid sequences in a file that declares UTF-8 with a BOM, and says so', () => {
    const result = decodeBytes(concat(bytes(0xef, 0xbb, 0xbf), utf8('ok '), bytes(0xff)));
    expect(result.text).toBe('ok \uFFFD');
    expect(result.messages.map((m) => m.rule)).toEqual(['ingest.decode.invalid-utf-8']);
  });
});

describe('decodeWindows1252', () => {
  it('maps the 0x80-0x9F block to the WHATWG characters, not to C1 controls', () => {
    expect(decodeWindows1252(bytes(0x80, 0x85, 0x91, 0x92, 0x96, 0x97, 0x9f))).toBe('€…‘’–—Ÿ');
    // The five bytes windows-1252 leaves undefined stay as their C1 code points.
    expect(decodeWindows1252(bytes(0x81, 0x8d, 0x8f, 0x90, 0x9d))).toBe('\u0081\u008D\u008F\u0090\u009D');
  });

  it('reads Latin-1 letters and respects a subarray offset', () => {
    const buffer = bytes(0x58, 0x43, 0x61, 0x66, 0xe9, 0x58);
    expect(decodeWindows1252(buffer.subarray(1, 5))).toBe('Café');
  });
});

describe('normaliseNewlines', () => {
  it('leaves LF text alone', () => {
    expect(normaliseNewlines('a\nb\n\nc')).toBe('a\nb\n\nc');
  });
});

describe('looksBinary', () => {
  it('calls text with tabs and form feeds text', () => {
    expect(looksBinary(utf8('Col one\tCol two\f\r\nNext line'))).toBe(false);
  });

  it('calls a file with a NUL byte binary', () => {
    expect(looksBinary(concat(utf8('PK'), bytes(0x03, 0x04, 0x00, 0x00)))).toBe(true);
  });

  it('calls a file that is mostly control characters binary', () => {
    expect(looksBinary(bytes(0x01, 0x02, 0x03, 0x41, 0x05))).toBe(true);
  });

  it('allows a few control characters in text', () => {
    expect(looksBinary(concat(utf8('A long enough line of ordinary text'), bytes(0x1b)))).toBe(false);
  });

  it('never calls UTF-16 with a BOM binary, though it is full of NULs', () => {
    expect(looksBinary(concat(bytes(0xff, 0xfe), utf16le('Plain words')))).toBe(false);
  });

  it('calls an empty file not binary', () => {
    expect(looksBinary(new Uint8Array(0))).toBe(false);
  });
});

describe('detectFileEncoding', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-decode-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: Uint8Array): string => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  it('reads UTF-8 across chunk boundaries', async () => {
    // 100k pound signs: two bytes each, so some fall across the 64 KB read chunks.
    expect(await detectFileEncoding(write('big.csv', utf8('£'.repeat(100_000))))).toBe('utf-8');
  });

  it('finds Windows-1252 bytes late in a big file', async () => {
    const file = write('late.csv', concat(utf8('a'.repeat(200_000)), bytes(0x93, 0x94)));
    expect(await detectFileEncoding(file)).toBe('windows-1252');
  });

  it('calls a file cut in the middle of a UTF-8 sequence Windows-1252', async () => {
    expect(await detectFileEncoding(write('cut.csv', bytes(0x41, 0xc2)))).toBe('windows-1252');
  });

  it('trusts a byte-order mark', async () => {
    expect(await detectFileEncoding(write('le.csv', concat(bytes(0xff, 0xfe), utf16le('a,b'))))).toBe('utf-16le');
    expect(await detectFileEncoding(write('be.csv', concat(bytes(0xfe, 0xff), utf16be('a,b'))))).toBe('utf-16be');
    expect(await detectFileEncoding(write('bom.csv', concat(bytes(0xef, 0xbb, 0xbf), utf8('a,b'))))).toBe('utf-8');
  });
});

describe('createDecodeStream', () => {
  async function decodeChunks(encoding: Parameters<typeof createDecodeStream>[0], chunks: Uint8Array[]): Promise<string> {
    let out = '';
    for await (const piece of Readable.from(chunks.map((c) => Buffer.from(c))).pipe(createDecodeStream(encoding))) {
      out += String(piece);
    }
    return out;
  }

  it('joins a character split across chunks and drops the BOM', async () => {
    const pound = utf8('£');
    const text = await decodeChunks('utf-8', [bytes(0xef, 0xbb, 0xbf, 0x41), pound.subarray(0, 1), pound.subarray(1)]);
    expect(text).toBe('A£');
  });

  it('turns a CRLF split across chunks into one LF', async () => {
    expect(await decodeChunks('utf-8', [utf8('one\r'), utf8('\ntwo\r'), utf8('three\r')])).toBe('one\ntwo\nthree\n');
  });

  it('decodes Windows-1252 quotes', async () => {
    expect(await decodeChunks('windows-1252', [bytes(0x93, 0x48, 0x69, 0x94)])).toBe('“Hi”');
  });
});
