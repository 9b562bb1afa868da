/** Problems beside their fields, in plain words (client/field-problems.ts). */
import assert from "node:assert/strict";
import { describeProblem, placeOf, plainMessage, problemsAt } from "../../client/field-problems.ts";
import { prepareStudy } from "../../sim/study/prepare.ts";
import type { Study } from "../../sim/study/format.ts";

const falls = (): Study =>
  JSON.parse(
    Deno.readTextFileSync(new URL("../../scenarios/falls-prevention.json", import.meta.url)),
  );

Deno.test("an interval out of order: at its field, in plain words, placed by name", () => {
  const study = falls();
  // Written out (issue 12B): the relative risk is the effect's `rr`; its problems show at the field.
  const effect = study.interventions![0].effects!.activity!.nonElective as { rr: { low: number } };
  effect.rr.low = 0.99;
  const { problems } = prepareStudy(JSON.stringify(study), () => ({}));
  const at = problemsAt(problems, "interventions[0].effects.activity.nonElective");
  assert.equal(at.length, 1);
  assert.equal(
    plainMessage(at[0]),
    "Low must not be above the central value, nor the central value above high.",
  );
  const line = describeProblem(at[0], study);
  assert.equal(
    line,
    "Strength and balance exercise (75+): effect on non-elective admissions: Low must not be above the central value, nor the central value above high.",
  );
  // No JSON path, no internal key.
  assert.doesNotMatch(line, /interventions\[|nonElective|effects\./);
  // Other fields see none of it.
  assert.deepEqual(problemsAt(problems, "interventions[0].effects.activity.ae"), []);
  assert.deepEqual(problemsAt(problems, "interventions[0].effects.activity.non"), []);
});

Deno.test("places in words", () => {
  const study = falls();
  const name = study.interventions![0].name;
  assert.equal(placeOf("interventions[0].uptake[0]", study), `${name}: uptake in Q1`);
  assert.equal(placeOf("interventions[0].startYear", study), `${name}: start year`);
  assert.equal(placeOf("interventions[0].effects.death", study), `${name}: effect on death`);
  assert.equal(
    placeOf("interventions[0].effects.transitions.worsening.low", study),
    `${name}: effect on worsening complexity`,
  );
  assert.equal(placeOf("scenarios[0].name", study), "Scenario “Falls prevention”: name");
  assert.equal(placeOf("name", study), "Study: name");
  assert.equal(placeOf("baseline.deathRate.75+", study), "Baseline settings");
  assert.equal(
    placeOf("row 4, column population", study),
    "Population table, row 4, column population",
  );
  assert.equal(placeOf("somethingElse", study), "The study");
});

Deno.test("plain words for the checks' messages; others keep what they expect", () => {
  assert.equal(
    plainMessage({ at: "x", message: "too short", expected: "1 character" }),
    "Must not be empty.",
  );
  assert.equal(
    plainMessage({ at: "x", message: "starts after the horizon", expected: "1 to 10" }),
    "Starts after the study's last year (1 to 10).",
  );
  assert.equal(
    plainMessage({ at: "x", message: "something odd", expected: "a thing" }),
    "Something odd (expected a thing).",
  );
});
