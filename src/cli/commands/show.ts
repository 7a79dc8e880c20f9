import type { Document, Evidence, Message, Span } from '../../model/document.js';
import type { Store } from '../../store/store.js';
import { parseCommand } from '../args.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { withStore } from '../with-store.js';

export const SHOW_HELP = `usage: verbatim show <id> [options]

Print one article: its metadata, then its text paragraph by paragraph
([p1], [p2], ...) with each sentence numbered ((s1), (s2), ...) and site
furniture marked BOILERPLATE with its rule. Quotes are marked inline:
  «q3 the quoted or reported words»   {the cue}   [the speaker mention]→x2
then listed with their speakers, followed by the article's actors (x1, x2,
...: people and organisations, with titles, roles and organisations), its
statements of position (when propositions were given; --explain lists each
cue with its rule), its figures with their arithmetic checks, and the
messages raised on it. <id> may be any unique
prefix of the article id.

Options:
  --db <path>   database file (default: verbatim.db)
  --explain     every decision beside its rule: each quote's rule and
                confidence, each mention and each title, role and
                organisation with the rule that found it, with offsets
  --json        the whole stored Document as JSON (text, offsets, every annotation)
  -h, --help    this help
`;

const ID_CANDIDATES_SHOWN = 5;

export async function showCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('show', argv, { explain: { type: 'boolean', default: false } });
  if (values.help) {
    io.stdout(SHOW_HELP);
    return EXIT.ok;
  }
  const [given, ...extra] = positionals;
  if (given === undefined || extra.length > 0) throw new UsageError('name one article id\nsee: verbatim show --help');
  return withStore(
    values.db,
    async (store) => {
      const doc = await store.getArticle(await resolveId(store, given));
      if (!doc) throw new UsageError(`no article ${given}`);
      io.stdout(values.json ? `${JSON.stringify(doc, null, 2)}\n` : formatDocument(doc, { explain: values.explain }));
      return EXIT.ok;
    },
    { mustExist: true },
  );
}

async function resolveId(store: Store, given: string): Promise<string> {
  const ids = await store.findIds(given, ID_CANDIDATES_SHOWN + 1);
  if (ids.includes(given)) return given;
  if (ids.length === 1 && ids[0] !== undefined) return ids[0];
  if (ids.length === 0) throw new UsageError(`no article id starts with ${JSON.stringify(given)} (list them with: verbatim articles)`);
  throw new UsageError(
    `${JSON.stringify(given)} matches several articles: ${ids.slice(0, ID_CANDIDATES_SHOWN).join(', ')}${ids.length > ID_CANDIDATES_SHOWN ? ', ...' : ''}`,
  );
}

/** Where a mark goes into the text: opening marks sort after closing ones at the same offset. */
interface Insert {
  at: number;
  text: string;
  order: number;
}

