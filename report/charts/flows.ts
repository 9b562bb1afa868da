/** Movement between complexity levels and deaths: one scenario's flows, and their change. */
import * as Plot from "@observablehq/plot";
import type { Results } from "../../sim/summary.ts";
import { count, countChange } from "../format.ts";
import { type Chart, COSTS_COLOUR, SAVES_COLOUR } from "./chart.ts";

const WORSE = "Moves to higher complexity";
const BETTER = "Moves to lower complexity";
const DIES = "Dies";
const KINDS = { domain: [WORSE, BETTER, DIES], range: [COSTS_COLOUR, SAVES_COLOUR, "#555555"] };

interface Flow {
  from: string;
  to: string;
  i: number;
  j: number;
  kind: string;
  people: number;
  change: number;
}

/** Mean people a year over years 1..H on each move of one scenario, and the change from the baseline. */
function flowsOf(
  r: Results,
  scenarioName: string,
): { flows: Flow[]; levels: string[]; name: string } {
  const s = r.scenarios.find((x) => x.name === scenarioName) ?? r.scenarios[0];
  const base = r.scenarios.find((x) => x.deltas === null)!;
  const levels = [...new Set(r.states.map((st) => st.complexity))];
  const H = r.horizonYears;
  const mean = (series: number[]) => series.slice(1).reduce((a, b) => a + b, 0) / Math.max(H, 1);
  const flows = levels.flatMap((from, i) =>
    [...levels, "death"].map((to, j) => {
      const key = `flow.${from}.${to}` as const;
      const people = mean(s.absolute[key].mean);
      return {
        from,
        to: to === "death" ? "died" : to,
        i,
        j,
        kind: to === "death" ? DIES : j > i ? WORSE : BETTER,
        people,
        change: people - mean(base.absolute[key].mean),
      };
    })
  );
  return { flows, levels, name: s.name };
}

/** Mean yearly movement between complexity levels and deaths (years 1..H), one scenario. */
export function flowChart(r: Results, scenarioName: string, width = 640): Chart {
  const { flows, levels, name } = flowsOf(r, scenarioName);
  const targets = [...levels, "died"];
  const moves = flows.filter((d) => d.from !== d.to && d.people > 0);
  const max = Math.max(1, ...moves.map((d) => d.people));
  return {
    id: "flows",
    title: `Movement between complexity levels each year (${name})`,
    options: {
      width,
      height: 340,
      marginTop: 30,
      marginLeft: 80,
      marginRight: 80,
      x: { axis: null, domain: [0, 1] },
      y: { axis: null, domain: [-0.5, targets.length - 0.5], reverse: true },
      color: { type: "ordinal", ...KINDS, legend: true },
      marks: [
        Plot.link(moves, {
          x1: 0,
          x2: 1,
          y1: "i",
          y2: "j",
          stroke: "kind",
          strokeWidth: (d: Flow) => 1 + 24 * d.people / max,
          strokeOpacity: 0.6,
          curve: "bump-x",
          title: (d: Flow) => `${d.from} → ${d.to}: ${count(d.people)} a year`,
        }),
        Plot.text(levels.map((l, i) => ({ l, i })), {
          x: 0,
          y: "i",
          text: "l",
          textAnchor: "end",
          dx: -8,
          fontSize: 13,
        }),
        Plot.text(targets.map((l, j) => ({ l, j })), {
          x: 1,
          y: "j",
          text: "l",
          textAnchor: "start",
          dx: 8,
          fontSize: 13,
        }),
        Plot.text(["From"], {
          x: 0,
          y: -0.5,
          text: (d: string) => d,
          dx: -8,
          dy: -6,
          fontWeight: "bold",
          fontSize: 12,
          textAnchor: "end",
        }),
        Plot.text(["To"], {
          x: 1,
          y: -0.5,
          text: (d: string) => d,
          dx: 8,
          dy: -6,
          fontWeight: "bold",
          fontSize: 12,
          textAnchor: "start",
        }),
      ],
    },
    alt: `Each year on average (${name}): ` +
      moves.map((d) =>
        `${count(d.people)} people ${
          d.to === "died" ? `at ${d.from} complexity die` : `move from ${d.from} to ${d.to}`
        } (${countChange(d.change)} against the baseline)`
      ).join("; ") + ".",
    table: [
      ["From", "To", "People a year", "Change (scenario − baseline)"],
      ...flows.map((d) => [d.from, d.to, count(d.people), countChange(d.change)]),
    ],
  };
}

/** The change in people a year on each move, scenario − baseline: the incremental view. */
export function flowChangeChart(r: Results, scenarioName: string, width = 640): Chart {
  const { flows, name } = flowsOf(r, scenarioName);
  const moves = flows.filter((d) => d.from !== d.to).map((d) => ({
    ...d,
    label: d.to === "died" ? `${d.from} → died` : `${d.from} → ${d.to}`,
  }));
  return {
    id: "flow-change",
    title: `Change in movement each year against the baseline (${name})`,
    options: {
      width,
      height: 60 + 26 * moves.length,
      marginLeft: 120,
      marginRight: 30,
      x: {
        label: "People a year, scenario − baseline",
        tickFormat: (d: number) => countChange(d),
        grid: true,
      },
      y: { label: null, domain: moves.map((d) => d.label) },
      color: { type: "ordinal", ...KINDS, legend: true },
      marks: [
        Plot.barX(moves, {
          x: "change",
          y: "label",
          fill: "kind",
          tip: { format: { x: (d: number) => countChange(d), fill: true } },
        }),
        Plot.ruleX([0], { stroke: "#000" }),
      ],
    },
    alt: `Change against the baseline, people a year (${name}): ` +
      moves.map((d) => `${d.label} ${countChange(d.change)}`).join("; ") + ".",
    table: [
      ["Move", "Change (scenario − baseline)"],
      ...moves.map((d) => [d.label, countChange(d.change)]),
    ],
  };
}
