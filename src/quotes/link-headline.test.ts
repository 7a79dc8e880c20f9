import { describe, expect, it } from 'vitest';
import { runQuoteStages, showQuotes } from '../../test/helpers/quote-document.js';
import type { Document } from '../model/document.js';
import { findActors } from '../actors/find-actors.js';
import { QUOTE_STAGES } from './index.js';
import { HEADLINE_RULES, tokenizeSpan } from './link-headline.js';

const run = (text: string): Document => runQuoteStages(text, [...QUOTE_STAGES, findActors], { headline: true });
const headlineQuotes = (doc: Document): ReturnType<typeof showQuotes> =>
  showQuotes(doc).filter((_, i) => (doc.quotes[i]?.content[0]?.start ?? Infinity) < (doc.headline?.end ?? 0));
const actorOf = (doc: Document, i = 0): string | undefined => doc.actors.find((a) => a.id === doc.quotes[i]?.actor)?.name;

describe('linkHeadline', () => {
  it('a cue after the quote: \'...\', says X', () => {
    const doc = run("'We will keep going', says hunter group founder\n\nMarcus Tolley, the group's founder, said the stings would go on.");
    expect(headlineQuotes(doc)).toEqual([{ kind: 'direct', rule: HEADLINE_RULES.cueAfter, content: ['We will keep going'], cue: 'says', speaker: 'hunter group founder' }]);
    expect(actorOf(doc)).toBe('Marcus Tolley');
  });

  it('a cue before the quote: X says ... \'...\'', () => {
    const doc = run("Trust says stings 'best left to the police'\n\nThe Ashcombe Children's Trust said officers should lead.");
    expect(headlineQuotes(doc)).toMatchObject([{ rule: HEADLINE_RULES.cueBefore, cue: 'says', speaker: 'Trust' }]);
    expect(actorOf(doc)).toBe("Ashcombe Children's Trust");
  });

  it('no verb: the words before the quote are the speaker', () => {
    const doc = run("Councillor 'will not back' parking charges\n\nCllr Edith Marr said she would vote against the plan.");
    expect(headlineQuotes(doc)).toMatchObject([{ rule: HEADLINE_RULES.subject, cue: null, speaker: 'Councillor' }]);
  });

  it('a quote in the middle of a long headline names nobody', () => {
    const doc = run("Plans for the new bypass at Ashcombe and the station 'delayed again'\n\nThe council said work would start in spring.");
    expect(headlineQuotes(doc)).toMatchObject([{ speaker: null }]);
  });

  it('cuts headline words, possessives apart', () => {
    expect(tokenizeSpan("Vale's chief: 'no deal'", 0, 23).map((t) => t.text)).toEqual(['Vale', "'s", 'chief', ':', "'", 'no', 'deal', "'"]);
  });
});
