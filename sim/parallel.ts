/**
 * Monte Carlo over a pool of workers. Blocks of iterations are handed out as workers become
 * free and merged in block order, so results are identical bit for bit to `simulate` in one
 * thread, whatever the number of workers or the order in which blocks finish.
 */
import { type Model, prepareModel } from "./model.ts";
import { BlockFolder, type BlockResult, blocksOf } from "./run.ts";
import { type Results, summarise } from "./summary.ts";
import type { ModelInput, RunOptions } from "./types.ts";

export interface PoolOptions {
  workers: number;
  /** URL of the worker module (sim/worker.ts, or its bundle in the browser). */
  workerUrl: URL | string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Only these blocks (default: every block of the run), e.g. one shard's. */
  blocks?: [number, number][];
  /** Fold blocks into this as they arrive instead of returning them (bounded memory). */
  folder?: BlockFolder;
}

export class RunCancelled extends Error {
  constructor() {
    super("the run was cancelled");
    this.name = "RunCancelled";
  }
}

/** Runs every block on the pool and returns the merged raw output. */
export function runBlocksOnPool(
  input: ModelInput,
  options: RunOptions,
  pool: PoolOptions,
): Promise<BlockResult[]> {
  const queue = pool.blocks ? [...pool.blocks] : blocksOf(options.iterations);
  const total = queue.reduce((n, [, count]) => n + count, 0);
  const results: BlockResult[] = [];
  const size = Math.max(1, Math.min(pool.workers, queue.length));
  const workers: Worker[] = [];
  let done = 0;
  return new Promise<BlockResult[]>((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of workers) w.terminate();
      if (error) reject(error);
      else resolve(results);
    };
    pool.signal?.addEventListener("abort", () => finish(new RunCancelled()));
    if (pool.signal?.aborted) return finish(new RunCancelled());
    if (queue.length === 0) return finish();
    const feed = (w: Worker) => {
      const next = queue.shift();
      if (next) w.postMessage({ type: "block", start: next[0], count: next[1] });
    };
    for (let i = 0; i < size; i++) {
      const w = new Worker(pool.workerUrl, { type: "module" });
      workers.push(w);
      w.onmessage = (event) => {
        const msg = event.data;
        if (msg.type === "error") return finish(new Error(msg.message));
        if (pool.folder) pool.folder.add(msg.result as BlockResult);
        else results.push(msg.result as BlockResult);
        done += msg.result.count;
        pool.onProgress?.(done, total);
        if (done === total) return finish();
        feed(w);
      };
      w.onerror = (event) => {
        event.preventDefault();
        finish(new Error(event.message));
      };
      w.postMessage({ type: "init", input, seed: options.seed });
      feed(w);
    }
  });
}

/** Every iteration on the pool, folded as blocks arrive: the same raw output as `runAll`. */
export async function runOnPool(
  model: Model,
  input: ModelInput,
  options: RunOptions,
  pool: PoolOptions,
): Promise<BlockResult> {
  const folder = new BlockFolder(model);
  await runBlocksOnPool(input, options, { ...pool, folder });
  return folder.result();
}

/** Monte Carlo on a pool of workers; the same results as `simulate`. */
export async function simulateOnPool(
  input: ModelInput,
  options: RunOptions,
  pool: PoolOptions,
): Promise<Results> {
  const model = prepareModel(input);
  return summarise(model, await runOnPool(model, input, options, pool), {
    mode: "monte-carlo",
    seed: options.seed,
    interval: options.interval,
  });
}
