/**
 * What drives the uncertainty: PRCC on a constructed case with a known ranking (and against a
 * brute-force partial correlation), the tornado against deterministic runs, EVPPI groups; and
 * the Atkinson EDE by hand.
 */
import assert from "node:assert/strict";
import { sampleCorrelation } from "simple-statistics";
import { prepareModel } from "../../../sim/model.ts";
import { loadStudyFile } from "../../../cli/files.ts";
import { meanParameters } from "../../../sim/parameters.ts";
import { quantile } from "../../../sim/distributions.ts";
import { runDeterministic } from "../../../sim/run.ts";
import { makeDeriver } from "../../../sim/deriver.ts";
import { recordLength } from "../../../sim/record.ts";
import { correlation, prcc, ranks } from "../../../sim/value/prcc.ts";
import { orthonormalise, project } from "../../../sim/value/regression.ts";
import { tornado } from "../../../sim/value/tornado.ts";
import { defaultGroups, matchingKeys, resolveGroups } from "../../../sim/value/groups.ts";
import { atkinsonEde, atkinsonIndex } from "../../../sim/value/distributional.ts";
import { resolveHealth } from "../../../sim/health/settings.ts";
import { exampleStudy, fixParameters, lognormal } from "../../helpers.ts";

function uniforms(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => (s = (s * 48271) % 2147483647) / 2147483647);
}

Deno.test("ranks: 1..n, ties share the mean of their ranks; correlation as simple-statistics'", () => {
  assert.deepEqual(Array.from(ranks([30, 10, 20, 10])), [4, 1.5, 3, 1.5]);
  const a = Array.from(uniforms(50, 3));
  const b = a.map((x, i) => x * x + Math.sin(i));
  assert.ok(Math.abs(correlation(a, b) - sampleCorrelation(a, b)) < 1e-12);
  assert.equal(correlation([1, 1, 1], [1, 2, 3]), 0);
});

Deno.test("PRCC: a constructed case ranks its inputs as built, signs included", () => {
  const n = 500;
  const x = [1, 2, 3, 4].map((k) => uniforms(n, 1000 * k + 7));
  const noise = uniforms(n, 99);
  // y = 3·x1 − 2·x2 + x3 + 0·x4 + noise.
  const y = Float64Array.from(
    { length: n },
    (_, i) => 3 * x[0][i] - 2 * x[1][i] + x[2][i] + 0.5 * (noise[i] - 0.5),
  );
  const [r] = prcc(x, [y]);
  assert.ok(r[0]! > Math.abs(r[1]!) && Math.abs(r[1]!) > r[2]! && r[2]! > Math.abs(r[3]!));
  assert.ok(r[1]! < 0);
  assert.ok(Math.abs(r[3]!) < 0.15, String(r[3]));
  // Ranks only: a monotone transform of the output changes nothing.
  const [e] = prcc(x, [y.map((v) => Math.exp(v))]);
  assert.deepEqual(e, r);
  // An input that does not vary gets no coefficient; the rest are unchanged.
  const [withFixed] = prcc([...x, new Float64Array(n).fill(2)], [y]);
  assert.deepEqual(withFixed, [...r, null]);
});

Deno.test("PRCC equals the correlation of residuals after regressing on the other ranked inputs", () => {
  const n = 200;
  const x = [1, 2, 3].map((k) => uniforms(n, 31 * k));
  const y = Float64Array.from({ length: n }, (_, i) => x[0][i] * x[1][i] + Math.sqrt(x[2][i]));
  const [r] = prcc(x, [y]);
  const rx = x.map(ranks);
  const ry = ranks(y);
  for (let j = 0; j < 3; j++) {
    const others = rx.filter((_, k) => k !== j);
    const q = orthonormalise([new Float64Array(n).fill(1), ...others]);
    const resX = rx[j].map((v, i) => v - project(q, rx[j])[i]);
    const fitted = project(q, ry);
    const resY = ry.map((v, i) => v - fitted[i]);
    const brute = sampleCorrelation(Array.from(resX), Array.from(resY));
    assert.ok(Math.abs(r[j]! - brute) < 1e-10, `${r[j]} vs ${brute}`);
  }
});

Deno.test("tornado: each bar's ends are deterministic runs at the parameter's interval ends", () => {
  // Every parameter fixed but two intervention effects.
  const input = fixParameters(exampleStudy());
  input.health = fixParameters(
    resolveHealth(undefined, ["0-17", "18-74", "75+"], ["low", "middle", "high"]),
  );
  input.interventions[0].effects.activity = { nonElective: lognormal(0.81, 0.72, 0.91) };
  input.interventions[0].effects.utility = {
    central: 0.02,
    low: 0,
    high: 0.04,
    level: 0.95,
    family: "normal",
  };
  const model = prepareModel(input);
  const t = tornado(model, 20_000, 0.9);
  assert.equal(t.scenarios.length, 2);
  const bars = t.scenarios[0].bars;
  assert.deepEqual(bars.map((b) => b.parameter).sort(), [
    "interventions.frailty.effects.activity.nonElective",
    "interventions.frailty.effects.utility",
  ]);
  // Sorted by swing in net monetary benefit.
  const swing = (b: typeof bars[number]) => Math.abs(b.atHigh.nmb - b.atLow.nmb);
  assert.ok(swing(bars[0]) >= swing(bars[1]));
  // The utility bar, by hand: its low end run deterministically.
  const bar = bars.find((b) => b.parameter.endsWith("utility"))!;
  const j = model.registry.index.get(bar.parameter)!;
  assert.ok(Math.abs(bar.low - quantile(model.registry.distributions[j], 0.05)) < 1e-12);
  const values = meanParameters(model.registry);
  values[j] = bar.low;
  const run = runDeterministic(model, values);
  const cat = model.measures;
  const Y = cat.years;
  const derived = run.records.map((r) => {
    const o = new Float64Array(cat.recordCount * Y);
    makeDeriver(model)(r.subarray(0, recordLength(model.record)), o);
    return o;
  });
  const at = (sc: number, key: string) => derived[sc][cat.index.get(key)! * Y + Y - 1];
  const dq = at(1, "discounted.qalys") - at(0, "discounted.qalys");
  const dc = at(1, "discounted.cost.total") - at(0, "discounted.cost.total");
  assert.ok(Math.abs(bar.atLow.qalys - dq) < 1e-9);
  assert.ok(Math.abs(bar.atLow.nmb - (20_000 * dq - dc)) < 1e-6);
  // More utility gain, more QALYs: the high end gains more than the low.
  assert.ok(bar.atHigh.qalys > bar.atLow.qalys);
});

