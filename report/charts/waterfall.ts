/** A waterfall from the baseline through each step to a total. */
import * as Plot from "@observablehq/plot";
import type { Chart } from "./chart.ts";

export interface WaterfallStep {
  label: string;
  value: number;
  low?: number;
  high?: number;
}

/**
 * A waterfall from the baseline (0) through each intervention's contribution to the scenario's
 * total change. Bars step up or down; the last bar is the total.
 */
export function waterfallChart(
  id: string,
  title: string,
  steps: WaterfallStep[],
  total: number,
  format: (v: number) => string,
  width = 640,
): Chart {
  let at = 0;
  const rows = steps.map((s) => {
    const row = {
      label: s.label,
      y1: at,
      y2: at + s.value,
      value: s.value,
      kind: s.value <= 0 ? "down" : "up",
    };
    at += s.value;
    return row;
  });
  rows.push({ label: "Total", y1: 0, y2: total, value: total, kind: "total" });
  return {
    id,
    title,
    options: {
      width,
      height: 320,
      marginLeft: 70,
      marginBottom: 60,
      x: { label: null, domain: rows.map((r) => r.label), tickRotate: rows.length > 4 ? -20 : 0 },
      y: { label: null, tickFormat: format, grid: true },
      color: { domain: ["down", "up", "total"], range: ["#009E73", "#D55E00", "#0072B2"] },
      marks: [
        Plot.barY(rows, { x: "label", y1: "y1", y2: "y2", fill: "kind", tip: true }),
        Plot.ruleY([0]),
        Plot.text(rows, {
          x: "label",
          y: "y2",
          text: (d: { value: number }) => format(d.value),
          dy: -8,
          fontSize: 11,
        }),
      ],
    },
    alt:
      steps.map((s) =>
        `${s.label}: ${format(s.value)}${
          s.low !== undefined ? ` (${format(s.low)} to ${format(s.high!)})` : ""
        }`
      ).join("; ") +
      `; total ${format(total)}.`,
    table: [
      ["Step", "Contribution", "Low", "High"],
      ...steps.map((
        s,
      ) => [
        s.label,
        format(s.value),
        s.low === undefined ? "" : format(s.low),
        s.high === undefined ? "" : format(s.high),
      ]),
      ["Total", format(total), "", ""],
    ],
  };
}
