/** The equity–efficiency plane of targeting rules. */
import * as Plot from "@observablehq/plot";
import { inequalityWord } from "../verdict.ts";
import { moneyChange, numberChange } from "../format.ts";
import { type Chart, moneyTick } from "./chart.ts";

export interface PlanePoint {
  rule: string;
  /** Net cost over the horizon, discounted (scenario − baseline; negative saves). */
  netCost: number;
  /** Change in the SII of non-elective admissions per 1,000 (scenario − baseline). */
  siiChange: number;
}

/**
 * The equity–efficiency plane: net cost against the change in the SII, one point per targeting
 * rule. Left saves money; which vertical direction narrows inequality depends on the sign of
 * the baseline's SII (`baselineSii`), and the chart says which.
 */
export function equityEfficiencyChart(
  points: PlanePoint[],
  baselineSii: number,
  width = 640,
): Chart {
  const narrowsUp = baselineSii < 0;
  const word = (p: PlanePoint) => inequalityWord(baselineSii, p.siiChange);
  return {
    id: "equity-efficiency",
    title: "Equity–efficiency plane: targeting rules for the same capacity",
    options: {
      width,
      height: 340,
      marginLeft: 60,
      marginRight: 110,
      marginTop: 30,
      x: {
        label: "Net cost over the horizon, discounted (negative: saves money)",
        tickFormat: moneyTick,
        grid: true,
        inset: 20,
      },
      y: {
        label: `Change in SII per 1,000 (${
          narrowsUp ? "up: narrows inequality" : "down: narrows inequality"
        })`,
        tickFormat: (d: number) => numberChange(d),
        grid: true,
        inset: 20,
      },
      marks: [
        Plot.ruleX([0], { stroke: "#888" }),
        Plot.ruleY([0], { stroke: "#888" }),
        Plot.dot(points, {
          x: "netCost",
          y: "siiChange",
          r: 6,
          fill: "#0072B2",
          channels: { Targeting: "rule" },
          tip: { format: { x: (d: number) => moneyChange(d), y: (d: number) => numberChange(d) } },
        }),
        Plot.text(points, {
          x: "netCost",
          y: "siiChange",
          text: "rule",
          dx: 10,
          textAnchor: "start",
          fontSize: 12,
        }),
      ],
    },
    alt:
      `Each targeting rule's net cost (negative saves) and change in the SII of non-elective admissions per 1,000 (scenario − baseline). ` +
      points.map((p) =>
        `${p.rule}: net cost ${moneyChange(p.netCost)}, SII ${
          numberChange(p.siiChange)
        } (inequality ${word(p)})`
      ).join("; ") + ".",
    table: [
      ["Targeting", "Net cost", "Change in SII", "Inequality"],
      ...points.map((p) => [p.rule, moneyChange(p.netCost), numberChange(p.siiChange), word(p)]),
    ],
  };
}
