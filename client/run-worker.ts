/**
 * Browser Web Worker for Monte Carlo runs, so the page stays responsive. It lives as long as the
 * page and keeps a pool of block workers (one per core, at most 8, `block-worker.js` beside this
 * bundle), so later runs start on warm workers; results are identical bit for bit to one
 * thread. Where a worker cannot start workers of its own, it runs the blocks itself. Messages
 * are handled one at a time, in order. The page cancels a run by terminating this worker,
 * which ends its block workers too.
 * In: { type: "run", input, options } | { type: "warm", input } (a short run whose results are
 * dropped, to compile the code before the first real run).
 * Out: { type: "progress", done, total } | { type: "done", results, assertions, workers } |
 * { type: "decomposition", decompositions } | { type: "warmed" } | { type: "error", message }.
 */
/// <reference lib="deno.worker" />
import { decomposeStudy, runStudy } from "../sim/api.ts";
import { prepareModel } from "../sim/model.ts";
import { BlockPool } from "../sim/parallel.ts";
import { BLOCK_SIZE, blocksOf, RunCancelled } from "../sim/run.ts";
import type { ModelInput, RunOptions } from "../sim/types.ts";
import type { Assertion } from "../sim/study/format.ts";

export type RunWorkerRequest =
  | { type: "run"; input: ModelInput; options: RunOptions; assertions?: Assertion[] }
  | { type: "warm"; input: ModelInput };

const MAX_WORKERS = 8;
/** Studies up to this many states get a longer warm-up run. */
const WARM_STATES = 1000;
const cores = (self.navigator as { hardwareConcurrency?: number }).hardwareConcurrency ?? 1;
const poolSize = Math.max(1, Math.min(cores, MAX_WORKERS));
const pool = typeof Worker === "function" && poolSize > 1
  ? new BlockPool(new URL("./block-worker.js", import.meta.url), poolSize)
  : null;

/** A Monte Carlo run through the engine's API, on the block workers when it has several blocks. */
async function monteCarlo(
  input: ModelInput,
  options: RunOptions,
  report: boolean,
  assertions: Assertion[] = [],
) {
  const model = prepareModel(input);
  const onProgress = report
    ? (done: number, total: number) => self.postMessage({ type: "progress", done, total })
    : undefined;
  const blocks = blocksOf(options.iterations).length;
  const onPool = pool !== null && blocks > 1 ? pool : undefined;
  const request = { ...options, pool: onPool, onProgress };
  const { results, run, assertions: outcomes } = await runStudy(
    { model, study: { assertions } },
    { ...request, decompose: false },
  );
  return {
    model,
    run,
    request,
    results,
    assertions: outcomes,
    workers: onPool ? Math.min(poolSize, blocks) : 1,
  };
}

async function handle(msg: RunWorkerRequest): Promise<void> {
  if (msg.type === "warm") {
    // A few blocks for every block worker, and a summary: the code paths of a real run, often
    // enough for the compiler to optimise them. Fewer for large studies (many states).
    const states = prepareModel(msg.input).layout.stateCount;
    const iterations = (states <= WARM_STATES ? 4 : 1) * poolSize * BLOCK_SIZE;
    await monteCarlo(msg.input, { seed: 1, iterations, interval: 0.9 }, false);
    self.postMessage({ type: "warmed" });
    return;
  }
  const { input, options, assertions: checks } = msg;
  const { model, run, request, results, assertions, workers } = await monteCarlo(
    input,
    options,
    true,
    checks,
  );
  self.postMessage({ type: "done", results, assertions, workers });
  // Then each scenario's split by intervention (Shapley), with the same draws, unless the next
  // message arrives first: a new run does not wait for the last one's split.
  split = new AbortController();
  try {
    const decompositions = await decomposeStudy(
      { model },
      { ...request, onProgress: undefined, signal: split.signal },
      run,
    );
    self.postMessage({ type: "decomposition", decompositions });
  } catch (error) {
    if (!(error instanceof RunCancelled)) throw error;
  }
}

/** The split by intervention under way, ended by the next message. */
let split: AbortController | null = null;

let queue = Promise.resolve();
self.onmessage = (event: MessageEvent<RunWorkerRequest>) => {
  split?.abort();
  queue = queue.then(() => handle(event.data)).catch((error) => {
    self.postMessage({
      type: "error",
      message: error instanceof Error ? error.message : String(error),
    });
  });
};
