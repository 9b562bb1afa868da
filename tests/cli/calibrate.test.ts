/**
 * `sim calibrate`: writes the posterior the study names (or --out) with its report beside it,
 * prints the report, and the study then runs on it; a study without a calibration section, bad
 * options and a stale posterior are clear exit-2 errors.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli } from "./run-cli.ts";
import { portableStudy, SCENARIOS_DIR } from "../helpers.ts";

const FALLS = Deno.readTextFileSync(new URL("falls-prevention.json", SCENARIOS_DIR));

Deno.test("calibrate writes the posterior and its report; the study then runs on it", async () => {
  const dir = await Deno.makeTempDir();
  const study = JSON.parse(portableStudy(FALLS));
  study.calibration.posterior = "fit/posterior.json";
  study.calibration.parameters = ["netMigrationPer1000", "mortalityMultiplier"];
  const path = join(dir, "study.json");
  await Deno.writeTextFile(path, JSON.stringify(study));
  // Before the fit: no posterior, and the message says how to make one.
  const before = await runCli(["check", path, "--iterations", "2"]);
  assert.equal(before.code, 2);
  assert.match(before.stdout, /fit the posterior with "deno task sim calibrate .*study\.json"/);
  const r = await runCli([
    "calibrate",
    path,
    "--samples",
    "300",
    "--draws",
    "40",
    "--rounds",
    "3",
    "--seed",
    "9",
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /effective sample size/);
  assert.match(r.stdout, /Population aged 75\+, growth a year: target 1\.80%/);
  assert.match(r.stdout, /netMigrationPer1000\.75\+: prior/);
  const posterior = JSON.parse(await Deno.readTextFile(join(dir, "fit/posterior.json")));
  assert.equal(posterior.draws.length, 40);
  assert.deepEqual(posterior.parameters, [
    "mortalityMultiplier",
    "netMigrationPer1000.0-17",
    "netMigrationPer1000.18-74",
    "netMigrationPer1000.75+",
  ]);
  assert.equal(posterior.seed, 9);
  assert.match(await Deno.readTextFile(join(dir, "fit/posterior.report.txt")), /Targets/);
  assert.match(await Deno.readTextFile(join(dir, "fit/posterior.report.html")), /<svg/);
  const after = await runCli(["check", path, "--iterations", "4"]);
  assert.equal(after.code, 0, after.stdout + after.stderr);
  // The same seed writes the same file.
  const out = join(dir, "again.json");
  const again = await runCli([
    "calibrate",
    path,
    "--samples",
    "300",
    "--draws",
    "40",
    "--rounds",
    "3",
    "--seed",
    "9",
    "--out",
    out,
  ]);
  assert.equal(again.code, 0);
  assert.equal(
    await Deno.readTextFile(out),
    await Deno.readTextFile(join(dir, "fit/posterior.json")),
  );
});

Deno.test("calibrate: no calibration section, bad options and a stale fit are exit-2 errors", async () => {
  const dir = await Deno.makeTempDir();
  const none = JSON.parse(portableStudy(FALLS));
  delete none.calibration;
  await Deno.writeTextFile(join(dir, "none.json"), JSON.stringify(none));
  const r = await runCli(["calibrate", join(dir, "none.json")]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /declares no calibration/);
  const bad = await runCli(["calibrate", join(dir, "none.json"), "--samples", "3"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--samples must be a whole number from 10/);
  const stale = JSON.parse(portableStudy(FALLS));
  stale.baseline = { deprivationWorseningRatio: 1.5 };
  await Deno.writeTextFile(join(dir, "stale.json"), JSON.stringify(stale));
  const s = await runCli([
    "run",
    join(dir, "stale.json"),
    "--iterations",
    "2",
    "--out",
    join(dir, "o"),
  ]);
  assert.equal(s.code, 2);
  assert.match(s.stderr, /calibration\.posterior: the posterior is stale/);
  assert.match(s.stderr, /deno task sim calibrate .*stale\.json/);
});
