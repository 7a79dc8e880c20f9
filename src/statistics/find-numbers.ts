/**
 * Numbers in running text: every number expression in a stretch of text, with
 * its value, unit, approximation words and what it is: a quantity a statistic
 * could be about, or a year, date, time, age, name, law, section, phone number,
 * address, page, ordinal or score, returned with that role so that later
 * stages can leave it aside.
 *
 * The text is cut into tokens (a run of digits with its thousands separators
 * and decimals, a run of letters, or one other character) and every rule reads
 * a few tokens either side of a number, so the scan is linear in the length
 * of the text. Word lists are in `data/number-words.json`, loaded once and
 * checked on load: a broken data file is an error naming the file and the
 * field.
 *
 * Decisions a caller should know:
 * - "one" on its own is not returned: only inside a larger number ("twenty-one",
 *   "one hundred", "one and a half"), in "one in N", as a fraction ("one third"),
 *   before a percentage or currency word ("one per cent") or in a name ("BBC One").
 *   "a"/"an" count only before a multiplier, "dozen" or a fraction ("a hundred",
 *   "a dozen", "a third").
 * - "X to Y" is a range unless the word before it is "from" or a change word
 *   ("rose 20 to 30"): then X and Y are returned apart. "X and Y" is a range only
 *   after "between". "X-Y" is a range only when Y > X; otherwise both are
 *   returned apart, or as one score after a score word ("won 3-1").
 * - "N out of M", "N of M" and "N per M" are returned as separate numbers;
 *   only "N in M" is a ratio ("one in five", "nine in ten"), and not when M is
 *   a year or is followed by a span of time ("18 in 2021", "3 in 10 games").
 * - "a third", "a fifth" (fractions that are also ordinals) are fractions only
 *   before "of", punctuation or a comparison word, or after "by" ("a third of",
 *   "rise by a fifth"); otherwise the word is an ordinal ("a third term").
 * - A time needs am/pm, a colon or "o'clock" ("9.30pm", "14:00"); "at 9.30"
 *   alone is a quantity.
 * - A bare four-digit number from 1900 to 2100 is a year, whatever follows it
 *   ("2000 people" too), unless a bound word such as "more than" stands before
 *   it ("over", "around", "about" leave it a year); with a thousands separator
 *   ("2,000") it is a quantity. From 1000 to 1899 it is a year only after "in",
 *   "since", "by" and the like.
 * - "percentage points" is always `points`; "points" or "-point" alone only after
 *   a percentage earlier in the same call ("44 per cent, up 3 points").
 * - Numbers with more than 15 significant digits are skipped (no mention).
 * - Digits joined to letters are not numbers ("M4", "G8", "5G", "COVID19"),
 *   except for the suffixes this module reads ("3m", "44pc", "50p", "10am",
 *   "2nd", "1990s", "5km").
 */
import { readFileSync } from 'node:fs';
import type { Span } from '../model/document.js';

export type NumberUnit = 'percent' | 'points' | 'GBP' | 'USD' | 'EUR' | null;

/** What the number is, when it is not a quantity a statistic could be about. */
export type NumberRole =
  | 'quantity'
  | 'year'
  | 'date'
  | 'time'
  | 'age'
  | 'name'
  | 'law'
  | 'section'
  | 'phone'
  | 'address'
  | 'page'
  | 'ordinal'
  | 'score';

export interface NumberRatio {
  numerator: number;
  denominator: number;
}

/** One number expression. The span covers the whole expression: approximation words, currency, number, scale and unit. */
export interface NumberMention extends Span {
  /**
   * The value with its scale and currency applied: 44 for "44 per cent", 1400000000 for "£1.4bn", 0.5 for "50p"
   * and "half", 1/3 for "a third", 0.2 for "one in five", the low end of a range. A date's value is its day of
   * the month, a time's the hour on the 24-hour clock with minutes as a fraction (21.5 for "9.30pm"), a score's
   * the first side's goals.
   */
  value: number;
  /** Both ends of a range ("between 20 and 30", "20-30 per cent", "2014-15"); absent otherwise. */
  low?: number;
  high?: number;
  /** "one in five", "a third", "two-thirds", "half". */
  ratio?: NumberRatio;
  unit: NumberUnit;
  /** The approximation or bound words before the number, lower case ("more than", "almost"); quantities and ages only. */
  approx: string | null;
  /** Digits after the decimal point as written (44.0 -> 1); with `scale`, the rounding the writer used. */
  decimals: number;
  /** The factor written after the number that `value` includes: 1e9 for "bn", 1e6 for "million", 0.01 for "p"; 1 when none. */
  scale: number;
  /** Written in words ("fourteen", "a third", "nine in ten"). */
  words: boolean;
  role: NumberRole;
  /** Stable rule id: `number.<kind>` for quantities, `number.not.<what>` for the rest. */
  rule: string;
}

// ---------------------------------------------------------------------------
// Word lists

type Currency = 'GBP' | 'USD' | 'EUR';

interface NumberWords {
  units: ReadonlyMap<string, number>;
  tens: ReadonlyMap<string, number>;
  multipliers: ReadonlyMap<string, number>;
  scaleAbbreviations: ReadonlyMap<string, number>;
  spacedScaleAbbreviations: ReadonlySet<string>;
  ordinals: ReadonlyMap<string, number>;
  fractions: ReadonlyMap<string, number>;
  ordinalFractions: ReadonlySet<string>;
  fractionFollowers: ReadonlySet<string>;
  /** Approximation phrases as word lists, indexed by their last word, longest first. */
  approximations: ReadonlyMap<string, readonly (readonly string[])[]>;
  yearApproximations: ReadonlySet<string>;
  currencySymbols: ReadonlyMap<string, Currency>;
  dollarPrefixes: ReadonlyMap<string, Currency>;
  currencyWords: ReadonlyMap<string, Currency>;
  pence: ReadonlySet<string>;
  percentWords: ReadonlySet<string>;
  measureSuffixes: ReadonlySet<string>;
  months: ReadonlyMap<string, number>;
  nameHeads: ReadonlySet<string>;
  nameHeadsAnyCase: ReadonlySet<string>;
  nameTails: ReadonlySet<string>;
  lawHeads: ReadonlySet<string>;
  yearOpeners: ReadonlySet<string>;
  yearPrepositions: ReadonlySet<string>;
  sectionHeads: ReadonlySet<string>;
  sectionHeadsCapitalised: ReadonlySet<string>;
  pageHeads: ReadonlySet<string>;
  addressHeads: ReadonlySet<string>;
  streetWords: ReadonlySet<string>;
  phoneCues: ReadonlySet<string>;
  phoneShortNumbers: ReadonlySet<string>;
  ageCues: ReadonlySet<string>;
  ageUnits: ReadonlySet<string>;
  agePossessives: ReadonlySet<string>;
  hyphenPrefixes: ReadonlySet<string>;
  scoreBefore: ReadonlySet<string>;
  scoreAfter: ReadonlySet<string>;
  changeWords: ReadonlySet<string>;
  halfNotAfter: ReadonlySet<string>;
  ratioNotBefore: ReadonlySet<string>;
  /** Lower-cased words a number may start with: number words, ordinals, "half", "a", "an". */
  starts: ReadonlySet<string>;
}

