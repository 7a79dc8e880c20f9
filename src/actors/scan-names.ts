/**
 * Names in one sentence: people (with their titles, roles and organisations
 * where the words around the name give them) and organisations. No model:
 * capitalised runs read with the word lists of `actor-words.ts`.
 *
 * - A title or rank before capitalised words is a person (`Det Chief Insp
 *   Karen Holloway`, `Mr Pike`).
 * - A capitalised run ending in an organisation word, or holding one before
 *   "of", is an organisation (`Wessex Vale Police`, `Department of Health`);
 *   so is a lone acronym (`NSPCC`).
 * - Two to four name-like words are a person when the first is a known
 *   given name, when a role or an age stands right before them (`campaigner
 *   Jo Reed`), or when they are a speaker mention.
 * - A lone capitalised word is kept as a possible short form (`Holloway`,
 *   `Danny`): the article's full names decide later whether it is one.
 */
import type { Span } from '../model/document.js';
import type { Tok } from '../quotes/link-cues.js';
import type { ActorWords, Gender } from './actor-words.js';
import type { Gazetteer } from './gazetteer.js';

export const NAME_RULES = {
  titleName: 'actor.person.title-name',
  givenName: 'actor.person.given-name',
  roleName: 'actor.person.role-before-name',
  roleAfterName: 'actor.person.role-after-name',
  speakerName: 'actor.person.speaker-name',
  organisation: 'actor.organisation.name',
  gazetteer: 'actor.organisation.gazetteer',
  acronym: 'actor.organisation.acronym',
  single: 'actor.name.single-word',
  transcriptLabel: 'actor.name.transcript-label',
} as const;

export const EVIDENCE_RULES = {
  title: 'actor.title.before-name',
  postNominal: 'actor.title.after-name',
  roleBefore: 'actor.role.before-name',
  roleAppositive: 'actor.role.appositive',
  orgPossessive: 'actor.organisation.possessive',
  orgPreposition: 'actor.organisation.from-of-at',
  orgAppositive: 'actor.organisation.in-role',
  orgBeforeTitle: 'actor.organisation.before-title',
  titleInRole: 'actor.title.in-role',
} as const;

export const NAME_MAX_TOKENS = 4; // "Mary Ann de la Cruz" is rare; longer capitalised runs are titles of things
export const ROLE_BEFORE_MAX_TOKENS = 4; // "local paedophile hunter Danny Catcher"
export const APPOSITIVE_MAX_TOKENS = 24; // ", the national lead for child protection at the National Police Chiefs' Council,"

export interface FoundEvidence extends Span {
  value: string;
  rule: string;
}

export interface NameMention extends Span {
  kind: 'person' | 'organisation' | 'single';
  /** The name without title, as written (person) or the organisation's name. */
  name: string;
  /** Person names: the name's words (`Simon`, `Bailey`). */
  parts: string[];
  gender: Gender | null;
  rule: string;
  titles: FoundEvidence[];
  roles: FoundEvidence[];
  organisations: FoundEvidence[];
}

