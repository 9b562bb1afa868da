/**
 * The interventions' effects as the engine applies them, at parameter means, for `resolve`:
 * each state's amenable share (when the study uses them), and for each intervention and
 * eligible state its uptake and the gain g = a·(1 − RR·k) of every effect — an enrolled share f
 * multiplies the state's rate by 1 − f·g (docs/model.md section 4).
 */
import { buildInterventionRuntime } from "./interventions.ts";
import { type Model, scenarioContexts, stateAmenableShares } from "./model.ts";
import { meanParameters } from "./parameters.ts";
import { EFFECT_TARGETS } from "./types.ts";

export function resolvedEffects(model: Model) {
  const { layout } = model;
  const S = layout.stateCount;
  const C = layout.levels.length;
  const values = meanParameters(model.registry);
  const [ctx] = scenarioContexts(model, values);
  const amenable = stateAmenableShares(model, values);
  return {
    rule: "an enrolled share f of a state multiplies each rate by 1 − f·gain; " +
      "gain = a × (1 − RR × k), a the share the effect applies to, k the state's modifiers",
    amenableSharePerState: amenable ? Array.from(amenable) : null,
    interventions: model.interventionPlans.map((plan) => {
      const rt = buildInterventionRuntime(plan, layout, ctx.rates, values, amenable);
      const states = [];
      for (let s = 0; s < S; s++) {
        if (!rt.eligible[s]) continue;
        states.push({
          state: s,
          uptake: rt.uptake[s],
          activityGain: Object.fromEntries(
            EFFECT_TARGETS.map((t, k) => [t, rt.activityGain[k * S + s]]),
          ),
          moveGain: Object.fromEntries(
            layout.levels.map((to, c) => [to, rt.moveGain[s * C + c]]),
          ),
          deathGain: rt.deathGain[s],
        });
      }
      return { id: plan.spec.id, states };
    }),
  };
}
