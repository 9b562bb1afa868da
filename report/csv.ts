/**
 * summary.csv: one row per scenario × measure × year × kind (level, or difference from the
 * baseline), with mean, sd, Monte Carlo standard error, median, interval and, for differences,
 * the probability of being below zero. Plain CSV that Excel and R read as is.
 */
// @ts-types="npm:@types/d3-dsv@3.0.7"
import { csvFormatRows } from "d3-dsv";
import type { Results, SeriesSummary } from "../sim/summary.ts";

export const SUMMARY_COLUMNS = [
  "scenario",
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

export function summaryCsv(results: Results): string {
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
  return csvFormatRows(rows) + "\n";
}
