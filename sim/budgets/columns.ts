/**
 * Summaries of every column of per-iteration rows at once (`rows[i·width + c]`, n rows): the
 * mean, the percentile interval and the share below zero. One pass per column over a reused
 * buffer; with one row (the deterministic analysis) the interval is the value itself.
 */
import { intervalProbabilities } from "../statistics.ts";
import { quantilesUnsorted } from "../quantiles.ts";

export interface Columns {
  mean: Float64Array;
  low: Float64Array;
  high: Float64Array;
  pNegative: Float64Array;
}

export function summariseColumns(
  rows: Float64Array,
  n: number,
  width: number,
  interval: number,
): Columns {
  const out: Columns = {
    mean: new Float64Array(width),
    low: new Float64Array(width),
    high: new Float64Array(width),
    pNegative: new Float64Array(width),
  };
  const ps = intervalProbabilities(interval);
  const column = new Float64Array(n);
  for (let c = 0; c < width; c++) {
    let sum = 0;
    let below = 0;
    for (let i = 0; i < n; i++) {
      const x = rows[i * width + c];
      column[i] = x;
      sum += x;
      if (x < 0) below++;
    }
    const mean = n ? sum / n : 0;
    out.mean[c] = mean;
    out.pNegative[c] = n ? below / n : 0;
    if (n > 1) {
      const [low, , high] = quantilesUnsorted(column, ps);
      out.low[c] = low;
      out.high[c] = high;
    } else {
      out.low[c] = mean;
      out.high[c] = mean;
    }
  }
  return out;
}
