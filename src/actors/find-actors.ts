/**
 * Stage: the people and organisations of one article, and the actor each
 * quote's speaker mention resolves to. Runs after the quotes stages.
 *
 * 1. Names in every non-boilerplate sentence (`scan-names.ts`): people with
 *    their titles, roles and organisations, organisations, lone capitalised
 *    words that may be short forms.
 * 2. Full names make the article's people (`Simon Threlfall`); organisations
 *    are keyed by their name in lower case (`WESSEX Vale Police` is
 *    `Wessex Vale Police`).
 * 3. Short forms resolve to a full name in the article: surname, title and
 *    surname (`Mr Threlfall`, `Det Chief Insp Holloway`), first name alone
 *    (`Danny`). Two people who fit is a message, not a guess.
 * 4. Speaker mentions: a name in the mention; a spokesperson (`an NSPCC
 *    spokesman`, `a spokeswoman for Wessex Vale Police`) is the organisation
 *    speaking; `the force` / `the council` is the latest organisation of that
 *    kind; pronouns (`he`, `she` to people, `they`, `it` to organisations)
 *    go to the one compatible actor named in the nearest sentence before
 *    them, or to the previous quote's speaker when several compete; otherwise
 *    a message and no actor.
 */
import type { Actor, ActorType, Document, Evidence, Mention, Message, Quote, Span } from '../model/document.js';
import type { StageContext } from '../pipeline.js';
import { SPEAKER_WINDOW_PARAGRAPHS, paragraphIndex, tokensIn, type Tok } from '../quotes/link-cues.js';
import { actorWords, type ActorWords, type Gender } from './actor-words.js';
import { standardGazetteer, type Gazetteer } from './gazetteer.js';
import { tokenizeSpan } from '../quotes/link-headline.js';
import { isNameWord, scanNames, type FoundEvidence, type NameMention } from './scan-names.js';

export const ACTORS_STAGE = 'actors';

export const ACTOR_RULES = {
  fullName: 'actor.person.full-name',
  alias: 'actor.person.short-form',
  newShortForm: 'actor.person.short-form-alone',
  organisation: 'actor.organisation.name',
  spokesperson: 'actor.organisation.spokesperson',
  definite: 'actor.organisation.definite',
  description: 'actor.person.description',
  apposedName: 'actor.person.apposed-name',
  relative: 'actor.relative-pronoun',
  pronoun: 'actor.pronoun.nearest',
  pronounSpeaker: 'actor.pronoun.previous-speaker',
  pronounGender: 'actor.pronoun.known-gender',
  unknownSpeaker: 'actor.unknown.speaker-name',
  pronounAmbiguous: 'actor.pronoun.ambiguous',
  pronounNone: 'actor.pronoun.no-antecedent',
  aliasAmbiguous: 'actor.person.short-form-ambiguous',
} as const;

/** Descriptions that name an organisation by its kind ("the force", "the council") and the organisation words that kind covers. */
const DEFINITE_KINDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['force', ['Police', 'Constabulary', 'Force']],
  ['police', ['Police', 'Constabulary', 'Force']],
  ['constabulary', ['Constabulary', 'Police']],
  ['council', ['Council']],
  ['department', ['Department']],
  ['ministry', ['Ministry']],
  ['charity', ['Trust', 'Charity', 'Foundation', 'Society']],
  ['trust', ['Trust']],
  ['agency', ['Agency']],
  ['authority', ['Authority', 'Council']],
  ['company', ['Company', 'Ltd', 'Limited', 'plc', 'PLC', 'Inc', 'Corp', 'Corporation', 'Group']],
  ['firm', ['Company', 'Ltd', 'Limited', 'plc', 'PLC', 'Inc', 'Corp', 'Corporation', 'Group']],
  ['group', ['Group', 'Watch', 'Campaign', 'Network']],
  ['party', ['Party']],
  ['government', ['Government']],
  ['commission', ['Commission']],
  ['office', ['Office']],
  ['service', ['Service']],
  ['university', ['University']],
  ['court', ['Court']],
]);

