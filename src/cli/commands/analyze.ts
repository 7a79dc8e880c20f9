import { GazetteerError, loadGazetteer } from '../../actors/gazetteer.js';
import { analyzeCorpus, type AnalyzeSummary, type NearDuplicateSummary } from '../../analyze/analyze-corpus.js';
import { loadPropositions, PropositionsError } from '../../stances/propositions.js';
import { DEFAULT_MAX_BYTES, type ColumnOverrides } from '../../ingest/types.js';
import type { CorpusTotals, LogEntry } from '../../store/store.js';
import { integerOption, parseCommand } from '../args.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { progressReporter } from '../progress.js';
import { withStore } from '../with-store.js';

export const ANALYZE_HELP = `usage: verbatim analyze <folder|file>... [options]

Read news articles, split them into paragraphs, sentences and tokens, mark
site furniture, and store everything in an SQLite database.

Inputs: folders (read recursively) and files: .txt (first line is the headline
when a blank line follows it), .html/.htm, .jsonl (one JSON object per line),
.csv (header row). Other files in folders are skipped.

Options:
  --db <path>             database file (default: verbatim.db)
  --max-bytes <n>         largest article accepted: a whole .txt/.html file, or
                          one JSONL/CSV row (default: ${DEFAULT_MAX_BYTES}, 10 MB)
  --text-column <name>    JSONL/CSV field holding the article text
  --title-column <name>   ... the headline
  --date-column <name>    ... the publication date
  --url-column <name>     ... the URL
  --outlet-column <name>  ... the outlet (media) name
  --byline-column <name>  ... the byline
  --gazetteer <file>      a gazetteer pack of your own (JSON, the shape of
                          data/gazetteers/uk-police.json): organisations with
                          canonical names, aliases and areas; may be repeated.
                          Changing a pack re-analyses the stored articles.
  --propositions <file>   the positions to track (YAML or JSON; see
                          examples/propositions.yaml): each quote or narrator
                          sentence taking a side on one becomes a statement.
                          Stored with the database: later runs without the
                          option keep using them; a changed file re-analyses.
  --no-near-duplicates    leave grouping near-duplicate articles (wire and
                          syndicated copy) to 'verbatim articles same'; by
                          default the new articles are grouped with the rest
                          after any run that stores some, for the counts that
                          count each group once (--dedupe)
  --json                  print the run summary as JSON
  -h, --help              this help

Exit status: 0 when every input went in, 2 when some input was rejected
(each one named in the summary and in 'verbatim log'), 1 on a usage error.
`;

const COLUMN_FLAGS = ['text', 'title', 'date', 'url', 'outlet', 'byline'] as const;

