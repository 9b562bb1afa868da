/** The command line's Deno workers: a pool for a run, and the blocks of one shard. */
import type { PreparedStudy } from "../sim/study/prepare.ts";
import { BlockPool, runBlocksOnPool } from "../sim/parallel.ts";
import { type BlockResult, drawsFor, runBlock } from "../sim/run.ts";
import type { RunOptions } from "../sim/types.ts";

export const WORKER_URL = new URL("../sim/block-worker.ts", import.meta.url);

/**
 * Runs `task` with a pool of `workers` block workers (none for one worker: the run stays in
 * this thread), ended when the task ends.
 */
export async function withPool<T>(
  workers: number,
  task: (pool: BlockPool | undefined) => Promise<T>,
): Promise<T> {
  const pool = workers > 1 ? new BlockPool(WORKER_URL, workers) : undefined;
  try {
    return await task(pool);
  } finally {
    pool?.terminate();
  }
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
  const drawsOf = drawsFor(options.uncertainty);
  return blocks.map(([start, count]) => {
    const b = runBlock(loaded.model, options.seed, start, count, drawsOf);
    done += count;
    onProgress?.(done, total);
    return b;
  });
}

export function defaultWorkers(): number {
  return Math.max(1, Math.min(navigator.hardwareConcurrency ?? 1, 16));
}