const PERSON_PRONOUNS: ReadonlyMap<string, Gender> = new Map([
  ['he', 'male'],
  ['she', 'female'],
]);
const ORG_PRONOUNS = new Set(['they', 'it']);
const DETERMINERS = new Set(['the', 'a', 'an']);
const RELATIVE_PRONOUNS = new Set(['who', 'which']);
const PREPOSITION_BEFORE_NAME = new Set(['to', 'by', 'about', 'against', 'on', 'with', 'for', 'from']);

interface Build {
  id: string;
  type: ActorType;
  name: string;
  parts: string[];
  gender: Gender | null;
  titles: Evidence[];
  roles: Evidence[];
  organisations: Evidence[];
  mentions: Mention[];
}

/** A mention tied to an actor, for pronoun search. */
interface Placed {
  pos: number;
  actor: Build;
}

function evidence(list: Evidence[], found: readonly FoundEvidence[]): void {
  for (const f of found) {
    if (!list.some((e) => e.start === f.start && e.end === f.end)) list.push({ start: f.start, end: f.end, value: f.value, rule: f.rule });
  }
}

class Registry {
  constructor(private readonly gazetteer: Gazetteer) {}

  readonly all: Build[] = [];
  private readonly people = new Map<string, Build>();
  private readonly orgs = new Map<string, Build>();

  private create(type: ActorType, name: string, parts: string[], gender: Gender | null): Build {
    const b: Build = { id: '', type, name, parts, gender, titles: [], roles: [], organisations: [], mentions: [] };
    this.all.push(b);
    return b;
  }

  /** The person with this full name (first and last words equal), created when new. */
  person(m: NameMention): Build {
    const key = personKey(m.parts);
    let b = this.people.get(key);
    if (b === undefined) {
      b = this.create('person', m.name, m.parts, m.gender);
      this.people.set(key, b);
    } else if (m.parts.length > b.parts.length) {
      b.name = m.name;
      b.parts = m.parts;
    }
    b.gender ??= m.gender;
    return b;
  }

  organisation(written: string): Build {
    const name = this.gazetteer.lookup(written)?.name ?? written;
    const key = orgKey(name);
    let b = this.orgs.get(key);
    const unknown = this.people.get(`?${name.toLowerCase()}`);
    if (b === undefined && unknown !== undefined) {
      // "Vale Connect Buses said" before "a spokeswoman for Vale Connect Buses": the unknown speaker was this organisation.
      unknown.type = 'organisation';
      this.orgs.set(key, unknown);
      b = unknown;
    }
    if (b === undefined) {
      b = this.create('organisation', name, [], null);
      this.orgs.set(key, b);
    }
    return b;
  }

  /** People a short form may name: by surname (and, with no title, by first name too), gender-compatible. */
  shortFormCandidates(word: string, titled: boolean, gender: Gender | null): Build[] {
    const out: Build[] = [];
    for (const b of this.people.values()) {
      if (b.parts.length < 2) continue;
      const last = b.parts[b.parts.length - 1];
      const hit = last === word || (!titled && b.parts[0] === word);
      if (hit && (gender === null || b.gender === null || b.gender === gender)) out.push(b);
    }
    return out;
  }

  /** A person known only by a short form (`Mr Pike` with no full name in the article). */
  shortFormAlone(m: NameMention): Build {
    const key = `~${m.name.toLowerCase()}`;
    let b = this.people.get(key);
    if (b === undefined) {
      b = this.create('person', m.name, m.parts, m.gender);
      this.people.set(key, b);
    }
    b.gender ??= m.gender;
    return b;
  }

  unknown(name: string): Build {
    const key = `?${name.toLowerCase()}`;
    let b = this.people.get(key);
    if (b === undefined) {
      b = this.create('unknown', name, name.split(/\s+/u), null);
      this.people.set(key, b);
    }
    return b;
  }
}

/** The actor's identity key across articles (see `Actor.key`). */
function identityKey(b: Build): string {
  if (b.type === 'organisation') return `organisation:${orgKey(b.name)}`;
  if (b.type === 'person') return `person:${b.parts.length > 1 ? personKey(b.parts) : b.name.replace(/\u2019/gu, "'").toLowerCase()}`;
  return `unknown:${b.name.replace(/\u2019/gu, "'").toLowerCase()}`;
}

function personKey(parts: readonly string[]): string {
  return `${parts[0] ?? ''} ${parts[parts.length - 1] ?? ''}`.toLowerCase();
}

