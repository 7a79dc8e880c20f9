import { existsSync } from 'node:fs';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
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
