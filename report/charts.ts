/**
 * Chart definitions (Observable Plot options) built from results. The same functions serve the
 * HTML report (rendered to SVG on the server with a linkedom document) and the workbench
 * islands (rendered in the browser). Each chart comes with a plain-text alternative.
 * Colours: Okabe–Ito, safe for colour-blind readers.
 */
import * as Plot from "@observablehq/plot";
import type { Results } from "../sim/summary.ts";
import { ACTIVITIES, ACTIVITY_LABELS, QUINTILES, SECTOR_LABELS, SECTORS } from "../sim/types.ts";
import { count, money, moneyChange, number, percent } from "./format.ts";

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

const scenarioColour = (r: Results) => ({
  domain: r.scenarios.map((s) => s.name),
  range: PALETTE.slice(0, r.scenarios.length),
  legend: true,
});

const moneyTick = (d: number) => money(d);

/** Total cost (service + intervention) per year, with the percentile band: a fan chart. */
export function costFanChart(r: Results, width = 640): Chart {
  const rows = r.scenarios.flatMap((s) =>
    r.years.map((y) => ({
      scenario: s.name,
      year: y,
      mean: s.absolute["cost.total"].mean[y],
      low: s.absolute["cost.total"].low?.[y] ?? s.absolute["cost.total"].mean[y],
      high: s.absolute["cost.total"].high?.[y] ?? s.absolute["cost.total"].mean[y],
    }))
  );
  return {
    id: "cost-fan",
    title: "Total cost per year",
    options: {
      width,
      height: 320,
      marginLeft: 70,
      x: { label: "Year", tickFormat: "d" },
      y: { label: "Cost per year", tickFormat: moneyTick, grid: true },
      color: scenarioColour(r),
      marks: [
        Plot.areaY(rows, { x: "year", y1: "low", y2: "high", fill: "scenario", fillOpacity: 0.15 }),
        Plot.lineY(rows, { x: "year", y: "mean", stroke: "scenario", strokeWidth: 2 }),
        Plot.dot(rows, { x: "year", y: "mean", fill: "scenario", r: 2.5, tip: true }),
      ],
    },
    alt:
      `Total cost per year, year 0 to ${r.horizonYears}, mean and ${
        Math.round(r.interval * 100)
      }% band. ` +
      r.scenarios.map((s) =>
        `${s.name}: ${
          money(s.absolute["cost.total"].mean[r.horizonYears])
        } in year ${r.horizonYears}`
      ).join("; ") + ".",
    table: [
      ["Scenario", "Year", "Mean", "Low", "High"],
      ...rows.map((d) => [d.scenario, String(d.year), money(d.mean), money(d.low), money(d.high)]),
    ],
  };
}

/** Cumulative distribution (S-curve) of discounted net cost over the horizon. */
export function netCostCurve(r: Results, width = 640): Chart {
  const rows = r.scenarios.filter((s) => s.distributions).flatMap((s) =>
    s.distributions!["discounted.cost.total"].map((v, k) => ({
      scenario: s.name,
      value: v,
      p: k / 100,
    }))
  );
  return {
    id: "net-cost",
    title: "Net cost over the horizon: chance of each outcome",
    options: {
      width,
      height: 300,
      marginLeft: 50,
      x: {
        label: "Net cost (discounted, negative saves money)",
        tickFormat: moneyTick,
        grid: true,
      },
      y: { label: "Probability net cost is at most x", tickFormat: "%", domain: [0, 1] },
      color: scenarioColour(r),
      marks: [
        Plot.ruleX([0], { stroke: "#888" }),
        Plot.line(rows, { x: "value", y: "p", stroke: "scenario", strokeWidth: 2 }),
      ],
    },
    alt:
      r.scenarios.filter((s) => s.deltas).map((s) =>
        `${s.name}: probability of saving money ${
          percent(s.deltas!["discounted.cost.total"].pNegative![r.horizonYears])
        }, median net cost ${
          moneyChange(s.deltas!["discounted.cost.total"].median?.[r.horizonYears] ?? NaN)
        }`
      ).join("; ") + ".",
    table: [
      ["Scenario", "Probability of saving", "Median net cost", "Mean net cost"],
      ...r.scenarios.filter((s) => s.deltas).map((s) => {
        const d = s.deltas!["discounted.cost.total"];
        return [
          s.name,
          percent(d.pNegative![r.horizonYears]),
          moneyChange(d.median?.[r.horizonYears] ?? NaN),
          moneyChange(d.mean[r.horizonYears]),
        ];
      }),
    ],
  };
}

