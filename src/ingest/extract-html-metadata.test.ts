import { describe, expect, it } from 'vitest';
import { extractHtmlMetadata, type ReadabilityFindings } from './extract-html-metadata.js';
import { parseHtmlDocument } from './parse-html-document.js';

const NOTHING: ReadabilityFindings = { title: null, byline: null };

function metadata(head: string, body = '<p>Text</p>', found: ReadabilityFindings = NOTHING, lang = '') {
  return extractHtmlMetadata(parseHtmlDocument(`<html${lang}><head>${head}</head><body>${body}</body></html>`), found);
}

function jsonLd(value: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
}

describe('extractHtmlMetadata', () => {
  it('finds the JSON-LD article inside @graph, ignoring other nodes', () => {
    const meta = metadata(
      jsonLd({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebPage', datePublished: '2001-01-01', author: { name: 'Web Team' } },
          {
            '@type': ['ReportageNewsArticle'],
            datePublished: '2024-02-29T22:00:00-08:00',
            author: [{ '@type': 'Person', name: 'Harriet Pellow' }, 'Tomasz Reddings'],
            publisher: { '@type': 'Organization', name: 'Gazette Media Group' },
          },
        ],
      }),
    );
    expect(meta).toMatchObject({
      published: '2024-02-29',
      byline: 'Harriet Pellow, Tomasz Reddings',
      outlet: 'Gazette Media Group',
    });
  });

  it('finds the JSON-LD article in a top-level array, past a broken block', () => {
    const meta = metadata(
      '<script type="application/ld+json">{ not json</script>' +
        jsonLd([{ '@type': 'BreadcrumbList' }, { '@type': 'Article', datePublished: '2022-07-01' }]),
    );
    expect(meta.published).toBe('2022-07-01');
    expect(meta.messages).toEqual([]);
  });

  it('takes each field from the first source that has it', () => {
    const meta = metadata(
      '<title>Page title</title><meta property="og:title" content="OG title">' +
        '<meta name="author" content="Meta Author"><meta property="article:published_time" content="2023-11-02T08:15:00Z">' +
        '<meta property="og:site_name" content="Wendlebury Echo"><meta property="og:url" content="https://e.example/og">' +
        '<link rel="canonical" href="https://e.example/canonical">' +
        jsonLd({ '@type': 'NewsArticle', datePublished: '2020-01-01', author: 'LD Author', publisher: { name: 'LD Outlet' } }),
      '<time datetime="2019-05-05">5 May</time><p>Text</p>',
      { title: 'Readability title', byline: 'Readability byline' },
    );
    expect(meta).toMatchObject({
      title: 'OG title',
      byline: 'Meta Author',
      published: '2023-11-02',
      outlet: 'Wendlebury Echo',
      url: 'https://e.example/canonical',
    });
  });

  it('falls back through the later sources', () => {
    const meta = metadata(
      '<title> Page   title </title><meta property="og:url" content="https://e.example/og">',
      '<p><a rel="external author" href="/p">Olwen  Trask</a></p><time datetime="2019-05-05">5 May</time>',
    );
    expect(meta).toMatchObject({
      title: 'Page title',
      byline: 'Olwen Trask',
      published: '2019-05-05',
      url: 'https://e.example/og',
      outlet: null,
    });
    expect(metadata('', '<p>x</p>', { title: 'Readability title', byline: 'By Nell Brindley' })).toMatchObject({
      title: 'Readability title',
      byline: 'By Nell Brindley',
    });
    expect(metadata('', '<div class="byline">By Joe Sayer</div>').byline).toBe('By Joe Sayer');
  });

  it('reads the date meta names case-insensitively and itemprop=datePublished', () => {
    expect(metadata('<meta name="DC.date" content="14/03/2024">').published).toBe('2024-03-14');
    expect(metadata('<meta name="pubdate" content="2024-03-15">').published).toBe('2024-03-15');
    expect(metadata('', '<span itemprop="datePublished">16 March 2024</span>').published).toBe('2024-03-16');
    expect(metadata('<meta itemprop="datePublished" content="2024-03-17">').published).toBe('2024-03-17');
  });

  it('skips a date it cannot read for the next source, and warns only when none is readable', () => {
    const next = metadata('<meta property="article:published_time" content="soon"><meta name="date" content="2024-01-02">');
    expect(next.published).toBe('2024-01-02');
    expect(next.messages).toEqual([]);
    const none = metadata('<meta property="article:published_time" content="soon">');
    expect(none.published).toBeNull();
    expect(none.messages).toEqual([expect.objectContaining({ rule: 'ingest.date.unparsed', severity: 'warning' })]);
    expect(none.messages[0]?.reason).toContain('"soon"');
  });

  it('takes the primary language subtag, lower-cased, defaulting to en', () => {
    expect(metadata('', undefined, NOTHING, ' lang="en-GB"').language).toBe('en');
    expect(metadata('', undefined, NOTHING, ' lang="CY"').language).toBe('cy');
    expect(metadata('', undefined, NOTHING, ' lang=""').language).toBe('en');
    expect(metadata('').language).toBe('en');
  });
});
