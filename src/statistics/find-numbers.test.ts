import { describe, expect, it } from 'vitest';
import { findNumbers, type NumberMention } from './find-numbers.js';

interface Seen extends NumberMention {
  text: string;
}

/** The mentions in `text`, each with the text its span covers. */
function find(text: string): Seen[] {
  return findNumbers(text).map((m) => ({ ...m, text: text.slice(m.start, m.end) }));
}

/** The spans found in `text`, in order. */
function spans(text: string): string[] {
  return find(text).map((m) => m.text);
}

/** The one mention whose span is `span`. */
function mention(text: string, span: string): Seen {
  const found = find(text).filter((m) => m.text === span);
  expect(found.map((m) => m.text), `"${span}" in ${JSON.stringify(spans(text))}`).toEqual([span]);
  return found[0] as Seen;
}

describe('findNumbers: quantities', () => {
  it('reads a percentage with its bound words and the counts in brackets as three mentions', () => {
    const text = 'More than 44 per cent (114 of 259) of the cases in Wessex Vale went to court.';
    expect(spans(text)).toEqual(['More than 44 per cent', '114', '259']);
    expect(mention(text, 'More than 44 per cent')).toMatchObject({ value: 44, unit: 'percent', approx: 'more than', role: 'quantity', rule: 'number.percent', decimals: 0, words: false });
    expect(mention(text, '114')).toMatchObject({ value: 114, unit: null, approx: null, role: 'quantity', rule: 'number.digits' });
    expect(mention(text, '259')).toMatchObject({ value: 259, unit: null, role: 'quantity', rule: 'number.digits' });
  });

  it('reads every British way of writing a percentage', () => {
    const text = 'Turnout was 44%, then 45 %, then 46pc, then 47 percent and 48.0 per cent.';
    expect(spans(text)).toEqual(['44%', '45 %', '46pc', '47 percent', '48.0 per cent']);
    for (const m of find(text)) expect(m).toMatchObject({ unit: 'percent', rule: 'number.percent', role: 'quantity' });
    expect(mention(text, '48.0 per cent')).toMatchObject({ value: 48, decimals: 1 });
  });

  it('reads percentage points, and points after a percentage', () => {
    const text = 'Labour is on 41 per cent, up 3 points, a rise of 4.5 percentage points and a 10-point lead.';
    expect(mention(text, '3 points')).toMatchObject({ value: 3, unit: 'points', rule: 'number.points' });
    expect(mention(text, '4.5 percentage points')).toMatchObject({ value: 4.5, unit: 'points', decimals: 1, rule: 'number.points' });
    expect(mention(text, '10-point')).toMatchObject({ value: 10, unit: 'points', rule: 'number.points' });
  });

  it('leaves "points" out of the span when no percentage came before', () => {
    const text = 'Harbridge Town are 6 points clear with a 10-point plan.';
    expect(spans(text)).toEqual(['6', '10']);
    expect(mention(text, '6')).toMatchObject({ unit: null, rule: 'number.digits' });
  });

  it('reads digits with thousands separators and decimals, keeping the decimals as written', () => {
    const text = 'The trust treated 3,470 patients at a cost of 1,543.20 each, a ratio of 0.62 and a rate of 9.4.';
    expect(mention(text, '3,470')).toMatchObject({ value: 3470, decimals: 0, rule: 'number.digits' });
    expect(mention(text, '1,543.20')).toMatchObject({ value: 1543.2, decimals: 2 });
    expect(mention(text, '0.62')).toMatchObject({ value: 0.62, decimals: 2 });
    expect(mention(text, '9.4')).toMatchObject({ value: 9.4, decimals: 1 });
  });

  it('reads money in pounds, dollars and euros, with scale letters and words', () => {
    const text = 'The scheme cost £1.4bn, then £14.6m, $3m, €20,000, £102.80, 50p, 50 pence, US$5m, 5 million pounds and 200 dollars.';
    expect(mention(text, '£1.4bn')).toMatchObject({ value: 1_400_000_000, unit: 'GBP', scale: 1e9, decimals: 1, rule: 'number.money' });
    expect(mention(text, '£14.6m')).toMatchObject({ value: 14_600_000, unit: 'GBP', scale: 1e6 });
    expect(mention(text, '$3m')).toMatchObject({ value: 3_000_000, unit: 'USD' });
    expect(mention(text, '€20,000')).toMatchObject({ value: 20_000, unit: 'EUR', scale: 1 });
    expect(mention(text, '£102.80')).toMatchObject({ value: 102.8, unit: 'GBP', decimals: 2 });
    expect(mention(text, '50p')).toMatchObject({ value: 0.5, unit: 'GBP', scale: 0.01 });
    expect(mention(text, '50 pence')).toMatchObject({ value: 0.5, unit: 'GBP' });
    expect(mention(text, 'US$5m')).toMatchObject({ value: 5_000_000, unit: 'USD' });
    expect(mention(text, '5 million pounds')).toMatchObject({ value: 5_000_000, unit: 'GBP', scale: 1e6 });
    expect(mention(text, '200 dollars')).toMatchObject({ value: 200, unit: 'USD' });
  });

  it('reads scale words and letters without a currency', () => {
    const text = 'Some 3m people, 2 million homes, 1.2 billion trips and 2.5bn journeys.';
    expect(mention(text, 'Some 3m')).toMatchObject({ value: 3_000_000, unit: null, approx: 'some', rule: 'number.digits' });
    expect(mention(text, '2 million')).toMatchObject({ value: 2_000_000, scale: 1e6 });
    expect(mention(text, '1.2 billion')).toMatchObject({ value: 1_200_000_000, decimals: 1 });
    expect(mention(text, '2.5bn')).toMatchObject({ value: 2_500_000_000 });
  });

  it('reads each approximation and bound word, lower-cased', () => {
    const cases: [string, string][] = [
      ['a fall of almost 7 per cent', 'almost'],
      ['nearly 27 per cent of cases', 'nearly'],
      ['around 3,000 people', 'around'],
      ['about £210,000 a year', 'about'],
      ['roughly 40 homes', 'roughly'],
      ['at least 2,000 letters', 'at least'],
      ['up to 30 officers', 'up to'],
      ['fewer than 10 complaints', 'fewer than'],
      ['less than £25 a trip', 'less than'],
      ['under 5 per cent', 'under'],
      ['just over 40%', 'just over'],
      ['just under 40%', 'just under'],
      ['approximately 600 pupils', 'approximately'],
      ['an estimated £3m', 'an estimated'],
      ['close to 900 signatures', 'close to'],
      ['over 700 replies', 'over'],
    ];
    for (const [text, approx] of cases) {
      const [m, ...rest] = find(text);
      expect(rest).toEqual([]);
      expect(m?.approx, text).toBe(approx);
      expect(m?.text.toLowerCase().startsWith(approx), text).toBe(true);
      expect(m?.role).toBe('quantity');
    }
  });

  it('reads "rate per 100,000" as two numbers', () => {
    const text = 'Online grooming stands at 9.4 per 100,000 people in Harbridge.';
    expect(spans(text)).toEqual(['9.4', '100,000']);
    expect(mention(text, '100,000')).toMatchObject({ value: 100_000, unit: null, rule: 'number.digits' });
  });

  it('reads "N out of M" and "N of M" as two numbers', () => {
    expect(spans('Police charged 20 out of 176 cases.')).toEqual(['20', '176']);
    const text = 'Some 78 per cent of its pupils (142 out of 182) passed.';
    expect(spans(text)).toEqual(['Some 78 per cent', '142', '182']);
    expect(mention(text, 'Some 78 per cent')).toMatchObject({ value: 78, unit: 'percent', approx: 'some' });
  });

  it('reads counts across a sentence and the date at its end', () => {
    const text = 'Police recorded 26 incidents in Harbridge, and 14 of these have happened since June 17.';
    expect(spans(text)).toEqual(['26', '14', 'June 17']);
    expect(mention(text, 'June 17')).toMatchObject({ value: 17, role: 'date', rule: 'number.not.date' });
  });

  it('reads a vote tally as two numbers', () => {
    const text = 'The motion was carried by 38 votes to 21.';
    expect(spans(text)).toEqual(['38', '21']);
    expect(mention(text, '21')).toMatchObject({ role: 'quantity', rule: 'number.digits' });
  });

  it('reads numbers in words', () => {
    const text = 'There were fourteen arrests, twenty-six charges, three hundred and five letters, three million visits and eleven appeals.';
    expect(mention(text, 'fourteen')).toMatchObject({ value: 14, words: true, rule: 'number.words', role: 'quantity' });
    expect(mention(text, 'twenty-six')).toMatchObject({ value: 26, words: true });
    expect(mention(text, 'three hundred and five')).toMatchObject({ value: 305 });
    expect(mention(text, 'three million')).toMatchObject({ value: 3_000_000 });
    expect(mention(text, 'eleven')).toMatchObject({ value: 11 });
  });

  it('reads "a hundred", "a dozen", "two dozen", "half a million" and "two and a half"', () => {
    const text = 'About a dozen people, a hundred cars, two dozen vans, half a million pounds and two and a half years.';
    expect(mention(text, 'About a dozen')).toMatchObject({ value: 12, approx: 'about', words: true, rule: 'number.words' });
    expect(mention(text, 'a hundred')).toMatchObject({ value: 100 });
    expect(mention(text, 'two dozen')).toMatchObject({ value: 24 });
    expect(mention(text, 'half a million pounds')).toMatchObject({ value: 500_000, unit: 'GBP' });
    expect(mention(text, 'two and a half')).toMatchObject({ value: 2.5 });
  });

  it('reads a number as a capitalised word at the start of a sentence', () => {
    const text = 'Five out of the county’s 31 secondary schools improved.';
    expect(spans(text)).toEqual(['Five', '31']);
    expect(mention(text, 'Five')).toMatchObject({ value: 5, words: true, rule: 'number.words', role: 'quantity' });
    expect(mention(text, '31')).toMatchObject({ value: 31, words: false, rule: 'number.digits' });
  });

  it('reads fractions in words', () => {
    const text = 'A third of the stings failed, two-thirds of the groups folded, a quarter moved and three-quarters stayed.';
    expect(mention(text, 'A third')).toMatchObject({ value: 1 / 3, ratio: { numerator: 1, denominator: 3 }, words: true, rule: 'number.fraction', role: 'quantity' });
    expect(mention(text, 'two-thirds')).toMatchObject({ value: 2 / 3, ratio: { numerator: 2, denominator: 3 } });
    expect(mention(text, 'a quarter')).toMatchObject({ value: 0.25, ratio: { numerator: 1, denominator: 4 } });
    expect(mention(text, 'three-quarters')).toMatchObject({ value: 0.75, ratio: { numerator: 3, denominator: 4 } });
  });

  it('reads "half" as a fraction, but not "first half", "half-time" or "half past"', () => {
    const text = 'Almost half of the residents left at half-time in the first half, at half past nine.';
    expect(spans(text)).toEqual(['Almost half', 'first', 'half past nine']);
    expect(mention(text, 'Almost half')).toMatchObject({ value: 0.5, approx: 'almost', ratio: { numerator: 1, denominator: 2 }, rule: 'number.fraction' });
    expect(mention(text, 'half past nine')).toMatchObject({ value: 9.5, role: 'time', rule: 'number.not.time' });
  });

  it('reads "a third" as an ordinal unless a fraction reading is clear', () => {
    expect(mention('She won a third term.', 'third')).toMatchObject({ value: 3, role: 'ordinal', rule: 'number.not.ordinal' });
    expect(mention('Fares will rise by a fifth from May.', 'a fifth')).toMatchObject({ value: 0.2, rule: 'number.fraction' });
  });

  it('reads "one in five", "one in 10" and "nine in ten" as ratios', () => {
    const text = 'One in five pupils, one in 10 homes and nine in ten drivers agreed.';
    expect(spans(text)).toEqual(['One in five', 'one in 10', 'nine in ten']);
    expect(mention(text, 'One in five')).toMatchObject({ value: 0.2, ratio: { numerator: 1, denominator: 5 }, words: true, rule: 'number.ratio', role: 'quantity' });
    expect(mention(text, 'one in 10')).toMatchObject({ value: 0.1, ratio: { numerator: 1, denominator: 10 } });
    expect(mention(text, 'nine in ten')).toMatchObject({ value: 0.9, ratio: { numerator: 9, denominator: 10 } });
  });

  it('does not read "N in M" as a ratio when M is a year or a span of time', () => {
    expect(spans('He scored 3 goals in 10 games.')).toEqual(['3', '10']);
    expect(spans('The tally rose to 18 in 2021.')).toEqual(['18', '2021']);
  });

  it('does not read "one" as a number when it is a pronoun or an article', () => {
    expect(spans('One of the groups said no one had been hurt one day.')).toEqual([]);
    expect(spans('It was a one-off, a one-to-one talk.')).toEqual([]);
    expect(mention('Only one per cent replied.', 'one per cent')).toMatchObject({ value: 1, unit: 'percent', words: true });
  });
});

