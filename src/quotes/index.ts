/** The quotes stages: quote marks first, then cues and speakers (body, then headline), then indirect speech. */
import type { Stage } from '../pipeline.js';
import { findQuoteMarks } from './find-quote-marks.js';
import { findIndirect } from './find-indirect.js';
import { linkCues } from './link-cues.js';
import { linkHeadline } from './link-headline.js';

export { findIndirect, findQuoteMarks, linkCues, linkHeadline };

/** The quotes stages in the order they run, after the text stages (they need paragraphs, boilerplate and sentences). */
export const QUOTE_STAGES: readonly Stage[] = [findQuoteMarks, linkCues, linkHeadline, findIndirect];
