/**
 * The checks every whole-file reader (`.txt`, `.html`) makes before it looks
 * at the content: not binary, decodable, not empty.
 */
import type { Message } from '../model/document.js';
import { decodeBytes, looksBinary, type FileEncoding } from './decode-bytes.js';
import type { IngestItem } from './types.js';

export type RejectedItem = Extract<IngestItem, { kind: 'rejected' }>;

export interface DecodedFile {
  kind: 'decoded';
  text: string;
  encoding: FileEncoding;
  messages: Message[];
}

export function decodeTextFile(bytes: Uint8Array, file: string): DecodedFile | RejectedItem {
  if (looksBinary(bytes)) {
    return { kind: 'rejected', item: file, rule: 'ingest.binary', reason: `${file} looks like a binary file, not text` };
  }
  const decoded = decodeBytes(bytes);
  if (decoded.text.trim() === '') {
    return { kind: 'rejected', item: file, rule: 'ingest.empty', reason: `${file} is empty or holds only whitespace` };
  }
  return { kind: 'decoded', ...decoded };
}
