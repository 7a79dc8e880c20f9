import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Polarity } from '../../model/document.js';
import { agreementReport } from '../../stances/agreement.js';
import { codingTable, loadStances, MACHINE_CODER } from '../../stances/load-stances.js';
import type { EffectiveStatement } from '../../stances/positions.js';
import type { Store } from '../../store/store.js';
import { integerOption, parseCommand } from '../args.js';
import { formatTable } from '../format-table.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { withStore } from '../with-store.js';
import { resolveArticle, statementKey } from './statements.js';

export const CODE_HELP = `usage: verbatim code <statement> <polarity> [--coder name] [--note text] [--actor key]
       verbatim code add <article> <start> <end> <polarity> --proposition <id> --actor <key>
       verbatim code next [--proposition <id>] [--coder name]
       verbatim code import <sheet.csv> --coder <name>
       verbatim code agreement [--proposition <id>]

Confirm, correct or add the polarity of statements (support, oppose,
neutral). Codings are kept apart from the machine's output, keyed by the
article and the evidence's offsets, so they survive re-analysis; in
'verbatim stances' a person's coding wins over the machine (the latest one
when several people coded a statement).

  <statement> <polarity>  code one statement; keys (<article>:<id>, the article
                          id may be shortened) are in 'verbatim statements'
  add                     a statement the machine missed: the evidence's
                          character offsets in the article, and the actor's
                          identity key (from 'verbatim actors --json')
  next                    go through the statements you have not coded, one at
                          a time (s = support, o = oppose, n = neutral, Enter =
                          agree with the machine, k = skip, q = quit)
  import                  read a coding sheet: 'verbatim statements --csv' with
                          the 'code' column filled in (empty rows are skipped)
  agreement               Cohen's kappa for each pair of coders and
                          Krippendorff's alpha over all, with the number of
                          items; the machine counts as the coder '${MACHINE_CODER}'

Options:
  --db <path>            database file (default: verbatim.db)
  --coder <name>         who is coding (default: $USER, else 'coder')
  --note <text>          a note kept with the coding
  --actor <key>          the identity taking the position (add; or correct it)
  --proposition <id>     the proposition (add, next, agreement)
  --limit <n>            next: at most n statements (default: all)
  --json                 agreement: as JSON
  -h, --help             this help
`;

const POLARITY_WORDS: Readonly<Record<string, Polarity>> = { support: 'support', oppose: 'oppose', neutral: 'neutral', s: 'support', o: 'oppose', n: 'neutral' };

function polarityArg(value: string | undefined): Polarity {
  const p = value === undefined ? undefined : POLARITY_WORDS[value.toLowerCase()];
  if (p === undefined) throw new UsageError(`a polarity is support, oppose or neutral, not ${JSON.stringify(value ?? '')}`);
  return p;
}

function coderName(value: string | undefined): string {
  const name = (value ?? process.env.USER ?? 'coder').trim();
  if (name.length === 0 || name.length > 80) throw new UsageError('--coder takes a name of 1 to 80 characters');
  if (name === MACHINE_CODER) throw new UsageError(`"${MACHINE_CODER}" stands for verbatim's own coding; choose another coder name`);
  return name;
}

/** The statement a key names (`a84055109:t3`), among the loaded ones. */
async function findStatement(store: Store, key: string, statements: readonly EffectiveStatement[]): Promise<EffectiveStatement> {
  const at = key.lastIndexOf(':');
  if (at <= 0) throw new UsageError(`a statement key is <article>:<id> (e.g. a84055109:t3), not ${JSON.stringify(key)}`);
  const article = await resolveArticle(store, key.slice(0, at));
  const id = key.slice(at + 1);
  const found = statements.find((s) => s.articleId === article && s.id === id);
  if (found === undefined) throw new UsageError(`no statement ${id} in article ${article} (see: verbatim statements --article ${article.slice(0, 9)})`);
  return found;
}

