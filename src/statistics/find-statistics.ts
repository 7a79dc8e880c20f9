/**
 * The statistics stage: reported figures, sentence by sentence.
 *
 * 1. Numbers come from `findNumbers`; years, dates, times, names, laws,
 *    sections, phone numbers, addresses and pages are not figures (they give
 *    periods, or nothing); ages become `age` figures.
 * 2. Patterns over the words around the numbers make each figure: shares
 *    ("44 per cent (114 of 259)", "X of Y", "X out of Y", "X ... in a total of
 *    Y", "one in five", "a third of"), parts ("14 of these", "41 of which"),
 *    changes ("rose from A to B", "A, up from B", "a rise of X per cent",
 *    "doubled"), rates ("9.4 per 100,000 people"), amounts of money, and
 *    counts ("26 incidents").
 * 3. What is counted is the noun phrase the figure governs; the period is
 *    the nearest year or period phrase ("this year" against the article's
 *    date); the source is the quote's speaker, "according to X", or "figures
 *    obtained by X show" in the sentence or the one before.
 * 4. `checkArithmetic` checks what the figure's own words allow.
 */
import type { Document, Evidence, Span, Statistic, StatisticKind } from '../model/document.js';
import type { Stage, StageContext } from '../pipeline.js';
import { type Word, words } from '../stances/phrases.js';
import { checkArithmetic } from './check-arithmetic.js';
import { findNumbers, type NumberMention } from './find-numbers.js';

export const STATISTIC_RULES = {
  shareParenthesised: 'stat.share.percent-of-parts',
  shareOf: 'stat.share.x-of-y',
  shareOfPercent: 'stat.share.x-of-y-percent',
  shareTotal: 'stat.share.in-a-total-of',
  shareRatio: 'stat.share.ratio',
  sharePercentOf: 'stat.share.percent-of',
  sharePercent: 'stat.share.percent',
  part: 'stat.count.part-of',
  partPercent: 'stat.share.part-of-percent',
  change: 'stat.change.from-to',
  changeUpFrom: 'stat.change.up-from',
  changePercent: 'stat.change.percent',
  changeFactor: 'stat.change.factor',
  rate: 'stat.rate.per',
  amount: 'stat.amount.money',
  count: 'stat.count',
  age: 'stat.age',
  rank: 'stat.rank',
  what: 'stat.what.noun-phrase',
  partWhat: 'stat.what.of-the-whole',
  periodYear: 'stat.period.year',
  periodRelative: 'stat.period.relative',
  periodSince: 'stat.period.since',
  periodDuration: 'stat.period.duration',
  periodUnresolved: 'stat.period.relative-undated',
  place: 'stat.place.in',
  sourceQuote: 'stat.source.speaker',
  sourceAccording: 'stat.source.according-to',
  sourceFigures: 'stat.source.figures',
} as const;

