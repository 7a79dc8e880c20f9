import { writeFileSync } from 'node:fs';
import { loadStances } from '../../stances/load-stances.js';
import { congruenceGexf, congruenceGraphml, twoModeGexf, twoModeGraphml } from '../../stances/network.js';
import type { Window } from '../../stances/positions.js';
import type { Position } from '../../stances/types.js';
import type { Store } from '../../store/store.js';
import { integerOption, parseCommand } from '../args.js';
import { toCsv } from '../csv.js';
import { formatTable } from '../format-table.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { listingFormat, writeListing } from '../listing.js';
import { withStore } from '../with-store.js';
import { articlesLeftOut, dedupeHelp, DEDUPE_OPTION } from '../dedupe.js';

export const STANCES_HELP = `usage: verbatim stances [options]

Where each actor stands on the propositions given to 'verbatim analyze
--propositions': one row per actor (a corpus-wide identity) and proposition,
summed from the statements ('verbatim statements' lists them, with the
evidence). support, oppose, or mixed when the actor has done both; the
counts are the actor's own statements and, for an organisation, those of the
people the articles tie to it (via). People's codings ('verbatim code') win
over the machine's. 'qualified' means every statement taking a side was
conditional ("if it helps") or tentative ("may consider").

Options:
  --db <path>            database file (default: verbatim.db)
  --proposition <id>     one proposition (default: all)
  --by <window>          month, quarter or year: one row per window (article date)
  --actor <text>         actor name contains this (case-insensitive)
  --type <type>          person, organisation or unknown
  --limit <n>            at most n rows (default 200)
${dedupeHelp(25)}
  --json                 one JSON array
  --csv                  CSV with a header row: one row per actor and proposition
  --wide                 with --csv: the actor x proposition matrix, one row per
                         actor and one column per proposition (its position)
  -h, --help             this help
`;

export const NETWORK_HELP = `usage: verbatim network [options]

Write the actor-proposition network for Gephi (or any graph tool), from the
positions 'verbatim stances' lists (people's codings applied):

  two-mode      actors and propositions as nodes; an edge per actor and
                proposition with the position (support, oppose, mixed,
                neutral), agree and disagree counts, and a weight
  congruence    actors only; an edge between two actors weighted by the number
                of propositions on which they take the same side

Options:
  --db <path>            database file (default: verbatim.db)
  --format <format>      graphml (default) or gexf
  --mode <mode>          two-mode (default) or congruence
  --proposition <id>     one proposition (default: all)
${dedupeHelp(25)}
  --out <file>           write here (default: standard output)
  -h, --help             this help
`;

const WINDOWS = new Set(['month', 'quarter', 'year']);
const TYPES = new Set(['person', 'organisation', 'unknown']);

async function knownProposition(store: Store, id: string | undefined): Promise<{ id: string; text: string }[]> {
  const { propositions } = await store.propositions();
  if (propositions.length === 0) throw new UsageError("no propositions in this database: run 'verbatim analyze <folder> --propositions <file>' (see examples/propositions.yaml)");
  if (id !== undefined && !propositions.some((p) => p.id === id)) throw new UsageError(`no proposition ${JSON.stringify(id)}; known: ${propositions.map((p) => p.id).join(', ')}`);
  return propositions.filter((p) => id === undefined || p.id === id).map((p) => ({ id: p.id, text: p.text }));
}

const counts = (s: number, o: number, n: number): string => `${s}/${o}/${n}`;

