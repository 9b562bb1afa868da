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
const positive = (central: number, low: number, high: number): Estimate => ({
  central,
  low,
  high,
  level: 0.9,
  family: "gamma",
});

export function defaultBaselineParameters(): BaselineParameters {
  return {
    // Approximate annual death rates by age band (evidence.md "Mortality": 0-17 ≈ 0.02–0.03%,
    // 18-74 ≈ 0.3–0.5%, 75+ ≈ 6–8%; unverified, to be replaced with ONS life tables).
    deathRate: {
      "0-17": prob(0.00025, 0.0002, 0.0003),
      "18-74": prob(0.004, 0.003, 0.005),
      "75+": prob(0.07, 0.06, 0.08),
    },
    // Hazard ratios from eFI grades (Clegg et al., Age Ageing 2016): mild 1.92, moderate 3.10,
    // severe 4.52 → Low 1, Middle 2, High 3.5 (3.1–4.52).
    deathHazardRatio: {
      low: 1,
      middle: ratio(2, 1.7, 2.4),
      high: ratio(3.5, 3.1, 4.52),
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
    // Share of a band ageing out each year: 1 / band width (0-17: 18 years; 18-74: 57 years),
    // assuming ages spread evenly within a band (assumption).
    ageingRate: {
      "0-17": 1 / 18,
      "18-74": prob(1 / 57, 0.012, 0.020),
      "75+": 0,
    },
    // ONS Births in England and Wales 2023: 591,072 live births, ≈ 9.7 per 1,000 population.
    entrantsPer1000: positive(9.7, 8, 12),
    // Assumption: a closed population unless a study says otherwise.
    netMigrationPer1000: { "0-17": 0, "18-74": 0, "75+": 0 },
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
