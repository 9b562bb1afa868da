/**
 * The value analysis of a run, end to end: per-scenario values agree with the measures and the
 * assertions; the acceptability frontier agrees with the incremental analysis; the budget view
 * adds up; the parameters recomputed from the seed are the run's; deterministic runs get point
 * values only.
 */
import assert from "node:assert/strict";
import { type AssertionOutcome, evaluateAssertions } from "../../../sim/assertions.ts";
import { runDeterministic } from "../../../sim/run.ts";
import { deterministic, runStudy } from "../../../sim/api.ts";
import { prepareModel } from "../../../sim/model.ts";
import type { Results } from "../../../sim/summary.ts";
import type { ModelInput } from "../../../sim/types.ts";
import { exampleStudy, fallsIntervention, lognormal } from "../../helpers.ts";

/** The example study with a utility gain for the frailty intervention. */
function study(): ModelInput {
  const input = exampleStudy();
  input.interventions[0].effects.utility = {
    central: 0.03,
    low: 0.01,
    high: 0.05,
    level: 0.95,
    family: "normal",
  };
  input.horizonYears = 6;
  return input;
}

const assertions = [
  { scenario: "Frailty", measure: "nmb.20000", above: 0, probability: 0.5 },
  { scenario: "Frailty", measure: "icer", below: 30_000 },
  { scenario: "Frailty + falls", measure: "icer", below: 1 },
];

let cached: { results: Results; outcomes: AssertionOutcome[] } | null = null;
async function run() {
  if (cached) return cached;
  const model = prepareModel(study());
  const out = await runStudy({ model, study: { assertions } }, {
    iterations: 300,
    seed: 11,
    interval: 0.9,
    decompose: false,
  });
  cached = { results: out.results, outcomes: out.assertions };
  return cached;
}