const WHAT_MAX_WORDS = 12; // "cases of the crime of meeting a child following sexual grooming": longer runs carry on into the clause's verb
const PART_WORDS = new Set(['these', 'those', 'them', 'which', 'whom']);
const OF_WORDS = new Set(['of', 'out']);
const TOTAL_REACH = 4; // words between a part and "in a total of" ("114 occasions in a total 259")
const UP_FROM_REACH = 16; // "35 confrontations in the 12 months to August, up from 23"
const CHANGE_PERCENT_REACH = 10; // "from 1,900 ... to 1,150 passengers a day, a drop of almost 40 per cent"
const SHARE_GAP = 3;
const PERCENT_AFTER_REACH = 16; // words from the whole to the percentage stated after it
const PARENS_REACH = 5; // "78 per cent of its pupils (142 out of 182)" // words between "of" and the whole ("of the county's 31")
const GAP_WORDS = new Set(['the', 'its', 'their', 'his', 'her', 'our', 'a', 'an', "'s", 'county', 'country', 'force', 'council', 'total']);
// Not "growth": it names the measure ("growth will slow from 3% to 2.5%"), it does not say which way it went.
const UP_WORDS = new Set(['rose', 'rise', 'risen', 'rising', 'rises', 'increased', 'increase', 'increases', 'grew', 'grow', 'grows', 'growing', 'grown', 'expand', 'expanded', 'expanding', 'up', 'climbed', 'climb', 'jumped', 'soared', 'surged', 'higher', 'more', 'widened', 'accelerate', 'accelerated', 'boosted']);
const DOWN_WORDS = new Set(['fell', 'fall', 'fallen', 'falling', 'falls', 'decreased', 'decrease', 'dropped', 'drop', 'down', 'declined', 'decline', 'cut', 'lower', 'fewer', 'less', 'shrank', 'shrink', 'shrinking', 'contracted', 'plunged', 'slumped', 'slow', 'slows', 'slowed', 'slowing', 'eased', 'ease', 'easing', 'narrowed', 'tumbled', 'slid']);
// Money named after the number ("25 cents", "500 yen"): an amount, not a count of cents.
const CURRENCY_WORDS: Readonly<Record<string, string>> = { cents: 'USD', cent: 'USD', pence: 'GBP', yen: 'JPY', yuan: 'CNY', rupees: 'INR', roubles: 'RUB', rubles: 'RUB', francs: 'CHF', euros: 'EUR', dollars: 'USD', pounds: 'GBP', pesos: 'MXN', rand: 'ZAR', kronor: 'SEK', krona: 'SEK', won: 'KRW' };
const YEAR = /^(?:1[89]|20)\d\d$/u;
const CHANGE_NOUNS = new Set(['rise', 'increase', 'fall', 'drop', 'decline', 'cut', 'growth', 'jump', 'reduction']);
const FACTORS: Readonly<Record<string, number>> = { doubled: 2, doubling: 2, trebled: 3, tripled: 3, quadrupled: 4, halved: 0.5 };
// "in the 12 months to August", "for three years": a duration gives a period, it is not a figure.
const TIME_UNITS = new Set(['day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'decade', 'decades', 'hour', 'hours']);
const RATE_WORDS = new Set(['per', 'for', 'every', 'each']);
const STOP_WORDS = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'must',
  'used', 'show', 'shows', 'showed', 'rose', 'fell', 'increased', 'decreased', 'led', 'went', 'came', 'said', 'says', 'took', 'made',
  'according', 'compared', 'than', 'which', 'that', 'who', 'while', 'after', 'before', 'when', 'since', 'in', 'during', 'this', 'last',
  'and', 'but', 'or', 'up', 'down', 'from', 'to', 'with', 'at', 'on', 'by', 'as', 'because', 'if', 'where', 'having', 'being', 'saw', 'seen',
]);
const NOUN_LINKS = new Set(['of', 'involving', 'reported', 'for', 'against', 'about']); // "cases of ...", "incidents involving ...", "... reported to X"
const PARTICIPLE_LINKS = new Set(['to', 'by', 'in', 'for', 'with', 'from', 'under', 'at', 'on', 'into']);
const PUNCTUATION = /^[^\p{L}\p{N}]+$/u;
const LEADING = new Set(['the', 'a', 'an', 'its', 'their', 'these', 'those', 'of', 'total']);
const SOURCE_NOUNS = new Set(['figures', 'data', 'statistics', 'research', 'report', 'survey', 'study', 'analysis', 'numbers', 'estimates', 'poll']);
const SOURCE_VERBS = new Set(['obtained', 'published', 'released', 'compiled', 'gathered', 'collected', 'produced', 'issued']);
// A quick test before a sentence without numbers is cut into words to look for a source for the next one.
const SOURCE_HINT = /according|figures|data|statistics|research|report|survey|study|analysis|numbers|estimates|poll/iu;
const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
const RELATIVE_PERIODS: readonly [string[], number][] = [
  [['this', 'year'], 0],
  [['last', 'year'], -1],
  [['next', 'year'], 1],
  [['so', 'far', 'this', 'year'], 0],
];

interface Found {
  kind: StatisticKind;
  /** Word indexes of the whole figure, `[from, to)`. */
  from: number;
  to: number;
  value: number | null;
  unit: string | null;
  qualifier: string | null;
  numerator: number | null;
  denominator: number | null;
  changeFrom: number | null;
  changeTo: number | null;
  /** Word index where what is counted starts, or -1. */
  whatAt: number;
  /** Otherwise, word index before which what is counted ends ("profits of $3.65bn", "sales rose from"), or -1. */
  whatBefore: number;
  /** A part of the figure found just before ("of these", "of which"). */
  partOfPrevious: boolean;
  /** Stated factor ("doubled" = 2) or direction (+1 rose, -1 fell) of a change, for the check. */
  factor: number | null;
  direction: number;
  /** Decimals of the stated percentage, for rounding tolerance. */
  decimals: number;
  /** Half the last stated unit of a change's values ("£5.5bn": 0.05bn), for the tolerance of a percentage change. */
  fromPrecision: number;
  toPrecision: number;
  rule: string;
}

/** Map each number mention to the words it covers. */
interface Num {
  m: NumberMention;
  from: number;
  to: number;
}

function wordIndex(ws: readonly Word[], m: NumberMention): { from: number; to: number } {
  let from = ws.findIndex((w) => w.end > m.start);
  if (from === -1) from = ws.length;
  let to = from;
  while (to < ws.length && (ws[to]?.start ?? Infinity) < m.end) to++;
  return { from, to };
}

const lower = (ws: readonly Word[], i: number): string => ws[i]?.lower ?? '';

function blank(kind: StatisticKind, from: number, to: number, rule: string): Found {
  return { kind, from, to, value: null, unit: null, qualifier: null, numerator: null, denominator: null, changeFrom: null, changeTo: null, whatAt: to, whatBefore: -1, partOfPrevious: false, factor: null, direction: 0, decimals: 0, fromPrecision: 0, toPrecision: 0, rule };
}

