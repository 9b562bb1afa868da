/**
 * Scenarios compared with each other, iteration by iteration, at the horizon. Every scenario of
 * an iteration shares its random numbers (common random numbers, run.ts), so the difference
 * between two scenarios in the same iteration is a valid draw of their difference: its mean,
 * percentile interval and probability come from those per-iteration differences, never from
 * the scenarios' own intervals. Also from the per-iteration values: how often inequality widens
 * against the baseline, and a histogram of net cost over the iterations.
 *
 * Sign convention (the one used everywhere): a difference is "b − a" (for a scenario against
 * the baseline: scenario − baseline); net cost positive costs more, negative saves money.
 */
import { summariseColumn } from "./statistics.ts";

/** The measures kept per iteration at the horizon, when the study's catalogue has them. */
export const PAIRED_MEASURES = [
  "discounted.cost.total",
  "cumulative.activity.nonElective",
  "cumulative.deaths",
  "sii.nonElective",
  "discounted.qalys",
] as const;

/** Thresholds (£ per QALY) at which net monetary benefit is compared, when QALYs are measured. */
export const NMB_THRESHOLDS = [20000, 30000] as const;
/** The health measure that net monetary benefit values (discounted QALYs over the horizon). */
export const QALY_MEASURE = "discounted.qalys";

/** The inequality measure whose widening is judged against the baseline's gradient. */
export const WIDENING_MEASURE = "sii.nonElective";
/** The measure whose per-iteration differences from the baseline are binned. */
export const HISTOGRAM_MEASURE = "discounted.cost.total";
/** Bins of the net-cost histogram (about; edges are rounded to a readable step). */
export const HISTOGRAM_BINS = 30;

export interface PairedDifference {
  mean: number;
  low: number;
  high: number;
  /** Share of iterations in which b − a is below zero. */
  pNegative: number;
  /** Share of iterations in which b − a is above zero. */
  pPositive: number;
}

export interface ScenarioPair {
  a: string;
  b: string;
  /** b − a in each iteration, summarised, by measure. */
  differences: Record<string, PairedDifference>;
}

export interface Widening {
  /**
   * Sign of the baseline's mean SII at the horizon (−1, 0 or 1): the direction of its gradient.
   * With quintiles ranked from most deprived, a negative SII means more activity in the more
   * deprived quintiles.
   */
  baselineSign: number;
  /** Share of iterations in which sign × (scenario SII − baseline SII) > 0: the gap widens. */
  pWidens: number;
  /** Share of iterations in which sign × (scenario SII − baseline SII) < 0: the gap narrows. */
  pNarrows: number;
}

export interface Histogram {
  /** Bin edges, ascending; bin k holds values in [edges[k], edges[k+1]). */
  edges: number[];
  /** Iterations in each bin, by scenario name (every scenario but the baseline). */
  counts: Record<string, number[]>;
}

export interface PairedSummary {
  /** The year compared (the horizon). */
  year: number;
  iterations: number;
  interval: number;
  measures: string[];
  /** Every unordered pair of scenarios, a before b in the study's order. */
  pairs: ScenarioPair[];
  /** Widening of the SII against the baseline, by scenario name (every scenario but the baseline). */
  widening: Record<string, Widening>;
  /** Net cost (scenario − baseline, discounted, over the horizon) over the iterations. */
  netCost: Histogram;
}

/** Per-iteration values at the horizon of each scenario, gathered while summarising. */
export class HorizonValues {
  /** values[sc][i · K + k]: scenario sc, iteration i, measure k. */
  readonly values: Float64Array[];
  /** Where measure k sits in a derived-values row (catalogue index · years + horizon). */
  private readonly slots: number[];

  constructor(
    readonly measures: string[],
    slots: number[],
    scenarios: number,
    readonly iterations: number,
  ) {
    this.slots = slots;
    this.values = Array.from(
      { length: scenarios },
      () => new Float64Array(iterations * measures.length),
    );
  }

  /**
   * The collector for a study: `index` maps measure keys to catalogue positions, `years` is the
   * number of years (0..H), so a measure's horizon value is at index · years + years − 1.
   */
  static of(
    index: Map<string, number>,
    years: number,
    scenarios: number,
    iterations: number,
  ): HorizonValues {
    const measures = PAIRED_MEASURES.filter((key) => index.has(key));
    const slots = measures.map((key) => index.get(key)! * years + years - 1);
    return new HorizonValues(measures, slots, scenarios, iterations);
  }

  /** Keeps iteration i of scenario sc from its derived values. */
  take(sc: number, i: number, derived: ArrayLike<number>): void {
    const K = this.measures.length;
    const row = this.values[sc];
    for (let k = 0; k < K; k++) row[i * K + k] = derived[this.slots[k]];
  }

  /** One measure of one scenario over the iterations. */
  column(sc: number, measure: string): Float64Array {
    const k = this.measures.indexOf(measure);
    const K = this.measures.length;
    const out = new Float64Array(this.iterations);
    if (k < 0) return out.fill(NaN);
    for (let i = 0; i < this.iterations; i++) out[i] = this.values[sc][i * K + k];
    return out;
  }
}

/** b − a iteration by iteration. */
function differenceOf(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = b[i] - a[i];
  return out;
}

function summariseDifference(values: Float64Array, interval: number): PairedDifference {
  const s = summariseColumn(values, interval);
  let positive = 0;
  for (const v of values) if (v > 0) positive++;
  return {
    mean: s.mean,
    low: s.low,
    high: s.high,
    pNegative: s.pNegative,
    pPositive: values.length ? positive / values.length : 0,
  };
}

