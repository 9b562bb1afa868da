/**
 * The budget view of a scenario against the baseline, year by year and undiscounted (as budget
 * impact analysis is; ISPOR task force, Sullivan et al., Value Health 2014): when it pays back,
 * the change in each payer's spending, and which changes release cash and which only free
 * capacity, per the study's activity flags (an assumption, docs/model.md register).
 */
import type { MeasureKey } from "../measures.ts";
import type { ScenarioResult } from "../summary.ts";
import { ACTIVITIES, type InterventionSpec, SECTORS } from "../types.ts";
import type { ValueSettings } from "./settings.ts";

export interface ScenarioBudget {
  name: string;
  /**
   * The first year whose mean cumulative net cost is at most 0 (null: not within the horizon),
   * and the probability that cumulative net cost is below 0 in that year.
   */
  payback: { year: number | null; probability: number | null };
  /** Per year 0..H: probability that cumulative net cost (years 1..y) is below 0. */
  probabilityPaidBack: number[];
  /** Per payer, per year 0..H: mean change in its spending (+ spends more). */
  byPayer: { payer: string; change: number[] }[];
  /** Per year 0..H: mean change in service cost that releases cash, and that frees capacity. */
  cashReleasing: number[];
  capacityFreeing: number[];
  /** Per year 0..H: mean intervention cost (cash spent). */
  intervention: number[];
  /** Sums over years 1..H of the three above. */
  totals: { cashReleasing: number; capacityFreeing: number; intervention: number };
}

/** Payer of interventions with none written. */
export const UNNAMED_PAYER = "Payer not named";

export function budgetView(
  years: number[],
  scenario: ScenarioResult,
  interventions: InterventionSpec[],
  settings: ValueSettings,
): ScenarioBudget {
  const d = scenario.deltas!;
  const Y = years.length;
  const mean = (key: MeasureKey) => d[key].mean;
  const cumulative = d["cumulative.cost.total"];
  const paybackYear = years.find((y) => y >= 1 && cumulative.mean[y] <= 0) ?? null;
  const probabilityPaidBack = years.map((y) => (y >= 1 ? cumulative.pNegative![y] : 0));
  const payers = new Map<string, number[]>();
  const add = (payer: string, values: number[]) => {
    const row = payers.get(payer) ?? new Array<number>(Y).fill(0);
    values.forEach((v, y) => (row[y] += v));
    payers.set(payer, row);
  };
  for (const sector of SECTORS) add(settings.sectorPayer[sector], mean(`cost.${sector}`));
  const byId = new Map(interventions.map((iv) => [iv.id, iv]));
  const interventionCost = new Array<number>(Y).fill(0);
  for (const id of scenario.interventions) {
    const cost = mean(`intervention.${id}.cost` as MeasureKey);
    add(byId.get(id)?.payer ?? UNNAMED_PAYER, cost);
    cost.forEach((v, y) => (interventionCost[y] += v));
  }
  const cash = new Array<number>(Y).fill(0);
  const capacity = new Array<number>(Y).fill(0);
  const split = (releases: boolean, values: number[]) =>
    values.forEach((v, y) => (releases ? cash : capacity)[y] += v);
  for (const a of ACTIVITIES) {
    split(settings.cashReleasing[a], mean(`cost.activity.${a}` as MeasureKey));
  }
  split(settings.cashReleasing.socialCare, mean("cost.socialCare"));
  const total = (values: number[]) => values.reduce((s, v, y) => (y >= 1 ? s + v : s), 0);
  return {
    name: scenario.name,
    payback: {
      year: paybackYear,
      probability: paybackYear === null ? null : probabilityPaidBack[paybackYear],
    },
    probabilityPaidBack,
    byPayer: [...payers].map(([payer, change]) => ({ payer, change })),
    cashReleasing: cash,
    capacityFreeing: capacity,
    intervention: interventionCost,
    totals: {
      cashReleasing: total(cash),
      capacityFreeing: total(capacity),
      intervention: total(interventionCost),
    },
  };
}