Deno.test("per scenario: incremental cost and QALYs are the measures' means; NMB and P(CE) agree with the assertions", async () => {
  const { results, outcomes } = await run();
  const H = results.horizonYears;
  for (const s of results.scenarios.filter((x) => x.deltas)) {
    const v = s.value!;
    const close = (a: number, b: number) =>
      assert.ok(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
    close(v.incrementalCost, s.deltas!["discounted.cost.total"].mean[H]);
    close(v.incrementalQalys, s.deltas!["discounted.qalys"].mean[H]);
    close(v.incrementalLifeYears, s.deltas!["discounted.lifeYears"].mean[H]);
    for (const t of v.thresholds) {
      const m = s.deltas![`nmb.${t.threshold}` as "nmb.20000"];
      close(t.nmb.mean, m.mean[H]);
      close(t.nmb.low, m.low![H]);
      close(t.nmb.mean, t.threshold * v.incrementalQalys - v.incrementalCost);
    }
  }
  const frailty = results.scenarios.find((s) => s.name === "Frailty")!.value!;
  const [nmb, icer, icerFalls] = outcomes;
  assert.equal(nmb.share, frailty.thresholds[0].pCostEffective);
  assert.equal(icer.passed, frailty.incrementalQalys * 30_000 - frailty.incrementalCost > 0);
  assert.match(icer.label, new RegExp(frailty.comparison));
  if (frailty.icer !== null) assert.ok(Math.abs(icer.mean - frailty.icer) < 1e-6 * frailty.icer);
  assert.equal(icerFalls.passed, false);
});

Deno.test("the acceptability frontier picks, at each threshold, the frontier strategy the ICERs pick", async () => {
  const { results } = await run();
  const v = results.value;
  const frontier = v.incremental.filter((r) => r.status === "ND");
  v.acceptability!.thresholds.forEach((k, j) => {
    // The last strategy on the frontier whose ICER is at most k (the first has none).
    let pick = frontier[0].name;
    for (const r of frontier.slice(1)) if (r.icer! <= k) pick = r.name;
    assert.equal(v.acceptability!.frontier[j].scenario, pick, `k = ${k}`);
    const total = v.acceptability!.scenarios.reduce((s, x) => s + x.probability[j], 0);
    assert.ok(Math.abs(total - 1) < 1e-9);
  });
  // EVPI is never negative, and every EVPPI is at most it.
  v.evpi!.population.forEach((e, j) => {
    assert.ok(e >= 0);
    for (const g of v.evppi!.groups) assert.ok(g.evppi[j] <= e);
    assert.ok(Math.abs(v.evpi!.perPerson[j] * v.population - e) < 1e-6 * Math.max(1, e));
  });
  assert.ok(v.evppi!.groups.length >= 4);
  assert.equal(v.plane!.length, 2);
  assert.equal(v.plane![0].cost.length, 300);
});

Deno.test("the parameters recomputed from the seed are the run's: the cost per participant drives net cost", async () => {
  // Every parameter fixed but the falls programme's cost per participant, very uncertain.
  const input = exampleStudy();
  const falls = fallsIntervention({
    costPerParticipant: lognormal(300, 50, 1800),
    uptake: 0.3,
    effects: { activity: { nonElective: 0.95 } },
  });
  input.interventions = [falls];
  input.scenarios = [{ name: "Baseline", interventions: [] }, {
    name: "Falls",
    interventions: ["falls"],
  }];
  const out = await runStudy({ model: prepareModel(input) }, {
    iterations: 200,
    seed: 3,
    interval: 0.95,
    decompose: false,
  });
  const p = out.results.value.prcc!;
  const j = p.parameters.indexOf("interventions.falls.costPerParticipant");
  assert.ok(p.scenarios[0].netCost[j]! > 0.95, String(p.scenarios[0].netCost[j]));
  assert.ok(p.scenarios[0].nmb[j]! < -0.95);
});

Deno.test("budget view: payers add up to net cost, cash and capacity to service cost; payback", async () => {
  const { results } = await run();
  for (const b of results.value.budget) {
    const s = results.scenarios.find((x) => x.name === b.name)!;
    results.years.forEach((y) => {
      const byPayer = b.byPayer.reduce((t, p) => t + p.change[y], 0);
      const total = s.deltas!["cost.total"].mean[y];
      assert.ok(Math.abs(byPayer - total) < 1e-6 * Math.max(1, Math.abs(total)));
      const service = s.deltas!["cost.service"].mean[y];
      const split = b.cashReleasing[y] + b.capacityFreeing[y];
      assert.ok(Math.abs(split - service) < 1e-6 * Math.max(1, Math.abs(service)));
    });
    const cumulative = s.deltas!["cumulative.cost.total"];
    if (b.payback.year !== null) {
      assert.ok(cumulative.mean[b.payback.year] <= 0);
      for (let y = 1; y < b.payback.year; y++) assert.ok(cumulative.mean[y] > 0);
      assert.equal(b.payback.probability, cumulative.pNegative![b.payback.year]);
    } else {
      results.years.slice(1).forEach((y) => assert.ok(cumulative.mean[y] > 0));
    }
    assert.ok(b.byPayer.some((p) => p.payer === "Local authority"));
  }
});

Deno.test("the deterministic analysis: point values only, and the assertions on them", () => {
  const model = prepareModel(study());
  const r = deterministic({ model });
  const v = r.scenarios[1].value!;
  assert.equal(v.thresholds[0].pCostEffective, null);
  assert.equal(v.thresholds[0].nmb.low, v.thresholds[0].nmb.mean);
  assert.equal(r.value.plane, null);
  assert.equal(r.value.evpi, null);
  assert.equal(r.value.tornado, null);
  assert.equal(r.value.incremental.length, 3);
  assert.ok(v.incrementalQalys > 0, "the utility gain gains QALYs");
});

Deno.test("value assertions evaluate on any run: nmb with a probability, icer on the means", () => {
  const model = prepareModel(study());
  const r = deterministic({ model });
  const outcomes = evaluateAssertions(model, runDeterministic(model), assertions, 0.95);
  const frailty = r.scenarios[1].value!;
  assert.equal(outcomes[0].share, frailty.thresholds[0].nmb.mean > 0 ? 1 : 0);
  assert.equal(outcomes[1].passed, 30_000 * frailty.incrementalQalys > frailty.incrementalCost);
});