/** Each activity type over time: percentage change from the baseline (small multiples). */
export function activityChart(r: Results, width = 640): Chart {
  const base = r.scenarios.find((s) => s.deltas === null)!;
  const rows = r.scenarios.filter((s) => s.deltas).flatMap((s) =>
    ACTIVITIES.flatMap((a) =>
      r.years.map((y) => ({
        scenario: s.name,
        activity: ACTIVITY_LABELS[a],
        year: y,
        value: s.deltas![`activity.${a}`].mean[y] / base.absolute[`activity.${a}`].mean[y],
        change: s.deltas![`activity.${a}`].mean[y],
      }))
    )
  );
  return {
    id: "activity",
    title: "Activity by type: change from the baseline each year",
    options: {
      width,
      height: 480,
      marginLeft: 60,
      marginRight: 170,
      x: { label: "Year", tickFormat: "d" },
      y: { label: "Change from baseline", tickFormat: "+.1%", grid: true },
      fy: { label: null },
      color: { ...scenarioColour(r), domain: r.scenarios.map((s) => s.name) },
      marks: [
        Plot.ruleY([0], { stroke: "#888" }),
        Plot.lineY(rows, {
          x: "year",
          y: "value",
          stroke: "scenario",
          fy: "activity",
          strokeWidth: 2,
        }),
        Plot.dot(rows, {
          x: "year",
          y: "value",
          fill: "scenario",
          fy: "activity",
          r: 2,
          tip: true,
        }),
      ],
    },
    alt: r.scenarios.filter((s) => s.deltas).map((s) =>
      `${s.name}, year ${r.horizonYears}: ` +
      ACTIVITIES.map((a) =>
        `${ACTIVITY_LABELS[a]} ${count(s.deltas![`activity.${a}`].mean[r.horizonYears])}`
      ).join(", ")
    ).join(". ") + ".",
    table: [
      ["Scenario", "Activity", ...r.years.map(String)],
      ...r.scenarios.flatMap((s) =>
        ACTIVITIES.map((
          a,
        ) => [s.name, ACTIVITY_LABELS[a], ...s.absolute[`activity.${a}`].mean.map(count)])
      ),
    ],
  };
}

/** Change in cost by sector over the horizon, and the intervention cost: who pays, who saves. */
export function sectorChart(r: Results, width = 640): Chart {
  const H = r.horizonYears;
  const rows = r.scenarios.filter((s) => s.deltas).flatMap((s) => [
    ...SECTORS.map((k) => ({
      scenario: s.name,
      sector: SECTOR_LABELS[k],
      value: s.deltas![`discounted.cost.${k}`].mean[H],
    })),
    {
      scenario: s.name,
      sector: "Intervention",
      value: s.absolute["discounted.cost.intervention"].mean[H],
    },
  ]);
  return {
    id: "sectors",
    title: "Who pays and who saves (discounted, over the horizon)",
    options: {
      width,
      height: 60 + 28 * rows.length,
      marginLeft: 140,
      marginRight: 200,
      x: { label: "Change in cost (negative: saving)", tickFormat: moneyTick, grid: true },
      y: { label: null },
      fy: { label: null, tickFormat: (d: string) => (d.length > 30 ? `${d.slice(0, 29)}…` : d) },
      marks: [
        Plot.barX(rows, {
          x: "value",
          y: "sector",
          fy: "scenario",
          fill: (d: { value: number }) => (d.value < 0 ? "#009E73" : "#D55E00"),
        }),
        Plot.ruleX([0]),
      ],
    },
    alt:
      r.scenarios.filter((s) => s.deltas).map((s) =>
        `${s.name}: intervention costs ${
          money(s.absolute["discounted.cost.intervention"].mean[H])
        }; ` +
        SECTORS.map((k) =>
          `${SECTOR_LABELS[k]} ${moneyChange(s.deltas![`discounted.cost.${k}`].mean[H])}`
        ).join(", ")
      ).join(". ") + ".",
    table: [
      ["Scenario", "Sector", "Change"],
      ...rows.map((d) => [d.scenario, d.sector, moneyChange(d.value)]),
    ],
  };
}

