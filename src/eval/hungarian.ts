/**
 * Maximum-weight one-to-one assignment (the Hungarian algorithm, Kuhn-Munkres
 * with potentials, O(n^2 m) for an n x m matrix with n <= m).
 *
 * Used to align system quotes to gold attributions so that the total content
 * token-F1 is as large as possible: a greedy match can pair a system quote
 * with the wrong gold one and leave a better pairing unused.
 */

/** One chosen pair: row index, column index and its weight. */
export interface Assignment {
  row: number;
  column: number;
  weight: number;
}

/**
 * The assignment of rows to columns with the largest total weight. Every row
 * (or every column, whichever is fewer) is assigned; pairs of weight 0 are
 * returned too, so callers decide what counts as a match. `weights[r][c]` must
 * be finite; rows must all have the same length.
 */
export function maxWeightAssignment(weights: readonly (readonly number[])[]): Assignment[] {
  const rowCount = weights.length;
  const columnCount = weights[0]?.length ?? 0;
  if (rowCount === 0 || columnCount === 0) return [];
  for (const row of weights) {
    if (row.length !== columnCount) throw new Error('maxWeightAssignment: every row of the weight matrix must have the same length');
    for (const weight of row) if (!Number.isFinite(weight)) throw new Error('maxWeightAssignment: weights must be finite numbers');
  }
  const transposed = rowCount > columnCount;
  const n = transposed ? columnCount : rowCount;
  const m = transposed ? rowCount : columnCount;
  // Minimise cost = -weight over an n x m matrix with n <= m.
  const cost = (i: number, j: number): number => -(transposed ? at(weights, j, i) : at(weights, i, j));

  // 1-based arrays as in the textbook formulation; index 0 is the virtual start column.
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(m + 1).fill(0);
  const rowOfColumn = new Array<number>(m + 1).fill(0);
  const way = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    rowOfColumn[0] = i;
    let column0 = 0;
    const minv = new Array<number>(m + 1).fill(Infinity);
    const used = new Array<boolean>(m + 1).fill(false);
    do {
      used[column0] = true;
      const i0 = get(rowOfColumn, column0);
      let delta = Infinity;
      let column1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const reduced = cost(i0 - 1, j - 1) - get(u, i0) - get(v, j);
        if (reduced < get(minv, j)) {
          minv[j] = reduced;
          way[j] = column0;
        }
        if (get(minv, j) < delta) {
          delta = get(minv, j);
          column1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          const row = get(rowOfColumn, j);
          u[row] = get(u, row) + delta;
          v[j] = get(v, j) - delta;
        } else {
          minv[j] = get(minv, j) - delta;
        }
      }
      column0 = column1;
    } while (get(rowOfColumn, column0) !== 0);
    do {
      const column1 = get(way, column0);
      rowOfColumn[column0] = get(rowOfColumn, column1);
      column0 = column1;
    } while (column0 !== 0);
  }

  const result: Assignment[] = [];
  for (let j = 1; j <= m; j++) {
    const i = get(rowOfColumn, j);
    if (i === 0) continue;
    const row = transposed ? j - 1 : i - 1;
    const column = transposed ? i - 1 : j - 1;
    result.push({ row, column, weight: at(weights, row, column) });
  }
  return result.sort((a, b) => a.row - b.row);
}

function get(values: readonly number[], index: number): number {
  const value = values[index];
  if (value === undefined) throw new Error(`maxWeightAssignment: index ${index} out of range`);
  return value;
}

function at(weights: readonly (readonly number[])[], row: number, column: number): number {
  return get(weights[row] ?? [], column);
}
