/** Runs a loaded study's Monte Carlo simulation, in this thread or on a pool of Deno workers. */
import { type AssertionOutcome, evaluateAssertions } from "../sim/assertions.ts";
import type { PreparedStudy } from "../sim/study/prepare.ts";
import { runBlocksOnPool, runOnPool } from "../sim/parallel.ts";
import { type BlockResult, runAll, runBlock } from "../sim/run.ts";
import { type Results, summarise } from "../sim/summary.ts";
import type { RunOptions } from "../sim/types.ts";
import { decomposeAll, type ScenarioDecomposition } from "../sim/shapley.ts";

export interface Execution {
  results: Results;
  run: BlockResult;
  assertions: AssertionOutcome[];
}

/** Shapley contributions of every scenario's interventions, with the run's seed and iterations. */
export function decompositions(
  loaded: PreparedStudy,
  options: RunOptions,
): ScenarioDecomposition[] {
  return decomposeAll(loaded.model, options.seed, options.iterations, options.interval);
}

export const WORKER_URL = new URL("../sim/block-worker.ts", import.meta.url);

export async function execute(
  loaded: PreparedStudy,
  options: RunOptions,
  workers: number,
  onProgress?: (done: number, total: number) => void,
): Promise<Execution> {
  const { model, input } = loaded;
  const run = workers > 1
    ? await runOnPool(model, input, options, { workers, workerUrl: WORKER_URL, onProgress })
    : runAll(model, options.seed, options.iterations, onProgress);
  const results = summarise(model, run, {
    mode: "monte-carlo",
    seed: options.seed,
    interval: options.interval,
  });
  const assertions = evaluateAssertions(
    model,
    run,
    loaded.study.assertions ?? [],
    options.interval,
  );
  return { results, run, assertions };
}

/** Runs only the given blocks (one shard of a run). */
export async function executeBlocks(
  loaded: PreparedStudy,
  options: RunOptions,
  workers: number,
  blocks: [number, number][],
  onProgress?: (done: number, total: number) => void,
): Promise<BlockResult[]> {
  if (workers > 1) {
    return await runBlocksOnPool(loaded.input, options, {
      workers,
      workerUrl: WORKER_URL,
      onProgress,
      blocks,
    });
  }
  const total = blocks.reduce((n, [, c]) => n + c, 0);
  let done = 0;
  return blocks.map(([start, count]) => {
    const b = runBlock(loaded.model, options.seed, start, count);
    done += count;
    onProgress?.(done, total);
    return b;
  });
}

export function defaultWorkers(): number {
  return Math.max(1, Math.min(navigator.hardwareConcurrency ?? 1, 16));
}
