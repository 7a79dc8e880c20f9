import { KWIC_COLUMNS } from '../../search/columns.js';
import { DEFAULT_WIDTH, KWIC_SORTS, kwic, MAX_WIDTH, type KwicOptions, type KwicRow, type KwicSort } from '../../search/kwic.js';
import { dateOption, integerOption, parseCommand } from '../args.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { listingFormat, writeListing } from '../listing.js';
import { withStore } from '../with-store.js';

export const KWIC_HELP = `usage: verbatim kwic <pattern> [options]

A concordance (keyword in context): every occurrence of the pattern in the
stored articles, one line each, the words before it, the keyword, the words
after it, with the article's id and date. The pattern is words matched as one
phrase, the last one a prefix when it ends with * ("paedophile hunter*");
case, diacritics and the style of apostrophes do not matter.

Options:
  --db <path>        database file (default: verbatim.db)
  --width <n>        characters of context either side, cut at spaces (default ${DEFAULT_WIDTH})
  --sentence         the context is the occurrence's sentence instead
  --sort <order>     article (date, then text order; the default), left (by the
                     words before the keyword, nearest first) or right (by the
                     words after it)
  --outlet <name>    only this outlet (case-insensitive)
  --from <date>      published on or after (YYYY, YYYY-MM or YYYY-MM-DD)
  --to <date>        published on or before
  --limit <n>        at most n lines (default 100)
  --offset <n>       skip the first n
  --json             one JSON array: contexts, keyword, its offsets in the article
  --csv              CSV with a header row (the contexts exactly as in the text)
  -h, --help         this help
`;

const oneLine = (text: string): string => text.replace(/\s+/gu, ' ');

/** The last `width` characters, cut at a space where one is near (the cut marked with …). */
function tail(text: string, width: number): string {
  if (text.length <= width) return text;
  const cut = text.slice(text.length - width + 1);
  const space = cut.indexOf(' ');
  return `…${space > 0 && space < cut.length / 3 ? cut.slice(space + 1) : cut}`;
}

/** The first `width` characters, cut at a space where one is near. */
function head(text: string, width: number): string {
  if (text.length <= width) return text;
  const cut = text.slice(0, width - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > (cut.length * 2) / 3 ? cut.slice(0, space) : cut}…`;
}

function lines(rows: readonly KwicRow[], width: number): string {
  const lefts = rows.map((r) => tail(oneLine(r.left).trim(), width));
  const keywords = rows.map((r) => oneLine(r.keyword));
  const leftWidth = Math.max(...lefts.map((l) => l.length));
  const keywordWidth = Math.max(...keywords.map((k) => k.length));
  return rows
    .map((r, i) => {
      const meta = `${r.articleId.slice(0, 9)}  ${(r.published ?? 'undated').padEnd(10)}`;
      const right = head(oneLine(r.right).trim(), width);
      // A keyword followed directly by punctuation ("hunters," or "hunters'") keeps it next to it.
      const gap = /^\s/u.test(r.right) ? ' ' : '';
      return `${meta}  ${(lefts[i] ?? '').padStart(leftWidth)}  ${(keywords[i] ?? '').padEnd(keywordWidth)}${gap === '' && right !== '' ? '' : ' '}${right}`.trimEnd();
    })
    .join('\n');
}

export async function kwicCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('kwic', argv, {
    width: { type: 'string' },
    sentence: { type: 'boolean', default: false },
    sort: { type: 'string' },
    outlet: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string' },
    offset: { type: 'string' },
    csv: { type: 'boolean', default: false },
  });
  if (values.help) {
    io.stdout(KWIC_HELP);
    return EXIT.ok;
  }
  const format = listingFormat(values);
  if (positionals.length === 0) throw new UsageError("give a pattern, as in: verbatim kwic 'paedophile hunter*'\nsee: verbatim kwic --help");
  if (values.sort !== undefined && !(KWIC_SORTS as readonly string[]).includes(values.sort)) throw new UsageError(`--sort takes ${KWIC_SORTS.join(', ')}, not ${JSON.stringify(values.sort)}`);
  const width = integerOption('width', values.width, DEFAULT_WIDTH);
  if (width < 1 || width > MAX_WIDTH) throw new UsageError(`--width takes a whole number from 1 to ${MAX_WIDTH}, not ${width}`);
  const from = dateOption('from', values.from);
  const to = dateOption('to', values.to);
  const options: KwicOptions = {
    pattern: positionals.join(' '),
    width,
    sentence: values.sentence,
    sort: (values.sort ?? 'article') as KwicSort,
    ...(values.outlet === undefined ? {} : { outlet: values.outlet }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    limit: integerOption('limit', values.limit, 100),
    offset: integerOption('offset', values.offset, 0),
  };
  return withStore(
    values.db,
    async (store) => {
      const { rows, total, articles } = await kwic(store, options);
      const offset = options.offset ?? 0;
      writeListing(io, format, {
        rows,
        empty: 'no occurrences',
        csv: KWIC_COLUMNS,
        table: (list) =>
          `${lines(list, width)}\n\n${total === 1 ? '1 occurrence' : `${total} occurrences`} in ${articles === 1 ? '1 article' : `${articles} articles`}; showing ${offset + 1}-${offset + list.length}${offset + list.length < total ? ` (--offset ${offset + list.length} for more)` : ''}\n`,
      });
      return EXIT.ok;
    },
    { mustExist: true },
  );
}
