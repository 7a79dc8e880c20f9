import { describe, expect, it } from 'vitest';
import { bibtexEntry, bibtexEscape, bylineAuthors, cslItem, dateInWords, quoteCitation } from './citations.js';

const article = {
  id: 'a1b2c3d4e5f60718',
  title: 'Rates & 5% {draft} rise: $2m plan #budget_2025',
  outlet: 'Kelder Vale Courier',
  published: '2025-02-11',
  byline: 'By Alex Marlow and Jo Finch, Local Democracy Reporters',
  url: 'https://www.keldervale-courier.example/news/rates?ref=rss&page=1',
};

describe('citations', () => {
  it('writes dates in words, to the precision the date has', () => {
    expect(dateInWords('2024-03-14')).toBe('14 March 2024');
    expect(dateInWords('2024-03')).toBe('March 2024');
    expect(dateInWords('2024')).toBe('2024');
    expect(dateInWords(null)).toBeNull();
  });

  it('cites a quote with the parts it knows, never "null"', () => {
    const base = { speakerType: 'person', outlet: 'Vale Gazette', title: 'Force rules out hunter groups', published: '2024-03-14', url: 'https://www.valegazette.example/a' };
    expect(quoteCitation({ ...base, speaker: 'Simon Threlfall', description: 'Deputy Chief Constable' })).toBe(
      'Simon Threlfall, Deputy Chief Constable, quoted in Vale Gazette, 14 March 2024, https://www.valegazette.example/a',
    );
    expect(quoteCitation({ ...base, speaker: 'Wessex Vale Police', speakerType: 'organisation', description: 'spokesman' })).toBe(
      'Wessex Vale Police spokesman, quoted in Vale Gazette, 14 March 2024, https://www.valegazette.example/a',
    );
    const bare = quoteCitation({ speaker: null, speakerType: null, description: null, outlet: null, title: 'Bus route axed', published: null, url: null });
    expect(bare).toBe('Quoted in “Bus route axed”');
    expect(quoteCitation({ speaker: 'Jo Finch', speakerType: 'person', description: null, outlet: null, title: null, published: null, url: null })).toBe('Jo Finch, quoted');
  });

  it('reads authors from a byline, leaving out job titles', () => {
    expect(bylineAuthors(article.byline)).toEqual([
      { given: 'Alex', family: 'Marlow' },
      { given: 'Jo', family: 'Finch' },
    ]);
    expect(bylineAuthors('Press Association')).toEqual([{ literal: 'Press Association' }]);
    expect(bylineAuthors('Okoro')).toEqual([{ literal: 'Okoro' }]);
    expect(bylineAuthors(null)).toEqual([]);
  });

  it('makes a CSL-JSON article-newspaper item', () => {
    expect(cslItem(article)).toEqual({
      id: article.id,
      type: 'article-newspaper',
      title: article.title,
      'container-title': 'Kelder Vale Courier',
      issued: { 'date-parts': [[2025, 2, 11]] },
      URL: article.url,
      author: [
        { given: 'Alex', family: 'Marlow' },
        { given: 'Jo', family: 'Finch' },
      ],
      note: `verbatim article ${article.id}`,
    });
    expect(cslItem({ ...article, published: null, url: null, byline: null })).not.toHaveProperty('issued');
  });

  it('escapes BibTeX specials and keeps every field brace-balanced', () => {
    expect(bibtexEscape('{a} 100% & $5 #1 snake_case ~ ^ \\')).toBe(
      '\\textbraceleft{}a\\textbraceright{} 100\\% \\& \\$5 \\#1 snake\\_case \\textasciitilde{} \\textasciicircum{} \\textbackslash{}',
    );
    const taken = new Set<string>();
    const entry = bibtexEntry(article, taken);
    expect(entry).toMatch(/^@article\{keldervalecourier2025-a1b2c3d4,\n/u);
    expect(entry).toContain('title = {{Rates \\& 5\\% \\textbraceleft{}draft\\textbraceright{} rise: \\$2m plan \\#budget\\_2025}}');
    expect(entry).toContain('author = {Marlow, Alex and Finch, Jo}');
    expect(entry).toContain('journal = {Kelder Vale Courier}');
    expect(entry).toContain('date = {2025-02-11}');
    expect(entry).toContain('year = {2025}');
    expect(entry).toContain(`note = {verbatim article ${article.id}}`);
    const depth = [...entry].reduce((d, c) => d + (c === '{' ? 1 : c === '}' ? -1 : 0), 0);
    expect(depth).toBe(0);
    // The same outlet, year and id start: a longer key, never a repeated one.
    expect(bibtexEntry({ ...article, id: 'a1b2c3d4ffff0000' }, taken)).toMatch(/^@article\{keldervalecourier2025-a1b2c3d4ffff,/u);
  });
});
