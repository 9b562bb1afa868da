/**
 * Study assertions for CI: a condition on a measure in a scenario and year, either on the mean
 * or with a probability over iterations ("in scenario X, cumulative net cost at year 5 is below
 * 0 with probability at least 0.8"; "the SII for non-elective admissions does not widen";
 * "P(NMB > 0 at £20k) ≥ 0.8" as `nmb.20000` above 0 with probability 0.8). One more than the
 * measures: `icer` below k, "cost-effective at £k per QALY" on mean discounted costs and QALYs to
 * the year, dominance handled (sim/value/icer.ts).
 */
import { baselineIndex, type Model } from "./model.ts";
import { makeDeriver } from "./deriver.ts";
import {
  ICER_MEASURE,
  type MeasureKey,
  netMonetaryBenefit,
  returnOnInvestment,
  type Unit,
} from "./measures.ts";

export { ICER_MEASURE };
import { costEffectiveAt, icerAgainstBaseline } from "./value/icer.ts";
import { recordLength } from "./record.ts";
import type { BlockResult } from "./run.ts";
import type { Assertion } from "./study/format.ts";
import { summariseColumn } from "./statistics.ts";

export interface AssertionOutcome {
  assertion: Assertion;
  /** One-line statement of the assertion. */
  label: string;
  /** The unit of the measured quantity (for formatting). */
  unit: Unit;
  passed: boolean;
  year: number;
  /** Mean of the measured quantity (the difference, the level, or |scenario| − |baseline|). */
  mean: number;
  low: number;
  high: number;
  /** Share of iterations in which the condition held. */
  share: number;
}

/** Measure keys an assertion may use: every measure with a value in each iteration, and `icer`. */
export function assertableMeasures(model: Model): (MeasureKey | typeof ICER_MEASURE)[] {
  return [...model.measures.keys.slice(0, model.measures.iterationCount), ICER_MEASURE];
}

export function describeAssertion(a: Assertion, year: number): string {
  if (a.measure === ICER_MEASURE) {
    return a.name ??
      `${a.scenario}, year ${year}: cost-effective at £${a.below} per QALY (ICER, mean costs and QALYs)`;
  }
  const what = a.notWidening
    ? `|${a.measure}| does not widen`
    : `${a.compare === "level" ? "" : "change in "}${a.measure}${
      a.below !== undefined ? ` < ${a.below}` : ""
    }${a.above !== undefined ? ` > ${a.above}` : ""}`;
  const how = a.probability !== undefined ? ` with probability ≥ ${a.probability}` : " (mean)";
  return a.name ?? `${a.scenario}, year ${year}: ${what}${how}`;
}

/** Evaluates assertions on a run's raw iterations (`run`, merged in iteration order). */
export function evaluateAssertions(
  model: Model,
  run: BlockResult,
  assertions: Assertion[],
  interval: number,
): AssertionOutcome[] {
  const { input, record, measures: cat } = model;
  const Y = record.years;
  const n = run.count;
  const len = recordLength(record);
  const base = baselineIndex(model);
  const scenarioValues = new Float64Array(cat.recordCount * Y);
  const baseValues = new Float64Array(cat.recordCount * Y);
  const derive = makeDeriver(model);
  const at = (values: Float64Array, key: string, year: number) =>
    values[cat.index.get(key)! * Y + year];
  return assertions.map((a) => {
    const sc = input.scenarios.findIndex((s) => s.name === a.scenario);
    const year = a.year ?? Y - 1;
    if (a.measure === ICER_MEASURE) return icerAssertion(a, sc, year);
    const measure = cat.measures[cat.index.get(a.measure)!];
    const c = measure.compute;
    // ROI is a difference: its scenario and baseline values are those of the saving it divides;
    // NMB is one too: its own values are computed from the changes in QALYs and cost.
    const valueKey = c.kind === "roi" ? c.saving : a.measure;
    const xs = new Float64Array(n);
    let held = 0;
    let scenarioMean = 0;
    let baseMean = 0;
    for (let i = 0; i < n; i++) {
      derive(run.records[sc].subarray(i * len, (i + 1) * len), scenarioValues);
      derive(run.records[base].subarray(i * len, (i + 1) * len), baseValues);
      let ok: boolean;
      let x: number;
      if (c.kind === "nmb") {
        const q = at(scenarioValues, c.qalys, year) - at(baseValues, c.qalys, year);
        const cost = at(scenarioValues, c.cost, year) - at(baseValues, c.cost, year);
        x = netMonetaryBenefit(c.threshold, q, cost);
        ok = (a.below === undefined || x < a.below) && (a.above === undefined || x > a.above);
        xs[i] = x;
        if (ok) held++;
        continue;
      }
      const v = at(scenarioValues, valueKey, year);
      const bv = at(baseValues, valueKey, year);
      scenarioMean += v / n;
      baseMean += bv / n;
      if (c.kind === "roi") x = returnOnInvestment(v - bv, at(scenarioValues, c.spent, year));
      else x = a.notWidening ? Math.abs(v) - Math.abs(bv) : a.compare === "level" ? v : v - bv;
      if (a.notWidening) ok = x <= 1e-12;
      else ok = (a.below === undefined || x < a.below) && (a.above === undefined || x > a.above);
      xs[i] = x;
      if (ok) held++;
    }
    const { mean, low, high } = summariseColumn(xs, interval);
    const share = held / n;
    let passed: boolean;
    if (a.probability !== undefined) passed = share >= a.probability;
    else if (a.notWidening) passed = Math.abs(scenarioMean) <= Math.abs(baseMean) + 1e-12;
    else {passed = (a.below === undefined || mean < a.below) &&
        (a.above === undefined || mean > a.above);}
    return {
      assertion: a,
      label: describeAssertion(a, year),
      unit: measure.unit,
      passed,
      year,
      mean,
      low,
      high,
      share,
    };
  });

  /**
   * `icer` below k: cost-effective at k on mean discounted cost and QALYs to `year` (net
   * monetary benefit of the means above 0). Measured: the ICER where it is a ratio (else NaN,
   * the label saying dominant or dominated); low and high NaN; share 1 or 0.
   */
  function icerAssertion(a: Assertion, sc: number, year: number): AssertionOutcome {
    const cost = cat.index.get("discounted.cost.total")! * Y + year;
    const qalys = cat.index.get("discounted.qalys")! * Y + year;
    let dc = 0;
    let dq = 0;
    for (let i = 0; i < n; i++) {
      derive(run.records[sc].subarray(i * len, (i + 1) * len), scenarioValues);
      derive(run.records[base].subarray(i * len, (i + 1) * len), baseValues);
      dc += (scenarioValues[cost] - baseValues[cost]) / n;
      dq += (scenarioValues[qalys] - baseValues[qalys]) / n;
    }
    const { icer, comparison } = icerAgainstBaseline(dc, dq);
    const passed = costEffectiveAt(a.below!, dc, dq);
    return {
      assertion: a,
      label: `${describeAssertion(a, year)} — ${comparison}`,
      unit: "£ per QALY",
      passed,
      year,
      mean: icer ?? NaN,
      low: NaN,
      high: NaN,
      share: passed ? 1 : 0,
    };
  }
}
