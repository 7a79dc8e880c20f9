/**
 * Stage: indirect speech, reported without quote marks. Runs after
 * `linkCues`, over every sentence of a non-boilerplate paragraph that no
 * direct or mixed quote touches. Shapes, each a rule (see `INDIRECT_RULES`):
 *
 * 1. `According to the trust, 40 cases were reported.`: the phrase opens the
 *    sentence, the source follows it up to a comma, the content is the rest.
 * 2. `Cllr Janet Okafor warned that the scheme would fail.`,
 *    `The force said it had no plans ...`, `He told the BBC that ...`: a
 *    subject mention right before a reporting verb (link-cues' mention
 *    finder; a relative clause's "who said" has none), and the clause after it
 *    (after "that" when present; after the object up to "that" for `told X
 *    that`, which needs its "that").
 * 3. `The scheme will fail, she said.`, `..., the council said in a
 *    statement.`, `..., according to the trust.`: a trailing cue clause after
 *    the last comma; the content is the clause before it.
 *    With the cue clause set off by commas mid-sentence (`The plan, she
 *    said, would fail.`), the content is the words on both sides.
 *    `according to` takes a source of any length (`..., according to figures
 *    published by the trust on Monday.`).
 * 4. `Cllr Pike's claim that ...`, `his repeated warning that ...`, `the
 *    claim by the trust that ...`: a noun cue (`nouns` in data/cues.json)
 *    between its owner (a possessive, or `by`/`from X`) and "that"; the
 *    owner is the speaker. When a verb cue comes earlier in the sentence, it wins.
 * 5. `The trust declined to comment.`, `She has vowed to fight on.`: an
 *    intention or promise verb (`infinitiveVerbs`) with a subject, then `to`;
 *    the content keeps its `to`, as PolNeAR marks it.
 * 6. `The society called for a public inquiry.`: a verb and its preposition
 *    (`objectPhrases`) with a subject, or a stance verb alone (`endorsed
 *    Cllr Pike`); the object is the content. Read only when no other shape
 *    gives a quote in the sentence: a reported clause says more than a stance.
 *
 * A sentence with a quote in it is read only outside the quote's content,
 * in the shapes 2, 4, 5 and 6, and a quote's own cue is no cue there
 * (`"...," Smith said, explaining the delay.`: explaining, not said).
 *
 * Shape 2's content that holds a second report after a clause boundary (`X
 * said A, but Y said B`) ends at the boundary; the second is its own quote.
 *
 * The content runs from "that", when present, to the end of the sentence,
 * less its final full stop, and holds at least `INDIRECT_MIN_CONTENT_WORDS`
 * words after "that". Questions are left out.
 * Confidence is lower than any direct link: the content's end is a guess.
 */
import type { Document, Quote, Span } from '../model/document.js';
import type { StageContext } from '../pipeline.js';
import type { CueKind, Tok, WordSets } from './link-cues.js';
import { THAT_IN_CONTENT, SUBJECT_MAX_TOKENS, cueAt, FULL_STOP_TAIL_MAX_AFTER_CUE, isWord, linkAfter, mentionAfter, mentionBefore, span, tokensIn, wordSets } from './link-cues.js';

export const INDIRECT_RULES = {
  /** `According to X, CONTENT.` */
  accordingTo: 'quote.indirect.according-to',
  /** `X said that CONTENT.` / `X told Y that CONTENT.` */
  that: 'quote.indirect.that',
  /** `X said CONTENT.` (no "that"). */
  bare: 'quote.indirect.bare',
  /** `CONTENT, X said.` / `CONTENT, according to X.` */
  trailing: 'quote.indirect.trailing-cue',
  /** `CONTENT, X said, CONTENT.` */
  parenthetical: 'quote.indirect.parenthetical-cue',
  /** `X's claim that CONTENT` / `the warning by X that CONTENT`. */
  noun: 'quote.indirect.noun-cue',
  /** `X declined to comment.` / `X vowed to fight on.` */
  infinitive: 'quote.indirect.infinitive',
  /** `X called for a public inquiry.` / `X talked about the cuts.` */
  object: 'quote.indirect.object-phrase',
} as const;

