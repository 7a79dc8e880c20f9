import { expect, it } from 'vitest';
import * as text from './index.js';

it('exports the three text stages in pipeline order', () => {
  expect(Object.keys(text).sort()).toEqual(['TEXT_STAGES', 'findBoilerplate', 'splitParagraphs', 'splitSentences']);
  expect(text.TEXT_STAGES).toEqual([text.splitParagraphs, text.findBoilerplate, text.splitSentences]);
});
