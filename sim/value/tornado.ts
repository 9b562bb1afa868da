/**
 * One-way sensitivity (a tornado): every varying parameter in turn set to the low and the high
 * end of its interval (its distribution's quantiles at the run's interval coverage, e.g. 2.5% and
 * 97.5%), every other parameter at its mean and every count at its expectation — the
 * deterministic analysis rerun twice per parameter. A calibrated parameter's mean and interval are
 * its posterior's (the mean and quantiles of the draws the runs use), the others' their priors'. For each scenario, its net cost and net
 * monetary benefit against the baseline at the horizon (discounted); bars ordered by the swing in
 * net monetary benefit (docs/model.md, "What drives the uncertainty").
 */
import { makeDeriver } from "../deriver.ts";
import { mean as distributionMean, quantile } from "../distributions.ts";
import { netMonetaryBenefit } from "../measures.ts";
import { baselineIndex, deterministicParameters, type Model } from "../model.ts";
import { quantileUnsorted } from "../quantiles.ts";
import { recordLength } from "../record.ts";
import { runDeterministic } from "../run.ts";
import { intervalProbabilities } from "../statistics.ts";
import { varies } from "./groups.ts";

/** A scenario's outcome against the baseline in one deterministic run. */
export interface Outcome {
  netCost: number;
  qalys: number;
  nmb: number;
}

export interface TornadoBar {
  parameter: string;
  /** The parameter's mean and the ends of its interval. */
  mean: number;
  low: number;
  high: number;
  atLow: Outcome;
  atHigh: Outcome;
}

export interface Tornado {
  /** £ per QALY of the net monetary benefit. */
  threshold: number;
  /** Coverage of the parameters' intervals. */
  coverage: number;
  scenarios: { name: string; base: Outcome; bars: TornadoBar[] }[];
}

/** Every scenario's outcome against the baseline in a deterministic run at `values`. */
function outcomes(
  model: Model,
  values: Float64Array,
  threshold: number,
  derive: ReturnType<typeof makeDeriver>,
): Outcome[] {
  const run = runDeterministic(model, values);
  const cat = model.measures;
  const Y = cat.years;
  const len = recordLength(model.record);
  const cost = cat.index.get("discounted.cost.total")! * Y + Y - 1;
  const qalys = cat.index.get("discounted.qalys")! * Y + Y - 1;
  const derived = run.records.map((r) => {
    const out = new Float64Array(cat.recordCount * Y);
    derive(r.subarray(0, len), out);
    return { cost: out[cost], qalys: out[qalys] };
  });
  const base = derived[baselineIndex(model)];
  return derived.map((d) => {
    const netCost = d.cost - base.cost;
    const q = d.qalys - base.qalys;
    return { netCost, qalys: q, nmb: netMonetaryBenefit(threshold, q, netCost) };
  });
}

export function tornado(model: Model, threshold: number, coverage: number): Tornado {
  const { registry } = model;
  const means = deterministicParameters(model);
  const [pLow, , pHigh] = intervalProbabilities(coverage);
  const derive = makeDeriver(model);
  const base = outcomes(model, means, threshold, derive);
  const calibrated = posteriorColumns(model);
  const rows = registry.keys.flatMap((key, j) => {
    if (!varies(registry, j)) return [];
    const d = registry.distributions[j];
    const draws = calibrated.get(j);
    const low = draws ? quantileUnsorted(draws, pLow) : quantile(d, pLow);
    const high = draws ? quantileUnsorted(draws, pHigh) : quantile(d, pHigh);
    const at = (v: number) => {
      const values = means.slice();
      values[j] = v;
      return outcomes(model, values, threshold, derive);
    };
    const mean = draws ? means[j] : distributionMean(d);
    return [{ key, mean, low, high, atLow: at(low), atHigh: at(high) }];
  });
  const baseline = baselineIndex(model);
  const scenarios = model.input.scenarios.flatMap((sc, k) => {
    if (k === baseline) return [];
    const bars: TornadoBar[] = rows.map((r) => ({
      parameter: r.key,
      mean: r.mean,
      low: r.low,
      high: r.high,
      atLow: r.atLow[k],
      atHigh: r.atHigh[k],
    }));
    const swing = (b: TornadoBar) => Math.abs(b.atHigh.nmb - b.atLow.nmb);
    bars.sort((a, b) => swing(b) - swing(a) || (a.parameter < b.parameter ? -1 : 1));
    return [{ name: sc.name, base: base[k], bars }];
  });
  return { threshold, coverage, scenarios };
}

/** Each calibrated parameter's posterior draws, by registry index (empty without a posterior). */
function posteriorColumns(model: Model): Map<number, Float64Array> {
  const out = new Map<number, Float64Array>();
  const p = model.posterior;
  if (!p) return out;
  const P = p.keys.length;
  for (let j = 0; j < P; j++) {
    out.set(p.indices[j], Float64Array.from({ length: p.count }, (_, i) => p.draws[i * P + j]));
  }
  return out;
}
