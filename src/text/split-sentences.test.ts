import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertInvariants } from '../model/check-invariants.js';
import type { Document } from '../model/document.js';
import { textDocument } from '../../test/helpers/text-document.js';
import { findBoilerplate } from './find-boilerplate.js';
import { loadAbbreviations, loadFunctionWords, RULE_OFFSET_REPAIRED, SENTENCE_RULES, splitSentences } from './split-sentences.js';
import { splitParagraphs } from './split-paragraphs.js';

function run(text: string, headline = false): Document {
  const doc = textDocument(text, { headline });
  splitParagraphs(doc, {});
  findBoilerplate(doc, {});
  splitSentences(doc, {});
  assertInvariants(doc);
  for (const [i, t] of doc.tokens.entries()) {
    expect(t.end, `token ${i}`).toBeGreaterThan(t.start);
    expect(/\s/.test(text.slice(t.start, t.end)), `token ${i} holds whitespace`).toBe(false);
  }
  return doc;
}

function sentences(text: string): string[] {
  const doc = run(text);
  return doc.sentences.map((s) => doc.text.slice(s.start, s.end));
}

function rules(text: string): (string | undefined)[] {
  return run(text).sentences.map((s) => s.rule);
}

describe('splitSentences: tokens', () => {
  it('token-offsets-match-the-text', () => {
    const text = 'Cllr Rhian Pryce said: “It’s a £1.4bn scheme, and we can’t\u00a0wait.”\n\nShe didn\'t  elaborate.';
    const doc = run(text);
    const surface = doc.tokens.map((t) => text.slice(t.start, t.end));
    expect(surface).toEqual([
      'Cllr', 'Rhian', 'Pryce', 'said', ':', '“', 'It', '’s', 'a', '£', '1.4', 'bn', 'scheme', ',', 'and', 'we', 'ca', 'n’t', 'wait', '.', '”',
      'She', 'did', "n't", 'elaborate', '.',
    ]);
    // Tokens are bare spans: parts of speech are tagged by the stages that need them.
    expect(doc.tokens[0]).toEqual({ start: 0, end: 4 });
    expect(doc.messages).toEqual([]);
  });

  it('possessive-split-whatever-came-before', () => {
    // wink keeps "Pemberton's" whole once it has seen it before a comma; we always split it.
    const first = run("It was Cllr Pemberton's, not the mayor's.");
    const second = run("Cllr Pemberton's plan was approved.");
    for (const doc of [first, second]) {
      const surface = doc.tokens.map((t) => doc.text.slice(t.start, t.end));
      const at = surface.indexOf('Pemberton');
      expect(surface.slice(at, at + 2)).toEqual(['Pemberton', "'s"]);
    }
  });

  it('invisible-character-offset-repaired', () => {
    // wink drops a byte-order mark with the space after it; the next token is found by searching on.
    const doc = run('The vote was close \ufeff Cllr Bright won. Then \ufeff she left.');
    expect(doc.tokens.map((t) => doc.text.slice(t.start, t.end))).toContain('Cllr');
    expect(doc.messages.map((m) => [m.rule, m.severity])).toEqual([[RULE_OFFSET_REPAIRED, 'warning']]);
    expect(doc.messages[0]?.reason).toMatch(/and 1 more/);
  });

  it('invisible-character-before-paragraph-is-not-a-repair', () => {
    // Paragraph splitting already trimmed the byte-order mark; wink reads the body in one go and drops it.
    const doc = run('The vote was close.\n\n\ufeffCllr Bright won.');
    expect(doc.sentences.map((s) => doc.text.slice(s.start, s.end))).toEqual(['The vote was close.', 'Cllr Bright won.']);
    expect(doc.messages).toEqual([]);
  });

  it('boilerplate-inside-body-is-not-tokenised', () => {
    // findBoilerplate flags only the article's ends; a paragraph flagged in the middle is skipped all the same.
    const doc = textDocument('The Mill Lane bridge reopened on Friday\n\nAdvertisement\n\ncars queued to cross it.');
    splitParagraphs(doc, {});
    const middle = doc.paragraphs[1];
    if (middle === undefined) throw new Error('expected three paragraphs');
    middle.boilerplate = true;
    doc.boilerplate.push({ start: middle.start, end: middle.end, kind: 'advert', rule: 'test.flagged-by-hand' });
    splitSentences(doc, {});
    assertInvariants(doc);
    expect(doc.tokens.map((t) => doc.text.slice(t.start, t.end))).not.toContain('Advertisement');
    expect(doc.sentences.map((s) => [s.paragraph, doc.text.slice(s.start, s.end)])).toEqual([
      ['p1', 'The Mill Lane bridge reopened on Friday'],
      ['p3', 'cars queued to cross it.'],
    ]);
  });

  it('wrapped-line-inside-paragraph-is-not-a-token', () => {
    const doc = run('The council met on Tuesday\nand agreed the budget.');
    expect(doc.tokens.map((t) => doc.text.slice(t.start, t.end))).not.toContain('\n');
    expect(doc.sentences).toHaveLength(1);
  });

  it('sentences-never-cross-paragraphs', () => {
    const doc = run('Residents gathered outside the town hall\n\nthe meeting started late.');
    expect(doc.sentences.map((s) => s.paragraph)).toEqual(['p1', 'p2']);
  });

  it('headline-and-boilerplate-are-not-tokenised', () => {
    const doc = run('Bridge reopens\n\nThe Mill Lane bridge reopened on Friday.\n\nShare this article', true);
    expect(doc.sentences).toHaveLength(1);
    expect(doc.tokens[0]?.start).toBe(doc.paragraphs[0]?.start);
    expect(doc.tokens.at(-1)?.end).toBe(doc.paragraphs[0]?.end);
  });

  it('ids-and-token-ranges', () => {
    const doc = run('First one here. Second one here.\n\nThird one.');
    expect(doc.sentences.map((s) => [s.id, s.paragraph, s.firstToken, s.endToken])).toEqual([
      ['s1', 'p1', 0, 4],
      ['s2', 'p1', 4, 8],
      ['s3', 'p2', 8, 11],
    ]);
  });
});

