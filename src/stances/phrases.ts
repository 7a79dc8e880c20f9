/**
 * Word-level phrase matching for the stances stage: a small tokenizer that
 * cuts a unit of text and a cue phrase the same way, and a matcher that finds
 * phrases in any inflection of their words, across quote marks and brackets,
 * with adverbs allowed between their words ("work pro-actively with").
 */

export interface Word {
  /** Lower case, curly apostrophes made straight. */
  lower: string;
  start: number;
  end: number;
}

// A word (letters and digits, inner hyphens and apostrophes) or one other non-space character.
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
const CLITIC = /^(.+?)(n't|'s|'m|'re|'ve|'ll|'d)$/u;
// Quote marks and brackets: skipped, so that `vigilante "paedophile hunters"` and `[working with vigilantes]` match.
const TRANSPARENT = new Set(['"', "'", '“', '”', '‘', '’', '«', '»', '[', ']']);

/** The words of `text.slice(start, end)`, with offsets into `text`; clitics split (`don't` -> `do` `n't`), quote marks and brackets dropped. */
export function words(text: string, start: number, end: number): Word[] {
  const out: Word[] = [];
  for (const m of text.slice(start, end).matchAll(WORD)) {
    const raw = m[0];
    if (TRANSPARENT.has(raw)) continue;
    const at = start + (m.index ?? 0);
    const lower = raw.toLowerCase().replaceAll('’', "'");
    if (lower === 'cannot') {
      out.push({ lower: 'can', start: at, end: at + 3 }, { lower: 'not', start: at + 3, end: at + 6 });
      continue;
    }
    const clitic = CLITIC.exec(lower);
    if (clitic?.[1] !== undefined && clitic[2] !== undefined) {
      const cut = at + clitic[1].length;
      out.push({ lower: clitic[1], start: at, end: cut }, { lower: clitic[2], start: cut, end: at + raw.length });
      continue;
    }
    out.push({ lower, start: at, end: at + raw.length });
  }
  return out;
}

const VOWELS = /[aeiou]/u;

// Irregular verbs common in stance phrases ("stood against", "went to war", "spoke out against").
const IRREGULAR: Readonly<Record<string, readonly string[]>> = {
  stand: ['stood'],
  go: ['went', 'gone', 'goes', 'going'],
  take: ['took', 'taken', 'taking'],
  speak: ['spoke', 'spoken'],
  say: ['said'],
  tell: ['told'],
  leave: ['left'],
  hold: ['held'],
  think: ['thought'],
  see: ['saw', 'seen'],
  bring: ['brought'],
  win: ['won'],
  seek: ['sought'],
  fight: ['fought'],
  back: ['backed', 'backing', 'backs'],
};

/** The inflections of a word a phrase should match: plural, third person, past, -ing, and the irregular forms above. */
export function forms(word: string): string[] {
  const out = new Set([word, ...(IRREGULAR[word] ?? [])]);
  if (word.length < 3 || !/^[a-z-]+$/u.test(word)) return [...out];
  const last = word[word.length - 1] ?? '';
  const beforeLast = word[word.length - 2] ?? '';
  out.add(`${word}s`).add(`${word}es`).add(`${word}ed`).add(`${word}ing`);
  if (last === 'e') out.add(`${word}d`).add(`${word.slice(0, -1)}ing`);
  if (last === 'y' && !VOWELS.test(beforeLast)) out.add(`${word.slice(0, -1)}ies`).add(`${word.slice(0, -1)}ied`);
  // stop -> stopped, put -> putting: a short word ending consonant-vowel-consonant doubles its last letter.
  if (word.length <= 4 && !VOWELS.test(last) && VOWELS.test(beforeLast) && !'wxy'.includes(last)) out.add(`${word}${last}ed`).add(`${word}${last}ing`);
  return [...out];
}

/** One part of a phrase: the forms each word may take. */
type Part = ReadonlySet<string>[];

export interface Phrase<T> {
  /** The phrase as written in the data file. */
  text: string;
  /** Word sequences separated by gaps of up to `GAP` words (`encourage ... to stop`). */
  parts: Part[];
  tag: T;
}

export const PHRASE_GAP = 4; // words allowed in a `...` gap
const ADVERB = /^[a-z-]{3,}ly$/u; // "pro-actively", "potentially": skipped between a phrase's words
const NOT_ADVERBS = new Set(['only', 'early', 'family', 'reply', 'ally', 'apply', 'rely', 'supply', 'fly', 'july', 'italy']);

export function isAdverb(word: Word | undefined): boolean {
  return word !== undefined && ADVERB.test(word.lower) && !NOT_ADVERBS.has(word.lower);
}

/** Compile a phrase (`no plans`, `encourage ... to stop`); `inflect` false keeps words as written. */
export function compile<T>(text: string, tag: T, inflect = true): Phrase<T> {
  const parts = text.split('...').map((part) =>
    words(part, 0, part.length).map((w) => new Set(inflect ? forms(w.lower) : [w.lower])),
  );
  if (parts.some((p) => p.length === 0)) throw new Error(`phrase "${text}": empty part`);
  return { text, parts, tag };
}

/** Match one part at `at`; returns the index after it, or -1. Adverbs may stand between its words. */
function matchPart(ws: readonly Word[], at: number, part: Part): number {
  let i = at;
  for (let k = 0; k < part.length; k++) {
    if (k > 0) while (isAdverb(ws[i]) && !(part[k]?.has(ws[i]?.lower ?? '') ?? false)) i++;
    const w = ws[i];
    if (w === undefined || !(part[k]?.has(w.lower) ?? false)) return -1;
    i++;
  }
  return i;
}

/** Match a whole phrase at `at`; returns the index after it, or -1. */
export function matchAt<T>(ws: readonly Word[], at: number, phrase: Phrase<T>): number {
  let i = at;
  for (let p = 0; p < phrase.parts.length; p++) {
    const part = phrase.parts[p];
    if (part === undefined) return -1;
    if (p === 0) {
      i = matchPart(ws, i, part);
      if (i === -1) return -1;
      continue;
    }
    let found = -1;
    for (let gap = 0; gap <= PHRASE_GAP && found === -1; gap++) found = matchPart(ws, i + gap, part);
    if (found === -1) return -1;
    i = found;
  }
  return i;
}

/** Phrases indexed by the forms of their first word, for matching at every word quickly. */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Phrase<T>[]>();

  constructor(phrases: readonly Phrase<T>[]) {
    for (const phrase of phrases) {
      for (const form of phrase.parts[0]?.[0] ?? []) {
        const list = this.byFirst.get(form) ?? [];
        list.push(phrase);
        this.byFirst.set(form, list);
      }
    }
  }

  /** Every phrase that matches at `at`, with the index after it. */
  at(ws: readonly Word[], at: number): { phrase: Phrase<T>; end: number }[] {
    const out: { phrase: Phrase<T>; end: number }[] = [];
    for (const phrase of this.byFirst.get(ws[at]?.lower ?? '') ?? []) {
      const end = matchAt(ws, at, phrase);
      if (end !== -1) out.push({ phrase, end });
    }
    return out;
  }
}
