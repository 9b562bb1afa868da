/**
 * Worker entry (Deno Worker or browser Web Worker): prepares the model once, then runs the
 * blocks it is sent and posts each block's raw output back, transferring its buffers.
 */
/// <reference lib="deno.worker" />
import { type Model, prepareModel } from "./model.ts";
import type { Draws } from "./draws.ts";
import { drawsFor, runBlock } from "./run.ts";
import type { IterationKey } from "./rng.ts";
import type { ModelInput, UncertaintyMode } from "./types.ts";
import { InputError } from "./problems.ts";

export type WorkerRequest =
  | { type: "init"; input: ModelInput; seed: number | string; uncertainty?: UncertaintyMode }
  | { type: "block"; start: number; count: number };

let model: Model | null = null;
let seed: number | string = 0;
let drawsOf: (key: IterationKey) => Draws = drawsFor(undefined);

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  try {
    if (msg.type === "init") {
      model = prepareModel(msg.input);
      seed = msg.seed;
      drawsOf = drawsFor(msg.uncertainty);
      return;
    }
    if (!model) throw new Error("worker used before init");
    const result = runBlock(model, seed, msg.start, msg.count, drawsOf);
    const buffers = [...result.records, ...result.statePopulationSum, ...result.areaSum].map((a) =>
      a.buffer
    );
    self.postMessage({ type: "block", result }, { transfer: buffers as ArrayBuffer[] });
  } catch (error) {
    self.postMessage({
      type: "error",
      message: error instanceof Error ? error.message : String(error),
      // Bad input found while running goes back as problems, not as an internal error.
      problems: error instanceof InputError ? error.problems : undefined,
    });
  }
};
