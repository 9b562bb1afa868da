/** The equity–efficiency plane of targeting rules. */
import * as Plot from "@observablehq/plot";
import { money, number } from "../format.ts";
import { type Chart, moneyTick } from "./chart.ts";

export interface PlanePoint {
  rule: string;
  saving: number;
  siiChange: number;
}

/** The equity–efficiency plane: net saving against change in the SII, one point per targeting rule. */
export function equityEfficiencyChart(points: PlanePoint[], width = 640): Chart {
  return {
    id: "equity-efficiency",
    title: "Equity–efficiency plane: targeting rules for the same capacity",
    options: {
      width,
      height: 320,
      marginLeft: 60,
      x: { label: "Net saving over the horizon (discounted) →", tickFormat: moneyTick, grid: true },
      y: { label: "↑ Change in SII, admissions per 1,000 (up: narrower)", grid: true },
      marks: [
        Plot.ruleX([0], { stroke: "#888" }),
        Plot.ruleY([0], { stroke: "#888" }),
        Plot.dot(points, { x: "saving", y: "siiChange", r: 6, fill: "#0072B2", tip: true }),
        Plot.text(points, {
          x: "saving",
          y: "siiChange",
          text: "rule",
          dx: 10,
          textAnchor: "start",
          fontSize: 12,
        }),
      ],
    },
    alt: points.map((p) => `${p.rule}: saves ${money(p.saving)}, SII change ${number(p.siiChange)}`)
      .join("; ") + ".",
    table: [
      ["Targeting", "Net saving", "SII change"],
      ...points.map((p) => [p.rule, money(p.saving), number(p.siiChange)]),
    ],
  };
}
