/** The quotes stages: quote marks first, then cues and speakers. */
import type { Stage } from '../pipeline.js';
import { findQuoteMarks } from './find-quote-marks.js';
import { linkCues } from './link-cues.js';

export { findQuoteMarks, linkCues };

/** The quotes stages in the order they run, after the text stages (they need paragraphs, boilerplate and sentences). */
export const QUOTE_STAGES: readonly Stage[] = [findQuoteMarks, linkCues];
