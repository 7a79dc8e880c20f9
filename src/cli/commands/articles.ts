import { dateOption, integerOption, parseCommand } from '../args.js';
import { clip, formatTable } from '../format-table.js';
import { EXIT, type CliIo } from '../io.js';
import { withStore } from '../with-store.js';

export const ARTICLES_HELP = `usage: verbatim articles [options]

List the stored articles, oldest first (undated last).

Options:
  --db <path>        database file (default: verbatim.db)
  --outlet <name>    only this outlet (case-insensitive)
  --from <date>      published on or after (YYYY, YYYY-MM or YYYY-MM-DD)
  --to <date>        published on or before
  --query <text>     full-text search (SQLite FTS5 syntax: words, "a phrase", OR, NOT, prefix*)
  --limit <n>        at most n rows (default 100)
  --offset <n>       skip the first n rows
  --json             one JSON array of articles
  -h, --help         this help
`;

const TITLE_WIDTH = 60;

export async function articlesCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('articles', argv, {
    outlet: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    query: { type: 'string' },
    limit: { type: 'string' },
    offset: { type: 'string' },
  });
  if (values.help) {
    io.stdout(ARTICLES_HELP);
    return EXIT.ok;
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
