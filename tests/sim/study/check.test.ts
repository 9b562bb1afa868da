/** The checks a schema cannot make: names that exist, intervals in order, probabilities, rows. */
import assert from "node:assert/strict";
import { expectProblem, minimal, problemsOf } from "./helpers.ts";
import { parseSegmentation } from "../../../sim/segmentation.ts";
import { EXAMPLE_PLACE_CSV } from "../../../sim/example-place.ts";
import { defaultNorms } from "../../../sim/health/settings.ts";
import { exampleModelInput } from "../../../sim/example-model.ts";
import { prepareModel } from "../../../sim/model.ts";
import { InputError } from "../../../sim/problems.ts";

Deno.test("probabilities outside [0, 1]", () => {
  const s = minimal();
  (s.interventions as Record<string, unknown>[])[0].uptake = 1.4;
  expectProblem(problemsOf(s), "interventions[0].uptake", /probability must lie in \[0, 1\]/);
  const t = minimal();
  t.baseline = { deathRate: { "75+": -0.1 } };
  expectProblem(problemsOf(t), "baseline.deathRate.75+".replace(".75+", '["75+"]'), /probability/);
  const u = minimal();
  u.baseline = {
    transitions: {
      "18-74": {
        "low->middle": { central: 0.05, low: 0.03, high: 0.08, level: 0.9, family: "gamma" },
      },
    },
  };
  expectProblem(problemsOf(u), /low->middle/, /bounded distribution/);
});

Deno.test("transition rows that sum above 1", () => {
  const s = minimal();
  s.baseline = { transitions: { "75+": { "middle->high": 0.7, "middle->low": 0.5 } } };
  const p = expectProblem(problemsOf(s), /transitions\["75\+"\]/, /add to more than 1/);
  assert.equal(p.found, "1.200");
});

Deno.test("negative or non-integer counts", () => {
  const s = minimal();
  (s.interventions as Record<string, unknown>[])[0].capacity = -5;
  expectProblem(problemsOf(s), "interventions[0].capacity", /too small/);
  const t = minimal();
  (t.interventions as Record<string, unknown>[])[0].capacity = 10.5;
  expectProblem(problemsOf(t), "interventions[0].capacity", /wrong type/);
  const csv = EXAMPLE_PLACE_CSV.replace("49726", "-3").replace("2210", "2210.5");
  const { problems } = parseSegmentation(csv);
  expectProblem(problems, "row 2, column population", /too small/);
  expectProblem(problems, "row 3, column population", /not a whole number/);
});

Deno.test("intervals with low above high", () => {
  const s = minimal();
  (s.interventions as Record<string, unknown>[])[0].effects = {
    activity: {
      nonElective: { central: 0.8, low: 0.9, high: 0.7, level: 0.95, family: "lognormal" },
    },
  };
  const p = expectProblem(
    problemsOf(s),
    "interventions[0].effects.activity.nonElective",
    /out of order/,
  );
  assert.match(p.found!, /low 0.9, central 0.8, high 0.7/);
});

Deno.test("unknown segment and area names", () => {
  const s = minimal();
  (s.interventions as Record<string, unknown>[])[0].target = {
    ageBands: ["75 plus"],
    complexity: ["hgh"],
    areas: ["nowhere"],
  };
  const problems = problemsOf(s);
  expectProblem(problems, "interventions[0].target.ageBands[0]", /unknown age band/);
  assert.equal(
    expectProblem(problems, "interventions[0].target.complexity[0]", /unknown complexity level/)
      .suggestion,
    "high",
  );
  expectProblem(problems, "interventions[0].target.areas[0]", /unknown area/);
  const t = minimal();
  t.areas = [{ id: "a", name: "A", level: "place", parent: "b" }];
  expectProblem(problemsOf(t), "areas[0].parent", /unknown area/);
});

Deno.test("duplicate scenario names and unknown interventions", () => {
  const s = minimal();
  s.scenarios = [{ name: "X", interventions: ["iv"] }, { name: "X", interventions: ["ivv"] }];
  const problems = problemsOf(s);
  expectProblem(problems, "scenarios[1].name", /duplicate scenario name/);
  assert.equal(
    expectProblem(problems, "scenarios[1].interventions[0]", /unknown intervention/).suggestion,
    "iv",
  );
});

