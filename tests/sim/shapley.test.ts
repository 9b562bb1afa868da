/** Shapley decomposition of a scenario's change into one contribution per intervention. */
import assert from "node:assert/strict";
import { makeDeriver } from "../../sim/deriver.ts";
import { DECOMPOSED_MEASURES } from "../../sim/measures.ts";
import { prepareModel } from "../../sim/model.ts";
import { recordLength } from "../../sim/record.ts";
import { runAll } from "../../sim/run.ts";
import { decomposeScenario } from "../../sim/shapley.ts";
import type { ModelInput } from "../../sim/types.ts";
import {
  exampleStudy,
  expected,
  fallsIntervention,
  fixParameters,
  frailtyIntervention,
} from "../helpers.ts";

const ITERATIONS = 24;

/** An uncapped intervention on 75+ acting only on non-elective admissions, from year 1. */
const admissionsOnly = (id: string, uptake: number, rr: number) =>
  fallsIntervention({
    id,
    startYear: 1,
    durationYears: null,
    rampUpYears: 0,
    uptake,
    effects: { activity: { nonElective: rr } },
  });

/** Per-iteration change against baseline of every decomposed measure, from an ordinary run. */
function totalsByIteration(input: ModelInput, scenario: number, seed: number): number[][] {
  const model = prepareModel(input);
  const run = runAll(model, seed, ITERATIONS);
  const cat = model.measures;
  const derive = makeDeriver(model);
  const Y = model.record.years;
  const len = recordLength(model.record);
  const a = new Float64Array(cat.recordCount * Y);
  const b = new Float64Array(cat.recordCount * Y);
  return DECOMPOSED_MEASURES.map((key) =>
    Array.from({ length: ITERATIONS }, (_, i) => {
      derive(run.records[scenario].subarray(i * len, (i + 1) * len), a);
      derive(run.records[0].subarray(i * len, (i + 1) * len), b);
      const at = cat.index.get(key)! * Y + Y - 1;
      return a[at] - b[at];
    })
  );
}

Deno.test("contributions add up to the total change in every iteration", () => {
  const input = exampleStudy(); // scenario 2 combines frailty and falls
  const d = decomposeScenario(prepareModel(input), 2, 77, ITERATIONS, 0.95, true);
  const totals = totalsByIteration(input, 2, 77);
  assert.equal(d.method, "exact");
  DECOMPOSED_MEASURES.forEach((key, m) => {
    for (let it = 0; it < ITERATIONS; it++) {
      const sum = d.iterations!.reduce((s, byMeasure) => s + byMeasure[m][it], 0);
      const total = totals[m][it];
      assert.ok(
        Math.abs(sum - total) <= 1e-9 * Math.max(1, Math.abs(total)),
        `${key} iteration ${it}: ${sum} vs ${total}`,
      );
    }
  });
});

Deno.test("a single intervention's contribution equals the total", () => {
  const input = exampleStudy();
  const d = decomposeScenario(prepareModel(input), 1, 5, ITERATIONS, 0.95, true);
  const totals = totalsByIteration(input, 1, 5);
  assert.equal(d.interventions.length, 1);
  DECOMPOSED_MEASURES.forEach((_, m) => {
    d.iterations![0][m].forEach((v, it) =>
      assert.ok(Math.abs(v - totals[m][it]) <= 1e-9 * Math.max(1, Math.abs(v)))
    );
  });
});

Deno.test("two interventions: each contribution matches the Shapley formula on the subset values", () => {
  // Both act only on non-elective admissions of one uncapped group, from year 1, no ramp-up, no
  // uncertainty; with expected-value-like fixed parameters the Monte Carlo values still vary, so
  // check the exact Shapley formula on the per-iteration subset values:
  // φ_A = ½[(v(A) − v(∅)) + (v(AB) − v(B))], φ_B = ½[(v(B) − v(∅)) + (v(AB) − v(A))].
  const input = fixParameters(exampleStudy());
  const a = admissionsOnly("a", 0.5, 0.8);
  const b = admissionsOnly("b", 0.4, 0.5);
  input.interventions = [a, b];
  input.scenarios = [
    { name: "Baseline", interventions: [] },
    { name: "A", interventions: ["a"] },
    { name: "B", interventions: ["b"] },
    { name: "AB", interventions: ["a", "b"] },
  ];
  const model = prepareModel(input);
  const d = decomposeScenario(model, 3, 13, ITERATIONS, 0.95, true);
  const v = [1, 2, 3].map((sc) => totalsByIteration(input, sc, 13));
  const m = DECOMPOSED_MEASURES.indexOf("cumulative.activity.nonElective");
  for (let it = 0; it < ITERATIONS; it++) {
    const [vA, vB, vAB] = v.map((x) => x[m][it]);
    const phiA = (vA + (vAB - vB)) / 2;
    const phiB = (vB + (vAB - vA)) / 2;
    assert.ok(Math.abs(d.iterations![0][m][it] - phiA) < 1e-9 * Math.max(1, Math.abs(phiA)));
    assert.ok(Math.abs(d.iterations![1][m][it] - phiB) < 1e-9 * Math.max(1, Math.abs(phiB)));
  }
  // Multiplicative: at the first projected year, with no capacity, the combined multiplier on
  // the group's admissions is (1 − 0.5·0.2)(1 − 0.4·0.5) = 0.72 against 0.9 and 0.8 alone.
  assert.ok(
    d.interventions[1].contributions["cumulative.activity.nonElective"].mean <
      d.interventions[0].contributions["cumulative.activity.nonElective"].mean,
  );
});

