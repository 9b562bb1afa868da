/**
 * Summaries of a run: for every scenario, every measure and every year, the mean, standard
 * deviation, Monte Carlo standard error (sd / √n), median and percentile interval, over
 * iterations; and the same for the difference from the baseline in the same iteration (common
 * random numbers), with the probability that the difference is negative (for net cost: the
 * probability of saving money). Iterations are read in order, so sums are reproducible.
 */
import type { BlockResult } from "./run.ts";
import { baselineIndex, type Model } from "./model.ts";
import { makeDeriver, type MeasureCatalogue, measureCatalogue } from "./measures.ts";
import { leafAreas } from "./population.ts";
import { AREA_FIELDS, recordLength } from "./record.ts";
import { hashInputs } from "./hash.ts";
import { ENGINE_VERSION } from "./version.ts";
import { ACTIVITIES, type AreaSpec } from "./types.ts";
import { quantileSorted, quantilesUnsorted } from "./quantiles.ts";
import { Accumulator, intervalProbabilities } from "./statistics.ts";

export interface SeriesSummary {
  mean: number[];
  sd: number[];
  mcse: number[];
  median?: number[];
  low?: number[];
  high?: number[];
  /** Share of iterations below zero (differences only). */
  pNegative?: number[];
}

export interface ScenarioResult {
  name: string;
  interventions: string[];
  levels: Record<string, SeriesSummary>;
  /** Scenario minus baseline, iteration by iteration; null for the baseline itself. */
  deltas: Record<string, SeriesSummary> | null;
  /**
   * Share of the reduction that falls in the most deprived quintile, per year: mean change in
   * Q1 over mean change in all quintiles (null where the total change is nil).
   */
  benefitShareMostDeprived: Record<string, (number | null)[]> | null;
  /** Mean population by state, [year][state]. */
  statePopulation: number[][];
  /**
   * Means by area (every node of the hierarchy: leaves summed), per year:
   * `area.<id>.population`, `area.<id>.cost.service`, `area.<id>.activity.<activity>`.
   * Areas carry means only (no per-iteration values), so thousands of them fit in memory.
   */
  areas: Record<string, number[]>;
  /** Scenario minus baseline of the area means; null for the baseline. */
  areaDeltas: Record<string, number[]> | null;
  /**
   * Distributions over iterations of key differences at the horizon, as 101 quantiles (0%, 1%,
   * …, 100%): `discounted.cost.total` (net cost) and `roi`. Null for the baseline.
   */
  distributions: Record<string, number[]> | null;
}

export interface Results {
  engine: { name: "careshift"; version: string };
  mode: "monte-carlo" | "expected";
  seed: number | string | null;
  iterations: number;
  interval: number;
  inputHash: string;
  horizonYears: number;
  cyclesPerYear: number;
  discountRate: number;
  years: number[];
  areas: AreaSpec[];
  states: { area: string; ageBand: string; complexity: string; quintile: number }[];
  scenarios: ScenarioResult[];
}

/** For each area, the indices of the leaf areas under it (itself if a leaf). */
export function areaLeafIndices(areas: AreaSpec[]): number[][] {
  const leaves = leafAreas(areas).map((a) => a.id);
  const children = new Map<string, string[]>();
  for (const a of areas) {
    if (a.parent) children.set(a.parent, [...(children.get(a.parent) ?? []), a.id]);
  }
  const under = (id: string): number[] => {
    const kids = children.get(id);
    return kids ? kids.flatMap(under) : [leaves.indexOf(id)];
  };
  return areas.map((a) => under(a.id));
}

/** Low, median and high of every column (column c at index c). */
interface ColumnQuantiles {
  low: Float64Array;
  median: Float64Array;
  high: Float64Array;
}

/** Columns gathered at a time from iteration rows: one cache line of floats per row read. */
const GATHER = 16;

/**
 * Quantiles of every column of per-iteration rows (`rows[i·width + c]`, n rows): columns are
 * gathered GATHER at a time, so each row is read in runs rather than one value at a time.
 */
function columnQuantiles(
  rows: Float32Array,
  n: number,
  width: number,
  interval: number,
): ColumnQuantiles {
  const ps = intervalProbabilities(interval);
  const out = {
    low: new Float64Array(width),
    median: new Float64Array(width),
    high: new Float64Array(width),
  };
  const buffer = new Float32Array(GATHER * n);
  for (let c0 = 0; c0 < width; c0 += GATHER) {
    const g = Math.min(GATHER, width - c0);
    for (let i = 0; i < n; i++) {
      const row = i * width + c0;
      for (let k = 0; k < g; k++) buffer[k * n + i] = rows[row + k];
    }
    for (let k = 0; k < g; k++) {
      const [low, median, high] = quantilesUnsorted(buffer.subarray(k * n, (k + 1) * n), ps);
      out.low[c0 + k] = low;
      out.median[c0 + k] = median;
      out.high[c0 + k] = high;
    }
  }
  return out;
}

