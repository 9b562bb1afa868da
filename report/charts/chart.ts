/**
 * What every chart is: Observable Plot options built from results, with a plain-text
 * alternative and the data as a table. The same definitions serve the HTML report (rendered to
 * SVG on the server with a linkedom document) and the workbench (rendered in the browser). One
 * file per chart in this folder, as Observable Plot keeps one per mark. Colours: Okabe–Ito, safe
 * for colour-blind readers.
 */
import type * as Plot from "@observablehq/plot";
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

export interface Chart {
  id: string;
  title: string;
  options: Plot.PlotOptions;
  /** A short text alternative describing what the chart shows. */
  alt: string;
  /** The chart's data as a table: header row then rows. */
  table: string[][];
}

/** One colour per scenario, in order, with a legend. */
export const scenarioColour = (r: Results) => ({
  domain: r.scenarios.map((s) => s.name),
  range: PALETTE.slice(0, r.scenarios.length),
  legend: true,
});

/** Axis ticks in money. */
export const moneyTick = (d: number) => money(d);

/** Axis ticks of £ per QALY thresholds: £0, £5k, £10k, … */
export const thresholdTick = (d: number) => (d === 0 ? "£0" : `£${d / 1000}k`);
