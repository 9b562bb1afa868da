/**
 * Per-iteration budget values from raw records (sim/record.ts, `cellValues`): each cohort's
 * population and cost by provider by year, the capitated budget against cost, and each
 * agreement's settlement. Everything a study's budgets need is planned once (`planBudgets`);
 * the summary (summarise.ts) and the assertions read iterations through it.
 */
import type { Model } from "../model.ts";
import { makeDeriver } from "../deriver.ts";
import { CELL_FIELDS, recordLength } from "../record.ts";
import { SECTORS } from "../types.ts";
import { type OutcomeFacts, settle } from "./agreement.ts";
import { cellPerHead, type PerHead, perHeadBudgets, upliftFactors } from "./capitation.ts";
import { cohortCells, standardCohorts } from "./cohort.ts";
import { type ProviderShares, providerShares } from "./split.ts";
import { type AgreementSpec, type BudgetsInput, type CohortSpec, COMMISSIONER } from "./types.ts";

export interface BudgetPlan {
  model: Model;
  budgets: BudgetsInput;
  shares: ProviderShares;
  cohorts: CohortSpec[];
  masks: Uint8Array[];
  /** Each leaf area as a cell mask (capitation by area). */
  areaMasks: Uint8Array[];
  perHead: PerHead[] | null;
  cellPerHead: Float64Array | null;
  uplift: Float64Array | null;
  /** For each agreement: its providers' indices and weights. */
  members: { indices: number[]; weights: Float64Array }[];
  /** For each provider, then the commissioner last: the interventions it funds (indices). */
  funded: number[][];
  years: number;
}

/** The budgets plan of a model with providers (null without). */
export function planBudgets(model: Model): BudgetPlan | null {
  const budgets = model.input.budgets;
  if (!budgets || !model.record.cells) return null;
  const { layout, input } = model;
  const shares = providerShares(budgets.providers, layout, input.areas);
  const cohorts = standardCohorts(layout, input.areas, budgets.cohorts);
  const masks = cohorts.map((c) => cohortCells(c, layout, input.areas));
  const areaMasks = input.areas.map((a) =>
    cohortCells({ id: a.id, name: a.name, areas: [a.id] }, layout, input.areas)
  );
  const perHead = budgets.capitation ? perHeadBudgets(budgets.capitation, input.segments) : null;
  const ids = budgets.providers.providers.map((p) => p.id);
  const P = ids.length;
  const year0 = year0ProviderCost(model, shares);
  const members = budgets.agreements.map((a) => {
    const indices = a.providers.map((id) => ids.indexOf(id));
    const weights = new Float64Array(indices.length);
    if (a.weights) indices.forEach((_, j) => (weights[j] = a.weights![a.providers[j]] ?? 0));
    else {
      const total = indices.reduce((t, p) => t + year0[p], 0);
      indices.forEach((p, j) => (weights[j] = total > 0 ? year0[p] / total : 1 / indices.length));
    }
    return { indices, weights };
  });
  const funded: number[][] = Array.from({ length: P + 1 }, () => []);
  input.interventions.forEach((iv, j) => {
    const party = Object.hasOwn(budgets.funders, iv.id) ? budgets.funders[iv.id] : COMMISSIONER;
    const p = ids.indexOf(party);
    funded[p >= 0 ? p : P].push(j);
  });
  return {
    model,
    budgets,
    shares,
    cohorts,
    masks,
    areaMasks,
    perHead,
    cellPerHead: perHead ? cellPerHead(layout, perHead) : null,
    uplift: budgets.capitation
      ? upliftFactors(budgets.capitation.uplift, model.record.years)
      : null,
    members,
    funded,
    years: model.record.years,
  };
}

/**
 * Each provider's year-0 cost, from the segmentation table (the published spend by sector of
 * each segment, spread over its cells by their year-0 people): the default agreement weights.
 */
function year0ProviderCost(model: Model, shares: ProviderShares): Float64Array {
  const { layout, initial, input } = model;
  const P = shares.providers;
  const NS = SECTORS.length;
  const out = new Float64Array(P);
  for (let s = 0; s < layout.stateCount; s++) {
    const k = layout.cell[s];
    const seg = input.segments[layout.segment[s]];
    SECTORS.forEach((sector, j) => {
      const cost = initial[s] * seg.spend[sector];
      for (let p = 0; p < P; p++) out[p] += cost * shares.shares[(k * NS + j) * P + p];
    });
  }
  return out;
}

/** The record of scenario `sc` in iteration `i` of `records`. */
export function recordOf(model: Model, records: Float64Array[], sc: number, i: number) {
  const len = recordLength(model.record);
  return records[sc].subarray(i * len, (i + 1) * len);
}

