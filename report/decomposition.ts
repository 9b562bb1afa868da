/** Contributions of each intervention (Shapley) as table rows, text and waterfall charts. */
import { commonMeasure, DECOMPOSED_MEASURES, type DecomposedMeasure } from "../sim/measures.ts";
import type { ScenarioDecomposition } from "../sim/shapley.ts";
import type { Chart } from "./charts/chart.ts";
import { waterfallChart } from "./charts/waterfall.ts";
import { count, countChange, money, moneyChange, number, numberChange, percent } from "./format.ts";

export interface ContributionRow {
  intervention: string;
  ownCost: string;
  netCost: string;
  netCostInterval: string;
  pSaving: string;
  roi: string;
  admissions: string;
  sii: string;
  flag: string;
}

export function contributionRows(d: ScenarioDecomposition): ContributionRow[] {
  return d.interventions.map((iv) => {
    const net = iv.contributions["discounted.cost.total"];
    return {
      intervention: iv.name,
      ownCost: money(iv.ownCost.mean),
      netCost: moneyChange(net.mean),
      netCostInterval: `${moneyChange(net.low)} to ${moneyChange(net.high)}`,
      pSaving: percent(net.pNegative),
      roi: iv.returnOnInvestment === null ? "–" : number(iv.returnOnInvestment),
      admissions: countChange(iv.contributions["cumulative.activity.nonElective"].mean),
      sii: numberChange(iv.contributions["sii.nonElective"].mean),
      flag: iv.flagged ? "adds cost: its net-cost interval is wholly above £0" : "",
    };
  });
}

export const CONTRIBUTION_HEADERS = [
  "Intervention",
  "Own cost",
  "Contribution to net cost",
  "Interval",
  "P(saves)",
  "ROI",
  "Admissions",
  "SII",
  "Flag",
];

export function contributionText(d: ScenarioDecomposition): string {
  const rows = contributionRows(d).map((
    r,
  ) => [
    r.intervention,
    r.ownCost,
    r.netCost,
    r.netCostInterval,
    r.pSaving,
    r.roi,
    r.admissions,
    r.sii,
    r.flag,
  ]);
  const all = [CONTRIBUTION_HEADERS, ...rows];
  const widths = CONTRIBUTION_HEADERS.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r.map((x, i) => (i === 0 || i === 8 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  ")
      .trimEnd();
  const method = d.method === "exact"
    ? "exact Shapley values"
    : `Shapley values estimated from ${d.permutations} permutations per iteration`;
  return [
    `${d.scenario}: ${method}; contributions add up to the total (largest residual ${
      d.maxResidual.toExponential(1)
    }).`,
    `Total change: net cost ${
      moneyChange(d.total["discounted.cost.total"])
    }, non-elective admissions ${countChange(d.total["cumulative.activity.nonElective"])}.`,
    line(all[0]),
    ...rows.map(line),
  ].join("\n");
}

/** Labels of the decomposed outcomes (changes against the baseline), for choosing a waterfall. */
export const OUTCOME_LABELS = Object.fromEntries(
  DECOMPOSED_MEASURES.map((key) => {
    const m = commonMeasure(key)!;
    return [key, m.differenceLabel ?? m.label];
  }),
) as Record<DecomposedMeasure, string>;

/** A waterfall of one decomposed outcome, from the baseline through each intervention. */
export function waterfall(d: ScenarioDecomposition, key: DecomposedMeasure, width = 640): Chart {
  const steps = d.interventions.map((iv) => ({
    label: iv.name,
    value: iv.contributions[key].mean,
    low: iv.contributions[key].low,
    high: iv.contributions[key].high,
  }));
  const format = key.includes("cost")
    ? moneyChange
    : key.startsWith("cumulative")
    ? (v: number) => (v > 0 ? `+${count(v)}` : count(v))
    : numberChange;
  return waterfallChart(
    `waterfall-${key}-${d.scenario}`,
    `${d.scenario}: ${OUTCOME_LABELS[key]} by intervention`,
    steps,
    d.total[key],
    format,
    width,
  );
}

/** The report's waterfalls: net cost and non-elective admissions. */
export function waterfalls(d: ScenarioDecomposition, width = 640): Chart[] {
  return [
    waterfall(d, "discounted.cost.total", width),
    waterfall(d, "cumulative.activity.nonElective", width),
  ];
}
