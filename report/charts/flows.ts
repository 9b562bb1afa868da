/** Movement between complexity levels and deaths, one scenario. */
import * as Plot from "@observablehq/plot";
import type { Results } from "../../sim/summary.ts";
import { count } from "../format.ts";
import type { Chart } from "./chart.ts";

/** Mean yearly movement between complexity levels and deaths (years 1..H), one scenario. */
export function flowChart(r: Results, scenarioName: string, width = 640): Chart {
  const s = r.scenarios.find((x) => x.name === scenarioName) ?? r.scenarios[0];
  const levels = [...new Set(r.states.map((st) => st.complexity))];
  const targets = [...levels, "death"];
  const H = r.horizonYears;
  const mean = (key: `flow.${string}.${string}`) =>
    s.absolute[key].mean.slice(1).reduce((a, b) => a + b, 0) / Math.max(H, 1);
  const rows = levels.flatMap((from, i) =>
    targets.map((to, j) => ({
      from,
      to: to === "death" ? "died" : to,
      i,
      j,
      people: mean(`flow.${from}.${to}`),
    }))
  );
  const moves = rows.filter((d) => d.from !== d.to && d.people > 0);
  const max = Math.max(1, ...moves.map((d) => d.people));
  return {
    id: "flows",
    title: `Movement between complexity levels each year (${s.name})`,
    options: {
      width,
      height: 300,
      marginLeft: 80,
      marginRight: 80,
      x: { axis: null, domain: [0, 1] },
      y: { axis: null, domain: [-0.5, targets.length - 0.5], reverse: true },
      marks: [
        Plot.link(moves, {
          x1: 0,
          x2: 1,
          y1: "i",
          y2: "j",
          stroke: (
            d: { to: string },
          ) => (d.to === "died"
            ? "#555"
            : levels.indexOf(d.to) > levels.indexOf((d as unknown as { from: string }).from)
            ? "#D55E00"
            : "#009E73"),
          strokeWidth: (d: { people: number }) => 1 + 24 * d.people / max,
          strokeOpacity: 0.6,
          curve: "bump-x",
          title: (d: { from: string; to: string; people: number }) =>
            `${d.from} → ${d.to}: ${count(d.people)} a year`,
        }),
        Plot.text(levels.map((l, i) => ({ l, i })), {
          x: 0,
          y: "i",
          text: "l",
          textAnchor: "end",
          dx: -8,
          fontSize: 13,
        }),
        Plot.text(targets.map((l, j) => ({ l: l === "death" ? "died" : l, j })), {
          x: 1,
          y: "j",
          text: "l",
          textAnchor: "start",
          dx: 8,
          fontSize: 13,
        }),
      ],
    },
    alt: `Each year on average: ` +
      moves.map((d) =>
        `${count(d.people)} people ${
          d.to === "died" ? `at ${d.from} complexity die` : `move from ${d.from} to ${d.to}`
        }`
      ).join("; ") + ".",
    table: [["From", "To", "People a year"], ...rows.map((d) => [d.from, d.to, count(d.people)])],
  };
}
