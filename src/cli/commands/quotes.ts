import { loadQuoteUnits, withoutArticles } from '../../provenance/load-units.js';
import { sameQuotes, type DiffOp, type SameQuoteGroup } from '../../provenance/same-quote.js';
import type { QuoteFilter, QuoteRow } from '../../store/store.js';
import { integerOption, parseCommand } from '../args.js';
import { clip, formatTable } from '../format-table.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { listingFormat, writeListing } from '../listing.js';
import { staleNote, withStore } from '../with-store.js';
import { articlesLeftOut, dedupeHelp, DEDUPE_OPTION } from '../dedupe.js';

export const QUOTES_HELP = `usage: verbatim quotes [options]
       verbatim quotes same [--dedupe] [--json|--csv]

List quotes across the corpus (direct, mixed and indirect; labels and scare
quotes are never listed), oldest article first, each with its speaker
resolved to a person or organisation, its organisation, and where it is
(article id and character offsets of its words).

'quotes same' lists the same quote reproduced in other articles (quote
marks, contractions, editorial brackets and ellipses folded; words may be
dropped or added): each group by article date, the first appearance first,
with each later wording's word-level differences from it. With --dedupe, the
quotes of near-duplicate articles after their group's first appearance are
left out, so wire and syndicated copy does not count as the quote travelling.

Options:
  --db <path>        database file (default: verbatim.db)
  --speaker <name>   speaker's name or mention contains this (case-insensitive)
  --org <name>       speaker's organisation contains this
  --kind <kind>      direct, mixed or indirect
  --article <id>     one article (any unique prefix of its id)
  --limit <n>        at most n rows (default 100)
  --offset <n>       skip the first n rows
${dedupeHelp(21)} (same)
  --json             one JSON array, every field
  --csv              CSV with a header row, every field (opens in R, pandas, Excel)
  --explain          under each row, the rule that made the quote (and its
                     confidence), the rule that tied its speaker to the actor,
                     and the offsets of its words
  -h, --help         this help
`;

const KINDS = new Set(['direct', 'mixed', 'indirect']);
const QUOTE_WIDTH = 70;

export async function quotesCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('quotes', argv, {
    speaker: { type: 'string' },
    org: { type: 'string' },
    kind: { type: 'string' },
    article: { type: 'string' },
    limit: { type: 'string' },
    offset: { type: 'string' },
    csv: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    ...DEDUPE_OPTION,
  });
  if (values.help) {
    io.stdout(QUOTES_HELP);
    return EXIT.ok;
  }
  const format = listingFormat(values);
  const [action] = positionals;
  if (action !== undefined && action !== 'same') throw new UsageError(`unknown listing ${JSON.stringify(action)}: same\nsee: verbatim quotes --help`);
  if (values.dedupe && action === undefined) throw new UsageError('--dedupe goes with same: it changes what counts as a quote travelling, not the listing of quotes');
  if (action === 'same') {
    return withStore(values.db, async (store) => writeSameQuotes(io, format, sameQuotes(withoutArticles(await loadQuoteUnits(store), await articlesLeftOut(store, io, values.dedupe)))), { mustExist: true });
  }
  if (values.kind !== undefined && !KINDS.has(values.kind)) throw new UsageError(`--kind takes direct, mixed or indirect, not ${JSON.stringify(values.kind)}`);
  const filter: QuoteFilter = {
    ...(values.speaker !== undefined ? { speaker: values.speaker } : {}),
    ...(values.org !== undefined ? { org: values.org } : {}),
    ...(values.kind !== undefined ? { kind: values.kind as NonNullable<QuoteFilter['kind']> } : {}),
    limit: integerOption('limit', values.limit, 100),
    offset: integerOption('offset', values.offset, 0),
  };
  return withStore(
    values.db,
    async (store) => {
      if (values.article !== undefined) {
        const ids = await store.findIds(values.article, 2);
        const [id] = ids;
        if (id === undefined) throw new UsageError(`no article id starts with ${JSON.stringify(values.article)}`);
        if (ids.length > 1 && !ids.includes(values.article)) throw new UsageError(`${JSON.stringify(values.article)} matches several articles`);
        filter.article = ids.includes(values.article) ? values.article : id;
      }
      const rows = await store.listQuotes(filter);
      const note = await staleNote(store, values.db);
      if (note !== '') io.stderr(note);
      if (format === 'table' && values.explain) {
        io.stdout(rows.length === 0 ? 'no quotes match\n' : rows.map(explainRow).join('\n'));
        return EXIT.ok;
      }
      writeListing(io, format, {
        rows,
        empty: 'no quotes match',
        csv: {
          header: ['article_id', 'quote_id', 'published', 'outlet', 'kind', 'speaker', 'actor', 'actor_type', 'organisation', 'cue', 'content', 'start', 'end', 'rule', 'confidence', 'actor_rule', 'title'],
          record: (r) => [r.articleId, r.id, r.published, r.outlet, r.kind, r.speaker, r.actor?.name ?? null, r.actor?.type ?? null, r.organisation, r.cue, r.content, r.start, r.end, r.rule, r.confidence, r.actorRule, r.title],
        },
        table: (list) =>
          formatTable(
            ['article', 'quote', 'published', 'speaker', 'organisation', 'kind', 'words'],
            list.map((r) => [
              r.articleId.slice(0, 9),
              r.id,
              r.published ?? '-',
              r.actor?.name ?? (r.speaker === null ? '-' : `(${r.speaker})`),
              r.organisation ?? '-',
              r.kind,
              clip(r.content.replace(/\s+/gu, ' '), QUOTE_WIDTH),
            ]),
          ),
      });
      return EXIT.ok;
    },
    { mustExist: true },
  );
}

