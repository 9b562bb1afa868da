/** The activity tab: each activity type over time, as change from the baseline. */
import type { Results } from "../../sim/summary.ts";
import { activityChart } from "../../report/charts/activity.ts";
import { PlotFigure } from "../PlotFigure.tsx";

export function ActivityTab({ results }: { results: Results }) {
  return <PlotFigure chart={activityChart(results)} />;
}
