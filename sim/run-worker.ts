/**
 * Browser Web Worker for a whole Monte Carlo run: runs the blocks in order, posts progress after
 * each, then summarises, so the page stays responsive. The page cancels by terminating it.
 * Messages in: { input, options }. Out: { type: "progress", done, total } |
 * { type: "done", results } | { type: "decomposition", decompositions } | { type: "error", message }.
 */
/// <reference lib="deno.worker" />
import { prepareModel } from "./model.ts";
import { type BlockResult, blocksOf, mergeBlocks, runBlock } from "./run.ts";
import { summarise } from "./summary.ts";
import { decomposeScenario } from "./shapley.ts";
import type { ModelInput, RunOptions } from "./types.ts";

self.onmessage = (event: MessageEvent<{ input: ModelInput; options: RunOptions }>) => {
  try {
    const { input, options } = event.data;
    const model = prepareModel(input);
    const blocks: BlockResult[] = [];
    for (const [start, count] of blocksOf(options.iterations)) {
      blocks.push(runBlock(model, options.seed, start, count));
      self.postMessage({ type: "progress", done: start + count, total: options.iterations });
    }
    const results = summarise(model, mergeBlocks(model, blocks), {
      mode: "monte-carlo",
      seed: options.seed,
      interval: options.interval,
    });
    self.postMessage({ type: "done", results });
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
