/**
 * Expected value of partial perfect information (EVPPI) for a group of parameters φ, by the
 * non-parametric regression method of Strong, Oakley & Brennan (Med Decis Making
 * 2014;34:311–326), as voi and SAVI implement it for a cost-effectiveness analysis:
 *
 * 1. for each option d other than the baseline, regress its change in discounted cost and in
 *    discounted QALYs (against the baseline, iteration by iteration) on φ alone, giving
 *    ĝ_C,d(φ) ≈ E[ΔC_d | φ] and ĝ_Q,d(φ) ≈ E[ΔQ_d | φ];
 * 2. at each threshold k, ĝ_d = k·ĝ_Q,d − ĝ_C,d (the baseline's is 0), and
 *        EVPPI(k) = mean_n max_d ĝ_d(φ_n) − max_d mean_n ĝ_d(φ_n),
 *    computed as the mean opportunity loss of the option best on average (evpi.ts), so ≥ 0.
 *
 * The regression is least squares on a fixed basis (regression.ts): restricted cubic splines of
 * each parameter with 5 knots and, for groups of up to MAX_INTERACTING parameters, their pairwise
 * products — an unpenalised regression-spline version of the paper's GAM (mgcv's penalised
 * smooths are not available here). The basis is made smaller (fewer knots, no interactions,
 * then linear) until the iterations are at least MIN_ROWS_PER_COLUMN times its columns; with too
 * few iterations even for a linear fit, no estimate is given. Limits, as for any regression
 * estimator: a basis too rigid for the true relation underestimates EVPPI; overfitting (few
 * iterations per column) biases it upwards, through the maximum over noisy fits. An estimate
 * above the EVPI is therefore a sign of overfitting: it is reported capped at the EVPI and
 * flagged. Standard error: the fit is redrawn DRAWS times from its sampling distribution
 * (fitted + σ̂·Q·z, z standard normal, Q the orthonormal basis) and the EVPPI recomputed.
 */
import { sample } from "../distributions.ts";
import { Stream } from "../rng.ts";
import type { OptionDraws } from "./acceptability.ts";
import { expectedLoss } from "./evpi.ts";
import { designFor, orthonormalise, project, residualSd, rSquared } from "./regression.ts";

export const MAX_INTERACTING = 4;
export const MIN_ROWS_PER_COLUMN = 10;
/** Draws of the fit for the standard error. */
export const DRAWS = 30;

export interface EvppiEstimate {
  /** Population EVPPI at each threshold (capped at the EVPI). */
  evppi: number[];
  /** Standard error of each, from redrawn fits (at the reported thresholds only, else null). */
  se: (number | null)[];
  /** Where the raw estimate exceeded the EVPI (and was capped). */
  capped: boolean[];
  /** The basis used: knots per parameter (0: linear), pairwise products or not, columns. */
  knots: number;
  interactions: boolean;
  columns: number;
  /** R² of each option's cost and QALY regressions (options other than the baseline). */
  rSquared: { option: string; cost: number; qalys: number }[];
}

/** The richest basis the iterations support, or null when even a linear fit has too few. */
function chooseBasis(inputs: Float64Array[], n: number) {
  const p = inputs.length;
  const candidates: [number, boolean][] = [[5, true], [5, false], [4, false], [3, false], [
    0,
    false,
  ]];
  for (const [knots, interactions] of candidates) {
    if (interactions && (p < 2 || p > MAX_INTERACTING)) continue;
    const basis = designFor(inputs, knots, interactions);
    if (n >= MIN_ROWS_PER_COLUMN * basis.columns.length) return basis;
  }
  return null;
}

/**
 * EVPPI of the parameters whose per-iteration values are `inputs` (one array per parameter, in
 * iteration order), at each threshold, given the EVPI there; null when there are too few
 * iterations or no parameter varies. Standard errors are computed at the thresholds in `seAt`.
 */
export function evppiByRegression(
  inputs: Float64Array[],
  draws: OptionDraws,
  thresholds: number[],
  evpiValues: number[],
  baseline: number,
  seAt: number[] = [],
): EvppiEstimate | null {
  const n = draws.cost.length ? draws.cost[0].length : 0;
  const varying = inputs.filter((x) => x.some((v) => v !== x[0]));
  if (varying.length === 0 || n === 0) return null;
  const basis = chooseBasis(varying, n);
  if (!basis) return null;
  const q = orthonormalise(basis.columns);
  const D = draws.cost.length;
  const options = Array.from({ length: D }, (_, d) => d).filter((d) => d !== baseline);
  const fit = options.map((d) => {
    const cost = project(q, draws.cost[d]);
    const qalys = project(q, draws.qalys[d]);
    return {
      cost,
      qalys,
      sdCost: residualSd(draws.cost[d], cost, q.length),
      sdQalys: residualSd(draws.qalys[d], qalys, q.length),
    };
  });
  const estimate = (cost: Float64Array[], qalys: Float64Array[], k: number) =>
    expectedLoss(k, cost, qalys);
  const raw = thresholds.map((k) => estimate(fit.map((f) => f.cost), fit.map((f) => f.qalys), k));
  // Standard error: redraw each fit from its sampling distribution.
  const stream = new Stream().reset(Uint32Array.of(0x5ee, 0xd0, 0x2014, n), q.length);
  const normal = { dist: "normal" as const, mean: 0, sd: 1 };
  const sums = new Float64Array(thresholds.length);
  const squares = new Float64Array(thresholds.length);
  // No standard error where there is nothing to learn (EVPI 0: the EVPPI is 0 too).
  const withSe = thresholds.map((k, j) => seAt.includes(k) && evpiValues[j] > 0);
  const redraw = (fitted: Float64Array, sd: number) => {
    const out = fitted.slice();
    if (sd === 0) return out;
    for (const e of q) {
      const z = sample(normal, stream) * sd;
      for (let i = 0; i < n; i++) out[i] += z * e[i];
    }
    return out;
  };
  for (let b = 0; b < (withSe.some(Boolean) ? DRAWS : 0); b++) {
    const cost = fit.map((f) => redraw(f.cost, f.sdCost));
    const qalys = fit.map((f) => redraw(f.qalys, f.sdQalys));
    thresholds.forEach((k, j) => {
      if (!withSe[j]) return;
      const v = estimate(cost, qalys, k);
      sums[j] += v;
      squares[j] += v * v;
    });
  }
  const se = thresholds.map((_, j) => {
    if (!seAt.includes(thresholds[j])) return null;
    if (!withSe[j]) return 0;
    const mean = sums[j] / DRAWS;
    return Math.sqrt(Math.max(0, (squares[j] / DRAWS - mean * mean) * DRAWS / (DRAWS - 1)));
  });
  return {
    evppi: raw.map((v, j) => Math.min(v, evpiValues[j])),
    se,
    capped: raw.map((v, j) => v > evpiValues[j]),
    knots: basis.knots,
    interactions: basis.interactions,
    columns: q.length,
    rSquared: options.map((d, j) => ({
      option: draws.names[d],
      cost: rSquared(draws.cost[d], fit[j].cost),
      qalys: rSquared(draws.qalys[d], fit[j].qalys),
    })),
  };
}
