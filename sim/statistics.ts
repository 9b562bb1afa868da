/**
 * Summary statistics over iterations, one implementation for every summary (measures, Shapley
 * contributions, assertions): mean and variance by Welford's running update (iterations read
 * in order, so sums are reproducible), standard deviation, Monte Carlo standard error sd/√n,
 * the share of values below zero, and type-7 percentile intervals (exact, quantiles.ts).
 * Hand-written rather than simple-statistics: the running update is kept for thousands of
 * columns at once, one iteration at a time, without holding every value.
 */
import { quantilesUnsorted } from "./quantiles.ts";

/** Running mean, sum of squared deviations and count below zero of each column. */
export class Accumulator {
  readonly mean: Float64Array;
  readonly m2: Float64Array;
  readonly negative: Float64Array;
  n = 0;

  constructor(size: number) {
    // One allocation, three views: a summary makes one accumulator per scenario and difference.
    const buffer = new Float64Array(3 * size);
    this.mean = buffer.subarray(0, size);
    this.m2 = buffer.subarray(size, 2 * size);
    this.negative = buffer.subarray(2 * size);
  }

  /** Adds one iteration's values (one per column). */
  add(values: Float64Array): void {
    const n = ++this.n;
    const { mean, m2, negative } = this;
    for (let j = 0; j < values.length; j++) {
      const x = values[j];
      const d = x - mean[j];
      const m = mean[j] + d / n;
      mean[j] = m;
      m2[j] += d * (x - m);
      if (x < 0) negative[j]++;
    }
  }

  /** Sample standard deviation of column j (0 for fewer than two values). */
  sd(j: number): number {
    return this.n > 1 ? Math.sqrt(this.m2[j] / (this.n - 1)) : 0;
  }

  /** Monte Carlo standard error of column j's mean: sd / √n. */
  mcse(j: number): number {
    return this.n > 0 ? this.sd(j) / Math.sqrt(this.n) : 0;
  }

  /** Share of column j's values below zero. */
  pNegative(j: number): number {
    return this.n > 0 ? this.negative[j] / this.n : 0;
  }
}

/** Probabilities of the lower end, median and upper end of a central interval of `coverage`. */
export function intervalProbabilities(coverage: number): [number, number, number] {
  return [(1 - coverage) / 2, 0.5, 1 - (1 - coverage) / 2];
}

/** Every statistic of one column of values. */
export interface ColumnSummary {
  mean: number;
  sd: number;
  mcse: number;
  median: number;
  low: number;
  high: number;
  /** Share of values below zero. */
  pNegative: number;
}

/** Summarises one column of per-iteration values (in iteration order). */
export function summariseColumn(values: Float64Array, coverage: number): ColumnSummary {
  const acc = new Accumulator(1);
  const one = new Float64Array(1);
  for (let i = 0; i < values.length; i++) {
    one[0] = values[i];
    acc.add(one);
  }
  const [low, median, high] = quantilesUnsorted(values.slice(), intervalProbabilities(coverage));
  return {
    mean: acc.mean[0],
    sd: acc.sd(0),
    mcse: acc.mcse(0),
    median,
    low,
    high,
    pNegative: acc.pNegative(0),
  };
}
