/**
 * The budgets part of a run's results: for every cohort, each provider's cost per person per
 * year (scenario's own and scenario − baseline); the capitated budget against projected cost by
 * year and cumulatively, with P(overspend); each agreement's parties' net positions over the
 * horizon (mean, interval, P(loss)) and how often each party gains when the system gains.
 * Sign convention: differences are scenario − baseline (cost above 0: costs more); positions
 * are gains (above 0: the party gains). Iterations are read in order, so results reproduce.
 */
import type { Model } from "../model.ts";
import { baselineIndex } from "../model.ts";
import type { BlockResult } from "../run.ts";
import { type Columns, summariseColumns } from "./columns.ts";
import { CELL_FIELDS } from "../record.ts";
import { describeCohort } from "./cohort.ts";
import {
  agreementPositions,
  budgetAndCost,
  type BudgetPlan,
  CohortCosts,
  naturalPositions,
  Outcomes,
  planBudgets,
  recordOf,
} from "./evaluate.ts";
import { type PerHead, weightedCapitation } from "./capitation.ts";
import { type CohortSpec, COMMISSIONER, type Provider } from "./types.ts";

export const BUDGET_SIGN_CONVENTION =
  "Differences are scenario − baseline: a cost difference above 0 costs more, below 0 saves. A party's position is what it gains over the horizon: above 0 it gains, below 0 it loses.";

/** Mean, interval and (differences) the share of iterations below zero, by year. */
export interface YearSummary {
  mean: number[];
  low: number[];
  high: number[];
  pNegative?: number[];
}

export interface Distribution {
  mean: number;
  low: number;
  high: number;
  /** Share of iterations below zero (for a position: P(loss)). */
  pNegative: number;
}

export interface CohortBudget {
  cohort: CohortSpec;
  description: string;
  scenarios: {
    name: string;
    /** Mean people in the cohort at the start of each year. */
    population: number[];
    /** £ per person per year, by provider id and "total": the scenario's own values. */
    perPerson: Record<string, YearSummary>;
    /** Scenario − baseline of the same; null for the baseline. */
    difference: Record<string, YearSummary> | null;
  }[];
}

export interface CapitationBudget {
  covers: "service" | "total";
  uplift: number | number[];
  perHead: PerHead[];
  scenarios: {
    name: string;
    budget: YearSummary;
    cost: YearSummary;
    /** Cost − budget in the year (above 0: overspend). */
    variance: YearSummary;
    /** Cost − budget over years 1..y. */
    cumulativeVariance: YearSummary;
    /** Share of iterations where the year's cost exceeds its budget. */
    pOverspend: number[];
    /** Share of iterations where cost over years 1..y exceeds budget over them. */
    pCumulativeOverspend: number[];
  }[];
  /** Weighted capitation of every area (its population mix), on the baseline. */
  areas: {
    id: string;
    name: string;
    /** Mean people at the start of year 1 (baseline). */
    population: number;
    /** Budget in year 1 (mean people × per head × uplift) and its share of the place's. */
    budget: number;
    share: number;
    /** Budget per head over the place's budget per head (1: an average mix). */
    index: number;
    /** By scenario: P(service cost over the horizon exceeds the area's budget over it). */
    pOverspend: Record<string, number>;
  }[];
}

export interface AgreementBudget {
  id: string;
  name: string;
  providers: string[];
  scenarios: {
    name: string;
    /** By party id ("commissioner" and every provider), and "system": net position. */
    positions: Record<string, Distribution>;
    /** By party id: share of iterations where its position has the system's sign. */
    alignment: Record<string, number>;
    /** Mean paid by the agreement's providers to the commissioner (below 0: to them). */
    transfer: number;
    /** Mean outcome payment to the providers. */
    outcomePayment: number;
  }[];
}

export interface BudgetResults {
  signConvention: string;
  illustrative: boolean;
  source?: string;
  providers: Provider[];
  /** The commissioner, then every provider. */
  parties: Provider[];
  cohorts: CohortBudget[];
  capitation: CapitationBudget | null;
  agreements: AgreementBudget[];
}

/** Year-by-year summaries of the columns at..at+Y−1. */
function yearSummaries(cols: Columns, at: number, Y: number, withNegative: boolean): YearSummary {
  const pick = (a: Float64Array) => {
    const values = new Array<number>(Y);
    for (let y = 0; y < Y; y++) values[y] = a[at + y];
    return values;
  };
  const out: YearSummary = { mean: pick(cols.mean), low: pick(cols.low), high: pick(cols.high) };
  if (withNegative) out.pNegative = pick(cols.pNegative);
  return out;
}

