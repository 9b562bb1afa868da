/**
 * The interventions' effects as the engine applies them, for `resolve`: each effect's values
 * (relative risk, what it applies to, its share and modifiers) for one set of parameter values,
 * each state's amenable share (when the study uses them), and for each eligible state the gain
 * g = a × (1 − RR × k) of every effect — an enrolled share f multiplies the state's rate by
 * 1 − f·g (docs/model.md section 4). The effects let an outside implementation work the gains
 * out for itself; the gains say what the engine got.
 */
import type { EffectPlan, InterventionPlan, InterventionRuntime } from "./interventions.ts";
import type { StateLayout } from "./population.ts";
import { EFFECT_TARGETS, QUINTILE_COUNT } from "./types.ts";

/** One effect's values: null when the intervention has none there. */
export interface ResolvedEffect {
  rr: number;
  /** "amenable": the state's amenable share; "share": the given share; "all": all of it. */
  appliesTo: "all" | "amenable" | "share";
  /** The given share (clamped to [0, 1] when used); null unless appliesTo is "share". */
  share: number | null;
  /** Modifier values by age band, complexity level and quintile ("1" most deprived). */
  modifiers: {
    ageBand: Record<string, number>;
    complexity: Record<string, number>;
    quintile: Record<string, number>;
  };
}

function resolvedEffect(
  e: EffectPlan,
  layout: StateLayout,
  values: Float64Array,
): ResolvedEffect | null {
  if (e.rr < 0) return null;
  const group = (at: Int32Array | null, names: readonly (string | number)[]) =>
    Object.fromEntries(
      names.flatMap((n, i) => (at && at[i] >= 0 ? [[String(n), values[at[i]]]] : [])),
    );
  return {
    rr: values[e.rr],
    appliesTo: e.amenable ? "amenable" : e.share >= 0 ? "share" : "all",
    share: !e.amenable && e.share >= 0 ? values[e.share] : null,
    modifiers: {
      ageBand: group(e.band, layout.ageBands),
      complexity: group(e.level, layout.levels),
      quintile: group(e.quintile, Array.from({ length: QUINTILE_COUNT }, (_, q) => q + 1)),
    },
  };
}

/** One intervention's effects and per-state gains (gains listed in eligible-state order). */
export function resolvedInterventionEffects(
  plan: InterventionPlan,
  rt: InterventionRuntime,
  layout: StateLayout,
  values: Float64Array,
) {
  const S = layout.stateCount;
  const C = layout.levels.length;
  const eligible: number[] = [];
  for (let s = 0; s < S; s++) if (rt.eligible[s]) eligible.push(s);
  return {
    effects: {
      activity: Object.fromEntries(
        EFFECT_TARGETS.map((t, k) => [t, resolvedEffect(plan.activity[k], layout, values)]),
      ),
      moves: layout.levels.map((_, from) =>
        layout.levels.map((_, to) => resolvedEffect(plan.moves[from * C + to], layout, values))
      ),
      death: resolvedEffect(plan.death, layout, values),
    },
    gains: {
      activity: Object.fromEntries(
        EFFECT_TARGETS.map((t, k) => [t, eligible.map((s) => rt.activityGain[k * S + s])]),
      ),
      moves: eligible.map((s) => Array.from(rt.moveGain.subarray(s * C, (s + 1) * C))),
      death: eligible.map((s) => rt.deathGain[s]),
    },
  };
}
