/** The verdict panel's model (report/verdict.ts). */
import assert from "node:assert/strict";
import {
  buildVerdict,
  compareScenarios,
  inequalityWord,
  paybackYear,
  wideningDefinition,
} from "../../report/verdict.ts";
import { deterministic } from "../../sim/api.ts";
import { prepareModel } from "../../sim/model.ts";
import type { Results, SeriesSummary } from "../../sim/summary.ts";
import { number } from "../../report/format.ts";
import { exampleStudy } from "../helpers.ts";
import { exampleRun } from "./fixture.ts";

Deno.test("payback: the first year from which cumulative net cost stays at or below 0", () => {
  assert.equal(paybackYear([0, 5, 3, -1, -4]), 3);
  assert.equal(paybackYear([0, -1, 2, -1, -4]), 3, "a later rise above 0 resets it");
  assert.equal(paybackYear([0, -1, -2]), 1);
  assert.equal(paybackYear([0, 5, 3, -1, 2]), null, "above 0 at the horizon: no payback");
});

Deno.test("widens or narrows against the baseline's gradient", () => {
  // Baseline SII negative (more admissions where more deprived): a fall widens it.
  assert.equal(inequalityWord(-157, -2), "widens");
  assert.equal(inequalityWord(-157, 1.7), "narrows");
  assert.equal(inequalityWord(40, 1.7), "widens");
  assert.equal(inequalityWord(40, -1.7), "narrows");
  assert.equal(inequalityWord(-157, 0), "no change");
  assert.equal(inequalityWord(0, 3), "no change");
  assert.match(wideningDefinition(-157, number), /−157 per 1,000.*a fall in the SII widens/);
});

Deno.test("every scenario side by side, with probabilities from a Monte Carlo run", async () => {
  const { results: r } = await exampleRun();
  const v = buildVerdict(r);
  const H = r.horizonYears;
  assert.deepEqual(v.scenarios.map((s) => s.name), ["Frailty", "Frailty + falls"]);
  assert.equal(v.monteCarlo, true);
  // Issue 13's engine measures health: QALYs and NMB are in every run's results.
  assert.equal(v.health, true);
  for (const s of v.scenarios) {
    const d = r.scenarios.find((x) => x.name === s.name)!.deltas!;
    // The same numbers as the comparison table: scenario − baseline.
    assert.equal(s.netCost.mean, d["discounted.cost.total"].mean[H]);
    assert.equal(s.netCost.low, d["discounted.cost.total"].low![H]);
    assert.equal(s.pSaving, d["discounted.cost.total"].pNegative![H]);
    assert.equal(s.siiChange.mean, d["sii.nonElective"].mean[H]);
    assert.equal(s.inequality, inequalityWord(v.baselineSii, s.siiChange.mean));
    assert.equal(s.pWidens, r.paired!.widening[s.name].pWidens);
    assert.ok(s.pWidens! + s.pNarrows! <= 1);
    assert.equal(s.qalys!.mean, (d as Record<string, SeriesSummary>)["discounted.qalys"].mean[H]);
  }
  // Best on money: the lower net cost.
  const cheaper = v.scenarios.reduce((a, b) => (a.netCost.mean <= b.netCost.mean ? a : b));
  assert.deepEqual(v.best.money, [cheaper.name]);
  assert.ok(v.best.health && v.best.health.length > 0);
});

Deno.test("before a Monte Carlo run: no probabilities and no intervals", () => {
  const r = deterministic({ model: prepareModel(exampleStudy()) });
  const v = buildVerdict(r);
  assert.equal(v.monteCarlo, false);
  for (const s of v.scenarios) {
    assert.equal(s.pSaving, null);
    assert.equal(s.pWidens, null);
    assert.equal(s.netCost.low, undefined);
  }
  const c = compareScenarios(r, "Frailty", "Frailty + falls");
  assert.ok(c.rows.every((row) => row.pNegative === null && row.difference.low === undefined));
});

