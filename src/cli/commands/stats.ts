import type { StatisticKind } from '../../model/document.js';
import { sameFigures, series, type SameFigure, type Series } from '../../statistics/across.js';
import type { StatisticFilter, StatisticRow } from '../../store/store.js';
import { integerOption, parseCommand } from '../args.js';
import { clip, formatTable } from '../format-table.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { listingFormat, writeListing } from '../listing.js';
import { staleNote, withStore } from '../with-store.js';
import { articlesLeftOut, dedupeHelp, DEDUPE_OPTION } from '../dedupe.js';
import { withoutArticles } from '../../provenance/load-units.js';
import { resolveArticle } from './statements.js';

export const STATS_HELP = `usage: verbatim stats [options]
       verbatim stats same [options]
       verbatim stats series [options]

List the figures the articles report: each with its kind (count, share,
change, amount, rate, rank; ages with --all or --kind age), what it counts,
the period, the source (the speaker when it sits in a quote, "according to
X", "figures obtained by X show"), and whether its own arithmetic holds: a
percentage against its parts, a part against its whole, a change against its
values. Inconsistent figures come first: that is the finding.

  same      the same figure in several articles (same numbers, compatible
            subject and period), first appearance first, with each article's
            wording
  series    the same measure over periods (years), to chart

Options:
  --db <path>          database file (default: verbatim.db)
  --kind <kind>        count, share, change, amount, rate, rank or age
  --inconsistent       only figures whose arithmetic does not hold
  --source <text>      source's name contains this (case-insensitive)
  --article <id>       one article (an id or the start of one)
  --all                ages too
  --explain            the computation under each figure
  --limit <n>          at most n rows (default 100)
${dedupeHelp(23)} (same and series)
  --json               one JSON array
  --csv                CSV with a header row (series: one row per point)
  -h, --help           this help
`;

const KINDS = new Set(['count', 'share', 'change', 'amount', 'rate', 'rank', 'age']);
const CELL = 34;

function figureText(r: StatisticRow): string {
  if (r.numerator !== null && r.denominator !== null) return `${r.value === null ? '' : `${r.qualifier === null ? '' : `${r.qualifier} `}${r.value}${r.unit === 'percent' ? '%' : ''} `}${r.numerator}/${r.denominator}`;
  if (r.from !== null && r.to !== null) return `${r.from} -> ${r.to}${r.value === null ? '' : ` (${r.value}${r.unit === 'percent' ? '%' : ''})`}`;
  return `${r.qualifier === null ? '' : `${r.qualifier} `}${r.value ?? '-'}${r.unit === 'percent' ? '%' : r.unit === null ? '' : ` ${r.unit}`}`;
}

