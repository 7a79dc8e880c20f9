/**
 * The stances stage: statements of position on the user's propositions.
 *
 * A unit is a sentence of a quote's words (the quote's speaker takes the
 * position) or a narrator sentence outside the quotes whose subject is an
 * actor ("the force has no plans to work alongside ..."). A unit about a
 * proposition (it names a target, an anaphor of a target named nearby, or
 * one of the proposition's own cue phrases) becomes a statement:
 *
 * 1. Phrases are matched word by word, the longest first: targets, anaphora,
 *    the proposition's cues, the lexicon's action and evaluation cues,
 *    negators, predictions, conditions, subset quantifiers.
 * 2. The unit is cut at a clause reporting someone else's words
 *    (`..., after the lead officer said ...`).
 * 3. Each lexicon cue counts only in a clause about the target (or the
 *    clause right after one that opens with "this" or "which"), and is
 *    - flipped by each negator before it in its clause ("no plans to work with");
 *    - dropped inside a prediction clause ("cannot see the police working with");
 *    - dropped inside a condition ("if ... we can manage the risks");
 *    - dropped when it is an evaluation of some members only ("Not all hunters ...");
 *    - dropped when it is an -ing action that a later cue judges
 *      ("working with them ... has to be treated with caution");
 *    - halved before a "but" and weighted by half again after it.
 * 4. The sum gives the polarity toward the target, turned toward the
 *    proposition (and the proposition's own cues added). Modality is
 *    conditional with an "if" clause, tentative with a hedge on a deciding
 *    cue, firm otherwise.
 *
 * Every decision is kept in `Statement.cues` with its rule.
 */
import type { Document, Evidence, Modality, Polarity, Quote, Span, Statement } from '../model/document.js';
import type { Stage, StageContext } from '../pipeline.js';
import { type Word, words } from './phrases.js';
import { type CompiledProposition, type SideTag, stanceWords, type Tag } from './stance-words.js';

export const STANCES_STAGE = 'stances';

export const STANCE_RULES = {
  target: 'stance.target',
  anaphor: 'stance.anaphor',
  propositionCue: 'stance.proposition-cue',
  action: 'stance.action',
  evaluation: 'stance.evaluation',
  negated: 'stance.negated',
  negator: 'stance.negator',
  prediction: 'stance.prediction',
  question: 'stance.question',
  condition: 'stance.condition',
  inCondition: 'stance.in-condition',
  subset: 'stance.subset',
  evaluatedAction: 'stance.evaluated-action',
  offTopicClause: 'stance.off-topic-clause',
  hedge: 'stance.hedge',
  reportCut: 'stance.other-report',
  noCue: 'stance.no-cue',
  balanced: 'stance.balanced',
  narrator: 'stance.narrator-subject',
} as const;

const CLAUSE_SUBJECTS = new Set(['i', 'we', 'he', 'she', 'they', 'it', 'you', 'this', 'that', 'there']);
// "..., this has to be treated with caution", "the Iraq war, which his party opposed": the clause is about the one before it.
// Not "it": "it is important that ..." points forward.
const BACK_POINTERS = new Set(['this', 'that', 'which']);
const MODALS = new Set(['may', 'might', 'could']);
const REPORT_REACH = 8; // words from "after" to the verb of the report it opens
const JUDGED_LINKS = new Set(['to', 'by']);
const JUDGED_REACH = 4; // words from "to"/"by" to the judged action ("by refusing to co-operate with")
const PROPOSITION_CUE_NEGATION_REACH = 1; // "is not best left to the police": a negator right before a proposition's own cue
const PREPOSITIONS = new Set(['to', 'by', 'about', 'against', 'on', 'with', 'for', 'from', 'of', 'at', 'in']);

interface Hit {
  tag: Tag;
  /** Word indexes `[from, to)`. */
  from: number;
  to: number;
  text: string;
}

interface SideHit {
  tag: SideTag;
  from: number;
  to: number;
}

