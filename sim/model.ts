/**
 * A prepared model: the input checked for structure, the state layout, the year-0 population,
 * the segment calibration and the parameter registry — everything that does not change between
 * iterations. `scenarioContexts` then builds one iteration's rates and interventions.
 */
import {
  buildInterventionRuntime,
  type InterventionPlan,
  type InterventionRuntime,
  planIntervention,
} from "./interventions.ts";
import { type AmenablePlan, amenableShares, planAmenable } from "./amenable.ts";
import { buildRegistry, drawParameters, meanParameters, type Registry } from "./parameters.ts";
import {
  applyPosteriorDraw,
  applyPosteriorMeans,
  type PosteriorUse,
  preparePosterior,
} from "./calibration/posterior.ts";
import { type IterationKey, iterationKey } from "./rng.ts";
import { buildLayout, initialCounts, type StateLayout } from "./population.ts";
import { InputError, type Problem } from "./problems.ts";
import {
  buildRates,
  calibrateSegments,
  createRates,
  planRates,
  type Rates,
  type RatesPlan,
  type SegmentCalibration,
} from "./rates.ts";
import { type RecordLayout, recordLayout } from "./record.ts";
import { type MeasureCatalogue, measureCatalogue } from "./measures.ts";
import type { ScenarioContext } from "./engine.ts";
import { type HealthParameters, resolveHealth } from "./health/settings.ts";
import { buildUtility, planUtility, type UtilityPlan } from "./health/utility.ts";
import { resolveValue, type ValueSettings } from "./value/settings.ts";
import type { ModelInput } from "./types.ts";

export interface Model {
  input: ModelInput;
  layout: StateLayout;
  initial: Float64Array;
  calibration: SegmentCalibration[];
  registry: Registry;
  ratesPlan: RatesPlan;
  record: RecordLayout;
  /** The study's measures: what each record means (measures.ts). */
  measures: MeasureCatalogue;
  /** For each scenario, the indices of its interventions in input.interventions. */
  scenarioInterventions: number[][];
  /** Each of input.interventions, planned once. */
  interventionPlans: InterventionPlan[];
  /** The amenable shares, when an effect applies to amenable activity (else null). */
  amenablePlan: AmenablePlan | null;
  /** The calibrated parameters' posterior, when the study has one (their priors otherwise). */
  posterior: PosteriorUse | null;
  /** Health discount rate and utility parameters, defaults filled in. */
  health: HealthParameters;
  utilityPlan: UtilityPlan;
  /** For each of input.interventions, its utility effect's registry index (−1: none). */
  utilityEffect: Int32Array;
  /** Thresholds and value-for-money settings, defaults filled in. */
  value: ValueSettings;
}

/** Prepares a model; throws InputError when the input cannot be simulated. */
export function prepareModel(input: ModelInput): Model {
  const problems: Problem[] = [];
  const ids = new Map(input.interventions.map((iv, i) => [iv.id, i]));
  const scenarioInterventions = input.scenarios.map((sc, k) =>
    sc.interventions.map((id, j) => {
      const i = ids.get(id);
      if (i === undefined) {
        problems.push({
          at: `scenarios[${k}].interventions[${j}]`,
          message: `no intervention has the id "${id}"`,
          expected: [...ids.keys()].join(", ") || "an intervention id",
        });
      }
      return i ?? -1;
    })
  );
  if (!input.scenarios.some((s) => s.interventions.length === 0)) {
    problems.push({
      at: "scenarios",
      message: "no baseline: one scenario must have no interventions",
    });
  }
  if (input.interventions.some((iv) => iv.startYear < 1)) {
    problems.push({ at: "interventions", message: "interventions start in year 1 or later" });
  }
  if (problems.length) throw new InputError(problems);
  const layout = buildLayout(input.segments, input.areas);
  const calibration = calibrateSegments(input.segments, input.parameters.unitCost);
  const initial = initialCounts(layout, input.segments, input.areas);
  const health = resolveHealth(input.health, layout.ageBands, layout.levels);
  const value = resolveValue(input.value);
  const registry = buildRegistry(input.parameters, input.interventions, health);
  const record = recordLayout(
    input.horizonYears + 1,
    layout.levels.length,
    layout.areas.length,
    input.interventions.length,
  );
  return {
    input,
    layout,
    initial,
    calibration,
    registry,
    ratesPlan: planRates(layout, registry, initial, calibration),
    record,
    measures: measureCatalogue(
      { interventions: input.interventions, levels: layout.levels, thresholds: value.thresholds },
      record.years,
    ),
    scenarioInterventions,
    interventionPlans: input.interventions.map((iv) => planIntervention(iv, layout, registry)),
    amenablePlan: planAmenable(layout, registry, initial, calibration),
    posterior: input.posterior ? preparePosterior(input.posterior, registry) : null,
    health,
    utilityPlan: planUtility(layout, registry, initial),
    utilityEffect: Int32Array.from(
      input.interventions,
      (iv) => registry.index.get(`interventions.${iv.parameterKey ?? iv.id}.effects.utility`) ?? -1,
    ),
    value,
  };
}

