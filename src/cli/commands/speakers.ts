import { buildIdentities, type Seen } from '../../actors/identities.js';
import { integerOption, parseCommand } from '../args.js';
import { clip, formatTable } from '../format-table.js';
import { EXIT, type CliIo } from '../io.js';
import { listingFormat, writeListing } from '../listing.js';
import { staleNote, withStore } from '../with-store.js';
import { articlesLeftOut, dedupeHelp, DEDUPE_OPTION } from '../dedupe.js';
import { withoutArticles } from '../../provenance/load-units.js';

export const SPEAKERS_HELP = `usage: verbatim speakers [options]

List the people and organisations quoted in the corpus, most quoted first:
name, type, the titles, roles and organisations the articles give them, and
how many quotes and articles. One row per identity, as 'verbatim actors'
builds them (with people's merge, split and rename decisions applied).

Options:
  --db <path>      database file (default: verbatim.db)
  --name <text>    name contains this (case-insensitive)
  --limit <n>      at most n rows (default 100)
${dedupeHelp(19)}
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
    ...DEDUPE_OPTION,
  });
  if (values.help) {
    io.stdout(SPEAKERS_HELP);
    return EXIT.ok;
  }
  const format = listingFormat(values);
  const limit = integerOption('limit', values.limit, 100);
  return withStore(
    values.db,
    async (store) => {
      const leaveOut = await articlesLeftOut(store, io, values.dedupe);
      const { identities } = buildIdentities(withoutArticles(await store.listActorRows(values.name === undefined ? {} : { name: values.name }), leaveOut), await store.identityDecisions());
      const rows = identities
        .filter((i) => i.quotes > 0)
        .sort((a, b) => b.quotes - a.quotes || b.articles - a.articles || a.name.localeCompare(b.name))
        .slice(0, limit)
        .map((i) => ({ key: i.key, name: i.name, type: i.type, titles: list(i.titles), roles: list(i.roles), organisations: list(i.organisations), quotes: i.quotes, articles: i.articles }));
      const note = await staleNote(store, values.db);
      if (note !== '') io.stderr(note);
      const cell = (values_: string[]): string => (values_.length === 0 ? '-' : clip(values_.join('; '), CELL_WIDTH));
      writeListing(io, format, {
        rows,
        empty: 'no speakers match',
        csv: {
          header: ['key', 'name', 'type', 'titles', 'roles', 'organisations', 'quotes', 'articles'],
          record: (r) => [r.key, r.name, r.type, r.titles.join('; '), r.roles.join('; '), r.organisations.join('; '), r.quotes, r.articles],
        },
        table: (list) =>
          formatTable(
            ['speaker', 'type', 'quotes', 'articles', 'titles', 'organisations', 'roles'],
            list.map((r) => [r.name, r.type, String(r.quotes), String(r.articles), cell(r.titles), cell(r.organisations), cell(r.roles)]),
          ),
      });
      return EXIT.ok;
    },
    { mustExist: true },
  );
}

function list(seen: readonly Seen[]): string[] {
  return seen.map((s) => s.value);
}