/** Half the last unit a number is stated in ("5.5bn": 0.05bn; "44": 0.5). */
function precision(m: NumberMention): number {
  return 0.5 * 10 ** -m.decimals * (m.scale ?? 1);
}

/**
 * Quantities that are not figures: durations ("in the 12 months", "four-month
 * highs"), names with a number ("3-Series"), a year's possessive ("2003's
 * 9.1%"), the second year of a range ("2005-6").
 */
function notAFigure(ws: readonly Word[], n: Num): boolean {
  if (TIME_UNITS.has(lower(ws, n.to))) return true;
  const text = ws.slice(n.from, n.to).map((w) => w.lower).join(' ');
  if (/-(?:day|week|month|year|hour|minute)s?\b/u.test(text) || /^\d+-[a-z]/u.test(text) && n.m.unit === null && !/\d-(?:fold|odd)/u.test(text)) return true;
  if (YEAR.test(text) && lower(ws, n.to) === "'s") return true;
  if ((lower(ws, n.from - 1) === '-' || lower(ws, n.from - 1) === '/') && YEAR.test(lower(ws, n.from - 2))) return true;
  return false;
}

/** The noun phrase what a figure counts, from word `at`: up to a stop word, punctuation or a number. */
function nounPhrase(ws: readonly Word[], at: number, numbers: ReadonlySet<number>): { from: number; to: number } | null {
  let i = at;
  while (LEADING.has(lower(ws, i)) && i < ws.length) i++;
  const start = i;
  let linked = false;
  let of = false;
  for (; i < ws.length && i - start < WHAT_MAX_WORDS; i++) {
    const w = lower(ws, i);
    if (numbers.has(i) || PUNCTUATION.test(w)) break;
    if (NOUN_LINKS.has(w)) {
      linked = true;
      of ||= w === 'of';
      continue;
    }
    // "cases of meeting a child after sexual grooming": inside an "of" phrase, "after" and "following" go on describing it.
    if (of && (w === 'after' || w === 'following') && !STOP_WORDS.has(lower(ws, i + 1)) && !numbers.has(i + 1)) continue;
    // "reported to Staffordshire Police", "passed to prosecutors": "to" carries on after a participle.
    if (w === 'to' && lower(ws, i - 1).endsWith('ed')) continue;
    if (STOP_WORDS.has(w) && !(linked && (w === 'the' || w === 'a'))) break;
    // "schools improved": a past form ends the phrase, unless a preposition follows ("cases passed to prosecutors").
    if (i > start && w.length > 4 && w.endsWith('ed') && !w.includes('-') && !PARTICIPLE_LINKS.has(lower(ws, i + 1))) break;
    linked = false;
  }
  while (i > start && (NOUN_LINKS.has(lower(ws, i - 1)) || LEADING.has(lower(ws, i - 1)))) i--;
  return i > start ? { from: start, to: i } : null;
}

// Words after an amount that do not name what it is ("$30m out of its own resources", "$1.36 versus the euro").
const NOT_NOUNS = new Set(['out', 'versus', 'against', 'over', 'under', 'into', 'through', 'above', 'below', 'each', 'apiece', 'per', 'off', 'back', 'more', 'less', 'last', 'next', 'this', 'year', 'years', 'ago', 'instead', 'now', 'yet', 'so', 'higher', 'lower', 'too']);
const AUXILIARIES = new Set(['go', 'goes', 'going', 'gone', 'went', 'come', 'came', 'will', 'would', 'could', 'may', 'might', 'has', 'have', 'had', 'is', 'are', 'was', 'were', 'be', 'been', 'also', 'expected', 'set', 'to', "'s", 'forecast']);

/** The noun phrase just before word `at` ("profits" in "profits of $3.65bn", "growth" in "growth will slow from"): up to four words. */
function nounBefore(ws: readonly Word[], at: number, numbers: ReadonlySet<number>): { from: number; to: number } | null {
  let to = at;
  while (to > 0 && (AUXILIARIES.has(lower(ws, to - 1)) || UP_WORDS.has(lower(ws, to - 1)) || DOWN_WORDS.has(lower(ws, to - 1)))) to--;
  let from = to;
  while (from > 0 && to - from < 4) {
    const w = lower(ws, from - 1);
    if (numbers.has(from - 1) || PUNCTUATION.test(w) || STOP_WORDS.has(w) || LEADING.has(w) || AUXILIARIES.has(w)) break;
    from--;
  }
  return to > from ? { from, to } : null;
}