/**
 * A readable bin width for a range: 1, 2, 2.5 or 5 times a power of ten, giving about `bins`
 * bins. Edges are multiples of it, so 0 is always an edge (saving and costing never share a bin).
 */
export function niceStep(span: number, bins: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / bins;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (raw <= m * power) return m * power;
  return 10 * power;
}

/** Bin edges covering every value (multiples of a readable step) and each column's counts. */
export function histogram(columns: Float64Array[], bins = HISTOGRAM_BINS): {
  edges: number[];
  counts: number[][];
} {
  let min = Infinity;
  let max = -Infinity;
  for (const c of columns) {
    for (const v of c) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!Number.isFinite(min)) return { edges: [], counts: columns.map(() => []) };
  // A span below a millionth of the values' size (all alike) gets a few bins round them.
  const scale = Math.max(1, Math.abs(min), Math.abs(max));
  const step = niceStep(Math.max(max - min, scale * 1e-6), bins);
  let first = Math.floor(min / step);
  if (first * step > min) first--; // min / step rounded up past an edge
  // At least one bin; a value on the last edge goes in the last bin.
  let last = Math.max(first + 1, Math.ceil(max / step));
  if (last * step <= max) last++; // every value below the top edge: bins are [from, to)
  const edges = Array.from({ length: last - first + 1 }, (_, k) => (first + k) * step);
  const counts = columns.map((c) => {
    const out = new Array<number>(last - first).fill(0);
    for (const v of c) {
      let k = Math.min(last - first - 1, Math.max(0, Math.floor(v / step) - first));
      // v / step can round across an edge: settle on the bin whose edges hold v.
      while (k > 0 && v < edges[k]) k--;
      while (k < last - first - 1 && v >= edges[k + 1]) k++;
      out[k]++;
    }
    return out;
  });
  return { edges, counts };
}

/** Pairs, widening and the net-cost histogram from the horizon values of every scenario. */
export function pairedSummary(
  values: HorizonValues,
  names: string[],
  base: number,
  year: number,
  interval: number,
): PairedSummary {
  const pairs: ScenarioPair[] = [];
  for (let a = 0; a < names.length; a++) {
    for (let b = a + 1; b < names.length; b++) {
      const differences: Record<string, PairedDifference> = {};
      for (const m of values.measures) {
        differences[m] = summariseDifference(
          differenceOf(values.column(a, m), values.column(b, m)),
          interval,
        );
      }
      // Net monetary benefit of b over a at each threshold k: k · ΔQALYs − Δcost, per iteration.
      if (values.measures.includes(QALY_MEASURE) && values.measures.includes(HISTOGRAM_MEASURE)) {
        const dq = differenceOf(values.column(a, QALY_MEASURE), values.column(b, QALY_MEASURE));
        const dc = differenceOf(
          values.column(a, HISTOGRAM_MEASURE),
          values.column(b, HISTOGRAM_MEASURE),
        );
        for (const k of NMB_THRESHOLDS) {
          differences[`nmb.${k}`] = summariseDifference(dq.map((q, i) => k * q - dc[i]), interval);
        }
      }
      pairs.push({ a: names[a], b: names[b], differences });
    }
  }
  const others = names.map((_, sc) => sc).filter((sc) => sc !== base);
  const widening: Record<string, Widening> = {};
  if (values.measures.includes(WIDENING_MEASURE)) {
    const baseSii = values.column(base, WIDENING_MEASURE);
    let meanBase = 0;
    for (let i = 0; i < baseSii.length; i++) meanBase += (baseSii[i] - meanBase) / (i + 1);
    const sign = Math.sign(meanBase);
    for (const sc of others) {
      const change = differenceOf(baseSii, values.column(sc, WIDENING_MEASURE));
      let widens = 0;
      let narrows = 0;
      for (const d of change) {
        if (sign * d > 0) widens++;
        else if (sign * d < 0) narrows++;
      }
      const n = Math.max(1, change.length);
      widening[names[sc]] = { baselineSign: sign, pWidens: widens / n, pNarrows: narrows / n };
    }
  }
  const netCost: Histogram = { edges: [], counts: {} };
  if (values.measures.includes(HISTOGRAM_MEASURE) && others.length) {
    const baseCost = values.column(base, HISTOGRAM_MEASURE);
    const h = histogram(
      others.map((sc) => differenceOf(baseCost, values.column(sc, HISTOGRAM_MEASURE))),
    );
    netCost.edges = h.edges;
    others.forEach((sc, k) => (netCost.counts[names[sc]] = h.counts[k]));
  }
  return {
    year,
    iterations: values.iterations,
    interval,
    measures: values.measures,
    pairs,
    widening,
    netCost,
  };
}

/** The pair of two named scenarios as "b − a" (the stored pair turned round if need be). */
export function pairOf(
  summary: PairedSummary,
  a: string,
  b: string,
): Record<string, PairedDifference> | null {
  const direct = summary.pairs.find((p) => p.a === a && p.b === b);
  if (direct) return direct.differences;
  const reverse = summary.pairs.find((p) => p.a === b && p.b === a);
  if (!reverse) return null;
  return Object.fromEntries(
    Object.entries(reverse.differences).map(([m, d]) => [m, {
      mean: -d.mean,
      low: -d.high,
      high: -d.low,
      pNegative: d.pPositive,
      pPositive: d.pNegative,
    }]),
  );
}
