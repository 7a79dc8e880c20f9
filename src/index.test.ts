import { describe, expect, it } from 'vitest';
import * as verbatim from './index.js';

describe('public API', () => {
  it('exports exactly these runtime names (a change here is a change to the library contract)', () => {
    expect(Object.keys(verbatim).sort()).toEqual([
      'ACTOR_STAGES',
      'DEFAULT_MAX_BYTES',
      'EXTRACTOR_VERSION',
      'QUOTE_STAGES',
      'STAGES',
      'SUPPORTED_EXTENSIONS',
      'StoreError',
      'TEXT_STAGES',
      'VERSION',
      'analyseDocument',
      'analyzeCorpus',
      'articleId',
      'assertInvariants',
      'checkInvariants',
      'createDocument',
      'decodeBytes',
      'evaluateQuotes',
      'findActors',
      'findBoilerplate',
      'findIndirect',
      'findQuoteMarks',
      'hashText',
      'linkCues',
      'linkHeadline',
      'listInputs',
      'normaliseForHash',
      'openSqliteStore',
      'parseDate',
      'readCsv',
      'readHtml',
      'readInputs',
      'readJsonl',
      'readTxt',
      'splitParagraphs',
      'splitSentences',
    ]);
  });

  it('runs the stages in the documented order', () => {
    expect(verbatim.STAGES.map((stage) => stage.name)).toEqual(['splitParagraphs', 'findBoilerplate', 'splitSentences', 'findQuoteMarks', 'linkCues', 'linkHeadline', 'findIndirect', 'findActors']);
  });
});