interface Unit extends Span {
  quote: Quote | null;
  actor: string | null;
  sentence: number;
}

interface Scored {
  topical: boolean;
  /** The unit names a target (for anaphora in the units after it). */
  namesTarget: boolean;
  polarity: Polarity;
  modality: Modality;
  rule: string;
  cues: Evidence[];
  span: Span;
}

function longestMatches(ws: readonly Word[], cp: CompiledProposition): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < ws.length; ) {
    let best: { tag: Tag; end: number; text: string } | null = null;
    for (const m of cp.main.at(ws, i)) if (best === null || m.end > best.end) best = { tag: m.phrase.tag, end: m.end, text: m.phrase.text };
    if (best === null) {
      i++;
      continue;
    }
    hits.push({ tag: best.tag, from: i, to: best.end, text: best.text });
    i = best.end;
  }
  return hits;
}

function sideMatches(ws: readonly Word[]): SideHit[] {
  const { side } = stanceWords();
  const out: SideHit[] = [];
  for (let i = 0; i < ws.length; i++) for (const m of side.at(ws, i)) out.push({ tag: m.phrase.tag, from: i, to: m.end });
  return out;
}

/** Clause number of each word: a new clause at a break, a contrast, or "and"/"or" before a subject. */
function clauses(ws: readonly Word[], side: readonly SideHit[]): number[] {
  const breaks = new Set(side.filter((s) => s.tag === 'break' || s.tag === 'contrast').map((s) => s.from));
  const out: number[] = [];
  let clause = 0;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]?.lower ?? '';
    if (i > 0 && (breaks.has(i) || ((w === 'and' || w === 'or') && CLAUSE_SUBJECTS.has(ws[i + 1]?.lower ?? '')))) clause++;
    out.push(clause);
  }
  return out;
}

/** The word index where a clause reporting someone else's words begins (`after the lead officer said`), or the unit's length. */
function reportCut(ws: readonly Word[], side: readonly SideHit[]): number {
  for (const opener of side) {
    if (opener.tag !== 'report-opener' || opener.from === 0) continue;
    const verb = side.find((s) => s.tag === 'report-verb' && s.from > opener.from && s.from <= opener.from + REPORT_REACH);
    // "I would say" is the speaker's own voice: only a report by someone else cuts.
    if (verb !== undefined && !['i', 'we'].includes(ws[verb.from - 1]?.lower ?? '')) return opener.from;
  }
  return ws.length;
}

function evidence(ws: readonly Word[], from: number, to: number, value: string, rule: string): Evidence {
  return { start: ws[from]?.start ?? 0, end: ws[to - 1]?.end ?? 0, value, rule };
}

