/**
 * summary.csv: one row per scenario × measure × year × kind ("absolute": the scenario's own
 * value; "difference": from the baseline; "contribution": an intervention's share of a
 * difference at the horizon), with mean, sd, Monte Carlo standard error, median, interval and,
 * for differences, the probability of being below zero. Plain CSV that Excel and R read as is.
 */
// @ts-types="npm:@types/d3-dsv@3.0.7"
import { csvFormatRows } from "d3-dsv";
import type { ScenarioDecomposition } from "../sim/shapley.ts";
import type { Results, SeriesSummary } from "../sim/summary.ts";
import { budgetRows } from "./budgets-csv.ts";

export const SUMMARY_COLUMNS = [
  "scenario",
  "intervention",
  "kind",
  "measure",
  "year",
  "mean",
  "sd",
  "mcse",
  "median",
  "low",
  "high",
  "p_negative",
];

const cell = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? "" : String(v));

/** One CSV row; `stats` are mean, sd, mcse, median, low, high, p_negative (blank where absent). */
function row(
  scenario: string,
  intervention: string,
  kind: string,
  measure: string,
  year: number,
  stats: (number | undefined)[],
): string[] {
  const cells = Array.from({ length: SUMMARY_COLUMNS.length - 5 }, (_, i) => cell(stats[i]));
  return [scenario, intervention, kind, measure, String(year), ...cells];
}

export function summaryCsv(results: Results, decompositions: ScenarioDecomposition[] = []): string {
  const rows: string[][] = [SUMMARY_COLUMNS];
  for (const scenario of results.scenarios) {
    const tables: [string, Record<string, SeriesSummary> | null][] = [
      ["absolute", scenario.absolute],
      ["difference", scenario.deltas],
    ];
    for (const [kind, table] of tables) {
      for (const [measure, s] of Object.entries(table ?? {})) {
        results.years.forEach((year, y) =>
          rows.push(row(scenario.name, "", kind, measure, year, [
            s.mean[y],
            s.sd?.[y],
            s.mcse?.[y],
            s.median?.[y],
            s.low?.[y],
            s.high?.[y],
            s.pNegative?.[y],
          ]))
        );
      }
    }
    // Area means (areas carry means only).
    const areaTables: [string, Record<string, number[]> | null][] = [
      ["absolute", scenario.areas],
      ["difference", scenario.areaDeltas],
    ];
    for (const [kind, table] of areaTables) {
      for (const [measure, means] of Object.entries(table ?? {})) {
        results.years.forEach((year, y) =>
          rows.push(row(scenario.name, "", kind, measure, year, [means[y]]))
        );
      }
    }
  }
  // Contributions of each intervention to the change at the horizon (Shapley values).
  for (const d of decompositions) {
    for (const iv of d.interventions) {
      for (const [measure, c] of Object.entries(iv.contributions)) {
        rows.push(
          row(d.scenario, iv.id, "contribution", measure, results.horizonYears, [
            c.mean,
            c.sd,
            c.mcse,
            undefined,
            c.low,
            c.high,
            c.pNegative,
          ]),
        );
      }
    }
  }
  budgetRows(
    results,
    (scenario, kind, measure, year, stats) =>
      rows.push(row(scenario, "", kind, measure, year, stats)),
  );
  return csvFormatRows(rows) + "\n";
}
