/**
 * The engine's public face: run a study's Monte Carlo simulation or its expected values.
 * Pure TypeScript: the same calls work in Deno, in a Web Worker and in the browser.
 */
import { prepareModel } from "./model.ts";
import { runAll, runExpected } from "./run.ts";
import { type Results, summarise } from "./summary.ts";
import type { ModelInput, RunOptions } from "./types.ts";

export type { Results, ScenarioResult, SeriesSummary } from "./summary.ts";
export type { ModelInput, RunOptions } from "./types.ts";

/** Monte Carlo: `iterations` iterations of every scenario, in this thread. */
export function simulate(
  input: ModelInput,
  options: RunOptions,
  onProgress?: (done: number, total: number) => void,
): Results {
  const model = prepareModel(input);
  const run = runAll(model, options.seed, options.iterations, onProgress);
  return summarise(model, run, {
    mode: "monte-carlo",
    seed: options.seed,
    interval: options.interval,
  });
}

/** Expected values: parameters at their means, no sampling. */
export function expected(input: ModelInput, interval = 0.95): Results {
  const model = prepareModel(input);
  return summarise(model, runExpected(model), { mode: "expected", seed: null, interval });
}
