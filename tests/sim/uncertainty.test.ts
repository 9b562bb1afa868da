/**
 * The two analyses and the two uncertainty modes (sim/run.ts `drawsFor`, sim/api.ts): the
 * deterministic analysis (parameters at their means, counts at their expectations), and Monte
 * Carlo drawing parameters only ("parameters") or parameters and counts ("parameters+counts").
 */
import assert from "node:assert/strict";
import { deterministic, runStudy } from "../../sim/api.ts";
import {
  deterministicParameters,
  iterationParameters,
  type Model,
  prepareModel,
  scenarioContexts,
} from "../../sim/model.ts";
import { meanParameters } from "../../sim/parameters.ts";
import { ExpectedDraws } from "../../sim/draws.ts";
import { simulateScenario, Workspace } from "../../sim/engine.ts";
import { loadStudyFile } from "../../cli/files.ts";
import { BLOCK_WORKER_URL, BlockPool } from "../../sim/parallel.ts";
import { recordLength } from "../../sim/record.ts";
import { makeDeriver } from "../../sim/deriver.ts";
import { drawsFor, runAll, runBlock, runDeterministic } from "../../sim/run.ts";
import type { ModelInput } from "../../sim/types.ts";
import { exampleStudy, fixParameters, SCENARIOS_DIR, simulate } from "../helpers.ts";

/** The example study without capacity caps: every count is then linear in the counts before. */
function uncapped(): ModelInput {
  const input = exampleStudy();
  input.interventions = input.interventions.map((iv) => ({ ...iv, capacity: null }));
  return input;
}

Deno.test("parameters mode with fixed parameters: every iteration is the deterministic run, exactly", () => {
  const input = fixParameters(exampleStudy());
  const model = prepareModel(input);
  const det = runDeterministic(model);
  const iterations = 40;
  const run = runAll(model, "fixed", iterations, { uncertainty: "parameters" });
  const len = recordLength(model.record);
  for (let sc = 0; sc < input.scenarios.length; sc++) {
    for (let i = 0; i < iterations; i++) {
      const it = run.records[sc].subarray(i * len, (i + 1) * len);
      // Bit for bit, capacity caps included (both fill places from expected counts).
      assert.deepEqual(
        Array.from(it),
        Array.from(det.records[sc]),
        `scenario ${sc}, iteration ${i}`,
      );
    }
  }
  // The same run drawing counts does vary (so the comparison above can fail).
  const noisy = runAll(model, "fixed", 2, { uncertainty: "parameters+counts" });
  assert.notDeepEqual(Array.from(noisy.records[0].subarray(0, len)), Array.from(det.records[0]));
});

Deno.test("parameters mode: summaries equal the deterministic values when parameters are fixed", async () => {
  const input = fixParameters(exampleStudy());
  const det = deterministic({ model: prepareModel(input) });
  const mc = await simulate(input, {
    iterations: 64,
    seed: 3,
    interval: 0.95,
    uncertainty: "parameters",
  });
  assert.equal(mc.mode, "monte-carlo");
  assert.equal(mc.uncertainty, "parameters");
  for (const [k, series] of Object.entries(det.scenarios[1].absolute)) {
    const m = mc.scenarios[1].absolute[k as keyof typeof det.scenarios[1]["absolute"]];
    assert.deepEqual(m.mean, series.mean, k);
    for (const sd of m.sd ?? []) assert.equal(sd, 0, k);
  }
});

Deno.test("parameters and parameters+counts agree on the means of linear measures (within MCSE)", () => {
  // Both runs draw the same parameters in each iteration (same seed and parameter streams), so
  // iteration by iteration they differ only by count noise, whose mean is 0 for a measure that
  // is linear in the counts: the mean paired difference lies within 4 of its standard errors.
  const input = uncapped();
  const model = prepareModel(input);
  const n = 300;
  const p = runAll(model, "modes", n, { uncertainty: "parameters" });
  const pc = runAll(model, "modes", n, { uncertainty: "parameters+counts" });
  const derive = makeDeriver(model);
  const cat = model.measures;
  const Y = model.record.years;
  const len = recordLength(model.record);
  const linear = [
    "population",
    "deaths",
    "entrants",
    "activity.nonElective",
    "activity.ae",
    "activity.gp",
    "cost.service",
    "cost.total",
    "cumulative.activity.nonElective",
    "discounted.cost.total",
  ];
  const a = new Float64Array(cat.recordCount * Y);
  const b = new Float64Array(cat.recordCount * Y);
  let compared = 0;
  for (let sc = 0; sc < input.scenarios.length; sc++) {
    const sum = new Float64Array(linear.length * Y);
    const sumSq = new Float64Array(linear.length * Y);
    const spreadP = new Float64Array(linear.length * Y);
    const spreadPc = new Float64Array(linear.length * Y);
    for (let i = 0; i < n; i++) {
      derive(p.records[sc].subarray(i * len, (i + 1) * len), a);
      derive(pc.records[sc].subarray(i * len, (i + 1) * len), b);
      linear.forEach((key, k) => {
        const m = cat.index.get(key as never)!;
        for (let y = 0; y < Y; y++) {
          const d = b[m * Y + y] - a[m * Y + y];
          sum[k * Y + y] += d;
          sumSq[k * Y + y] += d * d;
          spreadP[k * Y + y] += a[m * Y + y] * a[m * Y + y];
          spreadPc[k * Y + y] += b[m * Y + y] * b[m * Y + y];
        }
      });
    }
    linear.forEach((key, k) => {
      for (let y = 1; y < Y; y++) {
        const mean = sum[k * Y + y] / n;
        const sd = Math.sqrt(Math.max(0, sumSq[k * Y + y] / n - mean * mean));
        assert.ok(sd > 0, `${key} year ${y}: counts were not drawn`);
        assert.ok(
          Math.abs(mean) <= 4 * sd / Math.sqrt(n),
          `${input.scenarios[sc].name} ${key} year ${y}: mean difference ${mean} (se ${
            sd / Math.sqrt(n)
          })`,
        );
        compared++;
      }
    });
  }
  assert.ok(compared > 200);
});

