/** Study files: every kind of bad input gets a problem naming where and what is wrong. */
import assert from "node:assert/strict";
import { loadStudy } from "../sim/load.ts";
import { formatProblem, type Problem } from "../sim/problems.ts";
import { parseSegmentation } from "../sim/segmentation.ts";
import { EXAMPLE_PLACE_CSV } from "../sim/example-place.ts";
import { MAX_STUDY_BYTES, STUDY_SCHEMA } from "../sim/study-schema.ts";
import { schemaText } from "../cli/write-schema.ts";

const scenariosDir = new URL("../scenarios/", import.meta.url);

function minimal(): Record<string, unknown> {
  return {
    name: "Test",
    iterations: 10,
    interventions: [{
      id: "iv",
      name: "An intervention",
      target: { ageBands: ["75+"], complexity: ["high"] },
      uptake: 0.5,
      costPerParticipant: 100,
      effects: {
        activity: {
          nonElective: { central: 0.8, low: 0.7, high: 0.9, level: 0.95, family: "lognormal" },
        },
      },
    }],
    scenarios: [{ name: "With it", interventions: ["iv"] }],
  };
}

function problemsOf(study: unknown, csv?: string): Problem[] {
  const text = typeof study === "string" ? study : JSON.stringify(study);
  return loadStudy(
    text,
    () => (csv === undefined
      ? { problem: { at: "(file)", message: "no such file" } }
      : { text: csv }),
  ).problems;
}

function expectProblem(problems: Problem[], at: string | RegExp, message: RegExp) {
  const hit = problems.find((p) =>
    (typeof at === "string" ? p.at === at : at.test(p.at)) && message.test(p.message)
  );
  assert.ok(
    hit,
    `no problem at ${at} matching ${message}; got:\n${
      problems.map((p) => formatProblem(p)).join("\n")
    }`,
  );
  return hit!;
}

Deno.test("a minimal study loads", () => {
  assert.deepEqual(problemsOf(minimal()), []);
});

Deno.test("every shipped study validates", async () => {
  for await (const entry of Deno.readDir(scenariosDir)) {
    if (!entry.name.endsWith(".json") || entry.name === "schema.json") continue;
    const text = await Deno.readTextFile(new URL(entry.name, scenariosDir));
    const problems =
      loadStudy(text, (p) => ({ text: Deno.readTextFileSync(new URL(p, scenariosDir)) })).problems;
    assert.deepEqual(problems.map((p) => formatProblem(p)), [], entry.name);
  }
});

Deno.test("scenarios/schema.json is the validator's schema", async () => {
  assert.equal(await Deno.readTextFile(new URL("schema.json", scenariosDir)), schemaText());
  assert.equal(STUDY_SCHEMA.$defs.intervention.additionalProperties, false);
});

Deno.test("malformed JSON: line and column", () => {
  const p = expectProblem(
    problemsOf('{\n  "name": "x",\n  "scenarios": [,]\n}'),
    /^line 3, column \d+$/,
    /malformed JSON/,
  );
  assert.ok(p.at.startsWith("line 3"));
});

Deno.test("NaN and Infinity: NaN is not JSON, and 1e999 is not finite", () => {
  expectProblem(
    problemsOf('{"name": "x", "iterations": NaN, "scenarios": []}'),
    /^line 1/,
    /NaN and Infinity are not JSON numbers/,
  );
  const s = JSON.stringify(minimal()).replace(
    '"costPerParticipant":100',
    '"costPerParticipant":1e999',
  );
  expectProblem(problemsOf(s), "interventions[0].costPerParticipant", /numbers must be finite/);
});

Deno.test("unknown keys, with a suggestion for a misspelt one", () => {
  const s = minimal();
  s.horizonYaers = 5;
  const p = expectProblem(problemsOf(s), "horizonYaers", /unknown field/);
  assert.equal(p.suggestion, "horizonYears");
  const t = minimal();
  (t.interventions as Record<string, unknown>[])[0].capcity = 10;
  assert.equal(
    expectProblem(problemsOf(t), "interventions[0].capcity", /unknown field/).suggestion,
    "capacity",
  );
});

Deno.test("wrong types and missing fields", () => {
  const s = minimal();
  s.horizonYears = "ten";
  delete s.name;
  const problems = problemsOf(s);
  const wrong = expectProblem(problems, "horizonYears", /wrong type/);
  assert.equal(wrong.found, '"ten"');
  expectProblem(problems, "name", /required field is missing/);
  const t = minimal();
  delete (t.interventions as Record<string, unknown>[])[0].uptake;
  expectProblem(problemsOf(t), "interventions[0].uptake", /required field is missing/);
});

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

Deno.test("iteration counts above the cap", () => {
  const s = minimal();
  s.iterations = 1_000_000;
  const p = expectProblem(problemsOf(s), "iterations", /too large/);
  assert.equal(p.expected, "at most 100000");
});

Deno.test("files over the size cap", () => {
  const big = JSON.stringify({ ...minimal(), description: "x".repeat(MAX_STUDY_BYTES) });
  expectProblem(problemsOf(big), "(file)", /too large/);
});

Deno.test("a CSV with missing columns or non-numeric cells", () => {
  const noSpend = EXAMPLE_PLACE_CSV.replace("spend_pppy_social_care", "spend_social");
  expectProblem(
    parseSegmentation(noSpend).problems,
    "row 1, column spend_pppy_social_care",
    /required column is missing/,
  );
  const lines = EXAMPLE_PLACE_CSV.split("\n");
  lines[4] = lines[4].replace(",0.1,0.1,", ",lots,0.1,");
  const p = expectProblem(
    parseSegmentation(lines.join("\n")).problems,
    "row 5, column inpatient_spells_pppy",
    /not a decimal number/,
  );
  assert.equal(p.found, '"lots"');
});

Deno.test("a CSV population's problems name the CSV file", () => {
  const s = minimal();
  s.population = { source: "csv", path: "data/place.csv" };
  const problems = problemsOf(s, EXAMPLE_PLACE_CSV.replace("138611", "many"));
  const p = expectProblem(problems, "row 5, column population", /not a decimal number/);
  assert.equal(p.file, "data/place.csv");
  expectProblem(problemsOf(s), "(file)", /no such file/);
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
