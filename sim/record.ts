/**
 * The raw record of one scenario in one iteration: a Float64Array holding, for every year
 * 0..H, the same block of fields. Year 0 is the calibration year (the published table);
 * years 1..H are projected. Populations (in all, by quintile and by complexity level) are
 * counted at the start of a year; deaths, entrants, activity and costs are summed over the
 * year's cycles; participants are the mean caseload; life-years and QALYs are summed over the
 * year's cycles (person-time × utility, deaths counting half a cycle).
 */
import { ACTIVITIES, QUINTILE_COUNT, SECTORS } from "./types.ts";

export interface RecordLayout {
  years: number;
  levels: number;
  areas: number;
  interventions: number;
  /** Fields in one year's block. */
  stride: number;
  population: number;
  deaths: number;
  entrants: number;
  migration: number;
  /** ACTIVITIES.length fields. */
  activity: number;
  /** SECTORS.length fields: service cost by sector. */
  cost: number;
  /** QUINTILE_COUNT fields. */
  quintilePopulation: number;
  /** `levels` fields: people at each complexity level. */
  complexityPopulation: number;
  /** ACTIVITIES.length × QUINTILE_COUNT fields, activity-major. */
  quintileActivity: number;
  /** QUINTILE_COUNT fields: service cost (all sectors) by quintile. */
  quintileCost: number;
  /** levels × (levels + 1) fields: people moving from level i to level j (j = levels: death). */
  flows: number;
  /** One field per study intervention: its cost. */
  interventionCost: number;
  /** One field per study intervention: its mean caseload. */
  participants: number;
  /** Person-years lived (deaths count half a cycle). */
  lifeYears: number;
  /** Person-years × utility (QALYs). */
  qalys: number;
  /** QUINTILE_COUNT fields: life-years by quintile. */
  quintileLifeYears: number;
  /** QUINTILE_COUNT fields: QALYs by quintile. */
  quintileQalys: number;
  /** ACTIVITIES.length fields: cost of each activity (for the budget view's cash flags). */
  activityCost: number;
  /**
   * Values per scenario-iteration in the separate area buffer: years × leaf areas × AREA_FIELDS
   * (population, service cost, activity). Areas are summed over iterations rather than kept per
   * iteration, so a study with thousands of neighbourhoods does not fill memory.
   */
  areaValues: number;
}

export const AREA_FIELDS = 2 + ACTIVITIES.length;

export function recordLayout(
  years: number,
  levels: number,
  areas: number,
  interventions: number,
): RecordLayout {
  let next = 0;
  const take = (n: number) => {
    const at = next;
    next += n;
    return at;
  };
  const layout = {
    years,
    levels,
    areas,
    interventions,
    population: take(1),
    deaths: take(1),
    entrants: take(1),
    migration: take(1),
    activity: take(ACTIVITIES.length),
    cost: take(SECTORS.length),
    quintilePopulation: take(QUINTILE_COUNT),
    complexityPopulation: take(levels),
    quintileActivity: take(ACTIVITIES.length * QUINTILE_COUNT),
    quintileCost: take(QUINTILE_COUNT),
    flows: take(levels * (levels + 1)),
    interventionCost: take(interventions),
    participants: take(interventions),
    lifeYears: take(1),
    qalys: take(1),
    quintileLifeYears: take(QUINTILE_COUNT),
    quintileQalys: take(QUINTILE_COUNT),
    activityCost: take(ACTIVITIES.length),
  };
  return { ...layout, stride: next, areaValues: years * areas * AREA_FIELDS };
}

/** Length of one record. */
export function recordLength(r: RecordLayout): number {
  return r.stride * r.years;
}
