/**
 * Paragraphs from a DOM subtree: every block element starts and ends a
 * paragraph, inline text is joined, whitespace inside a paragraph is folded
 * to one space. Non-breaking spaces are content and stay as they are.
 */
import { ELEMENT_NODE, TEXT_NODE, type DomNode } from './parse-html-document.js';

const DOCUMENT_NODE = 9;
const DOCUMENT_FRAGMENT_NODE = 11;

/** Elements whose start and end break the text into paragraphs. */
const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'div', 'dl', 'dt',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr',
  'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'tr', 'ul',
]);

/** Elements whose text is never article text (code, metadata, form controls, embedded media). */
const SKIPPED_ELEMENTS: ReadonlySet<string> = new Set([
  'base', 'button', 'canvas', 'embed', 'head', 'iframe', 'link', 'meta', 'noscript', 'object',
  'option', 'script', 'select', 'style', 'svg', 'template', 'textarea', 'title',
]);

// HTML's own whitespace (not \s, which would also fold non-breaking spaces).
const HTML_WHITESPACE = /[\t\n\f\r ]+/g;

/** Whitespace runs to one space, none at either end; '' when nothing but whitespace is left. */
export function foldWhitespace(text: string): string {
  const folded = text.replace(HTML_WHITESPACE, ' ');
  const start = folded.startsWith(' ') ? 1 : 0;
  const end = folded.endsWith(' ') ? folded.length - 1 : folded.length;
  const inner = folded.slice(start, Math.max(start, end));
  return inner.trim() === '' ? '' : inner;
}

const BLOCK_END = Symbol('block-end');

/** The paragraphs of `root`, in document order. Iterative, so deeply nested broken markup cannot overflow the stack. */
export function extractParagraphs(root: DomNode): string[] {
  const paragraphs: string[] = [];
  let inline = '';
  const flush = (): void => {
    const paragraph = foldWhitespace(inline);
    if (paragraph !== '') paragraphs.push(paragraph);
    inline = '';
  };

  const stack: Array<DomNode | typeof BLOCK_END> = [root];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next === BLOCK_END) {
      flush();
      continue;
    }
    if (next.nodeType === TEXT_NODE) {
      inline += next.textContent ?? '';
      continue;
    }
    const isContainer =
      next.nodeType === ELEMENT_NODE || next.nodeType === DOCUMENT_NODE || next.nodeType === DOCUMENT_FRAGMENT_NODE;
    const name = next.nodeName.toLowerCase();
    if (!isContainer || SKIPPED_ELEMENTS.has(name)) continue;
    if (BLOCK_ELEMENTS.has(name)) {
      flush();
      stack.push(BLOCK_END);
    }
    const children = next.childNodes;
    for (let index = children.length - 1; index >= 0; index -= 1) {
      const child = children[index];
      if (child !== undefined) stack.push(child);
    }
  }
  flush();
  return paragraphs;
}
