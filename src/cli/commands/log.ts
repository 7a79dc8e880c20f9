import type { LogStatus } from '../../store/store.js';
import { integerOption, parseCommand } from '../args.js';
import { formatTable } from '../format-table.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { withStore } from '../with-store.js';

export const LOG_HELP = `usage: verbatim log [options]

The ingest log: what happened to every item of every run (stored, updated,
unchanged, duplicate, rejected, skipped), with the rule and the reason.

Options:
  --db <path>        database file (default: verbatim.db)
  --run <n>          only this run (the number 'verbatim analyze' prints)
  --status <status>  only stored|updated|unchanged|duplicate|rejected|skipped
  --limit <n>        at most n rows (default 1000)
  --json             one JSON array of entries
  -h, --help         this help
`;

const STATUSES: readonly LogStatus[] = ['stored', 'updated', 'unchanged', 'duplicate', 'rejected', 'skipped'];

export async function logCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('log', argv, {
    run: { type: 'string' },
    status: { type: 'string' },
    limit: { type: 'string' },
  });
  if (values.help) {
    io.stdout(LOG_HELP);
    return EXIT.ok;
  }
  const status = values.status as LogStatus | undefined;
  if (status !== undefined && !STATUSES.includes(status)) {
    throw new UsageError(`--status takes one of ${STATUSES.join(', ')}, not ${JSON.stringify(values.status)}`);
  }
  const runId = values.run === undefined ? undefined : integerOption('run', values.run, 0);
  return withStore(
    values.db,
    async (store) => {
      const rows = await store.ingestLog({
        ...(runId !== undefined ? { runId } : {}),
        ...(status !== undefined ? { status } : {}),
        limit: integerOption('limit', values.limit, 1000),
      });
      if (values.json) io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
      else if (rows.length === 0) io.stdout('no log entries match\n');
      else {
        io.stdout(
          formatTable(
            ['run', 'status', 'item', 'article', 'rule', 'reason'],
            rows.map((row) => [
              String(row.runId), row.status, row.item, row.articleId ?? '-', row.rule ?? '-', row.reason ?? '',
            ]),
          ),
        );
      }
      return EXIT.ok;
    },
    { mustExist: true },
  );
}
