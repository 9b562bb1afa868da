/** The charts of the HTML report, in order. */
import type { Results } from "../../sim/summary.ts";
import { activityChart } from "./activity.ts";
import type { Chart } from "./chart.ts";
import { costFanChart } from "./cost-fan.ts";
import { inequalityChart } from "./inequality.ts";
import { netCostCurve } from "./net-cost.ts";
import { netCostHistogram } from "./net-cost-histogram.ts";
import { sectorChart } from "./sectors.ts";

export function reportCharts(r: Results, width = 640): Chart[] {
  if (!r.scenarios.some((s) => s.deltas)) return [];
  const monteCarlo = r.mode === "monte-carlo";
  const histogram = netCostHistogram(r, width);
  return [
    costFanChart(r, width),
    ...(monteCarlo ? [netCostCurve(r, width)] : []),
    ...(histogram ? [histogram] : []),
    sectorChart(r, width),
    activityChart(r, width),
    inequalityChart(r, width),
  ];
}
