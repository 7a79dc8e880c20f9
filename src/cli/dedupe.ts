/** The `--dedupe` option of the commands that count: each near-duplicate group counted once. */
import { copiesLeftOut } from '../provenance/load-units.js';
import type { Store } from '../store/store.js';
import type { CliIo } from './io.js';

export const DEDUPE_OPTION = { dedupe: { type: 'boolean', default: false } } as const;

/** The option's help lines, its text starting at column `column` as the command's other options do. */
export function dedupeHelp(column: number): string {
  const lines = [
    'count each group of near-duplicate articles (wire and',
    "syndicated copy) once: members after the group's first",
    "appearance are left out ('verbatim articles same' lists",
    "the groups; 'analyze' finds them)",
  ];
  return lines.map((line, i) => (i === 0 ? '  --dedupe'.padEnd(column) : ' '.repeat(column)) + line).join('\n');
}

const NONE: ReadonlySet<string> = new Set();

/** The articles to leave out of counts: none without `--dedupe`; with it, a note on standard error when the groups are out of date. */
export async function articlesLeftOut(store: Store, io: CliIo, dedupe: boolean | undefined): Promise<ReadonlySet<string>> {
  if (dedupe !== true) return NONE;
  const { copies, warning } = await copiesLeftOut(store);
  if (warning !== null) io.stderr(`note: ${warning}\n`);
  return copies;
}