function orgKey(name: string): string {
  return name.replace(/^the\s+/iu, '').replace(/\u2019/gu, "'").replace(/\s+/gu, ' ').toLowerCase();
}

function addMention(b: Build, span: Span, rule: string): void {
  if (!b.mentions.some((m) => m.start === span.start && m.end === span.end)) b.mentions.push({ start: span.start, end: span.end, rule });
}

function inside(span: Span, outer: Span): boolean {
  return span.start >= outer.start && span.end <= outer.end;
}

/** Every name of the article, sentence by sentence, with the token index each speaker mention starts at. */
function scanArticle(doc: Document, words: ActorWords, gazetteer: Gazetteer): NameMention[] {
  const boiler = new Set(doc.paragraphs.filter((p) => p.boilerplate).map((p) => p.id));
  const firstSentence = new Set<string>();
  const seenParagraph = new Set<string>();
  for (const s of doc.sentences) {
    if (!seenParagraph.has(s.paragraph)) {
      seenParagraph.add(s.paragraph);
      firstSentence.add(s.id);
    }
  }
  const speakerEnds = new Set(doc.quotes.filter((q) => q.kind !== 'term' && q.speaker !== null).map((q) => q.speaker?.end ?? -1));
  const out: NameMention[] = [];
  for (const s of doc.sentences) {
    if (boiler.has(s.paragraph)) continue;
    const toks = tokensIn(doc, s.start, s.end);
    const ends = new Set<number>();
    for (const [k, t] of toks.entries()) if (speakerEnds.has(t.end)) ends.add(k + 1);
    out.push(...scanNames(doc.text, toks, words, { gazetteer, speakerEnds: ends, opensParagraph: firstSentence.has(s.id) }));
  }
  return out;
}

/** Resolve the article's names to actors: full names first, then short forms. Returns each mention's actor. */
function resolveNames(names: readonly NameMention[], registry: Registry, messages: Message[]): Map<NameMention, Build | null> {
  const resolved = new Map<NameMention, Build | null>();
  for (const m of names) {
    if (m.kind === 'organisation') {
      const b = registry.organisation(m.name);
      addMention(b, m, m.rule);
      resolved.set(m, b);
    } else if (m.kind === 'person' && m.parts.length > 1) {
      const b = registry.person(m);
      addMention(b, m, `${ACTOR_RULES.fullName}:${m.rule}`);
      evidence(b.titles, m.titles);
      evidence(b.roles, m.roles);
      evidence(b.organisations, m.organisations);
      resolved.set(m, b);
    }
  }
  for (const m of names) {
    if (m.kind === 'organisation' || m.parts.length !== 1) continue;
    const word = m.parts[0] ?? '';
    const titled = m.kind === 'person';
    const candidates = registry.shortFormCandidates(word, titled, m.gender);
    if (candidates.length === 1 && candidates[0] !== undefined) {
      const b = candidates[0];
      addMention(b, m, ACTOR_RULES.alias);
      b.gender ??= m.gender;
      evidence(b.titles, m.titles);
      evidence(b.roles, m.roles);
      evidence(b.organisations, m.organisations);
      resolved.set(m, b);
    } else if (candidates.length > 1) {
      resolved.set(m, null);
      messages.push({
        stage: ACTORS_STAGE,
        rule: ACTOR_RULES.aliasAmbiguous,
        severity: 'info',
        reason: `"${word}" may be ${candidates.map((c) => c.name).join(' or ')}: left unresolved`,
        span: { start: m.start, end: m.end },
      });
    } else if (titled) {
      const b = registry.shortFormAlone(m);
      addMention(b, m, ACTOR_RULES.newShortForm);
      evidence(b.titles, m.titles);
      evidence(b.roles, m.roles);
      evidence(b.organisations, m.organisations);
      resolved.set(m, b);
    }
  }
  return resolved;
}

interface SpeakerResult {
  actor: Build | null;
  pronoun: string | null;
}

