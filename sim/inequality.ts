/**
 * Inequality measures over deprivation quintiles (most deprived first).
 *
 * Slope and relative index of inequality as PHE's `phe_sii` computes them: quantile population
 * shares a_i; cumulative rank midpoints b_i = Σ_{j<i} a_j + a_i / 2 (0 = most deprived end,
 * 1 = least deprived end); weighted least squares of the value on b_i with weights a_i;
 * SII = slope (the fitted difference least − most deprived; negative when rates are higher in
 * deprived areas); RII = (intercept + slope) / intercept (fitted least over fitted most deprived).
 * Hand-written: simple-statistics' linearRegression has no weights, and this runs for every
 * record, year and measure, so it must not allocate.
 */

/** Weighted least-squares fit of `values` on rank midpoints; shares need not sum to 1. */
export function siiRegression(
  shares: ArrayLike<number>,
  values: ArrayLike<number>,
): { slope: number; intercept: number } {
  let total = 0;
  for (let i = 0; i < shares.length; i++) total += shares[i];
  let cum = 0;
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < shares.length; i++) {
    const a = shares[i] / total;
    const b = cum + a / 2;
    cum += a;
    sw += a;
    sx += a * b;
    sy += a * values[i];
    sxx += a * b * b;
    sxy += a * b * values[i];
  }
  const slope = (sw * sxy - sx * sy) / (sw * sxx - sx * sx);
  const intercept = (sy - slope * sx) / sw;
  return { slope, intercept };
}

/** Slope index of inequality (phe_sii). */
export function slopeIndex(shares: ArrayLike<number>, values: ArrayLike<number>): number {
  return siiRegression(shares, values).slope;
}

/** Relative index of inequality (phe_sii): fitted value at the least deprived end over the most. */
export function relativeIndex(shares: ArrayLike<number>, values: ArrayLike<number>): number {
  const { slope, intercept } = siiRegression(shares, values);
  return (intercept + slope) / intercept;
}