/**
 * Iteration `iteration`'s parameter values: every parameter drawn from its prior in key order
 * from the iteration's stream, then the calibrated ones replaced by posterior draw
 * `iteration mod N` (so the other parameters' draws do not depend on whether there is one).
 */
export function iterationParameters(
  model: Model,
  seed: number | string,
  iteration: number,
  key: IterationKey = iterationKey(seed, iteration),
): Float64Array {
  const values = drawParameters(model.registry, key);
  return model.posterior ? applyPosteriorDraw(model.posterior, iteration, values) : values;
}

/** The deterministic analysis's values: prior means, and posterior means where calibrated. */
export function deterministicParameters(model: Model): Float64Array {
  const values = meanParameters(model.registry);
  return model.posterior ? applyPosteriorMeans(model.posterior, values) : values;
}

/** Index of the baseline scenario (the first with no interventions). */
export function baselineIndex(model: Model): number {
  return model.input.scenarios.findIndex((s) => s.interventions.length === 0);
}

/** Buffers that one iteration's rates and interventions are refilled into, iteration after iteration. */
export interface IterationBuffers {
  rates: Rates;
  runtimes: InterventionRuntime[];
  /** Each state's amenable share (when the model uses them). */
  amenable: Float64Array | null;
  utility: Float64Array;
}

export function createIterationBuffers(model: Model): IterationBuffers {
  return {
    rates: createRates(model.layout),
    runtimes: [],
    amenable: model.amenablePlan ? new Float64Array(model.layout.stateCount) : null,
    utility: new Float64Array(model.layout.stateCount),
  };
}

/** Each state's amenable share for one set of parameter values (null when none is used). */
export function stateAmenableShares(
  model: Model,
  values: Float64Array,
  into?: Float64Array | null,
): Float64Array | null {
  if (!model.amenablePlan) return null;
  return amenableShares(
    model.amenablePlan,
    model.layout,
    values,
    into ?? new Float64Array(model.layout.stateCount),
  );
}

/**
 * One iteration's context for every scenario, from one set of parameter values. With `reuse`,
 * the contexts share its buffers, so they hold only until the next call with the same buffers.
 */
export function scenarioContexts(
  model: Model,
  values: Float64Array,
  reuse?: IterationBuffers,
): ScenarioContext[] {
  const rates = buildRates(
    model.layout,
    model.ratesPlan,
    values,
    model.initial,
    model.input.parameters.improvingMoves === "balanced",
    reuse?.rates,
  );
  const amenable = stateAmenableShares(model, values, reuse?.amenable);
  const runtimes = model.interventionPlans.map((plan, i) =>
    buildInterventionRuntime(plan, model.layout, rates, values, amenable, reuse?.runtimes[i])
  );
  if (reuse) reuse.runtimes = runtimes;
  const utility = buildUtility(model.layout, model.utilityPlan, values, reuse?.utility);
  const gain = (i: number) => (model.utilityEffect[i] < 0 ? 0 : values[model.utilityEffect[i]]);
  return model.scenarioInterventions.map((indices) => ({
    layout: model.layout,
    rates,
    initial: model.initial,
    runtimes: indices.map((i) => runtimes[i]),
    fieldOf: indices,
    cyclesPerYear: model.input.cyclesPerYear,
    record: model.record,
    utility,
    utilityGain: Float64Array.from(indices, gain),
  }));
}