const CAPITALISED = /^\p{Lu}/u;
const NAME_WORD = /^\p{Lu}[\p{L}'\u2019-]*$/u;
const ALL_CAPS = /^\p{Lu}{2,}$/u;
const QUOTE_MARK = /^["'\u201C\u201D\u2018\u2019]+$/u;
const LOWER_WORD = /^\p{Ll}[\p{Ll}-]*$/u;
const AGE = /^\d{1,3}(?:-year-old)?$/u;
const POSSESSIVE = new Set(["'s", '\u2019s']);
const APOSTROPHE = new Set(["'", '\u2019']);
/** Names that take a number (`BBC Radio 4`, `Channel 4`). */
const NUMBERED = new Set(['Radio', 'Channel', 'Five', 'Line']);
const CONNECTORS = new Set(['of', 'for', 'and', 'the', '&', 'to', 'on']);
const PREPOSITIONS = new Set(['from', 'of', 'at', 'for', 'with']);
const DETERMINERS = new Set(['the', 'a', 'an']);
const ROLE_PREPOSITIONS = new Set(['for', 'of', 'at', 'in', 'from', 'with', 'on']);
const ROLE_STOP = new Set(['said', 'says', 'told', 'or', 'but', 'that', 'who', 'as', 'by', 'to', 'from', 'with', 'of', 'for', 'at', 'in', 'on']);

/** Length in tokens of the title starting at `i` (full stops after abbreviations skipped), and its form. */
export function titleAt(toks: readonly Tok[], i: number, words: ActorWords): { end: number; canonical: string; gender: Gender | null; kind: string } | null {
  const first = toks[i];
  if (first === undefined || !CAPITALISED.test(first.text) || !words.titleStarts.has(first.lower)) return null;
  for (const form of words.titles) {
    let k = i;
    let ok = true;
    for (const w of form.words) {
      if (toks[k]?.lower !== w) {
        ok = false;
        break;
      }
      k++;
      if (toks[k]?.text === '.' && toks[k - 1]?.end === toks[k]?.start) k++;
    }
    if (ok) return { end: k, canonical: form.canonical, gender: form.gender, kind: form.kind };
  }
  return null;
}

export function isNameWord(t: Tok | undefined, words: ActorWords, leadCaps: boolean): boolean {
  if (t === undefined || words.notNames.has(t.text) || words.organisationHeads.has(t.text) || words.roleHeads.has(t.lower) || words.titleStarts.has(t.lower)) return false;
  if (ALL_CAPS.test(t.text)) return leadCaps && t.text.length > 3;
  return NAME_WORD.test(t.text);
}

/** End (exclusive) of the person name starting at `i`: name words and particles, up to `NAME_MAX_TOKENS`. */
function nameEnd(toks: readonly Tok[], i: number, words: ActorWords, leadCaps: boolean): number {
  let k = i;
  while (k < toks.length && k - i < NAME_MAX_TOKENS) {
    const t = toks[k];
    if (isNameWord(t, words, leadCaps && k === i)) k++;
    else if (k > i && t !== undefined && words.nameParticles.has(t.text) && isNameWord(toks[k + 1], words, false)) k++;
    else if (k > i && t?.text === '-' && t.start === toks[k - 1]?.end && toks[k + 1]?.start === t.end && isNameWord(toks[k + 1], words, false)) k += 2; // "Moore-Gillon"

    else break;
  }
  return k;
}

/** End (exclusive) of the capitalised run starting at `i`: capitalised words joined by connectors and plural apostrophes. */
function runEnd(toks: readonly Tok[], i: number, possessive = false): number {
  let k = i + 1;
  while (k < toks.length) {
    const t = toks[k];
    if (t === undefined) break;
    if (CAPITALISED.test(t.text)) k++;
    else if (possessive && POSSESSIVE.has(t.text) && CAPITALISED.test(toks[k + 1]?.text ?? '')) k++;
    else if (NUMBERED.has(toks[k - 1]?.text ?? '') && /^\d{1,3}$/u.test(t.text)) k++;
    else if (t.text === '-' && t.start === toks[k - 1]?.end && toks[k + 1]?.start === t.end && CAPITALISED.test(toks[k + 1]?.text ?? '')) k++; // "Frank-Juergen"
    else if (APOSTROPHE.has(t.text) && toks[k - 1]?.end === t.start && CAPITALISED.test(toks[k + 1]?.text ?? '')) k++;
    else if (CONNECTORS.has(t.lower) && CAPITALISED.test(toks[k + 1]?.text ?? '')) k++;
    else break;
  }
  // Never end on a connector or apostrophe.
  while (k > i + 1 && (CONNECTORS.has(toks[k - 1]?.lower ?? '') || APOSTROPHE.has(toks[k - 1]?.text ?? '') || POSSESSIVE.has(toks[k - 1]?.text ?? ''))) k--;
  return k;
}

function textOf(text: string, toks: readonly Tok[], a: number, b: number): string {
  const first = toks[a];
  const last = toks[b - 1];
  return first === undefined || last === undefined ? '' : text.slice(first.start, last.end);
}

/** Title-case an all-capitals word opening a paragraph ("WILTSHIRE Police" -> "Wiltshire Police"). */
function fixLeadCaps(name: string, leadCaps: boolean): string {
  if (!leadCaps) return name;
  return name.replace(/^(\p{Lu})(\p{Lu}{3,})(?=\s)/u, (_m, a: string, b: string) => a + b.toLowerCase());
}

function isOrganisationRun(toks: readonly Tok[], a: number, b: number, words: ActorWords): boolean {
  for (let k = a; k < b; k++) {
    const t = toks[k];
    if (t === undefined || !words.organisationHeads.has(t.text)) continue;
    const next = toks[k + 1];
    if (k === b - 1 || next?.lower === 'of' || next?.lower === 'for' || (k === b - 2 && /^\d+$/u.test(next?.text ?? ''))) return true;
  }
  return false;
}

/** Lower-case role words right before token `a` that end in a role noun ("local paedophile hunter"). */
function roleBefore(toks: readonly Tok[], a: number, words: ActorWords): [number, number] | null {
  const head = toks[a - 1];
  if (head === undefined || !words.roleHeads.has(head.lower) || !LOWER_WORD.test(head.text)) return null;
  let k = a - 1;
  while (k - 1 >= 0 && a - (k - 1) <= ROLE_BEFORE_MAX_TOKENS) {
    const t = toks[k - 1];
    if (t === undefined || !LOWER_WORD.test(t.text) || DETERMINERS.has(t.lower) || ROLE_STOP.has(t.lower)) break;
    k--;
  }
  return [k, a];
}

const CLAUSE_WORDS = new Set(['who', 'whom', 'whose', 'which', 'that', 'where', 'when', 'said', 'says', 'told', 'added', 'has', 'had', 'have', 'is', 'was', 'were', 'are', 'will', 'would']);

/** End (the closing comma or full stop) of the comma-set phrase opening at the comma `k`, or null. */
function appositiveEnd(toks: readonly Tok[], k: number): number | null {
  let e = k + 1;
  while (e < toks.length && toks[e]?.text !== ',' && toks[e]?.text !== '.' && e - k <= APPOSITIVE_MAX_TOKENS) e++;
  const closer = toks[e];
  return e === k + 1 || closer === undefined || (closer.text !== ',' && closer.text !== '.') ? null : e;
}

/** The end of a role appositive opening at comma `k` (`, the MP for Harbridge West,`), or null. */
function roleAppositiveEnd(toks: readonly Tok[], k: number, words: ActorWords): number | null {
  const e = appositiveEnd(toks, k);
  const first = toks[k + 1];
  if (e === null || first === undefined) return null;
  const s = DETERMINERS.has(first.lower) ? k + 2 : k + 1;
  return isRolePhrase(toks, s, e, words) ? e : null;
}

/** Tokens `[s, e)` read as a role: no clause words, and a role noun or title before any preposition. */
function isRolePhrase(toks: readonly Tok[], s: number, e: number, words: ActorWords): boolean {
  let head = false;
  for (let k = s; k < e; k++) {
    const t = toks[k];
    if (t === undefined || CLAUSE_WORDS.has(t.lower)) return false;
    if (PREPOSITIONS.has(t.lower)) return head;
    if (words.roleHeads.has(t.lower)) head = true;
  }
  return head;
}

/** The organisation named by the capitalised run at token `o` (after "the"), as evidence. */
function organisationAt(text: string, toks: readonly Tok[], o: number, rule: string): FoundEvidence | null {
  if (toks[o]?.lower === 'the') o++;
  const first = toks[o];
  if (first === undefined || !CAPITALISED.test(first.text)) return null;
  const oe = runEnd(toks, o, true);
  const last = toks[oe - 1];
  return last === undefined ? null : { start: first.start, end: last.end, value: text.slice(first.start, last.end), rule };
}

/** A role read from tokens `[s, e)`, and the title it names when it is one (`police and crime commissioner`). */
function pushRole(text: string, toks: readonly Tok[], s: number, e: number, rule: string, m: NameMention, words: ActorWords): void {
  const rs = toks[s];
  const re = toks[e - 1];
  if (rs === undefined || re === undefined || rs.start >= re.end) return;
  const value = text.slice(rs.start, re.end);
  m.roles.push({ start: rs.start, end: re.end, value, rule });
  // The title a role names: its words before any preposition ("police and crime commissioner for Wessex Vale").
  const head = value.toLowerCase().split(/\s+/u);
  const cut = head.findIndex((w) => ROLE_PREPOSITIONS.has(w));
  const form = words.titles.find((t) => t.words.join(' ') === (cut === -1 ? head : head.slice(0, cut)).join(' '));
  if (form !== undefined && form.kind !== 'courtesy') m.titles.push({ start: rs.start, end: re.end, value: form.canonical, rule: EVIDENCE_RULES.titleInRole });
}

/**
 * The words after a person's name: a post-nominal (`MP`), an organisation
 * (`from Wessex Vale Police`), and an appositive set off by commas (`, the
 * head of the Ashcombe Trust,`, `, from Wessex Vale Police,`) read as a role
 * and the organisation it names.
 */
function afterName(text: string, toks: readonly Tok[], b: number, m: NameMention, words: ActorWords): void {
  let k = b;
  const post = toks[k];
  if (post !== undefined && words.postNominals.has(post.text)) {
    m.titles.push({ start: post.start, end: post.end, value: post.text, rule: EVIDENCE_RULES.postNominal });
    k++;
  }
  if (PREPOSITIONS.has(toks[k]?.lower ?? '') && toks[k]?.lower !== 'with') {
    let o = k + 1;
    if (toks[o]?.lower === 'the') o++;
    const oe = runEnd(toks, o);
    if (CAPITALISED.test(toks[o]?.text ?? '') && (isOrganisationRun(toks, o, oe, words) || (oe === o + 1 && ALL_CAPS.test(toks[o]?.text ?? '')))) {
      const org = organisationAt(text, toks, o, EVIDENCE_RULES.orgPreposition);
      if (org !== null) m.organisations.push(org);
    }
    return;
  }
  if (toks[k]?.text !== ',') return;
  const e = appositiveEnd(toks, k);
  const first = toks[k + 1];
  if (e === null || first === undefined || AGE.test(first.text)) return;
  if (PREPOSITIONS.has(first.lower)) {
    // ", from Wessex Vale Police,": an affiliation, no role.
    const org = organisationAt(text, toks, k + 2, EVIDENCE_RULES.orgPreposition);
    if (org !== null) m.organisations.push(org);
    return;
  }
  const s = DETERMINERS.has(first.lower) ? k + 2 : k + 1;
  if (!isRolePhrase(toks, s, e, words)) return;
  // The organisation: the first capitalised run after a preposition ("for child protection at the National Police Chiefs' Council").
  for (let p = s; p < e; p++) {
    if (!PREPOSITIONS.has(toks[p]?.lower ?? '')) continue;
    const org = organisationAt(text, toks, p + 1, EVIDENCE_RULES.orgAppositive);
    if (org === null) continue;
    m.organisations.push(org);
    break;
  }
  pushRole(text, toks, s, e, EVIDENCE_RULES.roleAppositive, m, words);
}

export interface ScanOptions {
  gazetteer: Gazetteer;
  /** Token indexes ending a speaker mention (exclusive): a name-like run ending there is a person. */
  speakerEnds: ReadonlySet<number>;
  /** True when the sentence opens its paragraph (capitals in its first word are a house style, not an acronym). */
  opensParagraph: boolean;
}

/** Every name in one sentence's tokens, in order. */
export function scanNames(text: string, toks: readonly Tok[], words: ActorWords, options: ScanOptions): NameMention[] {
  const out: NameMention[] = [];
  let i = 0;
  while (i < toks.length) {
    const t = toks[i];
    if (t === undefined) break;
    const known = CAPITALISED.test(t.text) || t.lower === 'the' ? knownOrganisation(text, toks, i, options.gazetteer) : null;
    if (known !== null) {
      out.push(known.mention);
      i = known.end;
      continue;
    }
    if (!CAPITALISED.test(t.text) || (words.runOpeners.has(t.text) && !words.organisationHeads.has(t.text))) {
      i++;
      continue;
    }
    const leadCaps = options.opensParagraph && i === 0;
    const title = titleAt(toks, i, words);
    if (title !== null) {
      const end = nameEnd(toks, title.end, words, false);
      if (end > title.end) {
        out.push(person(text, toks, i, title.end, end, title, NAME_RULES.titleName, words, options.gazetteer));
        i = end;
        continue;
      }
      // "Northmoor's Police and Crime Commissioner, Rosemary Tandy, said".
      const apposed = toks[title.end]?.text === ',' ? nameEnd(toks, title.end + 1, words, false) : 0;
      if (apposed > title.end + 2 && (toks[apposed]?.text === ',' || toks[apposed]?.text === '.')) {
        out.push(person(text, toks, i, title.end + 1, apposed, { ...title, end: title.end }, NAME_RULES.titleName, words, options.gazetteer));
        i = apposed;
        continue;
      }
    }
    let a = i;
    const long = runEnd(toks, i, true);
    const b = long > runEnd(toks, i) && isOrganisationRun(toks, i, long, words) ? long : runEnd(toks, i);
    while (a < b && words.runOpeners.has(toks[a]?.text ?? '') && !words.organisationHeads.has(toks[a]?.text ?? '')) a++;
    if (a < b) classifyRun(text, toks, a, b, words, options, leadCaps && a === 0, out);
    i = b;
  }
  return out;
}

function classifyRun(text: string, toks: readonly Tok[], a: number, b: number, words: ActorWords, options: ScanOptions, leadCaps: boolean, out: NameMention[]): void {
  const first = toks[a];
  const last = toks[b - 1];
  if (first === undefined || last === undefined) return;
  if (b - a === 1 && words.organisationHeads.has(first.text)) return; // "Police", "Charity": a description, read by the speaker resolver
  // "Harbridge Borough Council and Wessex Vale Police": two organisations, not one.
  for (let k = a + 1; k < b - 1; k++) {
    const titleThrough = (titleAt(toks, k - 1, words)?.end ?? 0) > k; // "Police and Crime Commissioner" is one title
    if ((toks[k]?.lower === 'and' || toks[k]?.text === '&') && words.organisationHeads.has(toks[k - 1]?.text ?? '') && !titleThrough) {
      classifyRun(text, toks, a, k, words, options, leadCaps, out);
      classifyRun(text, toks, k + 1, b, words, options, false, out);
      return;
    }
  }
  if (isOrganisationRun(toks, a, b, words)) {
    const name = fixLeadCaps(textOf(text, toks, a, b), leadCaps);
    out.push(organisation(options.gazetteer.lookup(name)?.name ?? name, first, last, NAME_RULES.organisation));
    return;
  }
  if (b - a === 1 && ALL_CAPS.test(first.text)) {
    // "(CROSSTALK)", "(APPLAUSE)": a transcript's stage direction.
    if (toks[a - 1]?.text === '(' && (toks[b]?.text === ')' || toks[b + 1]?.text === ')')) return;
    // "WALLACE: Let's start ...": a transcript's speaker label is a person's surname.
    if (options.opensParagraph && toks.slice(0, a).every((t) => QUOTE_MARK.test(t.text)) && toks[b]?.text === ':') {
      const name = first.text.charAt(0) + first.text.slice(1).toLowerCase();
      out.push({ start: first.start, end: first.end, kind: 'person', name, parts: [name], gender: null, rule: NAME_RULES.transcriptLabel, titles: [], roles: [], organisations: [] });
      return;
    }
  }
  if (b - a === 1 && ALL_CAPS.test(first.text) && !words.notAcronyms.has(first.text) && !words.titleStarts.has(first.lower) && !words.postNominals.has(first.text)) {
    out.push(organisation(options.gazetteer.lookup(first.text)?.name ?? first.text, first, first, NAME_RULES.acronym));
    return;
  }
  // A run joined by connectors that is no organisation may hold several names ("Karen Holloway and Tom Quayle").
  for (let s = a; s < b; ) {
    // A title inside the run ("Wiltshire Police and Crime Commissioner Angus Macpherson").
    const title = s > a ? titleAt(toks, s, words) : null;
    const titled = title === null ? title : nameEnd(toks, title.end, words, false);
    if (title !== null && titled !== null && titled > title.end) {
      const m = person(text, toks, s, title.end, titled, title, NAME_RULES.titleName, words, options.gazetteer);
      // The organisation named right before the title, in the same run ("Wiltshire Police" above).
      const before = out[out.length - 1];
      const lead = toks[a];
      const leadEnd = toks[s - 1];
      if (before?.kind === 'organisation' && before.end <= (toks[s]?.start ?? 0) && (toks[s]?.start ?? 0) - before.end <= 5) {
        m.organisations.push({ start: before.start, end: before.end, value: before.name, rule: EVIDENCE_RULES.orgBeforeTitle });
      } else if (lead !== undefined && leadEnd !== undefined && CAPITALISED.test(leadEnd.text)) {
        // "Wessex Vale Police and Crime Commissioner X": the words before the title name the area or body.
        m.organisations.push({ start: lead.start, end: leadEnd.end, value: text.slice(lead.start, leadEnd.end), rule: EVIDENCE_RULES.orgBeforeTitle });
      }
      out.push(m);
      s = titled;
      continue;
    }
    const e = nameEnd(toks, s, words, leadCaps && s === a);
    if (e === s) {
      s++;
      continue;
    }
    const rule = personRule(toks, s, e, words, options);
    if (rule !== null) out.push(person(text, toks, s, s, e, null, rule, words, options.gazetteer));
    s = e;
  }
}

function personRule(toks: readonly Tok[], a: number, b: number, words: ActorWords, options: ScanOptions): string | null {
  const first = toks[a];
  if (first === undefined) return null;
  if (b - a === 1) return NAME_RULES.single;
  if (words.givenNames.has(first.text)) return NAME_RULES.givenName;
  if (roleBefore(toks, a, words) !== null || AGE.test(toks[a - 1]?.text ?? '') || words.roleHeads.has(toks[a - 1]?.lower ?? '')) return NAME_RULES.roleName;
  if (toks[b]?.text === ',' && roleAppositiveEnd(toks, b, words) !== null) return NAME_RULES.roleAfterName;
  const seat = DETERMINERS.has(toks[a - 1]?.lower ?? ''); // "a Wessex Vale MP": the words before MP say which seat, not who
  if (options.speakerEnds.has(b) || (!seat && words.postNominals.has(toks[b]?.text ?? '') && options.speakerEnds.has(b + 1))) return NAME_RULES.speakerName;
  // "Jo Reed MP"; not "a Wessex Vale MP", where the words before MP say which seat.
  if (words.postNominals.has(toks[b]?.text ?? '') && !seat) return NAME_RULES.roleAfterName;
  return null;
}

/** A gazetteer alias starting at token `i` and ending at a token's end: the organisation, under its canonical name. */
function knownOrganisation(text: string, toks: readonly Tok[], i: number, gazetteer: Gazetteer): { mention: NameMention; end: number } | null {
  const t = toks[i];
  if (t === undefined) return null;
  const match = gazetteer.matchAt(text, t.start, t.text);
  if (match === null) return null;
  const endPos = t.start + match.length;
  let k = i;
  while (k < toks.length && (toks[k]?.end ?? Infinity) < endPos) k++;
  const last = toks[k];
  if (last === undefined || last.end !== endPos) return null;
  // "the Met": the determiner is not part of the name's span unless the alias holds it.
  return { mention: organisation(match.entry.name, t, last, NAME_RULES.gazetteer), end: k + 1 };
}

function organisation(name: string, first: Tok, last: Tok, rule: string): NameMention {
  return { start: first.start, end: last.end, kind: 'organisation', name, parts: [], gender: null, rule, titles: [], roles: [], organisations: [] };
}

function person(
  text: string,
  toks: readonly Tok[],
  a: number,
  nameStart: number,
  b: number,
  title: { canonical: string; gender: Gender | null; kind: string; end: number } | null,
  rule: string,
  words: ActorWords,
  gazetteer: Gazetteer,
): NameMention {
  // Hyphenated names are one part ("Moore-Gillon"): join tokens that touch a hyphen.
  const parts: string[] = [];
  for (let k = nameStart; k < b; k++) {
    const t = toks[k];
    if (t === undefined) continue;
    const joined = k > nameStart && (t.text === '-' || toks[k - 1]?.text === '-') && t.start === toks[k - 1]?.end;
    if (joined && parts.length > 0) parts[parts.length - 1] += t.text;
    else parts.push(t.text);
  }
  const firstName = parts[0] ?? '';
  const single = title === null && parts.length === 1;
  const m: NameMention = {
    start: toks[a]?.start ?? 0,
    end: toks[b - 1]?.end ?? 0,
    kind: single ? 'single' : 'person',
    name: parts.join(' '),
    parts,
    gender: title?.gender ?? (parts.length > 1 || title === null ? (words.givenNames.get(firstName) ?? null) : null),
    rule,
    titles: [],
    roles: [],
    organisations: [],
  };
  if (single) return m;
  if (title !== null && title.kind !== 'courtesy') {
    const ts = toks[a];
    const te = toks[title.end - 1];
    if (ts !== undefined && te !== undefined) m.titles.push({ start: ts.start, end: te.end, value: title.canonical, rule: EVIDENCE_RULES.title });
  }
  // "local campaigner Jo Reed"; "the trust's chief executive, Jo Reed,".
  const comma = title === null && toks[a - 1]?.text === ',' && toks[b]?.text === ',' ? 1 : 0;
  const role = roleBefore(toks, a - comma, words);
  if (role !== null) pushRole(text, toks, role[0], role[1], EVIDENCE_RULES.roleBefore, m, words);
  // "Norfolk's Chief Constable X", "Wessex's police and crime commissioner, X": the possessor names the organisation.
  const owner = role === null ? a : role[0];
  if (POSSESSIVE.has(toks[owner - 1]?.text ?? '') && CAPITALISED.test(toks[owner - 2]?.text ?? '')) {
    let o = owner - 2;
    while (o - 1 >= 0 && (CAPITALISED.test(toks[o - 1]?.text ?? '') || (CONNECTORS.has(toks[o - 1]?.lower ?? '') && CAPITALISED.test(toks[o - 2]?.text ?? '')))) o--;
    const os = toks[o];
    const oe = toks[owner - 2];
    if (os !== undefined && oe !== undefined) m.organisations.push({ start: os.start, end: oe.end, value: text.slice(os.start, oe.end), rule: EVIDENCE_RULES.orgPossessive });
  }
  afterName(text, toks, b, m, words);
  // Known organisations under their canonical names; a police officer's area is the area's force ("Norfolk's Chief Constable").
  for (const o of m.organisations) {
    const known = gazetteer.lookup(o.value) ?? (title?.kind === 'police' ? gazetteer.forceOf(o.value) : undefined);
    if (known !== undefined && known.name !== o.value) {
      o.value = known.name;
      o.rule = `${o.rule}+${NAME_RULES.gazetteer}`;
    }
  }
  return m;
}