export const INDIRECT_CONFIDENCE: Readonly<Record<keyof typeof INDIRECT_RULES, number>> = {
  accordingTo: 0.5, // the phrase names its source; the content's end is the sentence's
  that: 0.5, // "that" opens the reported clause; its end is the sentence's end, a guess
  bare: 0.4, // without "that" the words after the verb may be an object, not a clause
  trailing: 0.45, // the cue clause closes the sentence; the content may start in an earlier sentence
  parenthetical: 0.45, // as a trailing cue, read on both sides of it
  object: 0.35, // the object of a stance (`called for an inquiry`) stands for what was said; its end is the sentence's
  infinitive: 0.4, // an intention or promise; `to` may open a purpose clause (`agreed, to applause`) rather than what was meant
  noun: 0.4, // "that" after a noun may open a relative clause (`the claim that he made`), not what was claimed
};

export const INDIRECT_MIN_CONTENT_WORDS = 3; // "He said hello" reports no clause; a reported clause has a subject, a verb and more
export const INDIRECT_MAX_THAT_GAP = 6; // `told the Ashcombe Gazette on Friday that`: a longer gap before "that" is another clause
/** Cue kinds read as indirect speech in every shape. */
export const INDIRECT_CUE_KINDS: ReadonlySet<CueKind> = new Set<CueKind>(['speech', 'writing']);
/** Cue kinds read only before "that" (`Police fear that ...`): PolNeAR annotates beliefs, intentions and evidence too, but `Smith thought he was meeting ...` is narration. */
export const THAT_ONLY_CUE_KINDS: ReadonlySet<CueKind> = new Set<CueKind>(['belief', 'intention', 'evidence']);

/** Verb forms that need "that" before an indirect clause: the object comes first (`told the BBC that ...`). */
const OBJECT_FIRST = new Set(['told', 'tell', 'tells', 'telling', 'asked', 'ask', 'asks', 'asking', 'urged', 'urge', 'urges', 'urging', 'accused', 'accuse', 'accuses', 'accusing', 'criticised', 'criticise', 'criticises', 'criticising', 'described', 'describe', 'describes', 'describing', 'promised', 'warned', 'reminded']);
/** Forms of `ask` that report an embedded question (`asked whether ...`). */
const ASK_FORMS: ReadonlySet<string> = new Set(['asked', 'ask', 'asks', 'asking']);
/** Words opening an embedded question. */
const WH_WORDS: ReadonlySet<string> = new Set(['whether', 'if', 'what', 'why', 'how', 'who', 'when', 'where', 'which']);
export const ASK_MAX_OBJECT_TOKENS = 3; // `asked the Wessex minister whether`

/** Words right before a verb that make it passive or adjectival (`was said to be`, `the said property`). */
const NOT_A_SUBJECT_VERB = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being', 'the', 'a', 'an', 'to']);
/** Words right after a verb that show it reports no clause (`said to be`, `said by`, `asked for`). */
const NOT_A_CLAUSE_START = new Set(['to', 'by', 'for', 'of', 'about', 'with', 'goodbye', 'hello', 'so', 'yes', 'no', 'nothing', 'something', 'anything', 'sorry', 'thanks']);

/**
 * Present-tense belief verbs that report an opinion without "that" (`Ms Hale
 * believes the scheme will fail`): news uses them for stances; their past
 * forms (`thought he was meeting ...`) are more often narration, so stay "that"-only.
 */
const BARE_BELIEF_FORMS: ReadonlySet<string> = new Set(['think', 'thinks', 'believe', 'believes']);
/** Words that open the subject of a clause after a bare belief verb. */
const CLAUSE_SUBJECT_START = /^(?:\p{Lu}|(?:the|a|an|this|these|those|there|it|he|she|they|we|i|you|his|her|their|our|its|most|many|some|no)$)/u;

/** `X believes the scheme will fail`: a present-tense belief verb followed by the subject of a clause. */
function bareBelief(toks: readonly Tok[], v: number, words: WordSets): boolean {
  const verb = toks[v];
  const next = toks[v + 1];
  return verb !== undefined && next !== undefined && BARE_BELIEF_FORMS.has(verb.lower) && !words.clauseWords.has(next.lower) && CLAUSE_SUBJECT_START.test(next.text === next.lower ? next.lower : next.text);
}

/** A word that opens a new clause after `, according to X,` rather than going on with the content (`..., according to X, Trump said`). */
const CAPITALISED_OR_PRONOUN = /^(?:\p{Lu}|(?:he|she|they|we|i|it|you)$)/u;
/** `..., according to the department, taking a step towards ...`: a participle after the source goes on with the sentence, not the content. */
const PARTICIPLE_START = /^\p{Ll}+ing$/u;