const FILE = new URL('../../data/number-words.json', import.meta.url);
const CURRENCIES: ReadonlySet<string> = new Set(['GBP', 'USD', 'EUR']);

function strings(record: Record<string, unknown>, key: string, where: string): string[] {
  const value = record[key];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string' && v.length > 0)) {
    throw new Error(`${where}: "${key}" must be a list of non-empty strings`);
  }
  return value;
}

function entries(record: Record<string, unknown>, key: string, where: string): [string, unknown][] {
  const value = record[key];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where}: "${key}" must be an object`);
  return Object.entries(value);
}

function numbers(record: Record<string, unknown>, key: string, where: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [word, value] of entries(record, key, where)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`${where}: "${key}.${word}" must be a number of at least 0`);
    out.set(word, value);
  }
  return out;
}

function currencies(record: Record<string, unknown>, key: string, where: string): Map<string, Currency> {
  const out = new Map<string, Currency>();
  for (const [word, value] of entries(record, key, where)) {
    if (typeof value !== 'string' || !CURRENCIES.has(value)) throw new Error(`${where}: "${key}.${word}" must be GBP, USD or EUR`);
    out.set(word, value as Currency);
  }
  return out;
}

let loaded: NumberWords | null = null;

/** The number word lists, loaded once. */
function numberWords(): NumberWords {
  if (loaded !== null) return loaded;
  const where = FILE.pathname;
  const data: unknown = JSON.parse(readFileSync(FILE, 'utf8'));
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`${where}: expected an object`);
  const record = data as Record<string, unknown>;
  const list = (key: string): string[] => strings(record, key, where);
  const set = (key: string): Set<string> => new Set(list(key));
  const lower = (key: string): Set<string> => new Set(list(key).map((s) => s.toLowerCase()));

  const unitList = list('units');
  if (unitList.length !== 20) throw new Error(`${where}: "units" must list the words for 0 to 19`);
  const units = new Map(unitList.map((word, i) => [word, i]));

  const approximations = new Map<string, string[][]>();
  for (const phrase of list('approximations')) {
    const ws = phrase.toLowerCase().split(' ').filter((s) => s.length > 0);
    const last = ws[ws.length - 1];
    if (last === undefined) throw new Error(`${where}: "approximations" holds an empty phrase`);
    const byLast = approximations.get(last) ?? [];
    byLast.push(ws);
    approximations.set(last, byLast);
  }
  for (const phrases of approximations.values()) phrases.sort((a, b) => b.length - a.length);

  const tens = numbers(record, 'tens', where);
  const multipliers = numbers(record, 'multipliers', where);
  const ordinals = numbers(record, 'ordinals', where);
  const fractions = numbers(record, 'fractions', where);
  for (const [word, den] of fractions) if (!Number.isInteger(den) || den < 2) throw new Error(`${where}: "fractions.${word}" must be a whole number of at least 2`);
  const starts = new Set<string>(['a', 'an', 'half', ...units.keys(), ...tens.keys(), ...ordinals.keys()]);

  loaded = {
    units,
    tens,
    multipliers,
    scaleAbbreviations: numbers(record, 'scaleAbbreviations', where),
    spacedScaleAbbreviations: set('spacedScaleAbbreviations'),
    ordinals,
    fractions,
    ordinalFractions: set('ordinalFractions'),
    fractionFollowers: lower('fractionFollowers'),
    approximations,
    yearApproximations: lower('yearApproximations'),
    currencySymbols: currencies(record, 'currencySymbols', where),
    dollarPrefixes: currencies(record, 'dollarPrefixes', where),
    currencyWords: currencies(record, 'currencyWords', where),
    pence: lower('pence'),
    percentWords: lower('percentWords'),
    measureSuffixes: lower('measureSuffixes'),
    months: numbers(record, 'months', where),
    nameHeads: set('nameHeads'),
    nameHeadsAnyCase: lower('nameHeadsAnyCase'),
    nameTails: set('nameTails'),
    lawHeads: set('lawHeads'),
    yearOpeners: set('yearOpeners'),
    yearPrepositions: lower('yearPrepositions'),
    sectionHeads: lower('sectionHeads'),
    sectionHeadsCapitalised: set('sectionHeadsCapitalised'),
    pageHeads: lower('pageHeads'),
    addressHeads: set('addressHeads'),
    streetWords: set('streetWords'),
    phoneCues: lower('phoneCues'),
    phoneShortNumbers: set('phoneShortNumbers'),
    ageCues: lower('ageCues'),
    ageUnits: lower('ageUnits'),
    agePossessives: lower('agePossessives'),
    hyphenPrefixes: lower('hyphenPrefixes'),
    scoreBefore: lower('scoreBefore'),
    scoreAfter: lower('scoreAfter'),
    changeWords: lower('changeWords'),
    halfNotAfter: lower('halfNotAfter'),
    ratioNotBefore: lower('ratioNotBefore'),
    starts,
  };
  return loaded;
}

// ---------------------------------------------------------------------------
// Tokens

const END = 0; // past either end of the text
const DIGITS = 1;
const WORD = 2;
const OTHER = 3;
type Kind = typeof END | typeof DIGITS | typeof WORD | typeof OTHER;

interface Token {
  raw: string;
  /** Lower case with curly apostrophes made straight (words only; otherwise `raw`). */
  low: string;
  start: number;
  end: number;
  kind: Kind;
}

const NONE: Token = { raw: '', low: '', start: -2, end: -2, kind: END };

// Digits with thousands separators (only groups of three) and decimals, a run of letters (inner apostrophes kept), or any other character.
const TOKEN = /(\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)|([\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*)|\S/gu;
const CURLY = /’/gu;

function tokenize(text: string, start: number, end: number): Token[] {
  const out: Token[] = [];
  const slice = text.slice(start, end);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m !== null; m = TOKEN.exec(slice)) {
    const raw = m[0];
    const at = start + m.index;
    if (m[1] !== undefined) out.push({ raw, low: raw, start: at, end: at + raw.length, kind: DIGITS });
    else if (m[2] !== undefined) {
      const lowered = raw.toLowerCase();
      out.push({ raw, low: lowered.includes('’') ? lowered.replace(CURLY, "'") : lowered, start: at, end: at + raw.length, kind: WORD });
    } else out.push({ raw, low: raw, start: at, end: at + raw.length, kind: OTHER });
  }
  return out;
}

/** Unicode vulgar fractions: numerator and denominator. */
const FRACTION_CHARS: ReadonlyMap<string, readonly [number, number]> = new Map([
  ['½', [1, 2]],
  ['⅓', [1, 3]],
  ['⅔', [2, 3]],
  ['¼', [1, 4]],
  ['¾', [3, 4]],
  ['⅕', [1, 5]],
  ['⅛', [1, 8]],
]);

const DASHES: ReadonlySet<string> = new Set(['-', '–']);
const MINUS: ReadonlySet<string> = new Set(['-', '−']);
const ORDINAL_SUFFIXES: ReadonlySet<string> = new Set(['st', 'nd', 'rd', 'th']);
const MAX_SIGNIFICANT = 15;

// ---------------------------------------------------------------------------
// Parts: one number with what is written against it

/** A number with its currency sign, scale and unit. */
interface Part {
  /** First token: the sign or currency symbol if any, else the number. */
  first: number;
  /** First token of the number itself. */
  core: number;
  /** Token after the part. */
  next: number;
  value: number;
  decimals: number;
  scale: number;
  scaled: boolean;
  words: boolean;
  /** A whole number written without decimals. */
  integer: boolean;
  /** The digit token as written; '' for words and fractions. */
  digits: string;
  /** Letters written against the digits ("m", "pc", "th", "s"), lower case; '' when none. */
  suffix: string;
  unit: NumberUnit;
  /** A currency symbol stands before the number. */
  symbol: boolean;
  negative: boolean;
  ordinal: boolean;
  ratio: NumberRatio | null;
  /** "one" on its own: kept only in a ratio, before a unit or in a name. */
  bareOne: boolean;
}

interface Expression {
  first: number;
  next: number;
  value: number;
  low?: number;
  high?: number;
  ratio?: NumberRatio;
  unit: NumberUnit;
  approx: string | null;
  decimals: number;
  scale: number;
  words: boolean;
  role: NumberRole;
  rule: string;
}

type Found = Part | 'skip' | null;

class Scanner {
  private readonly w: NumberWords;
  private readonly toks: Token[];
  private readonly out: NumberMention[] = [];
  /** Tokens before this index belong to an earlier mention. */
  private floor = 0;
  private sawPercent = false;
  /** Where the scan goes on after a skipped number. */
  private skipTo = 0;

  constructor(words: NumberWords, toks: Token[]) {
    this.w = words;
    this.toks = toks;
  }

  private tk(i: number): Token {
    return this.toks[i] ?? NONE;
  }

  /** Tokens `a` and `a + 1` touch (no space between). */
  private joined(a: number): boolean {
    const x = this.toks[a];
    const y = this.toks[a + 1];
    return x !== undefined && y !== undefined && x.end === y.start;
  }

  /** Tokens `a` and `a + 1` both exist with space between. */
  private spaced(a: number): boolean {
    const x = this.toks[a];
    const y = this.toks[a + 1];
    return x !== undefined && y !== undefined && x.end < y.start;
  }

  /** A hyphen at `h` joined to the tokens either side. */
  private hyphenJoins(h: number): boolean {
    return this.tk(h).raw === '-' && this.joined(h - 1) && this.joined(h);
  }

  run(): NumberMention[] {
    const n = this.toks.length;
    let i = 0;
    while (i < n) {
      const t = this.tk(i);
      const candidate = t.kind === DIGITS || (t.kind === WORD && this.w.starts.has(t.low)) || FRACTION_CHARS.has(t.raw);
      i = candidate ? this.at(i) : i + 1;
    }
    return this.out;
  }

  // -------------------------------------------------------------------------
  // Numbers

  private digitsAt(i: number): Found {
    const t = this.tk(i);
    const prev = this.tk(i - 1);
    if (prev.kind === WORD && prev.end === t.start) return this.skip(i + 1);
    // Inside a path or a version number: "example/2023/03/", "3.5.2".
    if ((prev.raw === '/' || (prev.raw === '.' && this.tk(i - 2).kind === DIGITS)) && this.joined(i - 1) && this.joined(i - 2)) return this.skip(i + 1);
    let significant = 0;
    let leading = true;
    for (const ch of t.raw) {
      if (ch < '0' || ch > '9') continue;
      if (leading && ch === '0') continue;
      leading = false;
      significant++;
    }
    if (significant > MAX_SIGNIFICANT) return this.skip(i + 1);
    const dot = t.raw.indexOf('.');
    const decimals = dot === -1 ? 0 : t.raw.length - dot - 1;
    let value = Number(t.raw.includes(',') ? t.raw.replaceAll(',', '') : t.raw);
    let next = i + 1;
    let suffix = '';
    let ordinal = false;
    const after = this.tk(i + 1);
    if (after.kind === WORD && after.start === t.end) {
      suffix = after.low;
      if (!this.suffixAllowed(after.raw, suffix, decimals)) return this.skip(i + 2);
      if (this.tk(i + 2).kind === DIGITS && this.joined(i + 1)) return this.skip(i + 3);
      ordinal = ORDINAL_SUFFIXES.has(suffix);
      next = i + 2;
    }
    let fracDecimals = decimals;
    const frac = FRACTION_CHARS.get(after.raw);
    if (frac !== undefined && after.start === t.end && decimals === 0) {
      value += frac[0] / frac[1];
      fracDecimals = 1;
      next = i + 2;
    }
    let negative = false;
    let first = i;
    const sign = this.tk(i - 1);
    if (MINUS.has(sign.raw) && i - 1 >= this.floor && sign.end === t.start) {
      const before = this.tk(i - 2);
      if (before.kind === END || (before.end < sign.start && before.kind !== DIGITS) || before.raw === '(') {
        negative = true;
        first = i - 1;
        value = -value;
      }
    }
    return {
      first,
      core: i,
      next,
      value,
      decimals: fracDecimals,
      scale: 1,
      scaled: false,
      words: false,
      integer: decimals === 0 && fracDecimals === 0,
      digits: t.raw,
      suffix,
      unit: null,
      symbol: false,
      negative,
      ordinal,
      ratio: null,
      bareOne: false,
    };
  }

  /** Letters that may be written against digits: scale, percent, pence and measure letters in lower case ("5km", not "5G"); am, pm and ordinal endings in any case. */
  private suffixAllowed(raw: string, suffix: string, decimals: number): boolean {
    const w = this.w;
    if (suffix === 'am' || suffix === 'pm') return true;
    if (decimals === 0 && ORDINAL_SUFFIXES.has(suffix)) return true;
    if (raw !== suffix) return false;
    if (w.scaleAbbreviations.has(suffix) || w.percentWords.has(suffix) || w.pence.has(suffix) || w.measureSuffixes.has(suffix)) return true;
    return decimals === 0 && suffix === 's';
  }

  private skip(to: number): 'skip' {
    this.skipTo = to;
    return 'skip';
  }

  private wordPart(i: number, value: number, next: number, extra: Partial<Part> = {}): Part {
    return {
      first: i,
      core: i,
      next,
      value,
      decimals: 0,
      scale: 1,
      scaled: false,
      words: true,
      integer: Number.isInteger(value),
      digits: '',
      suffix: '',
      unit: null,
      symbol: false,
      negative: false,
      ordinal: false,
      ratio: null,
      bareOne: false,
      ...extra,
    };
  }

  private fractionPart(i: number, numerator: number, denominator: number, next: number): Part {
    return this.wordPart(i, numerator / denominator, next, { ratio: { numerator, denominator }, integer: false });
  }

  /** A fraction word after a numerator ending before `j` ("two-thirds", "a third of"): its denominator and the token after it. */
  private fractionAfter(j: number, sure = false): { den: number; next: number } | null {
    let k = j;
    if (this.hyphenJoins(k)) k++;
    else if (!this.spaced(k - 1)) return null;
    const f = this.tk(k);
    if (f.kind !== WORD) return null;
    const den = this.w.fractions.get(f.low);
    if (den === undefined) return null;
    if (this.tk(k + 1).raw === '-' && this.joined(k)) return null; // "a third-party", "a quarter-final"
    if (this.w.ordinalFractions.has(f.low) && !sure && !this.fractionFollows(k + 1)) return null;
    return { den, next: k + 1 };
  }

  private fractionFollows(k: number): boolean {
    const t = this.tk(k);
    return t.kind === END || t.kind === OTHER || (t.kind === WORD && this.w.fractionFollowers.has(t.low));
  }

  /** Number words from `i` ("twenty-six", "three hundred and five", "two million"), starting from `seed` ("a hundred"). */
  private wordSequence(i: number, seed = 0): { value: number; next: number; ordinal: boolean } | null {
    const w = this.w;
    const NO = 0;
    const UNIT = 1;
    const TEEN = 2;
    const TENS = 3;
    const HUNDRED = 4;
    const SCALE = 5;
    let last = seed > 0 ? UNIT : NO;
    let current = seed;
    let total = 0;
    let next = i;
    let ordinal = false;
    let j = i;
    for (;;) {
      const t = this.tk(j);
      if (t.kind !== WORD) break;
      const low = t.low;
      const unit = w.units.get(low);
      const ten = w.tens.get(low);
      const mult = w.multipliers.get(low);
      if (unit !== undefined) {
        if (last === UNIT || last === TEEN || (last === TENS && (unit >= 10 || unit === 0))) break;
        current += unit;
        last = unit >= 10 ? TEEN : UNIT;
      } else if (ten !== undefined) {
        if (last === UNIT || last === TEEN || last === TENS) break;
        current += ten;
        last = TENS;
      } else if (mult !== undefined && mult < 1000) {
        if (current === 0 || current >= mult || last === HUNDRED) break;
        current *= mult;
        last = HUNDRED;
      } else if (mult !== undefined) {
        if (current === 0) break;
        total += current * mult;
        current = 0;
        last = SCALE;
      } else if (low === 'and' && (last === HUNDRED || last === SCALE)) {
        const n = this.tk(j + 1);
        const nv = w.units.get(n.low) ?? w.tens.get(n.low);
        if (n.kind !== WORD || nv === undefined || nv === 0) break;
        j++;
        continue;
      } else {
        const ord = w.ordinals.get(low);
        if (ord !== undefined && ord < 10 && last === TENS && this.hyphenJoins(j - 1)) {
          current += ord;
          ordinal = true;
          next = j + 1;
        }
        break;
      }
      next = j + 1;
      // "twenty-six", "twenty-first": a hyphen only between tens and a unit.
      if (this.tk(j + 1).raw === '-') {
        const after = this.tk(j + 2);
        const u = w.units.get(after.low) ?? w.ordinals.get(after.low);
        if (last === TENS && this.hyphenJoins(j + 1) && u !== undefined && u > 0 && u < 10) {
          j += 2;
          continue;
        }
        break;
      }
      j++;
    }
    if (next === i) return null;
    return { value: total + current, next, ordinal };
  }

  /** "a hundred", "a dozen", "a third of", "an eighth". */
  private articleAt(i: number): Found {
    const w = this.w;
    const n1 = this.tk(i + 1);
    if (n1.kind !== WORD || !this.spaced(i)) return null;
    if (w.multipliers.has(n1.low)) {
      const seq = this.wordSequence(i + 1, 1);
      return seq === null ? null : this.wordPart(i, seq.value, seq.next);
    }
    if (n1.low === 'dozen') return this.wordPart(i, 12, i + 2);
    if (n1.low === 'half') {
      if (this.tk(i + 2).raw === '-' && this.joined(i + 1)) return null;
      return this.fractionPart(i, 1, 2, i + 2);
    }
    // "rise by a fifth": after "by", "a fifth" is a fraction whatever follows.
    const f = this.fractionAfter(i + 1, this.tk(i - 1).low === 'by');
    return f === null ? null : this.fractionPart(i, 1, f.den, f.next);
  }

  /** "half", "half of", "half a million", "half a dozen"; not "first half", "half-time", "half past". */
  private halfAt(i: number): Found {
    const w = this.w;
    const prev = this.tk(i - 1);
    if (prev.kind === WORD && w.halfNotAfter.has(prev.low)) return null;
    if (prev.raw === '-' && this.joined(i - 1)) return null;
    if (this.tk(i + 1).raw === '-' && this.joined(i)) return null;
    if (this.tk(i + 1).low === 'past') return null;
    const art = this.tk(i + 1).low;
    if (art === 'a' || art === 'an') {
      const n2 = this.tk(i + 2);
      const mult = w.multipliers.get(n2.low);
      if (mult !== undefined) return this.wordPart(i, mult / 2, i + 3);
      if (n2.low === 'dozen') return this.wordPart(i, 6, i + 3);
    }
    return this.fractionPart(i, 1, 2, i + 1);
  }

  private wordsAt(i: number): Found {
    const w = this.w;
    const t = this.tk(i);
    if (t.low === 'a' || t.low === 'an') return this.articleAt(i);
    if (t.low === 'half') return this.halfAt(i);
    const ord = w.ordinals.get(t.low);
    if (ord !== undefined) return this.wordPart(i, ord, i + 1, { ordinal: true });
    const seq = this.wordSequence(i);
    if (seq === null) return null;
    if (seq.ordinal) return this.wordPart(i, seq.value, seq.next, { ordinal: true });
    if (Number.isInteger(seq.value) && seq.value > 0 && seq.value < 100) {
      const f = this.fractionAfter(seq.next);
      if (f !== null && seq.value < f.den) return this.fractionPart(i, seq.value, f.den, f.next);
    }
    let value = seq.value;
    let next = seq.next;
    if (this.tk(next).low === 'dozen' && value < 100) {
      value *= 12;
      next++;
    }
    const bareOne = next === i + 1 && t.low === 'one';
    return this.wordPart(i, value, next, { bareOne });
  }

  /** A number at `i` (digits, words or a fraction sign) with its currency symbol, scale and unit. */
  private partAt(i: number): Found {
    const w = this.w;
    const t = this.tk(i);
    let p: Found;
    if (t.kind === DIGITS) p = this.digitsAt(i);
    else if (t.kind === WORD) p = this.wordsAt(i);
    else {
      const frac = FRACTION_CHARS.get(t.raw);
      if (frac === undefined) return null;
      if (this.tk(i - 1).kind === DIGITS && this.joined(i - 1)) return null;
      p = { ...this.fractionPart(i, frac[0], frac[1], i + 1), words: false };
    }
    if (p === null || p === 'skip') return p;

    // Letters against the digits.
    const abbr = w.scaleAbbreviations.get(p.suffix);
    if (abbr !== undefined) {
      p.scale = abbr;
      p.scaled = true;
    } else if (w.percentWords.has(p.suffix)) p.unit = 'percent';
    else if (w.pence.has(p.suffix)) {
      p.unit = 'GBP';
      p.scale = 0.01;
      p.scaled = true;
    }
    const plain = p.suffix === '' || abbr !== undefined;

    // "and a half", a scale word.
    if (plain && !p.ordinal && p.ratio === null && !p.scaled) {
      if (this.tk(p.next).low === 'and' && this.tk(p.next + 1).low === 'a' && this.tk(p.next + 2).low === 'half') {
        p.value += 0.5;
        p.decimals = Math.max(p.decimals, 1);
        p.integer = false;
        p.next += 3;
        p.bareOne = false;
      }
      const s = this.tk(p.next);
      const mult = s.kind === WORD && this.spaced(p.next - 1) ? (w.multipliers.get(s.low) ?? (w.spacedScaleAbbreviations.has(s.low) ? w.scaleAbbreviations.get(s.low) : undefined)) : undefined;
      if (mult !== undefined && (mult >= 1000 || p.value < 10)) {
        p.scale = mult;
        p.scaled = true;
        p.next++;
        p.bareOne = false;
      }
    }

    // A currency symbol before the number.
    if (!p.negative && !p.ordinal && p.unit === null && t.kind !== WORD) {
      const sym = this.tk(i - 1);
      const cur = w.currencySymbols.get(sym.raw);
      if (cur !== undefined && sym.end === t.start && i - 1 >= this.floor) {
        p.unit = cur;
        p.symbol = true;
        p.first = i - 1;
        const pre = this.tk(i - 2);
        if (sym.raw === '$' && pre.kind === WORD && pre.end === sym.start) {
          const dollar = w.dollarPrefixes.get(pre.raw);
          if (dollar !== undefined && i - 2 >= this.floor) p.first = i - 2;
          else {
            // A$, C$, HK$: a dollar this module has no unit for.
            p.unit = null;
            p.symbol = false;
            p.first = i;
          }
        }
      }
    }

    // A unit after the number.
    if (plain && !p.ordinal && (p.unit === null || p.symbol)) this.unitAfter(p);
    // toPrecision drops the binary error of the product (1.4 * 1e9 is 1399999999.9999998).
    if (p.scale !== 1) p.value = Number((p.value * p.scale).toPrecision(15));
    return p;
  }

  private unitAfter(p: Part): void {
    const w = this.w;
    const j = p.next;
    const a = this.tk(j);
    const b = this.tk(j + 1);
    if (p.unit === null) {
      if (a.raw === '%') return this.setUnit(p, 'percent', j + 1);
      if (a.kind !== WORD && a.raw !== '-') return;
      if (a.low === 'per' && b.low === 'cent') return this.setUnit(p, 'percent', j + 2);
      if (a.low === 'percent') return this.setUnit(p, 'percent', j + 1);
      if (a.low === 'percentage' && (b.low === 'point' || b.low === 'points')) return this.setUnit(p, 'points', j + 2);
      if (this.sawPercent && (a.low === 'points' || a.low === 'point' || a.low === 'pts')) return this.setUnit(p, 'points', j + 1);
      if (this.sawPercent && a.raw === '-' && this.hyphenJoins(j) && b.low === 'point') return this.setUnit(p, 'points', j + 2);
      if (w.pence.has(a.low) && a.low !== 'p' && !p.scaled) {
        p.scale = 0.01;
        p.scaled = true;
        return this.setUnit(p, 'GBP', j + 1);
      }
    }
    const cur = w.currencyWords.get(a.low);
    if (cur !== undefined && (p.unit === null || p.unit === cur)) return this.setUnit(p, cur, j + 1);
    if (a.raw === 'US' && w.currencyWords.get(b.low) === 'USD' && (p.unit === null || p.unit === 'USD')) return this.setUnit(p, 'USD', j + 2);
  }

  private setUnit(p: Part, unit: NumberUnit, next: number): void {
    p.unit = unit;
    p.next = next;
    p.bareOne = false;
  }

  /** The approximation phrase ending just before token `first`, if any. */
  private approxBefore(first: number): { approx: string; first: number } | null {
    const last = this.tk(first - 1);
    if (last.kind !== WORD || first - 1 < this.floor) return null;
    const phrases = this.w.approximations.get(last.low);
    if (phrases === undefined) return null;
    for (const words of phrases) {
      const from = first - words.length;
      if (from < this.floor) continue;
      let ok = true;
      for (let k = 0; k < words.length && ok; k++) ok = this.tk(from + k).low === words[k];
      if (ok) return { approx: words.join(' '), first: from };
    }
    return null;
  }

  // -------------------------------------------------------------------------
  // One mention at a token

  private at(i: number): number {
    const clock = this.halfPast(i);
    if (clock !== null) return this.emit(clock);
    const a = this.partAt(i);
    if (a === 'skip') return Math.max(this.skipTo, i + 1);
    if (a === null) return i + 1;
    const found = a.digits !== '' ? this.special(a) : this.specialWords(a);
    if (found !== null) return this.emit(found);
    const pre = this.approxBefore(a.first);
    const start = pre?.first ?? a.first;
    const approx = pre?.approx ?? null;
    const ratio = this.ratioAfter(a, start, approx);
    if (ratio !== null) return this.emit(ratio);
    const range = this.rangeAfter(a, start, approx);
    if (range !== null) return this.emit(range);
    const single = this.single(a, start, approx);
    return single === null ? Math.max(a.next, i + 1) : this.emit(single);
  }

  private emit(e: Expression): number {
    const first = this.tk(e.first);
    const last = this.tk(e.next - 1);
    const m: NumberMention = { start: first.start, end: last.end, value: e.value, unit: e.unit, approx: e.approx, decimals: e.decimals, scale: e.scale, words: e.words, role: e.role, rule: e.rule };
    if (e.low !== undefined && e.high !== undefined) {
      m.low = e.low;
      m.high = e.high;
    }
    if (e.ratio !== undefined) m.ratio = e.ratio;
    this.out.push(m);
    if (e.unit === 'percent') this.sawPercent = true;
    this.floor = e.next;
    return e.next;
  }

  private plainExpression(a: Part, first: number, next: number, role: NumberRole, rule: string, value = a.value): Expression {
    return { first, next, value, unit: null, approx: null, decimals: a.decimals, scale: 1, words: a.words, role, rule };
  }

  /** The forms of digits that are not a quantity and change the span: times, dates, phone numbers, ages, scores, year ranges, decades. */
  private special(a: Part): Expression | null {
    if (a.negative || a.symbol || a.unit !== null || a.scaled) return null;
    return this.time(a) ?? this.date(a) ?? this.phone(a) ?? this.ageAfter(a) ?? this.score(a) ?? this.yearRange(a) ?? this.decade(a) ?? this.slashPair(a);
  }

  private specialWords(a: Part): Expression | null {
    if (a.unit !== null || a.scaled || a.ratio !== null || a.ordinal || !a.integer) return null;
    if (this.tk(a.next).low === "o'clock" && a.value >= 1 && a.value <= 12) return this.plainExpression(a, a.first, a.next + 1, 'time', 'number.not.time');
    return this.ageAfter(a);
  }

  private time(a: Part): Expression | null {
    const hour = Math.trunc(a.value);
    const minutes = a.decimals === 0 ? 0 : a.decimals === 2 ? Math.round((a.value - hour) * 100) : -1;
    let next = a.next;
    let meridian = a.suffix === 'am' || a.suffix === 'pm' ? a.suffix : '';
    if (meridian === '' && a.suffix === '') {
      const m = this.meridianAt(next);
      if (m !== null) {
        meridian = m.meridian;
        next = m.next;
      }
    }
    if (meridian !== '') {
      if (minutes < 0 || minutes >= 60 || hour < 1 || hour > 12 || a.digits.includes(',')) return null;
      const value = (hour % 12) + (meridian === 'pm' ? 12 : 0) + minutes / 60;
      return this.plainExpression(a, a.first, next, 'time', 'number.not.time', value);
    }
    // 14:00, 9:30am
    if (a.suffix === '' && a.decimals === 0 && a.digits.length <= 2 && hour <= 24 && this.tk(next).raw === ':' && this.joined(next - 1) && this.joined(next)) {
      const mins = this.tk(next + 1);
      if (mins.kind === DIGITS && mins.raw.length === 2 && Number(mins.raw) < 60) {
        let end = next + 2;
        let h = hour;
        const after = this.tk(end);
        const m = after.kind === WORD && this.joined(end - 1) && (after.low === 'am' || after.low === 'pm') ? { meridian: after.low, next: end + 1 } : this.meridianAt(end);
        if (m !== null && hour >= 1 && hour <= 12) {
          h = (hour % 12) + (m.meridian === 'pm' ? 12 : 0);
          end = m.next;
        }
        return this.plainExpression(a, a.first, end, 'time', 'number.not.time', h + Number(mins.raw) / 60);
      }
    }
    if (this.tk(next).low === "o'clock" && a.integer && hour >= 1 && hour <= 12) return this.plainExpression(a, a.first, next + 1, 'time', 'number.not.time', hour);
    return null;
  }

  /** "half past nine", "half past 10": a time. */
  private halfPast(i: number): Expression | null {
    if (this.tk(i).low !== 'half' || this.tk(i + 1).low !== 'past') return null;
    const t = this.tk(i + 2);
    const hour = t.kind === DIGITS ? Number(t.raw) : (this.w.units.get(t.low) ?? 0);
    if (!Number.isInteger(hour) || hour < 1 || hour > 12) return null;
    return { first: i, next: i + 3, value: hour + 0.5, unit: null, approx: null, decimals: 0, scale: 1, words: t.kind === WORD, role: 'time', rule: 'number.not.time' };
  }

  /** "am", "pm", "a.m.", "p.m." after a space at `j`. */
  private meridianAt(j: number): { meridian: string; next: number } | null {
    const t = this.tk(j);
    if (t.kind !== WORD || !this.spaced(j - 1)) return null;
    if (t.low === 'am' || t.low === 'pm') return { meridian: t.low, next: j + 1 };
    if ((t.low === 'a' || t.low === 'p') && this.tk(j + 1).raw === '.' && this.joined(j) && this.tk(j + 2).low === 'm' && this.joined(j + 1)) {
      const end = this.tk(j + 3).raw === '.' && this.joined(j + 2) ? j + 4 : j + 3;
      return { meridian: `${t.low}m`, next: end };
    }
    return null;
  }

  private isDay(a: Part): boolean {
    return a.integer && a.digits.length <= 2 && a.value >= 1 && a.value <= 31 && (a.suffix === '' || a.ordinal);
  }

  private isYearToken(j: number): boolean {
    const t = this.tk(j);
    return t.kind === DIGITS && t.raw.length === 4 && !(this.tk(j + 1).kind === WORD && this.joined(j));
  }

  private date(a: Part): Expression | null {
    const w = this.w;
    const next = a.next;
    const sep = this.tk(next).raw;
    // 12/05/2024, 2024-05-12
    if (a.suffix === '' && (sep === '/' || sep === '-') && this.joined(next - 1) && this.joined(next) && this.joined(next + 1) && this.joined(next + 2)) {
      const b = this.tk(next + 1);
      const c = this.tk(next + 3);
      if (this.tk(next + 2).raw === sep && b.kind === DIGITS && c.kind === DIGITS && b.raw.length <= 2 && !b.raw.includes('.') && !c.raw.includes('.')) {
        if (sep === '/' && this.isDay(a) && Number(b.raw) <= 12 && (c.raw.length === 2 || c.raw.length === 4)) {
          return this.plainExpression(a, a.first, next + 4, 'date', 'number.not.date');
        }
        if (sep === '-' && a.digits.length === 4 && b.raw.length === 2 && c.raw.length === 2 && Number(b.raw) <= 12) {
          return this.plainExpression(a, a.first, next + 4, 'date', 'number.not.date', Number(c.raw));
        }
      }
    }
    if (!this.isDay(a)) return null;
    // 17 June, 17th of June 2024
    let j = next;
    if (a.ordinal && this.tk(j).low === 'of') j++;
    if (this.spaced(j - 1) && w.months.has(this.tk(j).raw)) {
      let end = j + 1;
      if (this.isYearToken(end) && this.spaced(end - 1)) end++;
      return this.plainExpression(a, a.first, end, 'date', 'number.not.date');
    }
    // June 17, June 17th, 2024
    const month = this.tk(a.first - 1);
    if (a.first - 1 >= this.floor && w.months.has(month.raw) && this.spaced(a.first - 1)) {
      let end = next;
      if (this.tk(end).raw === ',' && this.isYearToken(end + 1)) end += 2;
      else if (this.isYearToken(end) && this.spaced(end - 1)) end++;
      return this.plainExpression(a, a.first - 1, end, 'date', 'number.not.date');
    }
    return null;
  }

  private phone(a: Part): Expression | null {
    const w = this.w;
    if (!a.integer || a.digits.includes(',') || a.suffix !== '') return null;
    const plus = this.tk(a.first - 1).raw === '+' && this.joined(a.first - 1) && a.first - 1 >= this.floor;
    if (a.digits.startsWith('0') || plus) {
      let total = a.digits.length;
      let j = a.next;
      for (let groups = 0; groups < 4 && total < 12; groups++) {
        const g = this.tk(j);
        if (g.kind !== DIGITS || !this.spaced(j - 1) || g.raw.length < 2 || g.raw.includes(',') || g.raw.includes('.')) break;
        if (this.tk(j + 1).kind === WORD && this.joined(j)) break;
        total += g.raw.length;
        j++;
      }
      if (total >= 9 && total <= 13) return this.plainExpression(a, plus ? a.first - 1 : a.first, j, 'phone', 'number.not.phone');
      return null;
    }
    if (w.phoneShortNumbers.has(a.digits) && w.phoneCues.has(this.tk(a.first - 1).low)) return this.plainExpression(a, a.first, a.next, 'phone', 'number.not.phone');
    return null;
  }

  /** "28-year-old", "a six-month-old", "34 years old". */
  private ageAfter(a: Part): Expression | null {
    const w = this.w;
    if (!a.integer || a.suffix !== '' || a.value <= 0) return null;
    const j = a.next;
    if (this.hyphenJoins(j) && w.ageUnits.has(this.tk(j + 1).low) && this.hyphenJoins(j + 2)) {
      const old = this.tk(j + 3).low;
      if (old === 'old' || old === 'olds' || old === "old's") return this.plainExpression(a, a.first, j + 4, 'age', 'number.not.age');
    }
    const unit = this.tk(j).low;
    if ((unit === 'years' || unit === 'year') && this.spaced(j - 1) && this.tk(j + 1).low === 'old') return this.plainExpression(a, a.first, j + 2, 'age', 'number.not.age');
    return null;
  }

  /** "won 3-1", "a 2-0 win". */
  private score(a: Part): Expression | null {
    const w = this.w;
    if (!a.integer || a.suffix !== '' || a.digits.length > 2) return null;
    const s = a.next;
    if (!DASHES.has(this.tk(s).raw)) return null;
    const tight = this.joined(s - 1) && this.joined(s);
    const loose = this.spaced(s - 1) && this.spaced(s);
    const b = this.tk(s + 1);
    if (!(tight || loose) || b.kind !== DIGITS || b.raw.length > 2 || b.raw.includes('.')) return null;
    if (this.tk(s + 2).kind === WORD && this.joined(s + 1)) return null;
    let cue = w.scoreAfter.has(this.tk(s + 2).low);
    for (let k = a.first - 1; k >= a.first - 4 && k >= 0 && !cue; k--) {
      const t = this.tk(k);
      if (t.raw === '.' || t.raw === ';') break;
      cue = w.scoreBefore.has(t.low);
    }
    return cue ? this.plainExpression(a, a.first, s + 2, 'score', 'number.not.score') : null;
  }

  private yearLike(a: Part): boolean {
    return a.digits.length === 4 && a.integer && a.suffix === '' && !a.negative && !a.symbol && a.unit === null && !a.scaled && a.value >= 1000 && a.value <= 2999;
  }

  /** "2014-15", "2014/15", "2010-2015". */
  private yearRange(a: Part): Expression | null {
    if (!this.yearLike(a) || a.value < 1900 || a.value > 2100) return null;
    const s = a.next;
    const sep = this.tk(s).raw;
    if (!(DASHES.has(sep) || sep === '/') || !this.joined(s - 1) || !this.joined(s)) return null;
    const b = this.tk(s + 1);
    if (b.kind !== DIGITS || b.raw.includes(',') || b.raw.includes('.')) return null;
    const after = this.tk(s + 2);
    if ((after.kind === WORD || after.raw === '-' || after.raw === '/') && this.joined(s + 1)) return null;
    let high: number;
    if (b.raw.length === 2) {
      high = Math.floor(a.value / 100) * 100 + Number(b.raw);
      if (high <= a.value) high += 100;
      if (high - a.value > 10) return null;
    } else if (b.raw.length === 4) {
      high = Number(b.raw);
      if (high <= a.value || high - a.value > 100) return null;
    } else return null;
    return { ...this.plainExpression(a, a.first, s + 2, 'year', 'number.not.year-range'), low: a.value, high };
  }

  /** "the 1990s", "in her 40s", "under-18s". */
  private decade(a: Part): Expression | null {
    const w = this.w;
    if (a.suffix !== 's') return null;
    const prev = this.tk(a.first - 1);
    const hyphened = prev.raw === '-' && this.joined(a.first - 1) && this.joined(a.first - 2);
    const word = hyphened ? this.tk(a.first - 2) : prev;
    if (hyphened && (word.low === 'under' || word.low === 'over')) return this.plainExpression(a, a.first, a.next, 'age', 'number.not.age-group');
    const v = a.value;
    if (a.digits.length === 4 && v % 10 === 0 && v >= 1000 && v <= 2100) return { ...this.plainExpression(a, a.first, a.next, 'year', 'number.not.decade'), low: v, high: v + 9 };
    if (a.digits.length === 2 && v % 10 === 0) {
      if (w.agePossessives.has(word.low)) return { ...this.plainExpression(a, a.first, a.next, 'age', 'number.not.age-decade'), low: v, high: v + 9 };
      return { ...this.plainExpression(a, a.first, a.next, 'year', 'number.not.decade'), low: v, high: v + 9 };
    }
    return null;
  }

  /** "24/7", "9/11": two whole numbers joined by a slash that are neither a date nor a year range. */
  private slashPair(a: Part): Expression | null {
    if (!a.integer || a.suffix !== '' || a.digits.includes(',')) return null;
    const s = a.next;
    if (this.tk(s).raw !== '/' || !this.joined(s - 1) || !this.joined(s)) return null;
    const b = this.tk(s + 1);
    if (b.kind !== DIGITS || b.raw.includes('.') || b.raw.includes(',')) return null;
    if ((this.tk(s + 2).kind === WORD || this.tk(s + 2).raw === '/') && this.joined(s + 1)) return null;
    return this.plainExpression(a, a.first, s + 2, 'name', 'number.not.slash-pair');
  }

  // -------------------------------------------------------------------------
  // Ratios and ranges

  private simple(p: Part): boolean {
    return p.integer && p.unit === null && !p.scaled && !p.ordinal && p.ratio === null && !p.negative && p.suffix === '';
  }

  /** "one in five", "nine in ten", "1 in 10"; not "18 in 2021". */
  private ratioAfter(a: Part, start: number, approx: string | null): Expression | null {
    if (!this.simple(a) || a.value < 1 || this.tk(a.next).low !== 'in' || !this.spaced(a.next)) return null;
    const b = this.partAt(a.next + 1);
    if (b === null || b === 'skip' || !this.simple(b) || b.value < 2 || b.value <= a.value || this.yearLike(b)) return null;
    if (this.w.ratioNotBefore.has(this.tk(b.next).low)) return null;
    return {
      first: start,
      next: b.next,
      value: a.value / b.value,
      ratio: { numerator: a.value, denominator: b.value },
      unit: null,
      approx,
      decimals: 0,
      scale: 1,
      words: a.words || b.words,
      role: 'quantity',
      rule: 'number.ratio',
    };
  }

  /** "between 20 and 30", "20-30 per cent", "20 to 30", "£20-30m"; not "from 18 to 52". */
  private rangeAfter(a: Part, start: number, approx: string | null): Expression | null {
    const w = this.w;
    if (a.ordinal || a.ratio !== null || a.bareOne) return null;
    const s = a.next;
    const sep = this.tk(s);
    let first = start;
    if (DASHES.has(sep.raw)) {
      if (a.digits === '' || !((this.joined(s - 1) && this.joined(s)) || (this.spaced(s - 1) && this.spaced(s)))) return null;
    } else if (sep.low === 'to') {
      if (w.changeWords.has(this.tk(start - 1).low)) return null;
    } else if (sep.low === 'and') {
      if (this.tk(start - 1).low !== 'between' || start - 1 < this.floor) return null;
      first = start - 1;
    } else return null;
    const bAt = w.currencySymbols.has(this.tk(s + 1).raw) ? s + 2 : s + 1;
    const b = this.partAt(bAt);
    if (b === null || b === 'skip' || b.ordinal || b.ratio !== null || b.negative || b.bareOne) return null;
    if (DASHES.has(sep.raw) && b.digits === '') return null;
    if (a.unit !== null && b.unit !== null && a.unit !== b.unit) return null;
    const aYear = this.yearLike(a);
    if (aYear !== this.yearLike(b)) return null;
    // "£20-30m", "20-30p": the scale written after the second number applies to the first when the first is the smaller as written.
    let low = a.value;
    const borrows = !a.scaled && b.scaled && a.value < b.value / b.scale;
    if (borrows) low = Number((a.value * b.scale).toPrecision(15));
    const high = b.value;
    if (!(low < high)) return null;
    const unit = b.unit ?? a.unit;
    const role = this.roleOf(a, first);
    const rule = role.role === 'quantity' ? 'number.range' : role.role === 'year' ? 'number.not.year-range' : role.rule;
    return {
      first,
      next: b.next,
      value: low,
      low,
      high,
      unit,
      approx: role.role === 'quantity' || role.role === 'age' ? approx : null,
      decimals: Math.max(a.decimals, b.decimals),
      scale: b.scaled ? b.scale : a.scale,
      words: a.words || b.words,
      role: role.role,
      rule,
    };
  }

  // -------------------------------------------------------------------------
  // A single number

  private single(a: Part, start: number, approx: string | null): Expression | null {
    const role = this.roleOf(a, start, approx);
    if (role.role === 'quantity' && a.bareOne && a.unit === null) return null;
    const keepsApprox = approx !== null && (role.role === 'quantity' || role.role === 'age');
    const first = keepsApprox ? start : a.first;
    let rule = role.rule;
    if (role.role === 'quantity') {
      if (a.unit === 'percent') rule = 'number.percent';
      else if (a.unit === 'points') rule = 'number.points';
      else if (a.unit !== null) rule = 'number.money';
      else if (a.ratio !== null) rule = 'number.fraction';
      else rule = a.words ? 'number.words' : 'number.digits';
    }
    const e: Expression = {
      first,
      next: a.next,
      value: a.value,
      unit: a.unit,
      approx: keepsApprox ? approx : null,
      decimals: a.decimals,
      scale: a.scale,
      words: a.words,
      role: role.role,
      rule,
    };
    if (a.ratio !== null) e.ratio = a.ratio;
    return e;
  }

  /** What a number is, from the words around it. `start` is the expression's first token (approximation words included). */
  private roleOf(a: Part, start: number, approx: string | null = null): { role: NumberRole; rule: string } {
    const w = this.w;
    const quantity = { role: 'quantity' as const, rule: '' };
    if (a.unit !== null || a.scaled || a.negative) return quantity;
    if (a.ordinal) return { role: 'ordinal', rule: 'number.not.ordinal' };
    const nb = this.tk(a.core - 1);
    const spacedBefore = this.spaced(a.core - 1);
    const capitalised = a.words ? isCapitalised(this.tk(a.core).raw) : true;
    const year = this.yearLike(a) && (a.value >= 1900 && a.value <= 2100 ? true : w.yearPrepositions.has(this.tk(start - 1).low));

    // Names: "Radio 4", "Progress 8", "BBC One", "Valesford FM 102.4", "Covid-19".
    if (spacedBefore && capitalised && (w.nameHeads.has(nb.raw) || w.nameHeadsAnyCase.has(nb.low))) return { role: 'name', rule: year ? 'number.not.year-in-name' : 'number.not.name' };
    if (a.digits !== '' && this.spaced(a.next - 1) && w.nameTails.has(this.tk(a.next).raw)) return { role: 'name', rule: 'number.not.name' };
    if (a.digits !== '' && nb.raw === '-' && this.joined(a.core - 1) && this.joined(a.core - 2) && this.tk(a.core - 2).kind === WORD && !w.hyphenPrefixes.has(this.tk(a.core - 2).low)) {
      return { role: 'name', rule: year ? 'number.not.year-in-name' : 'number.not.name' };
    }
    if (a.bareOne) return quantity;
    // Laws: "Act 1984", "the 1984 Act".
    if (spacedBefore && w.lawHeads.has(nb.raw)) return { role: 'law', rule: 'number.not.law' };
    if (year && this.spaced(a.next - 1) && w.lawHeads.has(this.tk(a.next).raw)) return { role: 'law', rule: 'number.not.law' };
    // "section 18", "Part 2", "page 12", "p. 4".
    if (spacedBefore && (w.sectionHeads.has(nb.low) || w.sectionHeadsCapitalised.has(nb.raw))) return { role: 'section', rule: 'number.not.section' };
    if (spacedBefore && w.pageHeads.has(nb.low) && nb.low !== 'p' && nb.low !== 'pp') return { role: 'page', rule: 'number.not.page' };
    if (nb.raw === '.' && spacedBefore && this.joined(a.core - 2) && (this.tk(a.core - 2).low === 'p' || this.tk(a.core - 2).low === 'pp')) return { role: 'page', rule: 'number.not.page' };
    // "Flat 3", "14 High Street".
    if (spacedBefore && w.addressHeads.has(nb.raw)) return { role: 'address', rule: 'number.not.address' };
    if (a.digits !== '' && a.integer && !a.digits.includes(',') && !this.yearLike(a) && approx === null && this.street(a.next)) return { role: 'address', rule: 'number.not.address' };
    // "aged 34", "aged between 18 and 24", "John Smith, 34, from Harbridge".
    const before = this.tk(start - 1);
    if (w.ageCues.has(before.low) || (before.low === 'between' && w.ageCues.has(this.tk(start - 2).low))) return { role: 'age', rule: 'number.not.age' };
    if (a.digits !== '' && a.integer && approx === null && a.value >= 1 && a.value <= 120 && this.apposition(a)) return { role: 'age', rule: 'number.not.age' };
    // Years: "in 2016", "since 2014"; "Euro 2020" is a name.
    if (year && (approx === null || w.yearApproximations.has(approx))) {
      if (spacedBefore && nb.kind === WORD && isCapitalised(nb.raw) && !w.yearOpeners.has(nb.raw)) return { role: 'name', rule: 'number.not.year-in-name' };
      return { role: 'year', rule: 'number.not.year' };
    }
    return quantity;
  }

  /** One to four capitalised words after `j`, the last a street word, then no further capitalised word. */
  private street(j: number): boolean {
    if (!this.spaced(j - 1)) return false;
    let k = j;
    while (k < j + 4 && this.tk(k).kind === WORD && isCapitalised(this.tk(k).raw) && (k === j || this.spaced(k - 1))) k++;
    if (k === j) return false;
    return this.w.streetWords.has(this.tk(k - 1).raw);
  }

  /** ", 34," or "(34)" after a capitalised word. */
  private apposition(a: Part): boolean {
    const open = this.tk(a.core - 1).raw;
    const close = this.tk(a.next).raw;
    const name = this.tk(a.core - 2);
    if (name.kind !== WORD || !isCapitalised(name.raw)) return false;
    return (open === ',' && close === ',') || (open === '(' && close === ')');
  }
}

function isCapitalised(word: string): boolean {
  const c = word.charAt(0);
  return c !== c.toLowerCase();
}

/**
 * Every number expression in `text.slice(start, end)`, in text order and not
 * overlapping, with offsets into `text`.
 */
export function findNumbers(text: string, start = 0, end = text.length): NumberMention[] {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  if (to === from) return [];
  return new Scanner(numberWords(), tokenize(text, from, to)).run();
}
