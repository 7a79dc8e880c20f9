/** The quotes stages: quote marks first; cues and speakers come next. */
import type { Stage } from '../pipeline.js';
import { findQuoteMarks } from './find-quote-marks.js';

export { findQuoteMarks };

/** The quotes stages in the order they run, after the text stages (they need paragraphs and boilerplate). */
export const QUOTE_STAGES: readonly Stage[] = [findQuoteMarks];
