import { existsSync } from 'node:fs';
import { evaluateQuotes, type EvalReport, type GoldSource } from '../../eval/eval-quotes.js';
import type { Accuracy, FigureSet, Prf } from '../../eval/score-quotes.js';
import { LENIENT_COVERAGE, STRICT_COVERAGE } from '../../eval/score-quotes.js';
import { integerOption, parseCommand } from '../args.js';
import { clip, formatTable } from '../format-table.js';
import { EXIT, UsageError, type CliIo } from '../io.js';

export const EVAL_HELP = `usage: verbatim eval quotes --gold brat <dir> [options]
       verbatim eval quotes --gold seeds <gold.json> [options]

Score verbatim's quote extraction against a gold corpus, as
shared/docs/SCORING.md defines it. Each article is run through the pipeline
(read as .txt, analysed); its quotes (not 'term' ones) are aligned one-to-one
with the gold attributions, maximising content token-F1, and scored:

  detection exact / strict / lenient   normalised spans identical / gold
                                       coverage > ${STRICT_COVERAGE} / > ${LENIENT_COVERAGE}
  token                                shared tokens (letters and digits), no threshold
  attributed (the headline)            a lenient match with a correct speaker
  speaker, cue                         accuracy on matched quotes

then breakdowns by gold kind (direct / mixed / indirect, read from the quote
marks in the text), by publisher, for bare-pronoun sources and for cues of
saying (data/speech-cues-eval.json) against the rest. With --gold brat, on
articles with several annotators' files, each other annotator is scored
against the first: the human ceiling.

Gold formats:
  brat <dir>          PolNeAR layout: <dir>/text/<article>.txt and
                      <dir>/attributions/<article>_<annotator>.ann; the first
                      annotator in name order is the gold; publishers from
                      metadata.tsv (in <dir> or its parent) or the article name
  seeds <gold.json>   the seeds answer key: core and extended quotes reported
                      separately; a speaker is also right when its mention
                      names the gold speaker (surname or an accepted form);
                      a 'not_quotes' string that comes out as a quote is an error

Options:
  --gold <format> <path>   the gold corpus (required)
  --limit <n>              score only the first n articles (quick runs)
  --errors <n>             print n missed gold quotes and n false positives, with
                           their text (to study errors; printed, never saved)
  --json                   the whole report as JSON
  -h, --help               this help

Exit status: 0 when scored (whatever the figures), 1 on a usage error or a
gold corpus that cannot be read.
`;

const PERCENT_DIGITS = 1; // one decimal: differences below 0.1 point are noise on corpora of this size
const EXAMPLE_CHARS = 240; // enough of a quote to recognise it in a terminal
const PROBLEMS_SHOWN = 5;

export async function evalCommand(argv: string[], io: CliIo): Promise<number> {
  const [what, ...rest] = argv;
  if (what === undefined || what === '--help' || what === '-h') {
    io.stdout(EVAL_HELP);
    return what === undefined ? EXIT.error : EXIT.ok;
  }
  if (what !== 'quotes') throw new UsageError(`unknown evaluation ${JSON.stringify(what)}: only 'quotes' exists\nsee: verbatim eval --help`);
  const { values, positionals } = parseCommand('eval', rest, {
    gold: { type: 'string' },
    limit: { type: 'string' },
    errors: { type: 'string' },
  });
  if (values.help) {
    io.stdout(EVAL_HELP);
    return EXIT.ok;
  }
  const gold = goldSource(values.gold, positionals);
  const report = (() => {
    try {
      return evaluateQuotes({ gold, limit: integerOption('limit', values.limit, 0), errors: integerOption('errors', values.errors, 0) });
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError((error as Error).message);
    }
  })();
  io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return EXIT.ok;
}

function goldSource(format: string | undefined, positionals: string[]): GoldSource {
  const [where, ...extra] = positionals;
  if (format === undefined || where === undefined || extra.length > 0) {
    throw new UsageError('give the gold corpus as --gold brat <dir> or --gold seeds <gold.json>\nsee: verbatim eval --help');
  }
  if (!existsSync(where)) {
    throw new UsageError(`${where} does not exist (the research corpora live in ../shared/corpora: is that folder present?)`);
  }
  if (format === 'brat') return { format, dir: where };
  if (format === 'seeds') return { format, file: where };
  throw new UsageError(`--gold takes brat or seeds, not ${JSON.stringify(format)}`);
}

function pct(value: number | null): string {
  return value === null ? '–' : (100 * value).toFixed(PERCENT_DIGITS);
}

function prfRow(name: string, figure: Prf): string[] {
  return [name, pct(figure.precision), pct(figure.recall), pct(figure.f1), String(figure.gold)];
}

function accuracyText(figure: Accuracy): string {
  return `${pct(figure.accuracy)} % of ${figure.n}`;
}

