/**
 * The cost-effectiveness plane: each scenario's change in discounted QALYs (x) and cost (y)
 * against the baseline, one dot per iteration, its mean as a ringed dot, and the threshold lines
 * through the origin (below a line: cost-effective at that threshold).
 */
import * as Plot from "@observablehq/plot";
import type { Results } from "../../sim/summary.ts";
import { moneyChange, percent, perQaly, qalysChange } from "../format.ts";
import { type Chart, moneyTick, PALETTE } from "./chart.ts";
import { icerText } from "./value-labels.ts";

export function cePlaneChart(r: Results, width = 640): Chart {
  const v = r.value;
  const scenarios = r.scenarios.filter((s) => s.value);
  const points = (v.plane ?? []).flatMap((p) =>
    p.qalys.map((q, i) => ({ scenario: p.scenario, qalys: q, cost: p.cost[i] }))
  );
  const means = scenarios.map((s) => ({
    scenario: s.name,
    qalys: s.value!.incrementalQalys,
    cost: s.value!.incrementalCost,
  }));
  const all = [...points, ...means];
  const xs = all.map((d) => d.qalys);
  const span = Math.max(1e-9, ...xs.map(Math.abs));
  const lines = v.thresholds.flatMap((k) =>
    [-span, span].map((x) => ({ threshold: perQaly(k), qalys: x, cost: k * x }))
  );
  const names = scenarios.map((s) => s.name);
  const quadrant = (
    p: { qalys: number; cost: number }[],
    test: (q: number, c: number) => boolean,
  ) => p.length ? p.filter((d) => test(d.qalys, d.cost)).length / p.length : NaN;
  const iterations = (name: string) => points.filter((p) => p.scenario === name);
  return {
    id: "ce-plane",
    title: "Cost-effectiveness plane: change in QALYs and cost against the baseline",
    options: {
      width,
      height: 360,
      marginLeft: 70,
      x: { label: "Change in QALYs (discounted) →", grid: true },
      y: { label: "↑ Change in cost (discounted)", tickFormat: moneyTick, grid: true },
      color: { domain: names, range: PALETTE.slice(1, names.length + 1), legend: true },
      marks: [
        Plot.ruleX([0], { stroke: "#888" }),
        Plot.ruleY([0], { stroke: "#888" }),
        Plot.line(lines, {
          x: "qalys",
          y: "cost",
          z: "threshold",
          stroke: "#555",
          strokeDasharray: "4,3",
        }),
        Plot.dot(points, { x: "qalys", y: "cost", fill: "scenario", r: 1.5, fillOpacity: 0.35 }),
        Plot.dot(means, {
          x: "qalys",
          y: "cost",
          fill: "scenario",
          stroke: "black",
          r: 6,
          tip: true,
        }),
      ],
    },
    alt: scenarios.map((s) => {
      const sv = s.value!;
      const ce = sv.thresholds.map((t) =>
        `${percent(t.pCostEffective)} of iterations cost-effective at ${perQaly(t.threshold)}`
      ).join(", ");
      return `${s.name}: mean ${qalysChange(sv.incrementalQalys)} QALYs for ${
        moneyChange(sv.incrementalCost)
      } (${icerText(sv)}); ${ce}`;
    }).join("; ") + ". Dashed lines: the thresholds; below a line is cost-effective at it.",
    table: [
      [
        "Scenario",
        "Mean change in QALYs",
        "Mean change in cost",
        "ICER",
        "More QALYs, more cost",
        "More QALYs, less cost",
        "Fewer QALYs, less cost",
        "Fewer QALYs, more cost",
      ],
      ...scenarios.map((s) => {
        const it = iterations(s.name);
        return [
          s.name,
          qalysChange(s.value!.incrementalQalys),
          moneyChange(s.value!.incrementalCost),
          icerText(s.value!),
          percent(quadrant(it, (q, c) => q > 0 && c > 0)),
          percent(quadrant(it, (q, c) => q > 0 && c <= 0)),
          percent(quadrant(it, (q, c) => q <= 0 && c <= 0)),
          percent(quadrant(it, (q, c) => q <= 0 && c > 0)),
        ];
      }),
    ],
  };
}
