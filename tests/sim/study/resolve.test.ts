/** A checked study to the engine's input: defaults, variants, the baseline scenario, areas. */
import assert from "node:assert/strict";
import { defaultBaselineParameters } from "../../../sim/defaults.ts";
import { exampleSegments } from "../../../sim/example-model.ts";
import { EXAMPLE_PLACE_NAME } from "../../../sim/example-place.ts";
import type { Study } from "../../../sim/study/format.ts";
import { resolveStudy } from "../../../sim/study/resolve.ts";

const study = (extra: Partial<Study> = {}): Study => ({
  name: "Resolve",
  interventions: [
    {
      id: "a",
      name: "A",
      uptake: 0.4,
      costPerParticipant: 200,
      fixedCostPerYear: 1000,
      effects: { activity: { nonElective: 0.8 } },
      targeting: "highest-risk",
      capacity: 100,
    },
    { id: "b", name: "B", variantOf: "a", targeting: "most-deprived", startYear: 2 },
  ],
  scenarios: [{ name: "A", interventions: ["a"] }, { name: "B", interventions: ["b"] }],
  ...extra,
});

Deno.test("a variant shares its original's uptake, costs, effects and draws, not its timing", () => {
  const { input } = resolveStudy(study(), exampleSegments());
  const [a, b] = input.interventions;
  assert.equal(b.uptake, a.uptake);
  assert.equal(b.costPerParticipant, a.costPerParticipant);
  assert.equal(b.fixedCostPerYear, a.fixedCostPerYear);
  assert.deepEqual(b.effects, a.effects);
  assert.equal(b.parameterKey, "a");
  assert.equal(a.parameterKey, undefined);
  assert.equal(b.targeting, "most-deprived");
  assert.equal(b.startYear, 2);
  assert.equal(b.capacity, null, "capacity is the variant's own");
});

Deno.test("a baseline scenario is added first unless one has no interventions", () => {
  const added = resolveStudy(study(), exampleSegments()).input.scenarios;
  assert.deepEqual(added.map((s) => s.name), ["Baseline", "A", "B"]);
  const own = resolveStudy(
    study({
      scenarios: [{ name: "A", interventions: ["a"] }, { name: "None", interventions: [] }],
    }),
    exampleSegments(),
  ).input.scenarios;
  assert.deepEqual(own.map((s) => s.name), ["A", "None"]);
});

Deno.test("one place by default, named after the population", () => {
  assert.deepEqual(resolveStudy(study(), exampleSegments()).input.areas, [
    { id: "place", name: EXAMPLE_PLACE_NAME, level: "place" },
  ]);
  const named = resolveStudy(
    study({ population: { source: "example", name: "Northtown" } }),
    exampleSegments(),
  );
  assert.equal(named.input.areas[0].name, "Northtown");
});

Deno.test("baseline overrides replace single values and keep the rest of the defaults", () => {
  const d = defaultBaselineParameters();
  const { input } = resolveStudy(
    study({
      baseline: {
        transitions: { "75+": { "low->middle": 0.2 } },
        deathRate: { "0-17": 0.001 },
        improvingMoves: "balanced",
      },
    }),
    exampleSegments(),
  );
  const p = input.parameters;
  assert.equal(p.transitions["75+"]["low->middle"], 0.2);
  assert.deepEqual(p.transitions["75+"]["middle->high"], d.transitions["75+"]["middle->high"]);
  assert.deepEqual(p.transitions["18-74"], d.transitions["18-74"]);
  assert.equal(p.deathRate["0-17"], 0.001);
  assert.deepEqual(p.deathRate["75+"], d.deathRate["75+"]);
  assert.equal(p.improvingMoves, "balanced");
  assert.deepEqual(p.unitCost, d.unitCost);
});

Deno.test("every kind of effect reaches the engine's input, the utility effect too", () => {
  const s = study();
  s.interventions![0].effects = {
    activity: { nonElective: 0.8 },
    transitions: { worsening: 0.9 },
    death: 0.95,
    utility: { central: 0.02, low: 0.01, high: 0.03, level: 0.9, family: "normal" },
  };
  const { input } = resolveStudy(s, exampleSegments());
  const [a, b] = input.interventions;
  assert.deepEqual(a.effects.utility, {
    central: 0.02,
    low: 0.01,
    high: 0.03,
    level: 0.9,
    family: "normal",
  });
  assert.deepEqual(b.effects.utility, a.effects.utility, "a variant shares it");
  assert.equal(a.effects.death, 0.95);
  assert.deepEqual(a.effects.transitions, { worsening: 0.9 });
});