type IndirectRule = keyof typeof INDIRECT_RULES;

interface Found {
  content: Span[];
  cue: Span;
  speaker: Span | null;
  rule: IndirectRule;
}


/** `all` for a cue read in every shape, `that` for one read only before "that", null for no cue. */
function indirectCue(t: Tok | undefined, words: WordSets): 'all' | 'that' | null {
  const kind = t === undefined ? undefined : words.verbForms.get(t.lower);
  if (kind === undefined) return null;
  if (INDIRECT_CUE_KINDS.has(kind)) return 'all';
  return THAT_ONLY_CUE_KINDS.has(kind) ? 'that' : null;
}

/** The words of `toks[from, to)` as a span, trimmed of punctuation at both ends; null when fewer than the minimum words. */
function contentSpan(toks: readonly Tok[], from: number, to: number): Span | null {
  let a = from;
  let b = to;
  while (a < b && !isWord(toks[a] as Tok)) a++;
  while (b > a && !isWord(toks[b - 1] as Tok)) b--;
  let words = 0;
  for (let k = a; k < b; k++) if (isWord(toks[k] as Tok)) words++;
  const first = toks[a];
  const last = toks[b - 1];
  if (words < INDIRECT_MIN_CONTENT_WORDS || first === undefined || last === undefined) return null;
  return span(first, last);
}

/** Shape 1: `According to X, CONTENT.` */
function accordingToFirst(toks: readonly Tok[], end: number, words: WordSets): Found | null {
  // `But according to X, ...`, `Now, according to X, ...`: a short opener may come first.
  let a = 0;
  while (a < ACCORDING_MAX_OPENER && (OPENERS.has(toks[a]?.lower ?? '') || toks[a]?.text === ',')) a++;
  if (toks[a]?.lower !== 'according' || cueAt(toks, a, words, true) !== 2) return null;
  const speaker = mentionAfter(toks, a + 2, words);
  if (speaker === null) return null;
  // The source may run on past the mention (`according to early results of polls taken for ...`): the content starts after the first comma.
  let c = a + 2;
  while (c < end && c - a <= ACCORDING_MAX_SOURCE_TOKENS && toks[c]?.text !== ',') c++;
  if (toks[c]?.text !== ',') return null;
  const content = contentSpan(toks, c + 1, end);
  const cueEnd = toks[a + 1];
  const cueStart = toks[a];
  if (content === null || cueEnd === undefined || cueStart === undefined) return null;
  return { content: [content], cue: span(cueStart, cueEnd), speaker, rule: 'accordingTo' };
}

/** Words that may open a sentence before `according to`. */
const OPENERS: ReadonlySet<string> = new Set(['but', 'and', 'yet', 'now', 'however', 'so', 'still', 'also', 'meanwhile']);
export const ACCORDING_MAX_OPENER = 2; // `But, according to`
export const ACCORDING_MAX_SOURCE_TOKENS = 30; // `according to early results of the exit polls conducted for the broadcasters by a research firm,`

/** Shape 2: `X said (that) CONTENT.`: the first cue verb with a mention before it (anywhere in the sentence: `In an interview, X said`, `Smith, who X, said`). */
function subjectVerb(toks: readonly Tok[], end: number, words: WordSets): Found | null {
  for (let v = 1; v < end; v++) {
    const verb = toks[v];
    const reads = indirectCue(verb, words);
    if (verb === undefined || reads === null) continue;
    if (NOT_A_SUBJECT_VERB.has(toks[v - 1]?.lower ?? '') || /^\d/u.test(toks[v - 1]?.text ?? '')) continue; // `the said property`, `271 pledged delegates`
    const speaker = mentionBefore(toks, v, words);
    if (speaker === null) continue;
    const last = toks.find((t) => t.end === speaker.end);
    if (last === undefined || words.determiners.has(last.lower)) continue;
    let that = -1;
    for (let k = v + 1; k < end && k - v <= INDIRECT_MAX_THAT_GAP + 1; k++) {
      const t = toks[k];
      if (t === undefined || !isWord(t)) break;
      if (t.lower === 'that') {
        that = k;
        break;
      }
    }
    if (that === -1 && ASK_FORMS.has(verb.lower)) {
      // `She asked the minister whether the ward would close`: an embedded question, with its wh-word.
      let wh = -1;
      for (let k = v + 1; k < end && k - v <= ASK_MAX_OBJECT_TOKENS + 1; k++) {
        const t = toks[k];
        if (t === undefined || !isWord(t)) break;
        if (WH_WORDS.has(t.lower)) {
          wh = k;
          break;
        }
      }
      const question = wh === -1 ? null : contentSpan(toks, wh, end);
      if (question !== null) return { content: [question], cue: span(verb, verb), speaker, rule: 'bare' };
      continue;
    }
    if (that === -1 && ((reads === 'that' && !bareBelief(toks, v, words)) || OBJECT_FIRST.has(verb.lower))) continue;
    if (that === -1 && (NOT_A_CLAUSE_START.has(toks[v + 1]?.lower ?? '') || !isWord(toks[v + 1] ?? verb) || toks[v + 1] === undefined)) continue;
    const content = contentSpan(toks, that === -1 ? v + 1 : that + 1, end);
    if (content === null) continue;
    const thatTok = toks[that];
    if (THAT_IN_CONTENT && thatTok !== undefined) content.start = thatTok.start;
    return { content: [content], cue: span(verb, verb), speaker, rule: that === -1 ? 'bare' : 'that' };
  }
  return null;
}

