/** Who pays and who saves: change in cost by sector, and the intervention cost. */
import * as Plot from "@observablehq/plot";
import type { Results } from "../../sim/summary.ts";
import { SECTOR_LABELS, SECTORS } from "../../sim/types.ts";
import { moneyChange } from "../format.ts";
import { type Chart, COSTS_COLOUR, moneyTick, SAVES_COLOUR } from "./chart.ts";

const SAVES = "Saves (negative)";
const COSTS = "Costs more (positive)";
const INTERVENTION = "Intervention cost";

/** Change in cost by sector over the horizon, and the intervention cost: who pays, who saves. */
export function sectorChart(r: Results, width = 640): Chart {
  const H = r.horizonYears;
  const compared = r.scenarios.filter((s) => s.deltas);
  const rows = compared.flatMap((s) => [
    ...SECTORS.map((k) => {
      const value = s.deltas![`discounted.cost.${k}`].mean[H];
      return { scenario: s.name, sector: SECTOR_LABELS[k], value, kind: value < 0 ? SAVES : COSTS };
    }),
    {
      scenario: s.name,
      sector: INTERVENTION,
      value: s.absolute["discounted.cost.intervention"].mean[H],
      kind: INTERVENTION,
    },
  ]);
  const sectors = [...SECTORS.map((k) => SECTOR_LABELS[k]), INTERVENTION];
  return {
    id: "sectors",
    title: "Who pays and who saves (discounted, over the horizon)",
    options: {
      width,
      height: 50 + (sectors.length * 24 + 34) * compared.length,
      marginLeft: 130,
      marginRight: 20,
      marginBottom: 40,
      x: {
        label: "Change in cost, scenario − baseline (negative: saves)",
        tickFormat: moneyTick,
        grid: true,
      },
      y: { label: null, domain: sectors },
      fy: { label: null, axis: null, domain: compared.map((s) => s.name) },
      facet: { marginTop: 26 },
      color: {
        type: "ordinal",
        domain: [SAVES, COSTS, INTERVENTION],
        range: [SAVES_COLOUR, COSTS_COLOUR, "#0072B2"],
        legend: true,
      },
      marks: [
        Plot.barX(rows, {
          x: "value",
          y: "sector",
          fy: "scenario",
          fill: "kind",
          channels: { Scenario: "scenario" },
          tip: { format: { fy: false, fill: false, x: (d: number) => moneyChange(d) } },
        }),
        Plot.ruleX([0]),
        Plot.text(compared.map((s) => s.name), {
          fy: (d: string) => d,
          text: (d: string) => d,
          frameAnchor: "top-left",
          dy: -16,
          dx: -126,
          fontWeight: "bold",
          fontSize: 12,
          lineWidth: 60,
        }),
      ],
    },
    alt:
      compared.map((s) =>
        `${s.name}: intervention costs ${
          moneyChange(s.absolute["discounted.cost.intervention"].mean[H])
        }; ` +
        SECTORS.map((k) =>
          `${SECTOR_LABELS[k]} ${moneyChange(s.deltas![`discounted.cost.${k}`].mean[H])}`
        )
          .join(", ")
      ).join(". ") + ".",
    table: [
      ["Scenario", "Sector", "Change (scenario − baseline)"],
      ...rows.map((d) => [d.scenario, d.sector, moneyChange(d.value)]),
    ],
  };
}
