import { describe, expect, it } from 'vitest';
import { agreementReport, cohensKappa, krippendorffAlpha, type CodingTable } from './agreement.js';

/** A table from one string per coder, one character per item; `.` is a missing code. */
function tableFromRows(rows: Record<string, string>): CodingTable {
  const table = new Map<string, Map<string, string>>();
  for (const [coder, row] of Object.entries(rows)) {
    [...row].forEach((label, i) => {
      const key = `item ${i + 1}`;
      const codes = table.get(key) ?? new Map<string, string>();
      table.set(key, codes);
      if (label !== '.') codes.set(coder, label);
    });
  }
  return table;
}

/** Two coders' labels from a 2 x 2 contingency table (rows: coder a, columns: coder b). */
function tableFromCounts(yesYes: number, yesNo: number, noYes: number, noNo: number): CodingTable {
  const table = new Map<string, Map<string, string>>();
  const cells: [string, string, number][] = [
    ['yes', 'yes', yesYes],
    ['yes', 'no', yesNo],
    ['no', 'yes', noYes],
    ['no', 'no', noNo],
  ];
  for (const [a, b, count] of cells) {
    for (let i = 0; i < count; i++) table.set(`item ${table.size + 1}`, new Map([['a', a], ['b', b]]));
  }
  return table;
}

// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: 4 observers, 12 units, nominal data.
const krippendorffExample = tableFromRows({
  A: '123321412...',
  B: '1233224125.3',
  C: '.3332342251.',
  D: '12332441251.',
});

describe('cohensKappa', () => {
  it('reproduces the textbook 2 x 2 example (20/5/10/15): p_o = 0.7, p_e = 0.5, kappa = 0.4', () => {
    // a says yes 25 times of 50, b 30 times: p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5).
    const result = cohensKappa(tableFromCounts(20, 5, 10, 15), 'a', 'b');
    expect(result.items).toBe(50);
    expect(result.observed).toBeCloseTo(0.7, 12);
    expect(result.expected).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
  });

  it('reproduces a second 2 x 2 example (45/15/25/15): kappa = 0.06 / 0.46 = 0.1304', () => {
    // p_o = 60 / 100; a says yes 60 times, b 70 times: p_e = 0.6 * 0.7 + 0.4 * 0.3 = 0.54.
    const result = cohensKappa(tableFromCounts(45, 15, 25, 15), 'a', 'b');
    expect(result.observed).toBeCloseTo(0.6, 12);
    expect(result.expected).toBeCloseTo(0.54, 12);
    expect(result.kappa).toBeCloseTo(0.06 / 0.46, 12);
    expect(result.kappa).toBeCloseTo(0.1304, 4);
  });

  it('is 1 for perfect agreement and symmetric in the two coders', () => {
    const table = tableFromRows({ human: 'SOSNO', machine: 'SOSNO' });
    expect(cohensKappa(table, 'human', 'machine')).toEqual({ kappa: 1, items: 5, observed: 1, expected: 9 / 25 });
    const other = tableFromCounts(20, 5, 10, 15);
    expect(cohensKappa(other, 'b', 'a').kappa).toBeCloseTo(cohensKappa(other, 'a', 'b').kappa ?? NaN, 12);
  });

  it('counts only the items both coders coded', () => {
    // Items 3 and 4 have one code each, item 6 none; on items 1, 2, 5: S/S, O/O, N/O. p_o = 2/3;
    // a uses S, O, N once each, b S once and O twice: p_e = (1 * 1 + 1 * 2) / 9 = 1/3; kappa = (2/3 - 1/3) / (2/3) = 0.5.
    const table = new Map(tableFromRows({ a: 'SO.SN', b: 'SON.O' })).set('item 6', new Map());
    const result = cohensKappa(table, 'a', 'b');
    expect(result.items).toBe(3);
    expect(result.observed).toBeCloseTo(2 / 3, 12);
    expect(result.expected).toBeCloseTo(1 / 3, 12);
    expect(result.kappa).toBeCloseTo(0.5, 12);
  });

  it('is null when no item is shared or when both coders used one and the same label', () => {
    expect(cohensKappa(tableFromRows({ a: 'SS..', b: '..SS' }), 'a', 'b')).toEqual({ kappa: null, items: 0, observed: null, expected: null });
    expect(cohensKappa(tableFromRows({ a: 'SSS' }), 'a', 'nobody')).toEqual({ kappa: null, items: 0, observed: null, expected: null });
    // Expected agreement 1: undefined, even though the coders agree on everything.
    expect(cohensKappa(tableFromRows({ a: 'SSS', b: 'SSS' }), 'a', 'b')).toEqual({ kappa: null, items: 3, observed: 1, expected: 1 });
  });

  it('can be negative: systematic disagreement', () => {
    // p_o = 0, p_e = 0.5 * 0.5 + 0.5 * 0.5 = 0.5, kappa = -0.5 / 0.5 = -1.
    expect(cohensKappa(tableFromRows({ a: 'SO', b: 'OS' }), 'a', 'b').kappa).toBeCloseTo(-1, 12);
  });
});

