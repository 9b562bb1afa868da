/**
 * Cost-effectiveness acceptability curves: for each threshold, the probability that each
 * scenario (the baseline too) has the highest net monetary benefit; the acceptability frontier
 * (the scenario best on average, with that probability) drawn over them.
 */
import * as Plot from "@observablehq/plot";
import type { Results } from "../../sim/summary.ts";
import { money, percent, perQaly } from "../format.ts";
import { type Chart, scenarioColour, thresholdTick } from "./chart.ts";

export function ceacChart(r: Results, width = 640): Chart | null {
  const a = r.value.acceptability;
  if (!a) return null;
  const rows = a.scenarios.flatMap((s) =>
    a.thresholds.map((k, j) => ({ scenario: s.name, threshold: k, probability: s.probability[j] }))
  );
  const frontier = a.thresholds.map((k, j) => ({
    threshold: k,
    probability: a.frontier[j].probability,
    scenario: a.frontier[j].scenario,
  }));
  const at = (k: number) => a.thresholds.indexOf(k);
  const switches = frontier.filter((f, j) => j > 0 && f.scenario !== frontier[j - 1].scenario);
  return {
    id: "ceac",
    title: "Acceptability: the chance each scenario is the most cost-effective",
    options: {
      width,
      height: 320,
      marginLeft: 50,
      x: { label: "Threshold, £ per QALY →", tickFormat: thresholdTick, grid: true },
      y: {
        label: "↑ Probability most cost-effective",
        tickFormat: "%",
        domain: [0, 1],
        grid: true,
      },
      color: scenarioColour(r),
      marks: [
        Plot.ruleX(r.value.thresholds, { stroke: "#888", strokeDasharray: "4,3" }),
        Plot.line(rows, { x: "threshold", y: "probability", stroke: "scenario", strokeWidth: 2 }),
        Plot.dot(frontier, {
          x: "threshold",
          y: "probability",
          stroke: "black",
          r: 2.5,
          tip: true,
          title: (d: { scenario: string; threshold: number; probability: number }) =>
            `Frontier at ${perQaly(d.threshold)}: ${d.scenario} (${percent(d.probability)})`,
        }),
      ],
    },
    alt: r.value.thresholds.map((k) => {
      const j = at(k);
      if (j < 0) return "";
      return `At ${perQaly(k)}: ${
        a.frontier[j].scenario
      } is best on average, most cost-effective in ${
        percent(a.frontier[j].probability)
      } of iterations`;
    }).filter(Boolean).join("; ") +
      (switches.length
        ? `. The best choice on average changes at ${
          switches.map((s) => `${perQaly(s.threshold)} (to ${s.scenario})`).join(", ")
        }.`
        : `. The same scenario is best on average from £0 to ${
          money(a.thresholds[a.thresholds.length - 1])
        } per QALY.`) +
      " Black dots: the acceptability frontier.",
    table: [
      ["Threshold (£ per QALY)", ...a.scenarios.map((s) => s.name), "Best on average"],
      ...a.thresholds.map((k, j) => [
        money(k),
        ...a.scenarios.map((s) => percent(s.probability[j])),
        a.frontier[j].scenario,
      ]),
    ],
  };
}
