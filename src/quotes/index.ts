/** The quotes stages: quote marks first, then cues and speakers, then indirect speech. */
import type { Stage } from '../pipeline.js';
import { findQuoteMarks } from './find-quote-marks.js';
import { findIndirect } from './find-indirect.js';
import { linkCues } from './link-cues.js';

export { findIndirect, findQuoteMarks, linkCues };

/** The quotes stages in the order they run, after the text stages (they need paragraphs, boilerplate and sentences). */
export const QUOTE_STAGES: readonly Stage[] = [findQuoteMarks, linkCues, findIndirect];