export async function analyzeCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('analyze', argv, {
    'max-bytes': { type: 'string' },
    'text-column': { type: 'string' },
    'title-column': { type: 'string' },
    'date-column': { type: 'string' },
    'url-column': { type: 'string' },
    'outlet-column': { type: 'string' },
    'byline-column': { type: 'string' },
    gazetteer: { type: 'string', multiple: true },
    propositions: { type: 'string' },
    'no-near-duplicates': { type: 'boolean', default: false },
  });
  if (values.help) {
    io.stdout(ANALYZE_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('name at least one folder or file to analyse\nsee: verbatim analyze --help');
  const maxBytes = integerOption('max-bytes', values['max-bytes'], DEFAULT_MAX_BYTES);
  if (maxBytes === 0) throw new UsageError('--max-bytes must be above 0');
  const columns: ColumnOverrides = {};
  for (const name of COLUMN_FLAGS) {
    const value = values[`${name}-column`];
    if (value !== undefined) columns[name] = value;
  }

  const gazetteers = values.gazetteer ?? [];
  // Check the packs before opening the store: a broken pack is a usage error, and nothing is written.
  try {
    loadGazetteer(gazetteers);
  } catch (error) {
    if (error instanceof GazetteerError) throw new UsageError(error.message);
    throw error;
  }
  const propositions = values.propositions;
  if (propositions !== undefined) {
    try {
      loadPropositions(propositions);
    } catch (error) {
      if (error instanceof PropositionsError) throw new UsageError(error.message);
      throw error;
    }
  }

  return withStore(values.db, async (store) => {
    const progress = progressReporter(io);
    const summary = await analyzeCorpus(positionals, store, {
      maxBytes,
      columns,
      gazetteers,
      ...(propositions === undefined ? {} : { propositions }),
      onProgress: progress.update,
      command: ['analyze', ...argv].join(' '),
      nearDuplicates: !values['no-near-duplicates'],
    });
    progress.done();
    const totals = await store.totals();
    if (values.json) io.stdout(`${JSON.stringify({ ...summary, corpus: totals, db: values.db }, null, 2)}\n`);
    else io.stdout(formatSummary(summary, totals, values.db));
    return summary.counts.rejected > 0 ? EXIT.someRejected : EXIT.ok;
  });
}

function nearDuplicateLine(state: NearDuplicateSummary, db: string): string {
  if (!state.grouped) return `  near-dups  not grouped (verbatim articles same --db ${db})`;
  const found = `${state.groups} group${state.groups === 1 ? '' : 's'} of near-duplicate articles, ${state.copies} after their first appearance`;
  if (state.stale) return `  near-dups  ${found} (out of date: verbatim articles same --db ${db})`;
  return `  near-dups  ${found}${state.regrouped ? ` (grouped in ${(state.seconds ?? 0).toFixed(2)} s)` : ''}`;
}

function formatSummary(summary: AnalyzeSummary, totals: CorpusTotals, db: string): string {
  const { counts } = summary;
  const seconds = summary.elapsedMs / 1000;
  const lines = [
    `read ${summary.items} item${summary.items === 1 ? '' : 's'} in ${seconds.toFixed(2)} s`,
    `  stored     ${pad(counts.stored)} new articles`,
    `  updated    ${pad(counts.updated)} re-analysed with the current extractors`,
    `  unchanged  ${pad(counts.unchanged)} already stored`,
    `  duplicate  ${pad(counts.duplicate)} same text as an article already stored`,
    `  rejected   ${pad(counts.rejected)}`,
    `  skipped    ${pad(counts.skipped)} not an article format`,
    `  analysed   ${summary.paragraphs} paragraphs, ${summary.sentences} sentences, ${summary.quotes} quotes (${summary.attributed} with the speaker resolved), ${summary.actors} people and organisations${summary.statements > 0 ? `, ${summary.statements} statements of position` : ''}, ${summary.statistics} figures (${summary.inconsistent} with arithmetic that does not hold)`,
    nearDuplicateLine(summary.nearDuplicates, db),
  ];
  if (summary.duplicates.length > 0) lines.push('', 'duplicates:', ...listed(summary.duplicates, counts.duplicate));
  if (summary.problems.length > 0) lines.push('', 'rejected:', ...listed(summary.problems, counts.rejected));
  if (counts.rejected > 0 || counts.duplicate > 0) lines.push(`(every item: verbatim log --run ${summary.runId} --db ${db})`);
  lines.push(
    '',
    `corpus ${db}: ${totals.articles} articles, ${totals.paragraphs} paragraphs, ${totals.sentences} sentences, ${totals.outlets} outlets`,
    '',
    'next:',
    `  npx verbatim quotes --db ${db}        who said what, with the words' offsets`,
    `  npx verbatim speakers --db ${db}      the people and organisations quoted`,
    `  npx verbatim show <id> --db ${db}     one article with its quotes marked`,
  );
  if (summary.statements > 0) lines.push(`  npx verbatim stances --db ${db}       where each actor stands on the propositions`);
  lines.push(`  npx verbatim stats --db ${db}         reported figures, inconsistent ones first`);
  return `${lines.join('\n')}\n`;
}

function listed(entries: LogEntry[], total: number): string[] {
  const lines = entries.map((entry) => `  ${entry.reason ?? entry.item}${entry.rule ? `  [${entry.rule}]` : ''}`);
  if (total > entries.length) lines.push(`  ... and ${total - entries.length} more`);
  return lines;
}

function pad(n: number): string {
  return String(n).padStart(5);
}
