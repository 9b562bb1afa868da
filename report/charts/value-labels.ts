/** Words for the value analysis's results, shared by its charts, tables, report and CLI. */
import type { ScenarioValue } from "../../sim/value/analyse.ts";
import type { FrontierStatus } from "../../sim/value/incremental.ts";
import { perQaly } from "../format.ts";

/** "£12,345 per QALY" in a trade-off quadrant, else what the comparison is. */
export function icerText(v: Pick<ScenarioValue, "icer" | "comparison">): string {
  if (v.icer === null) return v.comparison;
  return v.comparison === "saves money, loses health"
    ? `saves ${perQaly(v.icer).replace(" per QALY", "")} per QALY lost`
    : perQaly(v.icer);
}

export const FRONTIER_LABELS: Record<FrontierStatus, string> = {
  ND: "on the efficient frontier",
  ED: "extendedly dominated",
  D: "dominated",
};
