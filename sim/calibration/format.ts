/**
 * The calibration formats: a study's `calibration` section, the targets it declares (inline or
 * in a targets file) and the posterior file `sim calibrate` writes. Each has a JSON Schema that
 * the validator (validate.ts) interprets, so every problem names its file and JSON path.
 */
import type { Schema } from "../study/schema.ts";

/** A central value with an interval of coverage `level` (0.8, 0.9 or 0.95). */
export interface TargetInterval {
  central: number;
  low: number;
  high: number;
  level: number;
}

/**
 * One calibration target: the population (all, or of one age band, or of one segment) or the
 * service cost per person, either as its compound annual growth from `fromYear` to `year` or as
 * its level in `year`, with the interval the source gives.
 */
export interface CalibrationTarget {
  name: string;
  quantity: "population" | "spendPerHead";
  ageBand?: string;
  complexity?: string;
  /** Start of a growth target (default 0, the published table). */
  fromYear?: number;
  year: number;
  annualGrowth?: TargetInterval;
  value?: TargetInterval;
  source: string;
}

export interface TargetsFile {
  $schema?: string;
  name: string;
  description?: string;
  targets: CalibrationTarget[];
}

/** A study's calibration section. */
export interface StudyCalibration {
  /** A targets file (path relative to the study) or the targets themselves. */
  targets: string | CalibrationTarget[];
  /** Parameter keys (or key prefixes such as "transitions") that calibration fits. */
  parameters?: string[];
  /** The posterior file (path relative to the study) that runs use. */
  posterior: string;
}

/** Prior against posterior for one calibrated parameter. */
export interface ParameterFit {
  key: string;
  prior: { mean: number; low: number; high: number };
  posterior: { mean: number; low: number; high: number };
}

/** One target against the model's output: at the prior and over the posterior draws. */
export interface TargetFit {
  name: string;
  /** "growth" (compound annual) or "level". */
  kind: "growth" | "level";
  target: TargetInterval;
  prior: { mean: number; low: number; high: number };
  posterior: { mean: number; low: number; high: number };
  /** The deterministic analysis (every parameter at its posterior or prior mean). */
  atPosteriorMeans: number;
  /** Whether the deterministic value lies inside the target's interval. */
  inside: boolean;
}

export interface CalibrationReport {
  /** Coverage of the prior and posterior intervals shown. */
  interval: number;
  /** Effective sample size of the importance weights (Kish): 1 / Σ w². */
  ess: number;
  /** Distinct model runs that carry the resampled draws. */
  uniqueDraws: number;
  /** Rounds of IMIS after the first sampling–importance–resampling step (0: SIR alone). */
  imisRounds: number;
  /** Model runs in all. */
  samples: number;
  targets: TargetFit[];
  parameters: ParameterFit[];
  /** Plain-language warnings: targets missed, a small ESS. */
  warnings: string[];
}

export const POSTERIOR_FORMAT = "careshift-posterior-1";

export interface PosteriorFile {
  format: typeof POSTERIOR_FORMAT;
  /** Hash of the inputs the posterior was fitted to (calibrationHash). */
  fittedTo: string;
  /** The study the fit was run from (informative). */
  study: string;
  engine: string;
  method: "sir" | "imis";
  seed: number | string;
  /** Prior samples in the first step. */
  priorSamples: number;
  parameters: string[];
  /** N rows of parameter values, in `parameters` order. */
  draws: number[][];
  report: CalibrationReport;
}

/** The parameters calibration fits when a study does not say. */
export const DEFAULT_CALIBRATED = [
  "transitions",
  "netMigrationPer1000",
  "mortalityMultiplier",
  "entrantsPer1000",
];

/** Most draws a posterior file may hold, and most parameters. */
export const MAX_POSTERIOR_DRAWS = 10_000;
export const MAX_CALIBRATED = 200;
export const MAX_TARGETS = 100;
/** Largest posterior file accepted. */
export const MAX_POSTERIOR_BYTES = 20_000_000;

const interval: Schema = {
  type: "object",
  properties: {
    central: { type: "number" },
    low: { type: "number" },
    high: { type: "number" },
    level: { enum: [0.8, 0.9, 0.95] },
  },
  required: ["central", "low", "high", "level"],
  additionalProperties: false,
};