describe('splitSentences: boundaries', () => {
  it('title-abbreviation-det-chief-insp', () => {
    const text = 'Det. Chief Insp. Rhian Pryce said the van was found on Tuesday. Det Chief Insp Pryce added that inquiries continued.';
    expect(sentences(text)).toEqual([
      'Det. Chief Insp. Rhian Pryce said the van was found on Tuesday.',
      'Det Chief Insp Pryce added that inquiries continued.',
    ]);
    expect(rules(text)).toEqual([SENTENCE_RULES.mergeTitle, undefined]);
  });

  it('title-abbreviations-with-full-stops', () => {
    expect(
      sentences('Ms Ada Quint met Supt. Ray Adeyemi. Sgt. Tom Vale and PC. Jo Marsh attended. Cllr. Ann Bright thanked the Rt. Hon. Peter Lane and Rev. Sam Lee.'),
    ).toEqual([
      'Ms Ada Quint met Supt. Ray Adeyemi.',
      'Sgt. Tom Vale and PC. Jo Marsh attended.',
      'Cllr. Ann Bright thanked the Rt. Hon. Peter Lane and Rev. Sam Lee.',
    ]);
  });

  it('title-abbreviations-wink-already-handles', () => {
    expect(sentences('Mr. Owen Hale and Dr. Lena Morrow met Prof. Iris Keane, Gen. Tom Black, Lt. Col. Ann Grey and Capt. Joe Moss at St. Anne’s Hospice. They left.')).toHaveLength(2);
  });

  it('pc-the-computer-ends-sentence', () => {
    expect(sentences('The virus can reach your PC. Experts urged users to update. The summit was held in Washington DC. Ministers flew home.')).toHaveLength(4);
  });

  it('pc-after-possessive-or-number-ends-sentence', () => {
    expect(sentences("The file sat on the manager's PC. Kestrel Software found it. Each class shares 1 PC. Teachers want more.")).toEqual([
      "The file sat on the manager's PC.",
      'Kestrel Software found it.',
      'Each class shares 1 PC.',
      'Teachers want more.',
    ]);
  });

  it('acronym-rank-before-sentence-opener-ends-sentence', () => {
    expect(sentences('The statement was signed by Sgt Ray Vale and PC. It was filed on Monday.')).toEqual([
      'The statement was signed by Sgt Ray Vale and PC.',
      'It was filed on Monday.',
    ]);
  });

  it('us-titles-with-full-stops', () => {
    expect(sentences('The bill was backed by Rep. Joan Ferris and Sens. Amy Ruiz and Tom Hale. Pres. Obama signed it.')).toEqual([
      'The bill was backed by Rep. Joan Ferris and Sens. Amy Ruiz and Tom Hale.',
      'Pres. Obama signed it.',
    ]);
  });

  it('pc-as-title-without-full-stop', () => {
    expect(sentences('PC Dan Wilde arrested the man. PC Wilde said he was calm.')).toEqual([
      'PC Dan Wilde arrested the man.',
      'PC Wilde said he was calm.',
    ]);
  });

  it('no-before-number', () => {
    expect(sentences('The family live at No. 14 Mill Lane. No. 9 was empty. Asked if he would stand again, he said no. Voters will decide.')).toEqual([
      'The family live at No. 14 Mill Lane.',
      'No. 9 was empty.',
      'Asked if he would stand again, he said no.',
      'Voters will decide.',
    ]);
  });

  it('abbreviations-before-lower-case-word', () => {
    expect(
      sentences('Hallam Water Co. said supplies were back. Kettleby Ltd. said it would appeal. Bring tins, e.g. beans and soup, i.e. food that keeps, etc. and drop them off. It was Millbrook vs. Ashby.'),
    ).toEqual([
      'Hallam Water Co. said supplies were back.',
      'Kettleby Ltd. said it would appeal.',
      'Bring tins, e.g. beans and soup, i.e. food that keeps, etc. and drop them off.',
      'It was Millbrook vs. Ashby.',
    ]);
  });

  it('junior-senior-before-lower-case-word', () => {
    expect(sentences('Ray Dorsey Jr. spoke first. Ed Rowe Sr. agreed with him.')).toHaveLength(2);
  });

  it('am-pm-before-lower-case-word', () => {
    expect(sentences('The road closed at 6 a.m. and reopened at 4 p.m. on Friday. Trains ran at 9 a.m. The buses did not.')).toEqual([
      'The road closed at 6 a.m. and reopened at 4 p.m. on Friday.',
      'Trains ran at 9 a.m.',
      'The buses did not.',
    ]);
  });

  it('initials-do-not-end-sentence', () => {
    const text = 'The report by J. K. Rowntree was read out. Karen J. Holloway said it was fair. Mary A. Okafor agreed.';
    expect(sentences(text)).toEqual(['The report by J. K. Rowntree was read out.', 'Karen J. Holloway said it was fair.', 'Mary A. Okafor agreed.']);
  });

  it('hyphenated-letter-is-not-an-initial', () => {
    expect(sentences('The line-up includes Stormzy and Jay-Z. Soul singer Ama Nwosu will close the show.')).toHaveLength(2);
  });

  it('initial-after-bracket', () => {
    expect(sentences('When George (R. Mistry) was president, the plant closed.')).toHaveLength(1);
  });

  it('pronoun-i-ends-sentence', () => {
    expect(sentences('“Neither do I. This debate needs to change,” she said.')).toHaveLength(2);
  });

  it('letter-after-number-is-not-an-initial', () => {
    expect(sentences('The firm showed its Model 3 X. Kettleby Motors said orders were strong.')).toEqual([
      'The firm showed its Model 3 X.',
      'Kettleby Motors said orders were strong.',
    ]);
  });

  it('initial-before-sentence-opener-ends-sentence', () => {
    // "Besides", "However", "Then": closed-class openers, so not the surname after an initial.
    expect(sentences('The council chose Plan B. Besides the cost, it was quickest. Staff preferred Plan C. However, nobody asked them.')).toEqual([
      'The council chose Plan B.',
      'Besides the cost, it was quickest.',
      'Staff preferred Plan C.',
      'However, nobody asked them.',
    ]);
  });

  it('initial-letter-can-end-a-sentence', () => {
    expect(sentences('The site was built after World War I. But it closed in 1990.')).toEqual([
      'The site was built after World War I.',
      'But it closed in 1990.',
    ]);
  });

  it('us-abbreviation', () => {
    expect(sentences('The U.S. firm and U.K. regulators agreed. Shares fell in the U.S. The U.K. market held. The U.S. Treasury said nothing.')).toEqual([
      'The U.S. firm and U.K. regulators agreed.',
      'Shares fell in the U.S.',
      'The U.K. market held.',
      'The U.S. Treasury said nothing.',
    ]);
  });

  it('decimal-money-not-split', () => {
    expect(sentences('The bypass will cost £1.4bn and fares rose 3.5% this year. Prices fell 2.25 points.')).toEqual([
      'The bypass will cost £1.4bn and fares rose 3.5% this year.',
      'Prices fell 2.25 points.',
    ]);
  });

  it('money-abbreviation-ends-sentence', () => {
    const text = 'The library refit cost $3.2m. The rest came from donors. Staff were paid £40k. Shares closed at 548p. Traders sold.';
    expect(sentences(text)).toEqual(['The library refit cost $3.2m.', 'The rest came from donors.', 'Staff were paid £40k.', 'Shares closed at 548p.', 'Traders sold.']);
    expect(rules(text)).toContain(SENTENCE_RULES.splitAfterFullStop);
  });

  it('etc-before-sentence-opener-ends-sentence', () => {
    // wink reads ", etc." as mid-sentence; "Much" is a closed-class opener, so a sentence starts there.
    const text = 'The choir sang carols, hymns, etc. Much of it was new to the audience.';
    expect(sentences(text)).toEqual(['The choir sang carols, hymns, etc.', 'Much of it was new to the audience.']);
    expect(rules(text)).toEqual([SENTENCE_RULES.splitAfterFullStop, SENTENCE_RULES.splitAfterFullStop]);
  });

  it('abbreviation-like-word-before-quote-ends-sentence', () => {
    expect(sentences('Inflation has been reined in. "We are cautious," he said.')).toEqual(['Inflation has been reined in.', '"We are cautious," he said.']);
  });

  it('place-abbreviation-before-agency-credit-not-split', () => {
    expect(sentences('LOUISVILLE, Ky. (AP) The mayor spoke on Friday.')).toHaveLength(1);
    expect(sentences('The family moved from Fresno, Calif. "We love it here," she said.')).toHaveLength(2);
  });

  it('county-abbreviation-before-name-not-split', () => {
    expect(sentences('The farm is near Barnard Castle in Co. Durham and employs 12 people.')).toHaveLength(1);
  });

  it('missing-space-after-full-stop', () => {
    expect(sentences('It could compromise one of our own operations.So I don\'t believe it. The firm was fined £2m.The owner paid.')).toEqual([
      'It could compromise one of our own operations.',
      "So I don't believe it.",
      'The firm was fined £2m.',
      'The owner paid.',
    ]);
    expect(rules('The firm was fined £2m.The owner paid.')).toEqual([SENTENCE_RULES.splitMissingSpace, SENTENCE_RULES.splitMissingSpace]);
  });

  it('web-address-is-not-split', () => {
    const text = 'Details are on www.millbrook-courier.co.uk and Hallam.gov.uk now. Email news@example.org for help.';
    expect(sentences(text)).toEqual(['Details are on www.millbrook-courier.co.uk and Hallam.gov.uk now.', 'Email news@example.org for help.']);
    expect(rules(text)[0]).toBe(SENTENCE_RULES.mergeNoSpace);
  });

  it('closing-quote-stays-with-sentence', () => {
    expect(sentences('He said: "We are done." The meeting ended. She said: “It is over.” Then she left. He said: \'No more.\' They went.')).toEqual([
      'He said: "We are done."',
      'The meeting ended.',
      'She said: “It is over.”',
      'Then she left.',
      "He said: 'No more.'",
      'They went.',
    ]);
  });

  it('question-in-quote-before-said', () => {
    const text = '"Who will pay for this?" said Cllr Pryce. "Nobody!" shouted a resident. “Is it over?” he asked.';
    expect(sentences(text)).toEqual(['"Who will pay for this?" said Cllr Pryce.', '"Nobody!" shouted a resident.', '“Is it over?” he asked.']);
    expect(rules(text)).toEqual([SENTENCE_RULES.mergeBeforeLowercase, SENTENCE_RULES.mergeBeforeLowercase, SENTENCE_RULES.mergeBeforeLowercase]);
  });

  it('exclamation-in-title-before-lower-case', () => {
    expect(sentences('The cast of Hello Kettleby! performed at the Regal on Friday.')).toHaveLength(1);
  });

  it('question-ends-sentence-before-capital', () => {
    expect(sentences('Who will pay for this? The council has not said.')).toHaveLength(2);
  });
});

