/**
 * The page's side of the browser run worker (client/run-worker.ts): one worker for the page's
 * life, warmed once while the page is idle, reused run after run so that later runs start on
 * compiled code and started block workers. Starting a run while another (or its split by
 * intervention) is still going, or cancelling, ends the worker; the next run starts a new one.
 */
import type { Results } from "../sim/summary.ts";
import type { AssertionOutcome } from "../sim/assertions.ts";
import type { ScenarioDecomposition } from "../sim/shapley.ts";
import type { ModelInput, RunOptions, UncertaintyMode } from "../sim/types.ts";
import { STUDY_DEFAULTS } from "../sim/study/defaults.ts";
import type { Assertion, Study } from "../sim/study/format.ts";

const WORKER_URL = "/static/build/run-worker.js";

/** The most iterations a run in the browser may have. */
export const MAX_BROWSER_ITERATIONS = 20_000;

/** The run settings a study opens with: its own (or the format's defaults), capped for the browser. */
export function runSettings(
  study: Study,
): { iterations: number; seed: string; uncertainty: UncertaintyMode } {
  return {
    iterations: Math.min(study.iterations ?? STUDY_DEFAULTS.iterations, MAX_BROWSER_ITERATIONS),
    seed: String(study.seed ?? STUDY_DEFAULTS.seed),
    uncertainty: study.uncertainty ?? STUDY_DEFAULTS.uncertainty,
  };
}

export interface RunHandlers {
  progress(done: number, total: number): void;
  done(results: Results, assertions: AssertionOutcome[], workers: number): void;
  /** Each scenario's split by intervention, after `done`. */
  decomposition(decompositions: ScenarioDecomposition[]): void;
  error(message: string): void;
}

export class RunClient {
  private worker: Worker | null = null;
  private busy: "warm" | "run" | null = null;

  private start(): Worker {
    this.worker ??= new Worker(WORKER_URL, { type: "module" });
    return this.worker;
  }

  /** Compiles the simulation code with a short run whose results are dropped (once). */
  warm(input: ModelInput): void {
    if (this.worker) return;
    const w = this.start();
    this.busy = "warm";
    w.onmessage = (event) => {
      if (event.data.type === "warmed" || event.data.type === "error") this.busy = null;
    };
    w.postMessage({ type: "warm", input });
  }

  /**
   * Runs a study. `split`: the split by intervention that follows simulates subsets of its own,
   * so the worker stays busy until it arrives (a new run meanwhile ends it); otherwise the quick
   * split is left to finish and a new run waits behind it on the warm worker.
   */
  run(
    input: ModelInput,
    options: RunOptions,
    on: RunHandlers,
    split: boolean,
    assertions: Assertion[] = [],
  ): void {
    if (this.busy === "run") this.cancel();
    const w = this.start();
    this.busy = "run";
    w.onmessage = (event) => {
      const msg = event.data;
      if (msg.type === "progress") on.progress(msg.done, msg.total);
      else if (msg.type === "done") {
        on.done(msg.results, msg.assertions ?? [], msg.workers);
        if (!split) this.busy = null;
      } else if (msg.type === "decomposition") {
        on.decomposition(msg.decompositions);
        this.busy = null;
      } else if (msg.type === "error") {
        on.error(msg.message);
        this.cancel();
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      on.error(e.message || "the simulation worker failed");
      this.cancel();
    };
    w.postMessage({ type: "run", input, options, assertions });
  }

  /** Ends the worker and everything it is doing. */
  cancel(): void {
    this.worker?.terminate();
    this.worker = null;
    this.busy = null;
  }
}
