/** Activity by type over time: change from the baseline. */
import * as Plot from "@observablehq/plot";
import type { Results } from "../../sim/summary.ts";
import { ACTIVITIES, ACTIVITY_LABELS } from "../../sim/types.ts";
import { count } from "../format.ts";
import { type Chart, scenarioColour } from "./chart.ts";

/** Each activity type over time: percentage change from the baseline (small multiples). */
export function activityChart(r: Results, width = 640): Chart {
  const base = r.scenarios.find((s) => s.deltas === null)!;
  const rows = r.scenarios.filter((s) => s.deltas).flatMap((s) =>
    ACTIVITIES.flatMap((a) =>
      r.years.map((y) => ({
        scenario: s.name,
        activity: ACTIVITY_LABELS[a],
        year: y,
        value: s.deltas![`activity.${a}`].mean[y] / base.absolute[`activity.${a}`].mean[y],
        change: s.deltas![`activity.${a}`].mean[y],
      }))
    )
  );
  return {
    id: "activity",
    title: "Activity by type: change from the baseline each year",
    options: {
      width,
      height: 480,
      marginLeft: 60,
      marginRight: 170,
      x: { label: "Year", tickFormat: "d" },
      y: { label: "Change from baseline", tickFormat: "+.1%", grid: true },
      fy: { label: null },
      color: { ...scenarioColour(r), domain: r.scenarios.map((s) => s.name) },
      marks: [
        Plot.ruleY([0], { stroke: "#888" }),
        Plot.lineY(rows, {
          x: "year",
          y: "value",
          stroke: "scenario",
          fy: "activity",
          strokeWidth: 2,
        }),
        Plot.dot(rows, {
          x: "year",
          y: "value",
          fill: "scenario",
          fy: "activity",
          r: 2,
          tip: true,
        }),
      ],
    },
    alt: r.scenarios.filter((s) => s.deltas).map((s) =>
      `${s.name}, year ${r.horizonYears}: ` +
      ACTIVITIES.map((a) =>
        `${ACTIVITY_LABELS[a]} ${count(s.deltas![`activity.${a}`].mean[r.horizonYears])}`
      ).join(", ")
    ).join(". ") + ".",
    table: [
      ["Scenario", "Activity", ...r.years.map(String)],
      ...r.scenarios.flatMap((s) =>
        ACTIVITIES.map((
          a,
        ) => [s.name, ACTIVITY_LABELS[a], ...s.absolute[`activity.${a}`].mean.map(count)])
      ),
    ],
  };
}
