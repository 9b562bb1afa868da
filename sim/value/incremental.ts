/**
 * Incremental analysis across strategies: the efficient frontier with strong and extended
 * dominance, following dampack's `calculate_icers` (Alarid-Escudero et al., DARTH) step by step
 * (docs/model.md, "Value for money"):
 *
 * 1. sort by cost ascending, then effect descending (a stable sort: ties keep input order);
 * 2. strong dominance: j is dominated ("D") when some i before it in that order has
 *    effect_i ≥ effect_j (costs as much or less, gives as much or more);
 * 3. extended dominance, repeated until nothing changes: over the strategies not yet dominated,
 *    in order, sequential ICERs ICER_i = (C_i − C_{i−1}) / (E_i − E_{i−1}); with three or more,
 *    every i other than the first and last with ICER_i > ICER_{i+1} is marked "ED" at once;
 * 4. ICERs recomputed over the rest ("ND", the frontier; the cheapest has none). Rows are
 *    returned ND, then ED, then D, each by cost then effect descending.
 */

export type FrontierStatus = "ND" | "ED" | "D";

export interface Strategy {
  name: string;
  cost: number;
  effect: number;
}

export interface IncrementalRow extends Strategy {
  /** Against the previous strategy on the frontier; null off the frontier and for its first. */
  incrementalCost: number | null;
  incrementalEffect: number | null;
  icer: number | null;
  status: FrontierStatus;
}

/** Sequential ICERs of strategies already in frontier order (the first has none). */
function sequential(rows: Strategy[]): { incCost: number; incEffect: number; icer: number }[] {
  return rows.map((r, i) => {
    if (i === 0) return { incCost: NaN, incEffect: NaN, icer: NaN };
    const incCost = r.cost - rows[i - 1].cost;
    const incEffect = r.effect - rows[i - 1].effect;
    return { incCost, incEffect, icer: incCost / incEffect };
  });
}

export function incrementalAnalysis(strategies: Strategy[]): IncrementalRow[] {
  const n = strategies.length;
  const nan = (x: number) => (Number.isNaN(x) ? null : x);
  if (n === 1) {
    return [{
      ...strategies[0],
      incrementalCost: null,
      incrementalEffect: null,
      icer: null,
      status: "ND",
    }];
  }
  // 1. Cost ascending, effect descending; Array.prototype.sort is stable.
  const order = strategies.map((s, i) => ({ ...s, at: i }))
    .sort((a, b) => a.cost - b.cost || b.effect - a.effect);
  // 2. Strong dominance.
  const dominated = new Set<number>();
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) {
      if (order[j].effect <= order[i].effect) dominated.add(j);
    }
  }
  // 3. Extended dominance, until a pass marks nothing.
  const extended = new Set<number>();
  let frontier: number[] = [];
  for (;;) {
    frontier = order.map((_, k) => k).filter((k) => !dominated.has(k) && !extended.has(k));
    if (frontier.length <= 2) break;
    const icers = sequential(frontier.map((k) => order[k]));
    let marked = 0;
    for (let i = 1; i < frontier.length - 1; i++) {
      if (icers[i].icer > icers[i + 1].icer) {
        extended.add(frontier[i]);
        marked++;
      }
    }
    if (marked === 0) break;
  }
  // 4. The frontier's ICERs; then ND, ED, D rows.
  const icers = sequential(frontier.map((k) => order[k]));
  const row = (k: number, status: FrontierStatus, f?: (typeof icers)[number]): IncrementalRow => ({
    name: order[k].name,
    cost: order[k].cost,
    effect: order[k].effect,
    incrementalCost: f ? nan(f.incCost) : null,
    incrementalEffect: f ? nan(f.incEffect) : null,
    icer: f ? nan(f.icer) : null,
    status,
  });
  const byCost = (a: number, b: number) =>
    order[a].cost - order[b].cost || order[b].effect - order[a].effect || a - b;
  return [
    ...frontier.map((k, i) => row(k, "ND", icers[i])),
    ...[...extended].sort(byCost).map((k) => row(k, "ED")),
    ...[...dominated].sort(byCost).map((k) => row(k, "D")),
  ];
}
