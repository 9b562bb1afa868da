/** The charts of the HTML report, in order. */
import type { Results } from "../../sim/summary.ts";
import { activityChart } from "./activity.ts";
import type { Chart } from "./chart.ts";
import { costFanChart } from "./cost-fan.ts";
import { inequalityChart } from "./inequality.ts";
import { netCostCurve } from "./net-cost.ts";
import { sectorChart } from "./sectors.ts";

export function reportCharts(r: Results, width = 640): Chart[] {
  const compared = r.scenarios.some((s) => s.deltas);
  return [
    costFanChart(r, width),
    ...(compared ? [netCostCurve(r, width), sectorChart(r, width), activityChart(r, width)] : []),
    inequalityChart(r, width),
  ];
}
