/** Change in total cost each year against the baseline, with its interval (a fan per scenario). */
import * as Plot from "@observablehq/plot";
import type { Results } from "../../sim/summary.ts";
import { moneyChange } from "../format.ts";
import { type Chart, moneyTick, scenarioColour } from "./chart.ts";

/**
 * Total cost (service + intervention) per year, scenario − baseline, with the percentile band of
 * that difference: one panel per scenario so bands never overlap; the baseline is the £0 line.
 */
export function costFanChart(r: Results, width = 640): Chart {
  const compared = r.scenarios.filter((s) => s.deltas);
  const rows = compared.flatMap((s) =>
    r.years.map((y) => {
      const d = s.deltas!["cost.total"];
      return {
        scenario: s.name,
        year: y,
        mean: d.mean[y],
        low: d.low?.[y] ?? d.mean[y],
        high: d.high?.[y] ?? d.mean[y],
      };
    })
  );
  const band = r.mode === "monte-carlo";
  const level = Math.round(r.interval * 100);
  return {
    id: "cost-fan",
    title: "Change in total cost each year against the baseline",
    options: {
      width,
      height: 60 + 170 * Math.max(1, compared.length),
      marginLeft: 72,
      marginTop: 24,
      x: { label: "Year", tickFormat: "d" },
      y: {
        label: "Change in cost per year (positive: costs more)",
        tickFormat: moneyTick,
        grid: true,
        ticks: 4,
        insetTop: 20,
      },
      fy: { label: null, axis: null, domain: compared.map((s) => s.name) },
      color: scenarioColour(r, true),
      marks: [
        Plot.frame({ stroke: "#ddd" }),
        Plot.ruleY([0], { stroke: "#000", strokeWidth: 1.5 }),
        Plot.text(compared.map((s) => s.name), {
          fy: (d: string) => d,
          text: (d: string) => d,
          frameAnchor: "top-left",
          dx: 4,
          dy: 4,
          fontWeight: "bold",
          fontSize: 12,
        }),
        Plot.text(compared.map((s) => s.name), {
          fy: (d: string) => d,
          x: r.horizonYears,
          y: 0,
          text: () => "baseline (£0)",
          textAnchor: "end",
          dy: -7,
          fill: "#333",
          fontSize: 10,
        }),
        ...(band
          ? [
            Plot.areaY(rows, {
              x: "year",
              y1: "low",
              y2: "high",
              fy: "scenario",
              fill: "scenario",
              fillOpacity: 0.25,
            }),
          ]
          : []),
        Plot.lineY(rows, {
          x: "year",
          y: "mean",
          fy: "scenario",
          stroke: "scenario",
          strokeWidth: 2,
        }),
        Plot.dot(rows, {
          x: "year",
          y: "mean",
          fy: "scenario",
          fill: "scenario",
          r: 2.5,
          channels: { Scenario: "scenario" },
          tip: {
            format: {
              fy: false,
              fill: false,
              x: (d: number) => String(d),
              y: (d: number) => moneyChange(d),
            },
          },
        }),
      ],
    },
    alt:
      `Change in total cost each year (scenario − baseline, not discounted)${
        band ? `, mean and ${level}% interval` : ""
      }. ` +
      compared.map((s) => {
        const d = s.deltas!["cost.total"];
        const H = r.horizonYears;
        return `${s.name}: ${moneyChange(d.mean[H])} in year ${H}${
          band && d.low ? ` (${moneyChange(d.low[H])} to ${moneyChange(d.high![H])})` : ""
        }`;
      }).join("; ") + ".",
    table: [
      [
        "Scenario",
        "Year",
        "Change in cost",
        ...(band ? [`Low (${level}%)`, `High (${level}%)`] : []),
      ],
      ...rows.map((d) => [
        d.scenario,
        String(d.year),
        moneyChange(d.mean),
        ...(band ? [moneyChange(d.low), moneyChange(d.high)] : []),
      ]),
    ],
  };
}
