/** The text stages: paragraphs, boilerplate, then tokens and sentences. */
import type { Stage } from '../pipeline.js';
import { findBoilerplate } from './find-boilerplate.js';
import { splitParagraphs } from './split-paragraphs.js';
import { splitSentences } from './split-sentences.js';

export { findBoilerplate, splitParagraphs, splitSentences };

/** The text stages in the order they run: each needs the field the one before filled. */
export const TEXT_STAGES: readonly Stage[] = [splitParagraphs, findBoilerplate, splitSentences];
