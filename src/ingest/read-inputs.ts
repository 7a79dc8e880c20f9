import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { readCsv } from './read-csv.js';
import { readHtml } from './read-html.js';
import { readJsonl } from './read-jsonl.js';
import { readTxt } from './read-txt.js';
import type { IngestItem, IngestOptions } from './types.js';

type FileReader = 'txt' | 'html' | 'jsonl' | 'csv';

const READERS: Readonly<Record<string, FileReader>> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
};

export const SUPPORTED_EXTENSIONS = Object.keys(READERS);

/** One file to read: where it is, and how to name it in summaries and the log. */
export interface InputFile {
  path: string;
  /** Whether the user named the file itself (an unsupported extension is then an error, not a skip). */
  explicit: boolean;
}

/**
 * Every file under the given paths, folders walked recursively in name order
 * (so runs are repeatable), hidden entries skipped. A path that does not exist
 * is reported as a rejected item, not thrown.
 */
export async function* listInputs(paths: readonly string[]): AsyncGenerator<InputFile | IngestItem> {
  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch (error) {
      yield rejected(given, 'ingest.not-found', `cannot read ${given}: ${describe(error)}`);
      continue;
    }
    if (info.isDirectory()) yield* walk(given);
    else yield { path: given, explicit: true };
  }
}

async function* walk(folder: string): AsyncGenerator<InputFile | IngestItem> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    yield rejected(folder, 'ingest.unreadable', `cannot list folder ${folder}: ${describe(error)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield { path: full, explicit: false };
    else if (entry.isSymbolicLink()) {
      // Follow links; a broken one is reported, never silently dropped.
      const target = await stat(full).catch((error: unknown) => error as NodeJS.ErrnoException);
      if (target instanceof Error) yield rejected(full, 'ingest.unreadable', `cannot read ${full}: ${describe(target)} (broken link)`);
      else if (target.isDirectory()) yield* walk(full);
      else yield { path: full, explicit: false };
    }
  }
}

/** Read every article from the inputs, one item at a time (never the whole corpus at once). */
export async function* readInputs(
  paths: readonly string[],
  options: IngestOptions,
): AsyncGenerator<IngestItem> {
  for await (const input of listInputs(paths)) {
    if ('kind' in input) {
      yield input;
      continue;
    }
    yield* readFileItems(input, options);
  }
}

async function* readFileItems(input: InputFile, options: IngestOptions): AsyncGenerator<IngestItem> {
  const file = input.path;
  const reader = READERS[path.extname(file).toLowerCase()];
  if (!reader) {
    const reason = `${file}: not an article format (verbatim reads ${SUPPORTED_EXTENSIONS.join(', ')})`;
    if (input.explicit) yield rejected(file, 'ingest.unsupported-format', reason);
    else yield { kind: 'skipped', item: file, rule: 'ingest.unsupported-format', reason };
    return;
  }
  if (reader === 'jsonl' || reader === 'csv') {
    // One article per row: the size limit applies to each row, the file is streamed.
    try {
      yield* reader === 'jsonl' ? readJsonl(file, file, options) : readCsv(file, file, options);
    } catch (error) {
      yield rejected(file, 'ingest.unreadable', `cannot read ${file}: ${describe(error)}`);
    }
    return;
  }
  const bytes = readSmallFile(file, options.maxBytes);
  if ('kind' in bytes) yield bytes;
  else yield reader === 'txt' ? readTxt(bytes.bytes, file) : readHtml(bytes.bytes, file);
}

/**
 * Read one article file whole, refusing it when over the size limit.
 * Synchronous on purpose: articles are small, and one open/fstat/read on this
 * thread beats three round trips to libuv's thread pool per file (the async
 * version left the process idle for a quarter of a BBC-corpus run).
 */
function readSmallFile(file: string, maxBytes: number): { bytes: Buffer } | IngestItem {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    if (size > maxBytes) {
      return rejected(
        file,
        'ingest.too-large',
        `${file} is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit for one article (raise it with --max-bytes)`,
      );
    }
    return { bytes: readFileSync(fd) };
  } catch (error) {
    return rejected(file, 'ingest.unreadable', `cannot read ${file}: ${describe(error)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function rejected(item: string, rule: string, reason: string): IngestItem {
  return { kind: 'rejected', item, rule, reason };
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return error instanceof Error ? error.message : String(error);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
