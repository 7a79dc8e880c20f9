import { describe, expect, it } from 'vitest';
import { extractParagraphs, foldWhitespace } from './extract-html-text.js';
import { parseHtmlDocument, type DomNode } from './parse-html-document.js';

function body(html: string): DomNode {
  const element = parseHtmlDocument(`<html><body>${html}</body></html>`).querySelector('body');
  if (element === null) throw new Error('no body');
  return element;
}

describe('extractParagraphs', () => {
  it('makes one paragraph per block element and joins inline text', () => {
    const paragraphs = extractParagraphs(
      body('<h2>Road  closed</h2><p>The <b>A38</b> is shut\n   near <a href="#">Burton</a>.</p><ul><li>One</li><li>Two</li></ul>'),
    );
    expect(paragraphs).toEqual(['Road closed', 'The A38 is shut near Burton.', 'One', 'Two']);
  });

  it('splits a div with direct text from its nested paragraphs', () => {
    expect(extractParagraphs(body('<div>Direct text<p>Nested</p>tail</div>'))).toEqual(['Direct text', 'Nested', 'tail']);
  });

  it('keeps non-breaking spaces, folds the rest', () => {
    expect(extractParagraphs(body('<p>Monday&nbsp;morning \t at\n10</p>'))).toEqual(['Monday\u00A0morning at 10']);
  });

  it('breaks at <br>, blockquote, figcaption and table cells', () => {
    const html = '<p>Line one<br>Line two</p><blockquote>Quoted</blockquote><figure><img src="a.jpg"><figcaption>Caption</figcaption></figure><table><tr><td>A</td><td>B</td></tr></table>';
    expect(extractParagraphs(body(html))).toEqual(['Line one', 'Line two', 'Quoted', 'Caption', 'A', 'B']);
  });

  it('skips script, style, noscript and form controls, and drops empty blocks', () => {
    const html = '<p>Kept</p><style>p{}</style><noscript>Enable JS</noscript><p> &nbsp; </p><button>Share</button><p></p>';
    expect(extractParagraphs(body(html))).toEqual(['Kept']);
  });

  it('survives very deep nesting', () => {
    const html = `${'<span>'.repeat(20_000)}deep${'</span>'.repeat(20_000)}`;
    expect(extractParagraphs(body(html))).toEqual(['deep']);
  });
});

describe('foldWhitespace', () => {
  it('folds runs and trims the ends', () => {
    expect(foldWhitespace('  a \n\n b\t')).toBe('a b');
    expect(foldWhitespace(' \n ')).toBe('');
  });
});
