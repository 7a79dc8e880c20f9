import { integerOption, parseCommand } from '../args.js';
import { toCsv } from '../csv.js';
import { clip, formatTable } from '../format-table.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { staleNote, withStore } from '../with-store.js';

export const SPEAKERS_HELP = `usage: verbatim speakers [options]

List the people and organisations quoted in the corpus, most quoted first:
name, type, the titles, roles and organisations the articles give them, and
how many quotes and articles. The same name in different articles is one
row for now (corpus-wide identities, with merge and split, come with actors).

Options:
  --db <path>      database file (default: verbatim.db)
  --name <text>    name contains this (case-insensitive)
  --limit <n>      at most n rows (default 100)
  --json           one JSON array
  --csv            CSV with a header row
  -h, --help       this help
`;

const CELL_WIDTH = 40;

export async function speakersCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('speakers', argv, {
    name: { type: 'string' },
    limit: { type: 'string' },
    csv: { type: 'boolean', default: false },
  });
  if (values.help) {
    io.stdout(SPEAKERS_HELP);
    return EXIT.ok;
  }
  if (values.json && values.csv) throw new UsageError('choose --json or --csv, not both');
  const filter = { ...(values.name !== undefined ? { name: values.name } : {}), limit: integerOption('limit', values.limit, 100) };
  return withStore(
    values.db,
    async (store) => {
      const rows = await store.listSpeakers(filter);
      const note = await staleNote(store, values.db);
      if (note !== '') io.stderr(note);
      if (values.json) {
        io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        return EXIT.ok;
      }
      if (values.csv) {
        io.stdout(
          toCsv(
            ['name', 'type', 'titles', 'roles', 'organisations', 'quotes', 'articles'],
            rows.map((r) => [r.name, r.type, r.titles.join('; '), r.roles.join('; '), r.organisations.join('; '), r.quotes, r.articles]),
          ),
        );
        return EXIT.ok;
      }
      if (rows.length === 0) {
        io.stdout('no speakers match\n');
        return EXIT.ok;
      }
      const cell = (list: string[]): string => (list.length === 0 ? '-' : clip(list.join('; '), CELL_WIDTH));
      io.stdout(
        formatTable(
          ['speaker', 'type', 'quotes', 'articles', 'titles', 'organisations', 'roles'],
          rows.map((r) => [r.name, r.type, String(r.quotes), String(r.articles), cell(r.titles), cell(r.organisations), cell(r.roles)]),
        ),
      );
      return EXIT.ok;
    },
    { mustExist: true },
  );
}
