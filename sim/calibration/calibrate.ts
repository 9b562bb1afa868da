/**
 * `sim calibrate`: fits the calibrated parameters of a study's baseline to its targets.
 *
 * Each model run is the study's baseline alone (no interventions) to the last target year, in
 * yearly cycles (the calibrated parameters are annual rates, whatever cycle a study runs), in
 * the deterministic cycle code with every count at its expectation, from one set of parameter
 * values: the calibrated parameters from the point being weighed, every other baseline
 * parameter drawn from its prior (so the posterior is of the calibrated parameters with the
 * others' uncertainty integrated out, as runs then draw them). Weights, IMIS rounds and the
 * resampling are imis.ts; the posterior file holds the resampled draws (rounded to six
 * significant digits), the hash of the inputs fitted to and the report.
 */
import { ExpectedDraws } from "../draws.ts";
import { type Distribution, mean, quantile } from "../distributions.ts";
import { simulateScenario, Workspace } from "../engine.ts";
import { createIterationBuffers, type Model, prepareModel, scenarioContexts } from "../model.ts";
import { drawParameters, meanParameters } from "../parameters.ts";
import { quantileSorted } from "../quantiles.ts";
import { recordLength } from "../record.ts";
import { iterationKey, Stream } from "../rng.ts";
import type { ModelInput } from "../types.ts";
import { ENGINE_VERSION } from "../version.ts";
import {
  type CalibrationReport,
  type CalibrationTarget,
  type ParameterFit,
  POSTERIOR_FORMAT,
  type PosteriorFile,
  type TargetFit,
} from "./format.ts";
import { imis, type ImisPoint, normalFrom } from "./imis.ts";
import { calibrationHash } from "./posterior.ts";
import { logLikelihood, targetHorizon, targetInterval, targetReaders } from "./targets.ts";
import { type Transform, transformFor } from "./transform.ts";

export interface CalibrationRequest {
  /** The study's resolved input (its posterior, if any, is ignored). */
  input: ModelInput;
  /** The study's name (recorded in the file). */
  study: string;
  targets: CalibrationTarget[];
  /** Registry keys to fit (calibratedKeys). */
  keys: string[];
  seed: number | string;
  /** Prior samples in the first (SIR) step. */
  samples: number;
  /** Posterior draws to keep. */
  draws: number;
  /** Points per IMIS round (default samples / 10) and most rounds (default 30). */
  roundSize?: number;
  maxRounds?: number;
  onProgress?: (message: string) => void;
}

/** Coverage of the intervals the report shows. */
const REPORT_INTERVAL = 0.95;
/** Significant digits kept in the posterior file. */
const DIGITS = 6;
/** Below this ESS the report warns. */
const SMALL_ESS = 200;

/** The baseline alone, in yearly cycles, to the last target year, without its posterior. */
function baselineModel(input: ModelInput, targets: CalibrationTarget[]): Model {
  return prepareModel({
    ...input,
    interventions: [],
    scenarios: [{ name: "Baseline", interventions: [] }],
    horizonYears: targetHorizon(targets),
    cyclesPerYear: 1,
    posterior: undefined,
  });
}

/** Runs the baseline deterministically from parameter values; returns each target's value. */
export function targetValues(
  model: Model,
  targets: CalibrationTarget[],
): (values: Float64Array) => Float64Array {
  const readers = targetReaders(targets, model.layout, model.record);
  const ws = new Workspace(model.layout, 0);
  const buffers = createIterationBuffers(model);
  const out = new Float64Array(recordLength(model.record));
  const pop = new Float64Array(model.record.years * model.layout.stateCount);
  const draws = new ExpectedDraws();
  return (values) => {
    const [ctx] = scenarioContexts(model, values, buffers);
    simulateScenario(ctx, ws, draws, out, { statePopulation: pop });
    return Float64Array.from(readers, (r) => r.read(out, pop));
  };
}

function round(x: number): number {
  return Number(x.toPrecision(DIGITS));
}

function summary(values: number[], coverage: number): { mean: number; low: number; high: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const tail = (1 - coverage) / 2;
  return {
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    low: quantileSorted(sorted, tail),
    high: quantileSorted(sorted, 1 - tail),
  };
}

