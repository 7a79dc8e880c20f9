/**
 * The browser tests' shared setup: Debian's Chromium (never a downloaded
 * browser) driven by playwright-core against the real server, over a
 * database analysed from the example corpus.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { analyzeCorpus } from '../../src/analyze/analyze-corpus.js';
import { startServer } from '../../src/server/serve.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = path.join(ROOT, '.tmp', 'screenshots');
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Said by the tests when Chromium is missing: they fail, never skip. */
export const MISSING_CHROMIUM = existsSync(CHROMIUM) ? null : `The browser tests need Chromium at ${CHROMIUM} and never download a browser. Install it with: apt-get install -y chromium`;

/** The example corpus analysed with its propositions into a new database file. */
export async function exampleDatabase(dbPath: string): Promise<void> {
  const store = openSqliteStore(dbPath);
  try {
    await analyzeCorpus([path.join(ROOT, 'examples', 'corpus')], store, { propositions: path.join(ROOT, 'examples', 'propositions.yaml') });
  } finally {
    await store.close();
  }
}

export interface Dashboard {
  /** The server's address without a trailing slash. */
  base: string;
  context: BrowserContext;
  /** A temporary folder of the test's own, removed by `close`. */
  workDir: string;
  close(): Promise<void>;
}

/** Serve `webRoot` over the example database and open Chromium with a fresh profile. `prepare` runs in the work folder first (to build the app into it, say). */
export async function startDashboard(prefix: string, webRoot: (workDir: string) => string): Promise<Dashboard> {
  const workDir = mkdtempSync(path.join(tmpdir(), prefix));
  const dbPath = path.join(workDir, 'corpus.db');
  const root = webRoot(workDir);
  await exampleDatabase(dbPath);
  const server = await startServer({ dbPath, port: 0, host: '127.0.0.1', webRoot: root });
  const context = await chromium.launchPersistentContext(path.join(workDir, 'profile'), {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  return {
    base: server.url.endsWith('/') ? server.url.slice(0, -1) : server.url,
    context,
    workDir,
    close: async () => {
      await context.close();
      await server.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
