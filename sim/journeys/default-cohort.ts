/**
 * The cohort a report shows journeys for when none is named: the age band × complexity ×
 * quintile (all areas) that the followed scenario enrols most people of over the horizon (its
 * people reached most), or, when it enrols no one or there is no scenario, the one with the
 * highest year-0 service cost (else everyone).
 */
import { annualCost } from "../interventions.ts";
import type { CohortSpec } from "./cohort.ts";
import type { JourneyModel } from "./setup.ts";

export function defaultCohort(jm: JourneyModel): CohortSpec {
  return bestCohort(jm, true) ?? bestCohort(jm, false) ?? {};
}

/** The cohort with the highest score (enrolled people, or year-0 cost); null if all are 0. */
function bestCohort(jm: JourneyModel, byEnrolment: boolean): CohortSpec | null {
  const { layout, initial } = jm.model;
  const S = layout.stateCount;
  const Q = 5;
  const C = layout.levels.length;
  const key = (s: number) => (layout.ageBand[s] * C + layout.level[s]) * Q + layout.quintile[s];
  const score = new Float64Array(layout.ageBands.length * C * Q);
  const ivs = byEnrolment ? jm.scenario?.interventions ?? [] : [];
  if (byEnrolment && !ivs.length) return null;
  for (let s = 0; s < S; s++) {
    if (!(initial[s] > 0)) continue;
    let x = 0;
    if (ivs.length) {
      for (const iv of ivs) for (let c = 0; c < jm.cycles; c++) x += iv.share[c * S + s];
    } else x = annualCost(jm.rates, s);
    score[key(s)] += x * initial[s];
  }
  let best = 0;
  for (let k = 1; k < score.length; k++) if (score[k] > score[best]) best = k;
  if (!(score[best] > 0)) return null;
  return {
    band: layout.ageBands[Math.floor(best / (C * Q))],
    complexity: layout.levels[Math.floor(best / Q) % C],
    quintile: (best % Q) + 1,
  };
}
