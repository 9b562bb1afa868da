/**
 * What a block worker does with each message, apart from the worker itself: prepares the model
 * once ("init"), then runs the blocks it is sent and posts each block's raw output back,
 * transferring its buffers; answers the summary's quantile jobs ("quantiles", no model needed). `sim/block-worker.ts` wires it to a real worker; tests drive it in
 * this thread through `BlockPool`'s worker factory.
 */
import { type Model, prepareModel } from "./model.ts";
import type { Draws } from "./draws.ts";
import { drawsFor, runBlock } from "./run.ts";
import type { IterationKey } from "./rng.ts";
import type { ModelInput, UncertaintyMode } from "./types.ts";
import { InputError } from "./problems.ts";
import { answerQuantiles, type QuantileJob } from "./quantile-jobs.ts";

export type WorkerRequest =
  | { type: "init"; input: ModelInput; seed: number | string; uncertainty?: UncertaintyMode }
  | { type: "block"; start: number; count: number }
  | { type: "quantiles"; index: number; job: QuantileJob };

/** Posts a message back to the pool, transferring `transfer`. */
export type PostBack = (message: unknown, transfer: ArrayBuffer[]) => void;

/** A handler for one worker's messages, in order. */
export function blockHandler(post: PostBack): (msg: WorkerRequest) => void {
  let model: Model | null = null;
  let seed: number | string = 0;
  let drawsOf: (key: IterationKey) => Draws = drawsFor(undefined);
  return (msg) => {
    try {
      if (msg.type === "init") {
        model = prepareModel(msg.input);
        seed = msg.seed;
        drawsOf = drawsFor(msg.uncertainty);
        return;
      }
      if (msg.type === "quantiles") {
        const answer = answerQuantiles(msg.job);
        const buffers = [answer.low, answer.median, answer.high].map((a) =>
          a.buffer as ArrayBuffer
        );
        post({ type: "quantiles", index: msg.index, answer }, buffers);
        return;
      }
      if (!model) throw new Error("worker used before init");
      const result = runBlock(model, seed, msg.start, msg.count, drawsOf);
      const buffers = [...result.records, ...result.statePopulationSum, ...result.areaSum].map((
        a,
      ) => a.buffer as ArrayBuffer);
      post({ type: "block", result }, buffers);
    } catch (error) {
      post({
        type: "error",
        message: error instanceof Error ? error.message : String(error),
        // Bad input found while running goes back as problems, not as an internal error.
        problems: error instanceof InputError ? error.problems : undefined,
      }, []);
    }
  };
}
