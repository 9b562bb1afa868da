/** A waterfall from the baseline through each step to a total, drawn across so labels fit. */
import * as Plot from "@observablehq/plot";
import { type Chart, COSTS_COLOUR, SAVES_COLOUR } from "./chart.ts";

export interface WaterfallStep {
  label: string;
  value: number;
  low?: number;
  high?: number;
}

const DOWN = "Lowers it (negative)";
const UP = "Raises it (positive)";
const TOTAL = "Total change";

/**
 * A waterfall from the baseline (0) through each intervention's contribution to the scenario's
 * total change: one row per step, each bar starting where the last ended; the last row is the
 * total. Drawn horizontally so that full intervention names fit beside their bars.
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
      x1: at,
      x2: at + s.value,
      value: s.value,
      kind: s.value <= 0 ? DOWN : UP,
    };
    at += s.value;
    return row;
  });
  rows.push({ label: "Total", x1: 0, x2: total, value: total, kind: TOTAL });
  const ends = rows.flatMap((r) => [r.x1, r.x2]);
  const lo = Math.min(0, ...ends);
  const hi = Math.max(0, ...ends);
  const pad = (hi - lo) * 0.25 || 1;
  return {
    id,
    title,
    options: {
      width,
      height: 70 + 44 * rows.length,
      marginLeft: 200,
      marginRight: 20,
      x: { label: null, tickFormat: format, grid: true, domain: [lo - pad, hi + pad], ticks: 5 },
      y: { label: null, domain: rows.map((r) => r.label), tickSize: 0 },
      color: {
        type: "ordinal",
        domain: [DOWN, UP, TOTAL],
        range: [SAVES_COLOUR, COSTS_COLOUR, "#0072B2"],
        legend: true,
      },
      marks: [
        Plot.axisY({ lineWidth: 17, tickSize: 0, label: null }),
        Plot.barX(rows, {
          x1: "x1",
          x2: "x2",
          y: "label",
          fill: "kind",
          insetTop: 6,
          insetBottom: 6,
          channels: { Contribution: "value" },
          tip: { format: { x1: false, x2: false, fill: false, Contribution: format } },
        }),
        Plot.ruleX([0]),
        // Each value beside its bar's far end: right of a rise, left of a fall.
        Plot.text(rows.filter((d) => d.value >= 0), {
          x: "x2",
          y: "label",
          text: (d: { value: number }) => format(d.value),
          textAnchor: "start",
          dx: 6,
          fontSize: 11,
        }),
        Plot.text(rows.filter((d) => d.value < 0), {
          x: "x2",
          y: "label",
          text: (d: { value: number }) => format(d.value),
          textAnchor: "end",
          dx: -6,
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
