/**
 * The study format's defaults, in one place: what a study file may leave out and what it then
 * means. The schema documents them (`default`), resolution applies them, and the editor, the
 * workbench and the new-study template read them from here (tests/sim/study/defaults.test.ts
 * checks that these agree). The baseline's model parameters have their own cited defaults in
 * sim/defaults.ts.
 */
import type { EffectAppliesTo, TargetingRule, UncertaintyMode } from "../types.ts";

export const STUDY_DEFAULTS = {
  horizonYears: 10,
  cyclesPerYear: 1,
  iterations: 1000,
  seed: 1,
  discountRate: 0.035,
  /** Coverage of reported percentile intervals. */
  interval: 0.95,
  /** What each Monte Carlo iteration draws: parameters, and counts too (docs/model.md §5). */
  uncertainty: "parameters+counts" as UncertaintyMode,
  /** Coverage of an estimate's [low, high] when the study does not give its `level`. */
  estimateLevel: 0.95,
  improvingMoves: "as-given" as "as-given" | "balanced",
  assertionCompare: "difference" as "difference" | "level",
  /** What an effect's relative risk applies to when the study does not say: all of it. */
  effectAppliesTo: "all" as EffectAppliesTo,
  /** Discount rate of health effects (NICE PMG36 reference case, 3.5% a year). */
  healthDiscountRate: 0.035,
  /**
   * £ per QALY thresholds of net monetary benefit (NICE PMG36: £20,000–£30,000; NICE's 2025
   * rise to £25,000–£35,000 applies to medicines only).
   */
  thresholds: [20_000, 30_000] as readonly number[],
  /** The acceptability and EVPI curves run from £0 to this, £ per QALY, in steps of curveStep. */
  curveMax: 50_000,
  curveStep: 1_000,
  intervention: {
    capacity: null as number | null,
    targeting: "proportional" as TargetingRule,
    startYear: 1,
    rampUpYears: 0,
    durationYears: null as number | null,
    decayPerYear: 1,
    fixedCostPerYear: 0,
  },
} as const;
