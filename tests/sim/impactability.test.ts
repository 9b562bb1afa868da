/** Cohorts ranked by capacity to benefit: engagement × expected avoidable cost a year. */
import assert from "node:assert/strict";
import { cohortImpactability } from "../../sim/impactability.ts";
import { prepareModel, scenarioContexts } from "../../sim/model.ts";
import { meanParameters } from "../../sim/parameters.ts";
import { ACTIVITIES } from "../../sim/types.ts";
import { exampleStudy, fallsIntervention, fixParameters } from "../helpers.ts";

Deno.test("an activity-only effect, worked by hand: uptake × admissions × unit cost × (1 − RR)", () => {
  const input = fixParameters(exampleStudy());
  input.interventions = [
    fallsIntervention({ uptake: 0.3, effects: { activity: { nonElective: 0.8 } } }),
  ];
  input.scenarios = [{ name: "Baseline", interventions: [] }];
  const model = prepareModel(input);
  const cohorts = cohortImpactability(model, "falls");
  const [ctx] = scenarioContexts(model, meanParameters(model.registry));
  const { layout } = model;
  const nel = ACTIVITIES.indexOf("nonElective");
  // Only the target (75+), 3 levels × 5 quintiles, ranked by capacity to benefit per person.
  assert.equal(cohorts.length, 15);
  assert.ok(cohorts.every((c) => c.ageBand === "75+"));
  cohorts.slice(1).forEach((c, i) => assert.ok(c.perPerson <= cohorts[i].perPerson));
  for (const c of cohorts) {
    let people = 0;
    let total = 0;
    for (let s = 0; s < layout.stateCount; s++) {
      if (
        layout.ageBands[layout.ageBand[s]] !== c.ageBand ||
        layout.levels[layout.level[s]] !== c.complexity || layout.quintile[s] + 1 !== c.quintile
      ) continue;
      const n = model.initial[s];
      people += n;
      total += n * 0.3 * ctx.rates.activity[nel][s] * ctx.rates.unitCost[nel][s] * (1 - 0.8);
    }
    assert.equal(c.people, people);
    assert.ok(Math.abs(c.total - total) <= 1e-9 * total, `${c.complexity} Q${c.quintile}`);
    assert.ok(Math.abs(c.perPerson - total / people) <= 1e-9 * c.perPerson);
  }
  assert.deepEqual(cohortImpactability(model, "nobody"), []);
});
