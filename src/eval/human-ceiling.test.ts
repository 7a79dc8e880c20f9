import { describe, expect, it } from 'vitest';
import { attributionsAsSystem, humanCeiling } from './human-ceiling.js';
import type { BratArticle } from './read-brat.js';
import type { GoldAttribution } from './types.js';

const TEXT = 'The mayor said the road would close. Residents fear delays.';
const said: GoldAttribution = { id: 'E1', content: [{ start: 15, end: 35 }], source: [{ start: 0, end: 9 }], cue: [{ start: 10, end: 14 }] };
const fear: GoldAttribution = { id: 'E2', content: [{ start: 52, end: 58 }], source: [{ start: 37, end: 46 }], cue: [{ start: 47, end: 51 }] };

function article(name: string, annotations: [string, GoldAttribution[]][]): BratArticle {
  return {
    name,
    publisher: 'vale',
    text: TEXT,
    annotations: annotations.map(([annotator, attributions]) => ({ annotator, file: `${name}_${annotator}.ann`, attributions, relations: attributions.length })),
  };
}

describe('humanCeiling', () => {
  it('turns attributions into system quotes: source as speaker, cue kept (none when empty)', () => {
    expect(attributionsAsSystem([said, { ...fear, cue: [] }])).toEqual([
      { id: 'E1', content: said.content, speaker: said.source, cue: said.cue },
      { id: 'E2', content: fear.content, speaker: fear.source, cue: null },
    ]);
  });

  it('scores every other annotator against the first, only on multi-annotator articles', () => {
    const ceiling = humanCeiling([
      article('vale_single', [['a1', [said, fear]]]),
      // b2 agrees with a1 on "said" and missed "fear"; c3 found both.
      article('vale_multi', [
        ['a1', [said, fear]],
        ['b2', [said]],
        ['c3', [said, fear]],
      ]),
    ]);
    expect(ceiling.articles).toBe(1);
    expect(ceiling.comparisons).toEqual([
      { article: 'vale_multi', gold: 'a1', other: 'b2' },
      { article: 'vale_multi', gold: 'a1', other: 'c3' },
    ]);
    // 4 gold (2 per comparison), 3 "system" attributions, 3 exact matches.
    expect(ceiling.scores?.exact).toMatchObject({ tp: 3, system: 3, gold: 4, precision: 1, recall: 0.75 });
    expect(ceiling.scores?.speaker.strict).toEqual({ correct: 3, n: 3, accuracy: 1 });
    expect(ceiling.scores?.breakdowns.speechCue.gold).toBe(2);
    expect(ceiling.scores?.breakdowns.otherCue.gold).toBe(2);
  });

  it('has no scores when no article has a second annotator', () => {
    expect(humanCeiling([article('vale_single', [['a1', [said]]])])).toEqual({ articles: 0, comparisons: [], scores: null });
  });
});