/** Quote, cue and speaker marks for the whole text. Terms (labels, scare quotes) are not marked. */
function quoteMarks(doc: Document): Insert[] {
  const out: Insert[] = [];
  for (const q of doc.quotes) {
    if (q.kind === 'term') continue;
    q.content.forEach((span, i) => {
      out.push({ at: span.start, text: i === 0 ? `«${q.id} ` : '«', order: 2 }, { at: span.end, text: '»', order: 0 });
    });
    if (q.cue !== null) out.push({ at: q.cue.start, text: '{', order: 2 }, { at: q.cue.end, text: '}', order: 0 });
    if (q.speaker !== null) out.push({ at: q.speaker.start, text: '[', order: 3 }, { at: q.speaker.end, text: q.actor === null ? ']' : `]→${q.actor}`, order: 1 });
  }
  // The same speaker mention serves several quotes (floating quotes): mark it once.
  const seen = new Set<string>();
  return out
    .filter((m) => {
      const key = `${m.at}:${m.text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.at - b.at || a.order - b.order);
}

/** `doc.text[start, end)` with the marks that fall inside it. */
function marked(doc: Document, start: number, end: number, marks: readonly Insert[]): string {
  let out = '';
  let at = start;
  for (const m of marks) {
    if (m.at < start || m.at > end) continue;
    out += doc.text.slice(at, m.at) + m.text;
    at = m.at;
  }
  return out + doc.text.slice(at, end);
}

function spanWords(doc: Document, span: Span | null): string {
  return span === null ? '-' : JSON.stringify(oneLine(doc.text.slice(span.start, span.end)));
}

/** The quotes listed with their speakers; with `explain`, each rule, confidence and offsets. */
function formatQuotes(doc: Document, explain: boolean): string[] {
  const speech = doc.quotes.filter((q) => q.kind !== 'term');
  if (speech.length === 0) return ['quotes: none', ''];
  const actors = new Map(doc.actors.map((a) => [a.id, a]));
  const out = ['quotes:'];
  for (const q of speech) {
    const actor = q.actor === null ? undefined : actors.get(q.actor);
    const who = actor === undefined ? 'unresolved' : `${actor.id} ${actor.name} (${actor.type})`;
    out.push(`  ${q.id} ${q.kind.padEnd(8)} speaker ${spanWords(doc, q.speaker)} -> ${who}; cue ${spanWords(doc, q.cue)}`);
    if (explain) {
      const where = q.content.map((s) => `${s.start}-${s.end}`).join(', ');
      out.push(`      rule ${q.rule} (confidence ${q.confidence}); words at ${where}`);
    }
  }
  const terms = doc.quotes.filter((q) => q.kind === 'term');
  if (terms.length > 0) out.push(`  terms (quote marks around labels, not speech): ${terms.map((q) => spanWords(doc, q.content[0] ?? null)).join(', ')}`);
  out.push('');
  return out;
}

function evidenceText(list: readonly Evidence[], explain: boolean, doc: Document): string {
  if (!explain) return [...new Set(list.map((e) => e.value))].join('; ');
  return list.map((e) => `${e.value} [${e.rule} at ${e.start}-${e.end} ${spanWords(doc, e)}]`).join('; ');
}

/** The article's actors; with `explain`, every mention and fact with its rule. */
function formatActors(doc: Document, explain: boolean): string[] {
  if (doc.actors.length === 0) return ['actors: none', ''];
  const out = ['actors:'];
  for (const a of doc.actors) {
    out.push(`  ${a.id} ${a.type.padEnd(12)} ${a.name} (${a.mentions.length} mention${a.mentions.length === 1 ? '' : 's'})`);
    for (const [label, list] of [['titles', a.titles], ['roles', a.roles], ['organisations', a.organisations]] as const) {
      if (list.length > 0) out.push(`      ${label}: ${evidenceText(list, explain, doc)}`);
    }
    if (explain) for (const m of a.mentions) out.push(`      mention ${spanWords(doc, m)} at ${m.start}-${m.end}: ${m.rule}`);
  }
  out.push('');
  return out;
}

/** The article's statements of position; with `explain`, every cue with its rule. */
function formatStatements(doc: Document, explain: boolean): string[] {
  if (doc.statements.length === 0) return [];
  const names = new Map(doc.actors.map((a) => [a.id, a.name]));
  const out = ['statements:'];
  for (const st of doc.statements) {
    out.push(`  ${st.id} ${st.proposition}: ${st.polarity} (${st.modality}) by ${st.actor === null ? 'an unresolved speaker' : `${names.get(st.actor) ?? st.actor} (${st.actor})`}${st.quote === null ? ', narrator sentence' : ` in ${st.quote}`}, ${st.rule}`);
    out.push(`      ${oneLine(spanWords(doc, st))}`);
    if (explain) for (const c of st.cues) out.push(`      ${c.rule} at ${c.start}-${c.end}: ${c.value}`);
  }
  out.push('');
  return out;
}

/** The article's figures, with their arithmetic checks; with `explain`, the rule of each part. */
function formatFigures(doc: Document, explain: boolean): string[] {
  if (doc.statistics.length === 0) return [];
  const out = ['figures:'];
  for (const f of doc.statistics) {
    const about = [f.what === null ? '' : `what ${JSON.stringify(f.what.value)}`, f.period === null ? '' : `period ${f.period.value}`, f.source === null ? '' : `source ${f.source.value}`, f.partOf === null ? '' : `part of ${f.partOf}`].filter((x) => x !== '');
    out.push(`  ${f.id} ${f.kind} ${spanWords(doc, f)}${about.length > 0 ? `: ${about.join(', ')}` : ''}`);
    out.push(`      ${f.check.verdict}${f.check.computation === '' ? '' : `: ${f.check.computation}`}`);
    if (explain) out.push(`      rules: ${[f.rule, f.what?.rule, f.period?.rule, f.source?.rule, f.check.rule].filter((r) => r !== undefined && r !== '').join(', ')} (at ${f.start}-${f.end})`);
  }
  out.push('');
  return out;
}

/** The article as a person reads it, with every paragraph and sentence numbered and the quotes marked. */
export function formatDocument(doc: Document, { explain = false }: { explain?: boolean } = {}): string {
  const { meta } = doc;
  const source = meta.source.row === undefined ? meta.source.file : `${meta.source.file}:${meta.source.row}`;
  const out: string[] = [
    `article    ${doc.id}`,
    `title      ${meta.title ?? '-'}`,
    `outlet     ${meta.outlet ?? '-'}`,
    `published  ${meta.published ?? '-'}`,
    `byline     ${meta.byline ?? '-'}`,
    `url        ${meta.url ?? '-'}`,
    `source     ${source} (${meta.source.format}, ${meta.encoding})`,
    `counts     ${doc.paragraphs.length} paragraphs, ${doc.sentences.length} sentences, ${doc.tokens.length} tokens, ${doc.boilerplate.length} boilerplate`,
    '',
  ];
  const marks = quoteMarks(doc);
  if (doc.headline) out.push(`[headline] ${oneLine(marked(doc, doc.headline.start, doc.headline.end, marks))}`, '');
  const boilerplate = new Map(doc.boilerplate.map((span) => [span.start, span]));
  let sentence = 0;
  for (const paragraph of doc.paragraphs) {
    const furniture = paragraph.boilerplate ? boilerplate.get(paragraph.start) : undefined;
    if (paragraph.boilerplate) {
      out.push(`[${paragraph.id}] BOILERPLATE ${furniture ? `${furniture.kind} (${furniture.rule})` : ''}`.trimEnd());
      out.push(`    ${oneLine(doc.text.slice(paragraph.start, paragraph.end))}`, '');
      continue;
    }
    out.push(`[${paragraph.id}]`);
    while (sentence < doc.sentences.length) {
      const current = doc.sentences[sentence];
      if (!current || current.paragraph !== paragraph.id) break;
      out.push(`  (${current.id}) ${oneLine(marked(doc, current.start, current.end, marks))}`);
      sentence++;
    }
    out.push('');
  }
  out.push(...formatQuotes(doc, explain), ...formatActors(doc, explain), ...formatStatements(doc, explain), ...formatFigures(doc, explain));
  if (doc.messages.length > 0) {
    out.push('messages:');
    for (const message of doc.messages) out.push(`  ${formatMessage(doc, message)}`);
  } else {
    out.push('messages: none');
  }
  return `${out.join('\n')}\n`;
}

function formatMessage(doc: Document, message: Message): string {
  const where = message.span
    ? ` at ${message.span.start}-${message.span.end} ${JSON.stringify(oneLine(doc.text.slice(message.span.start, message.span.end)).slice(0, 60))}`
    : '';
  return `${message.severity.padEnd(7)} ${message.rule}: ${message.reason}${where}`;
}

function oneLine(text: string): string {
  return text.replace(/\n/g, " ");
}