/** The actor a non-pronoun speaker mention names, or the pronoun to resolve later. */
function resolveSpeaker(doc: Document, speaker: Span, names: readonly NameMention[], resolved: Map<NameMention, Build | null>, registry: Registry, words: ActorWords): SpeakerResult {
  // The headline is not tokenised with the body: cut its words here.
  const inHeadline = doc.headline !== null && speaker.start >= doc.headline.start && speaker.end <= doc.headline.end;
  const toks = inHeadline ? tokenizeSpan(doc.text, speaker.start, speaker.end) : tokensIn(doc, speaker.start, speaker.end);
  const only = toks.length === 1 ? toks[0] : undefined;
  if (only !== undefined && (PERSON_PRONOUNS.has(only.lower) || ORG_PRONOUNS.has(only.lower))) return { actor: null, pronoun: only.lower };
  const found = (actor: Build | null): SpeakerResult => ({ actor, pronoun: null });
  // "Simon Threlfall, who said ...": a relative pronoun is the name right before it.
  if (only !== undefined && RELATIVE_PRONOUNS.has(only.lower)) {
    const before = names[lowerBound(names, speaker.start) - 1];
    const named = before === undefined ? null : (resolved.get(before) ?? null);
    if (before === undefined || named === null || !/^,?\s*$/u.test(doc.text.slice(before.end, speaker.start))) return found(null);
    addMention(named, speaker, ACTOR_RULES.relative);
    return found(named);
  }
  const spokes = toks.find((t) => words.spokespeople.has(t.lower));
  const near = namesAround(names, speaker);
  // The last name in the mention is its head ("Lib Dem committee chairman Alan Beith").
  // A name after a preposition is not the mention's head ("A letter sent to Martin Mubanga said").
  const afterPreposition = (m: NameMention): boolean => PREPOSITION_BEFORE_NAME.has(toks.filter((t) => t.end <= m.start).pop()?.lower ?? '');
  const personHit = near.findLast((m) => m.kind !== 'organisation' && resolved.has(m) && overlaps(m, speaker) && !afterPreposition(m));
  // A short form two people share stays unresolved (the message is already out). A named spokesperson is the person.
  if (personHit !== undefined && (spokes === undefined || personHit.start > spokes.start)) return found(resolved.get(personHit) ?? null);
  // "The Tory finance spokesman, Brian Monteith MSP, said": the name set off right after the description.
  const apposed = personHit === undefined ? names[lowerBound(names, speaker.end)] : undefined;
  if (apposed !== undefined && apposed.kind === 'person' && /^,\s*$/u.test(doc.text.slice(speaker.end, apposed.start))) {
    const b = resolved.get(apposed) ?? null;
    if (b !== null) {
      addMention(b, speaker, ACTOR_RULES.apposedName);
      const head = toks[0] !== undefined && DETERMINERS.has(toks[0].lower) ? toks[1] : toks[0];
      if (head !== undefined) b.roles.push({ start: head.start, end: speaker.end, value: doc.text.slice(head.start, speaker.end), rule: ACTOR_RULES.apposedName });
      return found(b);
    }
  }
  const orgHit = near.find((m) => m.kind === 'organisation' && inside(m, speaker));
  const org = orgHit === undefined ? null : (resolved.get(orgHit) ?? null);
  if (spokes !== undefined) {
    const speaking = org ?? namedInMention(doc, toks, registry, words) ?? definiteOrganisation(toks, registry, speaker.start) ?? lastSpokenFor(registry, speaker.start) ?? organisationJustBefore(doc, registry, speaker.start);
    if (speaking === null) return found(null);
    if (!speaking.roles.some((r) => r.start === spokes.start)) speaking.roles.push({ start: spokes.start, end: spokes.end, value: spokes.lower, rule: ACTOR_RULES.spokesperson });
    addMention(speaking, speaker, ACTOR_RULES.spokesperson);
    return found(speaking);
  }
  // An organisation speaking ("Wessex Vale Police confirmed"), unless a role word makes it a person of it ("the force's head of ...").
  if (org !== null && orgHit !== undefined) return found(toks.some((t) => words.roleHeads.has(t.lower) && t.start >= orgHit.end) ? describedPerson(toks, registry, words, speaker) : org);
  if (personHit !== undefined) return found(resolved.get(personHit) ?? null);
  // A role word that names no kind of organisation makes a description of a person ("the MP", "the group's founder").
  if (toks.some((t) => words.roleHeads.has(t.lower) && !DEFINITE_KINDS.has(t.lower))) return found(describedPerson(toks, registry, words, speaker));
  const definite = definiteOrganisation(toks, registry, speaker.start);
  if (definite !== null) {
    addMention(definite, speaker, ACTOR_RULES.definite);
    return found(definite);
  }
  const lettered = toks.filter((t) => /\p{L}/u.test(t.text));
  // A lone surname or first name of someone the article names in full ("Crossley", in a headline).
  const lone = lettered.length === 1 ? lettered[0] : undefined;
  if (lone !== undefined && isNameWord(lone, words, false)) {
    const candidates = registry.shortFormCandidates(lone.text, false, null);
    if (candidates.length === 1 && candidates[0] !== undefined) {
      addMention(candidates[0], speaker, ACTOR_RULES.alias);
      return found(candidates[0]);
    }
  }
  // A capitalised speaker the scan could not place ("Catcher said", "Manchester United said", "UK Coal said"): an actor of unknown type.
  const single = lettered.length === 1 && isNameWord(lettered[0], words, false) && capitalisedMidSentence(doc.text, lettered[0]?.text ?? '');
  const run = lettered.length > 1 && lettered.length <= 4 && lettered.every((t) => /^\p{Lu}/u.test(t.text) && !words.runOpeners.has(t.text) && !words.titleStarts.has(t.lower));
  if (single || run) {
    const b = registry.unknown(doc.text.slice(lettered[0]?.start ?? 0, lettered[lettered.length - 1]?.end ?? 0));
    addMention(b, speaker, ACTOR_RULES.unknownSpeaker);
    return found(b);
  }
  return found(null);
}

