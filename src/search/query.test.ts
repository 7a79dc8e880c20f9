import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { foldText, foldedWords } from './fold.js';
import { findPhrase, mergeSpans, phraseRegExp } from './match.js';
import { MAX_DEPTH, MAX_PHRASES, parsePattern, parseQuery, QueryError } from './query.js';

/** The error a query gives (fails the test when it gives none). */
function errorOf(run: () => unknown): QueryError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(QueryError);
    return error as QueryError;
  }
  throw new Error('expected a QueryError');
}

describe('words as the index sees them', () => {
  it('folds case and diacritics character for character, keeping every offset', () => {
    for (const text of ['Café Rouge', 'İstanbul ÉCOLE', 'Straße', 'naïve “quotes” don’t', 'plain ascii TEXT']) {
      const folded = foldText(text);
      expect(folded.length).toBe(text.length);
    }
    expect(foldText('Café ÉCOLE İz')).toBe('cafe ecole iz');
  });

  it('splits words at punctuation, apostrophes straight or curly alike', () => {
    expect(foldedWords("Don't co-operate")).toEqual(['don', 't', 'co', 'operate']);
    expect(foldedWords('Don’t')).toEqual(['don', 't']);
    expect(foldedWords('!!! -- ...')).toEqual([]);
  });

  it('finds a phrase as whole words, a prefix as any word it begins', () => {
    const text = 'Paedophile-hunter groups; paedophile hunters, PAEDOPHILE HUNTING and hunter.';
    const folded = foldText(text);
    const exact = findPhrase(folded, phraseRegExp({ words: ['paedophile', 'hunter'], prefix: false })).map((s) => text.slice(s.start, s.end));
    expect(exact).toEqual(['Paedophile-hunter']);
    const prefix = findPhrase(folded, phraseRegExp({ words: ['paedophile', 'hunt'], prefix: true })).map((s) => text.slice(s.start, s.end));
    expect(prefix).toEqual(['Paedophile-hunter', 'paedophile hunters', 'PAEDOPHILE HUNTING']);
    expect(findPhrase(folded, phraseRegExp({ words: ['hunt'], prefix: false }))).toEqual([]);
  });

  it('merges overlapping and touching spans', () => {
    expect(mergeSpans([{ start: 5, end: 9 }, { start: 0, end: 3 }, { start: 3, end: 4 }, { start: 7, end: 12 }])).toEqual([{ start: 0, end: 4 }, { start: 5, end: 12 }]);
  });
});

