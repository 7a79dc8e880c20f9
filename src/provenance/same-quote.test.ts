import { describe, expect, it } from 'vitest';
import { align, quoteSentences, sameQuotes, tokens, type QuoteUnit } from './same-quote.js';

const unit = (articleId: string, text: string, published: string | null = null): QuoteUnit => ({ articleId, quoteId: 'q1', start: 0, end: text.length, text, speaker: 'Irene Marsh', published, outlet: null });

describe('the same quote across articles', () => {
  it('groups a quote reproduced with a contraction, an editorial bracket and words dropped, first appearance first', () => {
    const groups = sameQuotes([
      unit('b', "I'm not going to condone these patrols and I would urge them all to stop.", '2024-05-02'),
      unit('a', 'I am not going to condone these patrols and I would urge them all to stop.', '2024-04-30'),
      unit('c', 'I think [working with the patrols] is something we will have to look at, yes.', '2024-05-01'),
      unit('d', 'I think working with the patrols is something we will have to potentially look at.', '2024-04-29'),
      unit('e', 'The weather in Harbridge was mild for the time of year.', '2024-04-28'),
    ]);
    expect(groups.map((g) => g.members.map((m) => m.articleId))).toEqual([['d', 'c'], ['a', 'b']]);
    const [working, condone] = groups;
    expect(condone?.members[1]?.differences.filter((d) => d.op !== 'same')).toEqual([{ op: 'changed', first: 'I am', this: "I'm" }]);
    const changes = working?.members[1]?.differences.filter((d) => d.op !== 'same') ?? [];
    expect(changes).toContainEqual({ op: 'changed', first: 'working', this: '[working' });
    expect(changes).toContainEqual({ op: 'dropped', text: 'potentially' });
    expect(changes).toContainEqual({ op: 'added', text: 'yes.' });
  });

  it('keeps short sentences and quotes from one article out', () => {
    expect(sameQuotes([unit('a', 'We will.'), unit('b', 'We will.')])).toEqual([]);
    expect(sameQuotes([unit('a', 'I am not going to condone these patrols at all.'), unit('a', 'I am not going to condone these patrols at all.')])).toEqual([]);
  });

  it('expands contractions for matching and keeps the words as written', () => {
    expect(tokens("We're here").map((t) => [t.surface, t.norm])).toEqual([["We're", 'we'], ["We're", 'are'], ['here', 'here']]);
    expect(align(['a', 'b', 'c'], ['a', 'c'])).toEqual([[0, 0], [2, 1]]);
  });

  it('cuts a quote into sentences with their offsets', () => {
    const text = 'First point here. "Second one follows." Third.';
    const parts = quoteSentences({ articleId: 'a', quoteId: 'q1', speaker: null, published: null, outlet: null }, text, 100);
    expect(parts.map((p) => [p.text, p.start - 100])).toEqual([['First point here.', 0], ['"Second one follows."', 18], ['Third.', 40]]);
  });
});
