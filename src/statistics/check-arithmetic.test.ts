import { describe, expect, it } from 'vitest';
import type { Statistic } from '../model/document.js';
import { bearsOut, checkArithmetic, type CheckContext } from './check-arithmetic.js';

function stat(fields: Partial<Omit<Statistic, 'id'>>): Omit<Statistic, 'id'> {
  return {
    start: 0, end: 1, kind: 'share', value: null, unit: null, qualifier: null, numerator: null, denominator: null, from: null, to: null,
    what: null, period: null, place: null, source: null, partOf: null, check: { verdict: 'unverifiable', computation: '', rule: '' }, rule: 'test', ...fields,
  };
}

const none: CheckContext = { factor: null, direction: 0, decimals: 0, whole: null, partValue: null };

describe('checkArithmetic', () => {
  it('a stated percentage against its parts, with its approximation word', () => {
    expect(checkArithmetic(stat({ value: 44, unit: 'percent', qualifier: 'more than', numerator: 114, denominator: 259 }), none)).toMatchObject({ verdict: 'consistent', computation: expect.stringContaining('114 / 259 = 44.02 %') as unknown });
    expect(checkArithmetic(stat({ value: 61, unit: 'percent', numerator: 45, denominator: 90 }), none).verdict).toBe('inconsistent');
    expect(checkArithmetic(stat({ value: 71, unit: 'percent', numerator: 41, denominator: 58 }), none).verdict).toBe('consistent');
    expect(checkArithmetic(stat({ value: 27, unit: 'percent', qualifier: 'nearly', numerator: 14, denominator: 52 }), none).verdict).toBe('consistent');
    expect(checkArithmetic(stat({ value: 50, unit: 'percent', qualifier: 'more than', numerator: 45, denominator: 100 }), none).verdict).toBe('inconsistent');
  });

  it('rounding follows the decimals stated', () => {
    expect(bearsOut(44.0, 44.02, null, 1).holds).toBe(true);
    expect(bearsOut(44.1, 44.02, null, 1).holds).toBe(false);
    expect(bearsOut(44, 44.9, null, 0)).toMatchObject({ holds: true, how: expect.stringContaining('truncated') as unknown });
    expect(bearsOut(28, 28.1, 'about', 0).holds).toBe(true);
    expect(bearsOut(40, 39.47, 'almost', 0).holds).toBe(true);
    expect(bearsOut(40, 30, 'almost', 0).holds).toBe(false);
  });

  it('parts against their whole', () => {
    const whole = stat({ kind: 'count', value: 26 });
    expect(checkArithmetic(stat({ kind: 'count', value: 14 }), { ...none, whole, partValue: 14 })).toMatchObject({ verdict: 'consistent', computation: '14 of 26: within the whole' });
    expect(checkArithmetic(stat({ kind: 'count', value: 30 }), { ...none, whole, partValue: 30 }).verdict).toBe('inconsistent');
    expect(checkArithmetic(stat({ numerator: 20, denominator: 176 }), none)).toMatchObject({ verdict: 'unverifiable', computation: expect.stringContaining('20 / 176 = 11.36 %') as unknown });
    expect(checkArithmetic(stat({ numerator: 200, denominator: 176 }), none).verdict).toBe('inconsistent');
  });

  it('a change against the values it cites: factor, percentage, direction', () => {
    expect(checkArithmetic(stat({ kind: 'change', from: 20, to: 44 }), { ...none, factor: 2 }).verdict).toBe('inconsistent');
    expect(checkArithmetic(stat({ kind: 'change', from: 20, to: 40 }), { ...none, factor: 2 }).verdict).toBe('consistent');
    expect(checkArithmetic(stat({ kind: 'change', from: 1.8, to: 2.4, value: 33, unit: 'percent' }), { ...none, direction: 1 }).verdict).toBe('consistent');
    expect(checkArithmetic(stat({ kind: 'change', from: 1900, to: 1150, value: 40, unit: 'percent', qualifier: 'almost' }), { ...none, direction: -1 }).verdict).toBe('consistent');
    expect(checkArithmetic(stat({ kind: 'change', from: 1900, to: 1150, value: 40, unit: 'percent' }), { ...none, direction: 1 }).verdict).toBe('inconsistent');
    expect(checkArithmetic(stat({ kind: 'change', from: 18, to: 52 }), { ...none, direction: 1 }).verdict).toBe('consistent');
    expect(checkArithmetic(stat({ kind: 'change', from: 52, to: 18 }), { ...none, direction: 1 }).verdict).toBe('inconsistent');
  });

  it('a lone figure is unverifiable', () => {
    expect(checkArithmetic(stat({ kind: 'count', value: 26 }), none)).toMatchObject({ verdict: 'unverifiable', rule: 'check.nothing-to-check' });
  });
});
