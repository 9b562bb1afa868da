/**
 * What every chart is: Observable Plot options built from results, with a plain-text
 * alternative and the data as a table. The same definitions serve the HTML report (rendered to
 * SVG on the server with a linkedom document) and the workbench (rendered in the browser). One
 * file per chart in this folder, as Observable Plot keeps one per mark. Colours: Okabe–Ito, safe
 * for colour-blind readers. Every difference a chart shows is scenario − baseline (net cost
 * positive costs more, negative saves), as everywhere else.
 */
import type * as Plot from "@observablehq/plot";
// @ts-types="npm:@types/d3-format@3.0.4"
import { format, precisionFixed } from "d3-format";
import type { Results } from "../../sim/summary.ts";
import { money } from "../format.ts";

export const PALETTE = [
  "#000000",
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#F0E442",
];

/** Saving and costing more, in every chart that colours by it. */
export const SAVES_COLOUR = "#009E73";
export const COSTS_COLOUR = "#D55E00";

/** The quintiles as every chart and legend names them. */
export const QUINTILE_LABELS = [
  "Q1 most deprived",
  "Q2",
  "Q3",
  "Q4",
  "Q5 least deprived",
];

export interface Chart {
  id: string;
  title: string;
  options: Plot.PlotOptions;
  /** A short text alternative describing what the chart shows. */
  alt: string;
  /** The chart's data as a table: header row then rows. */
  table: string[][];
}

/**
 * One colour per scenario, fixed by the scenario's place in the study (the baseline black), so a
 * scenario has the same colour in every chart. `compared`: only the scenarios other than the
 * baseline (charts of differences, where the baseline is the zero line).
 */
export const scenarioColour = (r: Results, compared = false) => {
  const all = r.scenarios.map((s, i) => ({ name: s.name, colour: PALETTE[i % PALETTE.length] }));
  const shown = compared ? all.filter((_, i) => r.scenarios[i].deltas !== null) : all;
  return {
    type: "ordinal" as const,
    domain: shown.map((s) => s.name),
    range: shown.map((s) => s.colour),
    legend: true,
  };
};

/** Axis ticks in money. */
export const moneyTick = (d: number) => money(d);

/**
 * Signed percentages with as many decimals as the axis's range needs, so that neighbouring
 * ticks never read alike ("+0.0%" twice).
 */
export function percentTick(values: number[]): (d: number) => string {
  const finite = values.filter(Number.isFinite);
  const span = finite.length ? Math.max(...finite) - Math.min(...finite) : 0;
  const step = span > 0 ? span / 4 : Math.max(Math.abs(finite[0] ?? 0), 0.001);
  const f = format(`+.${Math.min(4, precisionFixed(step * 100))}%`);
  return (d: number) => (d === 0 ? "0%" : f(d).replace("-", "−"));
}

/** Axis ticks of £ per QALY thresholds: £0, £5k, £10k, … */
export const thresholdTick = (d: number) => (d === 0 ? "£0" : `£${d / 1000}k`);
