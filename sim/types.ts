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
  /** Mean age of the segment's people in years (splits the segment over its band's age groups). */
  averageAge: number;
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
  /**
   * Optional, by age band: the band's annual probability of death averaged over its year-0
   * people. Given, it scales the band's national age curve to that average (in place of
   * `mortalityMultiplier`); absent, the national curve is used (docs/model.md section 3).
   */
  deathRate: Record<string, ParameterSpec>;
  /** Multiplier on the national death probabilities by age (ONS NPP qx+½ 2023–24). */
  mortalityMultiplier: ParameterSpec;
  /** Hazard ratio of death by complexity level (relative to the lowest level). */
  deathHazardRatio: Record<string, ParameterSpec>;
  /** Annual probability of each complexity move, by age band, segment average. */
  transitions: Record<string, Record<MoveKey, ParameterSpec>>;
  /** Most / least deprived quintile ratio of worsening (upward) complexity moves. */
  deprivationWorseningRatio: ParameterSpec;
  /** Most / least deprived quintile ratio of each activity rate (and social care cost). */
  deprivationGradient: Record<EffectTarget, ParameterSpec>;
  /** New registrations (births) per 1,000 population per year, into the youngest age group. */
  entrantsPer1000: ParameterSpec;
  /** Net migration per 1,000 per year by age band (negative: net outflow). */
  netMigrationPer1000: Record<string, ParameterSpec>;
  /**
   * "as-given" (default) uses the improving moves above; "balanced" replaces each adjacent
   * improving move so that every more complex level keeps its year-0 size in the first year
   * (docs/model.md, "Balanced improving moves"). A documented option that no shipped study uses:
   * shipped studies run on the calibrated baseline instead.
   */
  improvingMoves?: "as-given" | "balanced";
  /**
   * Amenable (ambulatory-care-sensitive) share of each activity, for effects declared on
   * amenable activity only: by age band (the band's average share), and optionally a ratio by
   * complexity level (normalised so the band's admission-weighted average stays the band share).
   * Only non-elective admissions have one (docs/model.md section 4).
   */
  amenableShare?: {
    nonElective: Record<string, ParameterSpec>;
    complexityRatio?: Record<string, ParameterSpec>;
  };
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

/** Activities that have an amenable share (BaselineParameters.amenableShare). */
export const AMENABLE_TARGETS = ["nonElective"] as const satisfies readonly EffectTarget[];

/** What an effect's relative risk applies to: all of the activity, or its amenable share. */
export const EFFECT_APPLIES_TO = ["all", "amenable"] as const;
export type EffectAppliesTo = typeof EFFECT_APPLIES_TO[number];

/**
 * Effect modifiers: ratios of relative risks (1 = the effect as given), by age band, complexity
 * level and deprivation quintile ("1" most deprived … "5"). In a state they multiply, so the
 * relative risk there is RR × k_band × k_level × k_quintile — additive on the log RR scale, the
 * scale on which studies report subgroup interactions (docs/model.md section 4).
 */
export interface EffectModifiers {
  ageBand?: Record<string, ParameterSpec>;
  complexity?: Record<string, ParameterSpec>;
  quintile?: Record<string, ParameterSpec>;
}

/**
 * An effect written out: its relative risk, what it applies to, and modifiers. A plain
 * ParameterSpec is the relative risk alone, on all of the activity (or move, or death), in
 * every cohort alike.
 */
export interface EffectSpec {
  rr: ParameterSpec;
  /** "amenable": only the cohort's amenable share of the activity (activities with one). */
  appliesTo?: EffectAppliesTo;
  /** The RR applies to this share of the activity or move only (e.g. fall-related admissions). */
  share?: ParameterSpec;
  modifiers?: EffectModifiers;
  /** Where the effect and its structure come from. */
  source?: string;
  /** What is assumed, and the sensitivity range it was given. */
  assumption?: string;
  /** Why the effect is modelled as it is (free text). */
  rationale?: string;
}

export type Effect = ParameterSpec | EffectSpec;

/** Whether an effect is written out (has its own `rr`) rather than a bare relative risk. */
export function isEffectSpec(effect: Effect): effect is EffectSpec {
  return typeof effect === "object" && effect !== null && Object.hasOwn(effect, "rr");
}

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
    transitions?: Record<string, Effect>;
    death?: Effect;
    activity?: Partial<Record<EffectTarget, Effect>>;
    /** Change in utility per participant per year (QALYs per participant-year; + is better). */
    utility?: ParameterSpec;
  };
}

export interface ScenarioSpec {
  name: string;
  /** Ids of the interventions it combines. The baseline is the scenario with none. */
  interventions: string[];
}

/**
 * Posterior draws of the calibrated parameters (sim calibrate), used in place of their priors:
 * iteration i takes draw i mod N; the deterministic analysis takes their means.
 */
export interface PosteriorInput {
  /** Hash of the posterior file's text (provenance). */
  hash: string;
  /** Parameter keys, in the order of each draw's values. */
  parameters: string[];
  draws: number[][];
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
  /** The posterior the calibrated parameters are drawn from (their priors when absent). */
  posterior?: PosteriorInput;
  /** Health discount rate and utilities; defaults when absent (sim/health/settings.ts). */
  health?: HealthParameters | StudyHealth;
  /** Thresholds and value-for-money settings; defaults when absent (sim/value/settings.ts). */
  value?: ValueSettings | StudyValue;
}

/**
 * What a Monte Carlo iteration draws (docs/model.md section 5): "parameters" draws the
 * parameters and takes every count at its expectation given them; "parameters+counts" also
 * draws every count (people, events, activity).
 */
export const UNCERTAINTY_MODES = ["parameters", "parameters+counts"] as const;
export type UncertaintyMode = typeof UNCERTAINTY_MODES[number];

export interface RunOptions {
  iterations: number;
  seed: number | string;
  /** Coverage of reported percentile intervals (0.8, 0.9 or 0.95). */
  interval: number;
  /** What each iteration draws (default "parameters+counts"). */
  uncertainty?: UncertaintyMode;
}
