import { describe, expect, it } from 'vitest';
import { textDocument } from '../../test/helpers/text-document.js';
import { QUOTE_STAGES } from '../quotes/index.js';
import { TEXT_STAGES } from '../text/index.js';
import { assertInvariants, checkInvariants } from './check-invariants.js';
import type { Document } from './document.js';

const TEXT = 'Bridge reopens\n\nThe \u2018Mill Lane\u2019 bridge reopened on Friday. Work took six weeks.\n\nCllr Rhian Pryce said: "It was worth the wait."\n\nShare this article';

function analysed(): Document {
  const doc = textDocument(TEXT, { headline: true });
  for (const stage of [...TEXT_STAGES, ...QUOTE_STAGES]) stage(doc, {});
  return doc;
}

function problemsAfter(change: (doc: Document) => void): string[] {
  const doc = analysed();
  change(doc);
  return checkInvariants(doc);
}

describe('checkInvariants', () => {
  it('a-fresh-analysis-has-no-problems', () => {
    const doc = analysed();
    expect(doc.paragraphs).toHaveLength(3);
    expect(doc.boilerplate).toHaveLength(1);
    expect(checkInvariants(doc)).toEqual([]);
    expect(() => assertInvariants(doc)).not.toThrow();
  });

  it('an-empty-document-has-no-problems', () => {
    expect(checkInvariants(textDocument(''))).toEqual([]);
  });

  it('span-out-of-bounds', () => {
    expect(problemsAfter((d) => { d.tokens[0]!.end = TEXT.length + 5; }).join('\n')).toMatch(/token #0 .*out of bounds/);
    expect(problemsAfter((d) => { d.headline = { start: 5, end: 2 }; }).join('\n')).toMatch(/headline.*reversed/);
    expect(problemsAfter((d) => { d.messages.push({ stage: 'text', rule: 'x', severity: 'info', reason: 'r', span: { start: -1, end: 2 } }); }).join('\n')).toMatch(/message #0/);
  });

  it('overlapping-or-unsorted-paragraphs', () => {
    expect(problemsAfter((d) => { d.paragraphs.reverse(); }).join('\n')).toMatch(/paragraph #1 .*unsorted or overlapping/);
  });

  it('overlapping-sentences-and-tokens', () => {
    expect(problemsAfter((d) => { d.sentences[1]!.start = d.sentences[0]!.start + 4; }).join('\n')).toMatch(/sentence #1 .*overlapping/);
    expect(problemsAfter((d) => { d.tokens[1]!.start = d.tokens[0]!.start; }).join('\n')).toMatch(/token #1 .*overlapping/);
  });

  it('duplicate-ids', () => {
    expect(problemsAfter((d) => { d.sentences[1]!.id = 's1'; })).toContain('sentence id s1 is used more than once');
    expect(problemsAfter((d) => { d.paragraphs[1]!.id = 'p1'; }).join('\n')).toMatch(/paragraph id p1 is used more than once/);
  });

  it('sentence-paragraph-must-resolve-and-contain', () => {
    expect(problemsAfter((d) => { d.sentences[0]!.paragraph = 'p9'; }).join('\n')).toMatch(/paragraph p9 does not exist/);
    expect(problemsAfter((d) => { d.sentences[0]!.paragraph = 'p2'; }).join('\n')).toMatch(/not inside its paragraph p2/);
  });

  it('sentence-token-range', () => {
    expect(problemsAfter((d) => { d.sentences[0]!.endToken = d.tokens.length + 1; }).join('\n')).toMatch(/outside the \d+ tokens/);
    expect(problemsAfter((d) => { d.sentences[0]!.endToken = d.sentences[0]!.firstToken; }).join('\n')).toMatch(/is empty/);
    expect(problemsAfter((d) => { d.sentences[0]!.endToken += 1; }).join('\n')).toMatch(/reach outside the sentence/);
  });

  it('boilerplate-must-match-flagged-paragraphs', () => {
    expect(problemsAfter((d) => { d.paragraphs[2]!.boilerplate = false; }).join('\n')).toMatch(/is not flagged boilerplate/);
    expect(problemsAfter((d) => { d.boilerplate = []; }).join('\n')).toMatch(/flagged boilerplate but has no boilerplate span/);
    expect(problemsAfter((d) => { d.boilerplate[0]!.start += 1; }).join('\n')).toMatch(/does not coincide with a paragraph/);
  });

  it('no-sentence-in-boilerplate', () => {
    expect(problemsAfter((d) => { d.paragraphs[1]!.boilerplate = true; d.boilerplate.unshift({ start: d.paragraphs[1]!.start, end: d.paragraphs[1]!.end, kind: 'share', rule: 'test' }); }).join('\n')).toMatch(/lies in boilerplate paragraph p2/);
  });

  it('untrimmed-spans', () => {
    expect(problemsAfter((d) => { d.paragraphs[0]!.start -= 1; }).join('\n')).toMatch(/paragraph p1 .*leading or trailing whitespace/);
    expect(problemsAfter((d) => { d.sentences[0]!.end += 1; }).join('\n')).toMatch(/sentence s1 .*leading or trailing whitespace/);
  });

  it('paragraph-must-not-overlap-headline', () => {
    expect(problemsAfter((d) => { d.paragraphs[0]!.start = 0; }).join('\n')).toMatch(/overlaps the headline/);
  });

  it('assert-lists-every-problem', () => {
    const doc = analysed();
    doc.sentences[0]!.paragraph = 'p9';
    doc.sentences[1]!.id = 's1';
    expect(() => assertInvariants(doc)).toThrow(/breaks 2 invariant\(s\):\n- .*p9.*\n- sentence id s1/);
  });

  it('quotes-of-a-fresh-analysis-hold', () => {
    const doc = analysed();
    expect(doc.quotes.map((q) => [q.id, q.kind])).toEqual([['q1', 'term'], ['q2', 'direct']]);
    expect(checkInvariants(doc)).toEqual([]);
  });

  it('quote-ids-run-in-order', () => {
    expect(problemsAfter((d) => { d.quotes[1]!.id = 'q1'; }).join('\n')).toMatch(/quote #1 has id q1, expected q2[\s\S]*quote id q1 is used more than once/);
    expect(problemsAfter((d) => { d.quotes.reverse(); d.quotes.forEach((q, i) => { q.id = `q${i + 1}`; }); }).join('\n')).toMatch(/quote q2: starts before the quote listed before it/);
  });

  it('quote-content-in-bounds-non-empty-and-ordered', () => {
    expect(problemsAfter((d) => { d.quotes[1]!.content[0]!.end = TEXT.length + 3; }).join('\n')).toMatch(/quote q2 content #0 .*out of bounds/);
    expect(problemsAfter((d) => { const c = d.quotes[1]!.content[0]!; c.end = c.start; }).join('\n')).toMatch(/quote q2 content #0 .*empty/);
    expect(problemsAfter((d) => { d.quotes[1]!.content = []; }).join('\n')).toMatch(/quote q2: has no content span/);
    expect(problemsAfter((d) => { const q = d.quotes[1]!; q.content = [{ ...q.content[0]! }, { ...q.content[0]! }]; }).join('\n')).toMatch(/content #1 .*unordered or overlapping/);
    expect(problemsAfter((d) => { d.quotes[1]!.confidence = 2; }).join('\n')).toMatch(/confidence 2 is not between 0 and 1/);
  });

  it('quote-content-inside-a-story-paragraph', () => {
    expect(problemsAfter((d) => { d.quotes[1]!.content[0]!.start = d.paragraphs[0]!.start; }).join('\n')).toMatch(/not inside one paragraph or the headline/);
    const last = (d: Document) => d.paragraphs[2]!;
    expect(problemsAfter((d) => { d.quotes[1]!.content[0] = { start: last(d).start, end: last(d).start + 5 }; }).join('\n')).toMatch(/lies in boilerplate paragraph p3/);
    expect(problemsAfter((d) => { d.quotes[0]!.content[0] = { ...d.headline! }; })).toEqual([]);
  });

  it('quote-content-excludes-the-marks', () => {
    expect(problemsAfter((d) => { d.quotes[1]!.content[0]!.start -= 1; }).join('\n')).toMatch(/quote q2 content #0 .*starts or ends with its own quote mark/);
    expect(problemsAfter((d) => { d.quotes[0]!.content[0]!.end += 1; }).join('\n')).toMatch(/quote q1 content #0 .*starts or ends with its own quote mark/);
  });

  it('quote-content-may-end-with-a-nested-quote', () => {
    const doc = textDocument('Cllr Rhian Pryce said: "The sign just read \'Closed\'."\n\nShe added: "\'Closed\' was all it said."');
    for (const stage of [...TEXT_STAGES, ...QUOTE_STAGES]) stage(doc, {});
    expect(doc.quotes.map((q) => doc.text.slice(q.content[0]!.start, q.content[0]!.end))).toEqual(["The sign just read 'Closed'.", 'Closed', "'Closed' was all it said.", 'Closed']);
    expect(checkInvariants(doc)).toEqual([]);
  });

  it('quotes-other-than-terms-must-not-overlap', () => {
    expect(problemsAfter((d) => { d.quotes[0]!.content[0] = { ...d.quotes[1]!.content[0]! }; })).toEqual([]);
    expect(problemsAfter((d) => { d.quotes[0]!.kind = 'direct'; d.quotes[0]!.content[0] = { ...d.quotes[1]!.content[0]! }; }).join('\n')).toMatch(/quote q2 overlaps quote q1/);
  });

  it('quote-cue-and-speaker-in-bounds', () => {
    expect(problemsAfter((d) => { d.quotes[1]!.cue = { start: 5, end: TEXT.length + 1 }; }).join('\n')).toMatch(/quote q2 cue .*out of bounds/);
    expect(problemsAfter((d) => { d.quotes[1]!.speaker = { start: 9, end: 3 }; }).join('\n')).toMatch(/quote q2 speaker .*reversed/);
    expect(problemsAfter((d) => { d.quotes[1]!.cue = { start: 5, end: 9 }; d.quotes[1]!.speaker = { start: 0, end: 4 }; })).toEqual([]);
  });
});
