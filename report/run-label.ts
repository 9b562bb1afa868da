/** How a set of results was made, in words: the same label on screen, in the report and its file name. */
import type { Results } from "../sim/summary.ts";
import { count } from "./format.ts";

/** The two ways a Monte Carlo run treats uncertainty (RunOptions.uncertainty). */
export const UNCERTAINTY_LABELS: Record<string, string> = {
  "parameters+counts": "parameters and counts (chance)",
  parameters: "parameters only",
};

/** "Deterministic (parameters at their means)" or "Monte Carlo: 1,000 iterations, seed 7 …". */
export function runLabel(r: Results): string {
  if (r.mode !== "monte-carlo") return "Deterministic (parameters at their means)";
  const uncertainty = (r as { uncertainty?: string }).uncertainty;
  return `Monte Carlo: ${count(r.iterations)} iterations, seed ${r.seed}${
    uncertainty ? `, uncertainty in ${UNCERTAINTY_LABELS[uncertainty] ?? uncertainty}` : ""
  }`;
}
