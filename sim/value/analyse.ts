/**
 * The value-for-money analysis of a run (docs/model.md, "Value for money", "Value of
 * information", "What drives the uncertainty"), from each scenario's discounted cost and QALYs at
 * the horizon in every iteration and the parameter values of every iteration:
 *
 * - per scenario against the baseline: incremental cost, QALYs and life-years, the ICER with
 *   dominance (icer.ts), its status on the frontier (incremental.ts), net monetary benefit and
 *   P(cost-effective) at each threshold, payback (budget.ts);
 * - across scenarios: the incremental analysis, the cost-effectiveness plane (iterations), the
 *   acceptability curves and frontier (acceptability.ts), EVPI (evpi.ts) and EVPPI by group
 *   (evppi.ts, groups.ts) over £0–£50,000 per QALY, PRCC (prcc.ts), the tornado (tornado.ts), the
 *   budget view (budget.ts).
 *
 * Monte Carlo runs get everything; the deterministic analysis (one run at parameter means) gets
 * the point estimates only (no plane, curves, information values, PRCC or tornado).
 */
import { netMonetaryBenefit } from "../measures.ts";
import { baselineIndex, iterationParameters, type Model } from "../model.ts";
import type { AnalysisMode } from "../summary.ts";
import { quantilesUnsorted } from "../quantiles.ts";
import { intervalProbabilities } from "../statistics.ts";
import type { Results } from "../summary.ts";
import { acceptability, type OptionDraws } from "./acceptability.ts";
import { budgetView, type ScenarioBudget } from "./budget.ts";
import { evpi } from "./evpi.ts";
import { evppiByRegression, type EvppiEstimate } from "./evppi.ts";
import { resolveGroups } from "./groups.ts";
import { type Comparison, icerAgainstBaseline } from "./icer.ts";
import { type FrontierStatus, incrementalAnalysis, type IncrementalRow } from "./incremental.ts";
import { prcc } from "./prcc.ts";
import { thresholdGrid } from "./settings.ts";
import { type Tornado, tornado } from "./tornado.ts";

/** Iterations shown on the cost-effectiveness plane (the first ones of the run). */
export const MAX_PLANE_POINTS = 1000;

export interface ThresholdValue {
  threshold: number;
  /** Net monetary benefit k·ΔQALYs − Δcost, discounted, over the horizon: mean and interval. */
  nmb: { mean: number; low: number; high: number };
  /** Share of iterations with net monetary benefit above 0 (null in the deterministic analysis). */
  pCostEffective: number | null;
}

/** A scenario against the baseline, over the horizon, costs and QALYs discounted. */
export interface ScenarioValue {
  incrementalCost: number;
  incrementalQalys: number;
  incrementalLifeYears: number;
  /** Δcost / ΔQALYs in the trade-off quadrants; null when dominant, dominated or no change. */
  icer: number | null;
  comparison: Comparison;
  /** Status in the incremental analysis across all scenarios. */
  frontier: FrontierStatus;
  thresholds: ThresholdValue[];
  payback: ScenarioBudget["payback"];
}

export interface EvppiGroupResult extends EvppiEstimate {
  name: string;
  parameters: string[];
  /** EVPPI per year-0 person at each threshold. */
  perPerson: number[];
}

export interface ValueResults {
  thresholds: number[];
  healthDiscountRate: number;
  costDiscountRate: number;
  /** Year-0 population (the denominator of per-person values). */
  population: number;
  /** Across every scenario, on mean discounted cost and QALYs at the horizon. */
  incremental: IncrementalRow[];
  /** Per non-baseline scenario: change in discounted cost and QALYs in each plotted iteration. */
  plane: { scenario: string; cost: number[]; qalys: number[] }[] | null;
  /** Acceptability curves (every scenario, the baseline too) and frontier over the grid. */
  acceptability: {
    thresholds: number[];
    scenarios: { name: string; probability: number[] }[];
    frontier: { scenario: string; probability: number }[];
  } | null;
  /** EVPI over the grid: the whole population over the horizon, and per year-0 person. */
  evpi: { thresholds: number[]; population: number[]; perPerson: number[] } | null;
  evppi: {
    method: string;
    thresholds: number[];
    groups: EvppiGroupResult[];
    /** Groups not estimated, and why. */
    omitted: { name: string; reason: string }[];
  } | null;
  /** PRCC of each varying parameter with each scenario's net cost and NMB at the first threshold. */
  prcc: {
    threshold: number;
    parameters: string[];
    scenarios: { name: string; netCost: (number | null)[]; nmb: (number | null)[] }[];
  } | null;
  tornado: Tornado | null;
  budget: ScenarioBudget[];
}

/** Per scenario and iteration: discounted cost, QALYs and life-years at the horizon. */
export interface HorizonDraws {
  cost: Float64Array[];
  qalys: Float64Array[];
  lifeYears: Float64Array[];
}

export interface ValueRun {
  mode: AnalysisMode;
  seed: number | string | null;
  /** First iteration of the run (its parameters are recomputed from the seed). */
  start: number;
  interval: number;
}

const meanOf = (x: Float64Array) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return x.length ? s / x.length : 0;
};

/** Each scenario's change against the baseline in every iteration. */
function changes(draws: HorizonDraws, base: number): OptionDraws & { lifeYears: Float64Array[] } {
  const minus = (a: Float64Array, b: Float64Array) => a.map((v, i) => v - b[i]);
  return {
    names: [],
    cost: draws.cost.map((c) => minus(c, draws.cost[base])),
    qalys: draws.qalys.map((q) => minus(q, draws.qalys[base])),
    lifeYears: draws.lifeYears.map((l) => minus(l, draws.lifeYears[base])),
  };
}