/**
 * Cost by year × sector × provider of the cells in `mask` (every cell when null), and their
 * population by year, from one record.
 */
export function providerSectorCosts(
  plan: BudgetPlan,
  record: Float64Array,
  mask: Uint8Array | null,
  cost: Float64Array,
  population: Float64Array,
): void {
  const rl = plan.model.record;
  const { shares, providers: P, cells } = plan.shares;
  const NS = SECTORS.length;
  cost.fill(0);
  population.fill(0);
  for (let y = 0; y < rl.years; y++) {
    const base = y * rl.stride + rl.cellValues;
    for (let k = 0; k < cells; k++) {
      if (mask && !mask[k]) continue;
      const at = base + k * CELL_FIELDS;
      population[y] += record[at];
      for (let s = 0; s < NS; s++) {
        const c = record[at + 1 + s];
        if (c === 0) continue;
        const sh = (k * NS + s) * P;
        const out = (y * NS + s) * P;
        for (let p = 0; p < P; p++) cost[out + p] += c * shares[sh + p];
      }
    }
  }
}

/**
 * Every cohort's cost per person per year by provider, then all providers, then its people at
 * the start of the year: cohorts × (P + 2) × years, from one record. A cohort with nobody in a
 * year costs 0 per person.
 */
export class CohortCosts {
  private readonly cellCost: Float64Array;
  private readonly cellPop: Float64Array;
  /** Each cohort's cells. */
  private readonly lists: Int32Array[];
  readonly width: number;

  constructor(private readonly plan: BudgetPlan) {
    const P = plan.shares.providers;
    this.cellCost = new Float64Array(plan.years * plan.shares.cells * P);
    this.cellPop = new Float64Array(plan.years * plan.shares.cells);
    this.lists = plan.masks.map((mask) => {
      const cells: number[] = [];
      mask.forEach((m, k) => m && cells.push(k));
      return Int32Array.from(cells);
    });
    this.width = plan.cohorts.length * (P + 2) * plan.years;
  }

  /** Fills `out` (this.width long): [cohort][provider, total, people][year]. */
  perPerson(record: Float64Array, out: Float64Array): void {
    const { plan, cellCost, cellPop } = this;
    const rl = plan.model.record;
    const { shares, providers: P, cells } = plan.shares;
    const NS = SECTORS.length;
    const Y = plan.years;
    cellCost.fill(0);
    for (let y = 0; y < Y; y++) {
      const base = y * rl.stride + rl.cellValues;
      for (let k = 0; k < cells; k++) {
        const at = base + k * CELL_FIELDS;
        cellPop[y * cells + k] = record[at];
        const into = (y * cells + k) * P;
        for (let s = 0; s < NS; s++) {
          const c = record[at + 1 + s];
          if (c === 0) continue;
          const sh = (k * NS + s) * P;
          for (let p = 0; p < P; p++) cellCost[into + p] += c * shares[sh + p];
        }
      }
    }
    out.fill(0);
    for (let c = 0; c < this.lists.length; c++) {
      const list = this.lists[c];
      const at = c * (P + 2) * Y;
      for (let y = 0; y < Y; y++) {
        let pop = 0;
        for (let j = 0; j < list.length; j++) {
          const k = list[j];
          pop += cellPop[y * cells + k];
          const from = (y * cells + k) * P;
          for (let p = 0; p < P; p++) out[at + p * Y + y] += cellCost[from + p];
        }
        let total = 0;
        for (let p = 0; p < P; p++) {
          total += out[at + p * Y + y];
          out[at + p * Y + y] = pop > 0 ? out[at + p * Y + y] / pop : 0;
        }
        out[at + P * Y + y] = pop > 0 ? total / pop : 0;
        out[at + (P + 1) * Y + y] = pop;
      }
    }
  }
}

/**
 * The capitated budget and the cost it must pay for, by year, for the cells in `mask` (the whole
 * place when null; intervention cost counts only for the whole place, when the budget covers it).
 */
export function budgetAndCost(
  plan: BudgetPlan,
  record: Float64Array,
  mask: Uint8Array | null,
  budget: Float64Array,
  cost: Float64Array,
): void {
  const rl = plan.model.record;
  const perHead = plan.cellPerHead!;
  const uplift = plan.uplift!;
  const NS = SECTORS.length;
  const withInterventions = mask === null && plan.budgets.capitation!.covers === "total";
  for (let y = 0; y < plan.years; y++) {
    const base = y * rl.stride + rl.cellValues;
    let b = 0;
    let c = 0;
    for (let k = 0; k < plan.shares.cells; k++) {
      if (mask && !mask[k]) continue;
      const at = base + k * CELL_FIELDS;
      b += record[at] * perHead[k];
      for (let s = 0; s < NS; s++) c += record[at + 1 + s];
    }
    if (withInterventions) {
      for (let j = 0; j < rl.interventions; j++) {
        c += record[y * rl.stride + rl.interventionCost + j];
      }
    }
    budget[y] = b * uplift[y];
    cost[y] = c;
  }
}