Deno.test("parameters mode on a pool of block workers gives the single-thread results bit for bit", async () => {
  const model = prepareModel(exampleStudy());
  const options = {
    iterations: 70,
    seed: "pool",
    interval: 0.9,
    uncertainty: "parameters" as const,
    decompose: false,
  };
  const alone = await runStudy({ model }, options);
  const pool = new BlockPool(BLOCK_WORKER_URL, 2);
  try {
    const pooled = await runStudy({ model }, { ...options, pool });
    assert.deepEqual(pooled.results, alone.results);
    // And it is not the parameters+counts run (the workers were told the mode).
    const counts = await runStudy({ model }, {
      ...options,
      uncertainty: "parameters+counts",
      pool,
    });
    assert.notDeepEqual(
      counts.results.scenarios[0].absolute["activity.nonElective"].mean,
      pooled.results.scenarios[0].absolute["activity.nonElective"].mean,
    );
  } finally {
    pool.terminate();
  }
});

/** The shipped falls study: it runs on the example place's calibration posterior. */
function calibratedFalls() {
  const { loaded, problems } = loadStudyFile(
    new URL("falls-prevention.json", SCENARIOS_DIR).pathname,
  );
  assert.ok(loaded, problems.join("\n"));
  assert.ok(loaded.model.posterior, "the falls study runs on the shipped posterior");
  return loaded;
}

/** The record of scenario `sc` with every count at its expectation, from `values`. */
function expectedRecord(model: Model, values: Float64Array, sc: number): Float64Array {
  const contexts = scenarioContexts(model, values);
  const out = new Float64Array(recordLength(model.record));
  simulateScenario(contexts[sc], new Workspace(model.layout, 4), new ExpectedDraws(), out);
  return out;
}

Deno.test("a calibrated study: parameters mode runs iteration i on posterior draw i mod N", async () => {
  const { model, options } = calibratedFalls();
  const use = model.posterior!;
  // Iterations that wrap past the end of the posterior's draws.
  const start = use.count - 2;
  const count = 4;
  const block = runBlock(model, options.seed, start, count, drawsFor("parameters"));
  const len = recordLength(model.record);
  const priorOnly = prepareModel({ ...model.input, posterior: undefined });
  for (let i = 0; i < count; i++) {
    const iteration = start + i;
    const values = iterationParameters(model, options.seed, iteration);
    // The calibrated parameters are the posterior's draw iteration mod N, not a prior draw.
    const prior = iterationParameters(priorOnly, options.seed, iteration);
    let fromPosterior = 0;
    use.keys.forEach((key, j) => {
      const k = model.registry.index.get(key)!;
      assert.equal(values[k], use.draws[(iteration % use.count) * use.keys.length + j], key);
      if (values[k] !== prior[k]) fromPosterior++;
    });
    assert.ok(fromPosterior > 0);
    for (let sc = 0; sc < model.input.scenarios.length; sc++) {
      assert.deepEqual(
        Array.from(block.records[sc].subarray(i * len, (i + 1) * len)),
        Array.from(expectedRecord(model, values, sc)),
        `iteration ${iteration}, scenario ${sc}`,
      );
    }
  }
  // Through the API and a pool of block workers (the posterior travels with the model input).
  const request = {
    iterations: 40,
    seed: options.seed,
    interval: 0.9,
    uncertainty: "parameters" as const,
    decompose: false,
  };
  const alone = await runStudy({ model }, request);
  const pool = new BlockPool(BLOCK_WORKER_URL, 2);
  try {
    const pooled = await runStudy({ model }, { ...request, pool });
    assert.deepEqual(pooled.results, alone.results);
  } finally {
    pool.terminate();
  }
  assert.deepEqual(alone.results.provenance.calibration, { posteriorHash: use.hash });
  // Without the posterior the same seed gives other results.
  const uncalibrated = await runStudy({ model: priorOnly }, request);
  assert.notDeepEqual(
    uncalibrated.results.scenarios[0].absolute.population.mean,
    alone.results.scenarios[0].absolute.population.mean,
  );
});

Deno.test("a calibrated study: the deterministic analysis uses the posterior means", () => {
  const { model } = calibratedFalls();
  const use = model.posterior!;
  const values = deterministicParameters(model);
  const prior = meanParameters(model.registry);
  let moved = 0;
  use.keys.forEach((key, j) => {
    const k = model.registry.index.get(key)!;
    assert.equal(values[k], use.means[j], key);
    if (Math.abs(values[k] - prior[k]) > 1e-9 * Math.max(1, Math.abs(prior[k]))) moved++;
  });
  assert.ok(moved >= use.keys.length / 2, `${moved} of ${use.keys.length} moved from the prior`);
  // Every other parameter stays at its prior mean.
  model.registry.keys.forEach((key, k) => {
    if (!use.keys.includes(key)) assert.equal(values[k], prior[k], key);
  });
  const det = runDeterministic(model);
  for (let sc = 0; sc < model.input.scenarios.length; sc++) {
    assert.deepEqual(Array.from(det.records[sc]), Array.from(expectedRecord(model, values, sc)));
  }
  // At the prior means instead, the trajectory differs (the posterior is really used).
  assert.notDeepEqual(Array.from(det.records[0]), Array.from(expectedRecord(model, prior, 0)));
  assert.equal(deterministic({ model }).provenance.calibration?.posteriorHash, use.hash);
});
