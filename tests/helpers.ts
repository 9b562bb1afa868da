/**
 * Shared test fixtures: the example place with interventions, fixed-parameter variants, and
 * the engine's API on a bare ModelInput (no study file).
 */
import { buildLayout } from "../sim/population.ts";
import { resolveHealth } from "../sim/health/settings.ts";
import { deterministic, runStudy } from "../sim/api.ts";
import { mean, type ParameterSpec, toDistribution } from "../sim/distributions.ts";
import { exampleModelInput } from "../sim/example-model.ts";
import { prepareModel } from "../sim/model.ts";
import type { Results } from "../sim/summary.ts";
import type { InterventionSpec, ModelInput, RunOptions } from "../sim/types.ts";
import type { ReadFile } from "../sim/study/prepare.ts";
import { EXAMPLE_PLACE_CSV } from "../sim/example-place.ts";

export const SCENARIOS_DIR = new URL("../scenarios/", import.meta.url);

/**
 * A file reader for prepareStudy: `csv` for the segmentation, the shipped files (the example
 * place's calibration targets and posterior) for the rest, as a study in scenarios/ names them.
 */
export function scenarioFiles(csv: string = EXAMPLE_PLACE_CSV): ReadFile {
  return (path, kind) => {
    if (kind === "population") return { text: csv };
    try {
      return { text: Deno.readTextFileSync(new URL(path, SCENARIOS_DIR)) };
    } catch {
      return { problem: { at: "(file)", message: "no such file", file: path } };
    }
  };
}

/**
 * A shipped study's text with its calibration files named by absolute path, so a copy in a
 * temporary directory still finds them.
 */
export function portableStudy(text: string): string {
  const study = JSON.parse(text);
  if (study.calibration) {
    for (const key of ["targets", "posterior"]) {
      const value = study.calibration[key];
      if (typeof value === "string") {
        study.calibration[key] = new URL(value, SCENARIOS_DIR).pathname;
      }
    }
  }
  return JSON.stringify(study, null, 2);
}

/** Monte Carlo of a model input in this thread (runStudy, without the split by intervention). */
export async function simulate(input: ModelInput, options: RunOptions): Promise<Results> {
  const run = await runStudy({ model: prepareModel(input) }, { ...options, decompose: false });
  return run.results;
}

/** Deterministic (expected) values of a model input. */
export function expected(input: ModelInput): Results {
  return deterministic({ model: prepareModel(input) });
}

export const lognormal = (central: number, low: number, high: number): ParameterSpec => ({
  central,
  low,
  high,
  level: 0.95,
  family: "lognormal",
});

export function frailtyIntervention(overrides: Partial<InterventionSpec> = {}): InterventionSpec {
  return {
    id: "frailty",
    name: "Proactive care for frail older people",
    target: { ageBands: ["75+"], complexity: ["middle", "high"] },
    uptake: [0.45, 0.5, 0.55, 0.55, 0.6],
    capacity: 3000,
    targeting: "highest-risk",
    startYear: 1,
    rampUpYears: 2,
    durationYears: null,
    decayPerYear: 1,
    costPerParticipant: 400,
    fixedCostPerYear: 150000,
    effects: {
      activity: { nonElective: lognormal(0.81, 0.72, 0.91), gp: lognormal(1.1, 1.0, 1.2) },
      transitions: { worsening: lognormal(0.85, 0.7, 1.0) },
      death: lognormal(0.95, 0.85, 1.05),
    },
    ...overrides,
  };
}

export function fallsIntervention(overrides: Partial<InterventionSpec> = {}): InterventionSpec {
  return {
    id: "falls",
    name: "Falls prevention exercise",
    target: { ageBands: ["75+"] },
    uptake: 0.3,
    capacity: null,
    targeting: "proportional",
    startYear: 2,
    rampUpYears: 0,
    durationYears: 3,
    decayPerYear: 0.5,
    costPerParticipant: 250,
    fixedCostPerYear: 50000,
    effects: {
      activity: { nonElective: lognormal(0.9, 0.8, 1.0), ae: lognormal(0.85, 0.75, 0.95) },
    },
    ...overrides,
  };
}

/** The example place with a baseline and two scenarios (one per intervention). */
export function exampleStudy(): ModelInput {
  const input = exampleModelInput();
  input.interventions = [frailtyIntervention(), fallsIntervention()];
  input.scenarios = [
    { name: "Baseline", interventions: [] },
    { name: "Frailty", interventions: ["frailty"] },
    { name: "Frailty + falls", interventions: ["frailty", "falls"] },
  ];
  return input;
}

/** Replaces every distribution in a value tree by its mean (parameters become fixed). */
export function fixParameters<T>(value: T): T {
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(visit);
    if (v && typeof v === "object") {
      if ("central" in v || "dist" in v) return mean(toDistribution(v as ParameterSpec));
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x)]));
    }
    return v;
  };
  const fixed = visit(value) as T;
  // A model input's health settings default in prepareModel (with uncertain norms and
  // multipliers): fill them in here so that they are fixed too.
  const input = fixed as unknown as ModelInput;
  if (input && typeof input === "object" && Array.isArray(input.segments) && !input.health) {
    const layout = buildLayout(input.segments, input.areas);
    input.health = visit(resolveHealth(undefined, layout.ageBands, layout.levels)) as ModelInput[
      "health"
    ];
  }
  return fixed;
}
