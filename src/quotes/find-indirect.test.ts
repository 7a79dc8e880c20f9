import { describe, expect, it } from 'vitest';
import { assertInvariants } from '../model/check-invariants.js';
import { runQuoteStages, showQuotes, type ShownQuote } from '../../test/helpers/quote-document.js';
import type { Document } from '../model/document.js';
import { findIndirect, INDIRECT_CONFIDENCE, INDIRECT_RULES } from './find-indirect.js';
import { findQuoteMarks } from './find-quote-marks.js';
import { LINK_CONFIDENCE, linkCues } from './link-cues.js';

const run = (text: string): Document => runQuoteStages(text, [findQuoteMarks, linkCues, findIndirect]);
const shown = showQuotes;

function indirect(doc: Document): ShownQuote[] {
  return shown(doc).filter((q) => q.kind === 'indirect');
}

describe('findIndirect: reporting verb and clause', () => {
  it('warned-that-clause-without-its-that', () => {
    const doc = run('Cllr Janet Okafor warned that the scheme would fail.');
    expect(shown(doc)).toEqual([{ kind: 'indirect', rule: INDIRECT_RULES.that, content: ['the scheme would fail'], cue: 'warned', speaker: 'Cllr Janet Okafor' }]);
  });

  it('said-without-that', () => {
    const doc = run('The force said it had no plans to work with the groups.');
    expect(shown(doc)).toEqual([{ kind: 'indirect', rule: INDIRECT_RULES.bare, content: ['it had no plans to work with the groups'], cue: 'said', speaker: 'The force' }]);
  });

  it('confirmed-without-that', () => {
    const doc = run('Police confirmed they may consider it.');
    expect(shown(doc)).toMatchObject([{ rule: INDIRECT_RULES.bare, content: ['they may consider it'], cue: 'confirmed', speaker: 'Police' }]);
  });

  it('told-object-that-after-opener', () => {
    const doc = run('On Tuesday, Cllr Rhian Pryce told the Ashcombe Gazette that the library would reopen in May.');
    expect(shown(doc)).toMatchObject([{ rule: INDIRECT_RULES.that, content: ['the library would reopen in May'], cue: 'told', speaker: 'Cllr Rhian Pryce' }]);
  });

  it('belief-with-that-is-indirect', () => {
    const doc = run('Residents fear that the bus route will be cut next year.');
    expect(indirect(doc)).toMatchObject([{ content: ['the bus route will be cut next year'], cue: 'fear', speaker: 'Residents' }]);
  });
});

describe('findIndirect: more cues', () => {
  it('present-belief-without-that-is-indirect', () => {
    const doc = run('Cllr Priya Malhotra believes the new bypass will ease traffic in Little Frome.');
    expect(indirect(doc)).toMatchObject([{ rule: INDIRECT_RULES.bare, content: ['the new bypass will ease traffic in Little Frome'], cue: 'believes', speaker: 'Cllr Priya Malhotra' }]);
  });

  it('evidence-found-that', () => {
    const doc = run('An audit by Wessex Vale Council found that half the streetlights were faulty.');
    expect(indirect(doc)).toMatchObject([{ rule: INDIRECT_RULES.that, content: ['half the streetlights were faulty'], cue: 'found' }]);
  });

  it('indicated-without-that', () => {
    const doc = run('The trust indicated it would not appeal the ruling.');
    expect(indirect(doc)).toMatchObject([{ content: ['it would not appeal the ruling'], cue: 'indicated', speaker: 'The trust' }]);
  });
});

describe('findIndirect: views nobody is named for are not quotes', () => {
  // PolNeAR annotates "X is expected to ..." as an attribution without a source; a quote listing full of them would be noise.
  it('is-expected-to', () => {
    expect(indirect(run('Cllr Dora Pike is widely expected to stand down at the May election.'))).toEqual([]);
  });

  it('appears-to', () => {
    expect(indirect(run('The Ashcombe bypass appears to have cost twice its budget.'))).toEqual([]);
  });
});

