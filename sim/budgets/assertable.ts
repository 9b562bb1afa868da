/**
 * Budget measures an assertion may name, and their values in each iteration:
 *   agreement.<agreement>.<party>.position   a party's net position over the horizon (a gain
 *                                            above 0; already scenario − baseline)
 *   capitation.variance                      cost − budget in the year (above 0: overspend)
 *   capitation.cumulativeVariance            the same over years 1..y
 *   budget.<cohort>.<provider|total>.costPerPerson   £ per person in the year
 * e.g. `{"measure": "agreement.collaborative.acute.position", "above": 0, "probability": 0.8}`
 * holds when P(acute trust loses) ≤ 0.2.
 */
import { baselineIndex } from "../model.ts";
import type { BlockResult } from "../run.ts";
import {
  agreementPositions,
  budgetAndCost,
  type BudgetPlan,
  CohortCosts,
  naturalPositions,
  Outcomes,
  recordOf,
} from "./evaluate.ts";
import { COMMISSIONER } from "./types.ts";

/** Every budget measure key of a plan. */
export function budgetMeasureKeys(plan: BudgetPlan | null): string[] {
  if (!plan) return [];
  const b = plan.budgets;
  const providers = b.providers.providers.map((p) => p.id);
  return [
    ...b.agreements.flatMap((a) =>
      [COMMISSIONER, ...providers, "system"].map((p) => `agreement.${a.id}.${p}.position`)
    ),
    ...(b.capitation ? ["capitation.variance", "capitation.cumulativeVariance"] : []),
    ...plan.cohorts.flatMap((c) =>
      [...providers, "total"].map((p) => `budget.${c.id}.${p}.costPerPerson`)
    ),
  ];
}

/** Whether a key is a position (a difference already: the baseline's is 0). */
export function isPosition(key: string): boolean {
  return key.startsWith("agreement.");
}

/**
 * The value of budget measure `key` in `year` of scenario `sc`, iteration by iteration (for an
 * agreement, the position over the horizon whatever the year).
 */
export function budgetValues(
  plan: BudgetPlan,
  run: BlockResult,
  sc: number,
  key: string,
  year: number,
): Float64Array {
  const { model } = plan;
  const n = run.count;
  const out = new Float64Array(n);
  const P = plan.shares.providers;
  const ids = plan.budgets.providers.providers.map((p) => p.id);
  const base = baselineIndex(model);
  const parts = key.split(".");
  if (parts[0] === "agreement") {
    const k = plan.budgets.agreements.findIndex((a) => a.id === parts[1]);
    const party = parts[2];
    if (sc === base) return out;
    const natural = new Float64Array(P + 1);
    const into = new Float64Array(P + 1);
    const outcomes = new Outcomes(plan);
    const needInequality = plan.budgets.agreements[k].outcomePayment?.withheldIfInequalityWidens ??
      false;
    for (let i = 0; i < n; i++) {
      const s = recordOf(model, run.records, sc, i);
      const b = recordOf(model, run.records, base, i);
      naturalPositions(plan, s, b, natural);
      agreementPositions(plan, k, natural, outcomes.facts(s, b, needInequality), into);
      if (party === "system") out[i] = into.reduce((t, v) => t + v, 0);
      else out[i] = into[party === COMMISSIONER ? 0 : 1 + ids.indexOf(party)];
    }
    return out;
  }
  if (parts[0] === "capitation") {
    const Y = plan.years;
    const budget = new Float64Array(Y);
    const cost = new Float64Array(Y);
    for (let i = 0; i < n; i++) {
      budgetAndCost(plan, recordOf(model, run.records, sc, i), null, budget, cost);
      if (parts[1] === "variance") out[i] = cost[year] - budget[year];
      else {
        for (let y = 1; y <= year; y++) out[i] += cost[y] - budget[y];
      }
    }
    return out;
  }
  // budget.<cohort>.<provider>.costPerPerson: a cohort id may hold dots (an area's id).
  const middle = key.slice("budget.".length, -".costPerPerson".length);
  const cut = middle.lastIndexOf(".");
  const provider = middle.slice(cut + 1);
  const costs = new CohortCosts(plan);
  const row = new Float64Array(costs.width);
  const c = plan.cohorts.findIndex((x) => x.id === middle.slice(0, cut));
  const p = provider === "total" ? P : ids.indexOf(provider);
  const at = (c * (P + 2) + p) * plan.years + year;
  for (let i = 0; i < n; i++) {
    costs.perPerson(recordOf(model, run.records, sc, i), row);
    out[i] = row[at];
  }
  return out;
}
