/**
 * The posterior file and its use. `sim calibrate` writes N draws of the calibrated parameters
 * with the hash of the inputs they were fitted to; a study that names the file runs on it:
 * iteration i takes draw i mod N of the calibrated parameters (every other parameter is drawn
 * from its prior as usual, from the iteration's stream), and the deterministic analysis takes
 * their means. A posterior fitted to other inputs is stale: loading it is a problem that says
 * how to refit. No I/O here: hosts read the file and pass its text in.
 */
import { canonicalJson, fnv1a64, hashInputs } from "../hash.ts";
import type { Registry } from "../parameters.ts";
import { InputError, type Problem } from "../problems.ts";
import { parseJson } from "../study/parse.ts";
import type { BaselineParameters, ModelInput, PosteriorInput } from "../types.ts";
import { validateAgainst } from "../validate.ts";
import {
  type CalibrationTarget,
  MAX_POSTERIOR_BYTES,
  POSTERIOR_SCHEMA,
  type PosteriorFile,
} from "./format.ts";

/** Baseline fields the baseline's dynamics read: the calibration hash covers these only. */
const BASELINE_FIELDS: (keyof BaselineParameters)[] = [
  "deathRate",
  "mortalityMultiplier",
  "deathHazardRatio",
  "transitions",
  "deprivationWorseningRatio",
  "deprivationGradient",
  "entrantsPer1000",
  "netMigrationPer1000",
  "improvingMoves",
  "unitCost",
];

/**
 * Hash of what a fit depends on: the segmentation, the areas' structure, the baseline's
 * parameters (priors), the targets and the calibrated keys. Interventions, scenarios, horizon,
 * cycle length (the fit runs yearly cycles; its parameters are annual rates), names and run
 * settings do not enter, so every study of one place with one baseline shares one posterior.
 */
export function calibrationHash(
  input: ModelInput,
  targets: CalibrationTarget[],
  keys: string[],
): string {
  const baseline: Record<string, unknown> = {};
  for (const f of BASELINE_FIELDS) baseline[f] = input.parameters[f];
  return hashInputs({
    segments: input.segments,
    areas: input.areas.map((a) => ({
      id: a.id,
      level: a.level,
      parent: a.parent,
      scale: a.scale,
      deprivationShift: a.deprivationShift,
    })),
    baseline,
    targets,
    keys,
  });
}

/**
 * The registry keys that patterns name: a key itself, or every key under a prefix
 * ("transitions" → "transitions.18-74.low->middle", …). Baseline parameters only, and only
 * uncertain ones (a fixed number has nothing to fit). Problems name patterns that match none.
 */