describe('findIndirect: source phrase and trailing cue', () => {
  it('according-to-before-content', () => {
    const doc = run('According to the trust, 40 cases were reported.');
    expect(shown(doc)).toEqual([{ kind: 'indirect', rule: INDIRECT_RULES.accordingTo, content: ['40 cases were reported'], cue: 'According to', speaker: 'the trust' }]);
  });

  it('according-to-after-an-opener-with-a-long-source', () => {
    const doc = run('But according to early figures from the survey carried out for the Dunmore Ferry Trust by a team at Wessex University, most riders would pay more.');
    expect(indirect(doc)).toMatchObject([{ rule: INDIRECT_RULES.accordingTo, content: ['most riders would pay more'], cue: 'according to' }]);
    expect(indirect(doc)[0]?.speaker).toMatch(/^early figures/u);
  });

  it('according-to-after-content-with-a-long-source', () => {
    const doc = run('Bus fares in Ashcombe rose by a third last year, according to figures published by the Wessex Transport Users Group on Monday.');
    expect(indirect(doc)).toMatchObject([{ rule: INDIRECT_RULES.trailing, content: ['Bus fares in Ashcombe rose by a third last year'], cue: 'according to' }]);
    expect(indirect(doc)[0]?.speaker).toMatch(/^figures published by the Wessex Transport/u);
  });

  it('according-to-set-off-inside-content', () => {
    const doc = run('The cheapest option, according to a surveyor hired by the parish, is to rebuild the bridge.');
    expect(indirect(doc)).toMatchObject([{ rule: INDIRECT_RULES.parenthetical, content: ['The cheapest option', 'is to rebuild the bridge'], cue: 'according to', speaker: 'a surveyor hired by the parish' }]);
  });

  it('according-to-then-participle-keeps-content-before', () => {
    const doc = run('Tollbridge Rail has settled its dispute with the drivers, according to the union, ending a strike of six weeks.');
    expect(indirect(doc)).toMatchObject([{ rule: INDIRECT_RULES.trailing, content: ['Tollbridge Rail has settled its dispute with the drivers'], cue: 'according to', speaker: 'the union' }]);
  });

  it('according-to-after-content', () => {
    const doc = run('Flooding will close the road for a week, according to Wessex Vale Council.');
    expect(shown(doc)).toMatchObject([{ rule: INDIRECT_RULES.trailing, content: ['Flooding will close the road for a week'], cue: 'according to', speaker: 'Wessex Vale Council' }]);
  });

  it('parenthetical-cue-splits-content', () => {
    const doc = run('The new clinic, the health board said, would open before the end of the year.');
    expect(indirect(doc)).toEqual([
      { kind: 'indirect', rule: INDIRECT_RULES.parenthetical, content: ['The new clinic', 'would open before the end of the year'], cue: 'said', speaker: 'the health board' },
    ]);
  });

  it('trailing-pronoun-said', () => {
    const doc = run('The scheme will fail, she said.');
    expect(shown(doc)).toEqual([{ kind: 'indirect', rule: INDIRECT_RULES.trailing, content: ['The scheme will fail'], cue: 'said', speaker: 'she' }]);
  });

  it('trailing-said-in-a-statement', () => {
    const doc = run('The bridge will stay closed until May, the council said in a statement.');
    expect(shown(doc)).toMatchObject([{ rule: INDIRECT_RULES.trailing, content: ['The bridge will stay closed until May'], cue: 'said', speaker: 'the council' }]);
  });
});

describe('findIndirect: noun cues with their owner', () => {
  it('possessive-name-claim-that', () => {
    const doc = run("Opponents dismissed Cllr Maeve Tollan's claim that the new depot would create 200 jobs.");
    expect(indirect(doc)).toMatchObject([{ rule: INDIRECT_RULES.noun, content: ['the new depot would create 200 jobs'], cue: 'claim', speaker: "Cllr Maeve Tollan's" }]);
  });

  it('possessive-pronoun-with-a-modifier', () => {
    const doc = run('Few in Brackwater shared his repeated warning that the reservoir would run dry by August.');
    expect(indirect(doc)).toMatchObject([{ rule: INDIRECT_RULES.noun, content: ['the reservoir would run dry by August'], cue: 'warning', speaker: 'his' }]);
  });

  it('noun-cue-with-by-source', () => {
    const doc = run('The claim by the Fenwick Residents Association that the survey was rigged has been rejected.');
    expect(indirect(doc)).toMatchObject([{ rule: INDIRECT_RULES.noun, cue: 'claim', speaker: 'the Fenwick Residents Association' }]);
  });

  it('noun-cue-without-an-owner-is-not-a-quote', () => {
    const doc = run('There is a widespread belief that the ferry will stop running next spring.');
    expect(indirect(doc)).toEqual([]);
  });
});

