/**
 * summary.csv: one row per scenario × measure × year × kind ("absolute": the scenario's own
 * value; "difference": from the baseline; "contribution": an intervention's share of a
 * difference at the horizon; "value": the value-for-money analysis, valueRows), with mean, sd,
 * Monte Carlo standard error, median, interval and, for differences, the probability of being
 * below zero. Plain CSV that Excel and R read as is.
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
  rows.push(...valueRows(results));
  return csvFormatRows(rows) + "\n";
}

/**
 * The value analysis as rows of kind "value" (year: the horizon unless the row is by year; the
 * scenario blank for study-wide rows):
 * - per scenario: `incremental.cost`, `incremental.qalys`, `incremental.lifeYears` (mean);
 *   `icer` (mean: the ratio, blank when dominant, dominated or no change) with
 *   `comparison.<dominant|dominated|tradeOffGain|tradeOffLoss|none>` = 1; `frontier.<ND|ED|D>`
 *   = 1 and, on the frontier, `frontier.icer`; `nmb.<k>` (mean, low, high) and
 *   `pCostEffective.<k>`; `payback.year` and `payback.probability`; `ceac.<k>` over the grid;
 *   `prcc.netCost.<parameter>`, `prcc.nmb.<k>.<parameter>`; `tornado.nmb.<k>.<parameter>.low`
 *   and `.high` (NMB with the parameter at that end; sd blank, median = the parameter's value);
 *   by year: `budget.payer.<payer>`, `budget.intervention`, `budget.cashReleasing`,
 *   `budget.capacityFreeing`, `budget.probabilityPaidBack`;
 * - study-wide: `evpi.population.<k>` and `evpi.perPerson.<k>` over the grid,
 *   `evppi.population.<k>.<group>` and `evppi.perPerson.<k>.<group>` (sd: its standard error where
 *   computed), `ceaf.<k>` in the row of the scenario best on average (mean: its probability).
 */
export function valueRows(results: Results): string[][] {
  const v = results.value;
  const H = results.horizonYears;
  const rows: string[][] = [];
  const put = (scenario: string, measure: string, stats: (number | undefined)[], year = H) =>
    rows.push(row(scenario, "", "value", measure, year, stats));
  const COMPARISON_KEYS = {
    dominant: "dominant",
    dominated: "dominated",
    "costs more, gains health": "tradeOffGain",
    "saves money, loses health": "tradeOffLoss",
    "no difference": "none",
  } as const;
  for (const s of results.scenarios) {
    const sv = s.value;
    if (!sv) continue;
    put(s.name, "incremental.cost", [sv.incrementalCost]);
    put(s.name, "incremental.qalys", [sv.incrementalQalys]);
    put(s.name, "incremental.lifeYears", [sv.incrementalLifeYears]);
    put(s.name, "icer", [sv.icer ?? undefined]);
    put(s.name, `comparison.${COMPARISON_KEYS[sv.comparison]}`, [1]);
    put(s.name, `frontier.${sv.frontier}`, [1]);
    const onFrontier = v.incremental.find((x) => x.name === s.name);
    if (onFrontier?.icer != null) put(s.name, "frontier.icer", [onFrontier.icer]);
    for (const t of sv.thresholds) {
      put(s.name, `nmb.${t.threshold}`, [
        t.nmb.mean,
        undefined,
        undefined,
        undefined,
        t.nmb.low,
        t.nmb.high,
      ]);
      put(s.name, `pCostEffective.${t.threshold}`, [t.pCostEffective ?? undefined]);
    }
    put(s.name, "payback.year", [sv.payback.year ?? undefined]);
    put(s.name, "payback.probability", [sv.payback.probability ?? undefined]);
    const ceac = v.acceptability?.scenarios.find((x) => x.name === s.name);
    v.acceptability?.thresholds.forEach((k, j) => put(s.name, `ceac.${k}`, [ceac!.probability[j]]));
    const prcc = v.prcc?.scenarios.find((x) => x.name === s.name);
    v.prcc?.parameters.forEach((p, j) => {
      put(s.name, `prcc.netCost.${p}`, [prcc!.netCost[j] ?? undefined]);
      put(s.name, `prcc.nmb.${v.prcc!.threshold}.${p}`, [prcc!.nmb[j] ?? undefined]);
    });
    const tornado = v.tornado?.scenarios.find((x) => x.name === s.name);
    for (const b of tornado?.bars ?? []) {
      const at = `tornado.nmb.${v.tornado!.threshold}.${b.parameter}`;
      put(s.name, `${at}.low`, [b.atLow.nmb, undefined, undefined, b.low]);
      put(s.name, `${at}.high`, [b.atHigh.nmb, undefined, undefined, b.high]);
    }
    const budget = v.budget.find((x) => x.name === s.name)!;
    results.years.forEach((y) => {
      for (const p of budget.byPayer) put(s.name, `budget.payer.${p.payer}`, [p.change[y]], y);
      put(s.name, "budget.intervention", [budget.intervention[y]], y);
      put(s.name, "budget.cashReleasing", [budget.cashReleasing[y]], y);
      put(s.name, "budget.capacityFreeing", [budget.capacityFreeing[y]], y);
      if (v.acceptability) {
        put(s.name, "budget.probabilityPaidBack", [budget.probabilityPaidBack[y]], y);
      }
    });
  }
  v.evpi?.thresholds.forEach((k, j) => {
    put("", `evpi.population.${k}`, [v.evpi!.population[j]]);
    put("", `evpi.perPerson.${k}`, [v.evpi!.perPerson[j]]);
  });
  for (const g of v.evppi?.groups ?? []) {
    v.evppi!.thresholds.forEach((k, j) => {
      put("", `evppi.population.${k}.${g.name}`, [g.evppi[j], g.se[j] ?? undefined]);
      put("", `evppi.perPerson.${k}.${g.name}`, [g.perPerson[j]]);
    });
  }
  v.acceptability?.thresholds.forEach((k, j) => {
    const f = v.acceptability!.frontier[j];
    put(f.scenario, `ceaf.${k}`, [f.probability]);
  });
  return rows;
}
