/**
 * HTML to a DOM with linkedom, which never runs scripts. Every <script>
 * except JSON-LD is removed straight away, so script text can never reach
 * the article text. The project compiles without the DOM library, so the
 * small part of the DOM we use is typed here.
 */
import { parseHTML } from 'linkedom';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export interface DomNode {
  readonly nodeType: number;
  /** Upper case for HTML elements (`P`), `#text` for text. */
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
}

export interface DomElement extends DomNode {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  appendChild(node: DomNode): DomNode;
  remove(): void;
}

export interface DomDocument extends DomNode {
  readonly documentElement: DomElement | null;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

const JSON_LD_TYPE = 'application/ld+json';
// Document-structure tags, dropped when a page lacks the html/body skeleton and is rebuilt around its content.
const STRUCTURE_TAG = /<!doctype[^>]*>|<\/?(?:html|head|body)\b[^>]*>/gi;
const SKELETON = (content: string): string => `<!doctype html><html><head></head><body>${content}</body></html>`;
// Elements that belong in <head>, moved back there after a rebuild.
const HEAD_ELEMENTS = 'body title, body meta, body link, body base, body style';

function parse(html: string): DomDocument {
  const window: { document: DomDocument } = parseHTML(html);
  return window.document;
}

/** linkedom needs <html> with a <body> child; without it `document.body` throws or is empty. */
function hasSkeleton(document: DomDocument): boolean {
  const root = document.documentElement;
  return root?.nodeName === 'HTML' && Array.from(root.childNodes).some((node) => node.nodeName === 'BODY');
}

function rebuild(html: string, parsed: DomDocument): DomDocument {
  const lang = parsed.documentElement?.nodeName === 'HTML' ? parsed.documentElement.getAttribute('lang') : null;
  const document = parse(SKELETON(html.replace(STRUCTURE_TAG, '')));
  const head = document.querySelector('head');
  if (lang !== null) document.documentElement?.setAttribute('lang', lang);
  if (head !== null) for (const element of Array.from(document.querySelectorAll(HEAD_ELEMENTS))) head.appendChild(element);
  return document;
}

export function isJsonLdScript(script: DomElement): boolean {
  return (script.getAttribute('type') ?? '').trim().toLowerCase() === JSON_LD_TYPE;
}

/** Parse any HTML, however broken, into a document with <html>, <head> and <body>, scripts removed (JSON-LD kept). */
export function parseHtmlDocument(html: string): DomDocument {
  const parsed = parse(html);
  const document = hasSkeleton(parsed) ? parsed : rebuild(html, parsed);
  for (const script of Array.from(document.querySelectorAll('script'))) {
    if (!isJsonLdScript(script)) script.remove();
  }
  return document;
}
