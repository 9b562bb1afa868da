/**
 * The workbench's Monte Carlo run as a hook: one run worker for the page's life (RunClient),
 * warmed while the page is idle, with the run's state (progress, results, the split by
 * intervention that follows, timing) as a signal.
 */
import { type Signal, useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { subsetsToSimulate } from "../../sim/api.ts";
import type { ScenarioDecomposition } from "../../sim/shapley.ts";
import type { Results } from "../../sim/summary.ts";
import type { ModelInput, RunOptions } from "../../sim/types.ts";
import { RunClient } from "../../client/run-client.ts";

export type RunState =
  | { status: "idle" }
  | { status: "running"; done: number; total: number }
  | {
    status: "done";
    results: Results;
    decompositions?: ScenarioDecomposition[];
    /** How long the browser run took, and on how many workers (absent for loaded runs). */
    timing?: { seconds: number; workers: number };
  }
  | { status: "cancelled" }
  | { status: "error"; message: string };

export interface MonteCarlo {
  state: Signal<RunState>;
  start(input: ModelInput, options: RunOptions): void;
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

  const start = (input: ModelInput, options: RunOptions) => {
    state.value = { status: "running", done: 0, total: options.iterations };
    const started = performance.now();
    // Scenarios are then split by intervention in the same worker; the page waits for that
    // split (a new run ends it) only when it simulates subsets of interventions of its own.
    const split = subsetsToSimulate(input, options.seed) > 0;
    runner.current.run(input, options, {
      progress: (done, total) => (state.value = { status: "running", done, total }),
      done: (results, workers) => {
        const timing = { seconds: (performance.now() - started) / 1000, workers };
        state.value = { status: "done", results, timing };
      },
      decomposition: (decompositions) => {
        if (state.value.status === "done") state.value = { ...state.value, decompositions };
      },
      error: (message) => (state.value = { status: "error", message }),
    }, split);
  };

  const cancel = () => {
    runner.current.cancel();
    state.value = { status: "cancelled" };
  };

  return { state, start, cancel };
}
