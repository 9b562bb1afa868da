/** Non-elective admission rates by deprivation quintile at the horizon. */
import * as Plot from "@observablehq/plot";
import type { Results } from "../../sim/summary.ts";
import { QUINTILES } from "../../sim/types.ts";
import { number } from "../format.ts";
import { type Chart, scenarioColour } from "./chart.ts";

/** Non-elective admission rates by deprivation quintile in the final year, with intervals. */
export function inequalityChart(r: Results, width = 640): Chart {
  const H = r.horizonYears;
  const rows = r.scenarios.flatMap((s) =>
    QUINTILES.map((q) => {
      const k = s.absolute[`rate.nonElective.q${q}`];
      return {
        scenario: s.name,
        quintile: `Q${q}${q === 1 ? " most deprived" : q === 5 ? " least" : ""}`,
        mean: k.mean[H],
        low: k.low?.[H] ?? k.mean[H],
        high: k.high?.[H] ?? k.mean[H],
      };
    })
  );
  return {
    id: "inequality",
    title: `Non-elective admissions per 1,000 by deprivation quintile, year ${H}`,
    options: {
      width,
      height: 320,
      marginLeft: 60,
      marginBottom: 50,
      x: { axis: null, domain: r.scenarios.map((s) => s.name) },
      fx: { label: null, domain: [...new Set(rows.map((d) => d.quintile))] },
      y: { label: "Admissions per 1,000", grid: true },
      color: scenarioColour(r),
      marks: [
        Plot.ruleX(rows, {
          fx: "quintile",
          x: "scenario",
          y1: "low",
          y2: "high",
          stroke: "scenario",
          strokeWidth: 2,
        }),
        Plot.dot(rows, {
          fx: "quintile",
          x: "scenario",
          y: "mean",
          fill: "scenario",
          r: 4,
          tip: true,
        }),
      ],
    },
    alt:
      r.scenarios.map((s) =>
        `${s.name}: SII ${number(s.absolute["sii.nonElective"].mean[H])} (${
          number(s.absolute["sii.nonElective"].low?.[H] ?? NaN)
        } to ${number(s.absolute["sii.nonElective"].high?.[H] ?? NaN)}), RII ${
          number(s.absolute["rii.nonElective"].mean[H])
        }`
      ).join("; ") + ".",
    table: [
      ["Scenario", "Quintile", "Rate per 1,000", "Low", "High"],
      ...rows.map((d) => [d.scenario, d.quintile, number(d.mean), number(d.low), number(d.high)]),
    ],
  };
}
