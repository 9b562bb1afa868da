/**
 * Monte Carlo over a pool of workers. Blocks of iterations are handed out as workers become
 * free and merged in block order, so results are identical bit for bit to a run in one thread
 * (`runAll`), whatever the number of workers or the order in which blocks finish.
 */
import type { Model } from "./model.ts";
import { BlockFolder, type BlockResult, blocksOf, RunCancelled } from "./run.ts";
import type { ModelInput, RunOptions } from "./types.ts";
import { InputError } from "./problems.ts";
import type { QuantileAnswer, QuantileJob } from "./quantile-jobs.ts";

/** The block worker's module, for Deno hosts (the browser bundles its own, block-worker.js). */
export const BLOCK_WORKER_URL = new URL("./block-worker.ts", import.meta.url);

export interface PoolOptions {
  workers: number;
  /** URL of the worker module (sim/block-worker.ts, or its bundle in the browser). */
  workerUrl: URL | string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Only these blocks (default: every block of the run), e.g. one shard's. */
  blocks?: [number, number][];
  /** Fold blocks into this as they arrive instead of returning them (bounded memory). */
  folder?: BlockFolder;
}

/** What runOnPool takes besides the run: the pool (or how to start one) and its callbacks. */
interface OnPool {
  onProgress?: PoolOptions["onProgress"];
  signal?: AbortSignal;
  /** Called with each block in iteration order as it is folded (e.g. to summarise it). */
  onBlock?: (block: BlockResult) => void;
}

/** What the pool needs of a block worker: a Web Worker, or a stand-in (tests). */
export interface BlockWorker {
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
}

/** Starts one block worker from the worker module's URL. */
export type WorkerFactory = (url: URL | string) => BlockWorker;

const moduleWorker: WorkerFactory = (url) => new Worker(url, { type: "module" });

/**
 * Block workers that outlive one run, so a second run starts on warm workers (compiled code,
 * no start-up). Each run sends the model to every worker, then hands out blocks one at a time:
 * every worker gets one block before any gets a second, and a worker gets its next block when
 * it returns one (so a two-block run uses two workers, and no block waits behind a busy worker
 * while another is idle). Cancelling or failing a run ends the workers; the next run starts new
 * ones.
 */
export class BlockPool {
  private workers: BlockWorker[] = [];

  constructor(
    private readonly workerUrl: URL | string,
    private readonly size: number,
    private readonly createWorker: WorkerFactory = moduleWorker,
  ) {}

