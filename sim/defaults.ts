/**
 * Default baseline parameters for the example place's age bands (0-17, 18-74, 75+) and
 * complexity levels (low, middle, high). Each value cites its source or is marked an
 * assumption; the assumptions register in docs/model.md lists them all with their ranges.
 * Ranges are read as 90% intervals and fitted to a distribution (beta for probabilities,
 * lognormal for ratios, gamma for rates and costs) — itself an assumption, since most published
 * ranges are plausible ranges, not confidence intervals.
 */
import type { Estimate } from "./distributions.ts";
import type { BaselineParameters } from "./types.ts";
import { defaultAmenableShare } from "./amenable.ts";

const prob = (central: number, low: number, high: number): Estimate => ({
  central,
  low,
  high,
  level: 0.9,
  family: "beta",
});
const ratio = (central: number, low: number, high: number): Estimate => ({
  central,
  low,
  high,
  level: 0.9,
  family: "lognormal",
});
const normal = (central: number, low: number, high: number): Estimate => ({
  central,
  low,
  high,
  level: 0.9,
  family: "normal",
});
const positive = (central: number, low: number, high: number): Estimate => ({
  central,
  low,
  high,
  level: 0.9,
  family: "gamma",
});

export function defaultBaselineParameters(): BaselineParameters {
  return {
    // No band override: deaths follow the national age curve (ONS 2020-based NPP qx+½ 2023–24,
    // sim/data/demography.ts) by five-year age group, times this multiplier. Its range is an
    // assumption from the gap between the NPP and the National Life Tables 2017–19 (about ±5% at
    // older ages; ONS National Life Tables, England, 2017–2019).
    deathRate: {},
    mortalityMultiplier: ratio(1, 0.93, 1.07),
    // Hazard ratios from eFI grades (Clegg et al., Age Ageing 2016: mild 1.92 (1.81–2.04),
    // moderate 3.10 (2.91–3.31), severe 4.52 (4.16–4.91)). Mapping Middle to mild-to-moderate and
    // High to moderate-to-severe is an assumption; the intervals span the sources' CIs.
    deathHazardRatio: {
      low: 1,
      middle: ratio(2.5, 1.8, 3.3),
      high: ratio(3.8, 2.9, 4.9),
    },
    // Complexity moves (evidence.md table; 0-17 row is an unverified assumption).
    transitions: {
      "0-17": {
        "low->middle": prob(0.01, 0.005, 0.02),
        "middle->high": prob(0.02, 0.01, 0.05),
        "high->middle": prob(0.15, 0.05, 0.30),
        "middle->low": prob(0.05, 0.02, 0.10),
      },
      "18-74": {
        "low->middle": prob(0.05, 0.03, 0.08),
        "middle->high": prob(0.04, 0.02, 0.08),
        "high->middle": prob(0.10, 0.05, 0.40),
        "middle->low": prob(0.02, 0.01, 0.05),
      },
      "75+": {
        "low->middle": prob(0.15, 0.10, 0.25),
        "middle->high": prob(0.10, 0.06, 0.15),
        "high->middle": prob(0.10, 0.05, 0.50),
        "middle->low": prob(0.03, 0.01, 0.08),
      },
    },
    // Most vs least deprived quintile multiplier on worsening: 1.2–1.6 (evidence.md; Bisquera
    // et al. HR 1.30–1.64; Walsh et al. 2023).
    deprivationWorseningRatio: ratio(1.4, 1.2, 1.6),
    // Most / least deprived quintile ratios of activity.
    deprivationGradient: {
      nonElective: ratio(1.75, 1.5, 2.0), // Cookson et al. 2016; Asaria et al. 2016
      ae: ratio(1.9, 1.7, 2.1), // A&E ≈ 1.9× between extreme deciles, 2023/24 (range assumed)
      elective: ratio(1.0, 0.8, 1.2), // assumption: planned care shows little gradient
      gp: ratio(1.1, 1.0, 1.3), // assumption
      community: ratio(1.2, 1.0, 1.4), // assumption
      socialCare: ratio(1.2, 1.0, 1.4), // assumption
    },
    // Births: ONS Births in England and Wales 2023 (591,072, ≈ 9.7 per 1,000); ONS 2020-based NPP
    // 9.6–10.2 per 1,000 for 2020–30.
    entrantsPer1000: positive(9.8, 9.0, 10.6),
    // Net migration: centred on ONS 2020-based NPP national net migration 2024–30 (0-17 5.2,
    // 18-74 2.8, 75+ 0.7 per 1,000). Internal migration within England
    // is zero nationally but large locally, so the intervals are wide (an assumption): they let
    // calibration find a place's own net flows (docs/model.md section 8).
    netMigrationPer1000: {
      "0-17": normal(5.2, -15, 25),
      "18-74": normal(2.8, -15, 20),
      "75+": normal(0.7, -40, 40),
    },
    // ACSC share of non-elective admissions (Blunt 2013 overall; by band an assumption): amenable.ts.
    amenableShare: defaultAmenableShare(),
    // PSSRU Unit Costs of Health and Social Care 2024 / National Cost Collection 2023/24.
    unitCost: {
      nonElectiveReference: 2595,
      electiveReference: 6215,
      ae: 273,
      gp: 45,
      community: 57,
    },
  };
}