/** A copy of a run with health measures added as issue 13 names them. */
function withHealth(r: Results): Results {
  const copy: Results = structuredClone(r);
  const H = copy.horizonYears;
  const series = (value: number, pNegative: number): SeriesSummary => ({
    mean: copy.years.map((y) => (y === H ? value : 0)),
    low: copy.years.map((y) => (y === H ? value - 1 : 0)),
    high: copy.years.map((y) => (y === H ? value + 1 : 0)),
    pNegative: copy.years.map(() => pNegative),
  });
  const gains: Record<string, [number, number, number]> = {
    // QALYs, NMB at £20k, NMB at £30k
    "Frailty": [12, 50_000, 170_000],
    "Frailty + falls": [30, -20_000, 280_000],
  };
  for (const s of copy.scenarios) {
    if (!s.deltas) continue;
    const [q, n20, n30] = gains[s.name];
    const d = s.deltas as Record<string, SeriesSummary>;
    d["discounted.qalys"] = series(q, 0.1);
    d["nmb.20000"] = series(n20, n20 > 0 ? 0.2 : 0.7);
    d["nmb.30000"] = series(n30, 0.05);
  }
  return copy;
}

Deno.test("with health measures: QALYs, cost-effectiveness at £20k and £30k, best of each", async () => {
  const { results } = await exampleRun();
  const v = buildVerdict(withHealth(results));
  assert.equal(v.health, true);
  const [a, b] = v.scenarios;
  assert.equal(a.qalys!.mean, 12);
  assert.equal(b.qalys!.mean, 30);
  assert.deepEqual(v.best.health, ["Frailty + falls"]);
  assert.deepEqual(v.best["value.20000"], ["Frailty"]);
  assert.deepEqual(v.best["value.30000"], ["Frailty + falls"]);
  assert.equal(a.value![20000].pCostEffective, 0.8);
  assert.ok(Math.abs(b.value![20000].pCostEffective! - 0.3) < 1e-12);
  assert.equal(b.value![30000].nmb.mean, 280_000);
});

Deno.test("two scenarios compared with each other: B − A from the same iterations", async () => {
  const { results: r } = await exampleRun();
  const H = r.horizonYears;
  const c = compareScenarios(r, "Frailty", "Frailty + falls");
  assert.equal(c.paired, true);
  const net = c.rows.find((x) => x.key === "discounted.cost.total")!;
  const [fa, fb] = ["Frailty", "Frailty + falls"].map((n) =>
    r.scenarios.find((s) => s.name === n)!.deltas!["discounted.cost.total"].mean[H]
  );
  assert.ok(Math.abs(net.difference.mean - (fb - fa)) < 1e-6 * Math.abs(fb - fa));
  assert.ok(
    net.difference.low! <= net.difference.mean && net.difference.mean <= net.difference.high!,
  );
  assert.ok(net.pNegative !== null);
  // Against the baseline, the comparison is the scenario's own difference.
  const own = compareScenarios(r, "Baseline", "Frailty").rows[0];
  assert.equal(own.difference.mean, fa);
  // Turned round, the sign turns round.
  const back = compareScenarios(r, "Frailty + falls", "Frailty").rows[0];
  assert.ok(Math.abs(back.difference.mean + net.difference.mean) < 1e-9 * Math.abs(fa));
  // The same scenario twice: nothing to compare.
  assert.deepEqual(compareScenarios(r, "Frailty", "Frailty").rows, []);
  // Results saved before pairs existed: differences of means, without intervals.
  const old = { ...r, paired: undefined };
  const fallback = compareScenarios(old, "Frailty", "Frailty + falls");
  assert.equal(fallback.paired, false);
  assert.ok(Math.abs(fallback.rows[0].difference.mean - (fb - fa)) < 1e-6 * Math.abs(fb - fa));
  assert.equal(fallback.rows[0].pNegative, null);
});

Deno.test("scenarios tied for best are all marked", () => {
  const r = deterministic({ model: prepareModel(exampleStudy()) });
  const tied = structuredClone(r);
  // Give the second scenario the first's net cost and SII change exactly.
  const [, a, b] = tied.scenarios;
  b.deltas!["discounted.cost.total"] = structuredClone(a.deltas!["discounted.cost.total"]);
  b.deltas!["sii.nonElective"] = structuredClone(a.deltas!["sii.nonElective"]);
  const v = buildVerdict(tied);
  assert.deepEqual(v.best.money, ["Frailty", "Frailty + falls"]);
  assert.deepEqual(v.best.inequality, ["Frailty", "Frailty + falls"]);
});
