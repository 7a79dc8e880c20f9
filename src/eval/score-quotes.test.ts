import { describe, expect, it } from 'vitest';
import {
  goldKind,
  isBarePronoun,
  isSpeechCue,
  loadSpeechCues,
  normaliseSpan,
  normaliseSpans,
  overlapChars,
  prf,
  scoreQuotes,
  tokenKeys,
} from './score-quotes.js';
import type { GoldAttribution, ScoredArticle, Span, SystemQuote } from './types.js';

const cues = loadSpeechCues();

/** Span of `part` in `text` (its `nth` occurrence), so fixtures read as words, not offsets. */
function at(text: string, part: string, nth = 0): Span {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(part, start + 1);
  if (start === -1) throw new Error(`${part} not in fixture`);
  return { start, end: start + part.length };
}

function slice(text: string, span: Span | null): string | null {
  return span === null ? null : text.slice(span.start, span.end);
}

describe('normaliseSpan', () => {
  const text = ' He said: “Keep it under wraps.” ; ';
  it('trims whitespace, outer curly quotes and trailing punctuation, repeatedly', () => {
    expect(slice(text, normaliseSpan(text, { start: 9, end: text.length }))).toBe('Keep it under wraps');
  });
  it('trims straight and single marks too', () => {
    const t = `'label', "Quote it."`;
    expect(slice(t, normaliseSpan(t, { start: 0, end: 8 }))).toBe('label');
    expect(slice(t, normaliseSpan(t, { start: 9, end: t.length }))).toBe('Quote it');
  });
  it('keeps a cue that is only a colon (whitespace-trimmed), and drops blank spans', () => {
    expect(slice(text, normaliseSpan(text, { start: 8, end: 10 }))).toBe(':');
    expect(normaliseSpan(text, { start: 0, end: 1 })).toBeNull();
  });
  it('merges overlapping and touching spans after normalising', () => {
    const t = 'one two three';
    expect(normaliseSpans(t, [{ start: 4, end: 13 }, { start: 0, end: 4 }, { start: 2, end: 6 }])).toEqual([{ start: 0, end: 13 }]);
  });
});

describe('tokens and overlap', () => {
  it('counts runs of letters and digits in any script, by offset', () => {
    const t = 'Zoë said: don’t — 42%';
    expect([...tokenKeys(t, [{ start: 0, end: t.length }])].map((k) => t.slice(...(k.split(':').map(Number) as [number, number])))).toEqual([
      'Zoë',
      'said',
      'don',
      't',
      '42',
    ]);
  });
  it('counts shared characters of merged span lists', () => {
    expect(overlapChars([{ start: 0, end: 10 }, { start: 20, end: 30 }], [{ start: 5, end: 25 }])).toBe(10);
  });
});

describe('goldKind (from the characters in and around the gold content)', () => {
  it('direct: wholly inside quote marks, marks inside or just outside the span', () => {
    const t = 'She said: “We will keep the library open.” Then she left.';
    expect(goldKind(t, [at(t, '“We will keep the library open.”')])).toBe('direct');
    expect(goldKind(t, [at(t, 'We will keep the library open')])).toBe('direct');
  });
  it('mixed: partly quoted; indirect: no quote marks', () => {
    const t = 'He said the council had "no plans" to sell it and would wait.';
    expect(goldKind(t, [at(t, 'the council had "no plans" to sell it')])).toBe('mixed');
    expect(goldKind(t, [at(t, 'would wait')])).toBe('indirect');
  });
  it('reads British single quotes as quote marks but not apostrophes', () => {
    const t = "Ms Hale said 'we can't wait'. The hunters' group didn't reply.";
    expect(goldKind(t, [at(t, "we can't wait")])).toBe('direct');
    expect(goldKind(t, [at(t, "The hunters' group didn't reply")])).toBe('indirect');
  });
  it('a quote running over two paragraphs, the first left open', () => {
    const t = '"First part of it.\n\n"Second part," he said.';
    expect(goldKind(t, [at(t, 'First part of it.'), at(t, 'Second part')])).toBe('direct');
  });
});