describe('findNumbers: ranges and changes', () => {
  it('reads "between X and Y" as one range, the word "between" included', () => {
    const text = 'Between 20 and 30 people attended in Harbridge.';
    expect(mention(text, 'Between 20 and 30')).toMatchObject({ value: 20, low: 20, high: 30, unit: null, role: 'quantity', rule: 'number.range' });
  });

  it('reads "X-Y" and "X to Y" as ranges, the unit after Y shared', () => {
    const text = 'Rents rose by 20-30 per cent, 15 to 20 per cent in Harbridge, for 2-3 days.';
    expect(mention(text, '20-30 per cent')).toMatchObject({ value: 20, low: 20, high: 30, unit: 'percent', rule: 'number.range' });
    expect(mention(text, '15 to 20 per cent')).toMatchObject({ low: 15, high: 20, unit: 'percent' });
    expect(mention(text, '2-3')).toMatchObject({ low: 2, high: 3, unit: null });
  });

  it('shares the scale written after the second number with the first', () => {
    const text = 'The bill could reach £20-30m.';
    expect(mention(text, '£20-30m')).toMatchObject({ value: 20_000_000, low: 20_000_000, high: 30_000_000, unit: 'GBP', scale: 1e6 });
  });

  it('keeps a change "from X to Y" as two numbers', () => {
    const text = 'The tally rose from 18 in 2021 to 52 in 2023.';
    expect(spans(text)).toEqual(['18', '2021', '52', '2023']);
    expect(mention(text, '18')).toMatchObject({ value: 18, role: 'quantity', rule: 'number.digits' });
    expect(mention(text, '2021')).toMatchObject({ value: 2021, role: 'year', rule: 'number.not.year' });
    expect(mention(text, '52')).toMatchObject({ value: 52, role: 'quantity' });
    expect(mention(text, '2023')).toMatchObject({ role: 'year' });
  });

  it('keeps a change in money as two amounts and reads the rise after it', () => {
    const text = 'Parking will go up from £1.80 to £2.40, a rise of 33 per cent.';
    expect(spans(text)).toEqual(['£1.80', '£2.40', '33 per cent']);
    expect(mention(text, '£1.80')).toMatchObject({ value: 1.8, unit: 'GBP', decimals: 2, rule: 'number.money' });
    expect(mention(text, '£2.40')).toMatchObject({ value: 2.4, unit: 'GBP' });
    expect(mention(text, '33 per cent')).toMatchObject({ value: 33, unit: 'percent' });
  });

  it('keeps "X to Y" after a change verb as two numbers', () => {
    expect(spans('Membership rose 20 to 30.')).toEqual(['20', '30']);
  });

  it('does not read a falling pair as a range', () => {
    expect(spans('The vote went 5-4 in the end.')).toEqual(['5', '4']);
  });
});

