/**
 * Impactability by cohort (age band × complexity × quintile, summed over areas) for one
 * intervention, at the deterministic values (parameter means; posterior means where calibrated): per-person score = engagement × expected avoidable cost in
 * a year (`impactability` in interventions.ts), people eligible, and the cohort's total; and who
 * a capped intervention's places go to (`caseloadByCohort`).
 */
import { buildInterventionRuntime, enrol, impactability } from "./interventions.ts";
import {
  deterministicParameters,
  type Model,
  scenarioContexts,
  stateAmenableShares,
} from "./model.ts";

export interface CohortImpact {
  ageBand: string;
  complexity: string;
  quintile: number;
  people: number;
  /** Engagement × expected avoidable cost per person per year (£). */
  perPerson: number;
  /** Non-elective admissions per person per year (risk). */
  risk: number;
  total: number;
}

export function cohortImpactability(model: Model, interventionId: string): CohortImpact[] {
  const at = model.input.interventions.findIndex((iv) => iv.id === interventionId);
  if (at < 0) return [];
  const values = deterministicParameters(model);
  const [ctx] = scenarioContexts(model, values);
  const rt = buildInterventionRuntime(
    model.interventionPlans[at],
    model.layout,
    ctx.rates,
    values,
    stateAmenableShares(model, values),
  );
  const byCohort = new Map<string, CohortImpact>();
  const { layout } = model;
  for (let s = 0; s < layout.stateCount; s++) {
    if (!rt.eligible[s]) continue;
    const key = `${layout.ageBand[s]}/${layout.level[s]}/${layout.quintile[s]}`;
    const people = model.initial[s];
    const score = impactability(rt, layout, ctx.rates, s);
    const c = byCohort.get(key) ?? {
      ageBand: layout.ageBands[layout.ageBand[s]],
      complexity: layout.levels[layout.level[s]],
      quintile: layout.quintile[s] + 1,
      people: 0,
      perPerson: 0,
      risk: 0,
      total: 0,
    };
    c.total += score * people;
    c.risk += ctx.rates.activity[0][s] * people;
    c.people += people;
    byCohort.set(key, c);
  }
  return [...byCohort.values()]
    .map((c) => ({
      ...c,
      perPerson: c.people > 0 ? c.total / c.people : 0,
      risk: c.people > 0 ? c.risk / c.people : 0,
    }))
    .sort((a, b) => b.perPerson - a.perPerson);
}

export interface CohortCaseload {
  ageBand: string;
  complexity: string;
  quintile: number;
  /** People enrolled from the cohort. */
  enrolled: number;
}

/**
 * Who the places go to: the intervention's enrolment at full reach from the year-0 population,
 * at the deterministic values, by cohort (cohorts with nobody enrolled left out), in the order the
 * targeting rule fills them. This is the first cycle's fill once ramp-up is complete; later
 * cycles fill from the population of the day.
 */
export function caseloadByCohort(model: Model, interventionId: string): CohortCaseload[] {
  const at = model.input.interventions.findIndex((iv) => iv.id === interventionId);
  if (at < 0) return [];
  const values = deterministicParameters(model);
  const [ctx] = scenarioContexts(model, values);
  const { layout } = model;
  const rt = buildInterventionRuntime(
    model.interventionPlans[at],
    layout,
    ctx.rates,
    values,
    stateAmenableShares(model, values),
  );
  const share = new Float64Array(layout.stateCount);
  enrol(rt, model.initial, 1, share);
  const byCohort = new Map<string, CohortCaseload>();
  for (const s of rt.order) {
    const enrolled = share[s] * model.initial[s];
    if (enrolled === 0) continue;
    const key = `${layout.ageBand[s]}/${layout.level[s]}/${layout.quintile[s]}`;
    const c = byCohort.get(key) ?? {
      ageBand: layout.ageBands[layout.ageBand[s]],
      complexity: layout.levels[layout.level[s]],
      quintile: layout.quintile[s] + 1,
      enrolled: 0,
    };
    c.enrolled += enrolled;
    byCohort.set(key, c);
  }
  return [...byCohort.values()];
}
