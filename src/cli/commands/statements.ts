import { loadStances } from '../../stances/load-stances.js';
import type { EffectiveStatement } from '../../stances/positions.js';
import type { Store } from '../../store/store.js';
import { integerOption, parseCommand } from '../args.js';
import { clip, formatTable } from '../format-table.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { listingFormat, writeListing } from '../listing.js';
import { staleNote, withStore } from '../with-store.js';

export const STATEMENTS_HELP = `usage: verbatim statements [options]

List the statements of position on the propositions: each quote sentence,
reported clause or narrator sentence that takes a side (or names a target
without taking one: neutral), with the actor, the polarity (support, oppose,
neutral), the modality (firm, conditional, tentative), the rule that decided
and the evidence words. Each has a key, <article>:<id>, for 'verbatim code'.
A polarity a person coded shows as machine->coded.

Options:
  --db <path>            database file (default: verbatim.db)
  --proposition <id>     one proposition
  --actor <text>         actor name contains this (case-insensitive)
  --polarity <p>         support, oppose or neutral (after codings)
  --article <id>         one article (an id or the start of one)
  --coded, --uncoded     only statements people have (or have not) coded
  --explain              every cue under each statement, with its rule and words
  --limit <n>            at most n rows (default 100)
  --offset <n>           skip the first n rows
  --json                 one JSON array
  --csv                  CSV with a header row: a coding sheet ('code' column
                         left empty) that 'verbatim code import' reads back
  -h, --help             this help
`;

const POLARITIES = new Set(['support', 'oppose', 'neutral']);
const WORDS_WIDTH = 70;

/** The key people type for a statement: article id and statement id. */
export const statementKey = (s: { articleId: string; id: string }): string => `${s.articleId}:${s.id}`;

/** An article id from a full id or the start of one; a usage error when none or several match. */
export async function resolveArticle(store: Store, prefix: string): Promise<string> {
  const ids = await store.findIds(prefix, 2);
  if (ids.length === 0) throw new UsageError(`no article with an id starting ${JSON.stringify(prefix)}`);
  if (ids.length > 1) throw new UsageError(`more than one article id starts ${JSON.stringify(prefix)}; give more of it`);
  return ids[0] ?? prefix;
}

const polarityCell = (s: EffectiveStatement): string => (s.coder === null || s.machine === s.polarity ? s.polarity : `${s.machine ?? 'added'}->${s.polarity}`);

export async function statementsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('statements', argv, {
    proposition: { type: 'string' },
    actor: { type: 'string' },
    polarity: { type: 'string' },
    article: { type: 'string' },
    coded: { type: 'boolean', default: false },
    uncoded: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    limit: { type: 'string' },
    offset: { type: 'string' },
    csv: { type: 'boolean', default: false },
  });
  if (values.help) {
    io.stdout(STATEMENTS_HELP);
    return EXIT.ok;
  }
  const format = listingFormat(values);
  if (values.polarity !== undefined && !POLARITIES.has(values.polarity)) throw new UsageError(`--polarity takes support, oppose or neutral, not ${JSON.stringify(values.polarity)}`);
  if (values.coded && values.uncoded) throw new UsageError('choose --coded or --uncoded, not both');
  const limit = integerOption('limit', values.limit, 100);
  const offset = integerOption('offset', values.offset, 0);
  return withStore(
    values.db,
    async (store) => {
      const article = values.article === undefined ? undefined : await resolveArticle(store, values.article);
      const { statements } = await loadStances(store, values.proposition === undefined ? {} : { proposition: values.proposition });
      const actor = values.actor?.toLowerCase();
      const rows = statements
        .filter(
          (s) =>
            (article === undefined || s.articleId === article) &&
            (actor === undefined || (s.actor?.name.toLowerCase().includes(actor) ?? false)) &&
            (values.polarity === undefined || s.polarity === values.polarity) &&
            (!values.coded || s.coder !== null) &&
            (!values.uncoded || s.coder === null),
        )
        .slice(offset, offset + limit);
      const note = await staleNote(store, values.db);
      if (note !== '') io.stderr(note);
      writeListing<EffectiveStatement>(io, format, {
        rows,
        empty: 'no statements match',
        csv: {
          header: ['statement', 'article', 'published', 'outlet', 'proposition', 'actor_key', 'actor', 'machine', 'polarity', 'coder', 'modality', 'rule', 'start', 'end', 'words', 'code', 'note'],
          record: (s) => [statementKey(s), s.articleId, s.published, s.outlet, s.proposition, s.actor?.key ?? null, s.actor?.name ?? null, s.machine, s.polarity, s.coder, s.modality, s.rule, s.start, s.end, s.text, '', ''],
        },
        table: (list) => {
          const table = formatTable(
            ['statement', 'published', 'actor', 'polarity', 'modality', 'words'],
            list.map((s) => [`${s.articleId.slice(0, 9)}:${s.id}`, s.published ?? '-', s.actor?.name ?? '-', polarityCell(s), s.modality, clip(s.text ?? '(added by a person)', WORDS_WIDTH)]),
          );
          if (!values.explain) return table;
          return `${table}\n${list.map((s) => explain(s)).join('\n')}`;
        },
      });
      if (values.explain && format !== 'table') io.stderr('note: --explain only changes the table; --json has every field\n');
      return EXIT.ok;
    },
    { mustExist: true },
  );
}

function explain(s: EffectiveStatement): string {
  const lines = [`${statementKey(s)} [${s.start}-${s.end}] ${s.proposition}: ${s.polarity} (${s.modality}) by ${s.actor?.name ?? 'an unresolved speaker'}, rule ${s.rule}`];
  if (s.text !== null) lines.push(`  words: ${s.text}`);
  for (const c of s.cues) {
    const inside = s.text !== null && c.start >= s.start && c.end <= s.end ? ` "${s.text.slice(c.start - s.start, c.end - s.start)}"` : '';
    lines.push(`  [${c.start}-${c.end}] ${c.rule}: ${c.value}${inside}`);
  }
  if (s.via.length > 0) lines.push(`  counts for: ${s.via.map((v) => v.name).join(', ')} (the person speaks for them)`);
  if (s.coder !== null) lines.push(`  coded by ${s.coder}${s.machine === null ? ' (added)' : `; the machine said ${s.machine}`}`);
  return lines.join('\n');
}