export async function codeCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('code', argv, {
    coder: { type: 'string' },
    note: { type: 'string' },
    actor: { type: 'string' },
    proposition: { type: 'string' },
    limit: { type: 'string' },
  });
  if (values.help) {
    io.stdout(CODE_HELP);
    return EXIT.ok;
  }
  const [first, ...rest] = positionals;
  if (first === undefined) throw new UsageError('name a statement and a polarity, or add, next, import or agreement\nsee: verbatim code --help');
  return withStore(
    values.db,
    async (store) => {
      const { propositions } = await store.propositions();
      if (values.proposition !== undefined && !propositions.some((p) => p.id === values.proposition)) {
        throw new UsageError(`no proposition ${JSON.stringify(values.proposition)}; known: ${propositions.map((p) => p.id).join(', ') || 'none'}`);
      }
      const scope = values.proposition === undefined ? {} : { proposition: values.proposition };
      if (first === 'agreement') {
        const { statements, codings } = await loadStances(store, scope);
        const report = agreementReport(codingTable(statements, codings));
        if (values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
        else io.stdout(formatAgreement(report));
        return EXIT.ok;
      }
      const coder = coderName(values.coder);
      const note = values.note ?? null;
      if (first === 'add') {
        const [articleArg, startArg, endArg, polarityText] = rest;
        if (articleArg === undefined || startArg === undefined || endArg === undefined) throw new UsageError('code add needs <article> <start> <end> <polarity>\nsee: verbatim code --help');
        if (values.proposition === undefined || values.actor === undefined) throw new UsageError('code add needs --proposition and --actor');
        const article = await resolveArticle(store, articleArg);
        const doc = await store.getArticle(article);
        const start = integerOption('start', startArg, 0);
        const end = integerOption('end', endArg, 0);
        if (doc === undefined || end <= start || end > doc.text.length) throw new UsageError(`offsets ${start}-${end} are not a span of article ${article} (${doc?.text.length ?? 0} characters)`);
        const id = await store.addCoding({ article, proposition: values.proposition, start, end, coder, polarity: polarityArg(polarityText), actorKey: values.actor, note });
        io.stdout(`added coding ${id}: "${doc.text.slice(start, end)}" ${polarityArg(polarityText)} by ${values.actor} (coder ${coder})\n`);
        return EXIT.ok;
      }
      if (first === 'import') return importSheet(store, rest[0], coder, io);
      if (first === 'next') return codeNext(store, scope, coder, integerOption('limit', values.limit, Number.MAX_SAFE_INTEGER), io);
      const { statements } = await loadStances(store, scope);
      const statement = await findStatement(store, first, statements);
      const polarity = polarityArg(rest[0]);
      const id = await store.addCoding({ article: statement.articleId, proposition: statement.proposition, start: statement.start, end: statement.end, coder, polarity, actorKey: values.actor ?? null, note });
      io.stdout(`coding ${id}: ${statementKey(statement)} ${statement.machine === polarity ? `confirmed ${polarity}` : `${statement.machine ?? 'added'} -> ${polarity}`} (coder ${coder})\n`);
      return EXIT.ok;
    },
    { mustExist: true },
  );
}

async function importSheet(store: Store, file: string | undefined, coder: string, io: CliIo): Promise<number> {
  if (file === undefined) throw new UsageError('code import needs a CSV file (from verbatim statements --csv)');
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(file), { columns: true, skip_empty_lines: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  } catch (error) {
    throw new UsageError(`${file}: not a readable CSV coding sheet (${(error as Error).message.split('\n')[0] ?? ''})`);
  }
  if (records.length > 0 && !('statement' in (records[0] ?? {}) && 'code' in (records[0] ?? {}))) throw new UsageError(`${file}: needs the columns "statement" and "code" (verbatim statements --csv writes them)`);
  const { statements } = await loadStances(store);
  let coded = 0;
  const problems: string[] = [];
  for (const [i, record] of records.entries()) {
    const code = (record.code ?? '').trim();
    if (code === '') continue;
    const row = i + 2; // the header is row 1
    try {
      const statement = await findStatement(store, (record.statement ?? '').trim(), statements);
      await store.addCoding({ article: statement.articleId, proposition: statement.proposition, start: statement.start, end: statement.end, coder, polarity: polarityArg(code), actorKey: null, note: (record.note ?? '').trim() || null });
      coded++;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      problems.push(`  row ${row}: ${error.message}`);
    }
  }
  io.stdout(`${file}: ${coded} coding${coded === 1 ? '' : 's'} stored for ${coder}${problems.length > 0 ? `, ${problems.length} row${problems.length === 1 ? '' : 's'} not:` : ''}\n`);
  if (problems.length > 0) io.stdout(`${problems.join('\n')}\n`);
  return problems.length > 0 ? EXIT.someRejected : EXIT.ok;
}