/** Fits the posterior; returns the file to write. */
export function calibrate(req: CalibrationRequest): PosteriorFile {
  const { targets, keys } = req;
  const model = baselineModel(req.input, targets);
  const { registry } = model;
  const indices = keys.map((k) => registry.index.get(k)!);
  const priors: Distribution[] = indices.map((i) => registry.distributions[i]);
  const transforms: Transform[] = priors.map(transformFor);
  const P = keys.length;
  const run = targetValues(model, targets);
  const prefix = `calibrate/${req.seed}`;
  const outputs: Float64Array[] = [];

  const logPrior = (z: Float64Array) => {
    let s = 0;
    for (let j = 0; j < P; j++) s += transforms[j].logPrior(z[j]);
    return Number.isFinite(s) ? s : -Infinity;
  };
  /** Point `index`: the other parameters from its prior draw, the calibrated ones from z. */
  const evaluate = (z: Float64Array | null, index: number): ImisPoint => {
    const values = drawParameters(registry, iterationKey(prefix, index));
    const point = z ?? Float64Array.from(indices, (i, j) => transforms[j].toZ(values[i]));
    for (let j = 0; j < P; j++) values[indices[j]] = transforms[j].toTheta(point[j]);
    const x = run(values);
    outputs[index] = x;
    return { z: point, logPrior: logPrior(point), logLikelihood: logLikelihood(x, targets) };
  };

  const initial: ImisPoint[] = [];
  for (let i = 0; i < req.samples; i++) {
    initial.push(evaluate(null, i));
    if ((i + 1) % 1000 === 0) req.onProgress?.(`prior samples: ${i + 1} of ${req.samples}`);
  }
  const roundStream = new Stream().reset(iterationKey(`${prefix}/rounds`, 0), 0);
  const resampleStream = new Stream().reset(iterationKey(`${prefix}/resample`, 0), 0);
  const fit = imis({
    dim: P,
    initial,
    logPrior,
    evaluate: (z, index) => evaluate(z, index),
    draws: req.draws,
    roundSize: req.roundSize ?? Math.max(1, Math.round(req.samples / 10)),
    maxRounds: req.maxRounds ?? 30,
    normal: normalFrom(roundStream),
    uniform: () => resampleStream.uniform(),
    onRound: (k, n) => req.onProgress?.(`IMIS round ${k}: ${n} model runs`),
  });

  const draws = Array.from(fit.resampled, (i) => {
    const z = fit.points[i].z;
    return keys.map((_, j) => round(transforms[j].toTheta(z[j])));
  });
  const report = buildReport(model, req, fit, draws, priors, indices, outputs);
  return {
    format: POSTERIOR_FORMAT,
    fittedTo: calibrationHash(req.input, targets, keys),
    study: req.study,
    engine: ENGINE_VERSION,
    method: fit.rounds > 0 ? "imis" : "sir",
    seed: req.seed,
    priorSamples: req.samples,
    parameters: keys,
    draws,
    report,
  };
}

function buildReport(
  model: Model,
  req: CalibrationRequest,
  fit: ReturnType<typeof imis>,
  draws: number[][],
  priors: Distribution[],
  indices: number[],
  outputs: Float64Array[],
): CalibrationReport {
  const { targets, keys } = req;
  const tail = (1 - REPORT_INTERVAL) / 2;
  const parameters: ParameterFit[] = keys.map((key, j) => ({
    key,
    prior: {
      mean: mean(priors[j]),
      low: quantile(priors[j], tail),
      high: quantile(priors[j], 1 - tail),
    },
    posterior: summary(draws.map((d) => d[j]), REPORT_INTERVAL),
  }));
  // The deterministic analysis: calibrated parameters at their posterior means, the rest at
  // their prior means.
  const values = meanParameters(model.registry);
  indices.forEach((i, j) => (values[i] = parameters[j].posterior.mean));
  const atMeans = targetValues(model, targets)(values);
  const priorRuns = outputs.slice(0, req.samples);
  const posteriorRuns = Array.from(fit.resampled, (i) => outputs[i]);
  const warnings: string[] = [];
  const targetFits: TargetFit[] = targets.map((t, k) => {
    const interval = targetInterval(t);
    const inside = atMeans[k] >= interval.low && atMeans[k] <= interval.high;
    const fitK: TargetFit = {
      name: t.name,
      kind: t.annualGrowth ? "growth" : "level",
      target: interval,
      prior: summary(priorRuns.map((x) => x[k]), REPORT_INTERVAL),
      posterior: summary(posteriorRuns.map((x) => x[k]), REPORT_INTERVAL),
      atPosteriorMeans: atMeans[k],
      inside,
    };
    if (!inside) {
      warnings.push(
        `poor fit: "${t.name}" is ${
          atMeans[k].toPrecision(3)
        } in the deterministic analysis, outside its interval ${interval.low}–${interval.high}`,
      );
    }
    if (fitK.posterior.high < interval.low || fitK.posterior.low > interval.high) {
      warnings.push(
        `poor fit: the posterior interval of "${t.name}" does not overlap the target's interval`,
      );
    }
    return fitK;
  });
  const unique = new Set(fit.resampled).size;
  if (fit.ess < SMALL_ESS) {
    warnings.push(
      `few effective samples (ESS ${
        fit.ess.toFixed(0)
      }): run more samples (--samples) or rounds (--rounds)`,
    );
  }
  if (fit.rounds > 0 && !fit.converged) {
    warnings.push(
      `IMIS stopped after ${fit.rounds} rounds before its stopping rule was met (expected distinct draws ${
        fit.expectedUnique.toFixed(0)
      } of ${req.draws})`,
    );
  }
  return {
    interval: REPORT_INTERVAL,
    ess: fit.ess,
    uniqueDraws: unique,
    imisRounds: fit.rounds,
    samples: fit.points.length,
    targets: targetFits,
    parameters,
    warnings,
  };
}
