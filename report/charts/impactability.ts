/** Cohorts ranked by capacity to benefit from an intervention. */
import * as Plot from "@observablehq/plot";
import { count, money } from "../format.ts";
import { type Chart, moneyTick } from "./chart.ts";

export interface CohortRow {
  ageBand: string;
  complexity: string;
  quintile: number;
  people: number;
  perPerson: number;
  total: number;
}

/** Cohorts ranked by capacity to benefit (impactability per person), top `limit`. */
export function impactabilityChart(
  cohorts: CohortRow[],
  interventionName: string,
  width = 640,
  limit = 15,
): Chart {
  const rows = cohorts.slice(0, limit).map((c) => ({
    ...c,
    label: `${c.ageBand} ${c.complexity} Q${c.quintile}`,
  }));
  return {
    id: "impactability",
    title: `Cohorts ranked by capacity to benefit: ${interventionName}`,
    options: {
      width,
      height: 40 + 24 * rows.length,
      marginLeft: 140,
      x: {
        label: "Avoidable cost per person per year × engagement",
        tickFormat: moneyTick,
        grid: true,
      },
      y: { label: null, domain: rows.map((d) => d.label) },
      color: {
        legend: true,
        domain: [1, 2, 3, 4, 5],
        range: ["#D55E00", "#E69F00", "#999999", "#56B4E9", "#0072B2"],
        label: "Quintile (1 most deprived)",
      },
      marks: [
        Plot.barX(rows, { x: "perPerson", y: "label", fill: "quintile", tip: true }),
        Plot.ruleX([0]),
      ],
    },
    alt:
      rows.slice(0, 5).map((d) =>
        `${d.label}: ${money(d.perPerson)} per person (${count(d.people)} people)`
      ).join("; ") + ".",
    table: [
      ["Cohort", "People", "Per person", "Cohort total"],
      ...rows.map((d) => [d.label, count(d.people), money(d.perPerson), money(d.total)]),
    ],
  };
}
