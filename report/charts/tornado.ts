/**
 * A tornado: one-way deterministic runs across each parameter's interval, for one scenario —
 * its net monetary benefit at the first threshold when the parameter is at the low and the high
 * end, the widest swings first.
 */
import * as Plot from "@observablehq/plot";
import type { Results } from "../../sim/summary.ts";
import { money, moneyChange, number, perQaly } from "../format.ts";
import { type Chart, moneyTick } from "./chart.ts";

/** Bars drawn (all are in the table). */
export const TORNADO_BARS = 15;

export function tornadoChart(r: Results, scenario: string, width = 640): Chart | null {
  const t = r.value.tornado;
  const s = t?.scenarios.find((x) => x.name === scenario);
  if (!t || !s) return null;
  const base = s.base.nmb;
  const shown = s.bars.slice(0, TORNADO_BARS);
  const rows = shown.flatMap((b) => [
    { parameter: b.parameter, end: "Parameter at its low end", from: base, to: b.atLow.nmb },
    { parameter: b.parameter, end: "Parameter at its high end", from: base, to: b.atHigh.nmb },
  ]);
  const pct = Math.round(t.coverage * 100);
  return {
    id: `tornado-${scenario}`,
    title: `What moves the result: ${scenario}, net monetary benefit at ${perQaly(t.threshold)}`,
    options: {
      width,
      height: 60 + 22 * shown.length,
      marginLeft: Math.min(380, 20 + 6 * Math.max(...shown.map((b) => b.parameter.length), 10)),
      x: { label: "Net monetary benefit (discounted) →", tickFormat: moneyTick, grid: true },
      y: { label: null, domain: shown.map((b) => b.parameter) },
      color: {
        domain: ["Parameter at its low end", "Parameter at its high end"],
        range: ["#56B4E9", "#D55E00"],
        legend: true,
      },
      marks: [
        Plot.barX(rows, { y: "parameter", x1: "from", x2: "to", fill: "end", fillOpacity: 0.8 }),
        Plot.ruleX([base], { stroke: "black" }),
        Plot.ruleX([0], { stroke: "#888", strokeDasharray: "4,3" }),
      ],
    },
    alt: `At every parameter's mean, ${scenario}'s net monetary benefit is ${moneyChange(base)}. ` +
      shown.slice(0, 3).map((b) =>
        `${b.parameter} from ${number(b.low)} to ${number(b.high)} moves it from ${
          moneyChange(b.atLow.nmb)
        } to ${moneyChange(b.atHigh.nmb)}`
      ).join("; ") +
      `. Each parameter across its ${pct}% interval, the others at their means.`,
    table: [
      [
        "Parameter",
        "Low",
        "High",
        "NMB at low",
        "NMB at high",
        "Net cost at low",
        "Net cost at high",
      ],
      ...s.bars.map((b) => [
        b.parameter,
        number(b.low),
        number(b.high),
        money(b.atLow.nmb),
        money(b.atHigh.nmb),
        moneyChange(b.atLow.netCost),
        moneyChange(b.atHigh.netCost),
      ]),
    ],
  };
}
