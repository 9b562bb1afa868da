/**
 * The engine's input and output vocabulary. A `ModelInput` is what the engine simulates: a
 * population (segments × deprivation quintiles × areas), baseline parameters, interventions and
 * scenarios. Study files (issue 3) are validated and resolved into this shape.
 */
import type { ParameterSpec } from "./distributions.ts";
import type { HealthParameters, StudyHealth } from "./health/settings.ts";
import type { StudyValue, ValueSettings } from "./value/settings.ts";

/** Activity types, each a count per person per year in every state. */
export const ACTIVITIES = ["nonElective", "elective", "ae", "gp", "community"] as const;
export type Activity = typeof ACTIVITIES[number];

export const ACTIVITY_LABELS: Record<Activity, string> = {
  nonElective: "Non-elective admissions",
  elective: "Elective admissions",
  ae: "A&E attendances",
  gp: "GP contacts",
  community: "Community contacts",
};

/** Spending sectors of the published segmentation table. */
export const SECTORS = [
  "acuteElective",
  "acuteNonElective",
  "mhCommunity",
  "socialCare",
  "generalPractice",
] as const;
export type Sector = typeof SECTORS[number];

export const SECTOR_LABELS: Record<Sector, string> = {
  acuteElective: "Acute elective",
  acuteNonElective: "Acute non-elective",
  mhCommunity: "MH & community",
  socialCare: "Social care",
  generalPractice: "General practice",
};

/** The sector each activity's cost falls on (social care cost falls on social care). */
export const ACTIVITY_SECTOR: Record<Activity, Sector> = {
  nonElective: "acuteNonElective",
  elective: "acuteElective",
  ae: "acuteNonElective",
  gp: "generalPractice",
  community: "mhCommunity",
};

/** Things an intervention can scale by a relative risk: the activities and social care cost. */
export const EFFECT_TARGETS = [...ACTIVITIES, "socialCare"] as const;
export type EffectTarget = typeof EFFECT_TARGETS[number];

/** Deprivation quintiles: 1 is the most deprived fifth (IMD deciles 1–2), 5 the least. */
export const QUINTILES = [1, 2, 3, 4, 5] as const;
export const QUINTILE_COUNT = 5;

/** One row of a segmentation table (an age band × complexity segment of one place). */
export interface SegmentRow {
  ageBand: string;
  complexity: string;
  population: number;
  /** Mean IMD decile of the segment's people (1 = most deprived, 10 = least). */
  averageDeprivationDecile: number;
  /** Spend per person per year, £, by sector. */
  spend: Record<Sector, number>;
  /** Inpatient spells (elective + non-elective) per person per year. */
  inpatientSpells: number;
  /** A&E attendances per person per year. */
  aeAttendances: number;
}

/** A node of the area hierarchy: system → place → neighbourhood. Leaves hold people. */
export interface AreaSpec {
  id: string;
  name: string;
  level: "system" | "place" | "neighbourhood";
  parent?: string;
  /** Leaves only: population as a share of the segmentation table (1 = the whole table). */
  scale?: number;
  /** Leaves only: added to every segment's average deprivation decile (negative = more deprived). */
  deprivationShift?: number;
}

/** A complexity move written "from->to", e.g. "middle->high". */
export type MoveKey = string;

