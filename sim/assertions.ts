/**
 * Study assertions for CI: a condition on a measure in a scenario and year, either on the mean
 * or with a probability over iterations ("in scenario X, cumulative net cost at year 5 is below
 * 0 with probability at least 0.8"; "the SII for non-elective admissions does not widen").
 */
import { baselineIndex, type Model } from "./model.ts";
import { makeDeriver, measureCatalogue } from "./measures.ts";
import { recordLength } from "./record.ts";
import type { BlockResult } from "./run.ts";
import type { Assertion } from "./study/format.ts";
import { summariseColumn } from "./statistics.ts";

export interface AssertionOutcome {
  assertion: Assertion;
  /** One-line statement of the assertion. */
  label: string;
  passed: boolean;
  year: number;
  /** Mean of the measured quantity (the difference, the level, or |scenario| − |baseline|). */
  mean: number;
  low: number;
  high: number;
  /** Share of iterations in which the condition held. */
  share: number;
}

/** Measure keys an assertion may use for a model (the catalogue plus "roi"). */
export function assertableMeasures(model: Model): string[] {
  const cat = measureCatalogue(
    model.record,
    model.input.interventions,
    model.layout.levels,
  );
  return [...cat.keys, "roi"];
}

export function describeAssertion(a: Assertion, year: number): string {
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
  const { input, record } = model;
  const cat = measureCatalogue(
    record,
    input.interventions,
    model.layout.levels,
  );
  const Y = record.years;
  const n = run.count;
  const len = recordLength(record);
  const base = baselineIndex(model);
  const buffer = new Float64Array(cat.keys.length * Y);
  const derive = makeDeriver(cat, record, input.interventions, input.discountRate);
  const at = (key: string, year: number) => buffer[cat.index.get(key)! * Y + year];
  /** The measure in one scenario and iteration; ROI is a difference, so it needs the baseline. */
  const valueOf = (sc: number, i: number, key: string, year: number): number => {
    derive(run.records[sc].subarray(i * len, (i + 1) * len), buffer);
    return key === "roi" ? at("discounted.cost.total", year) : at(key, year);
  };
  const spentOf = (sc: number, i: number, year: number) => {
    valueOf(sc, i, "roi", year);
    return at("discounted.cost.intervention", year);
  };
  return assertions.map((a) => {
    const sc = input.scenarios.findIndex((s) => s.name === a.scenario);
    const year = a.year ?? Y - 1;
    const xs = new Float64Array(n);
    let held = 0;
    let scenarioMean = 0;
    let baseMean = 0;
    for (let i = 0; i < n; i++) {
      let ok: boolean;
      const v = valueOf(sc, i, a.measure, year);
      const bv = valueOf(base, i, a.measure, year);
      scenarioMean += v / n;
      baseMean += bv / n;
      let x: number;
      if (a.measure === "roi") {
        const spent = spentOf(sc, i, year);
        x = spent > 0 ? -(v - bv) / spent : 0;
      } else {
        x = a.notWidening ? Math.abs(v) - Math.abs(bv) : a.compare === "level" ? v : v - bv;
      }
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
      passed,
      year,
      mean,
      low,
      high,
      share,
    };
  });
}