describe('findIndirect: the subject of the cue, not a word next to it', () => {
  it('time-between-subject-and-verb', () => {
    const doc = run('The chief constable of Wessex Vale, Dana Roe, on Friday declared the inquiry closed for good.');
    expect(indirect(doc)).toMatchObject([{ cue: 'declared', speaker: 'The chief constable of Wessex Vale' }]);
  });

  it('manner-adverb-between-subject-and-verb', () => {
    const doc = run('Mr Oduya subsequently testified that he had never seen the ledger.');
    expect(indirect(doc)).toMatchObject([{ cue: 'testified', speaker: 'Mr Oduya', content: ['he had never seen the ledger'] }]);
  });

  it('participle-after-preposition-takes-the-clause-subject', () => {
    const doc = run('Harlow Borough Council ended the meeting by announcing it would sell the old pier.');
    expect(indirect(doc)).toMatchObject([{ cue: 'announcing', speaker: 'Harlow Borough Council', content: ['it would sell the old pier'] }]);
  });

  it('second-verb-after-and-shares-the-subject', () => {
    const doc = run('Thornbury Parish Council closed the footpath last week and said it would stay shut until the spring.');
    expect(indirect(doc)).toMatchObject([{ cue: 'said', speaker: 'Thornbury Parish Council', content: ['it would stay shut until the spring'] }]);
  });

  it('second-verb-after-comma-but-shares-the-subject', () => {
    const doc = run('Ms Kaur praised the volunteers, but warned that the shelter could not open every night.');
    expect(indirect(doc)).toMatchObject([{ cue: 'warned', speaker: 'Ms Kaur', content: ['the shelter could not open every night'] }]);
  });

  it('verb-form-after-a-number-is-no-cue', () => {
    const doc = run('Ms Arden holds 120 pledged seats ahead of the vote in Kestrel County.');
    expect(indirect(doc)).toEqual([]);
  });
});

describe('findIndirect: intentions and promises before an infinitive', () => {
  it('declined-to-comment', () => {
    const doc = run('Kestrel Homes declined to comment on the sale.');
    expect(indirect(doc)).toEqual([{ kind: 'indirect', rule: INDIRECT_RULES.infinitive, content: ['to comment on the sale'], cue: 'declined', speaker: 'Kestrel Homes' }]);
  });

  it('has-vowed-to', () => {
    const doc = run('Cllr Edith Varga has vowed to keep the library open.');
    expect(indirect(doc)).toMatchObject([{ rule: INDIRECT_RULES.infinitive, content: ['to keep the library open'], cue: 'vowed', speaker: 'Cllr Edith Varga' }]);
  });

  it('noun-plans-after-no-is-not-a-cue', () => {
    const doc = run('The Fenmoor force has no plans to work with the volunteer patrols.');
    expect(indirect(doc)).toEqual([]);
  });
});

describe('findIndirect: a verb and its preposition', () => {
  it('called-for-an-object', () => {
    const doc = run('The Marlow Green Society has called for a public inquiry into the demolition.');
    expect(indirect(doc)).toEqual([{ kind: 'indirect', rule: INDIRECT_RULES.object, content: ['a public inquiry into the demolition'], cue: 'called for', speaker: 'The Marlow Green Society' }]);
  });

  it('talked-about-after-a-time', () => {
    const doc = run('Ms Idris on Sunday talked about the cuts to rural bus routes.');
    expect(indirect(doc)).toMatchObject([{ rule: INDIRECT_RULES.object, cue: 'talked about', speaker: 'Ms Idris', content: ['the cuts to rural bus routes'] }]);
  });

  it('stance-verb-with-an-object', () => {
    const doc = run('The Wenlow Farmers Union endorsed Cllr Pike for the mayoralty.');
    expect(indirect(doc)).toMatchObject([{ rule: INDIRECT_RULES.object, cue: 'endorsed', speaker: 'The Wenlow Farmers Union', content: ['Cllr Pike for the mayoralty'] }]);
  });

  it('passive-stance-verb-is-not-a-cue', () => {
    const doc = run('The bypass was opposed by most of the residents of Wenlow.');
    expect(indirect(doc)).toEqual([]);
  });

  it('noun-call-for-is-not-a-cue', () => {
    const doc = run('Their call for a public inquiry into the demolition went unanswered.');
    expect(indirect(doc)).toEqual([]);
  });
});