Deno.test("EVPPI groups: the default ones split the varying parameters; patterns match whole keys", () => {
  const model = prepareModel(exampleStudy());
  const { registry } = model;
  const groups = resolveGroups(registry, model.input.interventions, null);
  const keys = groups.flatMap((g) => g.keys);
  const varying = registry.keys.filter((_, i) => registry.distributions[i].dist !== "fixed");
  assert.deepEqual([...keys].sort(), [...varying].sort());
  assert.equal(new Set(keys).size, keys.length, "no parameter in two default groups");
  assert.ok(defaultGroups(registry, model.input.interventions).some((g) => g.name === "Utilities"));
  assert.deepEqual(matchingKeys("netMigrationPer1000.75+", registry.keys), [
    "netMigrationPer1000.75+",
  ]);
  assert.deepEqual(matchingKeys("netMigrationPer1000", registry.keys), []);
  const named = (name: string) => groups.find((g) => g.name === name)?.keys ?? [];
  assert.ok(named("Mortality").includes("mortalityMultiplier"));
  assert.deepEqual(named("Population change"), [
    "entrantsPer1000",
    "netMigrationPer1000.0-17",
    "netMigrationPer1000.18-74",
    "netMigrationPer1000.75+",
  ]);
  assert.ok(matchingKeys("interventions.*.effects.*", registry.keys).length >= 4);
  const written = resolveGroups(registry, [], [{
    name: "Frailty effects",
    parameters: ["interventions.frailty.effects.*"],
  }]);
  assert.equal(written.length, 1);
  assert.ok(written[0].keys.every((k) => k.startsWith("interventions.frailty.effects.")));
});

Deno.test("Atkinson EDE by hand: mean, geometric and harmonic means, towards the minimum", () => {
  const h = [1, 4];
  const w = [1, 1];
  assert.equal(atkinsonEde(h, w, 0), 2.5);
  assert.ok(Math.abs(atkinsonEde(h, w, 1) - 2) < 1e-12);
  assert.ok(Math.abs(atkinsonEde(h, w, 2) - 1.6) < 1e-12);
  assert.ok(Math.abs(atkinsonEde(h, w, 3) - Math.pow((1 + 1 / 16) / 2, -1 / 2)) < 1e-12);
  assert.ok(Math.abs(atkinsonEde(h, w, 10.95) - 1) < 0.1);
  // Weights: population shares; equal health → the EDE is that health at any ε.
  assert.ok(Math.abs(atkinsonEde([3, 3, 3], [1, 5, 2], 10.95) - 3) < 1e-12);
  assert.ok(Math.abs(atkinsonEde([1, 4], [3, 1], 0) - 1.75) < 1e-12);
  assert.ok(Math.abs(atkinsonIndex(h, w, 1) - (1 - 2 / 2.5)) < 1e-12);
  // No health in a group with people: 0 for ε ≥ 1.
  assert.equal(atkinsonEde([0, 4], [1, 1], 3), 0);
});

Deno.test("tornado on a calibrated study: calibrated parameters at their posterior mean and interval", () => {
  const { loaded, problems } = loadStudyFile(
    new URL("../../../scenarios/falls-prevention.json", import.meta.url).pathname,
  );
  assert.ok(loaded, problems.join("\n"));
  const { model } = loaded;
  const posterior = model.posterior!;
  assert.ok(posterior, "the shipped study runs on its posterior");
  const t = tornado(model, 20000, 0.9);
  const bars = t.scenarios[0].bars;
  const P = posterior.keys.length;
  posterior.keys.forEach((key, j) => {
    const bar = bars.find((b) => b.parameter === key)!;
    assert.ok(bar, key);
    const draws = Array.from({ length: posterior.count }, (_, i) => posterior.draws[i * P + j]);
    assert.ok(Math.abs(bar.mean - posterior.means[j]) < 1e-12, key);
    assert.ok(bar.low >= Math.min(...draws) && bar.high <= Math.max(...draws), key);
    // The prior's interval would be another one (the posterior is narrower or shifted).
    const prior = model.registry.distributions[model.registry.index.get(key)!];
    assert.notEqual(bar.low, quantile(prior, 0.05), key);
  });
  // The base of the bars is the deterministic analysis (posterior means).
  const det = runDeterministic(model);
  const len = recordLength(model.record);
  const cat = model.measures;
  const derive = makeDeriver(model);
  const cost = cat.index.get("discounted.cost.total")! * cat.years + cat.years - 1;
  const totals = det.records.map((r) => {
    const out = new Float64Array(cat.recordCount * cat.years);
    derive(r.subarray(0, len), out);
    return out[cost];
  });
  assert.ok(Math.abs(t.scenarios[0].base.netCost - (totals[1] - totals[0])) < 1e-6);
});
