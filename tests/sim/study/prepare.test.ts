/** From study text to a prepared model: shipped studies load; problems name their file. */
import assert from "node:assert/strict";
import { expectProblem, minimal, problemsOf, scenariosDir } from "./helpers.ts";
import { EXAMPLE_PLACE_CSV } from "../../../sim/example-place.ts";
import { prepareStudy } from "../../../sim/study/prepare.ts";
import { formatProblem } from "../../../sim/problems.ts";

Deno.test("a minimal study loads", () => {
  assert.deepEqual(problemsOf(minimal()), []);
});

Deno.test("every shipped study validates", async () => {
  for await (const entry of Deno.readDir(scenariosDir)) {
    if (!entry.name.endsWith(".json") || entry.name === "schema.json") continue;
    const text = await Deno.readTextFile(new URL(entry.name, scenariosDir));
    const problems =
      prepareStudy(text, (p) => ({ text: Deno.readTextFileSync(new URL(p, scenariosDir)) }))
        .problems;
    assert.deepEqual(problems.map((p) => formatProblem(p)), [], entry.name);
  }
});

Deno.test("a CSV population's problems name the CSV file", () => {
  const s = minimal();
  s.population = { source: "csv", path: "data/place.csv" };
  const problems = problemsOf(s, EXAMPLE_PLACE_CSV.replace("138611", "many"));
  const p = expectProblem(problems, "row 5, column population", /not a decimal number/);
  assert.equal(p.file, "data/place.csv");
  expectProblem(problemsOf(s), "(file)", /no such file/);
});
