/**
 * A scenario against the baseline on the cost-effectiveness plane: its incremental
 * cost-effectiveness ratio (ICER) with dominance handled (docs/model.md, "Value for money").
 *
 * - more effective and no more costly: dominant (no ratio; good value at any threshold);
 * - no more effective and more costly, or less effective and no cheaper: dominated;
 * - more effective and more costly (north-east): ICER = Δcost / ΔQALYs, £ per QALY gained,
 *   cost-effective at threshold k when ICER < k;
 * - less effective and cheaper (south-west): ICER = Δcost / ΔQALYs, £ saved per QALY lost,
 *   cost-effective at k when ICER > k (the saving buys more health elsewhere than is lost);
 * - no change in either: no difference.
 * Whatever the quadrant, "cost-effective at k" is the sign of the net monetary benefit
 * k·ΔQALYs − Δcost, which is how `costEffectiveAt` decides.
 */
import { netMonetaryBenefit } from "../measures.ts";

export type Comparison =
  | "dominant"
  | "dominated"
  | "costs more, gains health"
  | "saves money, loses health"
  | "no difference";

export interface IcerResult {
  /** Δcost / ΔQALYs in the two trade-off quadrants, else null. */
  icer: number | null;
  comparison: Comparison;
}

export function icerAgainstBaseline(changeCost: number, changeQalys: number): IcerResult {
  if (changeQalys > 0 && changeCost <= 0) return { icer: null, comparison: "dominant" };
  if (changeQalys === 0 && changeCost < 0) return { icer: null, comparison: "dominant" };
  if (changeQalys < 0 && changeCost >= 0) return { icer: null, comparison: "dominated" };
  if (changeQalys === 0 && changeCost > 0) return { icer: null, comparison: "dominated" };
  if (changeQalys === 0) return { icer: null, comparison: "no difference" };
  return {
    icer: changeCost / changeQalys,
    comparison: changeQalys > 0 ? "costs more, gains health" : "saves money, loses health",
  };
}

/** Whether a change is cost-effective at `threshold` £ per QALY: net monetary benefit above 0. */
export function costEffectiveAt(threshold: number, changeCost: number, changeQalys: number) {
  return netMonetaryBenefit(threshold, changeQalys, changeCost) > 0;
}