/** Shape 3: `CONTENT, X said.` / `CONTENT, according to X.`: a short cue clause after the last comma that gives one. */
function trailingCue(toks: readonly Tok[], end: number, words: WordSets): Found | null {
  for (let c = end - 1; c > 0; c--) {
    if (toks[c]?.text !== ',') continue;
    const tail = toks.slice(c, end + 1);
    const link = linkAfter(tail, words);
    if (link?.cue == null || link.speaker === null) continue;
    const cueEnd = link.cue.end;
    const at = tail.findIndex((t) => t.end === cueEnd);
    const cueTok = tail.find((t) => t.start === link.cue?.start);
    if (at === -1 || cueTok === undefined) return null;
    if (cueTok.lower !== 'according' && indirectCue(cueTok, words) !== 'all') return null;
    const content = contentSpan(toks, 0, c);
    if (content === null) return null;
    if (cueTok.lower === 'according') {
      // `CONTENT, according to a survey by the Wessex Trust released on Friday.`: the source, however long, names who reports; a second comma after a short source sets it off inside the content.
      const after = tail.findIndex((t) => t.start >= (link.speaker?.end ?? 0));
      const rest = after !== -1 && tail[after]?.text === ',' && CAPITALISED_OR_PRONOUN.test(tail[after + 1]?.text ?? '') === false && !PARTICIPLE_START.test(tail[after + 1]?.lower ?? '') ? contentSpan(toks, c + after + 1, end) : null;
      return rest === null ? { content: [content], cue: link.cue, speaker: link.speaker, rule: 'trailing' } : { content: [content, rest], cue: link.cue, speaker: link.speaker, rule: 'parenthetical' };
    }
    if (tail[at + 1]?.text === ',') {
      // `The plan, she said, would fail.`: the cue clause set off by commas inside the content.
      const rest = contentSpan(toks, c + at + 2, end);
      if (rest !== null) return { content: [content, rest], cue: link.cue, speaker: link.speaker, rule: 'parenthetical' };
    }
    if (tail.length - 1 - at > FULL_STOP_TAIL_MAX_AFTER_CUE + 1) return null;
    return { content: [content], cue: link.cue, speaker: link.speaker, rule: 'trailing' };
  }
  return null;
}

