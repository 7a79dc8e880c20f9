/**
 * Whether a figure's own arithmetic holds, with the computation shown:
 *
 * - a stated percentage against its parts ("More than 44 per cent (114 of
 *   259)"), allowing for the approximation word and for rounding to the
 *   decimals stated;
 * - a part against its whole ("14 of these" within 26; "41 of which (71 per cent)");
 * - a change against the values it cites: its direction ("rose from A to B"),
 *   its factor ("doubled from 20 to 44" is not), its percentage ("from £1.80
 *   to £2.40, a rise of 33 per cent").
 *
 * Anything else is `unverifiable`: the words give nothing to check it against.
 */
import type { ArithmeticCheck, Statistic } from '../model/document.js';

export const CHECK_RULES = {
  percentOfParts: 'check.percent-of-parts',
  partOfWhole: 'check.part-of-whole',
  changeDirection: 'check.change.direction',
  changeFactor: 'check.change.factor',
  changePercent: 'check.change.percent',
  nothing: 'check.nothing-to-check',
} as const;

export const FACTOR_TOLERANCE = 0.05; // "doubled" holds for x1.9 to x2.1
export const APPROXIMATE_TOLERANCE = 0.05; // "about 28 per cent": within 5 % of the figure, or one point
const NEAR_TOLERANCE = 0.1; // "almost 40 per cent": at most the figure, and within 10 % of it

const LOWER_BOUNDS = new Set(['more than', 'over', 'at least', 'just over', 'above', 'upwards of', 'in excess of', 'no fewer than', 'no less than']);
const NEAR_BELOW = new Set(['almost', 'nearly', 'just under', 'close to', 'approaching', 'not quite']);
const UPPER_BOUNDS = new Set(['under', 'less than', 'fewer than', 'up to', 'below', 'no more than', 'at most']);
const APPROXIMATE = new Set(['about', 'around', 'roughly', 'approximately', 'some', 'an estimated', 'estimated', 'circa', 'or so', 'about a']);

export interface CheckContext {
  /** The factor a change states ("doubled" = 2), if any. */
  factor: number | null;
  /** +1 for a rise, -1 for a fall, 0 when the words do not say. */
  direction: number;
  /** Decimals of the stated percentage. */
  decimals: number;
  /** The figure this one is a part of ("14 of these"), if any. */
  whole: Omit<Statistic, 'id'> | null;
  /** The part's own value, when it is a part. */
  partValue: number | null;
  /** Half the last unit a change's values are stated in ("£5.5bn": 0.05bn): the change may be anywhere their rounding allows. */
  fromPrecision?: number;
  toPrecision?: number;
}

const format = (n: number, digits = 2): string => (Number.isInteger(n) ? String(n) : n.toFixed(digits));

/** Does `computed` bear out `stated` (both in the same unit), given the qualifier and the decimals stated? */
export function bearsOut(stated: number, computed: number, qualifier: string | null, decimals: number): { holds: boolean; how: string } {
  const tolerance = 0.5 * 10 ** -decimals + 1e-9;
  const q = qualifier ?? '';
  if (LOWER_BOUNDS.has(q)) return { holds: computed >= stated - tolerance, how: `"${q}" needs at least ${format(stated)}` };
  if (NEAR_BELOW.has(q)) return { holds: computed <= stated + tolerance && computed >= stated * (1 - NEAR_TOLERANCE) - tolerance, how: `"${q}" needs a little under ${format(stated)}` };
  if (UPPER_BOUNDS.has(q)) return { holds: computed <= stated + tolerance, how: `"${q}" needs at most ${format(stated)}` };
  if (APPROXIMATE.has(q)) return { holds: Math.abs(computed - stated) <= Math.max(1, stated * APPROXIMATE_TOLERANCE), how: `"${q}" allows ${format(Math.max(1, stated * APPROXIMATE_TOLERANCE))} either way` };
  if (Math.abs(computed - stated) <= tolerance) return { holds: true, how: `rounds to ${format(stated, decimals)}` };
  const scale = 10 ** decimals;
  if (Math.abs(Math.trunc(computed * scale) / scale - stated) <= 1e-9) return { holds: true, how: `truncated (not rounded) to ${format(stated, decimals)}` };
  return { holds: false, how: `does not round to ${format(stated, decimals)}` };
}

function verdict(holds: boolean, computation: string, rule: string): ArithmeticCheck {
  return { verdict: holds ? 'consistent' : 'inconsistent', computation, rule };
}

