/**
 * A journeys' starting cohort: an age band or five-year age group, a complexity level, a
 * deprivation quintile and a leaf area, each optional (absent: all of them). Its people are the
 * year-0 people of the states it names, and a synthetic person starts in one of them with
 * probability proportional to its year-0 count.
 */
import type { StateLayout } from "../population.ts";
import { InputError, type Problem } from "../problems.ts";
import { choices, suggest } from "../validate.ts";
import { cohortFields } from "../cohort-text.ts";

export interface CohortSpec {
  /** An age band of the segmentation table, e.g. "75+". */
  band?: string;
  /** A five-year age group, e.g. "80-84" (inside `band` when both are given). */
  group?: string;
  /** A complexity level, e.g. "high". */
  complexity?: string;
  /** A deprivation quintile, 1 (most deprived) to 5. */
  quintile?: number;
  /** A leaf area's id. */
  area?: string;
}

export const COHORT_KEYS = ["band", "group", "complexity", "quintile", "area"] as const;

export interface Cohort {
  spec: CohortSpec;
  /** Its states, in state order, and their year-0 people. */
  states: Int32Array;
  people: Float64Array;
  /** Year-0 people in all. */
  total: number;
  /** In words, e.g. "75+, high complexity, quintile 1, all areas". */
  label: string;
}

/**
 * Parses `band=75+,complexity=high,quintile=1[,group=80-84][,area=…]` (the command line's
 * `--cohort`; ";" separates fields too and `age` means `band`, as in `sim run --cohort`:
 * sim/cohort-text.ts). Problems are reported at `at`.
 */
export function parseCohortText(
  text: string,
  at = "--cohort",
): { spec?: CohortSpec; problems: Problem[] } {
  const problems: Problem[] = [];
  const spec: CohortSpec = {};
  const seen = new Set<string>();
  for (const field of cohortFields(text)) {
    const { key, text: item } = field;
    if (!(COHORT_KEYS as readonly string[]).includes(key)) {
      problems.push({
        at,
        message: `"${key}" is not a cohort field`,
        found: item,
        expected: COHORT_KEYS.map((k) => `${k}=…`).join(", "),
        suggestion: suggest(key, [...COHORT_KEYS]),
      });
      continue;
    }
    if (field.values.length === 0) {
      problems.push({ at, message: `${key} needs a value`, found: item, expected: `${key}=…` });
      continue;
    }
    if (field.values.length > 1) {
      problems.push({
        at,
        message: `a journey starts from one ${key}, not a list`,
        found: item,
        expected: `${key}=${field.values[0]}`,
      });
      continue;
    }
    const value = field.values[0];
    if (seen.has(key)) {
      problems.push({ at, message: `${key} is given twice`, found: item });
      continue;
    }
    seen.add(key);
    if (key === "quintile") {
      const q = Number(value);
      if (!Number.isInteger(q) || q < 1 || q > 5) {
        problems.push({
          at,
          message: "quintile must be a whole number from 1 (most deprived) to 5",
          found: value,
        });
      } else spec.quintile = q;
    } else {
      spec[key as "band" | "group" | "complexity" | "area"] = value;
    }
  }
  if (!problems.length && seen.size === 0) {
    problems.push({
      at,
      message: "no cohort given",
      expected: "e.g. band=75+,complexity=high,quintile=1",
    });
  }
  return problems.length ? { problems } : { spec, problems };
}

/** The cohort's states in `layout` and their year-0 people; throws InputError naming the field. */
export function resolveCohort(
  layout: StateLayout,
  initial: Float64Array,
  spec: CohortSpec,
  at = "cohort",
): Cohort {
  const problems: Problem[] = [];
  const pick = (key: string, value: string | undefined, names: string[]): number => {
    if (value === undefined) return -1;
    const i = names.indexOf(value);
    if (i < 0) {
      problems.push({
        at: `${at}.${key}`,
        message: `no ${key} "${value}" in this study`,
        found: value,
        expected: choices(names),
        suggestion: suggest(value, names),
      });
    }
    return i;
  };
  const band = pick("band", spec.band, layout.ageBands);
  const group = pick("group", spec.group, layout.ageGroups.map((g) => g.label));
  const level = pick("complexity", spec.complexity, layout.levels);
  const area = pick("area", spec.area, layout.areas);
  const q = spec.quintile;
  if (q !== undefined && !(Number.isInteger(q) && q >= 1 && q <= 5)) {
    problems.push({ at: `${at}.quintile`, message: "quintile must be 1 to 5", found: String(q) });
  }
  if (band >= 0 && group >= 0 && layout.groupBand[group] !== band) {
    problems.push({
      at: `${at}.group`,
      message: `age group ${spec.group} is not in band ${spec.band}`,
      expected: choices(
        layout.ageGroups.filter((_, j) => layout.groupBand[j] === band).map((g) => g.label),
      ),
    });
  }
  if (problems.length) throw new InputError(problems);
  const states: number[] = [];
  const people: number[] = [];
  for (let s = 0; s < layout.stateCount; s++) {
    if (band >= 0 && layout.ageBand[s] !== band) continue;
    if (group >= 0 && layout.ageGroup[s] !== group) continue;
    if (level >= 0 && layout.level[s] !== level) continue;
    if (q !== undefined && layout.quintile[s] !== q - 1) continue;
    if (area >= 0 && layout.area[s] !== area) continue;
    if (initial[s] > 0) {
      states.push(s);
      people.push(initial[s]);
    }
  }
  const total = people.reduce((a, b) => a + b, 0);
  const label = cohortLabel(spec);
  if (total === 0) {
    throw new InputError([{ at, message: `the cohort ${label} has no people in year 0` }]);
  }
  return {
    spec,
    states: Int32Array.from(states),
    people: Float64Array.from(people),
    total,
    label,
  };
}

/** A cohort in words: "75+, high complexity, quintile 1, all areas". */
export function cohortLabel(spec: CohortSpec): string {
  return [
    spec.group ? `aged ${spec.group}` : spec.band ? `aged ${spec.band}` : "all ages",
    spec.complexity ? `${spec.complexity} complexity` : "every complexity level",
    spec.quintile ? `quintile ${spec.quintile}` : "every quintile",
    spec.area ? `area ${spec.area}` : "all areas",
  ].join(", ");
}

/** The cohort as `--cohort` text. */
export function cohortText(spec: CohortSpec): string {
  return COHORT_KEYS.filter((k) => spec[k] !== undefined).map((k) => `${k}=${spec[k]}`).join(
    ",",
  );
}

/** A state as a segment, e.g. "80-84, high complexity, quintile 1, north". */
export function segmentLabel(layout: StateLayout, s: number): string {
  const parts = [
    layout.ageGroups[layout.ageGroup[s]].label,
    `${layout.levels[layout.level[s]]} complexity`,
    `quintile ${layout.quintile[s] + 1}`,
  ];
  if (layout.areas.length > 1) parts.push(layout.areas[layout.area[s]]);
  return parts.join(", ");
}