/** Possessive pronouns that name the owner of a noun cue (`his claim that`). */
const POSSESSIVE_PRONOUNS: ReadonlySet<string> = new Set(['his', 'her', 'their', 'its', 'our', 'my', 'your']);
const POSSESSIVE_S = /^['\u2019]s$/u;
/** Words that may stand between an owner and a noun cue (`his repeated claim`, `Pike's earlier warning`). */
export const NOUN_CUE_MAX_MODIFIERS = 2;
const LOWER_WORD = /^\p{Ll}[\p{Ll}-]*$/u;

/** The owner ending right before token `p` (exclusive), whose `'s` is token `p`: a run of capitalised words, or `the` and one word (`the council's`). */
function ownerBefore(toks: readonly Tok[], p: number, words: WordSets): Span | null {
  const last = toks[p - 1];
  const s = toks[p];
  if (last === undefined || s === undefined || !isWord(last)) return null;
  let i = p - 1;
  if (/^\p{Lu}/u.test(last.text)) {
    while (i - 1 >= 0 && p - i < SUBJECT_MAX_TOKENS && (/^\p{Lu}/u.test(toks[i - 1]?.text ?? '') || toks[i - 1]?.text === '.') && !words.dropAtMentionStart.has(toks[i - 1]?.lower ?? '')) i--;
    if (toks[i]?.text === '.') i++;
  }
  const det = toks[i - 1];
  if (det !== undefined && words.determiners.has(det.lower) && !POSSESSIVE_PRONOUNS.has(det.lower)) i--;
  if (i === p - 1 && !/^\p{Lu}/u.test(last.text) && det?.lower !== 'the') return null;
  const first = toks[i];
  return first === undefined ? null : span(first, s);
}

/** Shape 4: `X's claim that CONTENT`, `his warning that CONTENT`, `the claim by X that CONTENT`. */
function nounCue(toks: readonly Tok[], end: number, words: WordSets): Found | null {
  for (let n = 1; n + 1 < end; n++) {
    const noun = toks[n];
    if (noun === undefined || !words.nounForms.has(noun.lower)) continue;
    let speaker: Span | null = null;
    let that = n + 1;
    const by = toks[n + 1];
    if ((by?.lower === 'by' || by?.lower === 'from') && toks[n - 1]?.lower === 'the') {
      speaker = mentionAfter(toks.slice(0, end), n + 2, words);
      if (speaker === null) continue;
      while (that < end && (toks[that]?.start ?? 0) < speaker.end) that++;
    } else {
      // Owner: a possessive pronoun or `'s`, with at most a few modifiers before the noun.
      for (let k = n - 1; k >= 0 && n - 1 - k <= NOUN_CUE_MAX_MODIFIERS; k--) {
        const t = toks[k];
        if (t === undefined) break;
        if (POSSESSIVE_PRONOUNS.has(t.lower)) {
          speaker = span(t, t);
          break;
        }
        if (POSSESSIVE_S.test(t.text)) {
          speaker = ownerBefore(toks, k, words);
          break;
        }
        if (!LOWER_WORD.test(t.text) || words.clauseWords.has(t.lower) || words.determiners.has(t.lower)) break;
      }
    }
    if (speaker === null || toks[that]?.lower !== 'that') continue;
    const content = contentSpan(toks, that + 1, end);
    if (content === null) continue;
    return { content: [content], cue: span(noun, noun), speaker, rule: 'noun' };
  }
  return null;
}

export const INFINITIVE_MIN_CONTENT_WORDS = 2; // `to comment`
/** Words before `plans`, `offers`, `wants` that make it a noun (`has no plans to`, `its offers to`). */
const NOUN_BEFORE: ReadonlySet<string> = new Set(['no', 'any', 'some', 'new', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'own', 'future', 'these', 'those', 'of', 'with', 'for', 'about']);

const ANONYMITY: ReadonlySet<string> = new Set(['named', 'identified', 'quoted']);
const RELATIVE: ReadonlySet<string> = new Set(['who', 'which', 'that']);

/** Shape 5: `X declined to comment.`, `X vowed to fight on.`: an intention or promise verb with a subject, then `to` and the rest of the sentence. */
function infinitiveCue(toks: readonly Tok[], end: number, words: WordSets): Found | null {
  for (let v = 1; v + 2 < end + 1; v++) {
    const verb = toks[v];
    if (verb === undefined || !words.infinitiveForms.has(verb.lower) || toks[v + 1]?.lower !== 'to') continue;
    if (NOT_A_SUBJECT_VERB.has(toks[v - 1]?.lower ?? '') || NOUN_BEFORE.has(toks[v - 1]?.lower ?? '') || /^\d/u.test(toks[v - 1]?.text ?? '')) continue;
    const speaker = mentionBefore(toks, v, words);
    if (speaker === null) continue;
    const last = toks.find((t) => t.end === speaker.end);
    if (last === undefined || words.determiners.has(last.lower)) continue;
    // "Migrants who want to work here have ...": a restrictive relative clause describes, it reports no intention.
    if (RELATIVE.has(last.lower) && toks[v - 2]?.text !== ',') continue;
    const to = toks[v + 1];
    const lastTok = toks[end - 1];
    if (to === undefined || lastTok === undefined) continue;
    // "who did not want to be named": a source's anonymity, not what they meant to do.
    if (toks[v + 2]?.lower === 'be' && ANONYMITY.has(toks[v + 3]?.lower ?? '')) continue;
    let n = 0;
    for (let k = v + 1; k < end; k++) if (isWord(toks[k] as Tok)) n++;
    if (n < INFINITIVE_MIN_CONTENT_WORDS) continue;
    let b = end;
    while (b > v + 2 && !isWord(toks[b - 1] as Tok)) b--;
    const stop = toks[b - 1];
    if (stop === undefined) continue;
    return { content: [span(to, stop)], cue: span(verb, verb), speaker, rule: 'infinitive' };
  }
  return null;
}

/** Shape 6: `X called for a public inquiry.`, `X talked about the cuts.`: a verb and its preposition (`objectPhrases`) with a subject; the content is the rest of the sentence. */
function objectPhraseCue(toks: readonly Tok[], end: number, words: WordSets): Found | null {
  for (let v = 1; v < end; v++) {
    const verb = toks[v];
    const candidates = verb === undefined ? undefined : words.objectPhrases.get(verb.lower);
    if (verb === undefined || candidates === undefined) continue;
    const phrase = candidates.find((ws) => ws.every((w, k) => toks[v + k]?.lower === w));
    if (phrase === undefined) continue;
    if (NOT_A_SUBJECT_VERB.has(toks[v - 1]?.lower ?? '') || NOUN_BEFORE.has(toks[v - 1]?.lower ?? '')) continue;
    const speaker = mentionBefore(toks, v, words);
    if (speaker === null) continue;
    const last = toks.find((t) => t.end === speaker.end);
    if (last === undefined || words.determiners.has(last.lower)) continue;
    const cueEnd = toks[v + phrase.length - 1];
    let a = v + phrase.length;
    let b = end;
    while (a < b && !isWord(toks[a] as Tok)) a++;
    while (b > a && !isWord(toks[b - 1] as Tok)) b--;
    const first = toks[a];
    const stop = toks[b - 1];
    if (cueEnd === undefined || first === undefined || stop === undefined || b <= a) continue;
    return { content: [span(first, stop)], cue: span(verb, cueEnd), speaker, rule: 'object' };
  }
  return null;
}

/** Of a verb cue and a noun cue, the one that comes first (`his repeated warning that ...` is a noun cue, not `warning` with the subject `his repeated`). */
function firstOf(...found: (Found | null)[]): Found | null {
  let best: Found | null = null;
  for (const f of found) if (f !== null && (best === null || f.cue.start < best.cue.start)) best = f;
  return best;
}

/** A word that may start a cue of some shape. */
function isCueWord(lower: string, words: WordSets): boolean {
  return words.verbForms.has(lower) || words.nounForms.has(lower) || words.infinitiveForms.has(lower) || words.objectPhrases.has(lower);
}

const QUOTE_MARK_TOKEN = /^["'\u201C\u201D\u201E\u2018\u2019`]+$/u;
/** Words a segment outside quotes needs before its shapes are read. */
export const SEGMENT_MIN_TOKENS = 4;

/**
 * The runs of `toks` outside the quote spans `inside`, without quote marks or
 * end punctuation at their ends. A token starting at a `usedCues` position
 * (a quote's own cue) stays as a word of the run but is no cue.
 */
function segmentsOutside(toks: readonly Tok[], inside: readonly Span[], usedCues: ReadonlySet<number>): Tok[][] {
  const out: Tok[][] = [];
  let run: Tok[] = [];
  const flush = (): void => {
    while (run.length > 0 && !isWord(run[0] as Tok)) run.shift();
    while (run.length > 0 && !isWord(run[run.length - 1] as Tok)) run.pop();
    if (run.length >= SEGMENT_MIN_TOKENS && run.some((k) => isCueWord(k.lower, wordSets()))) out.push(run);
    run = [];
  };
  for (const k of toks) {
    if (QUOTE_MARK_TOKEN.test(k.text) || inside.some((sp) => k.start < sp.end && sp.start < k.end)) flush();
    else run.push(usedCues.has(k.start) ? { ...k, lower: `${k.lower}\u0000` } : k);
  }
  flush();
  return out;
}

/** The indirect quotes of `doc`, one per sentence at most, in text order. */
export function findIndirectQuotes(doc: Document): Found[] {
  const words = wordSets();
  const taken = doc.quotes.filter((q) => q.kind !== 'term').flatMap((q) => q.content);
  taken.sort((a, b) => a.start - b.start);
  // A quote's cue reports nothing more (`"...," he said in a statement`).
  const usedCues = new Set(doc.quotes.flatMap((q) => (q.cue === null ? [] : [q.cue.start])));
  const found: Found[] = [];
  let t = 0;
  let p = 0;
  for (const s of doc.sentences) {
    while (p < doc.paragraphs.length && (doc.paragraphs[p]?.end ?? 0) <= s.start) p++;
    const para = doc.paragraphs[p];
    if (para === undefined || para.boilerplate || s.start < para.start || s.end > para.end) continue;
    while (t < taken.length && (taken[t]?.end ?? 0) <= s.start) t++;
    const inside: Span[] = [];
    for (let k = t; k < taken.length && (taken[k]?.start ?? Infinity) < s.end; k++) inside.push(taken[k] as Span);
    const toks = tokensIn(doc, s.start, s.end);
    if (!toks.some((k) => k.lower === 'according' || isCueWord(k.lower, words))) continue; // most sentences report nothing: no shape to try
    if (inside.length > 0) {
      // A sentence with a quote in it: read the words outside the quotes on their own (`"...," Smith said, explaining the delay.`).
      for (const seg of segmentsOutside(toks, inside, usedCues)) {
        const hit = firstOf(nounCue(seg, seg.length, words), subjectVerb(seg, seg.length, words), infinitiveCue(seg, seg.length, words)) ?? objectPhraseCue(seg, seg.length, words);
        if (hit !== null) found.push(hit);
      }
      continue;
    }
    let end = toks.length;
    const lastTok = toks[end - 1];
    if (lastTok === undefined || lastTok.text === '?') continue;
    if (/^[.!;]+$/u.test(lastTok.text)) end--;
    const hit = accordingToFirst(toks, end, words) ?? trailingCue(toks, end, words) ?? firstOf(nounCue(toks, end, words), subjectVerb(toks, end, words), infinitiveCue(toks, end, words)) ?? objectPhraseCue(toks, end, words);
    if (hit !== null) found.push(...splitAtSecondReport(hit, toks, end, words));
  }
  return found;
}

/** Words that, after a comma (or a semicolon alone), open a second clause that may report for itself (`X said A, but Y said B`). */
const SECOND_CLAUSE = new Set(['but', 'while', 'whereas', 'and', 'although', 'though']);

/**
 * `Ms Reed said the ward would close, but the board said it would stay open.`:
 * when the content of `hit` holds a clause boundary (`, but`, `; `) after
 * which a second subject and cue report, the first content ends there and
 * the second clause is its own quote.
 */
function splitAtSecondReport(hit: Found, toks: readonly Tok[], end: number, words: WordSets): Found[] {
  const content = hit.content[hit.content.length - 1];
  if (content === undefined || hit.content.length !== 1 || (hit.rule !== 'that' && hit.rule !== 'bare')) return [hit];
  for (let b = 0; b < end; b++) {
    const t = toks[b];
    if (t === undefined || t.start <= content.start || t.end > content.end) continue;
    const boundary = t.text === ';' ? b + 1 : t.text === ',' && SECOND_CLAUSE.has(toks[b + 1]?.lower ?? '') ? b + 2 : -1;
    if (boundary === -1) continue;
    const rest = toks.slice(boundary, end);
    const second = subjectVerb(rest, rest.length, words);
    const firstEnd = toks[b - 1];
    if (second === null || firstEnd === undefined) continue;
    return [{ ...hit, content: [{ start: content.start, end: firstEnd.end }] }, second];
  }
  return [hit];
}

/** The stage: adds `indirect` quotes, keeping quotes in text order with ids renumbered `q1`, `q2`, ... */
export function findIndirect(doc: Document, _ctx: StageContext): void {
  const found = findIndirectQuotes(doc);
  if (found.length === 0) return;
  const added: Quote[] = found.map((f) => ({ id: '', kind: 'indirect', content: f.content, cue: f.cue, speaker: f.speaker, actor: null, rule: INDIRECT_RULES[f.rule], confidence: INDIRECT_CONFIDENCE[f.rule] }));
  doc.quotes = [...doc.quotes, ...added]
    .sort((a, b) => (a.content[0]?.start ?? 0) - (b.content[0]?.start ?? 0))
    .map((q, i) => ({ ...q, id: `q${i + 1}` }));
}
