/**
 * The equity–efficiency plane of an intervention: the same intervention alone, its capacity
 * filled by each targeting rule in turn, at deterministic values; for each rule the net saving
 * over the horizon (discounted) and the change in the SII of non-elective admissions at the
 * horizon (towards 0 narrows).
 */
import { deterministic } from "./api.ts";
import { type Model, prepareModel } from "./model.ts";
import { BASELINE_NAME } from "./study/format.ts";
import { type ModelInput, TARGETING_RULES, type TargetingRule } from "./types.ts";

export interface PlanePoint {
  rule: TargetingRule;
  /** Net saving over the horizon, discounted (−Δ discounted total cost). */
  saving: number;
  /** Change in the SII of non-elective admissions per 1,000 at the horizon. */
  siiChange: number;
}

/** One point per targeting rule for intervention `interventionId` of `model`. */
export function targetingPlane(model: Model, interventionId: string): PlanePoint[] {
  const { input } = model;
  if (!input.interventions.some((iv) => iv.id === interventionId)) return [];
  return TARGETING_RULES.map((rule) => {
    const alone: ModelInput = {
      ...input,
      interventions: input.interventions.map((iv) =>
        iv.id === interventionId ? { ...iv, targeting: rule } : iv
      ),
      scenarios: [
        { name: BASELINE_NAME, interventions: [] },
        { name: "Plane", interventions: [interventionId] },
      ],
    };
    const results = deterministic({ model: prepareModel(alone) });
    const deltas = results.scenarios[1].deltas!;
    const H = results.horizonYears;
    return {
      rule,
      saving: -deltas["discounted.cost.total"].mean[H],
      siiChange: deltas["sii.nonElective"].mean[H],
    };
  });
}
