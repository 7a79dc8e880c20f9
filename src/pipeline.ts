import { ACTOR_STAGES } from './actors/index.js';
import type { Gazetteer } from './actors/gazetteer.js';
import type { Document } from './model/document.js';
import { QUOTE_STAGES } from './quotes/index.js';
import type { CompiledProposition } from './stances/stance-words.js';
import { STANCE_STAGES } from './stances/find-statements.js';
import { STATISTICS_STAGES } from './statistics/find-statistics.js';
import { TEXT_STAGES } from './text/index.js';

/** Shared, read-only options for stages (set once per run, not per article). */
export interface StageContext {
  /** Force one paragraph per line (otherwise detected per document). */
  onePerLine?: boolean;
  /** Known organisations (the shipped packs when absent; `loadGazetteer` adds the user's). */
  gazetteer?: Gazetteer;
  /** The user's propositions, compiled (`compilePropositions`); without them the stances stage finds nothing. */
  propositions?: readonly CompiledProposition[];
}

export type Stage = (doc: Document, ctx: StageContext) => void;

/** Every stage, in the order it runs. Each fills its own field of the Document. */
export const STAGES: readonly Stage[] = [...TEXT_STAGES, ...QUOTE_STAGES, ...ACTOR_STAGES, ...STANCE_STAGES, ...STATISTICS_STAGES];

/** Milliseconds spent in each stage, by stage name, summed over the documents analysed. */
export type StageTimings = Map<string, number>;

/** Run every stage over one document, in place; with `timings`, add each stage's time to it. */
export function analyseDocument(doc: Document, ctx: StageContext = {}, timings?: StageTimings): Document {
  if (!timings) {
    for (const stage of STAGES) stage(doc, ctx);
    return doc;
  }
  for (const stage of STAGES) {
    const started = performance.now();
    stage(doc, ctx);
    timings.set(stage.name, (timings.get(stage.name) ?? 0) + performance.now() - started);
  }
  return doc;
}
