/**
 * summary.csv rows of the budgets (studies with providers; sim/budgets/): same columns as every
 * other row. Measures:
 *   budget.<cohort>.population                        people at the start of the year (mean)
 *   budget.<cohort>.<provider|total>.costPerPerson    £ per person in the year; kind absolute
 *                                                     (the scenario's) or difference (− baseline)
 *   capitation.budget | .cost | .variance | .cumulativeVariance   £ (variance: cost − budget)
 *   capitation.pOverspend | .pCumulativeOverspend     share of iterations over budget
 *   capitation.area.<area>.budget | .index | .pOverspend         weighted capitation (year 1)
 *   agreement.<id>.<party|system>.position            kind difference, at the horizon: the net
 *                                                     gain (p_negative = P(loss))
 *   agreement.<id>.<party>.alignment                  share of iterations with the system's sign
 *   agreement.<id>.transfer | .outcomePayment         mean £ (transfer: providers → commissioner)
 */
import type { BudgetResults, YearSummary } from "../sim/budgets/summarise.ts";
import type { Results } from "../sim/summary.ts";

type Row = (
  scenario: string,
  kind: string,
  measure: string,
  year: number,
  stats: (number | undefined)[],
) => void;

/** Stats in column order: mean, sd, mcse, median, low, high, p_negative. */
function series(add: Row, scenario: string, kind: string, measure: string, s: YearSummary) {
  s.mean.forEach((mean, y) =>
    add(scenario, kind, measure, y, [
      mean,
      undefined,
      undefined,
      undefined,
      s.low[y],
      s.high[y],
      s.pNegative?.[y],
    ])
  );
}

/** Every budget row of `results` (none without budgets). */
export function budgetRows(results: Results, add: Row): void {
  const b: BudgetResults | undefined = results.budgets;
  if (!b) return;
  const horizon = results.horizonYears;
  for (const c of b.cohorts) {
    for (const s of c.scenarios) {
      s.population.forEach((p, y) =>
        add(s.name, "absolute", `budget.${c.cohort.id}.population`, y, [p])
      );
      for (const [id, summary] of Object.entries(s.perPerson)) {
        series(add, s.name, "absolute", `budget.${c.cohort.id}.${id}.costPerPerson`, summary);
      }
      for (const [id, summary] of Object.entries(s.difference ?? {})) {
        series(add, s.name, "difference", `budget.${c.cohort.id}.${id}.costPerPerson`, summary);
      }
    }
  }
  if (b.capitation) {
    for (const s of b.capitation.scenarios) {
      series(add, s.name, "absolute", "capitation.budget", s.budget);
      series(add, s.name, "absolute", "capitation.cost", s.cost);
      series(add, s.name, "absolute", "capitation.variance", s.variance);
      series(add, s.name, "absolute", "capitation.cumulativeVariance", s.cumulativeVariance);
      s.pOverspend.forEach((p, y) => add(s.name, "absolute", "capitation.pOverspend", y, [p]));
      s.pCumulativeOverspend.forEach((p, y) =>
        add(s.name, "absolute", "capitation.pCumulativeOverspend", y, [p])
      );
    }
    for (const a of b.capitation.areas) {
      const first = b.capitation.scenarios[0]?.name ?? "";
      add(first, "absolute", `capitation.area.${a.id}.budget`, 1, [a.budget]);
      add(first, "absolute", `capitation.area.${a.id}.index`, 1, [a.index]);
      for (const [scenario, p] of Object.entries(a.pOverspend)) {
        add(scenario, "absolute", `capitation.area.${a.id}.pOverspend`, horizon, [p]);
      }
    }
  }
  for (const a of b.agreements) {
    for (const s of a.scenarios) {
      for (const [party, d] of Object.entries(s.positions)) {
        add(s.name, "difference", `agreement.${a.id}.${party}.position`, horizon, [
          d.mean,
          undefined,
          undefined,
          undefined,
          d.low,
          d.high,
          d.pNegative,
        ]);
      }
      for (const [party, share] of Object.entries(s.alignment)) {
        add(s.name, "difference", `agreement.${a.id}.${party}.alignment`, horizon, [share]);
      }
      add(s.name, "difference", `agreement.${a.id}.transfer`, horizon, [s.transfer]);
      add(s.name, "difference", `agreement.${a.id}.outcomePayment`, horizon, [s.outcomePayment]);
    }
  }
}