Deno.test("the order of interventions in the file does not change the result", () => {
  const input = exampleStudy();
  const forward = decomposeScenario(prepareModel(input), 2, 31, ITERATIONS, 0.95);
  input.scenarios[2].interventions.reverse();
  input.interventions.reverse();
  const backward = decomposeScenario(prepareModel(input), 2, 31, ITERATIONS, 0.95);
  assert.deepEqual(backward.interventions.map((x) => x.id), forward.interventions.map((x) => x.id));
  assert.deepEqual(JSON.parse(JSON.stringify(backward)), JSON.parse(JSON.stringify(forward)));
});

Deno.test("above the exact limit, sampled permutations still add up exactly", () => {
  const input = exampleStudy();
  const many = Array.from(
    { length: 9 },
    (_, k) =>
      frailtyIntervention({
        id: `f${k}`,
        capacity: null,
        uptake: 0.05 + 0.01 * k,
        effects: { activity: { nonElective: 0.9 } },
      }),
  );
  input.interventions = many;
  input.scenarios = [{ name: "Baseline", interventions: [] }, {
    name: "Many",
    interventions: many.map((x) => x.id),
  }];
  const d = decomposeScenario(prepareModel(input), 1, 3, 4, 0.95, true);
  assert.equal(d.method, "sampled");
  assert.ok(d.maxResidual < 1e-9, `residual ${d.maxResidual}`);
  assert.ok(
    d.interventions.every((x) => x.contributions["cumulative.activity.nonElective"].mean < 0),
  );
});

Deno.test("two multiplicative effects, worked by hand: φ_A = −X(a − ab/2), φ_B = −X(b − ab/2)", () => {
  // One year, effects on admissions only, so the group's year-1 admissions X are the same in
  // every subset. a = 0.5 × (1 − 0.8) = 0.1 and b = 0.4 × (1 − 0.5) = 0.2 are the shares of
  // admissions each removes alone; together they remove 1 − (1 − a)(1 − b) = 0.28 of X.
  const input = fixParameters(exampleStudy());
  input.horizonYears = 1;
  const a = admissionsOnly("a", 0.5, 0.8);
  const b = admissionsOnly("b", 0.4, 0.5);
  input.interventions = [a, b];
  input.scenarios = [{ name: "Baseline", interventions: [] }, { name: "A", interventions: ["a"] }, {
    name: "AB",
    interventions: ["a", "b"],
  }];
  const ev = expected(input);
  const X = -ev.scenarios[1].deltas!["cumulative.activity.nonElective"].mean[1] / 0.1;
  assert.ok(X > 1000, `group admissions ${X}`);
  const d = decomposeScenario(prepareModel(input), 2, 8, 400, 0.95);
  const [phiA, phiB] = d.interventions.map((x) =>
    x.contributions["cumulative.activity.nonElective"]
  );
  const byHand = { a: -X * (0.1 - 0.1 * 0.2 / 2), b: -X * (0.2 - 0.1 * 0.2 / 2) };
  assert.ok(
    Math.abs(phiA.mean - byHand.a) < 4 * phiA.mcse + 1e-9,
    `φ_A ${phiA.mean} vs ${byHand.a} (mcse ${phiA.mcse})`,
  );
  assert.ok(
    Math.abs(phiB.mean - byHand.b) < 4 * phiB.mcse + 1e-9,
    `φ_B ${phiB.mean} vs ${byHand.b} (mcse ${phiB.mcse})`,
  );
  assert.ok(Math.abs(phiA.mean + phiB.mean + 0.28 * X) < 4 * (phiA.mcse + phiB.mcse));
});
