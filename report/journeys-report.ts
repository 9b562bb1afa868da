/**
 * The journeys a report shows: a starting cohort (named, or the one the scenario reaches most),
 * many synthetic people drawn through the model, a typical and a high-cost one charted, and
 * their averages beside the cohort model's values. Synthetic: drawn from the model, not a real
 * record.
 */
import {
  type Choice,
  chooseJourneys,
  cohortReference,
  type CohortSpec,
  defaultCohort,
  journeyMeans,
  type JourneyModel,
  journeyModel,
  resolveCohort,
  totalCost,
} from "../sim/journeys.ts";
import type { Model } from "../sim/model.ts";
import { baselineIndex } from "../sim/model.ts";
import { ACTIVITIES, ACTIVITY_LABELS, SECTORS } from "../sim/types.ts";
import { theographPeople, type TheographPerson } from "./charts/theograph.ts";

/** A measure per person: the journeys' mean and standard error beside the cohort model's value. */
export interface JourneyCheckRow {
  arm: string;
  measure: string;
  mean: number;
  se: number;
  cohort: number;
}

export interface JourneysReport {
  cohortLabel: string;
  /** Year-0 people of the cohort. */
  cohortPeople: number;
  /** How many synthetic people were drawn. */
  people: number;
  seed: number | string;
  baseline: string;
  scenario: string | null;
  persons: TheographPerson[];
  check: JourneyCheckRow[];
}

export interface JourneysReportOptions {
  cohort?: CohortSpec;
  scenario?: string;
  people?: number;
  seed: number | string;
  /** Who to chart (default the 50th and 95th percentiles of baseline cost). */
  choice?: Choice;
}

/** Draws the report's journeys (default: 1,000 people, the 50th and 95th percentiles of cost). */
export function journeysReport(model: Model, options: JourneysReportOptions): JourneysReport {
  const base = baselineIndex(model);
  const scenario = options.scenario ??
    model.input.scenarios.find((_, i) => i !== base)?.name;
  const jm = journeyModel(model, { scenario });
  const spec = options.cohort ?? defaultCohort(jm);
  const cohort = resolveCohort(model.layout, model.initial, spec);
  const people = options.people ?? 1000;
  const chosen = chooseJourneys(jm, cohort, {
    people,
    seed: options.seed,
    choice: options.choice ?? { kind: "percentiles", percentiles: [50, 95] },
  });
  return {
    cohortLabel: cohort.label,
    cohortPeople: cohort.total,
    people,
    seed: options.seed,
    baseline: jm.baseline.name,
    scenario: jm.scenario?.name ?? null,
    persons: theographPeople(jm, chosen),
    check: checkRows(jm, chosen.all, cohort),
  };
}

/** Service cost, non-elective admissions and deaths per person, both arms. */
function checkRows(
  jm: JourneyModel,
  all: ReturnType<typeof chooseJourneys>["all"],
  cohort: ReturnType<typeof resolveCohort>,
): JourneyCheckRow[] {
  const t = all.totals;
  const reference = cohortReference(jm, cohort);
  const rows: JourneyCheckRow[] = [];
  const nonElective = ACTIVITIES.indexOf("nonElective");
  for (const arm of ["baseline", "scenario"] as const) {
    const journeys = all[arm];
    const ref = reference[arm];
    if (!journeys || !ref) continue;
    const name = arm === "baseline" ? jm.baseline.name : jm.scenario!.name;
    const { mean, se } = journeyMeans(t, journeys);
    const costs = journeys.map((j) => totalCost(t, j.totals));
    const m = costs.reduce((a, b) => a + b, 0) / costs.length;
    const sd = Math.sqrt(costs.reduce((a, b) => a + (b - m) ** 2, 0) / (costs.length - 1));
    let cohortCost = 0;
    for (let i = 0; i < SECTORS.length; i++) cohortCost += ref[t.cost + i];
    for (let i = 0; i < t.interventions; i++) cohortCost += ref[t.programmeCost + i];
    rows.push({
      arm: name,
      measure: "Cost, services and programmes (£)",
      mean: m,
      se: sd / Math.sqrt(costs.length),
      cohort: cohortCost,
    });
    rows.push({
      arm: name,
      measure: ACTIVITY_LABELS.nonElective,
      mean: mean[t.activity + nonElective],
      se: se[t.activity + nonElective],
      cohort: ref[t.activity + nonElective],
    });
    rows.push({
      arm: name,
      measure: "Died within the horizon",
      mean: mean[t.death],
      se: se[t.death],
      cohort: ref[t.death],
    });
  }
  return rows;
}
