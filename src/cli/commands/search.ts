import { SEARCH_COLUMNS, markedSnippet } from '../../search/columns.js';
import { search, type SearchOptions } from '../../search/search.js';
import { dateOption, integerOption, parseCommand } from '../args.js';
import { clip } from '../format-table.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { listingFormat, writeListing } from '../listing.js';
import { withStore } from '../with-store.js';

export const SEARCH_HELP = `usage: verbatim search <query> [options]

Full-text search over the stored articles, best match first (bm25; words of
the title count double), each with a snippet around its best match, the
matched words between « and ».

The query (SQLite FTS5 syntax; put it in single quotes in the shell):
  police hunters                 both words, anywhere in the article
  "paedophile hunters"           the phrase
  hunt*                          any word starting with hunt
  police OR council              either (AND, OR, NOT in capitals)
  hunters NOT council            the first without the second
  (police OR council) AND "hunter groups"
  NEAR(police hunters, 5)        within 5 words of each other
Case, diacritics and punctuation inside words do not matter ("co-operate"
is the phrase "co operate"). A query that cannot be read is an error saying
what is wrong and where.

Options:
  --db <path>        database file (default: verbatim.db)
  --outlet <name>    only this outlet (case-insensitive)
  --from <date>      published on or after (YYYY, YYYY-MM or YYYY-MM-DD)
  --to <date>        published on or before
  --actor <name>     only articles mentioning an actor whose name contains this
  --limit <n>        at most n articles (default 20)
  --offset <n>       skip the first n
  --json             one JSON array: each article with its score, snippet, the
                     offsets of the marks in the snippet and of every match in
                     the article text
  --csv              CSV with a header row (the snippet marked with « »)
  -h, --help         this help
`;

const TITLE_WIDTH = 70;

/** Two decimals, or two significant digits for the small scores of a small corpus. */
export const formatScore = (score: number): string => (Math.abs(score) >= 1 ? score.toFixed(2) : score.toPrecision(2));

export async function searchCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('search', argv, {
    outlet: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    actor: { type: 'string' },
    limit: { type: 'string' },
    offset: { type: 'string' },
    csv: { type: 'boolean', default: false },
  });
  if (values.help) {
    io.stdout(SEARCH_HELP);
    return EXIT.ok;
  }
  const format = listingFormat(values);
  if (positionals.length === 0) throw new UsageError("give a query, as in: verbatim search '\"hunter groups\" NOT council'\nsee: verbatim search --help");
  const from = dateOption('from', values.from);
  const to = dateOption('to', values.to);
  const options: SearchOptions = {
    query: positionals.join(' '),
    ...(values.outlet === undefined ? {} : { outlet: values.outlet }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(values.actor === undefined ? {} : { actor: values.actor }),
    limit: integerOption('limit', values.limit, 20),
    offset: integerOption('offset', values.offset, 0),
  };
  return withStore(
    values.db,
    async (store) => {
      const { rows, total } = await search(store, options);
      const offset = options.offset ?? 0;
      writeListing(io, format, {
        rows,
        empty: 'no articles match',
        csv: SEARCH_COLUMNS,
        table: (list) =>
          `${list
            .map((r, i) => {
              const head = `${String(offset + i + 1).padStart(3)}. ${r.id}  ${r.published ?? 'undated'}  ${r.outlet ?? '-'}  score ${formatScore(r.score)}  ${clip(r.title ?? '(no title)', TITLE_WIDTH)}`;
              return `${head}\n     ${markedSnippet(r).replace(/\s+/gu, ' ').trim()}\n`;
            })
            .join('\n')}\n${total === 1 ? '1 article matches' : `${total} articles match`}; showing ${offset + 1}-${offset + list.length}${offset + list.length < total ? ` (--offset ${offset + list.length} for more)` : ''}\n`,
      });
      return EXIT.ok;
    },
    { mustExist: true },
  );
}
