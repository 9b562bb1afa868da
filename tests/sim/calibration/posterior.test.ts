/**
 * The posterior in use: shipped studies run on the shipped posterior (iteration i on draw
 * i mod N, the deterministic analysis on the means, every other parameter as without it); a
 * posterior fitted to other inputs is a problem that says how to refit; fits are reproducible.
 */
import assert from "node:assert/strict";
import { calibrate } from "../../../sim/calibration/calibrate.ts";
import { fnv1a64 } from "../../../sim/hash.ts";
import { deterministicParameters, iterationParameters, prepareModel } from "../../../sim/model.ts";
import { drawParameters } from "../../../sim/parameters.ts";
import { iterationKey } from "../../../sim/rng.ts";
import { deterministic } from "../../../sim/api.ts";
import { prepareStudy } from "../../../sim/study/prepare.ts";
import { scenarioFiles, SCENARIOS_DIR } from "../../helpers.ts";

const FALLS = Deno.readTextFileSync(new URL("falls-prevention.json", SCENARIOS_DIR));
const POSTERIOR = Deno.readTextFileSync(
  new URL("data/example-place-posterior.json", SCENARIOS_DIR),
);

// deno-lint-ignore no-explicit-any
function load(edit: (s: any) => void = () => {}, read = scenarioFiles()) {
  const study = JSON.parse(FALLS);
  edit(study);
  return prepareStudy(JSON.stringify(study), read, undefined, { studyPath: "falls.json" });
}

Deno.test("a shipped study runs on the shipped posterior: draw i mod N, means when deterministic", () => {
  const { loaded, problems } = load();
  assert.deepEqual(problems, []);
  const { model, options } = loaded!;
  const use = model.posterior!;
  const file = JSON.parse(POSTERIOR);
  assert.equal(use.count, file.draws.length);
  assert.equal(use.hash, fnv1a64(POSTERIOR));
  const P = use.keys.length;
  for (const i of [0, 1, use.count - 1, use.count, 2 * use.count + 7]) {
    const values = iterationParameters(model, options.seed, i);
    const prior = drawParameters(model.registry, iterationKey(options.seed, i));
    model.registry.keys.forEach((key, k) => {
      const j = use.keys.indexOf(key);
      if (j >= 0) assert.equal(values[k], file.draws[i % use.count][j], `${key}, iteration ${i}`);
      else assert.equal(values[k], prior[k], `${key} is drawn from its prior as usual`);
    });
  }
  const means = deterministicParameters(model);
  use.keys.forEach((key, j) => {
    const m = file.draws.reduce((s: number, row: number[]) => s + row[j], 0) / use.count;
    assert.ok(Math.abs(means[model.registry.index.get(key)!] - m) < 1e-12, key);
  });
  assert.equal(P, file.parameters.length);
  // The results name the posterior in their provenance (the one place), by its file's hash.
  const results = deterministic(loaded!);
  assert.deepEqual(results.provenance.calibration, { posteriorHash: use.hash });
  assert.equal("calibration" in results, false);
});

Deno.test("a stale posterior is a problem that names the fix; run settings do not make it stale", () => {
  const stale = [
    (s: Record<string, unknown>) => (s.baseline = { deprivationWorseningRatio: 1.5 }),
    // deno-lint-ignore no-explicit-any
    (s: any) => (s.calibration.parameters = ["netMigrationPer1000"]),
    // deno-lint-ignore no-explicit-any
    (s: any) => (s.calibration.targets = [{
      name: "Whole population, growth a year",
      quantity: "population",
      year: 10,
      annualGrowth: { central: 0.004, low: 0, high: 0.01, level: 0.9 },
      source: "a different interval",
    }]),
  ];
  for (const edit of stale) {
    const { loaded, problems } = load(edit);
    assert.equal(loaded, undefined);
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.equal(problems[0].at, "calibration.posterior");
    assert.match(problems[0].message, /stale/);
    assert.match(problems[0].message, /deno task sim calibrate falls\.json/);
  }
  for (
    const edit of [
      (s: Record<string, unknown>) => (s.horizonYears = 5),
      (s: Record<string, unknown>) => (s.cyclesPerYear = 4),
      (s: Record<string, unknown>) => (s.seed = 99),
      (s: Record<string, unknown>) => (s.name = "Renamed"),
    ]
  ) {
    assert.deepEqual(load(edit).problems, []);
  }
  const missing = load((s) => (s.calibration.posterior = "data/none.json"));
  assert.match(missing.problems[0].message, /fit the posterior with "deno task sim calibrate/);
});

Deno.test("a fit is reproducible from its seed, and another seed gives other draws", () => {
  const { loaded } = load(() => {}, scenarioFiles());
  const base = prepareStudy(FALLS, scenarioFiles(), undefined, { posterior: "skip" }).loaded!;
  const run = (seed: number) =>
    calibrate({
      input: base.input,
      study: "x",
      targets: base.calibration!.targets,
      keys: base.calibration!.keys,
      seed,
      samples: 200,
      draws: 50,
      maxRounds: 2,
    });
  const a = run(3);
  assert.equal(JSON.stringify(run(3)), JSON.stringify(a));
  assert.notEqual(JSON.stringify(run(4).draws), JSON.stringify(a.draws));
  assert.equal(a.fittedTo, loaded!.calibration!.hash);
  assert.equal(a.draws.length, 50);
  // The model it was fitted to is the baseline alone: interventions do not enter.
  assert.ok(prepareModel({ ...base.input, posterior: undefined }));
});