describe('findIndirect: embedded questions', () => {
  it('asked-object-whether', () => {
    const doc = run('Cllr Tansy Moor asked the health board whether the Ashby ward would close.');
    expect(indirect(doc)).toEqual([{ kind: 'indirect', rule: INDIRECT_RULES.bare, content: ['whether the Ashby ward would close'], cue: 'asked', speaker: 'Cllr Tansy Moor' }]);
  });

  it('asked-for-an-object-is-not-a-question', () => {
    const doc = run('Cllr Tansy Moor asked for a meeting with the health board.');
    expect(indirect(doc)).toEqual([]);
  });
});

describe('findIndirect: two reports in one sentence', () => {
  it('second-subject-and-cue-after-comma-but', () => {
    const doc = run('Ms Reed said the Ashby ward would close in May, but the health board said it would stay open until the autumn.');
    expect(indirect(doc)).toMatchObject([
      { content: ['the Ashby ward would close in May'], cue: 'said', speaker: 'Ms Reed' },
      { content: ['it would stay open until the autumn'], cue: 'said', speaker: 'the health board' },
    ]);
  });

  it('clause-after-but-without-its-own-cue-stays-in-the-content', () => {
    const doc = run('Ms Reed said the Ashby ward would close in May, but the beds would move to Corton.');
    expect(indirect(doc)).toMatchObject([{ content: ['the Ashby ward would close in May, but the beds would move to Corton'] }]);
  });
});

describe('findIndirect: not indirect speech', () => {
  it.each([
    ['said-hello-too-short', 'He said hello.'],
    ['the-said-property', 'The buyer viewed the said property on Monday.'],
    ['said-to-be-passive', 'The man was said to be in a stable condition.'],
    ['question', 'Did the council say it would pay for the repairs?'],
    ['relative-clause-cue', 'The council, which said the road would close, has apologised to residents.'],
    ['belief-without-that-is-narration', 'Mr Smith thought he was meeting a friend at the station.'],
    ['no-cue', 'The road between Ashcombe and Little Frome was closed for a week.'],
  ])('%s', (_name, text) => {
    expect(indirect(run(text))).toEqual([]);
  });
});

describe('findIndirect: with quotes in the article', () => {
  it('keeps-text-order-and-renumbers-ids', () => {
    const doc = run('Cllr Janet Okafor warned that the scheme would fail.\n\nMr Tom Hale said: "We will fight it."\n\nThe council said it would review the plans in June.');
    expect(doc.quotes.map((q) => [q.id, q.kind])).toEqual([
      ['q1', 'indirect'],
      ['q2', 'direct'],
      ['q3', 'indirect'],
    ]);
  });

  it('skips-a-sentence-holding-a-direct-quote', () => {
    const doc = run('Mr Tom Hale said the plan was "a disgrace" and would be fought.');
    expect(shown(doc).map((q) => q.kind)).toEqual(['mixed']);
  });

  it('reads-the-words-after-a-quote-and-its-cue', () => {
    const doc = run('"We have done all we can," Cllr Bryn Hollis said, explaining the delay to the Gorsey Lane works.');
    expect(shown(doc)).toMatchObject([
      { kind: 'direct', cue: 'said', speaker: 'Cllr Bryn Hollis' },
      { kind: 'indirect', cue: 'explaining', speaker: 'Cllr Bryn Hollis', content: ['the delay to the Gorsey Lane works'] },
    ]);
  });

  it('a-quote-cue-reports-nothing-more', () => {
    const doc = run('"We have done all we can," Cllr Bryn Hollis said in a statement on Friday morning.');
    expect(shown(doc).map((q) => q.kind)).toEqual(['direct']);
  });

  it('is-less-sure-than-a-direct-link', () => {
    const doc = run('Cllr Janet Okafor warned that the scheme would fail.');
    expect(doc.quotes[0]?.confidence).toBe(INDIRECT_CONFIDENCE.that);
    expect(Math.max(...Object.values(INDIRECT_CONFIDENCE))).toBeLessThan(Math.min(...Object.values(LINK_CONFIDENCE)) + 0.01);
  });

  it('runs-twice-without-change', () => {
    const doc = run('The scheme will fail, she said.\n\nMr Tom Hale said: "We will fight it."');
    const before = JSON.stringify(doc.quotes);
    linkCues(doc, {});
    findIndirect(doc, {});
    assertInvariants(doc);
    expect(JSON.stringify(doc.quotes)).toBe(before);
  });
});
