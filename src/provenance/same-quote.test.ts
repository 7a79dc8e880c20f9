import { describe, expect, it } from 'vitest';
import { align, quoteSentences, sameQuotes, sameWords, tokens, type QuoteUnit } from './same-quote.js';

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

  it('confirms a quote cut or edited on the way, never a stock phrase or a short sentence a word apart', () => {
    const norms = (text: string): string[] => tokens(text).map((t) => t.norm);
    const same = (a: string, b: string): boolean => sameWords(norms(a), norms(b));
    expect(same('We will not be working with these groups under any circumstances.', "We won't be working with these groups under any circumstances at all.")).toBe(true);
    expect(same('We will not be working with these groups under any circumstances, she said, because the risks are too high.', 'We will not be working with these groups under any circumstances.')).toBe(true);
    // A stock opening inside a longer, different sentence.
    expect(same("It's going to be tough.", 'It is going to be tough and we need to take every chance that comes our way this season.')).toBe(false);
    expect(same('I am not going to resign.', "I'm not going to sit here and say we have sorted the problem.")).toBe(false);
    // Short sentences a word apart: too short to be told from chance.
    expect(same("I don't know what to say.", "I don't know what happened.")).toBe(false);
    expect(sameQuotes([unit('a', "I don't know what to say."), unit('b', "I don't know what happened.")])).toEqual([]);
    // Word for word, a short sentence still joins (wire copy repeats quotes exactly).
    expect(sameQuotes([unit('a', 'I am not going to resign.'), unit('b', "I'm not going to resign.")]).map((g) => g.articles)).toEqual([2]);
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
