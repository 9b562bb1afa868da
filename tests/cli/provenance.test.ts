/** Provenance of command-line runs: results.json, provenance.json and the report agree. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { studyHash } from "../../sim/provenance.ts";
import { ENGINE_VERSION } from "../../sim/version.ts";
import { runCli } from "./run-cli.ts";

const root = new URL("../..", import.meta.url).pathname;

Deno.test("run writes the provenance into results.json, provenance.json and the report", async () => {
  const dir = await Deno.makeTempDir();
  const csv = await Deno.readTextFile(join(root, "scenarios/data/segmentation-example-place.csv"));
  const text = JSON.stringify({
    name: "CSV study",
    population: { source: "csv", path: "place.csv" },
    horizonYears: 2,
    iterations: 16,
    seed: "abc",
    scenarios: [{ name: "Same", interventions: [] }],
  });
  await Deno.writeTextFile(join(dir, "place.csv"), csv);
  await Deno.writeTextFile(join(dir, "study.json"), text);
  const out = join(dir, "out");
  const r = await runCli(["run", join(dir, "study.json"), "--out", out, "--workers", "1"]);
  assert.equal(r.code, 0, r.stderr);
  const results = JSON.parse(await Deno.readTextFile(join(out, "results.json"))).results;
  const file = JSON.parse(await Deno.readTextFile(join(out, "provenance.json")));
  assert.deepEqual(file, results.provenance);
  assert.deepEqual(file, {
    studyHash: studyHash(text, csv),
    inputHash: results.inputHash,
    engineVersion: ENGINE_VERSION,
    seed: "abc",
    iterations: 16,
    uncertainty: "parameters+counts",
    denoVersion: Deno.version.deno,
  });
  const html = await Deno.readTextFile(join(out, "report.html"));
  assert.match(html, new RegExp(`study file and CSV ${file.studyHash}`));
  assert.match(html, new RegExp(`Deno ${Deno.version.deno.replaceAll(".", "\\.")}`));
  assert.match(html, /uncertainty: parameters and counts drawn/);
});

Deno.test("expected --json carries a deterministic provenance", async () => {
  const r = await runCli(["expected", join(root, "scenarios/falls-prevention.json"), "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const p = JSON.parse(r.stdout).provenance;
  assert.equal(p.uncertainty, "none");
  assert.equal(p.seed, null);
  assert.equal(p.denoVersion, Deno.version.deno);
  assert.equal(
    p.studyHash,
    studyHash(await Deno.readTextFile(join(root, "scenarios/falls-prevention.json")), null),
  );
});
