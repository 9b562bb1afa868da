/** The distribution of net cost over the horizon (S-curve) and the probability of saving. */
import * as Plot from "@observablehq/plot";
import type { Results } from "../../sim/summary.ts";
import { moneyChange, percent } from "../format.ts";
import { type Chart, moneyTick, scenarioColour } from "./chart.ts";

/** Cumulative distribution (S-curve) of discounted net cost over the horizon. */
export function netCostCurve(r: Results, width = 640): Chart {
  const rows = r.scenarios.filter((s) => s.distributions).flatMap((s) =>
    s.distributions!["discounted.cost.total"].map((v, k) => ({
      scenario: s.name,
      value: v,
      p: k / 100,
    }))
  );
  return {
    id: "net-cost",
    title: "Net cost over the horizon: how likely each outcome is",
    options: {
      width,
      height: 300,
      marginLeft: 50,
      marginRight: 20,
      x: {
        label: "Net cost, discounted (negative: saves money)",
        tickFormat: moneyTick,
        grid: true,
      },
      y: { label: "Share of runs with net cost at most x", tickFormat: "%", domain: [0, 1] },
      color: scenarioColour(r, true),
      marks: [
        Plot.ruleX([0], { stroke: "#555" }),
        Plot.line(rows, { x: "value", y: "p", stroke: "scenario", strokeWidth: 2 }),
      ],
    },
    alt:
      r.scenarios.filter((s) => s.deltas).map((s) =>
        `${s.name}: probability of saving money ${
          percent(s.deltas!["discounted.cost.total"].pNegative![r.horizonYears])
        }, median net cost ${
          moneyChange(s.deltas!["discounted.cost.total"].median?.[r.horizonYears] ?? NaN)
        }`
      ).join("; ") + ".",
    table: [
      ["Scenario", "Probability of saving", "Median net cost", "Mean net cost"],
      ...r.scenarios.filter((s) => s.deltas).map((s) => {
        const d = s.deltas!["discounted.cost.total"];
        return [
          s.name,
          percent(d.pNegative![r.horizonYears]),
          moneyChange(d.median?.[r.horizonYears] ?? NaN),
          moneyChange(d.mean[r.horizonYears]),
        ];
      }),
    ],
  };
}