/** Score one unit's words for one proposition. */
function scoreUnit(all: readonly Word[], cp: CompiledProposition, topicActive: boolean): Scored | null {
  const sideAll = sideMatches(all);
  const cut = reportCut(all, sideAll);
  const ws = all.slice(0, cut);
  if (ws.length === 0) return null;
  const side = sideAll.filter((s) => s.to <= cut);
  const hits = longestMatches(ws, cp);
  const cues: Evidence[] = [];
  const targets = hits.filter((h) => h.tag.kind === 'target');
  const anaphora = hits.filter((h) => h.tag.kind === 'anaphor');
  const own = hits.filter((h) => h.tag.kind === 'proposition');
  const topical = targets.length > 0 || own.length > 0 || (topicActive && anaphora.length > 0);
  if (!topical) return null;
  if (cut < all.length) cues.push(evidence(all, cut, all.length, 'another speaker\'s words: left out', STANCE_RULES.reportCut));
  for (const t of targets) cues.push(evidence(ws, t.from, t.to, t.text, STANCE_RULES.target));
  if (topicActive) for (const a of anaphora) cues.push(evidence(ws, a.from, a.to, a.text, STANCE_RULES.anaphor));

  const clauseOf = clauses(ws, side);
  const topicClauses = new Set([...targets, ...(topicActive ? anaphora : [])].map((h) => clauseOf[h.from] ?? -1));
  // A clause opening with "this", "that" or "which" is about the clause before it (see BACK_POINTERS).
  for (let i = 1; i < ws.length; i++) {
    const c = clauseOf[i] ?? 0;
    if (c !== clauseOf[i - 1] && topicClauses.has(c - 1)) {
      let j = i;
      while (['and', 'so', 'therefore', ','].includes(ws[j]?.lower ?? '')) j++;
      if (BACK_POINTERS.has(ws[j]?.lower ?? '')) topicClauses.add(c);
    }
  }
  const negators = hits.filter((h) => h.tag.kind === 'negator');
  const predictionClauses = new Set(hits.filter((h) => h.tag.kind === 'prediction').map((h) => clauseOf[h.from] ?? -1));
  const questions = hits.filter((h) => h.tag.kind === 'question');
  const inQuestion = (i: number): boolean => questions.some((q) => q.from < i && clauseOf[q.from] === clauseOf[i]);
  const notConditions = hits.filter((h) => h.tag.kind === 'not-condition');
  const conditions = hits.filter((h) => h.tag.kind === 'condition');
  const subset = hits.some((h) => h.tag.kind === 'subset' && targets.some((t) => t.from === h.to));
  const contrast = side.filter((s) => s.tag === 'contrast').at(-1)?.from ?? -1;
  // A condition runs from its word to the end of its clause, or of the unit when a comma sets it off after the main clause.
  const inCondition = (i: number): boolean =>
    conditions.some((c) => c.from <= i && (clauseOf[c.from] === clauseOf[i] || (c.from > 0 && ws[c.from - 1]?.lower === ',' && (clauseOf[i] ?? 0) >= (clauseOf[c.from] ?? 0))));

  interface Cue {
    hit: Hit;
    sign: number;
    weight: number;
    counted: boolean;
    negatedBy: Hit[];
  }
  const lexicon: Cue[] = [];
  for (const h of hits) {
    const tag = h.tag;
    if (tag.kind !== 'action' && tag.kind !== 'evaluation') continue;
    const clause = clauseOf[h.from] ?? -1;
    // "ruled out working with them": a negating action before another cue in its clause is a negator.
    if (tag.negates && hits.some((o) => o !== h && o.from > h.from && clauseOf[o.from] === clause && (o.tag.kind === 'action' || o.tag.kind === 'evaluation'))) {
      negators.push({ ...h, tag: { kind: 'negator' } });
      continue;
    }
    const negatedBy = negators.filter((n) => n.from < h.from && clauseOf[n.from] === clause);
    const weight = contrast === -1 ? 1 : h.from < contrast ? 0.5 : 1.5;
    let rule: string = tag.kind === 'action' ? STANCE_RULES.action : STANCE_RULES.evaluation;
    let counted = true;
    if (!topicClauses.has(clause)) [counted, rule] = [false, STANCE_RULES.offTopicClause];
    else if (predictionClauses.has(clause)) [counted, rule] = [false, STANCE_RULES.prediction];
    else if (inQuestion(h.from)) [counted, rule] = [false, STANCE_RULES.question];
    else if (inCondition(h.from)) [counted, rule] = [false, STANCE_RULES.inCondition];
    else if (subset && tag.kind === 'evaluation') [counted, rule] = [false, STANCE_RULES.subset];
    lexicon.push({ hit: h, sign: tag.sign * (negatedBy.length % 2 === 1 ? -1 : 1), weight, counted, negatedBy });
    if (!counted) cues.push(evidence(ws, h.from, h.to, `${h.text}: not counted`, rule));
  }
  // "missing a trick by refusing to co-operate with them": an evaluation, then "to" or "by" and an action, judges that action.
  for (const e of lexicon) {
    if (!e.counted || e.hit.tag.kind !== 'evaluation') continue;
    const link = ws.slice(e.hit.to, e.hit.to + 2).findIndex((w) => JUDGED_LINKS.has(w.lower));
    if (link === -1) continue;
    const a = lexicon.find((o) => o.counted && o.hit.tag.kind === 'action' && o.hit.from > e.hit.to + link && o.hit.from <= e.hit.to + link + JUDGED_REACH && clauseOf[o.hit.from] === clauseOf[e.hit.from]);
    if (a === undefined) continue;
    const judged = a.sign * (a.negatedBy.filter((n) => n.from < e.hit.from).length % 2 === 1 ? -1 : 1);
    e.sign *= judged;
    a.counted = false;
    cues.push(evidence(ws, a.hit.from, a.hit.to, `${a.hit.text}: what "${e.hit.text}" judges`, STANCE_RULES.evaluatedAction));
  }
  // "working with vigilantes is something we will have to look at": the -ing action is what a later cue judges.
  for (const c of lexicon) {
    if (!c.counted || c.hit.tag.kind !== 'action' || !(ws[c.hit.from]?.lower.endsWith('ing') ?? false)) continue;
    if (lexicon.some((o) => o.counted && o.hit.from > c.hit.from) || own.some((o) => o.from > c.hit.from)) {
      c.counted = false;
      cues.push(evidence(ws, c.hit.from, c.hit.to, `${c.hit.text}: what is judged`, STANCE_RULES.evaluatedAction));
    }
  }
  let targetScore = 0;
  for (const c of lexicon.filter((l) => l.counted)) {
    targetScore += c.sign * c.weight;
    for (const n of c.negatedBy) cues.push(evidence(ws, n.from, n.to, n.text, STANCE_RULES.negator));
    const side = c.sign > 0 ? 'for the target' : 'against the target';
    const base = c.hit.tag.kind === 'action' ? STANCE_RULES.action : STANCE_RULES.evaluation;
    cues.push(evidence(ws, c.hit.from, c.hit.to, `${c.hit.text}: ${side}`, c.negatedBy.length % 2 === 1 ? `${base}.negated` : base));
  }
  let ownScore = 0;
  for (const o of own) {
    const sign = o.tag.kind === 'proposition' ? o.tag.sign : 0;
    const negated = negators.some((n) => n.to <= o.from && n.to >= o.from - PROPOSITION_CUE_NEGATION_REACH && clauseOf[n.from] === clauseOf[o.from]);
    ownScore += negated ? -sign : sign;
    cues.push(evidence(ws, o.from, o.to, `${o.text}: ${sign > 0 ? 'supports' : 'opposes'} the proposition`, negated ? `${STANCE_RULES.propositionCue}.negated` : STANCE_RULES.propositionCue));
  }
  const score = (cp.proposition.favoursTarget ? targetScore : -targetScore) + ownScore;
  const polarity: Polarity = score > 0 ? 'support' : score < 0 ? 'oppose' : 'neutral';
  const deciding = lexicon.filter((l) => l.counted && Math.sign(l.sign) === Math.sign(cp.proposition.favoursTarget ? score : -score));

  let modality: Modality = 'firm';
  if (polarity !== 'neutral') {
    const condition = conditions.find((c) => !notConditions.some((n) => n.from <= c.from && n.to >= c.to));
    if (condition !== undefined) {
      modality = 'conditional';
      cues.push(evidence(ws, condition.from, condition.to, condition.text, STANCE_RULES.condition));
    } else {
      const hedge = side.find((s) => s.tag === 'hedge' && deciding.some((d) => hedges(ws, s, d.hit, clauseOf)));
      if (hedge !== undefined) {
        modality = 'tentative';
        cues.push(evidence(ws, hedge.from, hedge.to, ws.slice(hedge.from, hedge.to).map((w) => w.lower).join(' '), STANCE_RULES.hedge));
      }
    }
  }
  const rule =
    polarity !== 'neutral'
      ? (cues.filter((c) => c.rule.startsWith(STANCE_RULES.action) || c.rule.startsWith(STANCE_RULES.evaluation) || c.rule.startsWith(STANCE_RULES.propositionCue)).at(-1)?.rule ?? STANCE_RULES.action)
      : lexicon.some((l) => l.counted) || own.length > 0
        ? STANCE_RULES.balanced
        : (cues.find((c) => c.rule === STANCE_RULES.prediction || c.rule === STANCE_RULES.question || c.rule === STANCE_RULES.subset || c.rule === STANCE_RULES.inCondition)?.rule ?? STANCE_RULES.noCue);
  cues.sort((a, b) => a.start - b.start || a.end - b.end);
  return { topical, namesTarget: targets.length > 0, polarity, modality, rule, cues, span: { start: ws[0]?.start ?? 0, end: ws.at(-1)?.end ?? 0 } };
}

