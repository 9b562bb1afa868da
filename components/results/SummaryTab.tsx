/** The summary tab: every scenario against the baseline (better health, care, cost, inequality). */
import type { Study } from "../../sim/study/format.ts";
import type { Results } from "../../sim/summary.ts";
import { buildComparison } from "../../report/comparison.ts";
import { ComparisonTable } from "../ComparisonTable.tsx";

export function SummaryTab({ results, study }: { results: Results; study: Study }) {
  if (!results.scenarios.some((s) => s.deltas)) {
    return <p class="muted">Add an intervention to a scenario to compare it with the baseline.</p>;
  }
  const payers = Object.fromEntries((study.interventions ?? []).map((iv) => [iv.id, iv.payer]));
  return <ComparisonTable c={buildComparison(results, payers)} />;
}
