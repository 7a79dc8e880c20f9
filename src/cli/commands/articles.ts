import { dateOption, integerOption, parseCommand } from '../args.js';
import { clip, formatTable } from '../format-table.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { listNearDuplicates, updateNearDuplicates } from '../../provenance/update-near-duplicates.js';
import type { NearDuplicateGroup } from '../../provenance/near-duplicates.js';
import { withStore } from '../with-store.js';

export const ARTICLES_HELP = `usage: verbatim articles [options]
       verbatim articles same [--full] [--json]

List the stored articles, oldest first (undated last). 'articles same' groups
near-duplicates again and lists them: syndicated and wire copy and stories
republished with small edits (exact duplicates are never stored twice), each
group with its first appearance first and how much of each copy is in it.
The groups are kept in the database for the counts that count each group
once (--dedupe on speakers, actors, stances, network, quotes same, stats;
the dashboard's "count near-duplicates once"); 'analyze' groups again after
new articles. Grouping again compares only the articles stored (or given
another text) since the last grouping with every other; the groups are the
same as grouping every article from scratch, which --full does.

Options:
  --db <path>        database file (default: verbatim.db)
  --outlet <name>    only this outlet (case-insensitive)
  --from <date>      published on or after (YYYY, YYYY-MM or YYYY-MM-DD)
  --to <date>        published on or before
  --query <text>     full-text search (SQLite FTS5 syntax: words, "a phrase", OR, NOT, prefix*)
  --limit <n>        at most n rows (default 100)
  --offset <n>       skip the first n rows
  --json             one JSON array of articles (with same: of groups)
  --full             with same: group every article from scratch
  -h, --help         this help
`;

const TITLE_WIDTH = 60;

export async function articlesCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('articles', argv, {
    outlet: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    query: { type: 'string' },
    limit: { type: 'string' },
    offset: { type: 'string' },
    full: { type: 'boolean', default: false },
  });
  if (values.help) {
    io.stdout(ARTICLES_HELP);
    return EXIT.ok;
  }
  const [action] = positionals;
  if (action !== undefined && action !== 'same') throw new UsageError(`unknown listing ${JSON.stringify(action)}: same\nsee: verbatim articles --help`);
  if (values.full && action !== 'same') throw new UsageError('--full goes with articles same (grouping near-duplicates from scratch)');
  if (action === 'same') {
    return withStore(
      values.db,
      async (store) => {
        await updateNearDuplicates(store, { full: values.full });
        return writeNearDuplicates(io, values.json, await listNearDuplicates(store));
      },
      { mustExist: true },
    );
  }
  const from = dateOption('from', values.from);
  const to = dateOption('to', values.to);
  const filter = {
    ...(values.outlet !== undefined ? { outlet: values.outlet } : {}),
    ...(values.query !== undefined ? { query: values.query } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    limit: integerOption('limit', values.limit, 100),
    offset: integerOption('offset', values.offset, 0),
  };
  return withStore(
    values.db,
    async (store) => {
      const rows = await store.listArticles(filter);
      if (values.json) {
        io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        return EXIT.ok;
      }
      if (rows.length === 0) {
        io.stdout('no articles match\n');
        return EXIT.ok;
      }
      io.stdout(
        formatTable(
          ['id', 'published', 'outlet', 'paras', 'sents', 'title', 'source'],
          rows.map((row) => [
            row.id,
            row.published ?? '-',
            row.outlet ?? '-',
            String(row.paragraphs),
            String(row.sentences),
            clip(row.title ?? '(no title)', TITLE_WIDTH),
            row.source.row === undefined ? row.source.file : `${row.source.file}:${row.source.row}`,
          ]),
        ),
      );
      return EXIT.ok;
    },
    { mustExist: true },
  );
}

function writeNearDuplicates(io: CliIo, json: boolean, groups: NearDuplicateGroup[]): number {
  if (json) io.stdout(`${JSON.stringify(groups, null, 2)}\n`);
  else if (groups.length === 0) io.stdout('no near-duplicate articles\n');
  else {
    const rows = groups.flatMap((g, i) => g.members.map((m, k) => [k === 0 ? String(i + 1) : '', m.id.slice(0, 9), m.published ?? '-', m.outlet ?? '-', k === 0 ? 'first' : `${Math.round(m.containment * 100)} %`, clip(m.title ?? '-', TITLE_WIDTH)]));
    io.stdout(formatTable(['group', 'article', 'published', 'outlet', 'in the first', 'title'], rows));
  }
  return EXIT.ok;
}