/** Non-elective admission rates by deprivation quintile in the final year, with intervals. */
export function inequalityChart(r: Results, width = 640): Chart {
  const H = r.horizonYears;
  const rows = r.scenarios.flatMap((s) =>
    QUINTILES.map((q) => {
      const k = s.absolute[`rate.nonElective.q${q}`];
      return {
        scenario: s.name,
        quintile: `Q${q}${q === 1 ? " most deprived" : q === 5 ? " least" : ""}`,
        mean: k.mean[H],
        low: k.low?.[H] ?? k.mean[H],
        high: k.high?.[H] ?? k.mean[H],
      };
    })
  );
  return {
    id: "inequality",
    title: `Non-elective admissions per 1,000 by deprivation quintile, year ${H}`,
    options: {
      width,
      height: 320,
      marginLeft: 60,
      marginBottom: 50,
      x: { axis: null, domain: r.scenarios.map((s) => s.name) },
      fx: { label: null, domain: [...new Set(rows.map((d) => d.quintile))] },
      y: { label: "Admissions per 1,000", grid: true },
      color: scenarioColour(r),
      marks: [
        Plot.ruleX(rows, {
          fx: "quintile",
          x: "scenario",
          y1: "low",
          y2: "high",
          stroke: "scenario",
          strokeWidth: 2,
        }),
        Plot.dot(rows, {
          fx: "quintile",
          x: "scenario",
          y: "mean",
          fill: "scenario",
          r: 4,
          tip: true,
        }),
      ],
    },
    alt:
      r.scenarios.map((s) =>
        `${s.name}: SII ${number(s.absolute["sii.nonElective"].mean[H])} (${
          number(s.absolute["sii.nonElective"].low?.[H] ?? NaN)
        } to ${number(s.absolute["sii.nonElective"].high?.[H] ?? NaN)}), RII ${
          number(s.absolute["rii.nonElective"].mean[H])
        }`
      ).join("; ") + ".",
    table: [
      ["Scenario", "Quintile", "Rate per 1,000", "Low", "High"],
      ...rows.map((d) => [d.scenario, d.quintile, number(d.mean), number(d.low), number(d.high)]),
    ],
  };
}

export function reportCharts(r: Results, width = 640): Chart[] {
  const compared = r.scenarios.some((s) => s.deltas);
  return [
    costFanChart(r, width),
    ...(compared ? [netCostCurve(r, width), sectorChart(r, width), activityChart(r, width)] : []),
    inequalityChart(r, width),
  ];
}

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

export interface PlanePoint {
  rule: string;
  saving: number;
  siiChange: number;
}

/** The equity–efficiency plane: net saving against change in the SII, one point per targeting rule. */
export function equityEfficiencyChart(points: PlanePoint[], width = 640): Chart {
  return {
    id: "equity-efficiency",
    title: "Equity–efficiency plane: targeting rules for the same capacity",
    options: {
      width,
      height: 320,
      marginLeft: 60,
      x: { label: "Net saving over the horizon (discounted) →", tickFormat: moneyTick, grid: true },
      y: { label: "↑ Change in SII, admissions per 1,000 (up: narrower)", grid: true },
      marks: [
        Plot.ruleX([0], { stroke: "#888" }),
        Plot.ruleY([0], { stroke: "#888" }),
        Plot.dot(points, { x: "saving", y: "siiChange", r: 6, fill: "#0072B2", tip: true }),
        Plot.text(points, {
          x: "saving",
          y: "siiChange",
          text: "rule",
          dx: 10,
          textAnchor: "start",
          fontSize: 12,
        }),
      ],
    },
    alt: points.map((p) => `${p.rule}: saves ${money(p.saving)}, SII change ${number(p.siiChange)}`)
      .join("; ") + ".",
    table: [
      ["Targeting", "Net saving", "SII change"],
      ...points.map((p) => [p.rule, money(p.saving), number(p.siiChange)]),
    ],
  };
}

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
