import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateSeedQuotes, PhraseFinder, readSeedGold, splitAtLineBreaks } from './read-seed-gold.js';

// Fictional article, curly quotes and a non-breaking space, written for this test.
const TEXT = [
  'Vale Council confirmed it may close the ‘night bus’ route next year.',
  '',
  'Councillor Ann Reeve said: “We don’t take this lightly.',
  '',
  '“Every\u00A0option is on the table.”',
].join('\n');

describe('PhraseFinder', () => {
  const finder = new PhraseFinder(TEXT);
  it('matches straight apostrophes to curly ones, any whitespace to any whitespace', () => {
    expect(finder.find("We don't take")).toEqual({ start: TEXT.indexOf('We don’t'), end: TEXT.indexOf('We don’t') + 13 });
    expect(finder.find('Every option is')).not.toBeNull();
  });
  it('falls back to case-insensitive matching, and whole words when asked', () => {
    expect(finder.find('VALE council')?.start).toBe(0);
    expect(finder.findAll('Vale', 0, true)).toHaveLength(1);
    expect(finder.findAll('rout', 0, true)).toHaveLength(0);
  });
});

describe('locateSeedQuotes', () => {
  const quotes = [
    { level: 'core', kind: 'direct', speaker: 'Ann Reeve', speaker_mention: 'Councillor Ann Reeve', cue: 'said', starts: "We don't take", ends: 'on the table.', paragraphs: 2 },
    { level: 'extended', kind: 'indirect', speaker: 'Vale Council', accept: ['the council'], speaker_mention: 'Vale Council', cue: 'confirmed', starts: 'it may close', ends: 'next year' },
    { level: 'core', kind: 'direct', speaker: 'Nobody', starts: 'words that are not there', ends: 'anywhere' },
  ];
  const located = locateSeedQuotes(TEXT, quotes, ['night bus', 'not in the text'], 'fixture.txt');

  it('spans from the start of "starts" to the end of "ends", one span per paragraph', () => {
    const [direct, indirect] = located.gold;
    expect(direct?.content.map((s) => TEXT.slice(s.start, s.end))).toEqual(['We don’t take this lightly.', '“Every\u00A0option is on the table.']);
    expect(indirect?.content.map((s) => TEXT.slice(s.start, s.end))).toEqual(['it may close the ‘night bus’ route next year']);
  });

  it('keeps speaker names (surname and accept list), the nearest mention and cue spans, and the level', () => {
    const [direct, indirect] = located.gold;
    expect(direct?.speakerNames).toEqual(['Reeve']);
    expect(indirect?.speakerNames).toEqual(['Council', 'the council']);
    expect(direct?.source?.map((s) => TEXT.slice(s.start, s.end))).toEqual(['Councillor Ann Reeve']);
    expect(direct?.cue.map((s) => TEXT.slice(s.start, s.end))).toEqual(['said']);
    expect([direct?.level, indirect?.level]).toEqual(['core', 'extended']);
    expect(located.givenKinds.get('q2')).toBe('indirect');
  });

  it('reports a quote it cannot locate, and not_quotes with no quote-marked occurrence', () => {
    expect(located.gold.map((g) => g.id)).toEqual(['q1', 'q2']);
    expect(located.problems.map((p) => p.rule)).toEqual(['eval.seeds.not-located', 'eval.seeds.not-quote-not-located']);
    expect(located.notQuotes[0]?.spans.map((s) => TEXT.slice(s.start, s.end))).toEqual(['night bus']);
  });

  it('reports a paragraph count that disagrees with the key', () => {
    const { problems } = locateSeedQuotes(TEXT, [{ starts: "We don't", ends: 'lightly.', paragraphs: 2 }], [], 'f');
    expect(problems.map((p) => p.rule)).toEqual(['eval.seeds.paragraphs']);
  });
});

describe('splitAtLineBreaks', () => {
  it('drops blank pieces and trims each one', () => {
    const t = 'a b\n\n  c d \n';
    expect(splitAtLineBreaks(t, { start: 0, end: t.length })).toEqual([
      { start: 0, end: 3 },
      { start: 7, end: 10 },
    ]);
  });
});

describe('readSeedGold', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-seeds-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the articles named in gold.json from its folder, and reports missing ones', () => {
    writeFileSync(path.join(dir, 'vale.txt'), TEXT);
    const key = { about: 'test', articles: { 'vale.txt': { quotes: [{ starts: 'it may close', ends: 'next year', speaker: 'Vale Council' }], not_quotes: [] }, 'gone.txt': { quotes: [{}] } } };
    writeFileSync(path.join(dir, 'gold.json'), JSON.stringify(key));
    const gold = readSeedGold(path.join(dir, 'gold.json'));
    expect([gold.quotes, gold.located]).toEqual([2, 1]);
    expect(gold.problems.map((p) => p.rule)).toEqual(['eval.seeds.no-article']);
  });

  it('says clearly when gold.json is missing', () => {
    expect(() => readSeedGold(path.join(dir, 'nope.json'))).toThrow(/not found/);
  });
});
