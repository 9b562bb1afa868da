/**
 * The parameter registry: every uncertain number of a study (baseline and interventions) under
 * a stable key such as `transitions.18-74.middle->high` or `interventions.falls.effects.activity.nonElective`.
 * Each iteration draws all of them once, in key order, from the iteration's parameter stream;
 * the baseline and every scenario then read the same values (common random numbers).
 */
import type { Distribution, ParameterSpec } from "./distributions.ts";
import { mean, sample, toDistribution } from "./distributions.ts";
import type { IterationKey } from "./rng.ts";
import { HEALTH_PARAMETER_SITE, PARAMETER_SITE, Stream } from "./rng.ts";
import type { HealthParameters } from "./health/settings.ts";
import type { BaselineParameters, InterventionSpec } from "./types.ts";
import { effectParameters, interventionEffects, usesAmenableShare } from "./effects.ts";

export interface Registry {
  keys: string[];
  distributions: Distribution[];
  index: Map<string, number>;
  /**
   * 1 for a health parameter (utility norms, multipliers and effects), drawn from a stream of
   * its own (HEALTH_PARAMETER_SITE) so that adding or changing one leaves every other draw as it
   * was; 0 for the rest.
   */
  health: Uint8Array;
}

/** Collects every parameter; keys are sorted so the draw order does not depend on input order. */
export function buildRegistry(
  baseline: BaselineParameters,
  interventions: InterventionSpec[],
  health?: HealthParameters,
): Registry {
  const specs = new Map<string, ParameterSpec>();
  const healthKeys = new Set<string>();
  const put = (key: string, spec: ParameterSpec) => specs.set(key, spec);
  const putHealth = (key: string, spec: ParameterSpec) => {
    specs.set(key, spec);
    healthKeys.add(key);
  };
  const putAll = (prefix: string, record: Record<string, ParameterSpec> | undefined) => {
    for (const [k, v] of Object.entries(record ?? {})) put(`${prefix}.${k}`, v);
  };
  putAll("deathRate", baseline.deathRate);
  put("mortalityMultiplier", baseline.mortalityMultiplier);
  putAll("deathHazardRatio", baseline.deathHazardRatio);
  for (const [band, moves] of Object.entries(baseline.transitions)) {
    putAll(`transitions.${band}`, moves);
  }
  put("deprivationWorseningRatio", baseline.deprivationWorseningRatio);
  putAll("deprivationGradient", baseline.deprivationGradient);
  put("entrantsPer1000", baseline.entrantsPer1000);
  putAll("netMigrationPer1000", baseline.netMigrationPer1000);
  // The amenable shares are drawn only when an effect uses them, so a study without one draws
  // exactly what it drew before they existed.
  if (baseline.amenableShare && usesAmenableShare(interventions)) {
    putAll("amenableShare.nonElective", baseline.amenableShare.nonElective);
    putAll("amenableShare.complexityRatio", baseline.amenableShare.complexityRatio);
  }
  for (const iv of interventions) {
    const p = `interventions.${iv.parameterKey ?? iv.id}`;
    const uptake = Array.isArray(iv.uptake) ? iv.uptake : [iv.uptake];
    uptake.forEach((u, q) => put(`${p}.uptake.${q + 1}`, u));
    put(`${p}.costPerParticipant`, iv.costPerParticipant);
    put(`${p}.fixedCostPerYear`, iv.fixedCostPerYear);
    for (const [key, effect] of interventionEffects(iv)) {
      for (const [k, spec] of effectParameters(key, effect)) put(k, spec);
    }
    if (iv.effects.utility !== undefined) putHealth(`${p}.effects.utility`, iv.effects.utility);
  }
  if (health) {
    for (const [k, v] of Object.entries(health.utilityNorm)) putHealth(`utility.norm.${k}`, v);
    for (const [k, v] of Object.entries(health.utilityMultiplier)) {
      putHealth(`utility.multiplier.${k}`, v);
    }
    if (health.utilityDeprivationRatio !== undefined) {
      putHealth("utility.deprivationRatio", health.utilityDeprivationRatio);
    }
  }
  const keys = [...specs.keys()].sort();
  return {
    keys,
    distributions: keys.map((k) => toDistribution(specs.get(k)!)),
    index: new Map(keys.map((k, i) => [k, i])),
    health: Uint8Array.from(keys, (k) => (healthKeys.has(k) ? 1 : 0)),
  };
}

/**
 * One iteration's values, drawn in key order: health parameters from the iteration's health
 * parameter stream, the rest from its parameter stream.
 */
export function drawParameters(registry: Registry, key: IterationKey): Float64Array {
  const stream = new Stream().reset(key, PARAMETER_SITE);
  const healthStream = new Stream().reset(key, HEALTH_PARAMETER_SITE);
  const values = new Float64Array(registry.keys.length);
  for (let i = 0; i < values.length; i++) {
    values[i] = sample(registry.distributions[i], registry.health[i] ? healthStream : stream);
  }
  return values;
}

/** Every parameter at its mean (expected-value mode). */
export function meanParameters(registry: Registry): Float64Array {
  return Float64Array.from(registry.distributions, mean);
}

/** Reads parameters by key from one set of values. */
export class ParameterValues {
  constructor(readonly registry: Registry, readonly values: Float64Array) {}

  get(key: string): number {
    const i = this.registry.index.get(key);
    if (i === undefined) throw new Error(`no parameter ${key}`);
    return this.values[i];
  }

  /** The value of `key`, or `fallback` when the study does not define it. */
  getOr(key: string, fallback: number): number {
    const i = this.registry.index.get(key);
    return i === undefined ? fallback : this.values[i];
  }
}