/** A hedge qualifies a cue: before it in its clause or the cue itself ("may consider", "potentially look at"); a modal only qualifies an action. */
function hedges(ws: readonly Word[], hedge: SideHit, cue: Hit, clauseOf: readonly number[]): boolean {
  if (hedge.from >= cue.from && hedge.to <= cue.to) return true;
  if (hedge.from > cue.from || clauseOf[hedge.from] !== clauseOf[cue.from]) return false;
  const modal = MODALS.has(ws[hedge.from]?.lower ?? '');
  return !modal || cue.tag.kind === 'action';
}

function inBoilerplate(doc: Document, span: Span): boolean {
  return doc.boilerplate.some((b) => b.start <= span.start && b.end >= span.end);
}

/** The sentences to read: the headline (when not tokenised with the body) and every body sentence outside boilerplate. */
function sentenceSpans(doc: Document): Span[] {
  const out: Span[] = [];
  const headline = doc.headline;
  if (headline !== null && !doc.sentences.some((s) => s.start < headline.end && s.end > headline.start)) out.push(headline);
  for (const s of doc.sentences) if (!inBoilerplate(doc, s)) out.push(s);
  return out;
}

/** Quote content and narrator parts of each sentence, in text order. */
function units(doc: Document, sentences: readonly Span[]): Unit[] {
  const speech = doc.quotes.filter((q) => q.kind !== 'term');
  const out: Unit[] = [];
  sentences.forEach((s, index) => {
    // A headline is one telegraphic claim: "Commissioner 'may consider' working with groups" is read whole, as its quote's.
    const headlineQuote = s === doc.headline ? speech.find((q) => q.content.some((c) => c.start >= s.start && c.end <= s.end)) : undefined;
    if (headlineQuote !== undefined) {
      out.push({ start: s.start, end: s.end, quote: headlineQuote, actor: headlineQuote.actor, sentence: index });
      return;
    }
    const pieces: Unit[] = [];
    for (const q of speech) {
      for (const c of q.content) {
        const start = Math.max(c.start, s.start);
        const end = Math.min(c.end, s.end);
        if (end > start) pieces.push({ start, end, quote: q, actor: q.actor, sentence: index });
      }
    }
    pieces.sort((a, b) => a.start - b.start);
    let at = s.start;
    for (const p of [...pieces, null]) {
      const end = p === null ? s.end : p.start;
      if (end > at && /[\p{L}\p{N}]/u.test(doc.text.slice(at, end))) out.push({ start: at, end, quote: null, actor: null, sentence: index });
      if (p !== null) at = Math.max(at, p.end);
    }
    out.push(...pieces);
  });
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The actor a narrator unit is about: the last actor mention before the unit's
 * first cue in its sentence, not inside quoted words and not after a
 * preposition ("a letter sent to X").
 */
function narratorActor(doc: Document, sentence: Span, firstCue: number): string | null {
  const quoted = doc.quotes.filter((q) => q.kind === 'direct' || q.kind === 'mixed').flatMap((q) => q.content);
  let best: { actor: string; start: number } | null = null;
  for (const actor of doc.actors) {
    for (const m of actor.mentions) {
      if (m.start < sentence.start || m.end > firstCue || (best !== null && m.start < best.start)) continue;
      if (quoted.some((c) => c.start <= m.start && c.end >= m.end)) continue;
      const before = words(doc.text, sentence.start, m.start).at(-1)?.lower ?? '';
      if (PREPOSITIONS.has(before)) continue;
      best = { actor: actor.id, start: m.start };
    }
  }
  return best?.actor ?? null;
}

/** Statements of one document for the compiled propositions. */
export function findStatementsIn(doc: Document, propositions: readonly CompiledProposition[]): Statement[] {
  if (propositions.length === 0) return [];
  const sentences = sentenceSpans(doc);
  // Words are cut only for sentences a proposition's words may be in (a quick test on the lower-cased text first).
  const cut = new Map<number, Word[]>();
  const sentenceWords = (i: number): Word[] => {
    let ws = cut.get(i);
    if (ws === undefined) {
      const s = sentences[i];
      ws = s === undefined ? [] : words(doc.text, s.start, s.end);
      cut.set(i, ws);
    }
    return ws;
  };
  const lower = sentences.map((s) => doc.text.slice(s.start, s.end).toLowerCase().replaceAll('’', "'"));
  let allUnits: Unit[] | undefined;
  const found: Omit<Statement, 'id'>[] = [];
  for (const cp of propositions) {
    // A sentence is read only when a target's or a cue's first word is in it, or (once a target is named) an anaphor's.
    const relevant = lower.map((text, i) => cp.mayHold.test(text) && sentenceWords(i).some((w) => cp.firstWords.has(w.lower)));
    const refers = (i: number): boolean => cp.mayRefer.test(lower[i] ?? '') && sentenceWords(i).some((w) => cp.anaphorWords.has(w.lower));
    if (!relevant.some(Boolean)) continue;
    // Anaphora ("these groups") stand for a target once the article has named one.
    let topicSeen = false;
    allUnits ??= units(doc, sentences);
    for (const unit of allUnits) {
      if (!relevant[unit.sentence] && !(topicSeen && refers(unit.sentence))) continue;
      const ws = sentenceWords(unit.sentence).filter((w) => w.start >= unit.start && w.end <= unit.end);
      const topicActive = topicSeen;
      const scored = scoreUnit(ws, cp, topicActive);
      if (scored === null) continue;
      if (scored.namesTarget) topicSeen = true;
      let actor = unit.actor;
      if (unit.quote === null) {
        // A narrator sentence states a position only through an actor, the subject of its last deciding cue: otherwise it is the reporter's own account.
        if (scored.polarity === 'neutral') continue;
        const lastCue = scored.cues.findLast((c) => c.rule.startsWith(STANCE_RULES.action) || c.rule.startsWith(STANCE_RULES.evaluation) || c.rule.startsWith(STANCE_RULES.propositionCue));
        actor = narratorActor(doc, sentences[unit.sentence] ?? unit, lastCue?.start ?? scored.span.end);
        if (actor === null) continue;
        scored.cues.push({ ...scored.span, value: 'the sentence\'s subject takes the position', rule: STANCE_RULES.narrator });
      }
      found.push({ ...scored.span, proposition: cp.proposition.id, actor, quote: unit.quote?.id ?? null, polarity: scored.polarity, modality: scored.modality, cues: scored.cues, rule: scored.rule });
    }
  }
  return found.sort((a, b) => a.start - b.start || a.proposition.localeCompare(b.proposition)).map((s, i) => ({ id: `t${i + 1}`, ...s }));
}

/** The stage: fills `doc.statements` when the run has propositions. */
export function findStatements(doc: Document, ctx: StageContext): void {
  doc.statements = findStatementsIn(doc, ctx.propositions ?? []);
}

export const STANCE_STAGES: readonly Stage[] = [findStatements];
