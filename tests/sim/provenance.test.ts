/** Provenance in every result: the study as run, the inputs, engine, seed, iterations, uncertainty, host. */
import assert from "node:assert/strict";
import { deterministic, runStudy, summariseRun } from "../../sim/api.ts";
import { prepareModel } from "../../sim/model.ts";
import { provenance, studyHash } from "../../sim/provenance.ts";
import { prepareStudy } from "../../sim/study/prepare.ts";
import { ENGINE_VERSION } from "../../sim/version.ts";
import { exampleStudy, SCENARIOS_DIR } from "../helpers.ts";
import { loadStudyFile } from "../../cli/files.ts";
import { fnv1a64 } from "../../sim/hash.ts";

const study = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    name: "Provenance study",
    horizonYears: 2,
    iterations: 12,
    seed: 5,
    interventions: [{
      id: "iv",
      name: "Coordination",
      target: { ageBands: ["75+"], complexity: ["high"] },
      uptake: 0.5,
      costPerParticipant: 500,
      effects: { activity: { nonElective: 0.8 } },
    }],
    scenarios: [{ name: "Coordinated", interventions: ["iv"] }],
    ...extra,
  });

function prepared(text: string, csv?: string) {
  const { loaded, problems } = prepareStudy(text, () => ({ text: csv }));
  assert.ok(loaded, JSON.stringify(problems));
  return loaded;
}

Deno.test("a Monte Carlo result carries exactly the agreed provenance", async () => {
  const text = study();
  const loaded = prepared(text);
  const { results } = await runStudy(loaded, {
    ...loaded.options,
    denoVersion: "9.9.9",
    decompose: false,
  });
  assert.deepEqual(results.provenance, {
    studyHash: studyHash(text, null),
    inputHash: results.inputHash,
    engineVersion: ENGINE_VERSION,
    seed: 5,
    iterations: 12,
    uncertainty: "parameters+counts",
    denoVersion: "9.9.9",
  });
  // Key order is fixed, so equal runs write equal bytes.
  assert.deepEqual(Object.keys(results.provenance), [
    "studyHash",
    "inputHash",
    "engineVersion",
    "seed",
    "iterations",
    "uncertainty",
    "denoVersion",
  ]);
});

Deno.test("the study hash follows the text as run; the input hash follows the model", () => {
  const a = prepared(study());
  const spaced = prepared(study().replace("{", "{\n  "));
  const other = prepared(study({ horizonYears: 3 }));
  assert.notEqual(a.studyHash, spaced.studyHash); // a different file…
  assert.equal(
    deterministic(a).provenance.inputHash,
    deterministic(spaced).provenance.inputHash, // …with the same model
  );
  assert.notEqual(a.studyHash, other.studyHash);
  assert.notEqual(
    deterministic(a).provenance.inputHash,
    deterministic(other).provenance.inputHash,
  );
  // The CSV is part of the study: same text, different table, different hash.
  assert.notEqual(studyHash("{}", "a,b\n1,2\n"), studyHash("{}", "a,b\n1,3\n"));
  assert.notEqual(studyHash("{}", null), studyHash("{}", ""));
  assert.match(a.studyHash, /^[0-9a-f]{16}$/);
});

Deno.test("a deterministic result has no seed and no uncertainty; hosts add their Deno", () => {
  const loaded = prepared(study());
  const p = deterministic(loaded, { denoVersion: "2.9.6" }).provenance;
  assert.equal(p.seed, null);
  assert.equal(p.iterations, 1);
  assert.equal(p.uncertainty, "none");
  assert.equal(p.denoVersion, "2.9.6");
  assert.equal(p.studyHash, loaded.studyHash);
  // A host that gives no Deno version (the browser) and no study file (a bare model).
  const bare = deterministic({ model: prepareModel(exampleStudy()) }).provenance;
  assert.equal(bare.denoVersion, null);
  assert.equal(bare.studyHash, null);
});

Deno.test("the uncertainty option and a calibration's posterior are recorded", async () => {
  const loaded = prepared(study());
  const options = { ...loaded.options, uncertainty: "parameters" as const, decompose: false };
  const { results, run } = await runStudy(loaded, options);
  assert.equal(results.provenance.uncertainty, "parameters");
  // Nothing calibrated: no calibration in the provenance.
  assert.equal(results.provenance.calibration, undefined);
  // A calibrated study: the engine records the posterior's hash itself (no host passes it).
  const falls = loadStudyFile(new URL("falls-prevention.json", SCENARIOS_DIR).pathname).loaded!;
  const calibrated = deterministic(falls).provenance;
  assert.deepEqual(calibrated.calibration, { posteriorHash: falls.model.posterior!.hash });
  assert.equal(
    falls.model.posterior!.hash,
    fnv1a64(Deno.readTextFileSync(new URL("data/example-place-posterior.json", SCENARIOS_DIR))),
  );
  // Summarising a run already simulated (merged shards) gives the same provenance.
  const again = summariseRun(loaded, run, { ...loaded.options, denoVersion: "1.0.0" }).results;
  assert.equal(again.provenance.denoVersion, "1.0.0");
  assert.equal(again.provenance.uncertainty, "parameters+counts");
  assert.equal(
    provenance({ inputHash: "x", seed: 1, iterations: 2, deterministic: true }).uncertainty,
    "none",
  );
});
