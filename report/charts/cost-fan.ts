/** Total cost per year with its percentile band (fan chart). */
import * as Plot from "@observablehq/plot";
import type { Results } from "../../sim/summary.ts";
import { money } from "../format.ts";
import { type Chart, moneyTick, scenarioColour } from "./chart.ts";

/** Total cost (service + intervention) per year, with the percentile band: a fan chart. */
export function costFanChart(r: Results, width = 640): Chart {
  const rows = r.scenarios.flatMap((s) =>
    r.years.map((y) => ({
      scenario: s.name,
      year: y,
      mean: s.absolute["cost.total"].mean[y],
      low: s.absolute["cost.total"].low?.[y] ?? s.absolute["cost.total"].mean[y],
      high: s.absolute["cost.total"].high?.[y] ?? s.absolute["cost.total"].mean[y],
    }))
  );
  return {
    id: "cost-fan",
    title: "Total cost per year",
    options: {
      width,
      height: 320,
      marginLeft: 70,
      x: { label: "Year", tickFormat: "d" },
      y: { label: "Cost per year", tickFormat: moneyTick, grid: true },
      color: scenarioColour(r),
      marks: [
        Plot.areaY(rows, { x: "year", y1: "low", y2: "high", fill: "scenario", fillOpacity: 0.15 }),
        Plot.lineY(rows, { x: "year", y: "mean", stroke: "scenario", strokeWidth: 2 }),
        Plot.dot(rows, { x: "year", y: "mean", fill: "scenario", r: 2.5, tip: true }),
      ],
    },
    alt:
      `Total cost per year, year 0 to ${r.horizonYears}, mean and ${
        Math.round(r.interval * 100)
      }% band. ` +
      r.scenarios.map((s) =>
        `${s.name}: ${
          money(s.absolute["cost.total"].mean[r.horizonYears])
        } in year ${r.horizonYears}`
      ).join("; ") + ".",
    table: [
      ["Scenario", "Year", "Mean", "Low", "High"],
      ...rows.map((d) => [d.scenario, String(d.year), money(d.mean), money(d.low), money(d.high)]),
    ],
  };
}
