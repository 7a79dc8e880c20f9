import { describe, expect, it } from 'vitest';
import * as verbatim from './index.js';

describe('public API', () => {
  it('exports exactly these runtime names (a change here is a change to the library contract)', () => {
    expect(Object.keys(verbatim).sort()).toEqual([
      'ACTOR_STAGES',
      'DEFAULT_MAX_BYTES',
      'EXTRACTOR_VERSION',
      'PropositionsError',
      'QUOTE_STAGES',
      'STAGES',
      'STANCE_STAGES',
      'SUPPORTED_EXTENSIONS',
      'StoreError',
      'TEXT_STAGES',
      'VERSION',
      'agreementReport',
      'analyseDocument',
      'analyzeCorpus',
      'articleId',
      'assertInvariants',
      'checkInvariants',
      'checkPropositions',
      'cohensKappa',
      'compilePropositions',
      'congruenceGexf',
      'congruenceGraphml',
      'createDocument',
      'decodeBytes',
      'effectiveStatements',
      'evaluateQuotes',
      'findActors',
      'findBoilerplate',
      'findIndirect',
      'findQuoteMarks',
      'findStatements',
      'hashText',
      'krippendorffAlpha',
      'linkCues',
      'linkHeadline',
      'listInputs',
      'loadPropositions',
      'loadStances',
      'normaliseForHash',
      'openSqliteStore',
      'parseDate',
      'positions',
      'readCsv',
      'readHtml',
      'readInputs',
      'readJsonl',
      'readTxt',
      'splitParagraphs',
      'splitSentences',
      'twoModeGexf',
      'twoModeGraphml',
    ]);
  });

  it('runs the stages in the documented order', () => {
    expect(verbatim.STAGES.map((stage) => stage.name)).toEqual(['splitParagraphs', 'findBoilerplate', 'splitSentences', 'findQuoteMarks', 'linkCues', 'linkHeadline', 'findIndirect', 'findActors', 'findStatements', 'findStatistics']);
  });
});