describe('cue and source classes', () => {
  it('speech cues: listed forms, phrases, a colon; beliefs and evidence are not', () => {
    expect(isSpeechCue('said', cues)).toBe(true);
    expect(isSpeechCue('told reporters', cues)).toBe(true);
    expect(isSpeechCue('According to', cues)).toBe(true);
    expect(isSpeechCue(':', cues)).toBe(true);
    expect(isSpeechCue('fear', cues)).toBe(false);
    expect(isSpeechCue('polls show', cues)).toBe(false);
  });
  it('bare pronoun sources', () => {
    const t = 'She said it. The mayor said so.';
    expect(isBarePronoun(t, [at(t, 'She')])).toBe(true);
    expect(isBarePronoun(t, [at(t, 'The mayor')])).toBe(false);
    expect(isBarePronoun(t, null)).toBe(false);
  });
});

describe('prf', () => {
  it('computes P, R, F1, with 0 for empty denominators and null precision for gold-only subsets', () => {
    expect(prf(1, 2, 4)).toEqual({ tp: 1, system: 2, gold: 4, precision: 0.5, recall: 0.25, f1: 1 / 3 });
    expect(prf(0, 0, 3)).toEqual({ tp: 0, system: 0, gold: 3, precision: 0, recall: 0, f1: 0 });
    expect(prf(2, null, 4)).toEqual({ tp: 2, system: null, gold: 4, precision: null, recall: 0.5, f1: null });
  });
});

// Ten four-letter words, five characters apart: word i is [5i, 5i + 4).
const WORDS = 'aaaa bbbb cccc dddd eeee ffff Jane Paul said told';
const w = (from: number, to = from): Span => ({ start: 5 * from, end: 5 * to + 4 });