function cohortBudgets(plan: BudgetPlan, run: BlockResult, interval: number): CohortBudget[] {
  const { model } = plan;
  const n = run.count;
  const Y = plan.years;
  const P = plan.shares.providers;
  const ids = [...plan.budgets.providers.providers.map((p) => p.id), "total"];
  const costs = new CohortCosts(plan);
  const W = costs.width;
  const base = baselineIndex(model);
  const baseRows = new Float64Array(n * W);
  for (let i = 0; i < n; i++) {
    costs.perPerson(recordOf(model, run.records, base, i), baseRows.subarray(i * W, (i + 1) * W));
  }
  const out: CohortBudget[] = plan.cohorts.map((cohort) => ({
    cohort,
    description: describeCohort(cohort),
    scenarios: [],
  }));
  const rows = new Float64Array(n * W);
  model.input.scenarios.forEach((scenario, sc) => {
    let diffs: Columns | null = null;
    if (sc !== base) {
      for (let i = 0; i < n; i++) {
        costs.perPerson(recordOf(model, run.records, sc, i), rows.subarray(i * W, (i + 1) * W));
      }
      const own = summariseColumns(rows, n, W, interval);
      for (let j = 0; j < n * W; j++) rows[j] -= baseRows[j];
      diffs = summariseColumns(rows, n, W, interval);
      report(own, diffs);
    } else report(summariseColumns(baseRows, n, W, interval), null);

    function report(own: Columns, difference: Columns | null) {
      plan.cohorts.forEach((_, c) => {
        const perPerson: Record<string, YearSummary> = {};
        const change: Record<string, YearSummary> = {};
        ids.forEach((id, p) => {
          const at = (c * (P + 2) + p) * Y;
          perPerson[id] = yearSummaries(own, at, Y, false);
          if (difference) change[id] = yearSummaries(difference, at, Y, true);
        });
        const people = (c * (P + 2) + P + 1) * Y;
        out[c].scenarios.push({
          name: scenario.name,
          population: yearSummaries(own, people, Y, false).mean,
          perPerson,
          difference: difference ? change : null,
        });
      });
    }
  });
  return out;
}

function capitationBudget(
  plan: BudgetPlan,
  run: BlockResult,
  interval: number,
): CapitationBudget | null {
  const spec = plan.budgets.capitation;
  if (!spec) return null;
  const { model } = plan;
  const n = run.count;
  const Y = plan.years;
  const W = 4 * Y;
  const rows = new Float64Array(n * W);
  const budget = new Float64Array(Y);
  const cost = new Float64Array(Y);
  const scenarios = model.input.scenarios.map((scenario, sc) => {
    const over = new Float64Array(Y);
    const overCumulative = new Float64Array(Y);
    for (let i = 0; i < n; i++) {
      budgetAndCost(plan, recordOf(model, run.records, sc, i), null, budget, cost);
      const row = rows.subarray(i * W, (i + 1) * W);
      let cumulative = 0;
      for (let y = 0; y < Y; y++) {
        row[y] = budget[y];
        row[Y + y] = cost[y];
        row[2 * Y + y] = cost[y] - budget[y];
        if (y >= 1) cumulative += cost[y] - budget[y];
        row[3 * Y + y] = cumulative;
        if (cost[y] > budget[y]) over[y]++;
        if (cumulative > 0) overCumulative[y]++;
      }
    }
    const cols = summariseColumns(rows, n, W, interval);
    const summary = (k: number, negative: boolean) => yearSummaries(cols, k * Y, Y, negative);
    return {
      name: scenario.name,
      budget: summary(0, false),
      cost: summary(1, false),
      variance: summary(2, true),
      cumulativeVariance: summary(3, true),
      pOverspend: Array.from(over, (v) => v / n),
      pCumulativeOverspend: Array.from(overCumulative, (v) => v / n),
    };
  });
  const base = baselineIndex(model);
  const year = Math.min(1, Y - 1);
  // Mean people by area and segment in year 1 on the baseline: the weighted capitation.
  const { layout, input } = model;
  const rl = model.record;
  const segments = input.segments.length;
  const segmentOf = Int32Array.from(
    { length: layout.cellCount },
    (_, k) => layout.segment[layout.cellStates[layout.cellStart[k]]],
  );
  const mixOf = (mask: Uint8Array | null) => {
    const mix = new Array<number>(segments).fill(0);
    for (let i = 0; i < n; i++) {
      const r = recordOf(model, run.records, base, i);
      const at = year * rl.stride + rl.cellValues;
      for (let k = 0; k < layout.cellCount; k++) {
        if (!mask || mask[k]) mix[segmentOf[k]] += r[at + k * CELL_FIELDS] / n;
      }
    }
    return mix;
  };
  const weighted = weightedCapitation(
    plan.areaMasks.map(mixOf),
    plan.perHead!.map((p) => p.perHead * plan.uplift![year]),
    mixOf(null),
  );
  const areas = input.areas.map((area, a) => {
    const pOverspend: Record<string, number> = {};
    input.scenarios.forEach((scenario, sc) => {
      let over = 0;
      for (let i = 0; i < n; i++) {
        budgetAndCost(plan, recordOf(model, run.records, sc, i), plan.areaMasks[a], budget, cost);
        let cumulative = 0;
        for (let y = 1; y < Y; y++) cumulative += cost[y] - budget[y];
        if (cumulative > 0) over++;
      }
      pOverspend[scenario.name] = over / n;
    });
    return {
      id: area.id,
      name: area.name,
      population: mixOf(plan.areaMasks[a]).reduce((t, v) => t + v, 0),
      ...weighted[a],
      pOverspend,
    };
  });
  return {
    covers: spec.covers,
    uplift: spec.uplift,
    perHead: plan.perHead!,
    scenarios,
    areas,
  };
}

