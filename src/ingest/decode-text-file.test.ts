import { describe, expect, it } from 'vitest';
import { decodeTextFile } from './decode-text-file.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('decodeTextFile', () => {
  it('returns the decoded text and encoding', () => {
    expect(decodeTextFile(utf8('Fog closes airport\r\n'), 'fog.txt')).toEqual({
      kind: 'decoded',
      text: 'Fog closes airport\n',
      encoding: 'utf-8',
      messages: [],
    });
  });

  it('rejects an empty or whitespace-only file', () => {
    expect(decodeTextFile(new Uint8Array(0), 'empty.txt')).toMatchObject({ kind: 'rejected', item: 'empty.txt', rule: 'ingest.empty' });
    expect(decodeTextFile(utf8(' \n\t\r\n'), 'blank.txt')).toMatchObject({ kind: 'rejected', rule: 'ingest.empty' });
    expect(decodeTextFile(Uint8Array.of(0xef, 0xbb, 0xbf), 'bom.txt')).toMatchObject({ kind: 'rejected', rule: 'ingest.empty' });
  });

  it('rejects a binary file, naming it', () => {
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d);
    const result = decodeTextFile(png, 'photo.txt');
    expect(result).toMatchObject({ kind: 'rejected', item: 'photo.txt', rule: 'ingest.binary' });
    expect(result.kind === 'rejected' && result.reason).toContain('photo.txt');
  });
});
