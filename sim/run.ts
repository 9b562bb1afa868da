/**
 * Running iterations. Iterations are grouped in fixed blocks of BLOCK_SIZE; a block is the unit
 * handed to a worker, and its output (raw records, plus per-state population and per-area sums)
 * depends only on (model, seed, block), never on which worker ran it or when. Folding blocks in
 * block order therefore gives results identical bit for bit whatever the number of workers.
 * Within an iteration the baseline runs first and its draws are reused by the scenarios wherever
 * their inputs are the same (engine.ts, DrawMemo).
 */
import { type Draws, ExpectedDraws, RandomDraws } from "./draws.ts";
import { DrawMemo, simulateScenario, Workspace } from "./engine.ts";
import {
  baselineIndex,
  createIterationBuffers,
  deterministicParameters,
  iterationParameters,
  type Model,
  scenarioContexts,
} from "./model.ts";
import { recordLength } from "./record.ts";
import { type IterationKey, iterationKey } from "./rng.ts";
import type { UncertaintyMode } from "./types.ts";

export const BLOCK_SIZE = 32;

/** A run stopped by its caller (a cancelled signal, or a deadline). */
export class RunCancelled extends Error {
  constructor() {
    super("the run was cancelled");
    this.name = "RunCancelled";
  }
}

/** Output of a range of iterations. */
export interface BlockResult {
  /** First iteration of the range. */
  start: number;
  count: number;
  /** Per scenario: count × recordLength raw records, iteration-major. */
  records: Float64Array[];
  /** Per scenario: Σ over the range's iterations of state populations (years × S). */
  statePopulationSum: Float64Array[];
  /** Per scenario: Σ over the range's iterations of area values (record.areaValues). */
  areaSum: Float64Array[];
}

function maxInterventions(model: Model): number {
  return Math.max(0, ...model.scenarioInterventions.map((x) => x.length));
}

/** How an iteration's counts are drawn in an uncertainty mode (types.ts, UNCERTAINTY_MODES). */
export function drawsFor(
  uncertainty: UncertaintyMode | undefined,
): (key: IterationKey) => Draws {
  if (uncertainty === "parameters") {
    const expected = new ExpectedDraws();
    return () => expected;
  }
  return (key) => new RandomDraws(key);
}

/**
 * Simulates iterations [start, start + count) of every scenario: each iteration draws its
 * parameters from its own stream, and `drawsOf` gives its counts — random draws
 * ("parameters+counts", the default) or their expectations ("parameters", `drawsFor`); the
 * benchmark wraps it to count variates.
 */
export function runBlock(
  model: Model,
  seed: number | string,
  start: number,
  count: number,
  drawsOf: (key: IterationKey) => Draws = drawsFor("parameters+counts"),
): BlockResult {
  const scenarios = model.scenarioInterventions.length;
  const len = recordLength(model.record);
  const S = model.layout.stateCount;
  const years = model.record.years;
  const ws = new Workspace(model.layout, maxInterventions(model));
  const records = Array.from({ length: scenarios }, () => new Float64Array(count * len));
  const statePopulationSum = Array.from(
    { length: scenarios },
    () => new Float64Array(years * S),
  );
  const statePopulation = new Float64Array(years * S);
  const areaSum = Array.from(
    { length: scenarios },
    () => new Float64Array(model.record.areaValues),
  );
  const areas = new Float64Array(model.record.areaValues);
  const buffers = createIterationBuffers(model);
  const memo = new DrawMemo(years * model.input.cyclesPerYear, model.layout);
  const base = baselineIndex(model);
  // The baseline first, recording its draws; the scenarios reuse them where nothing differs.
  const order = [
    base,
    ...Array.from({ length: scenarios }, (_, sc) => sc).filter((sc) => sc !== base),
  ];
  for (let i = 0; i < count; i++) {
    const key = iterationKey(seed, start + i);
    const values = iterationParameters(model, seed, start + i, key);
    const contexts = scenarioContexts(model, values, buffers);
    for (const sc of order) {
      const out = records[sc].subarray(i * len, (i + 1) * len);
      // With expected counts the engine leaves the memo alone (nothing is drawn).
      const use = { memo, mode: sc === base ? "record" as const : "reuse" as const };
      simulateScenario(contexts[sc], ws, drawsOf(key), out, { statePopulation, areas, memo: use });
      const sum = statePopulationSum[sc];
      for (let j = 0; j < sum.length; j++) sum[j] += statePopulation[j];
      const asum = areaSum[sc];
      for (let j = 0; j < asum.length; j++) asum[j] += areas[j];
    }
  }
  return { start, count, records, statePopulationSum, areaSum };
}

/**
/**
 * The deterministic run: every count at its expectation, every parameter at its mean (posterior
 * means where calibrated) — or at `values`, as the tornado's one-way runs give them.
 */