Deno.test("assertions must name a scenario, a measure and a condition", () => {
  const s = minimal();
  s.assertions = [
    { scenario: "Nope", measure: "discounted.cost.total", below: 0 },
    { scenario: "With it", measure: "discounted.cost.totl", below: 0 },
    { scenario: "With it", measure: "cost.total" },
  ];
  const problems = problemsOf(s);
  expectProblem(problems, "assertions[0].scenario", /unknown scenario/);
  expectProblem(problems, "assertions[2]", /no condition/);
  const t = minimal();
  t.assertions = [{ scenario: "With it", measure: "discounted.cost.totl", below: 0 }];
  assert.equal(
    expectProblem(problemsOf(t), "assertions[0].measure", /unknown measure/).suggestion,
    "discounted.cost.total",
  );
});

Deno.test("variants share draws and may not redefine effects", () => {
  const s = minimal();
  (s.interventions as Record<string, unknown>[]).push({
    id: "v",
    name: "Variant",
    variantOf: "iv",
    uptake: 0.2,
    targeting: "most-deprived",
  });
  expectProblem(problemsOf(s), "interventions[1].uptake", /inherits/);
});

Deno.test("effects written out: what they apply to, their shares and modifiers", () => {
  const withEffects = (effects: unknown) => {
    const s = minimal();
    (s.interventions as Record<string, unknown>[])[0].effects = effects;
    return problemsOf(s);
  };
  // A written-out effect that is right.
  assert.deepEqual(
    withEffects({
      activity: {
        nonElective: {
          rr: { central: 0.8, low: 0.7, high: 0.9, family: "lognormal" },
          appliesTo: "amenable",
          modifiers: { complexity: { middle: 1.1 }, quintile: { "1": 1.2 } },
        },
        ae: { rr: 0.7, share: 0.2 },
      },
      transitions: { worsening: { rr: 0.9, modifiers: { ageBand: { "75+": 1.05 } } } },
    }),
    [],
  );
  expectProblem(
    withEffects({ activity: { gp: { rr: 0.9, appliesTo: "amenable" } } }),
    "interventions[0].effects.activity.gp.appliesTo",
    /only non-elective admissions have an amenable share/,
  );
  expectProblem(
    withEffects({ activity: { nonElective: { rr: 0.9, appliesTo: "amenable", share: 0.3 } } }),
    "interventions[0].effects.activity.nonElective.share",
    /takes its share from the baseline/,
  );
  expectProblem(
    withEffects({ activity: { ae: { rr: 0.9, share: 1.3 } } }),
    "interventions[0].effects.activity.ae.share",
    /probability must lie in \[0, 1\]/,
  );
  const band = expectProblem(
    withEffects({ activity: { ae: { rr: 0.9, modifiers: { ageBand: { "75 +": 1.1 } } } } }),
    /modifiers\.ageBand/,
    /unknown age band/,
  );
  assert.match(band.suggestion ?? "", /75\+/);
  expectProblem(
    withEffects({ activity: { ae: { rr: 0.9, modifiers: { quintile: { "6": 1.1 } } } } }),
    /modifiers\.quintile/,
    /.+/,
  );
  expectProblem(
    withEffects({ activity: { ae: { rr: -0.5 } } }),
    "interventions[0].effects.activity.ae.rr",
    /must not be negative/,
  );
  expectProblem(
    withEffects({ death: { share: 0.5 } }),
    /interventions\[0\]\.effects\.death/,
    /.+/,
  );
});

Deno.test("baseline amenable shares: known bands and levels, probabilities", () => {
  const s = minimal();
  s.baseline = { amenableShare: { nonElective: { "75+": 1.2, "65+": 0.2 } } };
  const problems = problemsOf(s);
  expectProblem(problems, /amenableShare\.nonElective\["75\+"\]/, /probability/);
  expectProblem(problems, /amenableShare\.nonElective\["65\+"\]/, /unknown age band/);
});

