/**
 * The human ceiling: on articles that several annotators marked up, each
 * other annotator is scored against the first (the gold) with the same code
 * as the system, their attributions standing in for system quotes (content,
 * source as the speaker mention, cue).
 */
import type { BratArticle } from './read-brat.js';
import { alignArticle, loadSpeechCues, summarise, type QuoteScores, type SpeechCues } from './score-quotes.js';
import type { GoldAttribution, SystemQuote } from './types.js';

export interface CeilingComparison {
  article: string;
  /** The annotator whose file is the gold (the first in name order). */
  gold: string;
  /** The annotator scored against it. */
  other: string;
}

export interface HumanCeiling {
  /** Articles with more than one annotator's file. */
  articles: number;
  comparisons: CeilingComparison[];
  /** Micro-averaged over every comparison; null when no article has a second annotator. */
  scores: QuoteScores | null;
}

/** Another annotator's attributions in the shape of system quotes. */
export function attributionsAsSystem(attributions: readonly GoldAttribution[]): SystemQuote[] {
  return attributions.map((a) => ({ id: a.id, content: a.content, speaker: a.source, cue: a.cue.length > 0 ? a.cue : null }));
}

export function humanCeiling(articles: readonly BratArticle[], cues: SpeechCues = loadSpeechCues()): HumanCeiling {
  const comparisons: CeilingComparison[] = [];
  const alignments = [];
  const multi = articles.filter((article) => article.annotations.length > 1);
  for (const article of multi) {
    const [first, ...others] = article.annotations;
    if (!first) continue;
    for (const other of others) {
      comparisons.push({ article: article.name, gold: first.annotator, other: other.annotator });
      alignments.push(
        alignArticle(
          { name: article.name, publisher: article.publisher, text: article.text, gold: first.attributions, system: attributionsAsSystem(other.attributions) },
          cues,
        ),
      );
    }
  }
  return { articles: multi.length, comparisons, scores: comparisons.length === 0 ? null : summarise(alignments, multi.length) };
}
