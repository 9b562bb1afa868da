/**
 * The workbench's Monte Carlo run as a hook: one run worker for the page's life (RunClient),
 * warmed while the page is idle, with the run's state (progress, results, assertions, the split
 * by intervention that follows, timing) as a signal. A run restored after a reload (a saved run,
 * or the last run of this page kept in the browser) is the same "done" state with its origin.
 */
import { type Signal, useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { subsetsToSimulate } from "../../sim/api.ts";
import type { Assertion } from "../../sim/study/format.ts";
import type { ModelInput, RunOptions } from "../../sim/types.ts";
import { RunClient } from "../../client/run-client.ts";
import type { RunBundle } from "../../client/runs-api.ts";

export type { RunBundle };

export type RunState =
  | { status: "idle" }
  | { status: "running"; done: number; total: number }
  | (RunBundle & {
    status: "done";
    /** How long the browser run took, and on how many workers (absent for restored runs). */
    timing?: { seconds: number; workers: number };
    /** Where a restored run came from: "saved" (with the study) or "browser" (this page). */
    restored?: { from: "saved" | "browser"; at: string };
  })
  | { status: "cancelled" }
  | { status: "error"; message: string };

export interface MonteCarlo {
  state: Signal<RunState>;
  start(input: ModelInput, options: RunOptions, assertions?: Assertion[]): void;
  cancel(): void;
}

/** `warmInput` is read once, a second after the page settles, to warm the run worker. */
export function useMonteCarlo(warmInput: () => ModelInput | undefined): MonteCarlo {
  const state = useSignal<RunState>({ status: "idle" });
  const runner = useRef(new RunClient());

  // Compile the simulation code in the run worker while the page is idle, so that the first
  // run starts warm; end the worker with the page.
  useEffect(() => {
    const id = setTimeout(() => {
      const input = warmInput();
      if (input) runner.current.warm(input);
    }, 1000);
    return () => {
      clearTimeout(id);
      runner.current.cancel();
    };
  }, []);

  const start = (input: ModelInput, options: RunOptions, assertions: Assertion[] = []) => {
    state.value = { status: "running", done: 0, total: options.iterations };
    const started = performance.now();
    // Scenarios are then split by intervention in the same worker; the page waits for that
    // split (a new run ends it) only when it simulates subsets of interventions of its own.
    const split = subsetsToSimulate(input, options.seed) > 0;
    runner.current.run(
      input,
      options,
      {
        progress: (done, total) => (state.value = { status: "running", done, total }),
        done: (results, outcomes, workers) => {
          const timing = { seconds: (performance.now() - started) / 1000, workers };
          state.value = { status: "done", results, assertions: outcomes, timing };
        },
        decomposition: (decompositions) => {
          if (state.value.status === "done") state.value = { ...state.value, decompositions };
        },
        error: (message) => (state.value = { status: "error", message }),
      },
      split,
      assertions,
    );
  };

  const cancel = () => {
    runner.current.cancel();
    state.value = { status: "cancelled" };
  };

  return { state, start, cancel };
}
