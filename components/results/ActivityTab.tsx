/** The activity tab: each activity type over time, as change from the baseline. */
import type { Results } from "../../sim/summary.ts";
import { activityChart } from "../../report/charts/activity.ts";
import { PlotFigure } from "../PlotFigure.tsx";

export function ActivityTab({ results }: { results: Results }) {
  if (!results.scenarios.some((s) => s.deltas)) {
    return <p class="muted">Add an intervention to a scenario to compare it with the baseline.</p>;
  }
  return <PlotFigure chart={activityChart(results)} />;
}