/** One column of per-iteration rows. */
function columnOfRows(rows: Float32Array, n: number, width: number, c: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rows[i * width + c];
  return out;
}

function summariseSeries(
  cat: MeasureCatalogue,
  acc: Accumulator,
  quantiles: ColumnQuantiles | null,
  columnOf: Int32Array,
  withNegative: boolean,
): Record<string, SeriesSummary> {
  const Y = cat.years;
  const n = acc.n;
  const out: Record<string, SeriesSummary> = {};
  cat.keys.forEach((key, m) => {
    const s: SeriesSummary = { mean: [], sd: [], mcse: [] };
    const col = columnOf[m];
    if (col >= 0 && quantiles) {
      s.median = [];
      s.low = [];
      s.high = [];
    }
    if (withNegative) s.pNegative = [];
    for (let y = 0; y < Y; y++) {
      const j = m * Y + y;
      s.mean.push(acc.mean[j]);
      s.sd.push(acc.sd(j));
      s.mcse.push(acc.mcse(j));
      if (col >= 0 && quantiles) {
        const c = col * Y + y;
        s.median!.push(quantiles.median[c]);
        s.low!.push(quantiles.low[c]);
        s.high!.push(quantiles.high[c]);
      }
      if (withNegative) s.pNegative!.push(acc.pNegative(j));
    }
    out[key] = s;
  });
  return out;
}

export interface SummaryOptions {
  mode: "monte-carlo" | "expected";
  seed: number | string | null;
  interval: number;
}

/** Memory for the baseline's derived measures, kept for the scenarios' differences. */
const BASE_CACHE_BYTES = 160 * 1024 * 1024;