export async function stancesCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('stances', argv, {
    proposition: { type: 'string' },
    by: { type: 'string' },
    actor: { type: 'string' },
    type: { type: 'string' },
    limit: { type: 'string' },
    csv: { type: 'boolean', default: false },
    wide: { type: 'boolean', default: false },
    ...DEDUPE_OPTION,
  });
  if (values.help) {
    io.stdout(STANCES_HELP);
    return EXIT.ok;
  }
  const format = listingFormat(values);
  if (values.by !== undefined && !WINDOWS.has(values.by)) throw new UsageError(`--by takes month, quarter or year, not ${JSON.stringify(values.by)}`);
  if (values.type !== undefined && !TYPES.has(values.type)) throw new UsageError(`--type takes person, organisation or unknown, not ${JSON.stringify(values.type)}`);
  const limit = integerOption('limit', values.limit, 200);
  if (values.wide && (format !== 'csv' || values.by !== undefined)) throw new UsageError('--wide goes with --csv, without --by');
  return withStore(
    values.db,
    async (store) => {
      const known = await knownProposition(store, values.proposition);
      const by = (values.by ?? 'all') as Window;
      const leaveOut = await articlesLeftOut(store, io, values.dedupe);
      const { positions } = await loadStances(store, { ...(values.proposition === undefined ? {} : { proposition: values.proposition }), by, leaveOut });
      const actor = values.actor?.toLowerCase();
      const rows = positions
        .filter((p) => (actor === undefined || p.actorName.toLowerCase().includes(actor)) && (values.type === undefined || p.actorType === values.type))
        .slice(0, values.wide ? undefined : limit);
      if (values.wide) {
        io.stdout(wideCsv(rows, known.map((p) => p.id)));
        return EXIT.ok;
      }
      writeListing<Position>(io, format, {
        rows,
        empty: 'no positions match (no statements yet? see verbatim statements)',
        csv: {
          header: ['proposition', 'actor_key', 'actor', 'type', 'window', 'position', 'qualified', 'support', 'oppose', 'neutral', 'via_support', 'via_oppose', 'via_neutral'],
          record: (p) => [p.proposition, p.actorKey, p.actorName, p.actorType, p.window, p.position, p.qualified ? 'yes' : 'no', p.support, p.oppose, p.neutral, p.viaSupport, p.viaOppose, p.viaNeutral],
        },
        table: (list) =>
          formatTable(
            ['proposition', 'actor', 'type', ...(by === 'all' ? [] : ['window']), 'position', 'own s/o/n', 'via s/o/n'],
            list.map((p) => [p.proposition, p.actorName, p.actorType, ...(by === 'all' ? [] : [p.window]), `${p.position}${p.qualified ? ' (qualified)' : ''}`, counts(p.support, p.oppose, p.neutral), counts(p.viaSupport, p.viaOppose, p.viaNeutral)]),
          ),
      });
      return EXIT.ok;
    },
    { mustExist: true },
  );
}

/** The actor x proposition matrix: one row per actor, one column per proposition holding its position (empty when none). */
function wideCsv(rows: readonly Position[], propositions: readonly string[]): string {
  const actors = new Map<string, { name: string; type: string; cells: Map<string, string> }>();
  for (const p of rows) {
    const actor = actors.get(p.actorKey) ?? { name: p.actorName, type: p.actorType, cells: new Map() };
    actor.cells.set(p.proposition, p.position);
    actors.set(p.actorKey, actor);
  }
  return toCsv(['actor_key', 'actor', 'type', ...propositions], [...actors].map(([key, a]) => [key, a.name, a.type, ...propositions.map((id) => a.cells.get(id) ?? null)]));
}

export async function networkCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('network', argv, {
    format: { type: 'string', default: 'graphml' },
    mode: { type: 'string', default: 'two-mode' },
    proposition: { type: 'string' },
    out: { type: 'string' },
    ...DEDUPE_OPTION,
  });
  if (values.help) {
    io.stdout(NETWORK_HELP);
    return EXIT.ok;
  }
  if (values.format !== 'graphml' && values.format !== 'gexf') throw new UsageError(`--format takes graphml or gexf, not ${JSON.stringify(values.format)}`);
  if (values.mode !== 'two-mode' && values.mode !== 'congruence') throw new UsageError(`--mode takes two-mode or congruence, not ${JSON.stringify(values.mode)}`);
  return withStore(
    values.db,
    async (store) => {
      const propositions = await knownProposition(store, values.proposition);
      const leaveOut = await articlesLeftOut(store, io, values.dedupe);
      const { positions } = await loadStances(store, { ...(values.proposition === undefined ? {} : { proposition: values.proposition }), leaveOut });
      const write = values.mode === 'two-mode' ? (values.format === 'graphml' ? twoModeGraphml : twoModeGexf) : values.format === 'graphml' ? congruenceGraphml : congruenceGexf;
      const xml = write(positions, propositions);
      if (values.out === undefined) io.stdout(xml);
      else {
        writeFileSync(values.out, xml);
        const actors = new Set(positions.map((p) => p.actorKey)).size;
        io.stderr(`wrote ${values.out}: ${values.mode} network, ${actors} actors, ${propositions.length} proposition${propositions.length === 1 ? '' : 's'} (${values.format})\n`);
      }
      return EXIT.ok;
    },
    { mustExist: true },
  );
}
