/** The actors stage: people and organisations, and the actor each quote's speaker resolves to. */
import type { Stage } from '../pipeline.js';
import { findActors } from './find-actors.js';

export { findActors };

/** The actors stages in the order they run, after the quotes stages (speaker mentions come from them). */
export const ACTOR_STAGES: readonly Stage[] = [findActors];
