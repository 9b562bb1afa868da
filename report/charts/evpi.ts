/**
 * The value of information: the expected value of perfect information (EVPI) for the population
 * over the horizon at each threshold, and the partial value (EVPPI) of each group of parameters.
 */
import * as Plot from "@observablehq/plot";
import type { Results } from "../../sim/summary.ts";
import { money, moneyPerPerson, perQaly } from "../format.ts";
import { type Chart, moneyTick, PALETTE, thresholdTick } from "./chart.ts";

export function evpiChart(r: Results, width = 640): Chart | null {
  const e = r.value.evpi;
  if (!e) return null;
  const groups = r.value.evppi?.groups ?? [];
  const rows = [
    ...e.thresholds.map((k, j) => ({
      what: "All parameters (EVPI)",
      threshold: k,
      value: e.population[j],
    })),
    ...groups.flatMap((g) =>
      e.thresholds.map((k, j) => ({ what: g.name, threshold: k, value: g.evppi[j] }))
    ),
  ];
  const names = ["All parameters (EVPI)", ...groups.map((g) => g.name)];
  const at = (k: number) => e.thresholds.indexOf(k);
  const top = (j: number) =>
    groups.length ? [...groups].sort((a, b) => b.evppi[j] - a.evppi[j])[0] : null;
  return {
    id: "evpi",
    title: "Value of information: what resolving the uncertainty would be worth",
    options: {
      width,
      height: 320,
      marginLeft: 70,
      x: { label: "Threshold, £ per QALY →", tickFormat: thresholdTick, grid: true },
      y: {
        label: "↑ Expected value, whole population over the horizon",
        tickFormat: moneyTick,
        grid: true,
      },
      color: { domain: names, range: PALETTE.slice(0, names.length), legend: true },
      marks: [
        Plot.ruleX(r.value.thresholds, { stroke: "#888", strokeDasharray: "4,3" }),
        Plot.line(rows, {
          x: "threshold",
          y: "value",
          stroke: "what",
          strokeWidth: (d: { what: string }) => (d.what === names[0] ? 3 : 1.5),
          tip: true,
        }),
      ],
    },
    alt: r.value.thresholds.map((k) => {
      const j = at(k);
      const g = top(j);
      return `At ${perQaly(k)}: EVPI ${
        money(e.population[j])
      } for the population over ${r.horizonYears} years (${
        moneyPerPerson(e.perPerson[j])
      } per person)${
        g ? `; the group worth most to learn about is ${g.name} (EVPPI ${money(g.evppi[j])})` : ""
      }`;
    }).join("; ") + ".",
    table: [
      [
        "Threshold (£ per QALY)",
        "EVPI, population",
        "EVPI per person",
        ...groups.map((g) => `EVPPI: ${g.name}`),
      ],
      ...e.thresholds.map((k, j) => [
        money(k),
        money(e.population[j]),
        moneyPerPerson(e.perPerson[j]),
        ...groups.map((g) => `${money(g.evppi[j])}${g.capped[j] ? " (capped at EVPI)" : ""}`),
      ]),
    ],
  };
}
