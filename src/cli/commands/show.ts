import type { Document, Message } from '../../model/document.js';
import type { Store } from '../../store/store.js';
import { parseCommand } from '../args.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { withStore } from '../with-store.js';

export const SHOW_HELP = `usage: verbatim show <id> [options]

Print one article: its metadata, then its text paragraph by paragraph
([p1], [p2], ...) with each sentence numbered ((s1), (s2), ...), site
furniture marked BOILERPLATE with its rule, and the messages raised on it.
<id> may be any unique prefix of the article id.

Options:
  --db <path>   database file (default: verbatim.db)
  --json        the whole stored Document as JSON (text, offsets, every annotation)
  -h, --help    this help
`;

const ID_CANDIDATES_SHOWN = 5;

export async function showCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('show', argv, {});
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
      io.stdout(values.json ? `${JSON.stringify(doc, null, 2)}\n` : formatDocument(doc));
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

/** The article as a person reads it, with every paragraph and sentence numbered. */
export function formatDocument(doc: Document): string {
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
  if (doc.headline) out.push(`[headline] ${doc.text.slice(doc.headline.start, doc.headline.end)}`, '');
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
      out.push(`  (${current.id}) ${oneLine(doc.text.slice(current.start, current.end))}`);
      sentence++;
    }
    out.push('');
  }
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
