/**
 * `sim run --cohort "age=75+;complexity=high;quintile=1,2;area=north"`: one more cohort, beside
 * the study's own, whose cost per provider per person the run reports (summary.csv rows
 * `budget.cohort.<provider>.costPerPerson`). Keys: age (or band, as in `sim journeys`),
 * complexity, quintile, area; values separated by commas (sim/cohort-text.ts, the form both
 * commands read); a key left out means everyone. The study needs a providers section.
 */
import type { CohortSpec } from "../sim/budgets/types.ts";
import type { PreparedStudy } from "../sim/study/prepare.ts";
import { QUINTILES } from "../sim/types.ts";
import { choices } from "../sim/validate.ts";
import { UsageError } from "./args.ts";
import { cohortFields } from "../sim/cohort-text.ts";

const KEYS = ["age", "complexity", "quintile", "area"] as const;

/** The cohort `text` describes, checked against the study's bands, levels and areas. */
export function parseCohort(text: string, loaded: PreparedStudy): CohortSpec {
  if (!loaded.input.budgets) {
    throw new UsageError(
      "--cohort needs a study with a providers section (the providers and how each sector's cost splits between them)",
    );
  }
  const { layout } = loaded.model;
  const allowed: Record<typeof KEYS[number], string[]> = {
    age: layout.ageBands,
    complexity: layout.levels,
    quintile: QUINTILES.map(String),
    area: loaded.input.areas.map((a) => a.id),
  };
  const spec: CohortSpec = { id: "cohort", name: `Cohort: ${text}` };
  for (const field of cohortFields(text)) {
    const key = field.key === "band" ? "age" : field.key;
    if (!(KEYS as readonly string[]).includes(key) || field.values.length === 0) {
      throw new UsageError(
        `--cohort: "${field.text}" is not key=values with a key of ${
          KEYS.join(", ")
        } (e.g. "age=75+;quintile=1,2")`,
      );
    }
    const k = key as typeof KEYS[number];
    const values = field.values;
    for (const v of values) {
      if (!allowed[k].includes(v)) {
        throw new UsageError(`--cohort: unknown ${k} "${v}" (expected ${choices(allowed[k])})`);
      }
    }
    if (k === "age") spec.ageBands = values;
    else if (k === "complexity") spec.complexity = values;
    else if (k === "quintile") spec.quintiles = values.map(Number);
    else spec.areas = values;
  }
  return spec;
}

/** Adds the cohort to the study's budgets (reported after the study's own cohorts). */
export function addCohort(loaded: PreparedStudy, cohort: CohortSpec): void {
  const budgets = loaded.input.budgets!;
  budgets.cohorts = [...budgets.cohorts.filter((c) => c.id !== cohort.id), cohort];
}
