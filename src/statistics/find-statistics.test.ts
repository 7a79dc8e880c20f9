import { describe, expect, it } from 'vitest';
import { textDocument } from '../../test/helpers/text-document.js';
import { assertInvariants } from '../model/check-invariants.js';
import type { Document, Statistic } from '../model/document.js';
import { STAGES } from '../pipeline.js';

function run(text: string, published: string | null = null): Document {
  const doc = textDocument(text, { meta: { published } });
  for (const stage of STAGES) stage(doc, {});
  assertInvariants(doc);
  return doc;
}

/** Each figure as [kind, words, what, period, verdict]. */
function figures(text: string, published: string | null = null): [string, string, string | null, string | null, string][] {
  const doc = run(text, published);
  return doc.statistics.map((f) => [f.kind, doc.text.slice(f.start, f.end), f.what?.value ?? null, f.period?.value ?? null, f.check.verdict]);
}

const only = (text: string, published: string | null = null): Statistic => {
  const doc = run(text, published);
  const [first] = doc.statistics.filter((f) => f.kind !== 'age');
  if (first === undefined) throw new Error(`no figure in ${text}`);
  return first;
};

describe('findStatistics: shares and their arithmetic', () => {
  it('a percentage with its parts in brackets, checked with its approximation word', () => {
    const f = only('More than 37 per cent (52 of 140) of the grooming cases passed to prosecutors used this evidence in 2023.');
    expect(f).toMatchObject({ kind: 'share', value: 37, unit: 'percent', qualifier: 'more than', numerator: 52, denominator: 140, rule: 'stat.share.percent-of-parts' });
    expect(f.check).toMatchObject({ verdict: 'consistent', computation: expect.stringContaining('52 / 140 = 37.14 %') as unknown });
    expect(f.period?.value).toBe('2023');
    expect(f.what?.value).toBe('grooming cases passed to prosecutors');
  });

  it('a wrong percentage is inconsistent, with the computation shown', () => {
    expect(only('The group said 61 per cent (45 of 90) of its stings led to a charge.').check).toMatchObject({ verdict: 'inconsistent', computation: expect.stringContaining('45 / 90 = 50.00 %') as unknown });
  });

  it('"X of Y", "X out of Y", "X ... in a total of Y", and a percentage stated after the parts', () => {
    expect(figures('Five out of the county\'s 31 secondary schools improved.')[0]?.slice(0, 3)).toEqual(['share', 'Five out of the county\'s 31', 'secondary schools']);
    expect(only('Evidence was used on 114 occasions in a total of 259 cases of grooming.')).toMatchObject({ numerator: 114, denominator: 259, rule: 'stat.share.in-a-total-of' });
    expect(only('Groups were involved in 1,040 of the 3,700 cases referred last year, about 28 per cent.')).toMatchObject({ numerator: 1040, denominator: 3700, value: 28, check: { verdict: 'consistent' } });
  });

  it('a part of the figure before it: "14 of these", "41 of which (71 per cent)"', () => {
    const doc = run('This year has seen 26 incidents reported to Wessex Vale Police, with 14 of these since June 17.');
    expect(doc.statistics.map((f) => [f.kind, f.value, f.partOf, f.check.verdict, f.period?.value])).toEqual([
      ['count', 26, null, 'unverifiable', 'this year'],
      ['count', 14, 'f1', 'consistent', 'since June 17'],
    ]);
    expect(doc.statistics[1]?.what?.value).toBe('incidents reported to Wessex Vale Police');
    expect(only('The force received 58 referrals, 41 of which (71 per cent) led to an arrest.', '2024-05-02').rule).toBe('stat.count');
    const referrals = run('The force received 58 referrals, 41 of which (71 per cent) led to an arrest.').statistics[1];
    expect(referrals).toMatchObject({ kind: 'share', numerator: 41, denominator: 58, value: 71, check: { verdict: 'consistent' } });
  });

  it('"this year" is resolved against the article date', () => {
    expect(only('There have been 31 incidents this year.', '2024-09-19').period?.value).toBe('2024');
    expect(only('There were 31 incidents last year.', '2024-09-19').period?.value).toBe('2023');
    expect(only('There were 31 incidents last year.').period).toMatchObject({ value: 'last year', rule: 'stat.period.relative-undated' });
  });
});

describe('findStatistics: changes, rates, amounts', () => {
  it('"rose from A in 2021 to B in 2023": a rise, checked for its direction', () => {
    expect(only('The number of cases rose from 18 in 2021 to 52 in 2023.')).toMatchObject({ kind: 'change', from: 18, to: 52, check: { verdict: 'consistent' } });
    expect(only('The number of cases fell from 18 to 52.').check.verdict).toBe('inconsistent');
  });

  it('a stated percentage change against its values; "doubled" against its factor', () => {
    expect(only('Fares went from £1.80 to £2.40, a rise of 33 per cent.')).toMatchObject({ kind: 'change', from: 1.8, to: 2.4, value: 33, check: { verdict: 'consistent' } });
    expect(only('Stings doubled from 20 to 44 in a year.').check).toMatchObject({ verdict: 'inconsistent', rule: 'check.change.factor' });
  });

  it('"35 ... in the 12 months to August, up from 23": the duration is a period, not a figure', () => {
    const doc = run('The force recorded 35 confrontations in the 12 months to August, up from 23 the year before.');
    expect(doc.statistics.map((f) => [f.kind, f.from, f.to, f.check.verdict])).toEqual([['change', 23, 35, 'consistent']]);
  });

  it('rates and money', () => {
    expect(only('The rate was 9.4 per 100,000 people.')).toMatchObject({ kind: 'rate', value: 9.4, denominator: 100000 });
    expect(only('The council will spend £14.6m on roads.')).toMatchObject({ kind: 'amount', value: 14600000, unit: 'GBP' });
  });
});

describe('findStatistics: what is not a figure, and who gives it', () => {
  it('laws, names, dates, times and ages are not figures (ages are kept as kind age)', () => {
    const text = 'A 34-year-old man was arrested at 9.30pm on 17 June under the Sexual Offences Act 2003, Valesford FM 102.4 reported.';
    expect(figures(text).map(([kind, words]) => [kind, words])).toEqual([['age', '34-year-old']]);
  });

  it('the source: the speaker of a quote, "according to X", figures obtained by X in the sentence before', () => {
    const quoted = run('Dr Hannah Reyes said: "We saw 52 cases last year."');
    expect(quoted.statistics[0]?.source).toMatchObject({ value: 'Hannah Reyes', rule: 'stat.source.speaker' });
    expect(only('According to the Harbridge Trust, 40 families were helped.').source).toMatchObject({ value: 'Harbridge Trust' });
    const carried = run('Figures obtained by the Vale Gazette show a rise.\n\nSome 41 cases were recorded in 2023.');
    expect(carried.statistics[0]?.source).toMatchObject({ rule: 'stat.source.figures' });
    expect(carried.statistics[0]?.source?.value).toContain('Vale Gazette');
  });
});

describe('findStatistics: what gives nothing to check', () => {
  it('values in different units, and a percentage "of those", are not checked against each other', () => {
    expect(only('Use rose from half of all users to 40 per cent last year.').check.verdict).toBe('unverifiable');
    const doc = run('The trust helped 250 families, and 9% of those had been referred twice.');
    expect(doc.statistics.every((f) => f.check.verdict !== 'inconsistent')).toBe(true);
  });
});
