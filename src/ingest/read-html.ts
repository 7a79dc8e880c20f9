/**
 * HTML pages. Mozilla Readability finds the article; its content becomes
 * the text, one paragraph per block element. The title goes to the metadata
 * only. When Readability finds nothing, the whole <body> text is used and a
 * warning says so.
 */
import { Readability } from '@mozilla/readability';
import type { Message } from '../model/document.js';
import { decodeTextFile } from './decode-text-file.js';
import { extractHtmlMetadata, type ReadabilityFindings } from './extract-html-metadata.js';
import { extractParagraphs } from './extract-html-text.js';
import { parseHtmlDocument, type DomNode } from './parse-html-document.js';
import type { IngestItem } from './types.js';

const PARAGRAPH_BREAK = '\n\n'; // how the text stages expect paragraphs to be separated

interface ArticleFindings extends ReadabilityFindings {
  content: DomNode | null;
  messages: Message[];
}

function warning(rule: string, reason: string): Message {
  return { stage: 'ingest', rule, severity: 'warning', reason };
}

/** Readability on its own copy of the page (it rewrites the DOM it is given). */
function findArticle(html: string, file: string): ArticleFindings {
  try {
    const reader = new Readability<DomNode>(parseHtmlDocument(html), { serializer: (node: DomNode) => node });
    const result = reader.parse();
    return { title: result?.title ?? null, byline: result?.byline ?? null, content: result?.content ?? null, messages: [] };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      title: null,
      byline: null,
      content: null,
      messages: [warning('ingest.html.readability-failed', `Readability failed on ${file} (${detail})`)],
    };
  }
}

function sameText(a: string, b: string | null): boolean {
  return b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function readHtml(bytes: Uint8Array, file: string): IngestItem {
  const decoded = decodeTextFile(bytes, file);
  if (decoded.kind === 'rejected') return decoded;

  const page = parseHtmlDocument(decoded.text);
  const found = findArticle(decoded.text, file);
  const metadata = extractHtmlMetadata(page, found);
  const messages = [...decoded.messages, ...found.messages, ...metadata.messages];

  let paragraphs = found.content === null ? [] : extractParagraphs(found.content);
  if (paragraphs.length === 0) {
    paragraphs = extractParagraphs(page.querySelector('body') ?? page);
    messages.push(
      warning(
        'ingest.html.no-article',
        `Readability found no article in ${file}; the whole page text was used and may hold menus and footers`,
      ),
    );
  }
  // The title belongs in meta, not in the text, even when the page repeats it as the first heading.
  if (paragraphs[0] !== undefined && sameText(paragraphs[0], metadata.title)) paragraphs = paragraphs.slice(1);
  if (paragraphs.length === 0) {
    return { kind: 'rejected', item: file, rule: 'ingest.html.no-text', reason: `${file} holds no article text` };
  }

  return {
    kind: 'article',
    item: file,
    article: {
      text: paragraphs.join(PARAGRAPH_BREAK),
      headline: null,
      messages,
      meta: {
        title: metadata.title,
        byline: metadata.byline,
        outlet: metadata.outlet,
        published: metadata.published,
        url: metadata.url,
        source: { file, format: 'html' },
        language: metadata.language,
        encoding: decoded.encoding,
      },
    },
  };
}
