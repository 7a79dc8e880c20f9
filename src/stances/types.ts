/**
 * Types shared by the stance modules: propositions (what the user tracks),
 * positions (statements summed per actor and proposition), the network built
 * from them, and codings (people's calls on statements).
 */
import type { Polarity } from '../model/document.js';

/** A position the user tracks, as declared in a propositions file. */
export interface Proposition {
  /** Short stable id (`police-work-with-hunters`): letters, digits, `-` and `_`. */
  id: string;
  /** The proposition in words: what supporting it means. */
  text: string;
  /** Words naming what the proposition is about, with their variants ("paedophile hunters", "vigilantes"). */
  targets: string[];
  /** Words that stand for a target already named nearby ("these groups", "such a partnership"). */
  anaphora: string[];
  /** Extra cue phrases for this proposition: a statement holding one is about the proposition even without a target. */
  support: string[];
  oppose: string[];
}

/** The overall position of an actor on a proposition: `mixed` when it has both supported and opposed. */
export type PositionValue = 'support' | 'oppose' | 'mixed' | 'neutral';

/** One actor (a corpus-wide identity) on one proposition, in one time window. */
export interface Position {
  /** Identity key (`person:simon threlfall`, `organisation:wessex vale police`). */
  actorKey: string;
  actorName: string;
  actorType: string;
  proposition: string;
  /** `all`, or the window (`2024`, `2024-Q2`, `2024-05`; `undated` for articles with no date). */
  window: string;
  /** The actor's own statements, by polarity (after people's codings). */
  support: number;
  oppose: number;
  neutral: number;
  /** Statements by people speaking for this organisation (its officers, spokespeople named as people). */
  viaSupport: number;
  viaOppose: number;
  viaNeutral: number;
  /** From own and via statements together. */
  position: PositionValue;
  /** True when every supporting or opposing statement was conditional or tentative. */
  qualified: boolean;
}

/** A person's call on a statement; wins over the machine's. */
export interface Coding {
  article: string;
  proposition: string;
  /** The statement's evidence span in the article. */
  start: number;
  end: number;
  coder: string;
  polarity: Polarity;
  /** Identity key of the actor the coder says made the statement (for statements they add; null keeps the machine's). */
  actorKey: string | null;
  note: string | null;
}
