/**
 * Summaries of a run: for every scenario, every measure (measures.ts) and every year, the mean,
 * standard deviation, Monte Carlo standard error (sd / √n), median and percentile interval over
 * iterations (statistics.ts); and the same for the difference from the baseline in the same
 * iteration (common random numbers), with the probability that the difference is negative (for
 * net cost: the probability of saving money). Iterations are read in order, so sums are
 * reproducible. `SummaryBuilder` takes a run a block at a time (a pool's blocks as they arrive)
 * and leaves the quantiles to independent jobs that any thread can answer; `summarise` does it
 * all in this thread. Both give the same numbers bit for bit.
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
import { Accumulator } from "./statistics.ts";
import { HorizonValues, type PairedSummary, pairedSummary } from "./paired.ts";
import { type BudgetResults, summariseBudgets } from "./budgets/summarise.ts";
import { analyseValue, type ScenarioValue, type ValueResults } from "./value/analyse.ts";
import {
  answerQuantiles,
  type ColumnQuantiles,
  ColumnTable,
  type QuantileAnswer,
  type QuantileJob,
} from "./quantile-jobs.ts";

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

/** values[from..from + length) as a plain array (Array.from of a typed array is slow). */
function slice(values: Float64Array, from: number, length: number): number[] {
  const out = new Array<number>(length);
  for (let i = 0; i < length; i++) out[i] = values[from + i];
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
  const series = () => new Array<number>(Y);
  for (let m = 0; m < count; m++) {
    const mean = series();
    const sd = series();
    const mcse = series();
    const s: SeriesSummary = { mean, sd, mcse };
    const col = columnOf[m];
    const withQuantiles = col >= 0 && quantiles !== null;
    if (withQuantiles) {
      const c0 = col * Y;
      s.median = slice(quantiles.median, c0, Y);
      s.low = slice(quantiles.low, c0, Y);
      s.high = slice(quantiles.high, c0, Y);
    }
    const pNegative = withNegative ? series() : null;
    if (pNegative) s.pNegative = pNegative;
    for (let y = 0; y < Y; y++) {
      const j = m * Y + y;
      mean[y] = acc.mean[j];
      sd[y] = acc.sd(j);
      mcse[y] = acc.mcse(j);
      if (pNegative) pNegative[y] = acc.pNegative(j);
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

/**
 * A summary built a block of iterations at a time, in iteration order (`add`), then finished
 * with a quantile pass (`finish`) that may run elsewhere (the pool's workers): a run's blocks
 * can be summarised as they arrive, while later blocks are still being simulated.
 *
 * Each iteration derives the baseline's measures once and every scenario's from them (no cache
 * of the baseline over iterations, so the time per iteration does not depend on how many there
 * are). Means, standard deviations and shares below zero are running sums over iterations in
 * order; quantiles are exact order statistics of the per-iteration values (kept as 32-bit
 * floats, as they always were). The result is the same bit for bit however the blocks were cut
 * and wherever the quantiles were computed.
 */
export class SummaryBuilder {
  private readonly Y: number;
  private readonly D: number;
  private readonly len: number;
  private readonly base: number;
  private readonly columnOf: Int32Array;
  private readonly sources: Int32Array;
  private readonly WA: number;
  private readonly WD: number;
  private readonly deriver: (raw: Float64Array, out: Float64Array) => void;
  private readonly absoluteAcc: Accumulator[];
  private readonly deltaAcc: (Accumulator | null)[];
  private readonly absoluteRows: (ColumnTable | null)[];
  private readonly deltaRows: (ColumnTable | null)[];
  private readonly baseValues: Float64Array;
  private readonly derived: Float64Array;
  private readonly delta: Float64Array;
  /** Each scenario's discounted totals at the horizon in every iteration, for the value analysis. */
  private readonly draws: {
    cost: Float64Array[];
    qalys: Float64Array[];
    lifeYears: Float64Array[];
  };
  private readonly horizons: { cost: number; qalys: number; lifeYears: number };
  /** Every scenario's paired measures at the horizon in every iteration (paired.ts). */
  private readonly paired: HorizonValues;
  private count = 0;

  /** `n`: how many iterations will be added. */
  constructor(private readonly model: Model, private readonly n: number, interval: number) {
    const { record, measures: cat } = model;
    const Y = record.years;
    const R = cat.recordCount;
    const P = cat.iterationCount;
    this.Y = Y;
    this.D = R * Y;
    this.len = recordLength(record);
    this.base = baselineIndex(model);
    const columnOf = new Int32Array(P).fill(-1);
    let columnCount = 0;
    for (let m = 0; m < P; m++) if (cat.measures[m].interval) columnOf[m] = columnCount++;
    let recordColumns = 0;
    for (let m = 0; m < R; m++) if (columnOf[m] >= 0) recordColumns++;
    this.columnOf = columnOf;
    // Per-iteration values of the measures with intervals, one row per iteration: row slot
    // col·Y + y holds measure m's year y (sources[slot] = m·Y + y). A scenario's rows hold its
    // record measures (the first WA slots); a difference's rows hold the per-iteration ones too.
    this.WA = recordColumns * Y;
    this.WD = columnCount * Y;
    this.sources = new Int32Array(this.WD);
    for (let m = 0; m < P; m++) {
      const col = columnOf[m];
      if (col >= 0) { for (let y = 0; y < Y; y++) this.sources[col * Y + y] = m * Y + y; }
    }
    this.deriver = makeDeriver(model);
    const keepRows = n > 1;
    const scenarios = model.input.scenarios.length;
    this.absoluteAcc = Array.from({ length: scenarios }, () => new Accumulator(this.D));
    this.deltaAcc = Array.from(
      { length: scenarios },
      (_, sc) => sc === this.base ? null : new Accumulator(P * Y),
    );
    this.absoluteRows = Array.from(
      { length: scenarios },
      () => keepRows ? new ColumnTable(n, this.WA, interval) : null,
    );
    this.deltaRows = Array.from({ length: scenarios }, (_, sc) => {
      if (!keepRows || sc === this.base) return null;
      const table = new ColumnTable(n, this.WD, interval);
      for (const key of DISTRIBUTION_KEYS) table.wantPercentiles(this.horizonColumn(key));
      return table;
    });
    const horizon = (key: MeasureKey) => cat.index.get(key)! * Y + Y - 1;
    this.horizons = {
      cost: horizon("discounted.cost.total"),
      qalys: horizon("discounted.qalys"),
      lifeYears: horizon("discounted.lifeYears"),
    };
    this.draws = {
      cost: Array.from({ length: scenarios }, () => new Float64Array(n)),
      qalys: Array.from({ length: scenarios }, () => new Float64Array(n)),
      lifeYears: Array.from({ length: scenarios }, () => new Float64Array(n)),
    };
    this.paired = HorizonValues.of(cat.index, Y, scenarios, n);
    this.baseValues = new Float64Array(this.D);
    this.derived = new Float64Array(this.D);
    this.delta = new Float64Array(P * Y);
  }

  /** The row slot of a difference measure's value at the horizon. */
  private horizonColumn(key: MeasureKey): number {
    return this.columnOf[this.model.measures.index.get(key)!] * this.Y + this.Y - 1;
  }

  /** Adds the next block of iterations (blocks must come in iteration order). */
  add(block: BlockResult): void {
    const { model, len, D, base, sources, baseValues, derived, delta } = this;
    const cat = model.measures;
    if (this.count + block.count > this.n) {
      throw new Error(`summary of ${this.n} iterations given more`);
    }
    const toRow = (row: Float32Array, values: Float64Array) => {
      for (let c = 0; c < row.length; c++) row[c] = values[sources[c]];
    };
    // A long block (a whole merged run) goes a chunk at a time, so its rows are never all held
    // row-major as well as column-major.
    for (let c0 = 0; c0 < block.count; c0 += ROW_CHUNK) {
      const chunk = Math.min(ROW_CHUNK, block.count - c0);
      const first = this.count + c0;
      for (let i = 0; i < chunk; i++) {
        const at = (c0 + i) * len;
        this.deriver(block.records[base].subarray(at, at + len), baseValues);
        for (let sc = 0; sc < block.records.length; sc++) {
          let values = baseValues;
          if (sc !== base) {
            this.deriver(block.records[sc].subarray(at, at + len), derived);
            values = derived;
          }
          this.absoluteAcc[sc].add(values);
          const k = first + i;
          this.paired.take(sc, k, values);
          this.draws.cost[sc][k] = values[this.horizons.cost];
          this.draws.qalys[sc][k] = values[this.horizons.qalys];
          this.draws.lifeYears[sc][k] = values[this.horizons.lifeYears];
          const absoluteRows = this.absoluteRows[sc];
          if (absoluteRows) toRow(absoluteRows.row(first, chunk, i), values);
          if (sc === base) continue;
          for (let j = 0; j < D; j++) delta[j] = values[j] - baseValues[j];
          differenceMeasures(cat, values, delta);
          this.deltaAcc[sc]!.add(delta);
          const deltaRows = this.deltaRows[sc];
          if (deltaRows) toRow(deltaRows.row(first, chunk, i), delta);
        }
      }
      for (const t of this.absoluteRows) t?.flush();
      for (const t of this.deltaRows) t?.flush();
    }
    this.count += block.count;
  }

  /** Every quantile job, in the order `finish` takes their answers. */
  jobs(): QuantileJob[] {
    return [...this.absoluteRows, ...this.deltaRows].flatMap((t) => t?.jobs ?? []);
  }

  /**
   * The results, from `run` (its state populations and area sums: every block added) and the
   * answers to `jobs()` in order (answerQuantiles, wherever it ran).
   */
  finish(run: BlockResult, answers: QuantileAnswer[], opts: SummaryOptions): Results {
    const { model, n, Y, base, columnOf } = this;
    if (this.count !== n) throw new Error(`summary of ${n} iterations given ${this.count}`);
    const { input, layout, measures: cat } = model;
    const R = cat.recordCount;
    const P = cat.iterationCount;
    const leaves = areaLeafIndices(input.areas);
    const at = (key: MeasureKey) => cat.index.get(key)!;
    let next = 0;
    const joined = (table: ColumnTable | null) => {
      if (!table) return null;
      const mine = answers.slice(next, next + table.jobs.length);
      next += table.jobs.length;
      return table.join(mine);
    };
    const absoluteQuantiles = this.absoluteRows.map(joined);
    const deltaQuantiles = this.deltaRows.map(joined);
    const S = layout.stateCount;
    const areaKeys = areaSeriesKeys(input.areas);
    const areaMeans = run.areaSum.map((sums) =>
      meanAreaSeries(sums, areaKeys, leaves, layout.areas.length, Y, n)
    );
    const scenarios: ScenarioResult[] = input.scenarios.map((scenario, sc) => {
      const absolute = summariseSeries(
        cat,
        R,
        this.absoluteAcc[sc],
        absoluteQuantiles[sc],
        columnOf,
        false,
      ) as Record<ScenarioMeasureKey, SeriesSummary>;
      let deltas: Record<MeasureKey, SeriesSummary> | null = null;
      let distributions: Record<DistributionKey, number[]> | null = null;
      if (sc !== base) {
        const deltaAcc = this.deltaAcc[sc]!;
        const quantiles = deltaQuantiles[sc];
        const percentiles = (key: DistributionKey) => {
          const m = at(key);
          if (!quantiles) return Array.from({ length: 101 }, () => deltaAcc.mean[m * Y + Y - 1]);
          return quantiles.percentiles.get(this.horizonColumn(key))!;
        };
        distributions = {
          "discounted.cost.total": percentiles("discounted.cost.total"),
          roi: percentiles("roi"),
        };
        const summarised = summariseSeries(cat, P, deltaAcc, quantiles, columnOf, true);
        ratiosOfMeans(cat, summarised);
        deltas = summarised as Record<MeasureKey, SeriesSummary>;
      }
      const statePopulation = meanStatePopulation(run.statePopulationSum[sc], Y, S, n);
      const areas = areaMeans[sc];
      let areaDeltas: Record<AreaKey, number[]> | null = null;
      if (sc !== base) {
        const baseAreas = areaMeans[base];
        const out: Record<string, number[]> = {};
        for (const key of areaKeys) {
          const v = areas[key];
          const b = baseAreas[key];
          const d = new Array<number>(Y);
          for (let y = 0; y < Y; y++) d[y] = v[y] - b[y];
          out[key] = d;
        }
        areaDeltas = out as Record<AreaKey, number[]>;
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
    const { value, scenarios: values } = analyseValue(model, { years, scenarios }, this.draws, {
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
        this.paired,
        input.scenarios.map((s) => s.name),
        this.base,
        this.Y - 1,
        opts.interval,
      ),
      ...(budgets ? { budgets } : {}),
      value,
    };
  }
}

/** Mean population by state, [year][state], from the sums over `n` iterations. */
function meanStatePopulation(sum: Float64Array, Y: number, S: number, n: number): number[][] {
  const out: number[][] = [];
  for (let y = 0; y < Y; y++) {
    const row = new Array<number>(S);
    for (let s = 0; s < S; s++) row[s] = sum[y * S + s] / n;
    out.push(row);
  }
  return out;
}

/** The area fields in the order of a record's area values (record.ts, AREA_FIELDS). */
const AREA_SERIES_FIELDS = [
  "population",
  "cost.service",
  ...ACTIVITIES.map((a) => `activity.${a}`),
];

/** Every area series key, area by area, field by field (the order results list them). */
function areaSeriesKeys(areas: AreaSpec[]): AreaKey[] {
  return areas.flatMap((area) =>
    AREA_SERIES_FIELDS.map((field) => `area.${area.id}.${field}` as AreaKey)
  );
}

/**
 * Means by area (every node: its leaves summed, leaf by leaf), per year, from the area sums over
 * `n` iterations (years × leaf areas × AREA_FIELDS); `keys` from areaSeriesKeys.
 */
function meanAreaSeries(
  sums: Float64Array,
  keys: AreaKey[],
  leaves: number[][],
  A: number,
  Y: number,
  n: number,
): Record<AreaKey, number[]> {
  const out: Record<string, number[]> = {};
  const F = AREA_SERIES_FIELDS.length;
  for (let j = 0; j < leaves.length; j++) {
    for (let f = 0; f < F; f++) {
      const series = new Array<number>(Y);
      for (let y = 0; y < Y; y++) {
        let total = 0;
        for (const leaf of leaves[j]) total += sums[(y * A + leaf) * AREA_FIELDS + f];
        series[y] = total / n;
      }
      out[keys[j * F + f]] = series;
    }
  }
  return out as Record<AreaKey, number[]>;
}

/** Iterations whose rows are gathered row-major before they go to their columns. */
const ROW_CHUNK = 64;

/** The distributions kept whole at the horizon. */
const DISTRIBUTION_KEYS: DistributionKey[] = ["discounted.cost.total", "roi"];

/** Summarises merged iterations (or the single deterministic run), in this thread. */
export function summarise(model: Model, run: BlockResult, opts: SummaryOptions): Results {
  const builder = new SummaryBuilder(model, run.count, opts.interval);
  builder.add(run);
  return builder.finish(run, builder.jobs().map(answerQuantiles), opts);
}
