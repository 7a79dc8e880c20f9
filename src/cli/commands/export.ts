import path from 'node:path';
import { bibtexEntry, cslItem } from '../../export/citations.js';
import { fileOutput, OutputError, textOutput, type Output } from '../../export/output.js';
import { csvSink, jsonlSink, parquetSink, type Sink } from '../../export/sinks.js';
import { articlePages, exportTable, TABLES, type TableName } from '../../export/tables.js';
import type { Store } from '../../store/store.js';
import { VERSION } from '../../version.js';
import { parseCommand } from '../args.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { staleNote, withStore } from '../with-store.js';

export const EXPORT_HELP = `usage: verbatim export <table> --format <format> [--out <file>] [options]

Export a whole table for a spreadsheet, a script or a reference manager. Every
row carries its provenance: the article's id, outlet, date, URL and title, the
offsets of the words in the article's text, the rule that produced the row,
the extractor version that analysed the article, and the source file (and
row) it was read from.

Tables:
  quotes       one row per quote, with the speaker resolved to an actor
               identity and a citation line ("Name, title, quoted in Outlet,
               14 March 2024, https://...")
  actors       one row per identity (as 'verbatim actors'), with the first
               article giving it and the offsets and rule of its first mention
  statements   one row per statement (as 'verbatim statements': people's
               codings applied)
  statistics   one row per reported figure (ages with --all)
  articles     one row per article (--with-text adds the text)

Formats:
  csv          RFC 4180, CRLF line ends, one header row; cells that a
               spreadsheet would run as a formula (=, +, -, @) are prefixed
               with an apostrophe, numbers are written bare
  jsonl        one JSON object per line: numbers as numbers, nulls as null
  parquet      typed, nullable columns (STRING, INT32, DOUBLE, BOOLEAN);
               needs --out
  csl-json     articles only: a CSL-JSON array (Zotero, pandoc)
  bibtex       articles only: one @article entry per article

Options:
  --db <path>        database file (default: verbatim.db)
  --format <f>       csv, jsonl, parquet, csl-json or bibtex (default: from
                     the --out file's extension: .csv, .jsonl, .parquet, .bib)
  --out <file>       write here (default: standard output); the file is
                     written whole or not at all
  --bom              csv: start with a UTF-8 byte order mark (for Excel)
  --with-text        articles: add each article's text
  --all              statistics: ages too
  -h, --help         this help
`;

const FORMATS = ['csv', 'jsonl', 'parquet', 'csl-json', 'bibtex'] as const;
type Format = (typeof FORMATS)[number];
const CITATION_FORMATS = new Set<Format>(['csl-json', 'bibtex']);
const BY_EXTENSION: Readonly<Record<string, Format>> = { '.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.parquet': 'parquet', '.bib': 'bibtex' };

const isTable = (name: string): name is TableName => (TABLES as readonly string[]).includes(name);
const isFormat = (name: string): name is Format => (FORMATS as readonly string[]).includes(name);

export async function exportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('export', argv, {
    format: { type: 'string' },
    out: { type: 'string' },
    bom: { type: 'boolean', default: false },
    'with-text': { type: 'boolean', default: false },
    all: { type: 'boolean', default: false },
  });
  if (values.help) {
    io.stdout(EXPORT_HELP);
    return EXIT.ok;
  }
  const [name, ...extra] = positionals;
  if (name === undefined) throw new UsageError(`name a table: ${TABLES.join(', ')}\nsee: verbatim export --help`);
  if (!isTable(name)) throw new UsageError(`unknown table ${JSON.stringify(name)}: ${TABLES.join(', ')}\nsee: verbatim export --help`);
  if (extra.length > 0) throw new UsageError(`one table at a time, not ${positionals.map((p) => JSON.stringify(p)).join(' ')}`);
  if (values.json) throw new UsageError('export takes --format jsonl, not --json');
  const out = values.out;
  if (out === '') throw new UsageError('--out needs a file name');
  const inferred = out === undefined ? undefined : BY_EXTENSION[path.extname(out).toLowerCase()];
  const format = values.format ?? inferred;
  if (format === undefined) throw new UsageError(`--format is needed: ${FORMATS.join(', ')}\nsee: verbatim export --help`);
  if (!isFormat(format)) throw new UsageError(`--format takes ${FORMATS.join(', ')}, not ${JSON.stringify(format)}`);
  if (CITATION_FORMATS.has(format) && name !== 'articles') throw new UsageError(`--format ${format} exports articles: verbatim export articles --format ${format}`);
  if (format === 'parquet' && out === undefined) throw new UsageError('--format parquet needs --out <file>: Parquet is not written to standard output');
  if (values.bom && format !== 'csv') throw new UsageError('--bom goes with --format csv');
  if (values['with-text'] && (name !== 'articles' || CITATION_FORMATS.has(format))) throw new UsageError('--with-text goes with the articles table as csv, jsonl or parquet');
  if (values.all && name !== 'statistics') throw new UsageError('--all goes with the statistics table');
  return withStore(
    values.db,
    async (store) => {
      const note = await staleNote(store, values.db);
      if (note !== '') io.stderr(note);
      let output: Output;
      try {
        output = out === undefined ? textOutput(io.stdout) : fileOutput(out);
      } catch (error) {
        throw error instanceof OutputError ? new UsageError(error.message) : error;
      }
      let rows: number;
      try {
        rows = await write(store, name, format, output, { bom: values.bom, withText: values['with-text'], all: values.all });
        output.commit();
      } catch (error) {
        output.abort();
        throw error instanceof OutputError ? new UsageError(`${error.message}; nothing was written`) : error;
      }
      if (out !== undefined) io.stderr(`wrote ${rows} ${rows === 1 ? name.replace(/s$/u, '') : name} to ${out} (${format})\n`);
      return EXIT.ok;
    },
    { mustExist: true },
  );
}

/** Write the table in the format; returns the number of rows (articles for the citation formats). */
async function write(store: Store, name: TableName, format: Format, output: Output, options: { bom: boolean; withText: boolean; all: boolean }): Promise<number> {
  if (format === 'csl-json') return writeCslJson(store, output);
  if (format === 'bibtex') return writeBibtex(store, output);
  const table = await exportTable(store, name, { withText: options.withText, all: options.all });
  const sink: Sink =
    format === 'csv'
      ? csvSink(output, table.columns, { bom: options.bom })
      : format === 'jsonl'
        ? jsonlSink(output, table.columns)
        : parquetSink(output, table.columns, { createdBy: `verbatim ${VERSION}`, metadata: { 'verbatim.table': name } });
  let rows = 0;
  for await (const batch of table.batches) {
    sink.write(batch);
    rows += batch.length;
  }
  sink.finish();
  return rows;
}

async function writeCslJson(store: Store, output: Output): Promise<number> {
  let rows = 0;
  output.write('[');
  for await (const page of articlePages(store)) {
    output.write(page.map((a) => `${rows++ === 0 ? '' : ','}\n${JSON.stringify(cslItem(a))}`).join(''));
  }
  output.write(rows === 0 ? ']\n' : '\n]\n');
  return rows;
}

async function writeBibtex(store: Store, output: Output): Promise<number> {
  const taken = new Set<string>();
  let rows = 0;
  for await (const page of articlePages(store)) {
    output.write(page.map((a) => `${rows++ === 0 ? '' : '\n'}${bibtexEntry(a, taken)}`).join(''));
  }
  return rows;
}