/**
 * Each party's natural position over the horizon (years 1..H): the commissioner first, then each
 * provider — minus its change in service cost and in the cost of the interventions it funds.
 */
export function naturalPositions(
  plan: BudgetPlan,
  scenario: Float64Array,
  baseline: Float64Array,
  out: Float64Array,
): void {
  const rl = plan.model.record;
  const { shares, providers: P, cells } = plan.shares;
  const NS = SECTORS.length;
  out.fill(0);
  for (let y = 1; y < plan.years; y++) {
    const base = y * rl.stride + rl.cellValues;
    for (let k = 0; k < cells; k++) {
      for (let s = 0; s < NS; s++) {
        const at = base + k * CELL_FIELDS + 1 + s;
        const d = scenario[at] - baseline[at];
        if (d === 0) continue;
        const sh = (k * NS + s) * P;
        for (let p = 0; p < P; p++) out[1 + p] -= d * shares[sh + p];
      }
    }
    const iv = y * rl.stride + rl.interventionCost;
    plan.funded.forEach((list, party) => {
      const at = party === P ? 0 : 1 + party;
      for (const j of list) out[at] -= scenario[iv + j] - baseline[iv + j];
    });
  }
}

/** The outcome facts of a scenario's iteration: admissions avoided, inequality widened. */
export class Outcomes {
  private readonly derive: (record: Float64Array, out: Float64Array) => void;
  private readonly values: Float64Array;
  private readonly baseValues: Float64Array;
  private readonly sii: number;

  constructor(private readonly plan: BudgetPlan) {
    const cat = plan.model.measures;
    this.derive = makeDeriver(plan.model);
    this.values = new Float64Array(cat.recordCount * plan.years);
    this.baseValues = new Float64Array(cat.recordCount * plan.years);
    this.sii = cat.index.get("sii.nonElective")! * plan.years + plan.years - 1;
  }

  facts(scenario: Float64Array, baseline: Float64Array, needInequality: boolean): OutcomeFacts {
    const rl = this.plan.model.record;
    let avoided = 0;
    for (let y = 1; y < this.plan.years; y++) {
      const at = y * rl.stride + rl.activity; // nonElective is the first activity
      avoided += baseline[at] - scenario[at];
    }
    let widened = false;
    if (needInequality) {
      this.derive(scenario, this.values);
      this.derive(baseline, this.baseValues);
      widened = Math.abs(this.values[this.sii]) > Math.abs(this.baseValues[this.sii]) + 1e-12;
    }
    return { admissionsAvoided: avoided, inequalityWidened: widened };
  }
}

/** One agreement's positions in one iteration (commissioner, then every provider). */
export function agreementPositions(
  plan: BudgetPlan,
  k: number,
  natural: Float64Array,
  facts: OutcomeFacts,
  into: Float64Array,
) {
  const a: AgreementSpec = plan.budgets.agreements[k];
  return settle(a, natural, plan.members[k].indices, plan.members[k].weights, facts, into);
}

/**
 * Any cohort's mean cost per person per year by provider (and all providers) and its mean
 * people, for each scenario of `run` (e.g. the deterministic run, for a cohort not summarised).
 */
export function cohortMeans(
  plan: BudgetPlan,
  run: { count: number; records: Float64Array[] },
  cohort: CohortSpec,
): { population: number[]; perPerson: Record<string, number[]> }[] {
  const { model } = plan;
  const one: BudgetPlan = {
    ...plan,
    cohorts: [cohort],
    masks: [cohortCells(cohort, model.layout, model.input.areas)],
  };
  const costs = new CohortCosts(one);
  const row = new Float64Array(costs.width);
  const sum = new Float64Array(costs.width);
  const Y = plan.years;
  const P = plan.shares.providers;
  const ids = [...plan.budgets.providers.providers.map((p) => p.id), "total"];
  return model.input.scenarios.map((_, sc) => {
    sum.fill(0);
    for (let i = 0; i < run.count; i++) {
      costs.perPerson(recordOf(model, run.records, sc, i), row);
      for (let j = 0; j < row.length; j++) sum[j] += row[j] / run.count;
    }
    const series = (p: number) => Array.from({ length: Y }, (_, y) => sum[p * Y + y]);
    return {
      population: series(P + 1),
      perPerson: Object.fromEntries(ids.map((id, p) => [id, series(p)])),
    };
  });
}
