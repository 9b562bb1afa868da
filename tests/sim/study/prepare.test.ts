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

Deno.test("shipped studies: every effect is an interval with its source or a marked assumption", async () => {
  // Each effect's parameters (its RR, the share it applies to, its modifiers) must carry an
  // interval (an estimate or a distribution, not a bare number) and say where it comes from:
  // `source` (a cited figure) or `assumption` (what is assumed and its sensitivity range), on
  // the parameter itself or, for the RR, on the effect written out.
  const noted = (x: Record<string, unknown>) =>
    typeof x.source === "string" || typeof x.assumption === "string";
  const missing: string[] = [];
  let checked = 0;
  for await (const entry of Deno.readDir(scenariosDir)) {
    if (!entry.name.endsWith(".json") || entry.name === "schema.json") continue;
    const study = JSON.parse(await Deno.readTextFile(new URL(entry.name, scenariosDir)));
    for (const iv of study.interventions ?? []) {
      if (!iv.effects) continue;
      const effects: [string, unknown][] = [
        ...Object.entries(iv.effects.activity ?? {}).map(([k, e]) => [`activity.${k}`, e]),
        ...Object.entries(iv.effects.transitions ?? {}).map(([k, e]) => [`transitions.${k}`, e]),
        ...(iv.effects.death === undefined ? [] : [["death", iv.effects.death]]),
      ] as [string, unknown][];
      for (const [where, effect] of effects) {
        const e = effect as Record<string, unknown>;
        const written = typeof e === "object" && Object.hasOwn(e, "rr");
        const params: [string, unknown, boolean][] = written
          ? [
            [`${where}.rr`, e.rr, noted(e)],
            ...(e.share === undefined ? [] : [[`${where}.share`, e.share, false]]),
            ...Object.entries((e.modifiers ?? {}) as Record<string, Record<string, unknown>>)
              .flatMap(([g, m]) =>
                Object.entries(m).map(([k, v]) => [`${where}.modifiers.${g}.${k}`, v, false])
              ),
          ] as [string, unknown, boolean][]
          : [[where, e, false]];
        for (const [at, p, inherited] of params) {
          checked++;
          const label = `${entry.name} ${iv.id} ${at}`;
          const note = p as Record<string, unknown>;
          if (typeof p !== "object" || p === null) missing.push(`${label}: a bare number`);
          else if (!noted(note) && !inherited) missing.push(`${label}: no source or assumption`);
          else if (typeof note.source === "string" && /^\s*assum/i.test(note.source)) {
            missing.push(`${label}: an assumption written as a source`);
          }
        }
      }
    }
  }
  assert.deepEqual(missing, []);
  assert.ok(checked >= 15, `${checked} effect parameters`);
});
