import { existsSync } from 'node:fs';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { EXTRACTOR_VERSION } from '../version.js';
import { UsageError } from './io.js';

/**
 * Open the store, run `work`, and always close it. Commands that only read
 * (`mustExist`) refuse a missing database instead of creating an empty one.
 */
export async function withStore<T>(
  path: string,
  work: (store: Store) => Promise<T>,
  { mustExist = false }: { mustExist?: boolean } = {},
): Promise<T> {
  if (mustExist && path !== ':memory:' && !existsSync(path)) {
    throw new UsageError(`no database at ${path}: run 'verbatim analyze <folder> --db ${path}' first, or name one with --db`);
  }
  const store = openSqliteStore(path);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** A note for listings over a database holding articles analysed by an older verbatim (their quotes and actors are not listed until re-analysed). */
export async function staleNote(store: Store, db: string): Promise<string> {
  const stale = await store.countOtherVersions(EXTRACTOR_VERSION);
  return stale === 0
    ? ''
    : `note: ${stale} stored article${stale === 1 ? ' was' : 's were'} analysed by another version of verbatim; run 'verbatim analyze' on the same inputs with --db ${db} to bring their quotes and actors up to date\n`;
}