/** First index in `spans` (sorted by start) whose start is at or after `pos`. */
function lowerBound(spans: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid]?.start ?? 0) < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The names (in text order) that may overlap `span`: a name is never longer than a sentence, so start a sentence's worth back. */
function namesAround(names: readonly NameMention[], span: Span): NameMention[] {
  const out: NameMention[] = [];
  for (let i = Math.max(0, lowerBound(names, span.start) - NAMES_BACK); i < names.length; i++) {
    const m = names[i];
    if (m === undefined || m.start >= span.end) break;
    if (overlaps(m, span)) out.push(m);
  }
  return out;
}

const NAMES_BACK = 4; // names are disjoint and in text order: at most a few can start before a span and still reach into it

/** True when `word` appears capitalised after a lower-case word somewhere in `text`: a name, not a sentence's first word ("Partial transcript"). */
function capitalisedMidSentence(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    let k = at;
    while (k > 0 && /\s/u.test(text.charAt(k - 1))) k--;
    const space = k < at;
    if (text.charAt(k - 1) === ',') k--;
    if (space && /\p{Ll}/u.test(text.charAt(k - 1)) && !/[\p{L}\p{N}]/u.test(text.charAt(at + word.length))) return true;
  }
  return false;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** `a spokesman for Lantern Watch Wessex`, `a Lantern Watch spokeswoman`: the capitalised words in a spokesperson mention name the organisation. */
function namedInMention(doc: Document, toks: readonly Tok[], registry: Registry, words: ActorWords): Build | null {
  let a = 0;
  while (a < toks.length && !(/^\p{Lu}/u.test(toks[a]?.text ?? '') && !words.notNames.has(toks[a]?.text ?? ''))) a++;
  let b = a;
  while (b < toks.length && /^\p{Lu}/u.test(toks[b]?.text ?? '')) b++;
  const first = toks[a];
  const last = toks[b - 1];
  if (first === undefined || last === undefined || b === a) return null;
  return registry.organisation(doc.text.slice(first.start, last.end));
}

/** `Scotland Yard said ... A spokesman said`: the one organisation named in the same or the sentence before. */
function organisationJustBefore(doc: Document, registry: Registry, pos: number): Build | null {
  const here = lowerBound(doc.sentences, pos + 1) - 1;
  const from = doc.sentences[Math.max(0, here - 1)]?.start ?? 0;
  const named = new Set<Build>();
  for (const b of registry.all) {
    if (b.type === 'organisation' && b.mentions.some((m) => m.start >= from && m.start < pos)) named.add(b);
  }
  return named.size === 1 ? ([...named][0] ?? null) : null;
}

