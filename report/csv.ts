/**
 * summary.csv: one row per scenario × measure × year × kind (level, or difference from the
 * baseline; and, per intervention, its contribution at the horizon), with mean, sd, Monte Carlo standard error, median, interval and, for differences,
 * the probability of being below zero. Plain CSV that Excel and R read as is.
 */
// @ts-types="npm:@types/d3-dsv@3.0.7"
import { csvFormatRows } from "d3-dsv";
import type { ScenarioDecomposition } from "../sim/shapley.ts";
import type { Results, SeriesSummary } from "../sim/summary.ts";

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

export function summaryCsv(results: Results, decompositions: ScenarioDecomposition[] = []): string {
  const rows: string[][] = [SUMMARY_COLUMNS];
  for (const scenario of results.scenarios) {
    const tables: [string, Record<string, SeriesSummary> | null][] = [
      ["level", scenario.levels],
      ["difference", scenario.deltas],
    ];
    for (const [kind, table] of tables) {
      if (!table) continue;
      for (const [measure, s] of Object.entries(table)) {
        results.years.forEach((year, y) => {
          rows.push([
            scenario.name,
            "",
            kind,
            measure,
            String(year),
            cell(s.mean[y]),
            cell(s.sd[y]),
            cell(s.mcse[y]),
            cell(s.median?.[y]),
            cell(s.low?.[y]),
            cell(s.high?.[y]),
            cell(s.pNegative?.[y]),
          ]);
        });
      }
    }
  }
  // Area means (areas carry means only).
  for (const scenario of results.scenarios) {
    const tables: [string, Record<string, number[]> | null][] = [["level", scenario.areas], [
      "difference",
      scenario.areaDeltas,
    ]];
    for (const [kind, table] of tables) {
      for (const [measure, means] of Object.entries(table ?? {})) {
        results.years.forEach((year, y) =>
          rows.push([
            scenario.name,
            "",
            kind,
            measure,
            String(year),
            cell(means[y]),
            "",
            "",
            "",
            "",
            "",
            "",
          ])
        );
      }
    }
  }
  // Contributions of each intervention to the change at the horizon (Shapley values).
  for (const d of decompositions) {
    for (const iv of d.interventions) {
      for (const [measure, c] of Object.entries(iv.contributions)) {
        rows.push([
          d.scenario,
          iv.id,
          "contribution",
          measure,
          String(results.horizonYears),
          cell(c.mean),
          cell(c.sd),
          cell(c.mcse),
          "",
          cell(c.low),
          cell(c.high),
          cell(c.pNegative),
        ]);
      }
    }
  }
  return csvFormatRows(rows) + "\n";
}
