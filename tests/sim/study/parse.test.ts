/** Study text: malformed JSON by line and column, and the schema: unknown keys, types, limits. */
import assert from "node:assert/strict";
import { expectProblem, minimal, problemsOf, scenariosDir } from "./helpers.ts";
import { MAX_STUDY_BYTES, STUDY_SCHEMA } from "../../../sim/study/schema.ts";
import { schemaText } from "../../../cli/write-schema.ts";

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