/** One quote with every decision beside its rule. */
function explainRow(r: QuoteRow): string {
  const who = r.actor === null ? 'no actor' : `${r.actor.name} (${r.actor.type}${r.organisation === null ? '' : `, ${r.organisation}`})`;
  return [
    `${r.articleId} ${r.id} ${r.kind}: ${JSON.stringify(clip(r.content.replace(/\s+/gu, ' '), QUOTE_WIDTH))}`,
    `  words    ${r.start}-${r.end}   quote rule ${r.rule} (confidence ${r.confidence})`,
    `  cue      ${r.cue === null ? '-' : JSON.stringify(r.cue)}`,
    `  speaker  ${r.speaker === null ? '-' : JSON.stringify(r.speaker)} -> ${who}${r.actorRule === null ? '' : `   actor rule ${r.actorRule}`}`,
    '',
  ].join('\n');
}

function diffText(ops: readonly DiffOp[]): string {
  return ops
    .filter((d) => d.op !== 'same')
    .map((d) => (d.op === 'changed' ? `"${d.first}" -> "${d.this}"` : d.op === 'added' ? `+"${d.text}"` : `-"${d.text}"`))
    .join('; ');
}

function writeSameQuotes(io: CliIo, format: ReturnType<typeof listingFormat>, groups: SameQuoteGroup[]): number {
  if (format === 'json') {
    io.stdout(`${JSON.stringify(groups, null, 2)}\n`);
    return EXIT.ok;
  }
  const rows = groups.flatMap((g, i) => g.members.map((m, k) => ({ group: i + 1, first: k === 0, m })));
  writeListing(io, format, {
    rows,
    empty: 'no quote appears in more than one article',
    csv: {
      header: ['group', 'first', 'article_id', 'quote_id', 'published', 'outlet', 'speaker', 'start', 'end', 'words', 'similarity', 'differences'],
      record: (r) => [r.group, r.first ? 'yes' : 'no', r.m.articleId, r.m.quoteId, r.m.published, r.m.outlet, r.m.speaker, r.m.start, r.m.end, r.m.text, r.m.similarity.toFixed(3), diffText(r.m.differences)],
    },
    table: (list) =>
      formatTable(
        ['group', 'quote', 'published', 'speaker', 'words', 'differences from the first'],
        list.map((r) => [r.first ? String(r.group) : '', `${r.m.articleId.slice(0, 9)}:${r.m.quoteId}`, r.m.published ?? '-', r.m.speaker ?? '-', clip(r.m.text, 50), r.first ? '(first appearance)' : clip(diffText(r.m.differences) || 'none', 60)]),
      ),
  });
  return EXIT.ok;
}