/** The parameter values of every iteration, one array per parameter. */
function parameterColumns(model: Model, seed: number | string, start: number, n: number) {
  const P = model.registry.keys.length;
  const columns = Array.from({ length: P }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const values = iterationParameters(model, seed, start + i);
    for (let j = 0; j < P; j++) columns[j][i] = values[j];
  }
  return columns;
}

export function analyseValue(
  model: Model,
  results: Pick<Results, "years" | "scenarios">,
  draws: HorizonDraws,
  run: ValueRun,
): { value: ValueResults; scenarios: (ScenarioValue | null)[] } {
  const settings = model.value;
  const base = baselineIndex(model);
  const names = model.input.scenarios.map((s) => s.name);
  const n = draws.cost[base].length;
  const monteCarlo = run.mode === "monte-carlo" && n > 1;
  const delta = { ...changes(draws, base), names };
  const population = results.scenarios[base].absolute.population.mean[0];
  const incremental = incrementalAnalysis(
    names.map((name, d) => ({ name, cost: meanOf(draws.cost[d]), effect: meanOf(draws.qalys[d]) })),
  );
  const status = new Map(incremental.map((r) => [r.name, r.status]));
  const budget = results.scenarios.flatMap((s, d) =>
    d === base ? [] : [budgetView(results.years, s, model.input.interventions, settings)]
  );
  const [pLow, , pHigh] = intervalProbabilities(run.interval);
  const scenarios = names.map((name, d): ScenarioValue | null => {
    if (d === base) return null;
    const dc = meanOf(delta.cost[d]);
    const dq = meanOf(delta.qalys[d]);
    const { icer, comparison } = icerAgainstBaseline(dc, dq);
    return {
      incrementalCost: dc,
      incrementalQalys: dq,
      incrementalLifeYears: meanOf(delta.lifeYears[d]),
      icer,
      comparison,
      frontier: status.get(name)!,
      thresholds: settings.thresholds.map((k) => {
        const nmb = delta.cost[d].map((c, i) => netMonetaryBenefit(k, delta.qalys[d][i], c));
        const [low, high] = quantilesUnsorted(nmb.slice(), [pLow, pHigh]);
        let positive = 0;
        for (const v of nmb) if (v > 0) positive++;
        return {
          threshold: k,
          nmb: { mean: meanOf(nmb), low, high },
          pCostEffective: monteCarlo ? positive / n : null,
        };
      }),
      payback: budget.find((b) => b.name === name)!.payback,
    };
  });
  const value: ValueResults = {
    thresholds: settings.thresholds,
    healthDiscountRate: model.health.discountRate,
    costDiscountRate: model.input.discountRate,
    population,
    incremental,
    plane: null,
    acceptability: null,
    evpi: null,
    evppi: null,
    prcc: null,
    tornado: null,
    budget,
  };
  const others = names.map((_, d) => d).filter((d) => d !== base);
  if (!monteCarlo || run.seed === null || others.length === 0) return { value, scenarios };

  value.plane = others.map((d) => ({
    scenario: names[d],
    cost: Array.from(delta.cost[d].subarray(0, MAX_PLANE_POINTS)),
    qalys: Array.from(delta.qalys[d].subarray(0, MAX_PLANE_POINTS)),
  }));
  const grid = thresholdGrid(settings);
  const ceac = acceptability(delta, grid);
  value.acceptability = {
    thresholds: grid,
    scenarios: names.map((name, d) => ({ name, probability: ceac.probability[d] })),
    frontier: ceac.frontier.map((f) => ({ scenario: names[f.option], probability: f.probability })),
  };
  const evpiValues = grid.map((k) => evpi(delta, k));
  value.evpi = {
    thresholds: grid,
    population: evpiValues,
    perPerson: evpiValues.map((v) => v / population),
  };
  const parameters = parameterColumns(model, run.seed, run.start, n);
  const groups = resolveGroups(model.registry, model.input.interventions, settings.evppi);
  const estimated: EvppiGroupResult[] = [];
  const omitted: { name: string; reason: string }[] = [];
  for (const g of groups) {
    if (!g.indices.length) {
      omitted.push({ name: g.name, reason: "none of its parameters varies" });
      continue;
    }
    const e = evppiByRegression(
      g.indices.map((j) => parameters[j]),
      delta,
      grid,
      evpiValues,
      base,
      settings.thresholds,
    );
    if (!e) {
      omitted.push({
        name: g.name,
        reason: "too few iterations for a regression on its parameters",
      });
      continue;
    }
    estimated.push({
      name: g.name,
      parameters: g.keys,
      ...e,
      perPerson: e.evppi.map((v) => v / population),
    });
  }
  value.evppi = {
    method:
      "Strong, Oakley & Brennan 2014 regression: least squares on restricted cubic splines (5 knots) of each parameter, with pairwise products for groups of up to 4",
    thresholds: grid,
    groups: estimated,
    omitted,
  };
  const varying = model.registry.keys.map((_, j) => j).filter((j) =>
    model.registry.distributions[j].dist !== "fixed"
  );
  const k0 = settings.thresholds[0];
  const outputs = others.flatMap((d) => [
    delta.cost[d],
    delta.cost[d].map((c, i) => netMonetaryBenefit(k0, delta.qalys[d][i], c)),
  ]);
  const coefficients = prcc(varying.map((j) => parameters[j]), outputs);
  value.prcc = {
    threshold: k0,
    parameters: varying.map((j) => model.registry.keys[j]),
    scenarios: others.map((d, k) => ({
      name: names[d],
      netCost: coefficients[2 * k],
      nmb: coefficients[2 * k + 1],
    })),
  };
  value.tornado = tornado(model, k0, run.interval);
  return { value, scenarios };
}