export function calibratedKeys(
  registry: Registry,
  patterns: string[],
  at: string,
  /** False for the default list: a default that matches nothing (a study fixed it) is skipped. */
  explicit = true,
): { keys: string[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const keys = new Set<string>();
  const baseline = registry.keys.filter((k, i) =>
    !k.startsWith("interventions.") && registry.distributions[i].dist !== "fixed"
  );
  patterns.forEach((p, i) => {
    const hits = baseline.filter((k) => k === p || k.startsWith(p + "."));
    if (hits.length === 0 && explicit) {
      problems.push({
        at: `${at}[${i}]`,
        message: "no uncertain baseline parameter has this key or starts with it",
        found: JSON.stringify(p),
        expected:
          "a key or prefix such as transitions, netMigrationPer1000.75+ or mortalityMultiplier",
      });
    }
    for (const k of hits) keys.add(k);
  });
  if (keys.size === 0 && problems.length === 0) {
    problems.push({
      at,
      message: "nothing to calibrate: every parameter it would fit is fixed",
      expected: "at least one uncertain baseline parameter",
    });
  }
  return { keys: [...keys].sort(), problems };
}

let lastText: string | null = null;
let lastParsed: { file?: PosteriorFile; hash?: string; problems: Problem[] } | null = null;

/**
 * Parses a posterior file's text; the last one is kept, so a host that checks the same study
 * again (the workbench, as its user types) does not parse it again.
 */
export function parsePosterior(
  text: string,
): { file?: PosteriorFile; hash?: string; problems: Problem[] } {
  if (text === lastText && lastParsed) return lastParsed;
  const result = parseUncached(text);
  lastText = text;
  lastParsed = result;
  return result;
}

function parseUncached(text: string): { file?: PosteriorFile; hash?: string; problems: Problem[] } {
  if (text.length > MAX_POSTERIOR_BYTES) {
    return {
      problems: [{
        at: "(file)",
        message: "the file is too large",
        found: `${text.length} characters`,
        expected: `at most ${MAX_POSTERIOR_BYTES}`,
      }],
    };
  }
  const parsed = parseJson(text, MAX_POSTERIOR_BYTES);
  if (parsed.problems.length) return { problems: parsed.problems };
  const problems = validateAgainst(parsed.value, POSTERIOR_SCHEMA);
  if (problems.length) return { problems };
  const file = parsed.value as PosteriorFile;
  const P = file.parameters.length;
  file.draws.forEach((row, i) => {
    if (row.length !== P && problems.length < 10) {
      problems.push({
        at: `draws[${i}]`,
        message: "a draw has the wrong number of values",
        found: String(row.length),
        expected: `${P} (one per parameter)`,
      });
    }
  });
  if (problems.length) return { problems };
  return { file, hash: fnv1a64(text), problems: [] };
}

/** Checks a posterior against the study it is used by; problems are at `at`. */
export function posteriorProblems(
  file: PosteriorFile,
  expectedHash: string,
  keys: string[],
  at: string,
  studyPath: string,
): Problem[] {
  if (file.fittedTo !== expectedHash) {
    return [{
      at,
      message:
        `the posterior is stale: it was fitted to other inputs (the baseline's parameters, targets, calibrated keys or segmentation have changed since) — refit it with "deno task sim calibrate ${studyPath}"`,
      found: `fitted to inputs ${file.fittedTo}`,
      expected: `a posterior fitted to these inputs (${expectedHash})`,
    }];
  }
  if (canonicalJson(file.parameters) !== canonicalJson(keys)) {
    return [{
      at,
      message:
        `the posterior's parameters are not the ones the study calibrates — refit it with "deno task sim calibrate ${studyPath}"`,
      found: file.parameters.join(", "),
      expected: keys.join(", "),
    }];
  }
  return [];
}

/** A posterior as the engine uses it: registry indices, draws row-major, their means. */
export interface PosteriorUse {
  hash: string;
  keys: string[];
  indices: Int32Array;
  count: number;
  /** count × keys.length values. */
  draws: Float64Array;
  means: Float64Array;
}

/** Prepares a model input's posterior for use; throws InputError on unknown keys. */
export function preparePosterior(posterior: PosteriorInput, registry: Registry): PosteriorUse {
  const P = posterior.parameters.length;
  const unknown = posterior.parameters.filter((k) => !registry.index.has(k));
  if (unknown.length || posterior.draws.some((row) => row.length !== P)) {
    throw new InputError([{
      at: "posterior",
      message: unknown.length
        ? `the posterior has parameters the model does not: ${unknown.join(", ")}`
        : "a posterior draw has the wrong number of values",
    }]);
  }
  const N = posterior.draws.length;
  const draws = new Float64Array(N * P);
  const means = new Float64Array(P);
  posterior.draws.forEach((row, i) => {
    for (let j = 0; j < P; j++) {
      draws[i * P + j] = row[j];
      means[j] += row[j] / N;
    }
  });
  return {
    hash: posterior.hash,
    keys: posterior.parameters,
    indices: Int32Array.from(posterior.parameters, (k) => registry.index.get(k)!),
    count: N,
    draws,
    means,
  };
}

/** Writes posterior draw `iteration mod N` over the calibrated parameters of `values`. */
export function applyPosteriorDraw(
  use: PosteriorUse,
  iteration: number,
  values: Float64Array,
): Float64Array {
  const P = use.keys.length;
  const row = (iteration % use.count) * P;
  for (let j = 0; j < P; j++) values[use.indices[j]] = use.draws[row + j];
  return values;
}

/** Writes the posterior means over the calibrated parameters of `values`. */
export function applyPosteriorMeans(use: PosteriorUse, values: Float64Array): Float64Array {
  for (let j = 0; j < use.keys.length; j++) values[use.indices[j]] = use.means[j];
  return values;
}

/** The model input as it is hashed for results: the posterior by its hash, not its draws. */
export function hashableInput(input: ModelInput): unknown {
  if (!input.posterior) return input;
  return {
    ...input,
    posterior: { hash: input.posterior.hash, parameters: input.posterior.parameters },
  };
}
