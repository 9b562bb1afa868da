/**
 * `sim run --cohort`: one more cohort's cost per provider per person in summary.csv; a cohort
 * naming what the study does not have, or a study without providers, is a usage error (exit 2).
 */
import assert from "node:assert/strict";
import { runCli } from "./run-cli.ts";
import { budgetStudy } from "../sim/budgets/fixtures.ts";

Deno.test("sim run --cohort reports the cohort; unknown values and studies without providers exit 2", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const study = `${dir}/study.json`;
    await Deno.writeTextFile(study, JSON.stringify(budgetStudy({ iterations: 8 })));
    const out = `${dir}/out`;
    const ok = await runCli([
      "run",
      study,
      "--out",
      out,
      "--workers",
      "1",
      "--cohort",
      "age=75+;quintile=1,2;area=south",
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    const csv = await Deno.readTextFile(`${out}/summary.csv`);
    assert.match(csv, /With it,,difference,budget\.cohort\.acute\.costPerPerson,1,/);
    assert.match(csv, /Baseline,,absolute,budget\.cohort\.population,0,/);
    const results = JSON.parse(await Deno.readTextFile(`${out}/results.json`)).results;
    const cohort = results.budgets.cohorts.at(-1).cohort;
    assert.deepEqual(
      [cohort.ageBands, cohort.quintiles, cohort.areas],
      [["75+"], [1, 2], ["south"]],
    );
    const bad = await runCli(["run", study, "--out", out, "--cohort", "age=80"]);
    assert.equal(bad.code, 2);
    assert.match(
      bad.stderr + bad.stdout,
      /--cohort: unknown age "80" \(expected 0-17, 18-74, 75\+\)/,
    );
    const key = await runCli(["run", study, "--out", out, "--cohort", "group=80-84"]);
    assert.equal(key.code, 2);
    assert.match(key.stderr + key.stdout, /"group=80-84" is not key=values with a key of age/);
    // The journeys' form reads the same: `band` is `age`, and "," may separate fields.
    const same = await runCli([
      "run",
      study,
      "--out",
      `${dir}/same`,
      "--workers",
      "1",
      "--cohort",
      "band=75+,quintile=1,2,area=south",
    ]);
    assert.equal(same.code, 0, same.stderr);
    const again = JSON.parse(await Deno.readTextFile(`${dir}/same/results.json`)).results;
    const read = again.budgets.cohorts.at(-1).cohort;
    assert.deepEqual(
      [read.ageBands, read.quintiles, read.areas],
      [["75+"], [1, 2], ["south"]],
    );
    const plain = budgetStudy({ iterations: 8 });
    delete plain.providers;
    delete plain.budgets;
    await Deno.writeTextFile(study, JSON.stringify(plain));
    const none = await runCli(["run", study, "--out", out, "--cohort", "age=75+"]);
    assert.equal(none.code, 2);
    assert.match(none.stderr + none.stdout, /needs a study with a providers section/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