/** Figures in one sentence's words, from its number mentions (in text order). */
function figures(doc: string, ws: readonly Word[], nums: readonly Num[]): Found[] {
  const quantities = nums.filter((n) => n.m.role === 'quantity' && !notAFigure(ws, n));
  const used = new Set<Num>();
  const out: Found[] = [];
  const next = (n: Num): Num | undefined => quantities.find((q) => q.from >= n.to && !used.has(q));
  const afterWords = (n: Num, k: number): string[] => ws.slice(n.to, n.to + k).map((w) => w.lower);

  // "35 ..., up from 23", "$3.65bn (£1.97bn) ... - up from $2.89bn", "45.6%, less than the 47.3% forecast and down from 47.1%":
  // the change is to the nearest figure before it in the same unit that is not a conversion in brackets or a comparison.
  for (const q of quantities) {
    const dir = lower(ws, q.from - 2);
    if (lower(ws, q.from - 1) !== 'from' || (dir !== 'up' && dir !== 'down')) continue;
    const subject = quantities.findLast((o) => o.to <= q.from - 2 && o.from >= q.from - UP_FROM_REACH && !used.has(o) && o.m.unit === q.m.unit && lower(ws, o.from - 1) !== '(' && !['than', 'the'].includes(lower(ws, o.from - 1)));
    if (subject === undefined) continue;
    used.add(subject).add(q);
    out.push({ ...blank('change', subject.from, q.to, STATISTIC_RULES.changeUpFrom), unit: subject.m.unit, changeFrom: q.m.value, changeTo: subject.m.value, direction: dir === 'up' ? 1 : -1, whatAt: subject.to, fromPrecision: precision(q.m), toPrecision: precision(subject.m) });
  }
  for (const n of quantities) {
    if (used.has(n)) continue;
    const m = n.m;
    const after = afterWords(n, 6);
    // "41 of which (71 per cent)", "14 of these": a part of the figure before.
    // (A percentage "of those" is a share of them, not a count that is part of them.)
    if (after[0] === 'of' && PART_WORDS.has(after[1] ?? '') && m.unit !== 'percent') {
      used.add(n);
      const f = { ...blank('count', n.from, n.to + 2, STATISTIC_RULES.part), value: m.value, qualifier: m.approx, partOfPrevious: true, whatAt: n.to + 2 };
      // "(71 per cent)" right after: the share of the whole the part is.
      const pct = next(n);
      if (pct !== undefined && pct.m.unit === 'percent' && pct.from <= n.to + 4) {
        used.add(pct);
        out.push({ ...f, kind: 'share', to: pct.to, value: pct.m.value, unit: 'percent', qualifier: pct.m.approx, numerator: m.value, decimals: pct.m.decimals, rule: STATISTIC_RULES.partPercent });
      } else out.push(f);
      continue;
    }
    // "More than 44 per cent (114 of 259)": a percentage with its parts in brackets.
    if (m.unit === 'percent') {
      const part = next(n);
      const whole = part === undefined ? undefined : quantities.find((q) => q.from > part.to && !used.has(q));
      const opens = part === undefined ? -1 : ws.slice(n.to, part.from).findIndex((w) => w.lower === '(');
      const near = part !== undefined && (part.from <= n.to + 1 || (opens !== -1 && part.from === n.to + opens + 1 && part.from <= n.to + PARENS_REACH && lower(ws, n.to) === 'of'));
      if (part !== undefined && whole !== undefined && near && OF_WORDS.has(lower(ws, part.to)) && whole.from <= part.to + 2 + (lower(ws, part.to) === 'out' ? 1 : 0)) {
        used.add(n).add(part).add(whole);
        const close = lower(ws, whole.to) === ')' ? whole.to + 1 : whole.to;
        out.push({ ...blank('share', n.from, close, STATISTIC_RULES.shareParenthesised), value: m.value, unit: 'percent', qualifier: m.approx, numerator: part.m.value, denominator: whole.m.value, decimals: m.decimals, whatAt: part.from > n.to + 1 ? n.to + 1 : close });
        continue;
      }
    }
    // Change: "from A to B", "rose from A in 2021 to B in 2023".
    if (lower(ws, n.from - 1) === 'from') {
      const to = quantities.find((q) => q.from > n.to && q.from <= n.to + 5 && !used.has(q) && ws.slice(n.to, q.from).some((w) => w.lower === 'to'));
      if (to !== undefined) {
        used.add(n).add(to);
        const verb = ws.slice(Math.max(0, n.from - 4), n.from).map((w) => w.lower);
        const stated = verb.map((w) => FACTORS[w]).find((v) => v !== undefined) ?? null;
        // The direction word nearest "from" ("growth falling from 3.2% to 2.5%").
        const nearest = verb.findLast((w) => UP_WORDS.has(w) || DOWN_WORDS.has(w) || FACTORS[w] !== undefined);
        const verbAt = nearest === undefined ? n.from - 1 : n.from - verb.length + verb.lastIndexOf(nearest);
        // Values in different units ("from half of users to 40 per cent") give nothing to check.
        const sameUnit = (to.m.unit ?? null) === (m.unit ?? null) && (to.m.ratio === undefined) === (m.ratio === undefined);
        const direction = !sameUnit || nearest === undefined || FACTORS[nearest] !== undefined ? 0 : UP_WORDS.has(nearest) ? 1 : -1;
        const factor = sameUnit ? stated : null;
        const f: Found = { ...blank('change', n.from - 1, to.to, factor !== null ? STATISTIC_RULES.changeFactor : STATISTIC_RULES.change), unit: to.m.unit ?? m.unit, changeFrom: m.value, changeTo: to.m.value, factor, direction, whatAt: -1, whatBefore: verbAt, fromPrecision: precision(m), toPrecision: precision(to.m) };
        // "..., a rise of 33 per cent" / "a drop of almost 40 per cent" after it: the stated change.
        const pct = !sameUnit ? undefined : quantities.find((q) => q.from > to.to && q.from <= to.to + CHANGE_PERCENT_REACH && q.m.unit === 'percent' && !used.has(q) && ws.slice(to.to, q.from).some((w) => CHANGE_NOUNS.has(w.lower)));
        if (pct !== undefined) {
          used.add(pct);
          const noun = ws.slice(to.to, pct.from).map((w) => w.lower);
          out.push({ ...f, to: pct.to, value: pct.m.value, unit: 'percent', qualifier: pct.m.approx, decimals: pct.m.decimals, direction: noun.some((w) => DOWN_WORDS.has(w)) ? -1 : noun.some((w) => UP_WORDS.has(w)) ? 1 : f.direction, rule: STATISTIC_RULES.changePercent });
        } else out.push(f);
        continue;
      }
    }
    // "a rise of 10 per cent", "up 5%", "fell by 3 per cent": a stated change without its values.
    const before = lower(ws, n.from - 1) === 'of' || lower(ws, n.from - 1) === 'by' ? lower(ws, n.from - 2) : lower(ws, n.from - 1);
    if (m.unit === 'percent' && (CHANGE_NOUNS.has(before) || UP_WORDS.has(before) || DOWN_WORDS.has(before))) {
      used.add(n);
      out.push({ ...blank('change', n.from, n.to, STATISTIC_RULES.changePercent), value: m.value, unit: 'percent', qualifier: m.approx, decimals: m.decimals, direction: DOWN_WORDS.has(before) ? -1 : 1, whatAt: -1, whatBefore: n.from - (lower(ws, n.from - 1) === 'of' || lower(ws, n.from - 1) === 'by' ? 2 : 1) });
      continue;
    }
    // Share: "X of Y", "X out of Y", "Five out of the county's 31".
    const ofAt = after[0] === 'of' ? n.to : after[0] === 'out' && after[1] === 'of' ? n.to + 1 : -1;
    if (ofAt !== -1) {
      let j = ofAt + 1;
      while (j < ws.length && j <= ofAt + SHARE_GAP && GAP_WORDS.has(lower(ws, j))) j++;
      const whole = quantities.find((q) => q.from === j && !used.has(q));
      if (whole !== undefined && whole.m.unit !== 'percent') {
        used.add(n).add(whole);
        const f: Found = { ...blank('share', n.from, whole.to, STATISTIC_RULES.shareOf), value: null, qualifier: m.approx, numerator: m.value, denominator: whole.m.value, whatAt: whole.to };
        // "1,040 of the 3,700 cases ..., about 28 per cent": the percentage the parts make, stated after them.
        const pct = quantities.find((q) => q.from > whole.to && q.from <= whole.to + PERCENT_AFTER_REACH && q.m.unit === 'percent' && !used.has(q) && !quantities.some((o) => o.from > whole.to && o.from < q.from));
        if (pct !== undefined && ws.slice(whole.to, pct.from).some((w) => w.lower === ',' || w.lower === '(')) {
          used.add(pct);
          out.push({ ...f, to: pct.to, value: pct.m.value, unit: 'percent', qualifier: pct.m.approx, decimals: pct.m.decimals, rule: STATISTIC_RULES.shareOfPercent });
        } else out.push(f);
        continue;
      }
    }
    // "114 occasions in a total 259 cases", "in a total of".
    const totalAt = ws.slice(n.to, n.to + TOTAL_REACH + 3).findIndex((w, k, list) => w.lower === 'total' && list[k - 1]?.lower === 'a');
    if (totalAt !== -1) {
      const j = n.to + totalAt + 1 + (lower(ws, n.to + totalAt + 1) === 'of' ? 1 : 0);
      const whole = quantities.find((q) => q.from === j && !used.has(q));
      if (whole !== undefined) {
        used.add(n).add(whole);
        out.push({ ...blank('share', n.from, whole.to, STATISTIC_RULES.shareTotal), numerator: m.value, denominator: whole.m.value, qualifier: m.approx, whatAt: whole.to });
        continue;
      }
    }
    used.add(n);
    if (m.ratio !== undefined) {
      // "one in five", "a third of": the parts are the words; there is no separate percentage to check.
      out.push({ ...blank('share', n.from, n.to, STATISTIC_RULES.shareRatio), qualifier: m.approx, numerator: m.ratio.numerator, denominator: m.ratio.denominator, whatAt: lower(ws, n.to) === 'of' ? n.to + 1 : n.to });
      continue;
    }
    if (m.unit === 'percent' || m.unit === 'points') {
      const of = lower(ws, n.to) === 'of';
      out.push({ ...blank('share', n.from, n.to, of ? STATISTIC_RULES.sharePercentOf : STATISTIC_RULES.sharePercent), value: m.value, unit: m.unit, qualifier: m.approx, decimals: m.decimals, whatAt: of ? n.to + 1 : -1 });
      continue;
    }
    // "9.4 per 100,000 people".
    const base = quantities.find((q) => q.from === n.to + 1 && RATE_WORDS.has(lower(ws, n.to)) && !used.has(q));
    if (base !== undefined && lower(ws, n.to) === 'per') {
      used.add(base);
      out.push({ ...blank('rate', n.from, base.to, STATISTIC_RULES.rate), value: m.value, qualifier: m.approx, denominator: base.m.value, whatAt: base.to });
      continue;
    }
    if (m.unit !== null) {
      // "$190bn of bad debt": what the money is.
      // "a $3bn deal": the noun after it; "profits of $3.65bn": the noun before "of".
      const ofAfter = lower(ws, n.to) === 'of';
      const next = ws[n.to];
      const nounAfter = !ofAfter && next !== undefined && /^\p{Ll}{3,}$/u.test(next.lower) && /^\p{Ll}/u.test(doc.slice(next.start, next.end)) && !STOP_WORDS.has(next.lower) && !NOT_NOUNS.has(next.lower);
      out.push({ ...blank('amount', n.from, n.to, STATISTIC_RULES.amount), value: m.value, unit: m.unit, qualifier: m.approx, whatAt: ofAfter ? n.to + 1 : nounAfter ? n.to : -1, whatBefore: lower(ws, n.from - 1) === 'of' ? n.from - 1 : -1 });
      continue;
    }
    const currency = CURRENCY_WORDS[lower(ws, n.to)];
    if (currency !== undefined) {
      out.push({ ...blank('amount', n.from, n.to + 1, STATISTIC_RULES.amount), value: m.value, unit: currency, qualifier: m.approx, whatAt: lower(ws, n.to + 1) === 'of' ? n.to + 2 : -1 });
      continue;
    }
    out.push({ ...blank('count', n.from, n.to, STATISTIC_RULES.count), value: m.value, qualifier: m.approx, whatAt: n.to });
  }
  // Change words with a factor and no values: "the number of stings doubled".
  for (let i = 0; i < ws.length; i++) {
    const factor = FACTORS[lower(ws, i)];
    if (factor === undefined || out.some((f) => f.from <= i && f.to > i) || out.some((f) => f.kind === 'change' && Math.abs(f.from - i) <= 4)) continue;
    out.push({ ...blank('change', i, i + 1, STATISTIC_RULES.changeFactor), factor, direction: factor >= 1 ? 1 : -1, whatAt: -1, whatBefore: i });
  }
  for (const n of nums) {
    if (n.m.role === 'age') out.push({ ...blank('age', n.from, n.to, STATISTIC_RULES.age), value: n.m.value, whatAt: -1 });
  }
  return out.sort((a, b) => a.from - b.from);
}

