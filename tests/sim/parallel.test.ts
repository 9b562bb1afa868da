/**
 * The worker pool's scheduling, observed through its worker factory: stand-in workers that run
 * the real block handler in this thread and record which worker ran which block.
 */
import assert from "node:assert/strict";
import { blockHandler, type WorkerRequest } from "../../sim/block-handler.ts";
import { prepareModel } from "../../sim/model.ts";
import { BlockPool, type BlockWorker, runOnPool } from "../../sim/parallel.ts";
import { BLOCK_SIZE, runAll } from "../../sim/run.ts";
import { runStudy } from "../../sim/api.ts";
import { exampleStudy } from "../helpers.ts";

/** A block (its first iteration) or a quantile job (its index) handed to a worker. */
type Logged = { worker: number; start?: number; job?: number };

/** A worker in this thread: messages cross in later tasks, cloned as a real worker's are. */
class StandInWorker implements BlockWorker {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  private readonly handle = blockHandler((message, transfer) => {
    const data = structuredClone(message, { transfer });
    setTimeout(() => this.onmessage?.({ data } as MessageEvent));
  });
  constructor(readonly id: number, private readonly log: Logged[]) {}
  postMessage(message: unknown, transfer: Transferable[] = []): void {
    const msg = structuredClone(message, { transfer }) as WorkerRequest;
    if (msg.type === "block") this.log.push({ worker: this.id, start: msg.start });
    if (msg.type === "quantiles") this.log.push({ worker: this.id, job: msg.index });
    setTimeout(() => this.handle(msg));
  }
  terminate(): void {
    this.onmessage = null;
  }
}

function standInPool(size: number) {
  const log: Logged[] = [];
  let started = 0;
  const pool = new BlockPool("stand-in", size, () => new StandInWorker(started++, log));
  return { pool, log, started: () => started };
}

const input = exampleStudy();
const model = prepareModel(input);
const options = { seed: 11, interval: 0.9 };

Deno.test("a two-block run on two workers runs one block on each", async () => {
  const { pool, log } = standInPool(2);
  try {
    await runOnPool(model, input, { ...options, iterations: 2 * BLOCK_SIZE }, { pool });
    assert.equal(log.length, 2);
    assert.equal(new Set(log.map((x) => x.worker)).size, 2, JSON.stringify(log));
  } finally {
    pool.terminate();
  }
});

Deno.test("every worker gets one block before any gets a second", async () => {
  for (const workers of [2, 3]) {
    const { pool, log } = standInPool(workers);
    try {
      await runOnPool(model, input, { ...options, iterations: 4 * BLOCK_SIZE }, { pool });
      assert.equal(log.length, 4);
      const first = log.slice(0, workers).map((x) => x.worker);
      assert.deepEqual([...first].sort(), Array.from({ length: workers }, (_, i) => i));
    } finally {
      pool.terminate();
    }
  }
});

Deno.test("a pooled run equals the run in this thread bit for bit, whichever worker ran what", async () => {
  const iterations = 5 * BLOCK_SIZE + 3;
  const here = runAll(model, options.seed, iterations);
  const { pool, log } = standInPool(3);
  try {
    const pooled = await runOnPool(model, input, { ...options, iterations }, { pool });
    assert.equal(log.length, 6);
    assert.equal(pooled.count, iterations);
    pooled.records.forEach((r, sc) => assert.deepEqual(r, here.records[sc]));
    pooled.statePopulationSum.forEach((r, sc) => assert.deepEqual(r, here.statePopulationSum[sc]));
    pooled.areaSum.forEach((r, sc) => assert.deepEqual(r, here.areaSum[sc]));
  } finally {
    pool.terminate();
  }
});

Deno.test("a pool never starts more workers than there are blocks", async () => {
  const { pool, started } = standInPool(4);
  try {
    await runOnPool(model, input, { ...options, iterations: BLOCK_SIZE }, { pool });
    assert.equal(started(), 1);
  } finally {
    pool.terminate();
  }
});

Deno.test("on a pool, blocks are summarised as they come and quantiles computed on the workers: the same results bit for bit", async () => {
  const iterations = 3 * BLOCK_SIZE + 5;
  const request = { ...options, iterations, decompose: false };
  const here = await runStudy({ model }, request);
  const { pool, log } = standInPool(2);
  try {
    const pooled = await runStudy({ model }, { ...request, pool });
    assert.equal(JSON.stringify(pooled.results), JSON.stringify(here.results));
    const jobs = log.filter((x) => x.job !== undefined);
    assert.ok(jobs.length >= 2, "quantile jobs");
    assert.equal(new Set(jobs.map((x) => x.worker)).size, 2, "both workers answer quantiles");
  } finally {
    pool.terminate();
  }
});
