/** Editing a study in the workbench: pure functions on the study object. */
import assert from "node:assert/strict";
import {
  addIntervention,
  addScenario,
  editRange,
  intervalEnds,
  toggleInScenario,
  toRange,
  updateLogicModel,
  withCentral,
} from "../../client/study-edit.ts";
import type { ParameterSpec } from "../../sim/distributions.ts";
import type { Study } from "../../sim/study/format.ts";
import { prepareStudy } from "../../sim/study/prepare.ts";

const ninety: ParameterSpec = {
  central: 0.053,
  low: 0.037,
  high: 0.069,
  level: 0.9,
  family: "beta",
  source: "Ravindrarajah et al. 2023",
};

Deno.test("editing a central value keeps the interval's level, family and source", () => {
  const edited = editRange(ninety, 1, "central", 0.05);
  assert.deepEqual(edited, { ...ninety, central: 0.05 });
  for (const key of ["low", "high"] as const) {
    const e = editRange(ninety, 1, key, key === "low" ? 0.03 : 0.08) as typeof ninety;
    assert.equal(e.level, 0.9, key);
    assert.equal(e.family, "beta", key);
    assert.equal(e.source, "Ravindrarajah et al. 2023", key);
  }
});

Deno.test("a number stays a number until it gets an interval; then it is an estimate at 95%", () => {
  assert.equal(editRange(0.8, 1, "central", 0.7), 0.7);
  assert.equal(editRange(undefined, 1, "central", 0.9), 0.9);
  assert.deepEqual(editRange(0.8, 1, "low", 0.7), {
    central: 0.8,
    low: 0.7,
    high: 0.8,
    level: 0.95,
    family: "lognormal",
  });
  // An interval closed to a point becomes a number again.
  const closed = editRange(
    { central: 1, low: 0.9, high: 1, level: 0.9, family: "gamma" },
    1,
    "low",
    1,
  );
  assert.equal(closed, 1);
});

Deno.test("a distribution is edited as its median and 95% interval", () => {
  const spec: ParameterSpec = { dist: "lognormal", meanlog: Math.log(0.8), sdlog: 0.1 };
  const range = toRange(spec, 1);
  assert.ok(Math.abs(range.central - 0.8) < 1e-9);
  assert.equal(range.level, 0.95);
  const edited = editRange(spec, 1, "central", 0.7) as { level: number; central: number };
  assert.equal(edited.level, 0.95);
  assert.equal(edited.central, 0.7);
});

Deno.test("interval ends are labelled by the interval's own level", () => {
  assert.deepEqual(intervalEnds(0.95), ["2.5%", "97.5%"]);
  assert.deepEqual(intervalEnds(0.9), ["5%", "95%"]);
  assert.deepEqual(intervalEnds(0.8), ["10%", "90%"]);
  assert.equal(toRange(ninety, 1).level, 0.9);
});

Deno.test("moving a central value keeps the interval's width, within bounds, and its fields", () => {
  const moved = withCentral(ninety, 0.06, [0.001, 0.999]) as typeof ninety;
  assert.ok(Math.abs(moved.low - 0.044) < 1e-12 && Math.abs(moved.high - 0.076) < 1e-12);
  assert.equal(moved.source, ninety.source);
  assert.equal(moved.level, 0.9);
  const clamped = withCentral(ninety, 0.99, [0.001, 0.999]) as typeof ninety;
  assert.equal(clamped.high, 0.999);
  assert.equal(withCentral(0.5, 0.6, [0, 1]), 0.6);
});

const study = (): Study => ({
  name: "Edits",
  interventions: [{
    id: "intervention-1",
    name: "One",
    uptake: 0.5,
    costPerParticipant: 100,
    effects: {},
  }],
  scenarios: [{ name: "Scenario 1", interventions: ["intervention-1"] }],
});

Deno.test("adding an intervention gives a fresh id, ticks it in the scenario, and the study stays valid", () => {
  const { study: next, id } = addIntervention(study(), 0);
  assert.equal(id, "intervention-2");
  assert.deepEqual(next.scenarios[0].interventions, ["intervention-1", "intervention-2"]);
  const { problems } = prepareStudy(JSON.stringify(next), () => ({}));
  assert.deepEqual(problems, []);
  const off = toggleInScenario(next, 0, "intervention-1");
  assert.deepEqual(off.scenarios[0].interventions, ["intervention-2"]);
});

Deno.test("adding a scenario picks an unused name; a logic model starts empty", () => {
  const s = addScenario(addScenario(study()));
  assert.deepEqual(s.scenarios.map((x) => x.name), ["Scenario 1", "Scenario 2", "Scenario 3"]);
  const withLogic = updateLogicModel(s, 1, "problem", "Falls");
  assert.deepEqual(withLogic.scenarios[1].logicModel, {
    problem: "Falls",
    intervention: "",
    outputs: "",
    outcomes: "",
    impact: "",
  });
  assert.equal(s.scenarios[1].logicModel, undefined, "the original is not changed");
});
