import { buildIdentities, type Seen } from '../../actors/identities.js';
import type { ActorRowFilter } from '../../store/store.js';
import { integerOption, parseCommand } from '../args.js';
import { clip, formatTable } from '../format-table.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { listingFormat, writeListing } from '../listing.js';
import { staleNote, withStore } from '../with-store.js';
import { articlesLeftOut, dedupeHelp, DEDUPE_OPTION } from '../dedupe.js';
import { withoutArticles } from '../../provenance/load-units.js';

export const ACTORS_HELP = `usage: verbatim actors [options]
       verbatim actors merge <key> <other-key>...      the others are the same as <key>
       verbatim actors split <key> <article-id>... [--name <name>]
                                                  those articles' actor is someone else
       verbatim actors rename <key> <name>

List the people and organisations of the corpus, one row per identity: the
same person or organisation across articles (same full name, or the same
organisation under its canonical name), most articles first, with the
titles, roles and organisations the articles give them (each with the dates
of the first and last article giving it), and counts of articles, mentions
and quotes. People with one name whose organisations and titles never meet
are kept apart as different people, with a note.

Keys are in the listing (--json, --csv). Decisions made with merge, split
and rename are stored apart from the machine's output and applied on every
listing, so they survive re-analysis; a decision that no longer fits the
corpus (its key or article is gone) is reported, not applied.

Options:
  --db <path>      database file (default: verbatim.db)
  --name <text>    name contains this (case-insensitive); with split, the
                   name of the identity split off
  --type <type>    person, organisation or unknown
  --limit <n>      at most n rows (default 100)
${dedupeHelp(19)}
  --json           one JSON array (with each identity's articles and actor ids)
  --csv            CSV with a header row
  -h, --help       this help
`;

const TYPES = new Set(['person', 'organisation', 'unknown']);
const CELL_WIDTH = 44;

export async function actorsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('actors', argv, {
    name: { type: 'string' },
    type: { type: 'string' },
    limit: { type: 'string' },
    csv: { type: 'boolean', default: false },
    ...DEDUPE_OPTION,
  });
  if (values.help) {
    io.stdout(ACTORS_HELP);
    return EXIT.ok;
  }
  const format = listingFormat(values);
  if (values.type !== undefined && !TYPES.has(values.type)) throw new UsageError(`--type takes person, organisation or unknown, not ${JSON.stringify(values.type)}`);
  const [action, ...args] = positionals;
  if (action !== undefined) return decide(action, args, values.name, values.db, io);
  const limit = integerOption('limit', values.limit, 100);
  const filter: ActorRowFilter = {
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values.type !== undefined ? { type: values.type as NonNullable<ActorRowFilter['type']> } : {}),
  };
  return withStore(
    values.db,
    async (store) => {
      const leaveOut = await articlesLeftOut(store, io, values.dedupe);
      const built = buildIdentities(withoutArticles(await store.listActorRows(filter), leaveOut), await store.identityDecisions());
      const identities = built.identities.slice(0, limit);
      const note = await staleNote(store, values.db);
      if (note !== '') io.stderr(note);
      // A name filter (or articles left out) sees only some identities, so only a full listing can tell a decision no longer fits.
      if (built.unapplied.length > 0 && filter.name === undefined && filter.type === undefined && leaveOut.size === 0) {
        io.stderr(`note: identity decision${built.unapplied.length === 1 ? '' : 's'} ${built.unapplied.join(', ')} no longer fit the corpus (a key or article is gone) and ${built.unapplied.length === 1 ? 'was' : 'were'} not applied\n`);
      }
      writeListing(io, format, {
        rows: identities,
        empty: 'no actors match',
        csv: {
          header: ['key', 'name', 'type', 'articles', 'mentions', 'quotes', 'first', 'last', 'titles', 'roles', 'organisations', 'note'],
          record: (i) => [i.key, i.name, i.type, i.articles, i.mentions, i.quotes, i.first, i.last, values_(i.titles), values_(i.roles), values_(i.organisations), i.note ?? null],
        },
        table: (list) =>
          formatTable(
            ['actor', 'type', 'articles', 'quotes', 'titles', 'organisations', 'roles'],
            list.map((i) => [`${i.name}${i.note === undefined ? '' : ' (*)'}`, i.type, String(i.articles), String(i.quotes), cell(i.titles), cell(i.organisations), cell(i.roles)]),
          ),
      });
      if (format !== 'table') return EXIT.ok;
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


/** `merge`, `split`, `rename`: check the decision against the corpus as it is, then store it. */
async function decide(action: string, args: string[], name: string | undefined, db: string, io: CliIo): Promise<number> {
  if (action !== 'merge' && action !== 'split' && action !== 'rename') throw new UsageError(`unknown action ${JSON.stringify(action)}: merge, split or rename\nsee: verbatim actors --help`);
  const [key, ...rest] = args;
  if (key === undefined || rest.length === 0) throw new UsageError(`actors ${action} needs a key and ${action === 'rename' ? 'a name' : action === 'merge' ? 'at least one other key' : 'at least one article id'}\nsee: verbatim actors --help`);
  return withStore(
    db,
    async (store) => {
      const { identities } = buildIdentities(await store.listActorRows({}), await store.identityDecisions());
      const byKey = new Map(identities.map((i) => [i.key, i]));
      const target = byKey.get(key);
      if (target === undefined) throw new UsageError(`no identity with key ${JSON.stringify(key)} (keys are in: verbatim actors --json)`);
      let id: number;
      if (action === 'rename') {
        id = await store.addIdentityDecision({ action, key, name: rest.join(' ') });
      } else if (action === 'merge') {
        const missing = rest.filter((k) => !byKey.has(k) || k === key);
        if (missing.length > 0) throw new UsageError(`cannot merge ${missing.map((k) => JSON.stringify(k)).join(', ')}: not another identity's key`);
        id = await store.addIdentityDecision({ action, key, others: rest });
      } else {
        const members = new Set(target.members.map((m) => m.articleId));
        const articles = rest.map((given) => [...members].find((m) => m.startsWith(given)) ?? given);
        const outside = articles.filter((a) => !members.has(a));
        if (outside.length > 0) throw new UsageError(`${outside.join(', ')}: not an article of ${key}`);
        if (articles.length === members.size) throw new UsageError(`that would split off every article of ${key}: rename it instead`);
        id = await store.addIdentityDecision({ action, key, others: articles, ...(name === undefined ? {} : { name }) });
      }
      io.stdout(`decision ${id} stored: ${action} ${key} ${rest.join(' ')}\n`);
      return EXIT.ok;
    },
    { mustExist: true },
  );
}
