/**
 * Summaries of a run: for every scenario, every measure (measures.ts) and every year, the mean,
 * standard deviation, Monte Carlo standard error (sd / √n), median and percentile interval over
 * iterations (statistics.ts); and the same for the difference from the baseline in the same
 * iteration (common random numbers), with the probability that the difference is negative (for
 * net cost: the probability of saving money). Iterations are read in order, so sums are
 * reproducible.
 */
import type { BlockResult } from "./run.ts";
import { baselineIndex, type Model } from "./model.ts";
import { makeDeriver } from "./deriver.ts";
import {
  type MeasureCatalogue,
  type MeasureKey,
  netMonetaryBenefit,
  returnOnInvestment,
  type ScenarioMeasureKey,
} from "./measures.ts";
import { areaLeafIndices } from "./population.ts";
import { AREA_FIELDS, recordLength } from "./record.ts";
import { ENGINE_VERSION } from "./version.ts";
import { modelInputHash, type Provenance, provenance, type RunFacts } from "./provenance.ts";
import { ACTIVITIES, type Activity, type AreaSpec, type UncertaintyMode } from "./types.ts";
import { quantileSorted, quantilesUnsorted } from "./quantiles.ts";
import { Accumulator, intervalProbabilities } from "./statistics.ts";
import { HorizonValues, type PairedSummary, pairedSummary } from "./paired.ts";
import { type BudgetResults, summariseBudgets } from "./budgets/summarise.ts";
import { analyseValue, type ScenarioValue, type ValueResults } from "./value/analyse.ts";

export interface SeriesSummary {
  mean: number[];
  /** Absent for a ratio of means (it has no per-iteration values). */
  sd?: number[];
  mcse?: number[];
  median?: number[];
  low?: number[];
  high?: number[];
  /** Share of iterations below zero (differences only). */
  pNegative?: number[];
}

/** Area series: `area.<id>.population`, `area.<id>.cost.service`, `area.<id>.activity.<activity>`. */
export type AreaKey = `area.${string}.${"population" | "cost.service" | `activity.${Activity}`}`;

/** The distributions kept whole (as 101 quantiles) at the horizon. */
export type DistributionKey = "discounted.cost.total" | "roi";

export interface ScenarioResult {
  name: string;
  interventions: string[];
  /** The scenario's own values of every measure (not differences). */
  absolute: Record<ScenarioMeasureKey, SeriesSummary>;
  /**
   * Scenario minus baseline, iteration by iteration, and the measures that exist only as a
   * difference (ROI, shares of a change in Q1); null for the baseline itself.
   */
  deltas: Record<MeasureKey, SeriesSummary> | null;
  /** Mean population by state, [year][state]. */
  statePopulation: number[][];
  /**
   * Means by area (every node of the hierarchy: leaves summed), per year. Areas carry means only
   * (no per-iteration values), so thousands of them fit in memory.
   */
  areas: Record<AreaKey, number[]>;
  /** Scenario minus baseline of the area means; null for the baseline. */
  areaDeltas: Record<AreaKey, number[]> | null;
  /**
   * Distributions over iterations of key differences at the horizon, as 101 quantiles (0%, 1%,
   * …, 100%): `discounted.cost.total` (net cost) and `roi`. Null for the baseline.
   */
  distributions: Record<DistributionKey, number[]> | null;
  /** Value for money against the baseline (sim/value/analyse.ts); null for the baseline. */
  value: ScenarioValue | null;
}

/** The two analyses: Monte Carlo, or deterministic (parameters at their means, no sampling). */
export type AnalysisMode = "monte-carlo" | "deterministic";

