/**
 * Least-squares regression on a fixed basis, for EVPPI (evppi.ts): the design is an intercept,
 * restricted cubic splines of each input (Harrell, Regression Modeling Strategies, 2nd ed.,
 * section 2.4.5: cubic between the knots, linear beyond the outer ones) and, for small groups,
 * the pairwise products of the inputs. The columns are orthonormalised (modified Gram–Schmidt,
 * twice, dropping columns that add nothing), so a fit is a projection: fitted = Q Qᵀ y, with no
 * matrix to invert and no coefficient to go unstable.
 */

/** Knot quantiles by number of knots (Harrell's defaults). */
const KNOT_QUANTILES: Record<number, number[]> = {
  3: [0.1, 0.5, 0.9],
  4: [0.05, 0.35, 0.65, 0.95],
  5: [0.05, 0.275, 0.5, 0.725, 0.95],
};

/** Type-7 quantile of sorted values. */
function quantileOfSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** x rescaled to [0, 1] (all zeros when it does not vary). */
export function rescale(x: Float64Array): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const width = hi - lo;
  return x.map((v) => (width > 0 ? (v - lo) / width : 0));
}

/**
 * Restricted cubic spline columns of x with `knots` knots at Harrell's quantiles: x itself and
 * knots − 2 non-linear terms, each scaled by 1/(t_K − t_1)². Fewer distinct knots than asked
 * (an input with few values) give fewer columns; below 3, x alone.
 */
export function splineColumns(x: Float64Array, knots: number): Float64Array[] {
  const sorted = x.slice().sort();
  const t = [...new Set((KNOT_QUANTILES[knots] ?? []).map((p) => quantileOfSorted(sorted, p)))];
  const columns = [x];
  const K = t.length;
  if (K < 3) return columns;
  const cube = (v: number) => (v > 0 ? v * v * v : 0);
  const scale = 1 / ((t[K - 1] - t[0]) * (t[K - 1] - t[0]));
  const last = t[K - 1];
  const before = t[K - 2];
  for (let j = 0; j < K - 2; j++) {
    columns.push(x.map((v) =>
      scale * (cube(v - t[j]) -
        cube(v - before) * (last - t[j]) / (last - before) +
        cube(v - last) * (before - t[j]) / (last - before))
    ));
  }
  return columns;
}

export interface Basis {
  columns: Float64Array[];
  /** Knots per input (0: linear only). */
  knots: number;
  interactions: boolean;
}

/**
 * The design for a group of inputs with n rows: intercept, splines with `knots` knots (0:
 * linear) and, when `interactions`, the products of each pair of rescaled inputs.
 */
export function designFor(inputs: Float64Array[], knots: number, interactions: boolean): Basis {
  const n = inputs.length ? inputs[0].length : 0;
  const scaled = inputs.map(rescale);
  const columns: Float64Array[] = [new Float64Array(n).fill(1)];
  for (const x of scaled) columns.push(...(knots >= 3 ? splineColumns(x, knots) : [x]));
  if (interactions) {
    for (let a = 0; a < scaled.length; a++) {
      for (let b = a + 1; b < scaled.length; b++) {
        columns.push(scaled[a].map((v, i) => v * scaled[b][i]));
      }
    }
  }
  return { columns, knots, interactions };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * An orthonormal basis of the columns' span (modified Gram–Schmidt, repeated once for accuracy);
 * a column whose remainder is below 1e-9 of its length adds nothing and is dropped.
 */
export function orthonormalise(columns: Float64Array[]): Float64Array[] {
  const q: Float64Array[] = [];
  for (const column of columns) {
    const v = column.slice();
    const norm0 = Math.sqrt(dot(v, v));
    if (!(norm0 > 0)) continue;
    for (let pass = 0; pass < 2; pass++) {
      for (const e of q) {
        const r = dot(e, v);
        for (let i = 0; i < v.length; i++) v[i] -= r * e[i];
      }
    }
    const norm = Math.sqrt(dot(v, v));
    if (norm <= 1e-9 * norm0) continue;
    for (let i = 0; i < v.length; i++) v[i] /= norm;
    q.push(v);
  }
  return q;
}

/** The least-squares fit of y on the span of q (orthonormal columns): Q Qᵀ y. */
export function project(q: Float64Array[], y: Float64Array): Float64Array {
  const fitted = new Float64Array(y.length);
  for (const e of q) {
    const r = dot(e, y);
    for (let i = 0; i < y.length; i++) fitted[i] += r * e[i];
  }
  return fitted;
}

/** Residual standard deviation of a fit with `p` columns: √(RSS / (n − p)). */
export function residualSd(y: Float64Array, fitted: Float64Array, p: number): number {
  let rss = 0;
  for (let i = 0; i < y.length; i++) rss += (y[i] - fitted[i]) ** 2;
  return y.length > p ? Math.sqrt(rss / (y.length - p)) : 0;
}

/** R² of a fit (1 when y does not vary). */
export function rSquared(y: Float64Array, fitted: Float64Array): number {
  let mean = 0;
  for (const v of y) mean += v / y.length;
  let tss = 0;
  let rss = 0;
  for (let i = 0; i < y.length; i++) {
    tss += (y[i] - mean) ** 2;
    rss += (y[i] - fitted[i]) ** 2;
  }
  return tss > 0 ? 1 - rss / tss : 1;
}
