import { describe, expect, it } from 'vitest';
import { maxWeightAssignment } from './hungarian.js';

function total(weights: number[][]): number {
  return maxWeightAssignment(weights).reduce((sum, pair) => sum + pair.weight, 0);
}

/** Every one-to-one assignment, tried exhaustively: the reference for small random matrices. */
function bruteForce(weights: number[][]): number {
  const rows = weights.length;
  const columns = weights[0]?.length ?? 0;
  let best = 0;
  const usedColumns = new Set<number>();
  const visit = (row: number, sum: number): void => {
    if (row === rows) {
      best = Math.max(best, sum);
      return;
    }
    let assigned = false;
    for (let c = 0; c < columns; c++) {
      if (usedColumns.has(c)) continue;
      assigned = true;
      usedColumns.add(c);
      visit(row + 1, sum + (weights[row]?.[c] ?? 0));
      usedColumns.delete(c);
    }
    if (!assigned || rows > columns) visit(row + 1, sum); // leave this row unassigned
  };
  visit(0, 0);
  return best;
}

describe('maxWeightAssignment', () => {
  it('returns nothing for an empty matrix', () => {
    expect(maxWeightAssignment([])).toEqual([]);
    expect(maxWeightAssignment([[]])).toEqual([]);
  });

  it('beats the greedy choice: 0.9 + 0 (greedy) < 0.8 + 0.7 (optimal)', () => {
    // Greedy takes the largest cell (0.9 at row 0, column 0) and is left with 0.
    const pairs = maxWeightAssignment([
      [0.9, 0.8],
      [0.7, 0],
    ]);
    expect(pairs).toEqual([
      { row: 0, column: 1, weight: 0.8 },
      { row: 1, column: 0, weight: 0.7 },
    ]);
  });

  it('handles more rows than columns and more columns than rows', () => {
    expect(maxWeightAssignment([[1], [5], [3]])).toEqual([{ row: 1, column: 0, weight: 5 }]);
    expect(maxWeightAssignment([[1, 5, 3]])).toEqual([{ row: 0, column: 1, weight: 5 }]);
  });

  it('finds the maximum of a 3 x 3 matrix (the diagonal, 1 + 4 + 9 = 14)', () => {
    // Cell (r, c) is (r + 1)(c + 1): by the rearrangement inequality the diagonal is the best pairing;
    // the anti-diagonal gives only 3 + 4 + 3 = 10.
    expect(total([
      [1, 2, 3],
      [2, 4, 6],
      [3, 6, 9],
    ])).toBe(14);
  });

  it('agrees with brute force on random matrices up to 6 x 7', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648; // a fixed linear congruential generator: reproducible
      return seed / 2147483648;
    };
    for (let trial = 0; trial < 200; trial++) {
      const rows = 1 + Math.floor(random() * 6);
      const columns = 1 + Math.floor(random() * 7);
      const weights = Array.from({ length: rows }, () => Array.from({ length: columns }, () => Math.round(random() * 100) / 100));
      expect(total(weights)).toBeCloseTo(bruteForce(weights), 9);
      const pairs = maxWeightAssignment(weights);
      expect(new Set(pairs.map((p) => p.column)).size).toBe(pairs.length);
      expect(pairs).toHaveLength(Math.min(rows, columns));
    }
  });

  it('runs a 150 x 150 matrix quickly (articles hold up to about 100 quotes)', () => {
    const weights = Array.from({ length: 150 }, (_, r) => Array.from({ length: 150 }, (_, c) => ((r * 31 + c * 17) % 101) / 100));
    const started = performance.now();
    expect(maxWeightAssignment(weights)).toHaveLength(150);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses ragged or non-finite matrices with a message', () => {
    expect(() => maxWeightAssignment([[1, 2], [3]])).toThrow(/same length/);
    expect(() => maxWeightAssignment([[Number.NaN]])).toThrow(/finite/);
  });
});
