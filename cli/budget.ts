/**
 * The command line's work budget: a run estimated above COMMAND_LINE_BUDGET (sim/work.ts) is
 * refused before the model is prepared, unless the user adds --force.
 */
import type { Problem } from "../sim/problems.ts";
import { MAX_ITERATIONS } from "../sim/study/schema.ts";
import type { ModelInput, RunOptions } from "../sim/types.ts";
import { COMMAND_LINE_BUDGET, estimateWork, overBudget } from "../sim/work.ts";
import { intOption, type Parsed } from "./args.ts";
import { defaultWorkers } from "./execute.ts";

/** A `beforePrepare` check for loadStudy: the run these options ask for, against the budget. */
export function withinBudget(
  p: Parsed,
  more: { decomposition?: boolean; iterations?: number } = {},
): (input: ModelInput, options: RunOptions) => Problem[] {
  if (p.options.has("force")) return () => [];
  const iterations = more.iterations ?? intOption(p, "iterations", 1, MAX_ITERATIONS);
  const workers = intOption(p, "workers", 1, 64) ?? defaultWorkers();
  return (input, options) =>
    overBudget(
      estimateWork(input, iterations ?? options.iterations, {
        workers,
        decomposition: more.decomposition,
      }),
      COMMAND_LINE_BUDGET,
      "the command line's default limit",
      "add --force to run it anyway",
    );
}
