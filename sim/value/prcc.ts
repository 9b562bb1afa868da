/**
 * Partial rank correlation coefficients (PRCC; Marino et al., J Theor Biol 2008;254:178–196): how
 * strongly each input moves an output once the other inputs are accounted for, on ranks, so any
 * monotone relation counts. Inputs and output are replaced by their ranks (ties averaged); the
 * PRCC of input j is the correlation between the residuals of rank(x_j) and rank(y) after
 * regressing both on the other ranked inputs, computed in one step from the inverse Ω of the
 * correlation matrix of [ranks of x, rank of y]: PRCC_j = −Ω_jy / √(Ω_jj Ω_yy) (the partial
 * correlation identity). Needs more iterations than inputs + 1; inputs that do not vary are
 * left out (docs/model.md, "What drives the uncertainty"). The correlation is hand-written (a
 * few lines; tests compare it with simple-statistics' sampleCorrelation): this module is loaded by
 * every run, and an npm import costs every short-lived job process its resolution.
 */

/** Ranks 1..n of the values, ties given the mean of the ranks they span. */
export function ranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const out = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]] = rank;
    i = j + 1;
  }
  return out;
}

/** Pearson correlation of two equally long series (0 when either does not vary). */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** The inverse of a symmetric positive definite matrix by Gauss–Jordan with pivoting; null if singular. */
export function invert(matrix: number[][]): number[][] | null {
  const m = matrix.length;
  const a = matrix.map((
    row,
    i,
  ) => [...row, ...Array.from({ length: m }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < m; c++) {
    let pivot = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    if (Math.abs(a[pivot][c]) < 1e-10) return null;
    [a[c], a[pivot]] = [a[pivot], a[c]];
    const p = a[c][c];
    for (let j = 0; j < 2 * m; j++) a[c][j] /= p;
    for (let r = 0; r < m; r++) {
      if (r === c || a[r][c] === 0) continue;
      const f = a[r][c];
      for (let j = 0; j < 2 * m; j++) a[r][j] -= f * a[c][j];
    }
  }
  return a.map((row) => row.slice(m));
}

/**
 * PRCC of each input with each output: per output, one coefficient per input, null for an input
 * that does not vary; all null for an output that does not vary, with too few iterations, or
 * with collinear inputs. The inputs' ranks and correlations are computed once for all outputs.
 */
export function prcc(
  inputs: ArrayLike<number>[],
  outputs: ArrayLike<number>[],
): (number | null)[][] {
  const n = outputs.length ? outputs[0].length : 0;
  const varies = (x: ArrayLike<number>) => {
    for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return true;
    return false;
  };
  const used = inputs.map((x, j) => (varies(x) ? j : -1)).filter((j) => j >= 0);
  const none = () => inputs.map(() => null);
  if (n <= used.length + 2 || used.length === 0) return outputs.map(none);
  const columns = used.map((j) => Array.from(ranks(inputs[j])));
  const m = columns.length + 1;
  const r = Array.from({ length: m }, () => new Array<number>(m).fill(1));
  for (let a = 0; a < m - 1; a++) {
    for (let b = a + 1; b < m - 1; b++) {
      r[a][b] = r[b][a] = correlation(columns[a], columns[b]);
    }
  }
  const y = m - 1;
  return outputs.map((output) => {
    if (!varies(output)) return none();
    const ranked = Array.from(ranks(output));
    for (let a = 0; a < m - 1; a++) r[a][y] = r[y][a] = correlation(columns[a], ranked);
    const omega = invert(r);
    if (!omega) return none();
    const out: (number | null)[] = none();
    used.forEach((j, a) => {
      out[j] = -omega[a][y] / Math.sqrt(omega[a][a] * omega[y][y]);
    });
    return out;
  });
}
