import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertInvariants } from '../model/check-invariants.js';
import type { Document } from '../model/document.js';
import { textDocument } from '../../test/helpers/text-document.js';
import { RULE_ONE_PER_LINE, splitParagraphs } from './split-paragraphs.js';

function paragraphTexts(doc: Document): string[] {
  return doc.paragraphs.map((p) => doc.text.slice(p.start, p.end));
}

function split(text: string, headline = false, onePerLine?: boolean): Document {
  const doc = textDocument(text, { headline });
  splitParagraphs(doc, onePerLine === undefined ? {} : { onePerLine });
  assertInvariants(doc);
  return doc;
}

describe('splitParagraphs', () => {
  it('blank-line-separates-paragraphs', () => {
    const doc = split('Police in Ashby Vale arrested a man.\n\nHe was later released.\n\nAn inquiry continues.');
    expect(paragraphTexts(doc)).toEqual(['Police in Ashby Vale arrested a man.', 'He was later released.', 'An inquiry continues.']);
    expect(doc.paragraphs.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
    expect(doc.paragraphs.every((p) => !p.boilerplate)).toBe(true);
    expect(doc.messages).toEqual([]);
  });

  it('whitespace-only-line-is-blank', () => {
    const doc = split('First paragraph here.\n  \t \nSecond paragraph here.\n\u00a0\nThird.');
    expect(paragraphTexts(doc)).toEqual(['First paragraph here.', 'Second paragraph here.', 'Third.']);
  });

  it('spans-trimmed-of-surrounding-whitespace', () => {
    const doc = split('\n\n   Indented opening line.  \n\n\tTabbed second.\t\n\n');
    expect(paragraphTexts(doc)).toEqual(['Indented opening line.', 'Tabbed second.']);
  });

  it('wrapped-lines-stay-in-one-paragraph', () => {
    const doc = split('The council met on Tuesday\nand agreed the budget.\n\nCllr Rhian Pryce said it was fair.');
    expect(paragraphTexts(doc)).toEqual(['The council met on Tuesday\nand agreed the budget.', 'Cllr Rhian Pryce said it was fair.']);
  });

  it('crlf-line-endings', () => {
    const doc = split('Flood warning issued.\r\n\r\nResidents were told to move cars.\r\n');
    expect(paragraphTexts(doc)).toEqual(['Flood warning issued.', 'Residents were told to move cars.']);
  });

  it('headline-is-not-a-paragraph', () => {
    const doc = split('Bridge reopens after repairs\n\nThe Mill Lane bridge reopened on Friday.\n\nWork took six weeks.', true);
    expect(paragraphTexts(doc)).toEqual(['The Mill Lane bridge reopened on Friday.', 'Work took six weeks.']);
    expect(doc.headline).toEqual({ start: 0, end: 28 });
  });

  it('headline-followed-directly-by-body', () => {
    const doc = split('Bridge reopens\nThe bridge reopened on Friday.\n\nWork took six weeks.', true);
    expect(paragraphTexts(doc)).toEqual(['The bridge reopened on Friday.', 'Work took six weeks.']);
    expect(doc.messages).toEqual([]);
  });

  it('one-paragraph-per-line-detected', () => {
    const doc = split('Market hall to close\n\nThe market hall will shut in May.\nTraders were told on Monday.\nA petition has 900 names.', true);
    expect(paragraphTexts(doc)).toEqual(['The market hall will shut in May.', 'Traders were told on Monday.', 'A petition has 900 names.']);
    expect(doc.messages).toHaveLength(1);
    expect(doc.messages[0]).toMatchObject({ stage: 'text', rule: RULE_ONE_PER_LINE, severity: 'info' });
  });

  it('one-per-line-without-headline', () => {
    const doc = split('Line one of the story.\nLine two of the story.\n');
    expect(paragraphTexts(doc)).toEqual(['Line one of the story.', 'Line two of the story.']);
    expect(doc.messages.map((m) => m.rule)).toEqual([RULE_ONE_PER_LINE]);
  });

  it('single-line-body-is-not-one-per-line', () => {
    const doc = split('Headline here\n\nOnly one body line.', true);
    expect(paragraphTexts(doc)).toEqual(['Only one body line.']);
    expect(doc.messages).toEqual([]);
  });

  it('option-forces-one-per-line', () => {
    const doc = split('Line one.\nLine two.\n\nLine three.', false, true);
    expect(paragraphTexts(doc)).toEqual(['Line one.', 'Line two.', 'Line three.']);
    expect(doc.messages.map((m) => m.rule)).toEqual([RULE_ONE_PER_LINE]);
  });

  it('option-false-still-detects', () => {
    const doc = split('Line one.\nLine two.', false, false);
    expect(paragraphTexts(doc)).toEqual(['Line one.', 'Line two.']);
  });

  it('hard-wrapped-lines-are-joined', () => {
    const doc = split('Plans for a new bypass around\nKettleby were approved on\nThursday night.\n\nThe road, which will cost\n£40m, opens in 2027.');
    expect(paragraphTexts(doc)).toEqual(['Plans for a new bypass around\nKettleby were approved on\nThursday night.', 'The road, which will cost\n£40m, opens in 2027.']);
    expect(doc.messages).toEqual([]);
  });

  it('hard-wrapped-without-blank-lines-is-one-paragraph', () => {
    const doc = split('Plans for a new bypass around\nKettleby were approved on\nThursday night by the council.');
    expect(doc.paragraphs).toHaveLength(1);
    expect(doc.messages).toEqual([]);
  });

  it('one-per-line-with-a-stray-blank-line', () => {
    const doc = split(
      'Ferry fares rise\n\nFares on the Holmsey ferry will rise by 8% in April.\nThe operator blamed fuel costs.\n“We have no choice,” a spokeswoman said.\n\nSubscribe to the Holmsey Herald here.\nCouncillors will discuss the rise on Monday.\nA decision is expected in March.',
      true,
    );
    expect(doc.paragraphs).toHaveLength(6);
    expect(doc.messages.map((m) => m.rule)).toEqual([RULE_ONE_PER_LINE]);
  });

  it('empty-text-has-no-paragraphs', () => {
    expect(split('').paragraphs).toEqual([]);
    expect(split(' \n \n').paragraphs).toEqual([]);
  });
});

const SEEDS = '/work/shared/corpora/seeds';

describe.skipIf(!existsSync(SEEDS))('splitParagraphs on the seed articles', () => {
  it.each([
    ['burton-staffordshire-police.txt', 26],
    ['wiltshire-police.txt', 19],
  ])('%s has %i paragraphs', (file, expected) => {
    const doc = split(readFileSync(`${SEEDS}/${file}`, 'utf8'));
    expect(doc.paragraphs).toHaveLength(expected);
    expect(doc.messages).toEqual([]);
  });
});
