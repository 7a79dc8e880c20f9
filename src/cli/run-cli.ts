import { StoreError } from '../store/store.js';
import { VERSION } from '../version.js';
import { actorsCommand } from './commands/actors.js';
import { analyzeCommand } from './commands/analyze.js';
import { articlesCommand } from './commands/articles.js';
import { evalCommand } from './commands/eval.js';
import { exportCommand } from './commands/export.js';
import { logCommand } from './commands/log.js';
import { quotesCommand } from './commands/quotes.js';
import { serveCommand } from './commands/serve.js';
import { showCommand } from './commands/show.js';
import { speakersCommand } from './commands/speakers.js';
import { codeCommand } from './commands/code.js';
import { statementsCommand } from './commands/statements.js';
import { statsCommand } from './commands/stats.js';
import { searchCommand } from './commands/search.js';
import { kwicCommand } from './commands/kwic.js';
import { networkCommand, stancesCommand } from './commands/stances.js';
import { EXIT, UsageError, type CliIo } from './io.js';

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Readonly<Record<string, { run: Command; summary: string }>> = {
  analyze: { run: analyzeCommand, summary: 'read articles from folders and files into the database' },
  articles: { run: articlesCommand, summary: 'list stored articles (filter by outlet, dates, full text)' },
  search: { run: searchCommand, summary: 'full-text search: articles best match first, with snippets (phrases, prefix*, AND, OR, NOT)' },
  kwic: { run: kwicCommand, summary: 'keyword in context: every occurrence of words or a phrase with the words either side' },
  show: { run: showCommand, summary: 'print one article with its quotes, speakers and cues marked (--explain: every rule)' },
  quotes: { run: quotesCommand, summary: 'list quotes with their speakers (filter by speaker, organisation, kind, article)' },
  actors: { run: actorsCommand, summary: 'list people and organisations across the corpus, with titles, roles and organisations over time' },
  speakers: { run: speakersCommand, summary: 'list the people and organisations quoted, with titles, roles and counts' },
  stances: { run: stancesCommand, summary: 'where each actor stands on the propositions (--by month|quarter|year, --csv)' },
  statements: { run: statementsCommand, summary: 'the statements of position, with actor, polarity, modality, rule and evidence' },
  code: { run: codeCommand, summary: "confirm, correct or add statements' polarity; coder agreement (kappa, alpha)" },
  stats: { run: statsCommand, summary: 'reported figures with what, when, who says so and whether the arithmetic holds (same, series)' },
  network: { run: networkCommand, summary: 'the actor-proposition network as GraphML or GEXF, for Gephi' },
  export: { run: exportCommand, summary: 'a whole table (quotes, actors, statements, statistics, articles) as CSV, JSON Lines or Parquet; articles as CSL-JSON or BibTeX' },
  serve: { run: serveCommand, summary: 'the dashboard in the browser: overview, articles, quotes, actors, stances, figures' },
  log: { run: logCommand, summary: 'what happened to each input item (stored, duplicate, rejected, ...)' },
  eval: { run: evalCommand, summary: 'score quote extraction against a gold corpus (eval quotes --gold brat|seeds <path>)' },
};

export const MAIN_HELP = `verbatim ${VERSION}: who said what in the news, with every row traced to its exact words

usage: verbatim <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`)
  .join('\n')}

'verbatim <command> --help' for a command's options. Every command takes --db <path>
(default verbatim.db); listings take --json.
`;

/** Run the CLI over `argv` (without node and script), return the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(MAIN_HELP);
    return name === undefined ? EXIT.error : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`verbatim: unknown command ${JSON.stringify(name)}\n\n${MAIN_HELP}`);
    return EXIT.error;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof StoreError) {
      io.stderr(`verbatim ${name}: ${error.message}\n`);
      return EXIT.error;
    }
    io.stderr(`verbatim ${name}: unexpected failure, please report it:\n${(error as Error).stack ?? String(error)}\n`);
    return EXIT.error;
  }
}
