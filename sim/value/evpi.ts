/**
 * Expected value of perfect information (EVPI) at threshold k, from the Monte Carlo draws
 * (as voi's `evpi` and dampack's `calc_evpi`):
 *
 *     EVPI(k) = mean_n max_d NB_d(n) − max_d mean_n NB_d(n),   NB_d = k·QALYs_d − cost_d
 *
 * the expected loss from deciding under today's uncertainty. Computed as dampack does, as the
 * mean opportunity loss of the option best on average, d*: mean_n (max_d NB_d(n) − NB_d*(n)),
 * every term of which is at least 0, so EVPI ≥ 0 holds exactly in floating point. Options enter
 * through their changes against the baseline (the baseline's change is 0), which leaves every
 * difference unchanged. The draws are the whole population's discounted totals over the
 * horizon, so this is the population EVPI over the horizon; per person, divide by the year-0
 * population (docs/model.md, "Value of information").
 */
import type { OptionDraws } from "./acceptability.ts";

/**
 * Mean opportunity loss at threshold k of the option best on average, among a reference (whose
 * change is 0) and options whose changes against it are cost[d][i] and qalys[d][i].
 */
export function expectedLoss(
  k: number,
  cost: ArrayLike<number>[],
  qalys: ArrayLike<number>[],
): number {
  const D = cost.length;
  const n = D > 0 ? cost[0].length : 0;
  if (n === 0) return 0;
  let best = -1;
  let bestSum = 0;
  for (let d = 0; d < D; d++) {
    const c = cost[d];
    const q = qalys[d];
    let sum = 0;
    for (let i = 0; i < n; i++) sum += k * q[i] - c[i];
    if (sum > bestSum) {
      bestSum = sum;
      best = d;
    }
  }
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let top = 0;
    for (let d = 0; d < D; d++) {
      const nb = k * qalys[d][i] - cost[d][i];
      if (nb > top) top = nb;
    }
    loss += best < 0 ? top : top - (k * qalys[best][i] - cost[best][i]);
  }
  return loss / n;
}

export function evpi(draws: OptionDraws, k: number): number {
  return expectedLoss(k, draws.cost, draws.qalys);
}
