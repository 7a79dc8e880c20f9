import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHtml } from './read-html.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/ingest');
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function readFixture(name: string) {
  const item = readHtml(readFileSync(path.join(FIXTURES, name)), name);
  if (item.kind !== 'article') throw new Error(`expected an article, got ${item.kind}: ${item.reason}`);
  return item.article;
}

describe('readHtml', () => {
  it('reads a news page with JSON-LD metadata in @graph', () => {
    const article = readFixture('news-page-json-ld.html');
    expect(article.meta).toEqual({
      title: 'Bin collections row deepens as crews walk out',
      byline: 'Harriet Pellow, Tomasz Reddings',
      outlet: 'Dunmore Gazette',
      published: '2024-03-14', // written 23:30 at UTC-5: the calendar date as written, not shifted to UTC
      url: 'https://dunmore-gazette.example/news/bin-collections-row',
      source: { file: 'news-page-json-ld.html', format: 'html' },
      language: 'en',
      encoding: 'utf-8',
    });
    expect(article.headline).toBeNull();
    expect(article.messages).toEqual([]);
  });

  it('builds the text from the article blocks, without the title, the menus or any script', () => {
    const { text } = readFixture('news-page-json-ld.html');
    const paragraphs = text.split('\n\n');
    expect(paragraphs[0]).toBe(
      'Residents in the Marsh Lane area of Dunmore say their bins have not been emptied for three weeks, ' +
        'as a dispute between the council and its refuse crews shows no sign of ending.',
    );
    expect(paragraphs[1]).toBe(
      'Edith Carrow, 74, said the smell had become unbearable. “We pay our council tax like everyone else,” she said. “It is a disgrace.”',
    );
    expect(paragraphs[2]).toContain('resume on Monday\u00A0morning.');
    expect(paragraphs[3]).toBe(
      'The council said it had hired two private lorries to clear the worst-hit streets, and asked residents to keep recycling separate.',
    );
    expect(paragraphs.slice(4)).toEqual(['Marsh Lane: next collection Tuesday', 'Quarry Road: next collection Wednesday']);
    expect(text).not.toContain('SCRIPT RAN');
    expect(text).not.toContain('Bin collections row deepens');
    expect(text).not.toContain('@graph');
    expect(text).not.toContain('All rights reserved');
  });

  it('reads a page with plain meta tags', () => {
    const article = readFixture('news-page-meta-tags.html');
    expect(article.meta).toMatchObject({
      title: 'Footbridge to reopen after repairs',
      byline: 'Olwen Trask',
      outlet: 'Wendlebury Echo',
      published: '2023-11-02',
      url: 'https://wendlebury-echo.example/footbridge',
      language: 'en',
    });
    expect(article.text).toContain('The footbridge over the River Wend will reopen on Friday');
    expect(article.text.endsWith('Bridge engineer Priya Halden said the new deck should last forty years.')).toBe(true);
  });

  it('does not throw on malformed markup, and keeps its text', () => {
    const article = readFixture('malformed-unclosed-tags.html');
    expect(article.meta.title).toBe('Fete raises record sum');
    const paragraphs = article.text.split('\n\n');
    expect(paragraphs[0]).toBe(
      "The summer fete at St Aldhelm's school raised a record £4,200 for the new library, organisers said.",
    );
    expect(paragraphs[1]).toBe('Head teacher Mona Fairleigh thanked every volunteer who ran a stall');
    expect(article.text).toContain('The tombola alone brought in £900.');
    expect(article.text).not.toContain('SCRIPT RAN');
  });

  it('reads a bare fragment with no <html> or <body>', () => {
    const item = readHtml(utf8('<p>Only a line.</p>'), 'tiny.html');
    expect(item.kind).toBe('article');
    if (item.kind !== 'article') return;
    expect(item.article.text).toBe('Only a line.');
    expect(item.article.meta.title).toBeNull();
    expect(item.article.messages).toEqual([]);
  });

  it('falls back to the whole body text, with a warning, when Readability finds no article', () => {
    // Readability drops hidden elements, so it finds nothing here; the fallback reads the body as it is.
    const item = readHtml(utf8('<html><body><div hidden><p>Notice to residents.</p></div></body></html>'), 'hidden.html');
    expect(item.kind).toBe('article');
    if (item.kind !== 'article') return;
    expect(item.article.text).toBe('Notice to residents.');
    expect(item.article.messages).toEqual([
      expect.objectContaining({ stage: 'ingest', rule: 'ingest.html.no-article', severity: 'warning' }),
    ]);
    expect(item.article.messages[0]?.reason).toContain('hidden.html');
  });

  it('rejects a page with no text, naming the file', () => {
    const item = readHtml(utf8('<html><head><title></title></head><body><script>var x = 1;</script><img src="a.png"></body></html>'), 'blank.html');
    expect(item).toMatchObject({ kind: 'rejected', item: 'blank.html', rule: 'ingest.html.no-text' });
    expect(item.kind === 'rejected' && item.reason).toContain('blank.html');
  });

  it('rejects empty and binary files like the text reader', () => {
    expect(readHtml(utf8('  \n'), 'empty.html')).toMatchObject({ kind: 'rejected', rule: 'ingest.empty' });
    expect(readHtml(Uint8Array.of(0x00, 0x01, 0x02, 0x03), 'bin.html')).toMatchObject({ kind: 'rejected', rule: 'ingest.binary' });
  });

  it('decodes a Windows-1252 page and carries the warning', () => {
    const bytes = Uint8Array.from([...utf8('<html><body><p>'), 0x93, ...utf8('Lovely'), 0x94, ...utf8(' day.</p></body></html>')]);
    const item = readHtml(bytes, 'old.html');
    expect(item.kind === 'article' && item.article.text).toBe('“Lovely” day.');
    expect(item.kind === 'article' && item.article.messages.map((m) => m.rule)).toContain('ingest.decode.windows-1252');
  });
});
