import { describe, expect, it } from 'vitest';
import type { StatisticRow } from '../store/store.js';
import { contentWords, periodYear, sameFigures, series } from './across.js';

function row(articleId: string, id: string, fields: Partial<StatisticRow>): StatisticRow {
  return {
    articleId, id, kind: 'share', start: 0, end: 1, text: 'words', value: null, unit: null, qualifier: null, numerator: null, denominator: null, from: null, to: null,
    what: null, period: null, place: null, source: null, sourceActor: null, partOf: null, verdict: 'unverifiable', computation: '', rule: 'test', published: null, outlet: null, title: null, ...fields,
  };
}

describe('figures across articles', () => {
  it('groups one figure worded two ways in two articles, first appearance first', () => {
    const rows = [
      row('b', 'f1', { numerator: 52, denominator: 140, value: 37, unit: 'percent', what: 'online grooming cases passed to prosecutors', period: '2023', published: '2024-03-01', text: 'More than 37 per cent (52 of 140)' }),
      row('a', 'f4', { numerator: 52, denominator: 140, what: 'grooming cases', period: '2023', published: '2023-12-01', text: '52 of the 140 cases' }),
      row('c', 'f2', { numerator: 52, denominator: 140, what: 'cases', period: '2019' }),
    ];
    const [group] = sameFigures(rows);
    expect(group?.members.map((m) => m.articleId)).toEqual(['a', 'b']);
    expect(group?.articles).toBe(2);
  });

  it('plain values need a subject in common', () => {
    const rows = [row('a', 'f1', { kind: 'count', value: 26, what: 'incidents reported to the force' }), row('b', 'f1', { kind: 'count', value: 26, what: 'new homes' })];
    expect(sameFigures(rows)).toEqual([]);
  });

  it('a series: one measure over years, as percentages of its parts', () => {
    const rows = [
      row('a', 'f1', { numerator: 114, denominator: 259, what: 'cases of meeting a child following grooming', period: '2016' }),
      row('a', 'f2', { numerator: 20, denominator: 176, what: 'cases', period: '2014' }),
    ];
    const [s] = series(rows);
    expect(s?.points.map((p) => [p.year, p.value])).toEqual([[2014, 11.4], [2016, 44]]);
    expect(s?.measure).toBe('cases of meeting a child following grooming');
  });

  it('reads years from periods and content words from subjects', () => {
    expect(periodYear('since 2014')).toBe(2014);
    expect(periodYear('this year')).toBeNull();
    expect([...contentWords('the cases of the crime')]).toEqual(['case', 'crime']);
  });
});
