/**
 * A checked study to the engine's input: every default filled in (defaults.ts, and the cited
 * baseline parameters of sim/defaults.ts), variants given their original's uptake, costs and
 * effects, and a baseline scenario added when the study has none.
 */
import { own } from "../validate.ts";
import { defaultBaselineParameters } from "../defaults.ts";
import { OVERALL_AMENABLE_SHARE } from "../amenable.ts";
import type { ParameterSpec } from "../distributions.ts";
import { EXAMPLE_PLACE_NAME } from "../example-place.ts";
import {
  type AreaSpec,
  type BaselineParameters,
  type Effect,
  type InterventionSpec,
  isEffectSpec,
  type ModelInput,
  type RunOptions,
  type SegmentRow,
  type TargetingRule,
} from "../types.ts";
import { resolveHealth } from "../health/settings.ts";
import { resolveValue } from "../value/settings.ts";
import { STUDY_DEFAULTS } from "./defaults.ts";
import { BASELINE_NAME, type Study } from "./format.ts";

function mergeRecord<T extends object>(base: T, over: Partial<T> | undefined): T {
  return { ...base, ...(over ?? {}) };
}

/**
 * The amenable shares of the segmentation's bands and levels: the study's over the defaults,
 * and a band that neither names gets the overall ACSC share (Blunt 2013, amenable.ts).
 */
function resolveAmenableShare(
  d: NonNullable<BaselineParameters["amenableShare"]>,
  b: Partial<NonNullable<BaselineParameters["amenableShare"]>> | undefined,
  segments: SegmentRow[],
): NonNullable<BaselineParameters["amenableShare"]> {
  const given = mergeRecord(d.nonElective, b?.nonElective);
  const ratios = mergeRecord(d.complexityRatio ?? {}, b?.complexityRatio);
  const nonElective: Record<string, ParameterSpec> = {};
  for (const band of new Set(segments.map((s) => s.ageBand))) {
    nonElective[band] = own(given, band) ?? OVERALL_AMENABLE_SHARE;
  }
  const complexityRatio: Record<string, ParameterSpec> = {};
  for (const level of new Set(segments.map((s) => s.complexity))) {
    const r = own(ratios, level);
    if (r !== undefined) complexityRatio[level] = r;
  }
  return { nonElective, complexityRatio };
}

/**
 * The effects with each written-out effect's `appliesTo` filled in (defaults.ts); every kind of
 * effect the engine reads is carried over (tests/sim/study/resolve.test.ts).
 */
function resolveEffects(effects: InterventionSpec["effects"]): InterventionSpec["effects"] {
  const one = (e: Effect): Effect =>
    isEffectSpec(e) ? { ...e, appliesTo: e.appliesTo ?? STUDY_DEFAULTS.effectAppliesTo } : e;
  const map = <K extends string>(m: Partial<Record<K, Effect>> | undefined) =>
    m === undefined ? undefined : Object.fromEntries(
      Object.entries(m).map(([k, e]) => [k, one(e as Effect)]),
    ) as Partial<Record<K, Effect>>;
  const out: InterventionSpec["effects"] = {};
  if (effects.transitions !== undefined) {
    out.transitions = map(effects.transitions) as Record<string, Effect>;
  }
  if (effects.death !== undefined) out.death = one(effects.death);
  if (effects.activity !== undefined) out.activity = map(effects.activity);
  // A utility effect is a plain parameter (a change in utility, not a relative risk).
  if (effects.utility !== undefined) out.utility = effects.utility;
  return out;
}

/** Fills defaults: the engine's input and the run options. */
export function resolveStudy(
  study: Study,
  segments: SegmentRow[],
): { input: ModelInput; options: RunOptions } {
  const d = defaultBaselineParameters();
  const b = study.baseline ?? {};
  const transitions = { ...d.transitions };
  for (const [band, moves] of Object.entries(b.transitions ?? {})) {
    transitions[band] = {
      ...(own(d.transitions, band) ?? {}),
      ...(moves as Record<string, ParameterSpec>),
    };
  }
  const parameters: BaselineParameters = {
    deathRate: mergeRecord(d.deathRate, b.deathRate as Record<string, ParameterSpec>),
    mortalityMultiplier: b.mortalityMultiplier ?? d.mortalityMultiplier,
    deathHazardRatio: mergeRecord(
      d.deathHazardRatio,
      b.deathHazardRatio as Record<string, ParameterSpec>,
    ),
    transitions,
    deprivationWorseningRatio: b.deprivationWorseningRatio ?? d.deprivationWorseningRatio,
    deprivationGradient: mergeRecord(d.deprivationGradient, b.deprivationGradient),
    entrantsPer1000: b.entrantsPer1000 ?? d.entrantsPer1000,
    netMigrationPer1000: mergeRecord(
      d.netMigrationPer1000,
      b.netMigrationPer1000 as Record<string, ParameterSpec>,
    ),
    improvingMoves: b.improvingMoves ?? STUDY_DEFAULTS.improvingMoves,
    amenableShare: resolveAmenableShare(d.amenableShare!, b.amenableShare, segments),
    unitCost: mergeRecord(d.unitCost, b.unitCost),
  };
  const written = study.interventions ?? [];
  const ivDefaults = STUDY_DEFAULTS.intervention;
  const interventions: InterventionSpec[] = written.map((iv) => {
    const from = iv.variantOf ? written.find((x) => x.id === iv.variantOf)! : iv;
    return {
      id: iv.id,
      name: iv.name,
      parameterKey: iv.variantOf,
      payer: iv.payer,
      target: iv.target ?? {},
      uptake: from.uptake!,
      capacity: iv.capacity ?? ivDefaults.capacity,
      targeting: (iv.targeting ?? ivDefaults.targeting) as TargetingRule,
      startYear: iv.startYear ?? ivDefaults.startYear,
      rampUpYears: iv.rampUpYears ?? ivDefaults.rampUpYears,
      durationYears: iv.durationYears ?? ivDefaults.durationYears,
      decayPerYear: iv.decayPerYear ?? ivDefaults.decayPerYear,
      costPerParticipant: from.costPerParticipant!,
      fixedCostPerYear: from.fixedCostPerYear ?? ivDefaults.fixedCostPerYear,
      effects: resolveEffects(from.effects!),
    };
  });
  const scenarios = study.scenarios.map((s) => ({ name: s.name, interventions: s.interventions }));
  if (!scenarios.some((s) => s.interventions.length === 0)) {
    scenarios.unshift({ name: BASELINE_NAME, interventions: [] });
  }
  const areas: AreaSpec[] = study.areas ??
    [{ id: "place", name: study.population?.name ?? EXAMPLE_PLACE_NAME, level: "place" }];
  return {
    input: {
      segments,
      areas,
      parameters,
      interventions,
      scenarios,
      horizonYears: study.horizonYears ?? STUDY_DEFAULTS.horizonYears,
      cyclesPerYear: study.cyclesPerYear ?? STUDY_DEFAULTS.cyclesPerYear,
      discountRate: study.discountRate ?? STUDY_DEFAULTS.discountRate,
      health: resolveHealth(
        study.health,
        [...new Set(segments.map((s) => s.ageBand))],
        [...new Set(segments.map((s) => s.complexity))],
      ),
      value: resolveValue(study.value),
    },
    options: {
      iterations: study.iterations ?? STUDY_DEFAULTS.iterations,
      seed: study.seed ?? STUDY_DEFAULTS.seed,
      interval: study.interval ?? STUDY_DEFAULTS.interval,
      uncertainty: study.uncertainty ?? STUDY_DEFAULTS.uncertainty,
    },
  };
}
