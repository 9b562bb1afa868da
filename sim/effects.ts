/**
 * Intervention effects as written: a bare relative risk, or an EffectSpec with what it applies
 * to (all of the activity, its amenable share, or a given share) and its modifiers by age band,
 * complexity and quintile (types.ts). This module names their parameters in the registry and
 * reads and edits the relative risk whichever way an effect is written.
 *
 * Registry keys, for an effect at `K` (e.g. `interventions.falls.effects.activity.nonElective`):
 * the relative risk at `K` itself (as for a bare one), its share at `K.share`, and each modifier
 * at `K.modifiers.ageBand.<band>`, `K.modifiers.complexity.<level>`,
 * `K.modifiers.quintile.<1..5>`.
 */
import type { ParameterSpec } from "./distributions.ts";
import { type Effect, type EffectSpec, type InterventionSpec, isEffectSpec } from "./types.ts";

/** The modifier groups, in the order their keys are listed. */
export const MODIFIER_GROUPS = ["ageBand", "complexity", "quintile"] as const;
export type ModifierGroup = typeof MODIFIER_GROUPS[number];

/** Every parameter of one effect written at `key`, with its registry key. */
export function effectParameters(key: string, effect: Effect): [string, ParameterSpec][] {
  if (!isEffectSpec(effect)) return [[key, effect]];
  const out: [string, ParameterSpec][] = [[key, effect.rr]];
  if (effect.share !== undefined) out.push([`${key}.share`, effect.share]);
  for (const group of MODIFIER_GROUPS) {
    for (const [name, spec] of Object.entries(effect.modifiers?.[group] ?? {})) {
      out.push([`${key}.modifiers.${group}.${name}`, spec]);
    }
  }
  return out;
}

/** Every effect of an intervention, with the registry key it is written at. */
export function interventionEffects(iv: InterventionSpec): [string, Effect][] {
  const p = `interventions.${iv.parameterKey ?? iv.id}.effects`;
  const out: [string, Effect][] = [];
  for (const [move, e] of Object.entries(iv.effects.transitions ?? {})) {
    out.push([`${p}.transitions.${move}`, e]);
  }
  if (iv.effects.death !== undefined) out.push([`${p}.death`, iv.effects.death]);
  for (const [target, e] of Object.entries(iv.effects.activity ?? {})) {
    if (e !== undefined) out.push([`${p}.activity.${target}`, e]);
  }
  return out;
}

/** Whether any intervention declares an effect on amenable activity only. */
export function usesAmenableShare(interventions: InterventionSpec[]): boolean {
  return interventions.some((iv) =>
    Object.values(iv.effects.activity ?? {}).some((e) =>
      e !== undefined && isEffectSpec(e) && e.appliesTo === "amenable"
    )
  );
}

/** The relative risk of an effect, whichever way it is written. */
export function effectRr(effect: Effect): ParameterSpec {
  return isEffectSpec(effect) ? effect.rr : effect;
}

/**
 * The effect with its relative risk replaced, keeping what it applies to and its modifiers;
 * `undefined` (no effect) when the relative risk becomes 1 and nothing else is written.
 */
export function withEffectRr(effect: Effect | undefined, rr: ParameterSpec): Effect | undefined {
  if (effect !== undefined && isEffectSpec(effect)) return { ...effect, rr } as EffectSpec;
  return rr === 1 ? undefined : rr;
}

/** A one-line description of what an effect applies to and how it varies (for the editor). */
export function effectScope(effect: Effect | undefined): string | null {
  if (effect === undefined || !isEffectSpec(effect)) return null;
  const parts: string[] = [];
  if (effect.appliesTo === "amenable") parts.push("on the amenable share only");
  if (effect.share !== undefined) parts.push("on a share of it only");
  const by = MODIFIER_GROUPS.filter((g) => Object.keys(effect.modifiers?.[g] ?? {}).length > 0);
  if (by.length) {
    const names = { ageBand: "age band", complexity: "complexity", quintile: "quintile" };
    parts.push(`modified by ${by.map((g) => names[g]).join(", ")}`);
  }
  return parts.length ? parts.join("; ") : null;
}
