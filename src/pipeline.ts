import type { Document } from './model/document.js';
import { QUOTE_STAGES } from './quotes/index.js';
import { TEXT_STAGES } from './text/index.js';

/** Shared, read-only options for stages (set once per run, not per article). */
export interface StageContext {
  /** Force one paragraph per line (otherwise detected per document). */
  onePerLine?: boolean;
}

export type Stage = (doc: Document, ctx: StageContext) => void;

/** Every stage, in the order it runs. Each fills its own field of the Document. */
export const STAGES: readonly Stage[] = [...TEXT_STAGES, ...QUOTE_STAGES];

/** Run every stage over one document, in place. */
export function analyseDocument(doc: Document, ctx: StageContext = {}): Document {
  for (const stage of STAGES) stage(doc, ctx);
  return doc;
}
