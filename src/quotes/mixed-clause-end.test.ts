import { describe, expect, it } from 'vitest';
import { runQuoteStages, showQuotes } from '../../test/helpers/quote-document.js';
import type { Document } from '../model/document.js';
import { findQuoteMarks } from './find-quote-marks.js';
import { linkCues } from './link-cues.js';

const run = (text: string): Document => runQuoteStages(text, [findQuoteMarks, linkCues]);
const speech = (doc: Document): ReturnType<typeof showQuotes> => showQuotes(doc).filter((q) => q.kind !== 'term');

describe('linkCues: where a mixed quote ends and what its cue holds', () => {
  it('"described as" is the cue and the quoted words are the content', () => {
    const doc = run('The commissioner welcomed what she described as "a real partnership with residents" at the meeting.');
    expect(speech(doc)).toMatchObject([{ kind: 'mixed', cue: 'described as', content: ['"a real partnership with residents" at the meeting'] }]);
  });

  it('a new clause right after the quoted words ends the reported clause (", but")', () => {
    const doc = run('Cllr Edith Marr described the plan as "a step too far", but promised to read the report in full.');
    expect(speech(doc)).toMatchObject([{ kind: 'mixed', cue: 'described', content: ['the plan as "a step too far"'] }]);
  });

  it('a relative clause after the quoted words ends the reported clause (" in which")', () => {
    const doc = run('The inspector admitted that he was "losing the argument with the groups" in which he had urged them to stop.');
    expect(speech(doc)).toMatchObject([{ kind: 'mixed', content: ['he was "losing the argument with the groups"'] }]);
  });

  it('words that carry on the reported clause stay in it', () => {
    const doc = run('The inspector said the force was "fully committed to every part of" the scheme and would fund it.');
    expect(speech(doc)).toMatchObject([{ kind: 'mixed', content: ['the force was "fully committed to every part of" the scheme and would fund it'] }]);
  });
});

describe('linkCues: adjectival participles are not cues', () => {
  it('"suspected offenders" reports nothing', () => {
    const doc = run('The trust said the questioning of suspected offenders is "best left to trained officers in every case".');
    expect(speech(doc).map((q) => q.cue)).not.toContain('suspected');
  });
});

describe('findIndirect: a source asking not to be named states no intention', () => {
  it('"who did not want to be named" is no quote', async () => {
    const { QUOTE_STAGES } = await import('./index.js');
    const doc = runQuoteStages('One officer, who did not want to be named, said the patrols had been cut.', QUOTE_STAGES);
    expect(showQuotes(doc).map((q) => q.content[0])).toEqual(['the patrols had been cut']);
  });
});

describe('findIndirect: a restrictive relative clause reports no intention', () => {
  it('"people who want to work here have skills" is no quote; "Cllr Ada Brook, who wants to stand again," keeps hers', async () => {
    const { QUOTE_STAGES } = await import('./index.js');
    expect(showQuotes(runQuoteStages('Migrants who want to work in Ashcombe have skills the town needs.', QUOTE_STAGES))).toEqual([]);
    const doc = runQuoteStages('Cllr Ada Brook, who wants to stand again at the May election, thanked her ward.', QUOTE_STAGES);
    expect(showQuotes(doc).map((q) => q.cue)).toEqual(['wants']);
  });
});