async function codeNext(store: Store, scope: { proposition?: string }, coder: string, limit: number, io: CliIo): Promise<number> {
  if (io.readLine === undefined) throw new UsageError("code next needs a terminal; code one statement with 'verbatim code <statement> <polarity>' or a sheet with 'code import'");
  const { statements, codings } = await loadStances(store, scope);
  const mine = new Set(codings.filter((c) => c.coder === coder).map((c) => `${c.article}:${c.proposition}:${c.start}:${c.end}`));
  const todo = statements.filter((s) => s.machine !== null && !mine.has(`${s.articleId}:${s.proposition}:${s.start}:${s.end}`)).slice(0, limit);
  io.stdout(`${todo.length} statement${todo.length === 1 ? '' : 's'} to code as ${coder}: s = support, o = oppose, n = neutral, Enter = agree with the machine, k = skip, q = quit\n`);
  let done = 0;
  for (const [i, s] of todo.entries()) {
    const doc = await store.getArticle(s.articleId);
    const before = doc?.text.slice(Math.max(0, s.start - 160), s.start).replace(/\s+/gu, ' ') ?? '';
    const after = doc?.text.slice(s.end, s.end + 80).replace(/\s+/gu, ' ') ?? '';
    io.stdout(`\n[${i + 1}/${todo.length}] ${statementKey(s)} ${s.proposition}, ${s.published ?? 'undated'}, ${s.outlet ?? ''}\n...${before}>>${s.text ?? ''}<<${after}...\nactor: ${s.actor?.name ?? '(unresolved)'}   machine: ${s.machine ?? '-'} (${s.modality}, ${s.rule})\n`);
    let polarity: Polarity | null = null;
    for (;;) {
      const answer = await io.readLine('code> ');
      if (answer === null || answer.trim().toLowerCase() === 'q') {
        io.stdout(`\n${done} coded\n`);
        return EXIT.ok;
      }
      const a = answer.trim().toLowerCase();
      if (a === 'k') break;
      if (a === '' && s.machine !== null) polarity = s.machine;
      else polarity = POLARITY_WORDS[a] ?? null;
      if (polarity !== null) break;
      io.stdout('s, o, n, Enter, k or q\n');
    }
    if (polarity === null) continue;
    await store.addCoding({ article: s.articleId, proposition: s.proposition, start: s.start, end: s.end, coder, polarity, actorKey: null, note: null });
    done++;
  }
  io.stdout(`\n${done} coded\n`);
  return EXIT.ok;
}

function formatAgreement(report: ReturnType<typeof agreementReport>): string {
  if (report.coders.length < 2) return `agreement needs two coders (the machine counts as one); coders so far: ${report.coders.join(', ') || 'none'}\n`;
  const fixed = (n: number | null): string => (n === null ? 'n/a' : n.toFixed(3));
  const lines = [
    formatTable(
      ['coder', 'coder', 'items', 'agreement', "Cohen's kappa"],
      report.pairs.map((p) => [p.a, p.b, String(p.items), p.observed === null ? 'n/a' : `${(p.observed * 100).toFixed(1)}%`, fixed(p.kappa)]),
    ),
    `Krippendorff's alpha (nominal), all coders: ${fixed(report.alpha.alpha)} over ${report.alpha.items} items (${report.alpha.values} codes)`,
    'n/a: no items coded by both, or only one polarity used (agreement by chance is then certain)',
  ];
  return `${lines.join('\n')}\n`;
}