describe('findNumbers: numbers that are not quantities', () => {
  it('reads years, year ranges and decades', () => {
    const text = 'In 2016, and since 2014, in 2014-15, in 2019/20, between 2010 and 2015, in the 1990s and by mid-2020.';
    expect(mention(text, '2016')).toMatchObject({ value: 2016, role: 'year', rule: 'number.not.year' });
    expect(mention(text, '2014')).toMatchObject({ role: 'year' });
    expect(mention(text, '2014-15')).toMatchObject({ value: 2014, low: 2014, high: 2015, role: 'year', rule: 'number.not.year-range' });
    expect(mention(text, '2019/20')).toMatchObject({ low: 2019, high: 2020, role: 'year' });
    expect(mention(text, 'between 2010 and 2015')).toMatchObject({ low: 2010, high: 2015, role: 'year', rule: 'number.not.year-range' });
    expect(mention(text, '1990s')).toMatchObject({ value: 1990, low: 1990, high: 1999, role: 'year', rule: 'number.not.decade' });
    expect(mention(text, '2020')).toMatchObject({ role: 'year' });
  });

  it('keeps a year-like number with a bound word or a separator as a quantity', () => {
    expect(mention('More than 2000 people and 1,990 cars.', 'More than 2000')).toMatchObject({ approx: 'more than', role: 'quantity' });
    expect(mention('More than 2000 people and 1,990 cars.', '1,990')).toMatchObject({ role: 'quantity' });
    expect(mention('Sales were up over 2019.', '2019')).toMatchObject({ role: 'year', approx: null });
  });

  it('reads a year in the name of an Act as a law', () => {
    const text = 'Police and Criminal Evidence Act 1984, the Sexual Offences Act 2003 and the 1989 Act.';
    expect(mention(text, '1984')).toMatchObject({ value: 1984, role: 'law', rule: 'number.not.law' });
    expect(mention(text, '2003')).toMatchObject({ role: 'law' });
    expect(mention(text, '1989')).toMatchObject({ role: 'law' });
  });

  it('reads a year in another name as a name', () => {
    expect(mention('Tickets for Euro 2020 sold out.', '2020')).toMatchObject({ role: 'name', rule: 'number.not.year-in-name' });
    expect(mention('In 2016 the council met.', '2016')).toMatchObject({ role: 'year' });
  });

  it('reads numbers in names', () => {
    const text = 'Its Progress 8 score of 0.62 was praised on BBC Radio 4, Channel 4, BBC One, Valesford FM 102.4 and route 47, not Route 12.';
    expect(mention(text, '8')).toMatchObject({ value: 8, role: 'name', rule: 'number.not.name' });
    expect(mention(text, '0.62')).toMatchObject({ value: 0.62, role: 'quantity', rule: 'number.digits' });
    expect(find(text).filter((m) => m.text === '4').map((m) => m.role)).toEqual(['name', 'name']);
    expect(mention(text, 'One')).toMatchObject({ value: 1, words: true, role: 'name' });
    expect(mention(text, '102.4')).toMatchObject({ value: 102.4, role: 'name' });
    expect(mention(text, '47')).toMatchObject({ role: 'name' });
    expect(mention(text, '12')).toMatchObject({ role: 'name' });
  });

  it('reads "Formula 1", "Covid-19" and "Year 6" as names', () => {
    const text = 'Formula 1 fans, Covid-19 rules and Year 6 pupils.';
    expect(find(text).map((m) => [m.text, m.role])).toEqual([
      ['1', 'name'],
      ['19', 'name'],
      ['6', 'name'],
    ]);
  });

  it('skips digits joined to letters', () => {
    expect(spans('The M4, the G8 summit, 5G masts, HB1 2AB and World War II.')).toEqual([]);
  });

  it('reads dates in day-month, month-day, numeric and ISO forms', () => {
    const text = 'On 2 September, on 17th June 2024, on June 17, 2024, on 12/05/2024 and on 2024-05-12.';
    expect(mention(text, '2 September')).toMatchObject({ value: 2, role: 'date', rule: 'number.not.date' });
    expect(mention(text, '17th June 2024')).toMatchObject({ value: 17, role: 'date' });
    expect(mention(text, 'June 17, 2024')).toMatchObject({ value: 17, role: 'date' });
    expect(mention(text, '12/05/2024')).toMatchObject({ role: 'date' });
    expect(mention(text, '2024-05-12')).toMatchObject({ value: 12, role: 'date' });
  });

  it('reads a time and a date in one phrase', () => {
    const text = 'He was detained at 9.30pm on 17 June in Amblecombe.';
    expect(spans(text)).toEqual(['9.30pm', '17 June']);
    expect(mention(text, '9.30pm')).toMatchObject({ value: 21.5, role: 'time', rule: 'number.not.time' });
    expect(mention(text, '17 June')).toMatchObject({ value: 17, role: 'date', rule: 'number.not.date' });
  });

  it('reads times with am, pm, a colon or o’clock', () => {
    const text = 'Doors open at 10am, talks at 14:00, lunch at 1 p.m. and close at nine o’clock.';
    expect(mention(text, '10am')).toMatchObject({ value: 10, role: 'time' });
    expect(mention(text, '14:00')).toMatchObject({ value: 14, role: 'time' });
    expect(mention(text, '1 p.m.')).toMatchObject({ value: 13, role: 'time' });
    expect(mention(text, 'nine o’clock')).toMatchObject({ value: 9, role: 'time', words: true });
  });

  it('reads ages', () => {
    const text = 'A 34-year-old man, a 13-year-old girl, a six-year-old boy and a woman aged 71 were there.';
    expect(mention(text, '34-year-old')).toMatchObject({ value: 34, role: 'age', rule: 'number.not.age' });
    expect(mention(text, '13-year-old')).toMatchObject({ value: 13, role: 'age' });
    expect(mention(text, 'six-year-old')).toMatchObject({ value: 6, role: 'age', words: true });
    expect(mention(text, '71')).toMatchObject({ value: 71, role: 'age' });
  });

  it('reads an age after a name, in brackets, as a range and as a decade', () => {
    const text = 'Margaret Ellery, 78, from Nether Sallow, Tom Byrne (29), residents aged between 18 and 24 and a man in his 40s.';
    expect(mention(text, '78')).toMatchObject({ role: 'age' });
    expect(mention(text, '29')).toMatchObject({ role: 'age' });
    expect(mention(text, 'between 18 and 24')).toMatchObject({ low: 18, high: 24, role: 'age' });
    expect(mention(text, '40s')).toMatchObject({ value: 40, low: 40, high: 49, role: 'age', rule: 'number.not.age-decade' });
  });

  it('reads phone numbers', () => {
    const text = 'Call 101, or dial 999, or ring 0800 555 0123 or 01632 960 123.';
    expect(mention(text, '101')).toMatchObject({ value: 101, role: 'phone', rule: 'number.not.phone' });
    expect(mention(text, '999')).toMatchObject({ role: 'phone' });
    expect(mention(text, '0800 555 0123')).toMatchObject({ role: 'phone' });
    expect(mention(text, '01632 960 123')).toMatchObject({ role: 'phone' });
    expect(mention('Police were called on 101.', '101')).toMatchObject({ role: 'phone' });
    expect(mention('They counted 101 birds.', '101')).toMatchObject({ role: 'quantity' });
  });

  it('reads addresses', () => {
    const text = 'The fire at 14 High Street spread to Flat 3.';
    expect(mention(text, '14')).toMatchObject({ value: 14, role: 'address', rule: 'number.not.address' });
    expect(mention(text, '3')).toMatchObject({ role: 'address' });
    expect(mention('In 14 Wessex Vale villages.', '14')).toMatchObject({ role: 'quantity' });
  });

  it('reads sections, articles, clauses and pages', () => {
    const text = 'Under section 18 of the Act, article 50, clause 4, page 12 and p. 7.';
    expect(mention(text, '18')).toMatchObject({ value: 18, role: 'section', rule: 'number.not.section' });
    expect(mention(text, '50')).toMatchObject({ role: 'section' });
    expect(mention(text, '4')).toMatchObject({ role: 'section' });
    expect(mention(text, '12')).toMatchObject({ role: 'page', rule: 'number.not.page' });
    expect(mention(text, '7')).toMatchObject({ role: 'page' });
  });

  it('reads ordinals in words and digits', () => {
    const text = 'It came first, then 2nd, then third, then twenty-first.';
    expect(find(text).map((m) => [m.text, m.value, m.role, m.rule])).toEqual([
      ['first', 1, 'ordinal', 'number.not.ordinal'],
      ['2nd', 2, 'ordinal', 'number.not.ordinal'],
      ['third', 3, 'ordinal', 'number.not.ordinal'],
      ['twenty-first', 21, 'ordinal', 'number.not.ordinal'],
    ]);
  });

  it('reads scores after a score word or before a result word', () => {
    const text = 'Harbridge won 3-1, then drew 1-1 and had a 2-0 win.';
    expect(mention(text, '3-1')).toMatchObject({ value: 3, role: 'score', rule: 'number.not.score' });
    expect(mention(text, '1-1')).toMatchObject({ role: 'score' });
    expect(mention(text, '2-0')).toMatchObject({ role: 'score' });
  });

  it('reads "24/7" and "9/11" as names', () => {
    expect(find('A 24/7 service since 9/11.').map((m) => [m.text, m.role, m.rule])).toEqual([
      ['24/7', 'name', 'number.not.slash-pair'],
      ['9/11', 'name', 'number.not.slash-pair'],
    ]);
  });
});