/** Baseline assumptions. Every default has a source or is an assumption (docs/model.md). */
export interface BaselineParameters {
  /** Annual probability of death, age-band average at year 0. */
  deathRate: Record<string, ParameterSpec>;
  /** Hazard ratio of death by complexity level (relative to the lowest level). */
  deathHazardRatio: Record<string, ParameterSpec>;
  /** Annual probability of each complexity move, by age band, segment average. */
  transitions: Record<string, Record<MoveKey, ParameterSpec>>;
  /** Most / least deprived quintile ratio of worsening (upward) complexity moves. */
  deprivationWorseningRatio: ParameterSpec;
  /** Most / least deprived quintile ratio of each activity rate (and social care cost). */
  deprivationGradient: Record<EffectTarget, ParameterSpec>;
  /** Annual probability of moving to the next age band (last band: none). */
  ageingRate: Record<string, ParameterSpec>;
  /** New registrations (births) per 1,000 population per year, into the youngest band. */
  entrantsPer1000: ParameterSpec;
  /** Net migration per 1,000 per year by age band (negative: net outflow). */
  netMigrationPer1000: Record<string, ParameterSpec>;
  /**
   * "as-given" (default) uses the improving moves above; "balanced" replaces each adjacent
   * improving move so that every more complex level keeps its year-0 size in the first year
   * (docs/model.md, "Balanced improving moves").
   */
  improvingMoves?: "as-given" | "balanced";
  /** Unit costs, £ per contact, used to turn spend into activity (and back). */
  unitCost: {
    nonElectiveReference: number;
    electiveReference: number;
    ae: number;
    gp: number;
    community: number;
  };
}

/** How a capped intervention fills its places (docs/model.md section 4). */
export const TARGETING_RULES = [
  "proportional",
  "highest-risk",
  "most-deprived",
  "impactability",
] as const;
export type TargetingRule = typeof TARGETING_RULES[number];

export interface InterventionSpec {
  id: string;
  name: string;
  /**
   * Key under which its uncertain parameters are drawn (default: its id). Variants of one
   * intervention (same effects, other targeting) share it, so they see the same draws.
   */
  parameterKey?: string;
  /** Who pays for it (e.g. "ICB", "Local authority"); shown in comparisons. */
  payer?: string;
  /** Who is eligible. Empty or missing lists mean "all". */
  target: {
    ageBands?: string[];
    complexity?: string[];
    quintiles?: number[];
    areas?: string[];
  };
  /** Share of eligible people who enrol (engagement), one value or one per quintile (Q1..Q5). */
  uptake: ParameterSpec | ParameterSpec[];
  /** Most people enrolled at any time; null for no cap. */
  capacity: number | null;
  targeting: TargetingRule;
  /** First projected year in which it runs (≥ 1; year 0 is the calibration year). */
  startYear: number;
  /** Years to reach full enrolment (0: full from the start). */
  rampUpYears: number;
  /** Years it runs; null to the end of the horizon. */
  durationYears: number | null;
  /** Share of the effect lost each year after it stops (1: gone at once). */
  decayPerYear: number;
  /** £ per participant per year. */
  costPerParticipant: ParameterSpec;
  /** £ per year while running. */
  fixedCostPerYear: ParameterSpec;
  effects: {
    /** Relative risk on complexity moves: "worsening", "improving" or "from->to". */
    transitions?: Record<string, ParameterSpec>;
    death?: ParameterSpec;
    activity?: Partial<Record<EffectTarget, ParameterSpec>>;
    /** Change in utility per participant per year (QALYs per participant-year; + is better). */
    utility?: ParameterSpec;
  };
}

export interface ScenarioSpec {
  name: string;
  /** Ids of the interventions it combines. The baseline is the scenario with none. */
  interventions: string[];
}

/** Everything the engine needs for one study. */
export interface ModelInput {
  segments: SegmentRow[];
  areas: AreaSpec[];
  parameters: BaselineParameters;
  interventions: InterventionSpec[];
  scenarios: ScenarioSpec[];
  horizonYears: number;
  cyclesPerYear: number;
  /** Annual discount rate of costs. */
  discountRate: number;
  /** Health discount rate and utilities; defaults when absent (sim/health/settings.ts). */
  health?: HealthParameters | StudyHealth;
  /** Thresholds and value-for-money settings; defaults when absent (sim/value/settings.ts). */
  value?: ValueSettings | StudyValue;
}

export interface RunOptions {
  iterations: number;
  seed: number | string;
  /** Coverage of reported percentile intervals (0.8, 0.9 or 0.95). */
  interval: number;
}