function mainTable(figures: FigureSet): string {
  const rows = [
    prfRow('detection exact', figures.exact),
    prfRow(`detection strict (coverage > ${STRICT_COVERAGE})`, figures.strict),
    prfRow(`detection lenient (coverage > ${LENIENT_COVERAGE})`, figures.lenient),
    prfRow('token overlap (n = gold tokens)', figures.token),
    prfRow('attributed quote (headline)', figures.attributed),
  ];
  return [
    formatTable(['figure', 'P', 'R', 'F1', 'n'], rows).trimEnd(),
    `on ${figures.matched} matched quotes: speaker ${accuracyText(figures.speaker.overlap)} (overlap), ${accuracyText(figures.speaker.strict)} (same span)`,
    `  cue ${accuracyText(figures.cue.exact)} (same words), ${accuracyText(figures.cue.overlap)} (overlap)`,
    ...(figures.actor.n > 0 ? [`  speaker resolved to the gold person or organisation: ${accuracyText(figures.actor)}`] : []),
  ].join('\n');
}

function breakdownTable(title: string, rows: [string, FigureSet][]): string {
  const header = [title, 'n', 'P lenient', 'R lenient', 'R strict', 'R exact', 'R attributed', 'speaker'];
  return formatTable(
    header,
    rows.map(([name, f]) => [name, String(f.gold), pct(f.lenient.precision), pct(f.lenient.recall), pct(f.strict.recall), pct(f.exact.recall), pct(f.attributed.recall), pct(f.speaker.overlap.accuracy)]),
  ).trimEnd();
}

export function formatReport(report: EvalReport): string {
  const { scores } = report;
  const out: string[] = [
    `gold: ${report.gold.format} ${report.gold.path}: ${report.gold.articles} articles, ${report.gold.attributions} attributions`,
    `system: verbatim pipeline, ${report.system.quotes} quotes${report.system.termsLeftOut > 0 ? ` (${report.system.termsLeftOut} 'term' quotes left out)` : ''}`,
    '',
    mainTable(scores),
    '',
    breakdownTable('by gold kind', Object.entries(scores.breakdowns.kind)),
    '',
    breakdownTable('by cue', [
      ['cues of saying', scores.breakdowns.speechCue],
      ['other cues (belief, ...)', scores.breakdowns.otherCue],
      ['full gold', scores],
    ]),
    '',
    breakdownTable('by source', [['bare pronoun', scores.breakdowns.pronounSource]]),
    '',
    breakdownTable('by publisher', Object.entries(scores.breakdowns.publisher)),
  ];
  if (scores.breakdowns.level) {
    out.push('', breakdownTable('by level', Object.entries(scores.breakdowns.level).filter((e): e is [string, FigureSet] => e[1] !== undefined)));
  }
  if (report.seeds) {
    const { quotes, located, notQuotes } = report.seeds;
    out.push('', `seeds: ${located} of ${quotes} gold quotes located; not_quotes output as quotes: ${notQuotes.errors.length} (of ${notQuotes.checked} quote-marked occurrences)`);
    for (const error of notQuotes.errors) out.push(`  ${error.article}: ${JSON.stringify(error.text)} inside system quote ${error.systemId}: ${JSON.stringify(clip(error.systemText, EXAMPLE_CHARS))}`);
  }
  if (report.humanCeiling) {
    const ceiling = report.humanCeiling;
    out.push('', `human ceiling: ${ceiling.comparisons.length} other annotator file(s) on ${ceiling.articles} multi-annotator article(s), scored against the first annotator`);
    if (ceiling.scores) out.push(mainTable(ceiling.scores));
  }
  if (report.problems.length > 0) {
    const byRule = new Map<string, number>();
    for (const problem of report.problems) byRule.set(problem.rule, (byRule.get(problem.rule) ?? 0) + 1);
    out.push('', `problems reading the gold: ${[...byRule].map(([rule, n]) => `${n} ${rule}`).join(', ')}`);
    for (const problem of report.problems.slice(0, PROBLEMS_SHOWN)) out.push(`  ${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.reason}`);
    if (report.problems.length > PROBLEMS_SHOWN) out.push(`  ... and ${report.problems.length - PROBLEMS_SHOWN} more (all of them: --json)`);
  }
  if (report.examples) {
    out.push('', `missed gold quotes (${report.examples.missed.length} shown):`);
    for (const e of report.examples.missed) {
      out.push(`  ${e.article} ${e.id} [${e.kind}] ${e.speaker ?? '(no source)'} / ${e.cue ?? '(no cue)'}: ${JSON.stringify(clip(e.text, EXAMPLE_CHARS))}${e.coverage > 0 ? ` (best coverage ${pct(e.coverage)} %)` : ''}`);
    }
    out.push('', `false positives (${report.examples.falsePositives.length} shown):`);
    for (const e of report.examples.falsePositives) {
      out.push(`  ${e.article} ${e.id} ${e.speaker ?? '(no speaker)'} / ${e.cue ?? '(no cue)'}: ${JSON.stringify(clip(e.text, EXAMPLE_CHARS))}`);
    }
  }
  out.push('', `scored in ${(report.elapsedMs / 1000).toFixed(1)} s`);
  return `${out.join('\n')}\n`;
}