describe('scoreQuotes: a 2-gold / 2-system article where greedy and optimal alignment differ', () => {
  // G1 = words 0-3 (4 tokens), G2 = words 4-5 (2 tokens); S1 = words 1-5 (5 tokens), S2 = word 0 (1 token).
  // Token-F1 = 2·shared / (|g| + |s|): G1-S1 = 6/9 = .667, G1-S2 = 2/5 = .4, G2-S1 = 4/7 = .571, G2-S2 = 0.
  // Greedy takes G1-S1 (.667) and is left with G2-S2 (0): total .667.
  // Hungarian takes G1-S2 + G2-S1 = .971.
  const gold: GoldAttribution[] = [
    { id: 'E1', content: [w(0, 3)], source: [w(6)], cue: [w(8)] },
    { id: 'E2', content: [w(4, 5)], source: [w(7)], cue: [w(9)] },
  ];
  const system: SystemQuote[] = [
    { id: 'S1', content: [w(1, 5)], speaker: [w(7)], cue: [w(9)] },
    { id: 'S2', content: [w(0)], speaker: null, cue: [w(9)] },
  ];
  const article: ScoredArticle = { name: 'vale_one', publisher: 'vale', text: WORDS, gold, system };
  const { scores, alignments } = scoreQuotes([article], cues);

  it('pairs G1 with S2 and G2 with S1', () => {
    expect(alignments[0]?.gold.map((g) => g.pair?.systemId)).toEqual(['S2', 'S1']);
    expect(alignments[0]?.gold[0]?.pair?.tokenF1).toBeCloseTo(0.4, 10);
    expect(alignments[0]?.gold[1]?.pair?.tokenF1).toBeCloseTo(4 / 7, 10);
  });

  it('coverage: G1-S2 = 4/19 (no match at any level), G2-S1 = 9/9 (strict, not exact)', () => {
    expect(alignments[0]?.gold[0]?.pair?.coverage).toBeCloseTo(4 / 19, 10);
    expect(alignments[0]?.gold[1]?.pair?.coverage).toBe(1);
    expect(scores.exact).toMatchObject({ tp: 0, precision: 0, recall: 0, f1: 0 });
    // Greedy would pair G1-S1 (coverage 14/19 = .74: lenient, not strict) and find no strict match at all.
    expect(scores.strict).toMatchObject({ tp: 1, system: 2, gold: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(scores.lenient).toMatchObject({ tp: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it('token P/R: 1 + 2 shared tokens of 6 system and 6 gold tokens', () => {
    expect(scores.token).toMatchObject({ tp: 3, system: 6, gold: 6, precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it('speaker: S1 names Paul like E2 (right), S2 names nobody (wrong); attributed F1 counts only G2-S1', () => {
    expect(scores.speaker.overlap).toEqual({ correct: 1, n: 2, accuracy: 0.5 });
    expect(scores.speaker.strict).toEqual({ correct: 1, n: 2, accuracy: 0.5 });
    expect(scores.attributed).toMatchObject({ tp: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it('cue: S1 "told" = E2 "told"; S2 "told" ≠ E1 "said"', () => {
    expect(scores.cue.exact).toEqual({ correct: 1, n: 2, accuracy: 0.5 });
    expect(scores.cue.overlap).toEqual({ correct: 1, n: 2, accuracy: 0.5 });
  });

  it('breakdowns: both gold indirect, both speech cues, no pronoun source, one publisher', () => {
    expect(scores.breakdowns.kind.indirect).toMatchObject({ gold: 2, system: null });
    expect(scores.breakdowns.kind.indirect.strict).toMatchObject({ tp: 1, recall: 0.5, precision: null, f1: null });
    expect(scores.breakdowns.kind.direct.gold).toBe(0);
    expect(scores.breakdowns.speechCue.gold).toBe(2);
    expect(scores.breakdowns.otherCue.gold).toBe(0);
    expect(scores.breakdowns.pronounSource.gold).toBe(0);
    expect(Object.keys(scores.breakdowns.publisher)).toEqual(['vale']);
    expect(scores.breakdowns.publisher.vale?.strict.f1).toBe(0.5);
  });
});

describe('scoreQuotes: micro-averaging over two articles, with exact matches, pronouns and a missed quote', () => {
  const text1 = 'Mr Hale said: “We will keep the library open.” The council, she added, had “no plans” to sell it.';
  const text2 = 'Ms Patel said the bridge would reopen in May. It was “a good day”, according to residents.';
  const article1: ScoredArticle = {
    name: 'vale_two',
    publisher: 'vale',
    text: text1,
    gold: [
      { id: 'E1', content: [at(text1, '“We will keep the library open.”')], source: [at(text1, 'Mr Hale')], cue: [at(text1, 'said')] },
      { id: 'E2', content: [at(text1, 'had “no plans” to sell it')], source: [at(text1, 'she')], cue: [at(text1, 'added')] },
    ],
    system: [
      // Exact after normalisation (no marks, no full stop); speaker "Hale" overlaps "Mr Hale"; cue "SAID" == "said" lower-cased.
      { id: 'q1', content: [at(text1, 'We will keep the library open.')], speaker: [at(text1, 'Hale')], cue: [at(text1, 'said')] },
      // Normalised to "had “no plans" (its closing mark trimmed): 13 of the 25 gold characters (.52: lenient, not strict); speaker exactly "she".
      { id: 'q2', content: [at(text1, 'had “no plans”')], speaker: [at(text1, 'she')], cue: null },
    ],
  };
  const article2: ScoredArticle = {
    name: 'ridge_one',
    publisher: 'ridge',
    text: text2,
    gold: [{ id: 'E1', content: [at(text2, 'the bridge would reopen in May')], source: [at(text2, 'Ms Patel')], cue: [at(text2, 'said')] }],
    // A false positive, and the gold quote missed.
    system: [{ id: 'q1', content: [at(text2, '“a good day”')], speaker: [at(text2, 'residents')], cue: [at(text2, 'according to')] }],
  };
  const { scores, alignments } = scoreQuotes([article1, article2], cues);

  it('exact 1, strict 1, lenient 2 of 3 system and 3 gold quotes', () => {
    expect(scores.gold).toBe(3);
    expect(scores.system).toBe(3);
    expect(scores.matched).toBe(2);
    expect(alignments[0]?.gold[1]?.pair?.coverage).toBeCloseTo(13 / 25, 10);
    expect(scores.exact).toMatchObject({ tp: 1, precision: 1 / 3, recall: 1 / 3 });
    expect(scores.strict).toMatchObject({ tp: 1 });
    expect(scores.lenient).toMatchObject({ tp: 2, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 });
  });

  it('tokens: 6 + 3 shared; 6 + 3 + 3 system tokens; 6 + 6 + 6 gold tokens', () => {
    expect(scores.token).toMatchObject({ tp: 9, system: 12, gold: 18, precision: 0.75, recall: 0.5 });
    expect(scores.token.f1).toBeCloseTo(0.6, 10);
  });

  it('speakers right on both matches (overlap), strictly right only for "she"; attributed tp 2', () => {
    expect(scores.speaker.overlap).toEqual({ correct: 2, n: 2, accuracy: 1 });
    expect(scores.speaker.strict).toEqual({ correct: 1, n: 2, accuracy: 0.5 });
    expect(scores.attributed).toMatchObject({ tp: 2, f1: 2 / 3 });
  });

  it('cue: one of two matched quotes right', () => {
    expect(scores.cue.exact).toEqual({ correct: 1, n: 2, accuracy: 0.5 });
  });

  it('breakdowns: kind (direct, mixed, indirect), pronoun source, publishers with their own P/R', () => {
    expect(scores.breakdowns.kind.direct.exact).toMatchObject({ tp: 1, gold: 1, recall: 1 });
    expect(scores.breakdowns.kind.mixed.lenient).toMatchObject({ tp: 1, gold: 1 });
    expect(scores.breakdowns.kind.indirect).toMatchObject({ gold: 1, matched: 0 });
    expect(scores.breakdowns.pronounSource).toMatchObject({ gold: 1, matched: 1 });
    expect(scores.breakdowns.publisher.ridge?.lenient).toMatchObject({ tp: 0, system: 1, gold: 1, precision: 0, recall: 0 });
    expect(scores.breakdowns.publisher.vale?.lenient).toMatchObject({ tp: 2, system: 2, gold: 2, f1: 1 });
  });
});

describe('scoreQuotes: speakers by name (seeds)', () => {
  const text = 'Chief Constable Simon Bailey said forces must act. He added that it was complex.';
  const gold: GoldAttribution = {
    id: 'q1',
    content: [at(text, 'forces must act')],
    source: [at(text, 'Chief Constable Simon Bailey')],
    cue: [at(text, 'said')],
    speakerNames: ['Bailey'],
    level: 'core',
  };
  const run = (speaker: Span | null) =>
    scoreQuotes([{ name: 's', publisher: 'seeds', text, gold: [gold], system: [{ id: 'x', content: [at(text, 'forces must act')], speaker: speaker && [speaker], cue: null }] }], cues)
      .scores;

  it('counts a mention elsewhere that names the speaker (whole word, any case) as right', () => {
    const other = 'Bailey';
    const t2 = `${text} ${other}`;
    const scores = scoreQuotes([{ name: 's', publisher: 'seeds', text: t2, gold: [gold], system: [{ id: 'x', content: [at(t2, 'forces must act')], speaker: [at(t2, other, 1)], cue: null }] }], cues).scores;
    expect(scores.speaker.overlap.correct).toBe(1);
    expect(scores.speaker.strict.correct).toBe(0);
  });
  it('a pronoun mention that does not overlap is wrong; no speaker is wrong; levels are reported', () => {
    expect(run(at(text, 'He')).speaker.overlap.correct).toBe(0);
    expect(run(null).speaker.overlap.correct).toBe(0);
    expect(run(null).breakdowns.level?.core?.gold).toBe(1);
  });
});