describe('parseQuery', () => {
  it('reads words, phrases and prefixes into quoted FTS5', () => {
    expect(parseQuery('police hunters').fts).toBe('"police" AND "hunters"');
    expect(parseQuery('"paedophile hunters"').fts).toBe('"paedophile hunters"');
    expect(parseQuery('hunt*').fts).toBe('"hunt" *');
    expect(parseQuery('"paedophile hunt"*').fts).toBe('"paedophile hunt" *');
    expect(parseQuery('"paedophile hunt*"').fts).toBe('"paedophile hunt" *');
    expect(parseQuery('hunt *').fts).toBe('"hunt" *');
    expect(parseQuery('Café').fts).toBe('"cafe"');
    // Punctuation inside a word makes a phrase, as the index reads it.
    expect(parseQuery("don't co-operate").fts).toBe('"don t" AND "co operate"');
    // A run of punctuation alone separates words.
    expect(parseQuery('police & hunters').fts).toBe('"police" AND "hunters"');
    // Lower-case operators are words.
    expect(parseQuery('police and hunters').fts).toBe('"police" AND "and" AND "hunters"');
  });

  it('reads AND, OR, NOT and parentheses with FTS5 precedence (NOT, then AND, then OR)', () => {
    expect(parseQuery('a OR b c').fts).toBe('"a" OR ("b" AND "c")');
    expect(parseQuery('a b NOT c').fts).toBe('"a" AND ("b" NOT "c")');
    expect(parseQuery('(a OR b) AND c').fts).toBe('("a" OR "b") AND "c"');
    expect(parseQuery('hunters NOT (council OR police)').fts).toBe('"hunters" NOT ("council" OR "police")');
    expect(parseQuery('((a))').fts).toBe('"a"');
  });

  it('reads NEAR groups with an optional distance', () => {
    expect(parseQuery('NEAR(police "hunter groups", 5)').fts).toBe('NEAR("police" "hunter groups", 5)');
    expect(parseQuery('NEAR(police hunters)').fts).toBe('NEAR("police" "hunters", 10)');
  });

  it('lists the phrases to mark, leaving out those under NOT', () => {
    const parsed = parseQuery('("paedophile hunters" OR hunt*) NOT council police');
    expect(parsed.phrases).toEqual([
      { words: ['paedophile', 'hunters'], prefix: false },
      { words: ['hunt'], prefix: true },
      { words: ['police'], prefix: false },
    ]);
  });

  it.each([
    ['"paedophile hunters', /phrase opened by the " at character 1 is never closed/u],
    ['hunters "groups', /the " at character 9 is never closed/u],
    ['(police OR council', /the \( at character 1 is never closed/u],
    ['police) OR council', /the \) at character 7 closes no \(/u],
    ['()', /the \( \) at character 1 holds nothing/u],
    ['AND', /AND at character 1 needs a word or phrase before it/u],
    ['hunters OR', /OR at character 9 needs a word or phrase after it/u],
    ['OR hunters', /OR at character 1 needs a word or phrase before it/u],
    ['NOT council', /NOT at character 1 needs words before it/u],
    ['hunters NOT', /NOT at character 9 needs a word or phrase after it/u],
    ['police AND OR council', /OR at character 12 follows AND at character 8/u],
    ['(police OR) council', /OR at character 9 needs a word or phrase after it/u],
    ['NEAR(', /the \( at character 5 is never closed/u],
    ['NEAR(police)', /NEAR at character 1 takes words or phrases/u],
    ['NEAR(police hunters, many)', /NEAR at character 1 takes words or phrases.*whole number/u],
    ['NEAR(police OR hunters)', /NEAR at character 1 takes words or phrases/u],
    ['*', /the \* at character 1 must follow a word/u],
    ['police **', /the \* at character 9 must follow a word/u],
    ['""', /the phrase at character 1 has no words/u],
    ['"!!!"', /the phrase at character 1 has no words/u],
    ['title:police', /looks like a column filter/u],
    ['hunters -council', /write NOT council/u],
  ])('refuses %s, saying why and where', (query, reason) => {
    const error = errorOf(() => parseQuery(query));
    expect(error.message).toContain(`the search query ${JSON.stringify(query)} is not valid: `);
    expect(error.message).toMatch(reason);
  });

  it('refuses absurd input: too long, control characters, nothing to search for, too many words, too deep', () => {
    const long = 'hunter '.repeat(1500);
    expect(errorOf(() => parseQuery(long)).message).toMatch(/^the search query "(?:hunter ){11}hun…" is too long \(10500 characters; at most 500\)$/u);
    expect(errorOf(() => parseQuery('police\u0007hunters')).message).toMatch(/holds a control character \(U\+0007\) at character 7/u);
    expect(errorOf(() => parseQuery('police\u0000')).message).toMatch(/control character \(U\+0000\)/u);
    expect(errorOf(() => parseQuery('   ')).message).toMatch(/is empty/u);
    expect(errorOf(() => parseQuery('!!! ... ---')).message).toMatch(/has no words to search for \(only punctuation\)/u);
    expect(errorOf(() => parseQuery(Array.from({ length: MAX_PHRASES + 1 }, (_, i) => `w${i}`).join(' '))).message).toMatch(/at most 64/u);
    expect(errorOf(() => parseQuery(`${'('.repeat(MAX_DEPTH + 1)}a${')'.repeat(MAX_DEPTH + 1)}`)).message).toMatch(/nest more than 16 deep/u);
    // Tabs and line breaks are spaces.
    expect(parseQuery('police\thunters\n').fts).toBe('"police" AND "hunters"');
  });

  describe('against SQLite itself', () => {
    const db = new BetterSqlite3(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize='unicode61 remove_diacritics 2')");
    db.prepare('INSERT INTO t (title, text) VALUES (?, ?)').run('Hunter groups', 'Police don’t work with paedophile hunters (or “hunter groups”) at Café Rouge.');
    const match = db.prepare('SELECT count(*) AS n FROM t WHERE t MATCH ?');
    afterAll(() => db.close());

    it('finds what the query asks for', () => {
      const n = (q: string): number => (match.get(parseQuery(q).fts) as { n: number }).n;
      expect(n('"paedophile hunters"')).toBe(1);
      expect(n("don't")).toBe(1);
      expect(n('cafe')).toBe(1);
      expect(n('hunt* NOT council')).toBe(1);
      expect(n('hunters NOT police')).toBe(0);
      expect(n('NEAR(police hunters, 6)')).toBe(1);
      expect(n('NEAR(police rouge, 2)')).toBe(0);
    });

    it('never hands FTS5 an expression it cannot read, whatever the query (random queries)', () => {
      const pieces = ['police', 'hunt', 'AND', 'OR', 'NOT', 'NEAR', '(', ')', '"', '*', ',', ':', '-', '^', '+', '{', '}', "'", '’', 'é', ' ', ' ', ' ', '5', '\t', 'title', '.', '\\', '%', '_'];
      let seed = 42;
      const random = (n: number): number => {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        return seed % n;
      };
      let read = 0;
      for (let i = 0; i < 3000; i++) {
        const query = Array.from({ length: 1 + random(12) }, () => pieces[random(pieces.length)] ?? '').join(random(2) === 0 ? '' : ' ');
        let fts: string;
        try {
          fts = parseQuery(query).fts;
        } catch (error) {
          expect(error, query).toBeInstanceOf(QueryError);
          continue;
        }
        read++;
        expect(() => match.get(fts), `${query} -> ${fts}`).not.toThrow();
      }
      expect(read).toBeGreaterThan(300);
    });
  });
});

describe('parsePattern', () => {
  it('reads words as one phrase, a * ending the last for a prefix, quotes around the whole allowed', () => {
    expect(parsePattern('paedophile hunter*')).toEqual({ words: ['paedophile', 'hunter'], prefix: true });
    expect(parsePattern('"paedophile hunter*"')).toEqual({ words: ['paedophile', 'hunter'], prefix: true });
    expect(parsePattern('"paedophile hunter"*')).toEqual({ words: ['paedophile', 'hunter'], prefix: true });
    expect(parsePattern("Don’t")).toEqual({ words: ['don', 't'], prefix: false });
    // Operators mean nothing in a pattern.
    expect(parsePattern('police OR council')).toEqual({ words: ['police', 'or', 'council'], prefix: false });
  });

  it.each([
    ['hunt*er groups', /a \* may only end the last word/u],
    ['paedophile "hunter" groups', /leave out the quote marks/u],
    ['hunter**', /two stars/u],
    ['*', /the \* must follow a word/u],
    ['...', /no words/u],
    ['', /is empty/u],
    ['a\u001bb', /control character \(U\+001B\)/u],
  ])('refuses %j, saying why', (pattern, reason) => {
    const error = errorOf(() => parsePattern(pattern));
    expect(error.message).toContain(`the pattern ${JSON.stringify(pattern)} `);
    expect(error.message).toMatch(reason);
  });
});