  /**
   * Runs the blocks (default: every block of the run); folds them, or returns them in block
   * order (never in the order workers finished them), so what a caller writes is the same for
   * any number of workers.
   */
  run(
    input: ModelInput,
    options: RunOptions,
    opts: Omit<PoolOptions, "workers" | "workerUrl"> = {},
  ): Promise<BlockResult[]> {
    const queue = opts.blocks ? [...opts.blocks] : blocksOf(options.iterations);
    const total = queue.reduce((n, [, count]) => n + count, 0);
    const results: BlockResult[] = [];
    let done = 0;
    return new Promise<BlockResult[]>((resolve, reject) => {
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        for (const w of this.workers) w.onmessage = null;
        if (error) {
          this.terminate();
          reject(error);
        } else resolve(results.sort((a, b) => a.start - b.start));
      };
      opts.signal?.addEventListener("abort", () => finish(new RunCancelled()));
      if (opts.signal?.aborted) return finish(new RunCancelled());
      if (queue.length === 0) return finish();
      const size = Math.max(1, Math.min(this.size, queue.length));
      while (this.workers.length < size) {
        this.workers.push(this.createWorker(this.workerUrl));
      }
      const feed = (w: BlockWorker) => {
        const next = queue.shift();
        if (next) w.postMessage({ type: "block", start: next[0], count: next[1] });
      };
      for (const w of this.workers.slice(0, size)) {
        w.onmessage = (event) => {
          const msg = event.data;
          if (msg.type === "error") {
            return finish(msg.problems ? new InputError(msg.problems) : new Error(msg.message));
          }
          if (opts.folder) opts.folder.add(msg.result as BlockResult);
          else results.push(msg.result as BlockResult);
          done += msg.result.count;
          opts.onProgress?.(done, total);
          if (done === total) return finish();
          feed(w);
        };
        w.onerror = (event) => {
          event.preventDefault();
          finish(new Error(event.message));
        };
        w.postMessage({
          type: "init",
          input,
          seed: options.seed,
          uncertainty: options.uncertainty,
        });
        feed(w);
      }
    });
  }

  /**
   * Answers the summary's quantile jobs on the workers (one job per worker at a time, each
   * job's values transferred to it), in the jobs' order: the same answers as in this thread.
   */
  quantiles(jobs: QuantileJob[], signal?: AbortSignal): Promise<QuantileAnswer[]> {
    const answers: QuantileAnswer[] = new Array(jobs.length);
    let next = 0;
    let done = 0;
    return new Promise<QuantileAnswer[]>((resolve, reject) => {
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        for (const w of this.workers) w.onmessage = null;
        if (error) {
          this.terminate();
          reject(error);
        } else resolve(answers);
      };
      signal?.addEventListener("abort", () => finish(new RunCancelled()));
      if (signal?.aborted) return finish(new RunCancelled());
      if (jobs.length === 0) return finish();
      const size = Math.max(1, Math.min(this.size, jobs.length));
      while (this.workers.length < size) this.workers.push(this.createWorker(this.workerUrl));
      const feed = (w: BlockWorker) => {
        if (next >= jobs.length) return;
        const index = next++;
        const job = jobs[index];
        w.postMessage({ type: "quantiles", index, job }, [job.values.buffer]);
      };
      for (const w of this.workers.slice(0, size)) {
        w.onmessage = (event) => {
          const msg = event.data;
          if (msg.type === "error") {
            return finish(msg.problems ? new InputError(msg.problems) : new Error(msg.message));
          }
          answers[msg.index] = msg.answer as QuantileAnswer;
          if (++done === jobs.length) return finish();
          feed(w);
        };
        w.onerror = (event) => {
          event.preventDefault();
          finish(new Error(event.message));
        };
        feed(w);
      }
    });
  }

  /** Ends every worker (a later run starts new ones). */
  terminate(): void {
    for (const w of this.workers) w.terminate();
    this.workers = [];
  }
}

/** Runs every block on a pool started for this run and ended after it. */
export async function runBlocksOnPool(
  input: ModelInput,
  options: RunOptions,
  pool: PoolOptions,
): Promise<BlockResult[]> {
  const workers = new BlockPool(pool.workerUrl, pool.workers);
  try {
    return await workers.run(input, options, pool);
  } finally {
    workers.terminate();
  }
}

/**
 * Every iteration on the pool, folded as blocks arrive: the same raw output as `runAll`. Pass
 * a `BlockPool` to run on its (possibly warm) workers instead of starting new ones.
 */
export async function runOnPool(
  model: Model,
  input: ModelInput,
  options: RunOptions,
  pool: (PoolOptions & OnPool) | ({ pool: BlockPool } & OnPool),
): Promise<BlockResult> {
  const blocks = "blocks" in pool && pool.blocks ? pool.blocks : blocksOf(options.iterations);
  const first = Math.min(...blocks.map(([start]) => start), Infinity);
  const total = blocks.reduce((n, [, count]) => n + count, 0);
  const folder = new BlockFolder(model, Number.isFinite(first) ? first : 0, total);
  folder.onBlock = pool.onBlock ?? null;
  if ("pool" in pool) await pool.pool.run(input, options, { ...pool, folder });
  else await runBlocksOnPool(input, options, { ...pool, folder });
  return folder.result();
}
