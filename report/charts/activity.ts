/** Activity by type over time: change from the baseline (scenario − baseline). */
import * as Plot from "@observablehq/plot";
import type { Results } from "../../sim/summary.ts";
import { ACTIVITIES, ACTIVITY_LABELS } from "../../sim/types.ts";
import { countChange } from "../format.ts";
import { type Chart, percentTick, scenarioColour } from "./chart.ts";

/** A signed percentage to two significant figures, so a small change never reads "0.0%". */
const pct = (v: number) =>
  !Number.isFinite(v)
    ? "–"
    : v === 0
    ? "0%"
    : `${v > 0 ? "+" : ""}${Number((v * 100).toPrecision(2))}%`.replace("-", "−");

/**
 * Each activity type over time as the percentage change from the baseline in the same year, one
 * panel per activity; the text and the table give the counts as well.
 */
export function activityChart(r: Results, width = 640): Chart {
  const base = r.scenarios.find((s) => s.deltas === null)!;
  const H = r.horizonYears;
  const rows = r.scenarios.filter((s) => s.deltas).flatMap((s) =>
    ACTIVITIES.flatMap((a) =>
      r.years.map((y) => {
        const change = s.deltas![`activity.${a}`].mean[y];
        const level = base.absolute[`activity.${a}`].mean[y];
        return {
          scenario: s.name,
          activity: ACTIVITY_LABELS[a],
          year: y,
          share: level > 0 ? change / level : 0,
          change,
        };
      })
    )
  );
  const tick = percentTick(rows.map((d) => d.share));
  return {
    id: "activity",
    title: "Activity by type: change from the baseline each year",
    options: {
      width,
      height: 110 * ACTIVITIES.length + 60,
      marginLeft: 64,
      marginRight: 16,
      marginTop: 24,
      x: { label: "Year", tickFormat: "d", ticks: Math.min(H, 10) },
      y: {
        label: "Change from the baseline",
        tickFormat: tick,
        ticks: 3,
        grid: true,
        nice: true,
        insetTop: 20,
      },
      fy: { label: null, axis: null, domain: ACTIVITIES.map((a) => ACTIVITY_LABELS[a]) },
      color: scenarioColour(r, true),
      marks: [
        Plot.frame({ stroke: "#ddd" }),
        Plot.ruleY([0], { stroke: "#555" }),
        Plot.text(ACTIVITIES.map((a) => ACTIVITY_LABELS[a]), {
          fy: (d: string) => d,
          text: (d: string) => d,
          frameAnchor: "top-left",
          dx: 4,
          dy: 4,
          fontWeight: "bold",
          fontSize: 12,
        }),
        Plot.lineY(rows, {
          x: "year",
          y: "share",
          stroke: "scenario",
          fy: "activity",
          strokeWidth: 2,
        }),
        Plot.dot(rows, {
          x: "year",
          y: "share",
          fill: "scenario",
          fy: "activity",
          r: 2.5,
          channels: { Scenario: "scenario", Activity: "activity", Change: "change" },
          tip: {
            format: {
              fy: false,
              fill: false,
              Scenario: true,
              Activity: true,
              x: (d: number) => String(d),
              y: (d: number) => pct(d),
              Change: (d: number) => countChange(d),
            },
          },
        }),
      ],
    },
    alt: `Change from the baseline in year ${H} (scenario − baseline). ` +
      r.scenarios.filter((s) => s.deltas).map((s) =>
        `${s.name}: ` +
        ACTIVITIES.map((a) => {
          const change = s.deltas![`activity.${a}`].mean[H];
          const level = base.absolute[`activity.${a}`].mean[H];
          return `${ACTIVITY_LABELS[a]} ${countChange(change)} (${
            pct(level > 0 ? change / level : 0)
          })`;
        }).join(", ")
      ).join(". ") + ".",
    table: [
      ["Scenario", "Activity", "Year", "Change (scenario − baseline)", "Change in %"],
      ...rows.map((
        d,
      ) => [d.scenario, d.activity, String(d.year), countChange(d.change), pct(d.share)]),
    ],
  };
}
