/** Net cost over the runs of a Monte Carlo run: a histogram per scenario (sim/paired.ts). */
import * as Plot from "@observablehq/plot";
import type { Results } from "../../sim/summary.ts";
import { count, moneyChange, percent } from "../format.ts";
import { type Chart, COSTS_COLOUR, moneyTick, SAVES_COLOUR } from "./chart.ts";

const SAVES = "Saves money (net cost below £0)";
const COSTS = "Costs more (net cost £0 or above)";

/**
 * How many runs ended with each net cost (scenario − baseline, discounted, over the horizon),
 * one panel per scenario; bars left of £0 are runs that saved money. Null without a Monte Carlo
 * run's histogram.
 */
export function netCostHistogram(r: Results, width = 640): Chart | null {
  const h = r.paired?.netCost;
  if (r.mode !== "monte-carlo" || !h || h.edges.length < 2) return null;
  const names = r.scenarios.filter((s) => s.deltas && h.counts[s.name]).map((s) => s.name);
  const rows = names.flatMap((scenario) =>
    h.counts[scenario].map((n, k) => ({
      scenario,
      x1: h.edges[k],
      x2: h.edges[k + 1],
      runs: n,
      kind: h.edges[k + 1] <= 0 ? SAVES : COSTS,
    }))
  );
  const saving = (name: string) =>
    h.counts[name].reduce((t, n, k) => t + (h.edges[k + 1] <= 0 ? n : 0), 0);
  const runs = r.iterations;
  return {
    id: "net-cost-histogram",
    title: `Net cost over ${count(runs)} runs: how often each scenario saves money`,
    options: {
      width,
      height: 50 + 130 * names.length,
      marginLeft: 50,
      marginRight: 20,
      marginTop: 24,
      x: {
        label: "Net cost, discounted (negative: saves money)",
        tickFormat: moneyTick,
        grid: true,
      },
      y: { label: "Runs", grid: true, ticks: 3, insetTop: 20 },
      fy: { label: null, axis: null, domain: names },
      color: {
        type: "ordinal",
        domain: [SAVES, COSTS],
        range: [SAVES_COLOUR, COSTS_COLOUR],
        legend: true,
      },
      marks: [
        Plot.frame({ stroke: "#ddd" }),
        Plot.rectY(rows, {
          x1: "x1",
          x2: "x2",
          y: "runs",
          fy: "scenario",
          fill: "kind",
          insetLeft: 0.5,
          insetRight: 0.5,
          channels: { Scenario: "scenario", From: "x1", To: "x2" },
          tip: {
            format: {
              fy: false,
              fill: false,
              x1: false,
              x2: false,
              From: (d: number) => moneyChange(d),
              To: (d: number) => moneyChange(d),
            },
          },
        }),
        Plot.ruleX([0], { stroke: "#000" }),
        Plot.ruleY([0]),
        Plot.text(names, {
          fy: (d: string) => d,
          text: (d: string) => `${d}: saves money in ${percent(saving(d) / runs)} of runs`,
          frameAnchor: "top-left",
          dx: 4,
          dy: 4,
          fontWeight: "bold",
          fontSize: 12,
        }),
      ],
    },
    alt: `Histogram of net cost over ${count(runs)} runs (scenario − baseline, discounted). ` +
      names.map((n) => `${n}: saves money in ${percent(saving(n) / runs)} of runs`).join("; ") +
      ".",
    table: [
      ["Scenario", "Net cost from", "Net cost to", "Runs"],
      ...rows.map((d) => [d.scenario, moneyChange(d.x1), moneyChange(d.x2), String(d.runs)]),
    ],
  };
}
