import { describe, expect, it } from 'vitest';
import { parseDate } from './parse-date.js';

describe('parseDate', () => {
  it('keeps the calendar date of an ISO timestamp, whatever its zone', () => {
    expect(parseDate('2024-03-14T23:30:00-05:00')).toBe('2024-03-14'); // 04:30 on the 15th in UTC
    expect(parseDate('2024-03-15T00:30:00+01:00')).toBe('2024-03-15'); // 23:30 on the 14th in UTC
    expect(parseDate('2023-11-02T08:15:00Z')).toBe('2023-11-02');
    expect(parseDate('2023-11-02 08:15')).toBe('2023-11-02');
  });

  it('reads ISO dates and year-months', () => {
    expect(parseDate('2024-03-14')).toBe('2024-03-14');
    expect(parseDate('2024-03')).toBe('2024-03');
  });

  it('reads British day-first numeric dates', () => {
    expect(parseDate('14/03/2024')).toBe('2024-03-14');
    expect(parseDate('04/03/2024')).toBe('2024-03-04'); // 4 March, not 3 April
    expect(parseDate('14.03.2024')).toBe('2024-03-14');
    expect(parseDate('4-3-2024')).toBe('2024-03-04');
    expect(parseDate('03/14/2024')).toBe('2024-03-14'); // no 14th month: chrono swaps to month-first
    expect(parseDate('14/03/24')).toBe('2024-03-14');
  });

  it('reads dates with month names', () => {
    expect(parseDate('14 March 2024')).toBe('2024-03-14');
    expect(parseDate('March 14, 2024')).toBe('2024-03-14');
    expect(parseDate('Thu, 14 Mar 2024 10:00:00 GMT')).toBe('2024-03-14');
    expect(parseDate('Published: 1 June 2023 at 23:30 BST')).toBe('2023-06-01');
  });

  it('reads a month and year as YYYY-MM', () => {
    expect(parseDate('March 2024')).toBe('2024-03');
    expect(parseDate('Sept. 2023')).toBe('2023-09');
  });

  it('reads a bare year from 1800 to 2100 as YYYY', () => {
    expect(parseDate('2005')).toBe('2005');
    expect(parseDate(' 1850 ')).toBe('1850');
    expect(parseDate('1799')).toBeNull();
    expect(parseDate('2101')).toBeNull();
  });

  it('returns null for things that are not dates', () => {
    expect(parseDate('')).toBeNull();
    expect(parseDate('soon')).toBeNull();
    expect(parseDate('tomorrow')).toBeNull(); // relative to nothing
    expect(parseDate('last Friday')).toBeNull();
    expect(parseDate('14 March')).toBeNull(); // no year: would be a guess
    expect(parseDate('Smarch 2024')).toBeNull();
    expect(parseDate('31/02/2024')).toBeNull();
    expect(parseDate('2024-02-30')).toBeNull();
    expect(parseDate('2024-13-01')).toBeNull();
    expect(parseDate('0001-01-01T00:00:00Z')).toBeNull(); // a CMS placeholder
  });
});
