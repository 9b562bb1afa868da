/** How a set of results was made, in words: the same label on screen, in the report and its file name. */
import type { Results } from "../sim/summary.ts";
import { UNCERTAINTY_MODES, type UncertaintyMode } from "../sim/types.ts";
import { count } from "./format.ts";
import { uncertaintyText } from "./provenance.ts";

/**
 * What a run on the workbench draws: nothing (the deterministic analysis, every parameter at its
 * mean and every count at its expectation) or one of the Monte Carlo modes (RunOptions.uncertainty).
 */
export type UncertaintyChoice = "deterministic" | UncertaintyMode;

const capitalised = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}`;

/** The run bar's choices, worded as the provenance, report and workbook word them. */
export const UNCERTAINTY_CHOICES: [UncertaintyChoice, string][] = [
  ["deterministic", capitalised(uncertaintyText("none"))],
  ...UNCERTAINTY_MODES.map((
    m,
  ): [UncertaintyChoice, string] => [m, capitalised(uncertaintyText(m))]),
];

/** "Deterministic (parameters at their means)" or "Monte Carlo: 1,000 iterations, seed 7 …". */
export function runLabel(r: Results): string {
  if (r.mode !== "monte-carlo") return "Deterministic (parameters at their means)";
  const uncertainty = (r as { uncertainty?: string }).uncertainty;
  return `Monte Carlo: ${count(r.iterations)} iterations, seed ${r.seed}${
    uncertainty ? `, ${uncertaintyText(uncertainty)}` : ""
  }`;
}
