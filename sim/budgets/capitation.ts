/**
 * Capitated budgets. A per-head budget for each segment (age band × complexity level), typed in
 * or its year-0 cost per head (the segmentation table's spend, every sector), raised each year
 * by the uplift: budget_y = Σ_cells people at the start of year y × per head of the cell's
 * segment × Π_{t=1..y} (1 + uplift_t). The budget follows the people of each scenario. A place's
 * or neighbourhood's weighted capitation is its budget for its own population mix; its index
 * is that budget per head over the whole population's budget per head.
 */
import type { StateLayout } from "../population.ts";
import { SECTORS, type SegmentRow } from "../types.ts";
import type { CapitationSpec } from "./types.ts";

export interface PerHead {
  ageBand: string;
  complexity: string;
  /** £ per head per year in year 0. */
  perHead: number;
  from: "given" | "year-0 cost";
}

/** Each segment's per-head budget in year 0, in segment row order. */
export function perHeadBudgets(spec: CapitationSpec, segments: SegmentRow[]): PerHead[] {
  return segments.map((s) => {
    const given = Object.hasOwn(spec.perHead, s.ageBand) &&
        Object.hasOwn(spec.perHead[s.ageBand], s.complexity)
      ? spec.perHead[s.ageBand][s.complexity]
      : undefined;
    return {
      ageBand: s.ageBand,
      complexity: s.complexity,
      perHead: given ?? SECTORS.reduce((t, k) => t + s.spend[k], 0),
      from: given === undefined ? "year-0 cost" : "given",
    };
  });
}

/** Π_{t=1..y} (1 + uplift_t) for y = 0..years−1 (1 in year 0). */
export function upliftFactors(uplift: number | number[], years: number): Float64Array {
  const out = new Float64Array(years);
  out[0] = 1;
  for (let y = 1; y < years; y++) {
    const u = typeof uplift === "number" ? uplift : uplift[y - 1];
    out[y] = out[y - 1] * (1 + u);
  }
  return out;
}

/** Each cell's per-head budget in year 0 (from its segment). */
export function cellPerHead(layout: StateLayout, perHead: PerHead[]): Float64Array {
  const out = new Float64Array(layout.cellCount);
  for (let k = 0; k < layout.cellCount; k++) {
    const s = layout.cellStates[layout.cellStart[k]];
    out[k] = perHead[layout.segment[s]].perHead;
  }
  return out;
}

export interface WeightedCapitation {
  /** Σ people × per head over the area's segments (£). */
  budget: number;
  /** The area's budget over the sum of all the areas' budgets. */
  share: number;
  /** The area's budget per head over the budget per head of `whole` (1: the average mix). */
  index: number;
}

/**
 * Weighted capitation of areas from their population mix: `people[a][s]` is area a's people in
 * segment s, `perHead[s]` the segment's budget per head; `whole` the people of the whole place
 * by segment (its budget per head is the index's denominator; its budget the share's).
 */
export function weightedCapitation(
  people: number[][],
  perHead: number[],
  whole: number[],
): WeightedCapitation[] {
  const budgetOf = (mix: number[]) => mix.reduce((t, n, s) => t + n * perHead[s], 0);
  const headsOf = (mix: number[]) => mix.reduce((t, n) => t + n, 0);
  const total = budgetOf(whole);
  const perHeadWhole = headsOf(whole) > 0 ? total / headsOf(whole) : 0;
  return people.map((mix) => {
    const budget = budgetOf(mix);
    const heads = headsOf(mix);
    return {
      budget,
      share: total > 0 ? budget / total : 0,
      index: heads > 0 && perHeadWhole > 0 ? budget / heads / perHeadWhole : 0,
    };
  });
}