describe('findNumbers: text and offsets', () => {
  it('gives offsets into the whole text and reads only [start, end)', () => {
    const text = 'Intro. Rents rose 44 per cent in Harbridge. Then 12 more.';
    const start = text.indexOf('Rents');
    const end = text.indexOf(' Then');
    const found = findNumbers(text, start, end);
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual(['44 per cent']);
    // Cut before "per cent": only the digits are in the slice.
    const cut = findNumbers(text, start, text.indexOf(' per cent'));
    expect(cut.map((m) => [text.slice(m.start, m.end), m.unit])).toEqual([['44', null]]);
  });

  it('reads numbers inside curly quotes and after curly apostrophes', () => {
    const text = 'She said: “Some 44 per cent of the county’s 31 schools” agreed.';
    expect(spans(text)).toEqual(['Some 44 per cent', '31']);
  });

  it('reads negative numbers only where the sign stands apart', () => {
    expect(mention('The score fell to -0.25 this year.', '-0.25')).toMatchObject({ value: -0.25, decimals: 2, role: 'quantity' });
    expect(mention('It fell to −3 overall.', '−3')).toMatchObject({ value: -3 });
  });

  it('skips numbers with more than 15 significant digits', () => {
    expect(spans(`The code 1234567890123456789012345678901234567890 and 12 more.`)).toEqual(['12']);
  });

  it('returns nothing for empty or numberless text and never throws on odd input', () => {
    expect(findNumbers('')).toEqual([]);
    expect(findNumbers('   \n\t ')).toEqual([]);
    expect(findNumbers('No figures here at all.')).toEqual([]);
    expect(findNumbers('abc', 5, 2)).toEqual([]);
    expect(findNumbers('abc 12', -4, 99).map((m) => m.value)).toEqual([12]);
  });

  it('gives ordered, non-overlapping spans inside the slice on random input', () => {
    const pieces = ['12', '3,470', '0.5', '1.4', '£', '$', '€', '%', '-', '–', '/', ':', '.', ',', '(', ')', '’', 'per', 'cent', 'a', 'one', 'in', 'five', 'half', 'third', 'to', 'and', 'between', 'from', 'aged', 'year', 'old', 'bn', 'm', 'pm', 'June', 'Act', 'Radio', 'won', 'points', 'percentage', '2014', '15', '0800', '½', 'twenty', 'hundred', 'dozen', 'st', 's', 'p', 'Flat', 'Street', 'o’clock'];
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 500; round++) {
      let text = '';
      const length = random(30);
      for (let k = 0; k < length; k++) text += (pieces[random(pieces.length)] ?? '') + (random(3) === 0 ? '' : ' ');
      const start = random(Math.max(1, text.length));
      const end = start + random(Math.max(1, text.length - start + 1));
      const found = findNumbers(text, start, end);
      let last = start;
      for (const m of found) {
        expect(m.start, text).toBeGreaterThanOrEqual(last);
        expect(m.end, text).toBeGreaterThan(m.start);
        expect(m.end, text).toBeLessThanOrEqual(end);
        expect(Number.isFinite(m.value), text).toBe(true);
        last = m.end;
      }
    }
  });
});