export const TARGET_SCHEMA: Schema = {
  type: "object",
  description: "A calibration target with the interval its source gives.",
  properties: {
    name: { type: "string", minLength: 1, maxLength: 200 },
    quantity: { enum: ["population", "spendPerHead"] },
    ageBand: { type: "string", maxLength: 80 },
    complexity: { type: "string", maxLength: 80 },
    fromYear: { type: "integer", minimum: 0, maximum: 50 },
    year: { type: "integer", minimum: 1, maximum: 50 },
    annualGrowth: interval,
    value: interval,
    source: { type: "string", minLength: 1, maxLength: 5000 },
  },
  required: ["name", "quantity", "year", "source"],
  additionalProperties: false,
};

export const TARGETS_FILE_SCHEMA: Schema = {
  type: "object",
  properties: {
    $schema: { type: "string", maxLength: 5000 },
    name: { type: "string", minLength: 1, maxLength: 200 },
    description: { type: "string", maxLength: 5000 },
    targets: { type: "array", items: TARGET_SCHEMA, minItems: 1, maxItems: MAX_TARGETS },
  },
  required: ["name", "targets"],
  additionalProperties: false,
};

export const STUDY_CALIBRATION_SCHEMA: Schema = {
  type: "object",
  description:
    "Calibration of the baseline to declared targets (sim calibrate); runs use the posterior file's draws.",
  properties: {
    targets: {
      description: "A targets file (path relative to the study) or the targets themselves.",
      oneOf: [
        { type: "string", minLength: 1, maxLength: 500 },
        { type: "array", items: TARGET_SCHEMA, minItems: 1, maxItems: MAX_TARGETS },
      ],
    },
    parameters: {
      type: "array",
      description:
        'Parameter keys or key prefixes to fit (default: "transitions", "netMigrationPer1000", "mortalityMultiplier", "entrantsPer1000").',
      items: { type: "string", minLength: 1, maxLength: 200 },
      minItems: 1,
      maxItems: MAX_CALIBRATED,
      uniqueItems: true,
    },
    posterior: {
      type: "string",
      minLength: 1,
      maxLength: 500,
      description: "The posterior file (path relative to the study) that runs use.",
    },
  },
  required: ["targets", "posterior"],
  additionalProperties: false,
};

const summaryRange: Schema = {
  type: "object",
  properties: { mean: { type: "number" }, low: { type: "number" }, high: { type: "number" } },
  required: ["mean", "low", "high"],
  additionalProperties: false,
};

export const POSTERIOR_SCHEMA: Schema = {
  type: "object",
  properties: {
    format: { const: POSTERIOR_FORMAT },
    fittedTo: { type: "string", pattern: "^[0-9a-f]{16}$" },
    study: { type: "string", maxLength: 200 },
    engine: { type: "string", maxLength: 40 },
    method: { enum: ["sir", "imis"] },
    seed: { anyOf: [{ type: "integer" }, { type: "string", maxLength: 100 }] },
    priorSamples: { type: "integer", minimum: 1 },
    parameters: {
      type: "array",
      items: { type: "string", minLength: 1, maxLength: 200 },
      minItems: 1,
      maxItems: MAX_CALIBRATED,
      uniqueItems: true,
    },
    draws: {
      type: "array",
      minItems: 1,
      maxItems: MAX_POSTERIOR_DRAWS,
      items: { type: "array", items: { type: "number" }, maxItems: MAX_CALIBRATED },
    },
    report: {
      type: "object",
      properties: {
        interval: { type: "number" },
        ess: { type: "number" },
        uniqueDraws: { type: "integer" },
        imisRounds: { type: "integer" },
        samples: { type: "integer" },
        targets: {
          type: "array",
          items: {
            type: "object",
            properties: {
              name: { type: "string" },
              kind: { enum: ["growth", "level"] },
              target: interval,
              prior: summaryRange,
              posterior: summaryRange,
              atPosteriorMeans: { type: "number" },
              inside: { type: "boolean" },
            },
            required: [
              "name",
              "kind",
              "target",
              "prior",
              "posterior",
              "atPosteriorMeans",
              "inside",
            ],
            additionalProperties: false,
          },
        },
        parameters: {
          type: "array",
          items: {
            type: "object",
            properties: { key: { type: "string" }, prior: summaryRange, posterior: summaryRange },
            required: ["key", "prior", "posterior"],
            additionalProperties: false,
          },
        },
        warnings: { type: "array", items: { type: "string" } },
      },
      required: [
        "interval",
        "ess",
        "uniqueDraws",
        "imisRounds",
        "samples",
        "targets",
        "parameters",
        "warnings",
      ],
      additionalProperties: false,
    },
  },
  required: [
    "format",
    "fittedTo",
    "study",
    "engine",
    "method",
    "seed",
    "priorSamples",
    "parameters",
    "draws",
    "report",
  ],
  additionalProperties: false,
};