Deno.test("a distribution written with its source or assumption note is accepted", () => {
  const s = minimal();
  (s.interventions as Record<string, unknown>[])[0].effects = {
    activity: {
      nonElective: {
        dist: "normal",
        mean: 1.1,
        sd: 0.1,
        min: 0,
        source: "A study, with its interval",
      },
      ae: { dist: "lognormal", meanlog: -0.1, sdlog: 0.1, assumption: "Why, and the range tried" },
    },
  };
  // Notes are text, not numbers of the distribution: they are not "not finite".
  assert.deepEqual(problemsOf(s), []);
});

Deno.test("health and value sections: each problem named where it is", () => {
  const band = minimal();
  band.health = { utility: { norm: { "65+": 0.8, "75+": 1.2 } } };
  const bp = problemsOf(band);
  expectProblem(bp, 'health.utility.norm["65+"]', /unknown age band/);
  expectProblem(bp, 'health.utility.norm["75+"]', /probability must lie in \[0, 1\]/);
  const level = minimal();
  level.health = { utility: { complexityMultiplier: { severe: 0.5 } } };
  expectProblem(
    problemsOf(level),
    "health.utility.complexityMultiplier.severe",
    /unknown complexity level/,
  );
  level.health = { discountRate: 0.5 };
  expectProblem(problemsOf(level), "health.discountRate", /too large/);
  const effect = minimal();
  (effect.interventions as Record<string, Record<string, unknown>>[])[0].effects.utility = 3;
  expectProblem(problemsOf(effect), "interventions[0].effects.utility", /implausible/);
  const value = minimal();
  value.value = {
    thresholds: [20000, 20000],
    curveStep: 1,
    evppi: [{ name: "Effects", parameters: ["interventions.iv.effect.*"] }],
  };
  expectProblem(problemsOf(value), "value.thresholds[1]", /repeated item/);
  value.value = { curveStep: 1, evppi: [{ name: "E", parameters: ["interventions.iv.effect.*"] }] };
  expectProblem(problemsOf(value), "value.curveStep", /too many points/);
  value.value = { evppi: [{ name: "E", parameters: ["interventions.iv.effect.*"] }] };
  const ep = expectProblem(
    problemsOf(value),
    "value.evppi[0].parameters[0]",
    /matches no parameter/,
  );
  assert.equal(ep.suggestion, undefined);
  value.value = { evppi: [{ name: "E", parameters: ["mortalitymultiplier"] }] };
  assert.equal(
    expectProblem(problemsOf(value), "value.evppi[0].parameters[0]", /matches no/).suggestion,
    "mortalityMultiplier",
  );
});

Deno.test("an age band without a default utility norm needs one", () => {
  // Every band the segmentation accepts is an age range (issue 12A); the norms cover ages 0–105.
  assert.deepEqual(defaultNorms(["18-74", "106+"]).missing, ["106+"]);
  const input = exampleModelInput();
  input.health = {
    discountRate: 0.035,
    utilityNorm: { "0-17": 0.9, "18-74": 0.85 },
    utilityMultiplier: { low: 1, middle: 0.85, high: 0.7 },
  };
  assert.throws(
    () => prepareModel(input),
    (e: unknown) =>
      e instanceof InputError &&
      e.problems.some((p) =>
        p.at === "health.utility.norm.75+" && /no utility norm/.test(p.message)
      ),
  );
});

Deno.test("value assertions: nmb.<threshold> with a probability; icer takes only below", () => {
  const s = minimal();
  s.assertions = [
    { scenario: "With it", measure: "nmb.20000", above: 0, probability: 0.8 },
    { scenario: "With it", measure: "icer", below: 30000 },
  ];
  assert.deepEqual(problemsOf(s), []);
  s.assertions = [{ scenario: "With it", measure: "icer", below: 30000, probability: 0.8 }];
  expectProblem(problemsOf(s), "assertions[0].probability", /only `below`/);
  s.assertions = [{ scenario: "With it", measure: "icer", above: 30000 }];
  expectProblem(problemsOf(s), "assertions[0].above", /only `below`/);
  s.assertions = [{ scenario: "With it", measure: "nmb.25000", above: 0 }];
  expectProblem(problemsOf(s), "assertions[0].measure", /unknown measure/);
  s.value = { thresholds: [25000] };
  assert.deepEqual(problemsOf(s), []);
});