const stated = (stat: Omit<Statistic, 'id'>): string => `${stat.qualifier === null ? '' : `${stat.qualifier} `}${format(stat.value ?? 0)}${stat.unit === 'percent' ? ' per cent' : ''}`;

export function checkArithmetic(stat: Omit<Statistic, 'id'>, ctx: CheckContext): ArithmeticCheck {
  const { numerator, denominator, value } = stat;
  if (stat.kind === 'share' && numerator !== null && denominator !== null) {
    if (denominator <= 0) return verdict(false, `a whole of ${format(denominator)}`, CHECK_RULES.percentOfParts);
    const computed = (numerator / denominator) * 100;
    const base = `${format(numerator)} / ${format(denominator)} = ${computed.toFixed(2)} %`;
    if (numerator > denominator) return verdict(false, `${base}: the part is larger than the whole`, CHECK_RULES.partOfWhole);
    if (value === null || stat.unit !== 'percent') return { verdict: 'unverifiable', computation: `${base} (no percentage stated to check it against)`, rule: CHECK_RULES.nothing };
    const { holds, how } = bearsOut(value, computed, stat.qualifier, ctx.decimals);
    return verdict(holds, `${base}; stated "${stated(stat)}": ${how}`, CHECK_RULES.percentOfParts);
  }
  if (ctx.whole !== null && ctx.partValue !== null) {
    const whole = ctx.whole.value;
    if (whole === null) return { verdict: 'unverifiable', computation: 'the whole has no value', rule: CHECK_RULES.nothing };
    return verdict(ctx.partValue <= whole, `${format(ctx.partValue)} of ${format(whole)}: ${ctx.partValue <= whole ? 'within' : 'more than'} the whole`, CHECK_RULES.partOfWhole);
  }
  if (stat.kind === 'change' && stat.from !== null && stat.to !== null) {
    const { from, to } = stat;
    if (ctx.factor !== null) {
      if (from === 0) return { verdict: 'unverifiable', computation: `a factor from 0`, rule: CHECK_RULES.nothing };
      const actual = to / from;
      return verdict(Math.abs(actual - ctx.factor) <= ctx.factor * FACTOR_TOLERANCE, `${format(to)} / ${format(from)} = x${actual.toFixed(2)}; stated x${format(ctx.factor)}`, CHECK_RULES.changeFactor);
    }
    if (value !== null && stat.unit === 'percent') {
      if (from === 0) return { verdict: 'unverifiable', computation: 'a percentage change from 0', rule: CHECK_RULES.nothing };
      const change = ((to - from) / from) * 100;
      const sign = ctx.direction === 0 ? Math.sign(change) : ctx.direction;
      const magnitude = Math.abs(value);
      let { holds, how } = bearsOut(magnitude, Math.abs(change), stat.qualifier, ctx.decimals);
      // "from £5.5bn to £8.2bn, a rise of 49.7 per cent": rounded values allow a range of changes.
      const fp = ctx.fromPrecision ?? 0;
      const tp = ctx.toPrecision ?? 0;
      if (!holds && (fp > 0 || tp > 0) && from - fp > 0) {
        const low = Math.abs(((to - tp - (from + fp)) / (from + fp)) * 100);
        const high = Math.abs(((to + tp - (from - fp)) / (from - fp)) * 100);
        const [lo, hi] = low <= high ? [low, high] : [high, low];
        const tolerance = 0.5 * 10 ** -ctx.decimals;
        if (magnitude + tolerance >= lo && magnitude - tolerance <= hi) [holds, how] = [true, `within ${lo.toFixed(2)} to ${hi.toFixed(2)} %, what the rounded values allow`];
      }
      const rightWay = sign === 0 || Math.sign(change) === sign;
      return verdict(holds && rightWay, `(${format(to)} - ${format(from)}) / ${format(from)} = ${change >= 0 ? '+' : ''}${change.toFixed(2)} %; stated a ${sign < 0 ? 'fall' : 'rise'} of "${stated({ ...stat, value: magnitude })}": ${rightWay ? how : 'the other way'}`, CHECK_RULES.changePercent);
    }
    if (ctx.direction !== 0) {
      const actual = Math.sign(to - from);
      return verdict(actual === ctx.direction, `${format(from)} -> ${format(to)} is ${actual > 0 ? 'a rise' : actual < 0 ? 'a fall' : 'no change'}; the words say it ${ctx.direction > 0 ? 'rose' : 'fell'}`, CHECK_RULES.changeDirection);
    }
  }
  return { verdict: 'unverifiable', computation: 'nothing in the words to check it against', rule: CHECK_RULES.nothing };
}
