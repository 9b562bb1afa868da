/**
 * What a journey adds up to, per person: activity by type, cost by sector, death, leaving, moves
 * between complexity levels, ageing, time alive, where they are at the start of the last year,
 * and each programme's enrolled years and cost. One Float64Array per journey, in this layout,
 * so that many journeys can be averaged and set beside the cohort model's values.
 */
import { ACTIVITIES, ACTIVITY_LABELS, SECTOR_LABELS, SECTORS } from "../types.ts";
import type { JourneyModel } from "./setup.ts";

export interface TotalsLayout {
  size: number;
  /** ACTIVITIES.length fields: events of each activity. */
  activity: number;
  /** SECTORS.length fields: £ by sector (social care included). */
  cost: number;
  /** 1 if the person died within the horizon. */
  death: number;
  /** 1 if the person moved away (net out-migration). */
  migration: number;
  /** Moves to the next age group. */
  ageing: number;
  /** Years alive and present (counted by cycles started). */
  yearsAlive: number;
  /** levels × levels fields (from · levels + to): moves between complexity levels. */
  moves: number;
  /** One field per age band: 1 if the person is present at the start of the last year, in it. */
  lastYearBand: number;
  /** One field per intervention of the scenario: years enrolled. */
  enrolledYears: number;
  /** One field per intervention of the scenario: £ of its cost per participant. */
  programmeCost: number;
  levels: number;
  bands: number;
  interventions: number;
}

export function totalsLayout(jm: JourneyModel): TotalsLayout {
  const levels = jm.model.layout.levels.length;
  const bands = jm.model.layout.ageBands.length;
  const interventions = jm.scenario?.interventions.length ?? 0;
  let next = 0;
  const take = (n: number) => {
    const at = next;
    next += n;
    return at;
  };
  const layout = {
    activity: take(ACTIVITIES.length),
    cost: take(SECTORS.length),
    death: take(1),
    migration: take(1),
    ageing: take(1),
    yearsAlive: take(1),
    moves: take(levels * levels),
    lastYearBand: take(bands),
    enrolledYears: take(interventions),
    programmeCost: take(interventions),
  };
  return { ...layout, size: next, levels, bands, interventions };
}

/** A field of the totals with its key and label, in layout order. */
export interface TotalsField {
  index: number;
  key: string;
  label: string;
}

/** Every field of the totals, named (moves within a level are left out: they are not moves). */
export function totalsFields(jm: JourneyModel, t = totalsLayout(jm)): TotalsField[] {
  const { layout } = jm.model;
  const out: TotalsField[] = [];
  ACTIVITIES.forEach((a, i) =>
    out.push({ index: t.activity + i, key: `activity.${a}`, label: ACTIVITY_LABELS[a] })
  );
  SECTORS.forEach((s, i) =>
    out.push({ index: t.cost + i, key: `cost.${s}`, label: `Cost, ${SECTOR_LABELS[s]} (£)` })
  );
  out.push({ index: t.death, key: "deaths", label: "Died" });
  out.push({ index: t.migration, key: "migration.out", label: "Moved away" });
  out.push({ index: t.ageing, key: "ageing", label: "Moves to the next age group" });
  out.push({ index: t.yearsAlive, key: "yearsAlive", label: "Years alive" });
  layout.levels.forEach((from, i) =>
    layout.levels.forEach((to, j) => {
      if (i !== j) {
        out.push({
          index: t.moves + i * t.levels + j,
          key: `move.${from}.${to}`,
          label: `Moves ${from} → ${to}`,
        });
      }
    })
  );
  layout.ageBands.forEach((b, g) =>
    out.push({
      index: t.lastYearBand + g,
      key: `lastYear.${b}`,
      label: `Present at the start of year ${jm.years - 1}, aged ${b}`,
    })
  );
  jm.scenario?.interventions.forEach((iv, i) => {
    out.push({
      index: t.enrolledYears + i,
      key: `enrolledYears.${iv.id}`,
      label: `Years enrolled in ${iv.name}`,
    });
    out.push({
      index: t.programmeCost + i,
      key: `programmeCost.${iv.id}`,
      label: `Cost of ${iv.name} (£)`,
    });
  });
  return out;
}

/** Service cost (all sectors) of one journey's totals. */
export function serviceCost(t: TotalsLayout, totals: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < SECTORS.length; i++) sum += totals[t.cost + i];
  return sum;
}

/** Service cost plus the programmes' cost per participant. */
export function totalCost(t: TotalsLayout, totals: Float64Array): number {
  let sum = serviceCost(t, totals);
  for (let i = 0; i < t.interventions; i++) sum += totals[t.programmeCost + i];
  return sum;
}
