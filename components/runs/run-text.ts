/** A kept run's settings in words, the same in the run history and two runs compared. */
import type { RunMeta } from "../../client/runs-api.ts";
import { count } from "../../report/format.ts";
import { uncertaintyText } from "../../report/provenance.ts";

/** "Deterministic" or "1,000 iterations, seed 7, parameters and counts drawn". */
export function runSettingsText(r: Pick<RunMeta, "mode" | "iterations" | "seed" | "uncertainty">) {
  // "expected" is the deterministic analysis's old name; a run kept without a mode was Monte Carlo.
  if (r.mode === "deterministic" || r.mode === "expected") {
    return "Deterministic (parameters at their means)";
  }
  return `${count(r.iterations)} iterations, seed ${String(r.seed)}${
    r.uncertainty ? `, ${uncertaintyText(r.uncertainty)}` : ""
  }`;
}
