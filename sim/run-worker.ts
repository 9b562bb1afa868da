/**
 * Browser Web Worker for a whole Monte Carlo run, so the page stays responsive. It spreads the
 * blocks over a pool of block workers (one per core, `worker.js` beside this bundle; results
 * are identical bit for bit to one thread), posting progress as blocks arrive; then it
 * summarises. Where a worker cannot start workers of its own, it runs the blocks itself. The
 * page cancels by terminating it, which ends its block workers too.
 * Messages in: { input, options }. Out: { type: "progress", done, total } |
 * { type: "done", results, workers } | { type: "decomposition", decompositions } |
 * { type: "error", message }.
 */
/// <reference lib="deno.worker" />
import { type Model, prepareModel } from "./model.ts";
import { runOnPool } from "./parallel.ts";
import { type BlockResult, blocksOf, mergeBlocks, runBlock } from "./run.ts";
import { summarise } from "./summary.ts";
import { decomposeScenario } from "./shapley.ts";
import type { ModelInput, RunOptions } from "./types.ts";

/** Block workers to start: one per core, at most 8, never more than there are blocks. */
function poolSize(iterations: number): number {
  const cores = (self.navigator as { hardwareConcurrency?: number }).hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(cores, 8, blocksOf(iterations).length));
}

function runHere(model: Model, options: RunOptions): BlockResult {
  const blocks: BlockResult[] = [];
  for (const [start, count] of blocksOf(options.iterations)) {
    blocks.push(runBlock(model, options.seed, start, count));
    self.postMessage({ type: "progress", done: start + count, total: options.iterations });
  }
  return mergeBlocks(model, blocks);
}

self.onmessage = async (event: MessageEvent<{ input: ModelInput; options: RunOptions }>) => {
  try {
    const { input, options } = event.data;
    const model = prepareModel(input);
    const workers = typeof Worker === "function" ? poolSize(options.iterations) : 1;
    const run = workers > 1
      ? await runOnPool(model, input, options, {
        workers,
        workerUrl: new URL("./worker.js", import.meta.url),
        onProgress: (done, total) => self.postMessage({ type: "progress", done, total }),
      })
      : runHere(model, options);
    const results = summarise(model, run, {
      mode: "monte-carlo",
      seed: options.seed,
      interval: options.interval,
    });
    self.postMessage({ type: "done", results, workers });
    // Then each multi-intervention scenario's split by intervention (Shapley), same draws.
    const decompositions = model.input.scenarios.flatMap((sc, i) =>
      sc.interventions.length > 1
        ? [decomposeScenario(model, i, options.seed, options.iterations, options.interval)]
        : []
    );
    self.postMessage({ type: "decomposition", decompositions });
  } catch (error) {
    self.postMessage({
      type: "error",
      message: error instanceof Error ? error.message : String(error),
    });
  }
};
