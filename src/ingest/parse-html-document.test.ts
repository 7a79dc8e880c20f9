import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from './parse-html-document.js';

describe('parseHtmlDocument', () => {
  it('removes every script except JSON-LD', () => {
    const document = parseHtmlDocument(
      '<html><head><script type="application/ld+json">{"@type":"NewsArticle"}</script>' +
        '<script>document.write("SCRIPT RAN")</script><script type="module">x()</script></head>' +
        '<body><p>Text</p><script type="text/javascript">alert(1)</script></body></html>',
    );
    const scripts = Array.from(document.querySelectorAll('script'));
    expect(scripts.map((script) => script.getAttribute('type'))).toEqual(['application/ld+json']);
  });

  it('gives a fragment with no <html> a skeleton, lang kept and head elements in the head', () => {
    const document = parseHtmlDocument('<html lang="cy"><title>Ffair</title><p>Ffair haf</p></html>');
    expect(document.documentElement?.getAttribute('lang')).toBe('cy');
    expect(document.querySelector('head title')?.textContent).toBe('Ffair');
    expect(document.querySelector('body p')?.textContent).toBe('Ffair haf');
  });

  it('copes with bare text, an empty string and garbage', () => {
    expect(parseHtmlDocument('just some words').querySelector('body')?.textContent).toBe('just some words');
    expect(parseHtmlDocument('').querySelector('body')).not.toBeNull();
    expect(parseHtmlDocument('<<<>>> </div></table>').querySelector('body')).not.toBeNull();
  });

  it('keeps a well-formed page as it is', () => {
    const document = parseHtmlDocument('<!doctype html><html lang="en"><head><title>T</title></head><body><p>A</p></body></html>');
    expect(document.querySelector('head title')?.textContent).toBe('T');
    expect(document.querySelector('body')?.textContent).toBe('A');
  });
});
