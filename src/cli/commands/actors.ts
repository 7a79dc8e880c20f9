import { buildIdentities, type Seen } from '../../actors/identities.js';
import type { ActorRowFilter } from '../../store/store.js';
import { integerOption, parseCommand } from '../args.js';
import { toCsv } from '../csv.js';
import { clip, formatTable } from '../format-table.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { staleNote, withStore } from '../with-store.js';

export const ACTORS_HELP = `usage: verbatim actors [options]

List the people and organisations of the corpus, one row per identity: the
same person or organisation across articles (same full name, or the same
organisation under its canonical name), most articles first, with the
titles, roles and organisations the articles give them (each with the dates
of the first and last article giving it), and counts of articles, mentions
and quotes. People with one name whose organisations and titles never meet
are kept apart as different people, with a note.

Options:
  --db <path>      database file (default: verbatim.db)
  --name <text>    name contains this (case-insensitive)
  --type <type>    person, organisation or unknown
  --limit <n>      at most n rows (default 100)
  --json           one JSON array (with each identity's articles and actor ids)
  --csv            CSV with a header row
  -h, --help       this help
`;

const TYPES = new Set(['person', 'organisation', 'unknown']);
const CELL_WIDTH = 44;

export async function actorsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('actors', argv, {
    name: { type: 'string' },
    type: { type: 'string' },
    limit: { type: 'string' },
    csv: { type: 'boolean', default: false },
  });
  if (values.help) {
    io.stdout(ACTORS_HELP);
    return EXIT.ok;
  }
  if (values.json && values.csv) throw new UsageError('choose --json or --csv, not both');
  if (values.type !== undefined && !TYPES.has(values.type)) throw new UsageError(`--type takes person, organisation or unknown, not ${JSON.stringify(values.type)}`);
  const limit = integerOption('limit', values.limit, 100);
  const filter: ActorRowFilter = {
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values.type !== undefined ? { type: values.type as NonNullable<ActorRowFilter['type']> } : {}),
  };
  return withStore(
    values.db,
    async (store) => {
      const identities = buildIdentities(await store.listActorRows(filter)).slice(0, limit);
      const note = await staleNote(store, values.db);
      if (note !== '') io.stderr(note);
      if (values.json) {
        io.stdout(`${JSON.stringify(identities, null, 2)}\n`);
        return EXIT.ok;
      }
      if (values.csv) {
        io.stdout(
          toCsv(
            ['key', 'name', 'type', 'articles', 'mentions', 'quotes', 'first', 'last', 'titles', 'roles', 'organisations', 'note'],
            identities.map((i) => [i.key, i.name, i.type, i.articles, i.mentions, i.quotes, i.first, i.last, values_(i.titles), values_(i.roles), values_(i.organisations), i.note ?? null]),
          ),
        );
        return EXIT.ok;
      }
      if (identities.length === 0) {
        io.stdout('no actors match\n');
        return EXIT.ok;
      }
      io.stdout(
        formatTable(
          ['actor', 'type', 'articles', 'quotes', 'titles', 'organisations', 'roles'],
          identities.map((i) => [`${i.name}${i.note === undefined ? '' : ' (*)'}`, i.type, String(i.articles), String(i.quotes), cell(i.titles), cell(i.organisations), cell(i.roles)]),
        ),
      );
      const notes = identities.filter((i) => i.note !== undefined);
      if (notes.length > 0) io.stdout(`\n${notes.map((i) => `(*) ${i.key}: ${i.note ?? ''}`).join('\n')}\n`);
      return EXIT.ok;
    },
    { mustExist: true },
  );
}

function values_(list: readonly Seen[]): string {
  return list.map((s) => s.value).join('; ');
}

function cell(list: readonly Seen[]): string {
  return list.length === 0 ? '-' : clip(values_(list), CELL_WIDTH);
}

