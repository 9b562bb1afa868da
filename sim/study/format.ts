/**
 * The study file format: the types of a study as written (most fields optional; defaults in
 * defaults.ts, filled in by resolve.ts). The JSON Schema that checks it is schema.ts.
 */
import type { AreaSpec, BaselineParameters, InterventionSpec, UncertaintyMode } from "../types.ts";
import type { StudyCalibration } from "../calibration/format.ts";
import type { StudyHealth } from "../health/settings.ts";
import type { StudyValue } from "../value/settings.ts";

/** The version of the study format described here (versions.ts keeps the history and upgrades). */
export const SCHEMA_VERSION = 2;

export interface LogicModel {
  problem: string;
  intervention: string;
  outputs: string;
  outcomes: string;
  impact: string;
}

/** A logic model's fields, in order, with their labels. */
export const LOGIC_MODEL_FIELDS: readonly (readonly [keyof LogicModel, string])[] = [
  ["problem", "Problem"],
  ["intervention", "Intervention"],
  ["outputs", "Outputs"],
  ["outcomes", "Outcomes"],
  ["impact", "Impact"],
];

export interface StudyScenario {
  name: string;
  description?: string;
  interventions: string[];
  logicModel?: LogicModel;
  outcomes?: { measure: string; lifeStage: string; description?: string }[];
}

export interface Assertion {
  name?: string;
  scenario: string;
  measure: string;
  year?: number;
  compare?: "difference" | "level";
  below?: number;
  above?: number;
  notWidening?: boolean;
  probability?: number;
  /**
   * Why the assertion says what it says, written when an assertion is changed (e.g. a source's
   * interval that includes no effect makes "reduces admissions with p ≥ 0.9" untenable).
   */
  reason?: string;
}

/** An intervention as written in a study: most fields optional, defaults filled on resolution. */
export interface StudyIntervention extends Partial<Omit<InterventionSpec, "id" | "name">> {
  id: string;
  name: string;
  description?: string;
  source?: string;
  /** Why it is modelled as it is (free text beside its source). */
  rationale?: string;
  /** Shares uptake, costs and effects (and their draws) with this intervention. */
  variantOf?: string;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

export interface Study {
  $schema?: string;
  /** The version of the format (versions.ts); a study read from an older file is upgraded. */
  schemaVersion?: number;
  name: string;
  description?: string;
  population?: { source: "example" | "csv"; path?: string; name?: string };
  areas?: AreaSpec[];
  horizonYears?: number;
  cyclesPerYear?: number;
  iterations?: number;
  seed?: number | string;
  discountRate?: number;
  interval?: number;
  /** What each Monte Carlo iteration draws (default "parameters+counts"). */
  uncertainty?: UncertaintyMode;
  baseline?: DeepPartial<BaselineParameters>;
  /** Calibration targets and the posterior file runs use (docs/model.md section 3). */
  calibration?: StudyCalibration;
  /** Health discount rate and utilities (sim/health/settings.ts). */
  health?: StudyHealth;
  /** Thresholds, curves, EVPPI groups and budget assumptions (sim/value/settings.ts). */
  value?: StudyValue;
  interventions?: StudyIntervention[];
  scenarios: StudyScenario[];
  assertions?: Assertion[];
}

/** The name given to the baseline scenario when a study does not write one. */
export const BASELINE_NAME = "Baseline";
