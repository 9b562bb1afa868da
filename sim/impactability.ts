/**
 * Impactability by cohort (age band × complexity × quintile, summed over areas) for one
 * intervention, at parameter means: per-person score = engagement × expected avoidable cost in
 * a year (`impactability` in interventions.ts), people eligible, and the cohort's total.
 */
import { buildInterventionRuntime, impactability } from "./interventions.ts";
import { deterministicParameters, type Model, scenarioContexts } from "./model.ts";

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
  const rt = buildInterventionRuntime(model.interventionPlans[at], model.layout, ctx.rates, values);
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