/** `the spokesman` after an organisation's spokesperson spoke: that organisation again. */
function lastSpokenFor(registry: Registry, pos: number): Build | null {
  let best: Build | null = null;
  let bestPos = -1;
  for (const b of registry.all) {
    for (const m of b.mentions) {
      if (m.rule === ACTOR_RULES.spokesperson && m.start < pos && m.start > bestPos) {
        best = b;
        bestPos = m.start;
      }
    }
  }
  return best;
}

/**
 * `the MP for Harbridge West`, `crime commissioner`, `a senior police
 * constable`: a description whose role word matches the title or role of
 * exactly one person in the article.
 */
function describedPerson(toks: readonly Tok[], registry: Registry, words: ActorWords, speaker: Span): Build | null {
  const heads = toks.filter((t) => (words.roleHeads.has(t.lower) || words.postNominals.has(t.text)) && !words.spokespeople.has(t.lower) && !DEFINITE_KINDS.has(t.lower)).map((t) => t.lower);
  if (heads.length === 0) return null;
  const head = heads[heads.length - 1] ?? '';
  const fits = registry.all.filter(
    (b) => b.type === 'person' && [...b.titles, ...b.roles].some((e) => roleWords(e.value).includes(head)),
  );
  const only = fits.length === 1 ? fits[0] : undefined;
  if (only === undefined) return null;
  addMention(only, speaker, ACTOR_RULES.description);
  return only;
}

/** The words of a role before its first preposition: `national lead` of `national lead for child protection at ...`. */
function roleWords(role: string): string[] {
  const words = role.toLowerCase().split(/[\s-]+/u);
  const cut = words.findIndex((w) => ROLE_PREPOSITIONS.has(w));
  return cut === -1 ? words : words.slice(0, cut);
}

const ROLE_PREPOSITIONS = new Set(['for', 'at', 'of', 'from', 'in', 'on', 'with']);

/**
 * `the force`, `a council spokeswoman`, a headline's `Police` or `Charity`:
 * the organisation of that kind named latest before `pos`, or failing that
 * the first named after it.
 */
function definiteOrganisation(toks: readonly Tok[], registry: Registry, pos: number): Build | null {
  for (const t of toks) {
    const heads = DEFINITE_KINDS.get(t.lower);
    if (heads === undefined) continue;
    let before: Build | null = null;
    let beforePos = -1;
    let after: Build | null = null;
    let afterPos = Infinity;
    for (const b of registry.all) {
      if (b.type !== 'organisation' || !heads.some((h) => b.name.endsWith(h))) continue;
      for (const m of b.mentions) {
        if (m.start < pos && m.start > beforePos) {
          before = b;
          beforePos = m.start;
        } else if (m.start >= pos && m.start < afterPos) {
          after = b;
          afterPos = m.start;
        }
      }
    }
    return before ?? after;
  }
  return null;
}

/**
 * The antecedent of a speaker pronoun: compatible actors named before it
 * (outside quoted words), sentence by sentence back to the speaker window.
 * One in the nearest sentence that has any: that one. Several: the previous
 * quote's speaker when it is among them; otherwise a message and no actor.
 */
function resolvePronoun(doc: Document, pronoun: string, at: Span, placed: readonly Placed[], previous: Build | null, messages: Message[]): { actor: Build | null; rule: string } {
  const gender = PERSON_PRONOUNS.get(pronoun) ?? null;
  const wantPerson = PERSON_PRONOUNS.has(pronoun);
  const fits = (b: Build): boolean =>
    wantPerson ? b.type !== 'organisation' && (b.gender === null || b.gender === gender) : b.type === 'organisation';
  const pi = paragraphIndex(doc.paragraphs, at.start);
  const floor = doc.paragraphs[Math.max(0, pi - SPEAKER_WINDOW_PARAGRAPHS)]?.start ?? 0;
  const first = lowerBound(doc.sentences, floor);
  for (let k = lowerBound(doc.sentences, at.start + 1) - 1; k >= first; k--) {
    const s = doc.sentences[k];
    if (s === undefined) continue;
    const here = new Set<Build>();
    for (const p of placed) if (p.pos >= s.start && p.pos < Math.min(s.end, at.start) && fits(p.actor)) here.add(p.actor);
    if (here.size === 0) continue;
    if (here.size === 1) return { actor: [...here][0] ?? null, rule: ACTOR_RULES.pronoun };
    const known = [...here].filter((b) => gender !== null && b.gender === gender);
    if (known.length === 1) return { actor: known[0] ?? null, rule: ACTOR_RULES.pronounGender };
    if (previous !== null && here.has(previous)) return { actor: previous, rule: ACTOR_RULES.pronounSpeaker };
    messages.push({
      stage: ACTORS_STAGE,
      rule: ACTOR_RULES.pronounAmbiguous,
      severity: 'info',
      reason: `"${doc.text.slice(at.start, at.end)}" may be ${[...here].map((b) => b.name).join(' or ')}: left unresolved`,
      span: { start: at.start, end: at.end },
    });
    return { actor: null, rule: ACTOR_RULES.pronounAmbiguous };
  }
  if (previous !== null && fits(previous)) return { actor: previous, rule: ACTOR_RULES.pronounSpeaker };
  messages.push({ stage: ACTORS_STAGE, rule: ACTOR_RULES.pronounNone, severity: 'info', reason: `no one named before "${doc.text.slice(at.start, at.end)}" fits it`, span: { start: at.start, end: at.end } });
  return { actor: null, rule: ACTOR_RULES.pronounNone };
}

