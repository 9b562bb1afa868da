/**
 * The cohort model's own values for a cohort starting alone, per person, in the journeys' totals
 * layout: the deterministic cycle code (every count at its expectation) run from the cohort's
 * year-0 people only, with no entrants and no inflow from migration (neither is a journey of the
 * cohort), the scenario's enrolled shares replayed from the whole population's run (the places
 * a capacity gives are filled by everyone, not by the cohort alone), at the journey model's
 * parameter values. Averaged over many journeys, the totals should match these within Monte
 * Carlo error (`compareWithCohort`).
 */
import { ExpectedDraws } from "../draws.ts";
import { type ScenarioContext, simulateScenario, Workspace } from "../engine.ts";
import { recordLength } from "../record.ts";
import { ACTIVITIES, SECTORS } from "../types.ts";
import type { Cohort } from "./cohort.ts";
import type { Arm, Journey } from "./draw.ts";
import type { JourneyModel } from "./setup.ts";
import { type TotalsField, totalsFields, type TotalsLayout, totalsLayout } from "./totals.ts";

/**
 * Per person of the cohort, by arm: the cohort model's expected totals (NaN for a field the
 * record does not hold: ageing, and years alive when cycles are shorter than a year).
 */
export function cohortReference(
  jm: JourneyModel,
  cohort: Cohort,
): Record<Arm, Float64Array | null> {
  return {
    baseline: cohortAlone(jm, cohort, jm.baseline.context, null),
    scenario: jm.scenario
      ? cohortAlone(
        jm,
        cohort,
        jm.scenario.context,
        jm.scenario.interventions.map((iv) => iv.share),
      )
      : null,
  };
}

function cohortAlone(
  jm: JourneyModel,
  cohort: Cohort,
  context: ScenarioContext,
  replay: Float64Array[] | null,
): Float64Array {
  const { model } = jm;
  const { layout, record } = model;
  const S = layout.stateCount;
  const C = layout.levels.length;
  const initial = new Float64Array(S);
  cohort.states.forEach((s, i) => (initial[s] = cohort.people[i]));
  const rates = {
    ...context.rates,
    entrants: 0,
    migration: context.rates.migration.map((m) => Math.min(m, 0)),
  };
  const out = new Float64Array(recordLength(record));
  const statePopulation = new Float64Array(record.years * S);
  simulateScenario(
    { ...context, rates, initial, enrolledShares: replay ? { replay } : undefined },
    new Workspace(layout, context.runtimes.length),
    new ExpectedDraws(),
    out,
    { statePopulation },
  );
  const t = totalsLayout(jm);
  const totals = new Float64Array(t.size);
  const sum = (field: number) => {
    let x = 0;
    for (let y = 0; y < record.years; y++) x += out[y * record.stride + field];
    return x;
  };
  ACTIVITIES.forEach((_, a) => (totals[t.activity + a] = sum(record.activity + a)));
  SECTORS.forEach((_, i) => (totals[t.cost + i] = sum(record.cost + i)));
  totals[t.death] = sum(record.deaths);
  totals[t.migration] = -sum(record.migration);
  totals[t.ageing] = NaN;
  totals[t.yearsAlive] = jm.cyclesPerYear === 1 ? sum(record.population) : NaN;
  for (let from = 0; from < C; from++) {
    for (let to = 0; to < C; to++) {
      totals[t.moves + from * C + to] = from === to ? 0 : sum(record.flows + from * (C + 1) + to);
    }
  }
  const last = (record.years - 1) * S;
  for (let s = 0; s < S; s++) {
    totals[t.lastYearBand + layout.ageBand[s]] += statePopulation[last + s];
  }
  jm.scenario?.interventions.forEach((iv, i) => {
    if (context !== jm.scenario!.context) return;
    const field = context.fieldOf[i];
    const years = sum(record.participants + field);
    totals[t.enrolledYears + i] = years;
    totals[t.programmeCost + i] = years * iv.costPerParticipant;
  });
  for (let i = 0; i < t.size; i++) totals[i] /= cohort.total;
  return totals;
}

/** One measure: the journeys' mean and standard error against the cohort model's value. */
export interface Comparison {
  field: TotalsField;
  arm: Arm;
  /** Mean over the journeys. */
  mean: number;
  /** Its Monte Carlo standard error, sd / √n. */
  se: number;
  /** The cohort model's value per person. */
  cohort: number;
  /** (mean − cohort) / se; 0 when both agree exactly. */
  z: number;
}

/** Mean and standard error of each totals field over journeys (Welford's update). */
export function journeyMeans(
  t: TotalsLayout,
  journeys: Journey[],
): { mean: Float64Array; se: Float64Array } {
  const mean = new Float64Array(t.size);
  const m2 = new Float64Array(t.size);
  let n = 0;
  for (const j of journeys) {
    n++;
    for (let i = 0; i < t.size; i++) {
      const d = j.totals[i] - mean[i];
      mean[i] += d / n;
      m2[i] += d * (j.totals[i] - mean[i]);
    }
  }
  const se = m2.map((v) => (n > 1 ? Math.sqrt(v / (n - 1) / n) : NaN));
  return { mean, se };
}

/** Every measure of both arms, journeys against the cohort model (fields the record holds). */
export function compareWithCohort(
  jm: JourneyModel,
  cohort: Cohort,
  set: { totals: TotalsLayout; baseline: Journey[]; scenario: Journey[] | null },
): Comparison[] {
  const reference = cohortReference(jm, cohort);
  const fields = totalsFields(jm, set.totals);
  const out: Comparison[] = [];
  for (const arm of ["baseline", "scenario"] as const) {
    const journeys = set[arm];
    const ref = reference[arm];
    if (!journeys || !ref) continue;
    const { mean, se } = journeyMeans(set.totals, journeys);
    for (const field of fields) {
      const value = ref[field.index];
      if (Number.isNaN(value)) continue;
      if (arm === "baseline" && field.key.startsWith("programmeCost.")) continue;
      if (arm === "baseline" && field.key.startsWith("enrolledYears.")) continue;
      const diff = mean[field.index] - value;
      // A sample with no variation (no one had the event) has no standard error of its own:
      // then the Poisson one of the cohort's value, √(value / n), stands in.
      const s = se[field.index] > 0
        ? se[field.index]
        : Math.sqrt(Math.abs(value) / journeys.length);
      out.push({
        field,
        arm,
        mean: mean[field.index],
        se: s,
        cohort: value,
        z: diff === 0 ? 0 : s > 0 ? diff / s : diff > 0 ? Infinity : -Infinity,
      });
    }
  }
  return out;
}
