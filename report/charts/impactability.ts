/** Cohorts ranked by capacity to benefit from an intervention. */
import * as Plot from "@observablehq/plot";
import { count, moneyChange } from "../format.ts";
import { type Chart, moneyTick, QUINTILE_LABELS } from "./chart.ts";

export interface CohortRow {
  ageBand: string;
  complexity: string;
  quintile: number;
  people: number;
  /** Engagement × expected avoidable cost per person per year: the capacity to benefit (£). */
  perPerson: number;
  total: number;
}

const QUINTILE_COLOURS = ["#D55E00", "#E69F00", "#999999", "#56B4E9", "#0072B2"];

/**
 * Cohorts ranked by capacity to benefit, top `limit`. Shown, as every money change is, as the
 * expected change in cost per person a year (engagement × change per participant): negative
 * saves, so the cohorts with most to gain come first, furthest left.
 */
export function impactabilityChart(
  cohorts: CohortRow[],
  interventionName: string,
  width = 640,
  limit = 15,
): Chart {
  const rows = cohorts.slice(0, limit).map((c) => ({
    ...c,
    change: -c.perPerson,
    quintileLabel: QUINTILE_LABELS[c.quintile - 1],
    label: `${c.ageBand}, ${c.complexity} complexity, Q${c.quintile}`,
  }));
  return {
    id: "impactability",
    title: `Cohorts ranked by capacity to benefit: ${interventionName}`,
    options: {
      width,
      height: 70 + 24 * rows.length,
      marginLeft: 190,
      marginRight: 20,
      x: {
        label: "Expected change in cost per person a year × engagement (negative: saves)",
        tickFormat: moneyTick,
        grid: true,
      },
      y: { label: null, domain: rows.map((d) => d.label) },
      color: {
        type: "ordinal",
        legend: true,
        domain: QUINTILE_LABELS,
        range: QUINTILE_COLOURS,
        label: "Deprivation quintile",
      },
      marks: [
        Plot.barX(rows, {
          x: "change",
          y: "label",
          fill: "quintileLabel",
          channels: { People: "people" },
          tip: {
            format: {
              fill: true,
              x: (d: number) => moneyChange(d),
              People: (d: number) => count(d),
            },
          },
        }),
        Plot.ruleX([0]),
      ],
    },
    alt: `Deprivation quintiles are coloured from Q1 most deprived to Q5 least deprived. ` +
      rows.slice(0, 5).map((d) =>
        `${d.label}: ${moneyChange(d.change)} per person a year (${count(d.people)} people)`
      ).join("; ") + ".",
    table: [
      ["Cohort", "People", "Change per person a year", "Cohort total a year"],
      ...rows.map((d) => [d.label, count(d.people), moneyChange(d.change), moneyChange(-d.total)]),
    ],
  };
}