export interface Results {
  engine: { name: "careshift"; version: string };
  mode: AnalysisMode;
  /** What each Monte Carlo iteration drew; null for the deterministic analysis. */
  uncertainty: UncertaintyMode | null;
  seed: number | string | null;
  iterations: number;
  interval: number;
  inputHash: string;
  horizonYears: number;
  cyclesPerYear: number;
  discountRate: number;
  years: number[];
  areas: AreaSpec[];
  states: {
    area: string;
    ageBand: string;
    ageGroup: string;
    complexity: string;
    quintile: number;
  }[];
  scenarios: ScenarioResult[];
  /** Where these results came from (sim/provenance.ts). */
  provenance: Provenance;
  /**
   * Scenarios compared with each other iteration by iteration at the horizon, how often the SII
   * widens against the baseline, and net cost over the iterations (paired.ts). Absent in results
   * saved before it existed.
   */
  paired?: PairedSummary;
  /** Providers, cohorts, capitation and agreements: studies with providers only (sim/budgets/). */
  budgets?: BudgetResults;
  /** Value for money across scenarios: frontier, curves, information values, drivers, budget. */
  value: ValueResults;
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

/** Summaries of the first `count` measures, from their accumulator and quantiles. */
function summariseSeries(
  cat: MeasureCatalogue,
  count: number,
  acc: Accumulator,
  quantiles: ColumnQuantiles | null,
  columnOf: Int32Array,
  withNegative: boolean,
): Record<string, SeriesSummary> {
  const Y = cat.years;
  const out: Record<string, SeriesSummary> = {};
  for (let m = 0; m < count; m++) {
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
      s.sd!.push(acc.sd(j));
      s.mcse!.push(acc.mcse(j));
      if (col >= 0 && quantiles) {
        const c = col * Y + y;
        s.median!.push(quantiles.median[c]);
        s.low!.push(quantiles.low[c]);
        s.high!.push(quantiles.high[c]);
      }
      if (withNegative) s.pNegative!.push(acc.pNegative(j));
    }
    out[cat.keys[m]] = s;
  }
  return out;
}

/**
 * The per-iteration differences that need more than a subtraction (ROI, net monetary benefit),
 * filled into `delta` after the record measures' differences: `values` are the scenario's record
 * measures.
 */
function differenceMeasures(
  cat: MeasureCatalogue,
  values: Float64Array,
  delta: Float64Array,
): void {
  const Y = cat.years;
  for (let m = cat.recordCount; m < cat.iterationCount; m++) {
    const c = cat.measures[m].compute;
    if (c.kind === "roi") {
      const saving = cat.index.get(c.saving)! * Y;
      const spent = cat.index.get(c.spent)! * Y;
      for (let y = 0; y < Y; y++) {
        delta[m * Y + y] = returnOnInvestment(delta[saving + y], values[spent + y]);
      }
    } else if (c.kind === "nmb") {
      const qalys = cat.index.get(c.qalys)! * Y;
      const cost = cat.index.get(c.cost)! * Y;
      for (let y = 0; y < Y; y++) {
        delta[m * Y + y] = netMonetaryBenefit(c.threshold, delta[qalys + y], delta[cost + y]);
      }
    } else {
      throw new Error(`no per-iteration rule for ${cat.keys[m]}`);
    }
  }
}

/** Ratios of means (shares of a change in Q1), from the summarised differences. */
function ratiosOfMeans(
  cat: MeasureCatalogue,
  deltas: Record<string, SeriesSummary>,
): void {
  const Y = cat.years;
  for (let m = cat.iterationCount; m < cat.measures.length; m++) {
    const c = cat.measures[m].compute;
    if (c.kind !== "shareOfMeans") throw new Error(`no summary rule for ${cat.keys[m]}`);
    const part = deltas[c.part].mean;
    const whole = deltas[c.whole].mean;
    const mean: number[] = [];
    let partSum = 0;
    let wholeSum = 0;
    for (let y = 0; y < Y; y++) {
      let p = part[y];
      let w = whole[y];
      if (c.cumulative) {
        if (y >= 1) {
          partSum += p;
          wholeSum += w;
        }
        p = partSum;
        w = wholeSum;
      }
      // NaN (null in JSON) where the change is nil.
      mean.push(Math.abs(w) > 1e-9 ? p / w : NaN);
    }
    deltas[cat.keys[m]] = { mean };
  }
}

export interface SummaryOptions {
  mode: AnalysisMode;
  uncertainty: UncertaintyMode | null;
  seed: number | string | null;
  interval: number;
  /** The study's hash, the uncertainty mode and the host's facts, for the provenance. */
  facts?: RunFacts;
}

