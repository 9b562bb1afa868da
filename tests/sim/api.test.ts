/** The engine's API: one entry point, one rule for what is split by intervention. */
import assert from "node:assert/strict";
import {
  decomposedScenarios,
  decomposeStudy,
  deterministic,
  runStudy,
  subsetsToSimulate,
} from "../../sim/api.ts";
import { prepareModel } from "../../sim/model.ts";
import { BLOCK_WORKER_URL, BlockPool } from "../../sim/parallel.ts";
import { RunCancelled } from "../../sim/run.ts";
import { decomposeScenario } from "../../sim/shapley.ts";
import { exampleStudy } from "../helpers.ts";

const options = { iterations: 40, seed: 17, interval: 0.9 };
const json = (x: unknown) => JSON.parse(JSON.stringify(x));

Deno.test("every scenario with at least one intervention is split by intervention", async () => {
  const input = exampleStudy(); // baseline, one intervention, two interventions
  assert.deepEqual(decomposedScenarios(input), [1, 2]);
  const model = prepareModel(input);
  const { decompositions, results } = await runStudy({ model }, options);
  assert.deepEqual(decompositions.map((d) => d.scenario), ["Frailty", "Frailty + falls"]);
  assert.deepEqual(decompositions.map((d) => d.interventions.length), [1, 2]);
  assert.equal(results.iterations, 40);
  const none = await runStudy({ model }, { ...options, decompose: false });
  assert.deepEqual(none.decompositions, []);
});

Deno.test("subsets read from the run equal subsets simulated on their own", async () => {
  // "Frailty" is its own subset {frailty}; "Frailty + falls" lists its interventions in an order
  // other than sorted, so {falls, frailty} is simulated (multiplication order would differ).
  const input = exampleStudy();
  const model = prepareModel(input);
  assert.equal(subsetsToSimulate(input, options.seed), 2); // {falls} and {falls, frailty}
  const { run } = await runStudy({ model }, { ...options, decompose: false });
  const reused = await decomposeStudy({ model }, options, run);
  const alone = [1, 2].map((i) =>
    decomposeScenario(model, i, options.seed, options.iterations, options.interval)
  );
  assert.deepEqual(json(reused), json(alone));
});

Deno.test("a pool gives the same run and split as this thread", async () => {
  const model = prepareModel(exampleStudy());
  const here = await runStudy({ model }, options);
  const pool = new BlockPool(BLOCK_WORKER_URL, 2);
  try {
    const pooled = await runStudy({ model }, { ...options, pool });
    assert.deepEqual(json(pooled.results), json(here.results));
    assert.deepEqual(json(pooled.decompositions), json(here.decompositions));
  } finally {
    pool.terminate();
  }
});

Deno.test("a cancelled run stops with RunCancelled, in this thread and on a pool", async () => {
  const model = prepareModel(exampleStudy());
  const signal = AbortSignal.abort();
  await assert.rejects(runStudy({ model }, { ...options, signal }), RunCancelled);
  const pool = new BlockPool(BLOCK_WORKER_URL, 2);
  try {
    await assert.rejects(runStudy({ model }, { ...options, signal, pool }), RunCancelled);
  } finally {
    pool.terminate();
  }
});

Deno.test("the deterministic analysis: one pass at parameter means, mode deterministic", () => {
  const model = prepareModel(exampleStudy());
  const r = deterministic({ model });
  assert.equal(r.mode, "deterministic");
  assert.equal(r.uncertainty, null);
  assert.equal(r.iterations, 1);
  assert.equal(r.seed, null);
  assert.equal(r.interval, 0.95);
  assert.equal(deterministic({ model, options: { interval: 0.8 } }).interval, 0.8);
});