/** Mentions tied to actors, outside quoted words (speech names people without them being the subject). */
function placedMentions(registry: Registry, quoted: readonly Span[]): Placed[] {
  const out: Placed[] = [];
  for (const b of registry.all) {
    for (const m of b.mentions) if (!quoted.some((q) => inside(m, q))) out.push({ pos: m.start, actor: b });
  }
  return out;
}

/** The article's actors and each quote's actor. */
export function findArticleActors(doc: Document, gazetteer: Gazetteer = standardGazetteer()): { actors: Actor[]; quotes: Quote[]; messages: Message[] } {
  const words = actorWords();
  const messages: Message[] = [];
  const registry = new Registry(gazetteer);
  const names = scanArticle(doc, words, gazetteer);
  const resolved = resolveNames(names, registry, messages);
  const speeches = doc.quotes.filter((q) => q.kind !== 'term');
  const quoted = speeches.flatMap((q) => q.content);
  const actorOf = new Map<Quote, Build | null>();
  const pronouns: Quote[] = [];
  for (const q of speeches) {
    if (q.speaker === null) continue;
    const r = resolveSpeaker(doc, q.speaker, names, resolved, registry, words);
    if (r.pronoun !== null) pronouns.push(q);
    else actorOf.set(q, r.actor);
  }
  // Pronouns in text order: each resolved one is a mention the next may lean on.
  let previous: Build | null = null;
  const placed = placedMentions(registry, quoted);
  for (const q of speeches) {
    if (q.speaker === null) continue;
    if (pronouns.includes(q)) {
      const pronoun = doc.text.slice(q.speaker.start, q.speaker.end).toLowerCase();
      const r = resolvePronoun(doc, pronoun, q.speaker, placed, previous, messages);
      if (r.actor !== null) {
        addMention(r.actor, q.speaker, r.rule);
        placed.push({ pos: q.speaker.start, actor: r.actor });
        r.actor.gender ??= PERSON_PRONOUNS.get(pronoun) ?? null;
      }
      actorOf.set(q, r.actor);
    }
    previous = actorOf.get(q) ?? previous;
  }
  const built = registry.all.filter((b) => b.mentions.length > 0);
  for (const b of built) b.mentions.sort((x, y) => x.start - y.start || x.end - y.end);
  built.sort((x, y) => (x.mentions[0]?.start ?? 0) - (y.mentions[0]?.start ?? 0));
  built.forEach((b, i) => (b.id = `x${i + 1}`));
  const actors: Actor[] = built.map((b) => ({
    id: b.id,
    type: b.type,
    name: b.name,
    key: identityKey(b),
    titles: b.titles.sort(byStart),
    roles: b.roles.sort(byStart),
    organisations: b.organisations.sort(byStart),
    mentions: b.mentions,
  }));
  const quotes = doc.quotes.map((q) => ({ ...q, actor: actorOf.get(q)?.id ?? null }));
  return { actors, quotes, messages };
}

function byStart(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end;
}

export function findActors(doc: Document, ctx: StageContext): void {
  const { actors, quotes, messages } = findArticleActors(doc, ctx.gazetteer);
  doc.actors = actors;
  doc.quotes = quotes;
  doc.messages.push(...messages);
}
