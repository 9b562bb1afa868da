/** Study assertions evaluated on a run's iterations. */
import assert from "node:assert/strict";
import { runStudy } from "../../sim/api.ts";
import { assertableMeasures, describeAssertion } from "../../sim/assertions.ts";
import { prepareModel } from "../../sim/model.ts";
import type { Assertion } from "../../sim/study/format.ts";
import { exampleStudy } from "../helpers.ts";

const run = async (assertions: Assertion[]) => {
  const model = prepareModel(exampleStudy());
  return await runStudy({ model, study: { assertions } }, {
    iterations: 60,
    seed: 4,
    interval: 0.9,
    decompose: false,
  });
};

Deno.test("an assertion's mean and interval are the summary's for the same quantity", async () => {
  const { results, assertions } = await run([
    { scenario: "Frailty", measure: "cumulative.activity.nonElective", below: 0 },
    { scenario: "Frailty", measure: "cost.total", year: 3, compare: "level", above: 0 },
    { scenario: "Frailty", measure: "roi", above: -10, probability: 0.5 },
  ]);
  const frailty = results.scenarios[1];
  const H = results.horizonYears;
  const [difference, level, roi] = assertions;
  const delta = frailty.deltas!["cumulative.activity.nonElective"];
  assert.equal(difference.mean, delta.mean[H]);
  assert.equal(difference.low, delta.low![H]);
  assert.equal(difference.high, delta.high![H]);
  assert.equal(difference.year, H);
  assert.equal(difference.unit, "count");
  assert.equal(level.mean, frailty.absolute["cost.total"].mean[3]);
  assert.equal(level.unit, "£");
  assert.equal(roi.mean, frailty.deltas!.roi.mean[H]);
  assert.equal(roi.share, 1 - 0, "ROI above −10 in every iteration");
});

Deno.test("on the mean, with a probability, and not widening", async () => {
  const [fewer, more, likely, unlikely, narrow] = (await run([
    { scenario: "Frailty", measure: "cumulative.activity.nonElective", below: 0 },
    { scenario: "Frailty", measure: "cumulative.activity.nonElective", above: 0 },
    { scenario: "Frailty", measure: "cumulative.activity.nonElective", below: 0, probability: 0.9 },
    { scenario: "Frailty", measure: "discounted.cost.total", below: 0, probability: 1 },
    { scenario: "Frailty + falls", measure: "sii.nonElective", notWidening: true },
  ])).assertions;
  assert.equal(fewer.passed, true);
  assert.equal(more.passed, false);
  assert.ok(likely.share >= 0.9 && likely.passed);
  assert.equal(unlikely.passed, unlikely.share === 1);
  assert.equal(typeof narrow.passed, "boolean");
  assert.match(
    fewer.label,
    /^Frailty, year 10: change in cumulative\.activity\.nonElective < 0 \(mean\)$/,
  );
});

Deno.test("describing assertions, and the measures they may name", () => {
  const a: Assertion = {
    scenario: "S",
    measure: "sii.nonElective",
    notWidening: true,
    probability: 0.8,
  };
  assert.equal(
    describeAssertion(a, 5),
    "S, year 5: |sii.nonElective| does not widen with probability ≥ 0.8",
  );
  assert.equal(describeAssertion({ ...a, name: "Named" }, 5), "Named");
  const measures = assertableMeasures(prepareModel(exampleStudy()));
  assert.ok(measures.includes("roi"));
  assert.ok(measures.includes("population.complexity.high"));
  assert.ok(!measures.some((m) => m.startsWith("shareQ1")), "ratios of means have no iterations");
});