interface Period extends Evidence {
  /** Word index in the sentence. */
  at: number;
}

/** Period phrases in a sentence: "in 2016", "this year" (against the article's year), "since June 17". */
function periods(text: string, ws: readonly Word[], nums: readonly Num[], articleYear: number | null): Period[] {
  const out: Period[] = [];
  for (const n of nums) {
    if (n.m.role === 'year') {
      const since = lower(ws, n.from - 1) === 'since';
      out.push({ at: n.from, start: ws[since ? n.from - 1 : n.from]?.start ?? n.m.start, end: n.m.end, value: `${since ? 'since ' : ''}${String(n.m.value)}`, rule: since ? STATISTIC_RULES.periodSince : STATISTIC_RULES.periodYear });
    } else if (n.m.role === 'date' && lower(ws, n.from - 1) === 'since') {
      const start = ws[n.from - 1]?.start ?? n.m.start;
      out.push({ at: n.from, start, end: n.m.end, value: text.slice(start, n.m.end), rule: STATISTIC_RULES.periodSince });
    }
  }
  // "in the 12 months to August", "over the past three years".
  for (const n of nums) {
    if (n.m.role !== 'quantity' || !TIME_UNITS.has(lower(ws, n.to))) continue;
    let from = n.from;
    while (from > 0 && ['the', 'past', 'last', 'previous', 'in', 'over', 'during'].includes(lower(ws, from - 1))) from--;
    let to = n.to + 1;
    if ((lower(ws, to) === 'to' || lower(ws, to) === 'until') && MONTHS.has(lower(ws, to + 1))) to += 2;
    const start = ws[from]?.start ?? n.m.start;
    const end = ws[to - 1]?.end ?? n.m.end;
    out.push({ at: n.from, start, end, value: text.slice(start, end), rule: STATISTIC_RULES.periodDuration });
  }
  for (let i = 0; i < ws.length; i++) {
    for (const [phrase, offset] of RELATIVE_PERIODS) {
      if (!phrase.every((w, k) => lower(ws, i + k) === w)) continue;
      const end = ws[i + phrase.length - 1]?.end ?? 0;
      const value = articleYear === null ? phrase.join(' ') : String(articleYear + offset);
      out.push({ at: i, start: ws[i]?.start ?? 0, end, value, rule: articleYear === null ? STATISTIC_RULES.periodUnresolved : STATISTIC_RULES.periodRelative });
    }
    // "since June": a month after "since".
    if (lower(ws, i) === 'since' && MONTHS.has(lower(ws, i + 1)) && !out.some((p) => p.at === i + 1 || p.at === i + 2)) {
      out.push({ at: i, start: ws[i]?.start ?? 0, end: ws[i + 1]?.end ?? 0, value: text.slice(ws[i]?.start ?? 0, ws[i + 1]?.end ?? 0), rule: STATISTIC_RULES.periodSince });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Who gives the figures of a sentence: "according to X", "figures obtained by X show", "X figures show". */
function sentenceSource(doc: Document, ws: readonly Word[]): (Evidence & { actor: string | null }) | null {
  for (let i = 0; i < ws.length; i++) {
    let from = -1;
    let rule: string = STATISTIC_RULES.sourceAccording;
    if (lower(ws, i) === 'according' && lower(ws, i + 1) === 'to') from = i + 2;
    else if (SOURCE_NOUNS.has(lower(ws, i)) && SOURCE_VERBS.has(lower(ws, i + 1)) && lower(ws, i + 2) === 'by') [from, rule] = [i + 3, STATISTIC_RULES.sourceFigures];
    else if (SOURCE_NOUNS.has(lower(ws, i)) && lower(ws, i + 1) === 'from') [from, rule] = [i + 2, STATISTIC_RULES.sourceFigures];
    if (from === -1) continue;
    if (lower(ws, from) === 'the' && /^\p{Lu}/u.test(doc.text.slice(ws[from + 1]?.start ?? 0, ws[from + 1]?.end ?? 0))) from++;
    const first = ws[from];
    if (first === undefined) continue;
    const actor = doc.actors.find((a) => a.mentions.some((m) => m.start <= first.start && m.end > first.start));
    const mention = actor?.mentions.find((m) => m.start <= first.start && m.end > first.start);
    if (actor !== undefined && mention !== undefined) return { start: mention.start, end: mention.end, value: actor.name, rule, actor: actor.id };
    // No actor: the capitalised words after the cue ("the Office for National Statistics").
    let to = from;
    while (to < ws.length && (/^\p{Lu}/u.test(doc.text.slice(ws[to]?.start ?? 0, ws[to]?.end ?? 0)) || ['the', 'for', 'of', 'and'].includes(lower(ws, to)))) to++;
    while (to > from && ['the', 'for', 'of', 'and'].includes(lower(ws, to - 1))) to--;
    if (to > from) return { start: first.start, end: ws[to - 1]?.end ?? first.end, value: doc.text.slice(first.start, ws[to - 1]?.end ?? first.end), rule, actor: null };
  }
  return null;
}

function inBoilerplate(doc: Document, span: Span): boolean {
  return doc.boilerplate.some((b) => b.start <= span.start && b.end >= span.end);
}

/** The figures of a document, with what, period, place, source, part-of links and arithmetic checks. */
export function findStatisticsIn(doc: Document): Statistic[] {
  const articleYear = /^\d{4}/u.test(doc.meta.published ?? '') ? Number(doc.meta.published?.slice(0, 4)) : null;
  const sentences: (Span & { paragraph: string })[] = doc.sentences.filter((s) => !inBoilerplate(doc, s));
  if (doc.headline !== null && !doc.sentences.some((s) => s.start < (doc.headline?.end ?? 0) && s.end > (doc.headline?.start ?? 0))) sentences.unshift({ ...doc.headline, paragraph: 'headline' });
  const speech = doc.quotes.filter((q) => q.kind !== 'term');
  const out: Omit<Statistic, 'id'>[] = [];
  const partTargets: (number | null)[] = [];
  let previousSource: { source: Evidence & { actor: string | null }; paragraph: string } | null = null;
  for (const s of sentences) {
    const mentions = findNumbers(doc.text, s.start, s.end);
    if (mentions.length === 0) {
      const source = SOURCE_HINT.test(doc.text.slice(s.start, s.end)) ? sentenceSource(doc, words(doc.text, s.start, s.end)) : null;
      previousSource = source === null ? null : { source, paragraph: s.paragraph };
      continue;
    }
    const ws = words(doc.text, s.start, s.end);
    const nums: Num[] = mentions.map((m) => ({ m, ...wordIndex(ws, m) }));
    const numberAt = new Set(nums.flatMap((n) => Array.from({ length: n.to - n.from }, (_, k) => n.from + k)));
    const found = figures(doc.text, ws, nums);
    const spans = periods(doc.text, ws, nums, articleYear);
    const own = sentenceSource(doc, ws);
    const carried = own ?? previousSource?.source ?? null;
    const sentenceFirst = out.length;
    found.forEach((f, k) => {
      const start = ws[f.from]?.start ?? s.start;
      const end = ws[f.to - 1]?.end ?? s.end;
      const nextFrom = found[k + 1]?.from ?? ws.length;
      const period = f.kind === 'age' ? undefined : (spans.find((p) => p.at >= f.to && p.at < nextFrom) ?? spans.filter((p) => p.at < f.from).at(-1));
      const phrase = f.whatAt >= 0 ? nounPhrase(ws, f.whatAt, numberAt) : f.whatBefore >= 0 ? nounBefore(ws, f.whatBefore, numberAt) : null;
      const what: Evidence | null = phrase === null ? null : { start: ws[phrase.from]?.start ?? 0, end: ws[phrase.to - 1]?.end ?? 0, value: doc.text.slice(ws[phrase.from]?.start ?? 0, ws[phrase.to - 1]?.end ?? 0), rule: STATISTIC_RULES.what };
      const quote = speech.find((q) => q.content.some((c) => c.start <= start && c.end >= end));
      const actor = quote?.actor === null || quote === undefined ? undefined : doc.actors.find((a) => a.id === quote.actor);
      const source = quote !== undefined && quote.speaker !== null
        ? { start: quote.speaker.start, end: quote.speaker.end, value: actor?.name ?? doc.text.slice(quote.speaker.start, quote.speaker.end), rule: STATISTIC_RULES.sourceQuote, actor: actor?.id ?? null }
        : carried;
      const index = out.length;
      // "14 of these": part of the nearest figure before it.
      // "14 of these", "$155m of which": part of the nearest figure before it in the sentence, in the same unit.
      const partUnit = f.kind === 'share' ? null : f.unit;
      const partOf = f.partOfPrevious ? out.findLastIndex((o, j) => j >= sentenceFirst && j < index && o.kind !== 'age' && o.kind !== 'change' && o.unit === partUnit) : -1;
      partTargets.push(partOf === -1 ? null : partOf);
      const whole = partOf === -1 ? undefined : out[partOf];
      // "14 of these": what the whole counts.
      const counted = what ?? (whole?.what === null || whole === undefined ? null : { ...whole.what, rule: STATISTIC_RULES.partWhat });
      const denominator = f.denominator ?? (f.partOfPrevious && whole?.kind === 'count' ? whole.value : null);
      const stat: Omit<Statistic, 'id'> = {
        start,
        end,
        kind: f.kind,
        value: f.value,
        unit: f.unit,
        qualifier: f.qualifier,
        numerator: f.numerator,
        denominator,
        from: f.changeFrom,
        to: f.changeTo,
        what: counted,
        period: period === undefined ? null : { start: period.start, end: period.end, value: period.value, rule: period.rule },
        place: null,
        source: f.kind === 'age' ? null : source,
        partOf: null,
        check: { verdict: 'unverifiable', computation: '', rule: '' },
        rule: f.rule,
      };
      stat.check = checkArithmetic(stat, { factor: f.factor, direction: f.direction, decimals: f.decimals, whole: whole ?? null, partValue: f.partOfPrevious && f.kind === 'share' ? f.numerator : f.partOfPrevious ? f.value : null, fromPrecision: f.fromPrecision, toPrecision: f.toPrecision });
      // A stated fall is stored as a negative change ("a drop of almost 40 per cent": -40).
      if (stat.kind === 'change' && stat.value !== null && f.direction < 0) stat.value = -Math.abs(stat.value);
      out.push(stat);
    });
    previousSource = own === null ? (previousSource?.paragraph === s.paragraph ? previousSource : null) : { source: own, paragraph: s.paragraph };
  }
  const ids = out.map((_, i) => `f${i + 1}`);
  return out.map((stat, i) => ({ id: ids[i] ?? '', ...stat, partOf: partTargets[i] == null ? null : (ids[partTargets[i] ?? -1] ?? null) }));
}

/** The stage: fills `doc.statistics`. */
export function findStatistics(doc: Document, _ctx: StageContext): void {
  doc.statistics = findStatisticsIn(doc);
}

export const STATISTICS_STAGES: readonly Stage[] = [findStatistics];
