/**
 * Health settings of a model: the discount rate for health effects and the utility parameters
 * (docs/model.md, "Health: life-years and QALYs"). A study writes any part of them under
 * `health`; `resolveHealth` fills the rest from the sourced defaults, once, for every host.
 */
import type { Estimate, ParameterSpec } from "../distributions.ts";
import { STUDY_DEFAULTS } from "../study/defaults.ts";
import { own } from "../validate.ts";
import { defaultUtilityNorm } from "./norms.ts";

export interface HealthParameters {
  /** Annual discount rate of health effects (NICE reference case 3.5%). */
  discountRate: number;
  /** Utility norm (EQ-5D, population mean) by age band: the band's mean utility at year 0. */
  utilityNorm: Record<string, ParameterSpec>;
  /** Utility multiplier by complexity level, relative to the least complex level (1). */
  utilityMultiplier: Record<string, ParameterSpec>;
  /**
   * Most / least deprived quintile ratio of utility within a band and level (normalised so the
   * level's mean is unchanged); absent: no deprivation gradient (the default).
   */
  utilityDeprivationRatio?: ParameterSpec;
}

/** Health settings as a study writes them (every field optional). */
export interface StudyHealth {
  discountRate?: number;
  utility?: {
    norm?: Record<string, ParameterSpec>;
    complexityMultiplier?: Record<string, ParameterSpec>;
    deprivationRatio?: ParameterSpec;
  };
}

const multiplier = (central: number, low: number, high: number, source: string): Estimate => ({
  central,
  low,
  high,
  level: 0.9,
  family: "beta",
  source,
});

/**
 * Utility multipliers by complexity level relative to the least complex (assumptions anchored on
 * Peters et al., Patient Relat Outcome Meas 2018: EQ-5D 0.69 in multimorbid primary care users
 * aged 67 against ≈ 0.84 for the population of that age, a ratio of about 0.82). Beta on the
 * multiplier is the same fit as beta on 1 − multiplier. Levels with other names have no default.
 */
export const DEFAULT_UTILITY_MULTIPLIERS: Record<string, ParameterSpec> = {
  low: 1,
  middle: multiplier(
    0.85,
    0.75,
    0.95,
    "Assumption anchored on Peters et al. 2018 (multimorbidity EQ-5D 0.69 vs ≈ 0.84)",
  ),
  high: multiplier(
    0.7,
    0.55,
    0.85,
    "Assumption anchored on Peters et al. 2018 and Mujica-Mota et al. 2015 (three or more conditions)",
  ),
};

/**
 * The default multiplier of a level: by name (low, middle, high, any case), else by position
 * when there are three levels (least complex first), else 1 — no difference in utility between
 * levels unless the study gives multipliers (docs/model.md, known limitations).
 */
export function defaultMultiplier(level: string, position: number, count: number): ParameterSpec {
  const byName = own(DEFAULT_UTILITY_MULTIPLIERS, level.toLowerCase());
  if (byName !== undefined) return byName;
  if (count === 3) return DEFAULT_UTILITY_MULTIPLIERS[["low", "middle", "high"][position]];
  return 1;
}

/** The default norm of each band, or the band when it has none (its label is not an age range). */
export function defaultNorms(bands: string[]): {
  norms: Record<string, ParameterSpec>;
  missing: string[];
} {
  const norms: Record<string, ParameterSpec> = {};
  const missing: string[] = [];
  for (const band of bands) {
    const d = defaultUtilityNorm(band);
    if (d) norms[band] = d;
    else missing.push(band);
  }
  return { norms, missing };
}

/**
 * The model's health parameters: what the study wrote over the defaults. A band whose label is not
 * an age range has no default norm: check.ts asks the study for one, and prepareModel refuses a
 * bare model input without it.
 */
export function resolveHealth(
  written: StudyHealth | HealthParameters | undefined,
  bands: string[],
  levels: string[],
): HealthParameters {
  if (written && isResolved(written)) return written;
  const w = (written ?? {}) as StudyHealth;
  const norm: Record<string, ParameterSpec> = {};
  const { norms } = defaultNorms(bands);
  for (const band of bands) {
    const spec = own(w.utility?.norm, band) ?? own(norms, band);
    if (spec !== undefined) norm[band] = spec;
  }
  const multipliers: Record<string, ParameterSpec> = {};
  levels.forEach((level, c) => {
    multipliers[level] = own(w.utility?.complexityMultiplier, level) ??
      defaultMultiplier(level, c, levels.length);
  });
  return {
    discountRate: w.discountRate ?? STUDY_DEFAULTS.healthDiscountRate,
    utilityNorm: norm,
    utilityMultiplier: multipliers,
    ...(w.utility?.deprivationRatio !== undefined
      ? { utilityDeprivationRatio: w.utility.deprivationRatio }
      : {}),
  };
}

function isResolved(h: StudyHealth | HealthParameters): h is HealthParameters {
  return Object.hasOwn(h, "utilityNorm");
}
