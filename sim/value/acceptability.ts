/**
 * Cost-effectiveness acceptability: for each threshold k on a grid, the probability over
 * iterations that each option has the highest net benefit k·QALYs − cost (the acceptability
 * curve, CEAC), and the option with the highest expected net benefit with its probability (the
 * acceptability frontier, CEAF; Fenwick, Claxton & Sculpher, Health Econ 2001). Options are
 * compared through their changes against the baseline (the baseline's change is 0), which orders
 * them exactly as their net benefits do. An iteration in which several options tie for the
 * highest counts 1/m for each of the m tied (docs/model.md, "Value for money").
 */
import { netMonetaryBenefit } from "../measures.ts";

/** Per option, per iteration: change in discounted cost and QALYs against the baseline. */
export interface OptionDraws {
  names: string[];
  /** cost[d][n], qalys[d][n]; the baseline's arrays are all zeros. */
  cost: Float64Array[];
  qalys: Float64Array[];
}

export interface Acceptability {
  thresholds: number[];
  /** probability[d][j]: share of iterations in which option d is best at thresholds[j]. */
  probability: number[][];
  /** At each threshold, the option with the highest mean net benefit and its probability. */
  frontier: { option: number; probability: number }[];
}

/** Index of the option with the highest mean net benefit at k (the first on ties). */
export function bestOnAverage(draws: OptionDraws, k: number): number {
  let best = 0;
  let bestMean = -Infinity;
  draws.cost.forEach((cost, d) => {
    let sum = 0;
    for (let i = 0; i < cost.length; i++) {
      sum += netMonetaryBenefit(k, draws.qalys[d][i], cost[i]);
    }
    const mean = sum / cost.length;
    if (mean > bestMean) {
      bestMean = mean;
      best = d;
    }
  });
  return best;
}

export function acceptability(draws: OptionDraws, thresholds: number[]): Acceptability {
  const D = draws.cost.length;
  const n = D > 0 ? draws.cost[0].length : 0;
  const probability = Array.from({ length: D }, () => new Array<number>(thresholds.length).fill(0));
  const nb = new Float64Array(D);
  thresholds.forEach((k, j) => {
    for (let i = 0; i < n; i++) {
      let top = -Infinity;
      for (let d = 0; d < D; d++) {
        nb[d] = netMonetaryBenefit(k, draws.qalys[d][i], draws.cost[d][i]);
        if (nb[d] > top) top = nb[d];
      }
      let ties = 0;
      for (let d = 0; d < D; d++) if (nb[d] === top) ties++;
      for (let d = 0; d < D; d++) if (nb[d] === top) probability[d][j] += 1 / ties / n;
    }
  });
  const frontier = thresholds.map((k, j) => {
    const option = bestOnAverage(draws, k);
    return { option, probability: probability[option][j] };
  });
  return { thresholds, probability, frontier };
}
