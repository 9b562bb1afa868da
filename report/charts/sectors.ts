/** Who pays and who saves: change in cost by sector, and the intervention cost. */
import * as Plot from "@observablehq/plot";
import type { Results } from "../../sim/summary.ts";
import { SECTOR_LABELS, SECTORS } from "../../sim/types.ts";
import { money, moneyChange } from "../format.ts";
import { type Chart, moneyTick } from "./chart.ts";

/** Change in cost by sector over the horizon, and the intervention cost: who pays, who saves. */
export function sectorChart(r: Results, width = 640): Chart {
  const H = r.horizonYears;
  const rows = r.scenarios.filter((s) => s.deltas).flatMap((s) => [
    ...SECTORS.map((k) => ({
      scenario: s.name,
      sector: SECTOR_LABELS[k],
      value: s.deltas![`discounted.cost.${k}`].mean[H],
    })),
    {
      scenario: s.name,
      sector: "Intervention",
      value: s.absolute["discounted.cost.intervention"].mean[H],
    },
  ]);
  return {
    id: "sectors",
    title: "Who pays and who saves (discounted, over the horizon)",
    options: {
      width,
      height: 60 + 28 * rows.length,
      marginLeft: 140,
      marginRight: 200,
      x: { label: "Change in cost (negative: saving)", tickFormat: moneyTick, grid: true },
      y: { label: null },
      fy: { label: null, tickFormat: (d: string) => (d.length > 30 ? `${d.slice(0, 29)}…` : d) },
      marks: [
        Plot.barX(rows, {
          x: "value",
          y: "sector",
          fy: "scenario",
          fill: (d: { value: number }) => (d.value < 0 ? "#009E73" : "#D55E00"),
        }),
        Plot.ruleX([0]),
      ],
    },
    alt:
      r.scenarios.filter((s) => s.deltas).map((s) =>
        `${s.name}: intervention costs ${
          money(s.absolute["discounted.cost.intervention"].mean[H])
        }; ` +
        SECTORS.map((k) =>
          `${SECTOR_LABELS[k]} ${moneyChange(s.deltas![`discounted.cost.${k}`].mean[H])}`
        ).join(", ")
      ).join(". ") + ".",
    table: [
      ["Scenario", "Sector", "Change"],
      ...rows.map((d) => [d.scenario, d.sector, moneyChange(d.value)]),
    ],
  };
}