export async function statsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('stats', argv, {
    kind: { type: 'string' },
    inconsistent: { type: 'boolean', default: false },
    source: { type: 'string' },
    article: { type: 'string' },
    all: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    limit: { type: 'string' },
    csv: { type: 'boolean', default: false },
    ...DEDUPE_OPTION,
  });
  if (values.help) {
    io.stdout(STATS_HELP);
    return EXIT.ok;
  }
  const format = listingFormat(values);
  const [action] = positionals;
  if (action !== undefined && action !== 'same' && action !== 'series') throw new UsageError(`unknown listing ${JSON.stringify(action)}: same or series\nsee: verbatim stats --help`);
  if (values.kind !== undefined && !KINDS.has(values.kind)) throw new UsageError(`--kind takes count, share, change, amount, rate, rank or age, not ${JSON.stringify(values.kind)}`);
  if (values.dedupe && action === undefined) throw new UsageError('--dedupe goes with same or series: it changes counts, not the listing of figures');
  const limit = integerOption('limit', values.limit, 100);
  return withStore(
    values.db,
    async (store) => {
      const filter: StatisticFilter = {
        ...(values.kind === undefined ? {} : { kind: values.kind as StatisticKind }),
        ...(values.inconsistent ? { verdict: 'inconsistent' as const } : {}),
        ...(values.source === undefined ? {} : { source: values.source }),
        ...(values.article === undefined ? {} : { article: await resolveArticle(store, values.article) }),
        all: values.all,
      };
      const note = await staleNote(store, values.db);
      if (note !== '') io.stderr(note);
      const leaveOut = await articlesLeftOut(store, io, values.dedupe);
      if (action === 'same') {
        writeSame(io, format, sameFigures(withoutArticles(await store.listStatistics({ ...filter, verdict: undefined }), leaveOut)).slice(0, limit));
        return EXIT.ok;
      }
      if (action === 'series') {
        writeSeries(io, format, series(withoutArticles(await store.listStatistics(filter), leaveOut)).slice(0, limit));
        return EXIT.ok;
      }
      const rows = await store.listStatistics({ ...filter, limit });
      writeListing<StatisticRow>(io, format, {
        rows,
        empty: values.inconsistent ? 'no figure with arithmetic that does not hold' : 'no figures match',
        csv: {
          header: ['article', 'id', 'published', 'outlet', 'kind', 'verdict', 'text', 'value', 'unit', 'qualifier', 'numerator', 'denominator', 'from', 'to', 'what', 'period', 'place', 'source', 'part_of', 'computation', 'rule', 'start', 'end'],
          record: (r) => [r.articleId, r.id, r.published, r.outlet, r.kind, r.verdict, r.text, r.value, r.unit, r.qualifier, r.numerator, r.denominator, r.from, r.to, r.what, r.period, r.place, r.source, r.partOf, r.computation, r.rule, r.start, r.end],
        },
        table: (list) => {
          const table = formatTable(
            ['figure', 'kind', 'verdict', 'words', 'what', 'period', 'source'],
            list.map((r) => [`${r.articleId.slice(0, 9)}:${r.id}`, r.kind, r.verdict, clip(r.text, CELL), clip(r.what ?? '-', CELL), r.period ?? '-', clip(r.source ?? '-', 24)]),
          );
          if (!values.explain) return table;
          return `${table}\n${list.map((r) => `${r.articleId.slice(0, 9)}:${r.id} [${r.start}-${r.end}] ${r.kind} ${figureText(r)}, ${r.rule}\n  ${r.verdict}: ${r.computation}`).join('\n')}\n`;
        },
      });
      return EXIT.ok;
    },
    { mustExist: true },
  );
}

function writeSame(io: CliIo, format: ReturnType<typeof listingFormat>, groups: SameFigure[]): void {
  if (format === 'json') {
    io.stdout(`${JSON.stringify(groups, null, 2)}\n`);
    return;
  }
  const rows = groups.flatMap((g, i) => g.members.map((m, k) => ({ group: i + 1, first: k === 0, m, key: g.key })));
  writeListing(io, format, {
    rows,
    empty: 'no figure appears in more than one article',
    csv: {
      header: ['group', 'key', 'first', 'article', 'id', 'published', 'outlet', 'text', 'what', 'period', 'source'],
      record: (r) => [r.group, r.key, r.first ? 'yes' : 'no', r.m.articleId, r.m.id, r.m.published, r.m.outlet, r.m.text, r.m.what, r.m.period, r.m.source],
    },
    table: (list) =>
      formatTable(
        ['group', 'figure', 'published', 'words', 'what', 'source'],
        list.map((r) => [r.first ? `${r.group} ${r.key}` : '', `${r.m.articleId.slice(0, 9)}:${r.m.id}`, r.m.published ?? '-', clip(r.m.text, CELL), clip(r.m.what ?? '-', CELL), clip(r.m.source ?? '-', 24)]),
      ),
  });
}

function writeSeries(io: CliIo, format: ReturnType<typeof listingFormat>, list: Series[]): void {
  if (format === 'json') {
    io.stdout(`${JSON.stringify(list, null, 2)}\n`);
    return;
  }
  const rows = list.flatMap((s, i) => s.points.map((p) => ({ series: i + 1, measure: s.measure, kind: s.kind, p })));
  writeListing(io, format, {
    rows,
    empty: 'no measure is reported for two or more years',
    csv: {
      header: ['series', 'measure', 'kind', 'year', 'period', 'value', 'unit', 'article', 'id', 'text'],
      record: (r) => [r.series, r.measure, r.kind, r.p.year, r.p.period, r.p.value, r.p.unit, r.p.row.articleId, r.p.row.id, r.p.row.text],
    },
    table: (all) =>
      formatTable(
        ['series', 'measure', 'year', 'value', 'figure'],
        all.map((r) => [String(r.series), clip(r.measure, CELL), String(r.p.year), `${r.p.value}${r.p.unit === 'percent' ? ' %' : ''}`, `${r.p.row.articleId.slice(0, 9)}:${r.p.row.id} ${clip(r.p.row.text, CELL)}`]),
      ),
  });
}
