import { readFileSync } from 'node:fs';

/** The package version, read from package.json (src/ and dist/ both sit one level below it). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * Version of what the stages produce. Bump it whenever any stage's output can
 * change: stored articles stamped with an older version are re-analysed by the
 * next `verbatim analyze` over them, the rest are left alone.
 */
export const EXTRACTOR_VERSION = 'statistics-1';
