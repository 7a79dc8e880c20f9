/**
 * The plain data the quote evaluation works on: gold attributions and system
 * quotes as character spans into one article's text, whatever corpus or
 * system they came from.
 */
import type { Span } from '../model/document.js';

export type { Span };

/** A problem met while reading a gold corpus: reading goes on, the problem is reported. */
export interface EvalProblem {
  /** File the problem is in. */
  file: string;
  /** 1-based line, when the problem is on one line. */
  line?: number;
  /** Stable id, e.g. `eval.brat.text-mismatch`. */
  rule: string;
  /** What is wrong and what it means for the scores. */
  reason: string;
}

/** One gold attribution (one brat `E` line, or one seeds quote). */
export interface GoldAttribution {
  /** Id in its source: `E12` in brat, `q3` for the third seeds quote. */
  id: string;
  content: Span[];
  /** Source (speaker) spans; null when the attribution has no source. */
  source: Span[] | null;
  /** Cue spans; empty when the gold gives none or it could not be located. */
  cue: Span[];
  /**
   * Seeds only: names that identify the speaker (the surname of the canonical
   * speaker and every `accept` string). A system speaker mention whose text
   * contains one of them, as whole words and ignoring case, is correct.
   */
  speakerNames?: string[];
  /** Seeds only: `core` must be found, `extended` is what a strong system also finds. */
  level?: 'core' | 'extended';
}

/** One system quote in the shape scoring needs (a `Quote` of verbatim, or another annotator's attribution). */
export interface SystemQuote {
  id: string;
  content: Span[];
  /** Speaker mention spans, or null when the system names no speaker. */
  speaker: Span[] | null;
  cue: Span[] | null;
  /** Canonical name of the actor the speaker mention resolves to, when the system resolves speakers. */
  actorName?: string | null;
}

/** One article ready to score. */
export interface ScoredArticle {
  /** Article name (file name without extension). */
  name: string;
  publisher: string;
  text: string;
  gold: GoldAttribution[];
  system: SystemQuote[];
}