describe('krippendorffAlpha', () => {
  it("reproduces Krippendorff's own worked example: nominal alpha = 113 / 152 = 0.743", () => {
    // Unit 12 has a single code and is dropped: 11 units, n = 40 pairable values.
    // Margins: n_1 = 9, n_2 = 13, n_3 = 10, n_4 = 5, n_5 = 3, so sum(n_c n_k, c != k) = 40^2 - 384 = 1216.
    // Disagreeing units: 2 (codes 2,2,3,2: 6 ordered off-diagonal pairs / 3 = 2), 6 (1,2,3,4: 12 / 3 = 4),
    // 8 (1,1,2,1: 6 / 3 = 2): sum(o_ck, c != k) = 8. alpha = 1 - 39 * 8 / 1216 = 904 / 1216 = 113 / 152.
    const result = krippendorffAlpha(krippendorffExample);
    expect(result.items).toBe(11);
    expect(result.values).toBe(40);
    expect(result.coders).toEqual(['A', 'B', 'C', 'D']);
    expect(result.alpha).toBeCloseTo(113 / 152, 12);
    expect(result.alpha).toBeCloseTo(0.743, 3);
  });

  it('gives 0.4 on the 20/5/10/15 table: D_o = 0.3, D_e = (100/99)(1 - 0.55^2 - 0.45^2) = 0.5', () => {
    // Two coders, no missing codes: pooled labels yes 55, no 45 of n = 100.
    // sum(o_ck, c != k) = 2 * 15 = 30; sum(n_c n_k, c != k) = 2 * 55 * 45 = 4950; alpha = 1 - 99 * 30 / 4950 = 0.4.
    const result = krippendorffAlpha(tableFromCounts(20, 5, 10, 15));
    expect(result.items).toBe(50);
    expect(result.values).toBe(100);
    expect(result.alpha).toBeCloseTo(0.4, 12);
  });

  it('is 1 for perfect agreement, with missing codes and single-coded items ignored', () => {
    const result = krippendorffAlpha(tableFromRows({ a: 'SON.S', b: 'SONOS', c: '.ON..' }));
    // Item 4 has one code only.
    expect(result).toEqual({ alpha: 1, items: 4, values: 10, coders: ['a', 'b', 'c'] });
  });

  it('counts only the coders asked for', () => {
    // Without c: items 1-2 agree (S/S, O/O), item 3 disagrees (S/O). n = 6, margins S 3, O 3:
    // sum(o_ck, c != k) = 2 (item 3: 2 ordered pairs / 1); sum(n_c n_k) = 2 * 3 * 3 = 18. alpha = 1 - 5 * 2 / 18 = 4/9.
    const table = tableFromRows({ a: 'SOS', b: 'SOO', c: 'NNN' });
    const result = krippendorffAlpha(table, ['b', 'a']);
    expect(result.coders).toEqual(['a', 'b']);
    expect(result.values).toBe(6);
    expect(result.alpha).toBeCloseTo(4 / 9, 12);
  });

  it('is null when undefined: no pairable codes, or one label throughout', () => {
    expect(krippendorffAlpha(new Map())).toEqual({ alpha: null, items: 0, values: 0, coders: [] });
    expect(krippendorffAlpha(tableFromRows({ a: 'SO.', b: '..N' }))).toEqual({ alpha: null, items: 0, values: 0, coders: ['a', 'b'] });
    expect(krippendorffAlpha(tableFromRows({ a: 'SSS', b: 'SS.' }))).toEqual({ alpha: null, items: 2, values: 4, coders: ['a', 'b'] });
  });
});

describe('agreementReport', () => {
  it('lists every pair of coders in name order with its kappa, and alpha over all of them', () => {
    const report = agreementReport(krippendorffExample);
    expect(report.coders).toEqual(['A', 'B', 'C', 'D']);
    expect(report.pairs.map((pair) => `${pair.a}-${pair.b}`)).toEqual(['A-B', 'A-C', 'A-D', 'B-C', 'B-D', 'C-D']);
    // A and D share units 1-9 and differ only on unit 6 (1 vs 4): p_o = 8/9.
    // Labels 1-4 for A: 3, 3, 2, 1 (A uses 1 at units 1, 6, 8); for D: 2, 3, 2, 2 (D uses 1 at units 1, 8; 4 at 6, 7).
    // p_e = (3*2 + 3*3 + 2*2 + 1*2) / 81 = 21/81; kappa = (72/81 - 21/81) / (60/81) = 51/60 = 0.85.
    const ad = report.pairs.find((pair) => pair.a === 'A' && pair.b === 'D');
    expect(ad?.items).toBe(9);
    expect(ad?.observed).toBeCloseTo(8 / 9, 12);
    expect(ad?.kappa).toBeCloseTo(0.85, 12);
    expect(report.alpha.alpha).toBeCloseTo(113 / 152, 12);
  });

  it('treats the machine as one more coder', () => {
    const table: CodingTable = new Map([
      ['s1', new Map([['alice', 'support'], ['machine', 'support']])],
      ['s2', new Map([['alice', 'oppose'], ['machine', 'oppose'], ['bob', 'oppose']])],
      ['s3', new Map([['machine', 'neutral']])],
    ]);
    const report = agreementReport(table);
    expect(report.coders).toEqual(['alice', 'bob', 'machine']);
    expect(report.pairs).toHaveLength(3);
    expect(report.pairs.find((pair) => pair.a === 'alice' && pair.b === 'machine')).toEqual({ a: 'alice', b: 'machine', kappa: 1, items: 2, observed: 1 });
    expect(report.alpha).toEqual({ alpha: 1, items: 2, values: 5, coders: ['alice', 'bob', 'machine'] });
  });

  it('is empty for an empty table', () => {
    expect(agreementReport(new Map())).toEqual({ coders: [], pairs: [], alpha: { alpha: null, items: 0, values: 0, coders: [] } });
  });
});