function agreementBudgets(
  plan: BudgetPlan,
  run: BlockResult,
  interval: number,
): AgreementBudget[] {
  const { model } = plan;
  const agreements = plan.budgets.agreements;
  if (!agreements.length) return [];
  const n = run.count;
  const P = plan.shares.providers;
  const partyIds = [COMMISSIONER, ...plan.budgets.providers.providers.map((p) => p.id)];
  const base = baselineIndex(model);
  const outcomes = new Outcomes(plan);
  const needInequality = agreements.some((a) => a.outcomePayment?.withheldIfInequalityWidens);
  const natural = new Float64Array(P + 1);
  const into = new Float64Array(P + 1);
  const out: AgreementBudget[] = agreements.map((a) => ({
    id: a.id,
    name: a.name,
    providers: a.providers,
    scenarios: [],
  }));
  model.input.scenarios.forEach((scenario, sc) => {
    if (sc === base) return;
    // Per agreement: n rows of the parties' positions, then the system's.
    const rows = agreements.map(() => new Float64Array(n * (P + 2)));
    const transfer = new Float64Array(agreements.length);
    const payment = new Float64Array(agreements.length);
    for (let i = 0; i < n; i++) {
      const s = recordOf(model, run.records, sc, i);
      const b = recordOf(model, run.records, base, i);
      naturalPositions(plan, s, b, natural);
      const facts = outcomes.facts(s, b, needInequality);
      agreements.forEach((_, k) => {
        const settled = agreementPositions(plan, k, natural, facts, into);
        const row = rows[k].subarray(i * (P + 2), (i + 1) * (P + 2));
        let system = 0;
        for (let p = 0; p <= P; p++) {
          row[p] = into[p];
          system += into[p];
        }
        row[P + 1] = system;
        transfer[k] += settled.transfer / n;
        payment[k] += settled.outcomePayment / n;
      });
    }
    agreements.forEach((_, k) => {
      const positions: Record<string, Distribution> = {};
      const alignment: Record<string, number> = {};
      const cols = summariseColumns(rows[k], n, P + 2, interval);
      [...partyIds, "system"].forEach((id, p) => {
        positions[id] = {
          mean: cols.mean[p],
          low: cols.low[p],
          high: cols.high[p],
          pNegative: cols.pNegative[p],
        };
        if (id === "system") return;
        let agree = 0;
        for (let i = 0; i < n; i++) {
          const x = rows[k][i * (P + 2) + p];
          const g = rows[k][i * (P + 2) + P + 1];
          if (Math.sign(x) === Math.sign(g)) agree++;
        }
        alignment[id] = agree / n;
      });
      out[k].scenarios.push({
        name: scenario.name,
        positions,
        alignment,
        transfer: transfer[k],
        outcomePayment: payment[k],
      });
    });
  });
  return out;
}

/** The budgets of a run of a model with providers (null without). */
export function summariseBudgets(
  model: Model,
  run: BlockResult,
  interval: number,
): BudgetResults | null {
  const plan = planBudgets(model);
  if (!plan) return null;
  const b = plan.budgets;
  return {
    signConvention: BUDGET_SIGN_CONVENTION,
    illustrative: b.providers.illustrative,
    ...(b.providers.source ? { source: b.providers.source } : {}),
    providers: b.providers.providers,
    parties: [{ id: COMMISSIONER, name: b.commissionerName }, ...b.providers.providers],
    cohorts: cohortBudgets(plan, run, interval),
    capitation: capitationBudget(plan, run, interval),
    agreements: agreementBudgets(plan, run, interval),
  };
}