/** Summarises merged iterations (or the single expected-value run). */
export function summarise(model: Model, run: BlockResult, opts: SummaryOptions): Results {
  const { input, record, layout } = model;
  const n = run.count;
  const Y = record.years;
  const cat = measureCatalogue(
    record,
    input.interventions,
    layout.levels,
  );
  const D = cat.keys.length * Y;
  const len = recordLength(record);
  const leaves = areaLeafIndices(input.areas);
  const base = baselineIndex(model);
  const columnOf = new Int32Array(cat.keys.length).fill(-1);
  let columnCount = 0;
  cat.withInterval.forEach((w, m) => {
    if (w) columnOf[m] = columnCount++;
  });
  const keepRows = n > 1;
  const deriver = makeDeriver(cat, record, input.interventions, input.discountRate);
  const derive = (sc: number, i: number, out: Float64Array) =>
    deriver(run.records[sc].subarray(i * len, (i + 1) * len), out);
  // Per-iteration values of the measures with intervals, one row of W per iteration: row slot
  // col·Y + y holds measure m's year y (sources[slot] = m·Y + y).
  const W = columnCount * Y;
  const sources = new Int32Array(W);
  for (let m = 0; m < cat.keys.length; m++) {
    const col = columnOf[m];
    if (col >= 0) { for (let y = 0; y < Y; y++) sources[col * Y + y] = m * Y + y; }
  }
  const toRow = (rows: Float32Array, i: number, values: Float64Array) => {
    const at = i * W;
    for (let c = 0; c < W; c++) rows[at + c] = values[sources[c]];
  };

  // Every scenario's differences need the baseline's measures in the same iteration: derive
  // them once and keep them when that fits in BASE_CACHE_BYTES, else derive them again each time.
  const baseCache = n * D * 8 <= BASE_CACHE_BYTES ? new Float64Array(n * D) : null;
  if (baseCache) {
    for (let i = 0; i < n; i++) derive(base, i, baseCache.subarray(i * D, (i + 1) * D));
  }
  let baseValues = new Float64Array(D);
  const derived = new Float64Array(D);
  const delta = new Float64Array(D);
  const scenarios: ScenarioResult[] = input.scenarios.map((scenario, sc) => {
    const levelAcc = new Accumulator(D);
    const deltaAcc = new Accumulator(D);
    const roiAcc = new Accumulator(Y);
    const levelRows = keepRows ? new Float32Array(W * n) : null;
    const deltaRows = keepRows && sc !== base ? new Float32Array(W * n) : null;
    const roiRows = keepRows && sc !== base ? new Float32Array(n * Y) : null;
    const roi = new Float64Array(Y);
    const discTotal = cat.index.get("discounted.cost.total")! * Y;
    const discIntervention = cat.index.get("discounted.cost.intervention")! * Y;
    for (let i = 0; i < n; i++) {
      let values = derived;
      if (sc === base && baseCache) values = baseCache.subarray(i * D, (i + 1) * D);
      else derive(sc, i, values);
      levelAcc.add(values);
      if (levelRows) toRow(levelRows, i, values);
      if (sc === base) continue;
      if (baseCache) baseValues = baseCache.subarray(i * D, (i + 1) * D);
      else derive(base, i, baseValues);
      for (let j = 0; j < D; j++) delta[j] = values[j] - baseValues[j];
      deltaAcc.add(delta);
      if (deltaRows) toRow(deltaRows, i, delta);
      // Return on investment: net saving per £ of intervention cost (cumulative, discounted).
      for (let y = 0; y < Y; y++) {
        const spent = values[discIntervention + y];
        roi[y] = spent > 0 ? -delta[discTotal + y] / spent : 0;
        if (roiRows) roiRows[i * Y + y] = roi[y];
      }
      roiAcc.add(roi);
    }
    const quantilesOf = (rows: Float32Array | null) =>
      rows && columnQuantiles(rows, n, W, opts.interval);
    const levels = summariseSeries(cat, levelAcc, quantilesOf(levelRows), columnOf, false);
    let deltas: Record<string, SeriesSummary> | null = null;
    let benefit: Record<string, (number | null)[]> | null = null;
    let distributions: Record<string, number[]> | null = null;
    if (sc !== base) {
      const percentiles = (values: Float32Array | null, fallback: number) => {
        if (!values) return Array.from({ length: 101 }, () => fallback);
        const sorted = values.sort();
        return Array.from({ length: 101 }, (_, k) => quantileSorted(sorted, k / 100));
      };
      const netCol = columnOf[cat.index.get("discounted.cost.total")!];
      distributions = {
        "discounted.cost.total": percentiles(
          deltaRows && columnOfRows(deltaRows, n, W, netCol * Y + Y - 1),
          deltaAcc.mean[discTotal + Y - 1],
        ),
        roi: percentiles(roiRows && columnOfRows(roiRows, n, Y, Y - 1), roiAcc.mean[Y - 1]),
      };
      deltas = summariseSeries(cat, deltaAcc, quantilesOf(deltaRows), columnOf, true);
      const roiCat: MeasureCatalogue = {
        keys: ["roi"],
        index: new Map([["roi", 0]]),
        withInterval: Uint8Array.of(1),
        years: Y,
      };
      Object.assign(
        deltas,
        summariseSeries(
          roiCat,
          roiAcc,
          roiRows && columnQuantiles(roiRows, n, Y, opts.interval),
          Int32Array.of(0),
          true,
        ),
      );
      benefit = {};
      const share = (q1: string, all: string) =>
        deltas![all].mean.map((total, y) => {
          const part = deltas![q1].mean[y];
          return Math.abs(total) > 1e-9 ? part / total : null;
        });
      for (const a of ACTIVITIES) benefit[a] = share(`activity.${a}.q1`, `activity.${a}`);
      benefit.serviceCost = share("cost.service.q1", "cost.service");
    }
    const S = layout.stateCount;
    const statePopulation: number[][] = [];
    for (let y = 0; y < Y; y++) {
      statePopulation.push(
        Array.from(run.statePopulationSum[sc].subarray(y * S, (y + 1) * S), (v) => v / n),
      );
    }
    const areaMeans = (k: number) => {
      const out: Record<string, number[]> = {};
      const A = layout.areas.length;
      const fields = ["population", "cost.service", ...ACTIVITIES.map((a) => `activity.${a}`)];
      input.areas.forEach((area, j) => {
        fields.forEach((field, f) => {
          out[`area.${area.id}.${field}`] = Array.from({ length: Y }, (_, y) => {
            let total = 0;
            for (const leaf of leaves[j]) total += run.areaSum[k][(y * A + leaf) * AREA_FIELDS + f];
            return total / n;
          });
        });
      });
      return out;
    };
    const areas = areaMeans(sc);
    let areaDeltas: Record<string, number[]> | null = null;
    if (sc !== base) {
      const baseAreas = areaMeans(base);
      areaDeltas = Object.fromEntries(
        Object.entries(areas).map(([k, v]) => [k, v.map((x, y) => x - baseAreas[k][y])]),
      );
    }
    return {
      name: scenario.name,
      interventions: scenario.interventions,
      levels,
      deltas,
      benefitShareMostDeprived: benefit,
      statePopulation,
      areas,
      areaDeltas,
      distributions,
    };
  });

  return {
    engine: { name: "careshift", version: ENGINE_VERSION },
    mode: opts.mode,
    seed: opts.seed,
    iterations: n,
    interval: opts.interval,
    inputHash: hashInputs(input),
    horizonYears: input.horizonYears,
    cyclesPerYear: input.cyclesPerYear,
    discountRate: input.discountRate,
    years: Array.from({ length: Y }, (_, y) => y),
    areas: input.areas,
    states: Array.from({ length: layout.stateCount }, (_, s) => ({
      area: layout.areas[layout.area[s]],
      ageBand: layout.ageBands[layout.ageBand[s]],
      complexity: layout.levels[layout.level[s]],
      quintile: layout.quintile[s] + 1,
    })),
    scenarios,
  };
}