const SEEDS = '/work/shared/corpora/seeds';

describe.skipIf(!existsSync(SEEDS))('splitSentences on the seed articles', () => {
  it.each(['burton-staffordshire-police.txt', 'wiltshire-police.txt'])('%s: invariants hold, no warnings', (file) => {
    const doc = run(readFileSync(`${SEEDS}/${file}`, 'utf8'));
    expect(doc.messages).toEqual([]);
    expect(doc.sentences.length).toBeGreaterThan(doc.paragraphs.filter((p) => !p.boilerplate).length);
  });

  it('burton: a missing space after a full stop splits, a rank title never ends a sentence', () => {
    // Checked by shape, so that no words of the seed are copied into the repository.
    const doc = run(readFileSync(`${SEEDS}/burton-staffordshire-police.txt`, 'utf8'));
    const glued = doc.sentences.slice(1).filter((s, i) => doc.sentences[i]?.end === s.start);
    expect(glued).toHaveLength(1);
    for (const s of doc.sentences) {
      expect(doc.text.slice(s.start, s.end)).not.toMatch(/\b(?:Det|Chief|Insp|Supt|Mr|Mrs|Dr|Cllr)\.?$/);
    }
  });
});

describe('data/abbreviations.json', () => {
  it('loads', () => {
    const lists = loadAbbreviations();
    expect(lists.titles.has('Det')).toBe(true);
    expect(lists.beforeNumber.has('No')).toBe(true);
    expect(lists.beforeAcronymNoun.has("'s")).toBe(true);
  });

  it('beforeAcronymNoun is in lower case, as it is matched', () => {
    for (const word of loadAbbreviations().beforeAcronymNoun) expect(word).toBe(word.toLowerCase());
  });
});

describe('data/function-words.json', () => {
  it('sentence openers are capitalised words', () => {
    const { sentenceOpeners } = loadFunctionWords();
    expect(sentenceOpeners.has('However')).toBe(true);
    for (const word of sentenceOpeners) expect(word).toMatch(/^\p{Lu}\p{L}*$/u);
  });
});