export function runDeterministic(
  model: Model,
  values: Float64Array = deterministicParameters(model),
): BlockResult {
  const scenarios = model.scenarioInterventions.length;
  const len = recordLength(model.record);
  const S = model.layout.stateCount;
  const ws = new Workspace(model.layout, maxInterventions(model));
  const contexts = scenarioContexts(model, values);
  const records: Float64Array[] = [];
  const statePopulationSum: Float64Array[] = [];
  const areaSum: Float64Array[] = [];
  for (let sc = 0; sc < scenarios; sc++) {
    const out = new Float64Array(len);
    const statePopulation = new Float64Array(model.record.years * S);
    const areas = new Float64Array(model.record.areaValues);
    simulateScenario(contexts[sc], ws, new ExpectedDraws(), out, { statePopulation, areas });
    records.push(out);
    statePopulationSum.push(statePopulation);
    areaSum.push(areas);
  }
  return { start: 0, count: 1, records, statePopulationSum, areaSum };
}

/** The blocks of a run of `iterations`, as [start, count] pairs. */
export function blocksOf(iterations: number): [number, number][] {
  const blocks: [number, number][] = [];
  for (let start = 0; start < iterations; start += BLOCK_SIZE) {
    blocks.push([start, Math.min(BLOCK_SIZE, iterations - start)]);
  }
  return blocks;
}

/**
 * Folds blocks into one result as they arrive, in any order: blocks are added in start order
 * (early arrivals wait), so sums are the same whatever the order, and a block's sums are
 * released as soon as they are added (memory does not grow with the number of blocks).
 */
export class BlockFolder {
  private readonly pending = new Map<number, BlockResult>();
  /** Blocks' records in order, joined at the end (when the total is not known). */
  private readonly records: Float64Array[][];
  /** Every iteration's records, placed as blocks come (when the total is known). */
  private readonly whole: Float64Array[] | null;
  private readonly statePopulationSum: Float64Array[];
  private readonly areaSum: Float64Array[];
  private next: number;
  private count = 0;
  /** Called with each block as it is folded, in iteration order (e.g. to summarise it). */
  onBlock: ((block: BlockResult) => void) | null = null;

  /**
   * `first` is the first iteration expected; `total`, when known, is how many iterations will
   * arrive, so records are copied straight into place instead of joined at the end.
   */
  constructor(private readonly model: Model, private readonly first = 0, total?: number) {
    const scenarios = model.scenarioInterventions.length;
    const len = recordLength(model.record);
    this.next = first;
    this.records = Array.from({ length: scenarios }, () => []);
    this.whole = total === undefined
      ? null
      : Array.from({ length: scenarios }, () => new Float64Array(total * len));
    this.statePopulationSum = Array.from(
      { length: scenarios },
      () => new Float64Array(model.record.years * model.layout.stateCount),
    );
    this.areaSum = Array.from(
      { length: scenarios },
      () => new Float64Array(model.record.areaValues),
    );
  }

  add(block: BlockResult): void {
    this.pending.set(block.start, block);
    const len = recordLength(this.model.record);
    for (let b = this.pending.get(this.next); b; b = this.pending.get(this.next)) {
      this.pending.delete(b.start);
      for (let sc = 0; sc < this.records.length; sc++) {
        if (this.whole) this.whole[sc].set(b.records[sc], this.count * len);
        else this.records[sc].push(b.records[sc]);
        addInto(this.statePopulationSum[sc], b.statePopulationSum[sc]);
        addInto(this.areaSum[sc], b.areaSum[sc]);
      }
      this.next += b.count;
      this.count += b.count;
      this.onBlock?.(b);
    }
  }

  result(): BlockResult {
    if (this.pending.size) {
      throw new Error(
        `blocks do not join: expected ${this.next}, got ${[...this.pending.keys()].join(", ")}`,
      );
    }
    const len = recordLength(this.model.record);
    const records = this.whole
      ? this.whole.map((w) => (w.length === this.count * len ? w : w.slice(0, this.count * len)))
      : this.records.map((parts) => {
        const all = new Float64Array(this.count * len);
        let at = 0;
        for (const p of parts) {
          all.set(p, at);
          at += p.length;
        }
        return all;
      });
    return {
      start: this.first,
      count: this.count,
      records,
      statePopulationSum: this.statePopulationSum,
      areaSum: this.areaSum,
    };
  }
}

function addInto(sum: Float64Array, add: Float64Array): void {
  for (let j = 0; j < sum.length; j++) sum[j] += add[j];
}

/** Joins blocks (in any order) into one result, adding sums in block order. */
export function mergeBlocks(model: Model, blocks: BlockResult[]): BlockResult {
  const first = Math.min(...blocks.map((b) => b.start), Infinity);
  const total = blocks.reduce((n, b) => n + b.count, 0);
  const folder = new BlockFolder(model, Number.isFinite(first) ? first : 0, total);
  for (const b of blocks) folder.add(b);
  return folder.result();
}

/**
 * All iterations in this thread, block by block (the same arithmetic as a worker pool). An
 * aborted `signal` stops the run between blocks (RunCancelled).
 */
export function runAll(
  model: Model,
  seed: number | string,
  iterations: number,
  opts: {
    onProgress?: (done: number, total: number) => void;
    signal?: AbortSignal;
    uncertainty?: UncertaintyMode;
  } = {},
): BlockResult {
  const { onProgress, signal } = opts;
  const drawsOf = drawsFor(opts.uncertainty);
  const folder = new BlockFolder(model, 0, iterations);
  for (const [start, count] of blocksOf(iterations)) {
    if (signal?.aborted) throw new RunCancelled();
    folder.add(runBlock(model, seed, start, count, drawsOf));
    onProgress?.(start + count, iterations);
  }
  return folder.result();
}
