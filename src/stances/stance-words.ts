/**
 * The stance lexicon (`data/stance-cues.json`) and the user's propositions,
 * compiled once into one phrase index per proposition. Checked on load: a
 * broken data file is an error naming the file and the field.
 */
import { readFileSync } from 'node:fs';
import { compile, type Phrase, PhraseIndex } from './phrases.js';
import type { LoadedProposition } from './propositions.js';

/** What a matched phrase is. Cues carry a direction: +1 for, -1 against (the target, or the proposition for `proposition` cues). */
export type Tag =
  | { kind: 'target' }
  | { kind: 'anaphor' }
  | { kind: 'proposition'; sign: 1 | -1 }
  | { kind: 'action' | 'evaluation'; sign: 1 | -1; negates: boolean }
  | { kind: 'negator' }
  | { kind: 'prediction' }
  | { kind: 'condition' }
  | { kind: 'not-condition' }
  | { kind: 'subset' }
  | { kind: 'question' };

/** Phrases matched apart from the others (they may overlap cues): hedges, contrasts, clause breaks. */
export type SideTag = 'hedge' | 'contrast' | 'break' | 'report-opener' | 'report-verb';

export interface CompiledProposition {
  proposition: LoadedProposition;
  /** Consuming phrases: at each word the longest match wins. */
  main: PhraseIndex<Tag>;
  /** Words that make a sentence worth reading for this proposition (first words of targets and proposition cues). */
  firstWords: ReadonlySet<string>;
  /** First words of the anaphora. */
  anaphorWords: ReadonlySet<string>;
  /** Quick tests on lower-cased text: may it hold a first word (of a target or cue, of an anaphor)? */
  mayHold: Prefilter;
  mayRefer: Prefilter;
}

export interface StanceWords {
  side: PhraseIndex<SideTag>;
  /** The lexicon's consuming phrases, shared by every proposition. */
  lexicon: readonly Phrase<Tag>[];
}

const FILE = new URL('../../data/stance-cues.json', import.meta.url);

function list(record: Record<string, unknown>, path: string): string[] {
  let value: unknown = record;
  for (const key of path.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) throw new Error(`${FILE.pathname}: "${path}" must be a list of strings`);
  return value;
}

let cached: StanceWords | undefined;

export function stanceWords(): StanceWords {
  if (cached) return cached;
  const data = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>;
  const negating = new Set(list(data, 'negating_actions'));
  const lexicon: Phrase<Tag>[] = [];
  for (const [path, sign, kind] of [
    ['support.action', 1, 'action'],
    ['support.evaluation', 1, 'evaluation'],
    ['oppose.action', -1, 'action'],
    ['oppose.evaluation', -1, 'evaluation'],
  ] as const) {
    for (const text of list(data, path)) lexicon.push(compile<Tag>(text, { kind, sign, negates: negating.has(text) }));
  }
  for (const text of list(data, 'negators')) if (!negating.has(text)) lexicon.push(compile<Tag>(text, { kind: 'negator' }, false));
  for (const text of list(data, 'predictions')) lexicon.push(compile<Tag>(text, { kind: 'prediction' }, false));
  for (const text of list(data, 'conditions')) lexicon.push(compile<Tag>(text, { kind: 'condition' }, false));
  for (const text of list(data, 'not_conditions')) lexicon.push(compile<Tag>(text, { kind: 'not-condition' }, false));
  for (const text of list(data, 'subset')) lexicon.push(compile<Tag>(text, { kind: 'subset' }, false));
  for (const text of list(data, 'questions')) lexicon.push(compile<Tag>(text, { kind: 'question' }, false));
  const side: Phrase<SideTag>[] = [];
  for (const [path, tag] of [
    ['hedges', 'hedge'],
    ['contrast', 'contrast'],
    ['clause_breaks', 'break'],
    ['report_openers', 'report-opener'],
    ['report_verbs', 'report-verb'],
  ] as const) {
    for (const text of list(data, path)) side.push(compile<SideTag>(text, tag, path === 'hedges'));
  }
  cached = { side: new PhraseIndex(side), lexicon };
  return cached;
}

const NOT_ALPHANUMERIC = /[^\p{L}\p{N}]+/u;

export interface Prefilter {
  test: (text: string) => boolean;
}

/**
 * A quick test on lower-cased text: does it hold the first letters-and-digits
 * piece of any of the words? A superset of what the word match finds
 * (linear in the text; the word match then decides).
 */
function anyOf(list: ReadonlySet<string>): Prefilter {
  const pieces = new Set([...list].map((w) => w.split(NOT_ALPHANUMERIC).find((p) => p.length > 0) ?? w));
  if (pieces.size === 0) return { test: () => false };
  return { test: (text) => text.split(NOT_ALPHANUMERIC).some((p) => pieces.has(p)) };
}

/** Compile the user's propositions with the lexicon. */
export function compilePropositions(propositions: readonly LoadedProposition[]): CompiledProposition[] {
  const { lexicon } = stanceWords();
  return propositions.map((proposition) => {
    const own: Phrase<Tag>[] = [
      ...proposition.targets.map((t) => compile<Tag>(t, { kind: 'target' })),
      ...proposition.anaphora.map((t) => compile<Tag>(t, { kind: 'anaphor' }, false)),
      ...proposition.support.map((t) => compile<Tag>(t, { kind: 'proposition', sign: 1 })),
      ...proposition.oppose.map((t) => compile<Tag>(t, { kind: 'proposition', sign: -1 })),
    ];
    const firstWords = new Set<string>();
    const anaphorWords = new Set<string>();
    for (const phrase of own) for (const form of phrase.parts[0]?.[0] ?? []) (phrase.tag.kind === 'anaphor' ? anaphorWords : firstWords).add(form);
    return { proposition, main: new PhraseIndex([...own, ...lexicon]), firstWords, anaphorWords, mayHold: anyOf(firstWords), mayRefer: anyOf(anaphorWords) };
  });
}