/** Memory for the baseline's derived measures, kept for the scenarios' differences. */
const BASE_CACHE_BYTES = 160 * 1024 * 1024;

/** Summarises merged iterations (or the single deterministic run). */
export function summarise(model: Model, run: BlockResult, opts: SummaryOptions): Results {
  const { input, record, layout, measures: cat } = model;
  const n = run.count;
  const Y = record.years;
  // Record measures (R) have a value per record; differences add the per-iteration ones (P).
  const R = cat.recordCount;
  const P = cat.iterationCount;
  const D = R * Y;
  const len = recordLength(record);
  const leaves = areaLeafIndices(input.areas);
  const base = baselineIndex(model);
  const columnOf = new Int32Array(P).fill(-1);
  let columnCount = 0;
  for (let m = 0; m < P; m++) if (cat.measures[m].interval) columnOf[m] = columnCount++;
  let recordColumns = 0;
  for (let m = 0; m < R; m++) if (columnOf[m] >= 0) recordColumns++;
  const keepRows = n > 1;
  const deriver = makeDeriver(model);
  const derive = (sc: number, i: number, out: Float64Array) =>
    deriver(run.records[sc].subarray(i * len, (i + 1) * len), out);
  // Per-iteration values of the measures with intervals, one row per iteration: row slot
  // col·Y + y holds measure m's year y (sources[slot] = m·Y + y). A scenario's rows hold its
  // record measures (the first WA slots); a difference's rows hold the per-iteration ones too.
  const WA = recordColumns * Y;
  const WD = columnCount * Y;
  const sources = new Int32Array(WD);
  for (let m = 0; m < P; m++) {
    const col = columnOf[m];
    if (col >= 0) { for (let y = 0; y < Y; y++) sources[col * Y + y] = m * Y + y; }
  }
  const toRow = (rows: Float32Array, width: number, i: number, values: Float64Array) => {
    const at = i * width;
    for (let c = 0; c < width; c++) rows[at + c] = values[sources[c]];
  };

  // Every scenario's differences need the baseline's measures in the same iteration: derive
  // them once and keep them when that fits in BASE_CACHE_BYTES, else derive them again each time.
  const baseCache = n * D * 8 <= BASE_CACHE_BYTES ? new Float64Array(n * D) : null;
  if (baseCache) {
    for (let i = 0; i < n; i++) derive(base, i, baseCache.subarray(i * D, (i + 1) * D));
  }
  let baseValues = new Float64Array(D);
  const derived = new Float64Array(D);
  const delta = new Float64Array(P * Y);
  const at = (key: MeasureKey) => cat.index.get(key)!;
  const horizon = HorizonValues.of(cat.index, Y, input.scenarios.length, n);
  // Each scenario's discounted totals at the horizon in every iteration, for the value analysis.
  const horizonAt = (key: MeasureKey) => at(key) * Y + Y - 1;
  const horizonCost = horizonAt("discounted.cost.total");
  const horizonQalys = horizonAt("discounted.qalys");
  const horizonLifeYears = horizonAt("discounted.lifeYears");
  const draws = {
    cost: input.scenarios.map(() => new Float64Array(n)),
    qalys: input.scenarios.map(() => new Float64Array(n)),
    lifeYears: input.scenarios.map(() => new Float64Array(n)),
  };
  const scenarios: ScenarioResult[] = input.scenarios.map((scenario, sc) => {
    const absoluteAcc = new Accumulator(D);
    const deltaAcc = new Accumulator(P * Y);
    const absoluteRows = keepRows ? new Float32Array(WA * n) : null;
    const deltaRows = keepRows && sc !== base ? new Float32Array(WD * n) : null;
    for (let i = 0; i < n; i++) {
      let values = derived;
      if (sc === base && baseCache) values = baseCache.subarray(i * D, (i + 1) * D);
      else derive(sc, i, values);
      absoluteAcc.add(values);
      horizon.take(sc, i, values);
      draws.cost[sc][i] = values[horizonCost];
      draws.qalys[sc][i] = values[horizonQalys];
      draws.lifeYears[sc][i] = values[horizonLifeYears];
      if (absoluteRows) toRow(absoluteRows, WA, i, values);
      if (sc === base) continue;
      if (baseCache) baseValues = baseCache.subarray(i * D, (i + 1) * D);
      else derive(base, i, baseValues);
      for (let j = 0; j < D; j++) delta[j] = values[j] - baseValues[j];
      differenceMeasures(cat, values, delta);
      deltaAcc.add(delta);
      if (deltaRows) toRow(deltaRows, WD, i, delta);
    }
    const quantilesOf = (rows: Float32Array | null, width: number) =>
      rows && columnQuantiles(rows, n, width, opts.interval);
    const absolute = summariseSeries(
      cat,
      R,
      absoluteAcc,
      quantilesOf(absoluteRows, WA),
      columnOf,
      false,
    ) as Record<ScenarioMeasureKey, SeriesSummary>;
    let deltas: Record<MeasureKey, SeriesSummary> | null = null;
    let distributions: Record<DistributionKey, number[]> | null = null;
    if (sc !== base) {
      const percentiles = (key: DistributionKey) => {
        const m = at(key);
        if (!deltaRows) return Array.from({ length: 101 }, () => deltaAcc.mean[m * Y + Y - 1]);
        const sorted = columnOfRows(deltaRows, n, WD, columnOf[m] * Y + Y - 1).sort();
        return Array.from({ length: 101 }, (_, k) => quantileSorted(sorted, k / 100));
      };
      distributions = {
        "discounted.cost.total": percentiles("discounted.cost.total"),
        roi: percentiles("roi"),
      };
      const summarised = summariseSeries(
        cat,
        P,
        deltaAcc,
        quantilesOf(deltaRows, WD),
        columnOf,
        true,
      );
      ratiosOfMeans(cat, summarised);
      deltas = summarised as Record<MeasureKey, SeriesSummary>;
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
      return out as Record<AreaKey, number[]>;
    };
    const areas = areaMeans(sc);
    let areaDeltas: Record<AreaKey, number[]> | null = null;
    if (sc !== base) {
      const baseAreas = areaMeans(base);
      areaDeltas = Object.fromEntries(
        Object.entries(areas).map(([k, v]) => [k, v.map((x, y) => x - baseAreas[k as AreaKey][y])]),
      ) as Record<AreaKey, number[]>;
    }
    return {
      name: scenario.name,
      interventions: scenario.interventions,
      absolute,
      deltas,
      statePopulation,
      areas,
      areaDeltas,
      distributions,
      value: null as ScenarioValue | null,
    };
  });
  const years = Array.from({ length: Y }, (_, y) => y);
  const { value, scenarios: values } = analyseValue(model, { years, scenarios }, draws, {
    mode: opts.mode,
    seed: opts.seed,
    start: run.start,
    interval: opts.interval,
  });
  scenarios.forEach((s, k) => (s.value = values[k]));

  const inputHash = modelInputHash(input);
  const budgets = summariseBudgets(model, run, opts.interval);
  return {
    engine: { name: "careshift", version: ENGINE_VERSION },
    mode: opts.mode,
    uncertainty: opts.uncertainty,
    seed: opts.seed,
    iterations: n,
    interval: opts.interval,
    inputHash,
    horizonYears: input.horizonYears,
    cyclesPerYear: input.cyclesPerYear,
    discountRate: input.discountRate,
    years,
    areas: input.areas,
    states: Array.from({ length: layout.stateCount }, (_, s) => ({
      area: layout.areas[layout.area[s]],
      ageBand: layout.ageBands[layout.ageBand[s]],
      ageGroup: layout.ageGroups[layout.ageGroup[s]].label,
      complexity: layout.levels[layout.level[s]],
      quintile: layout.quintile[s] + 1,
    })),
    scenarios,
    provenance: provenance({
      ...opts.facts,
      inputHash,
      seed: opts.seed,
      iterations: n,
      deterministic: opts.mode !== "monte-carlo",
      calibration: model.posterior ? { posteriorHash: model.posterior.hash } : undefined,
    }),
    paired: pairedSummary(
      horizon,
      input.scenarios.map((s) => s.name),
      base,
      Y - 1,
      opts.interval,
    ),
    ...(budgets ? { budgets } : {}),
    value,
  };
}
