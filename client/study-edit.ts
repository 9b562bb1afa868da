/** Pure helpers that edit a study object immutably (used by the workbench). */
import {
  describeFit,
  type Estimate,
  isEstimate,
  type ParameterSpec,
  toDistribution,
} from "../sim/distributions.ts";
import { STUDY_DEFAULTS } from "../sim/study/defaults.ts";
import type { LogicModel, Study, StudyIntervention } from "../sim/study/format.ts";

export interface RangeView {
  central: number;
  low: number;
  high: number;
  /** Coverage of [low, high]. */
  level: number;
}

/**
 * A parameter as central value and interval, for editing: an estimate as written (its level);
 * a distribution as its median and 95% interval; a number as itself.
 */
export function toRange(spec: ParameterSpec | undefined, fallback: number): RangeView {
  const level = STUDY_DEFAULTS.estimateLevel;
  if (spec === undefined) return { central: fallback, low: fallback, high: fallback, level };
  if (typeof spec === "number") return { central: spec, low: spec, high: spec, level };
  if (isEstimate(spec)) {
    return { central: spec.central, low: spec.low, high: spec.high, level: spec.level ?? level };
  }
  const fit = describeFit(toDistribution(spec), level);
  return { central: fit.median, low: fit.low, high: fit.high, level };
}

/** The percentiles an interval of coverage `level` runs between: 0.9 → ["5%", "95%"]. */
export function intervalEnds(level: number): [string, string] {
  const pct = (p: number) => `${Number((p * 100).toPrecision(4))}%`;
  return [pct((1 - level) / 2), pct(1 - (1 - level) / 2)];
}

/**
 * The parameter after the editor sets its central value, low or high end. An estimate keeps
 * its level, family and source; a number whose low, central and high are equal stays a number;
 * anything else becomes an estimate of `family` at the interval's level.
 */
export function editRange(
  spec: ParameterSpec | undefined,
  fallback: number,
  key: "central" | "low" | "high",
  value: number,
  family: Estimate["family"] = "lognormal",
): ParameterSpec {
  const v = toRange(spec, fallback);
  const next = { ...v, [key]: value };
  // A point value moves as a whole when its central value moves.
  if (key === "central" && v.low === v.high && v.low === v.central) {
    next.low = value;
    next.high = value;
  }
  if (next.low === next.high && next.low === next.central) return next.central;
  const range = { central: next.central, low: next.low, high: next.high };
  if (spec !== undefined && isEstimate(spec)) return { ...spec, ...range };
  return { ...range, level: next.level, family };
}

/** Moves a parameter's central value, keeping its interval's width where it has one. */
export function withCentral(
  spec: ParameterSpec | undefined,
  value: number,
  bounds: [number, number],
): ParameterSpec {
  if (spec === undefined || typeof spec === "number" || !("central" in spec)) return value;
  const shift = value - spec.central;
  const clamp = (x: number) => Math.min(bounds[1], Math.max(bounds[0], x));
  return {
    ...spec,
    central: value,
    low: clamp(Math.min(spec.low + shift, value)),
    high: clamp(Math.max(spec.high + shift, value)),
  };
}

export function updateIntervention(
  study: Study,
  id: string,
  patch: Partial<StudyIntervention>,
): Study {
  return {
    ...study,
    interventions: (study.interventions ?? []).map((
      iv,
    ) => (iv.id === id ? { ...iv, ...patch } : iv)),
  };
}

export function toggleInScenario(study: Study, scenario: number, id: string): Study {
  return {
    ...study,
    scenarios: study.scenarios.map((s, i) => {
      if (i !== scenario) return s;
      const has = s.interventions.includes(id);
      return {
        ...s,
        interventions: has ? s.interventions.filter((x) => x !== id) : [...s.interventions, id],
      };
    }),
  };
}

function freshId(taken: string[], stem: string): string {
  for (let k = 1;; k++) if (!taken.includes(`${stem}-${k}`)) return `${stem}-${k}`;
}

export function addIntervention(study: Study, scenario: number): { study: Study; id: string } {
  const id = freshId((study.interventions ?? []).map((iv) => iv.id), "intervention");
  const iv: StudyIntervention = {
    id,
    name: "New intervention",
    target: {},
    uptake: 0.5,
    capacity: STUDY_DEFAULTS.intervention.capacity,
    targeting: STUDY_DEFAULTS.intervention.targeting,
    startYear: STUDY_DEFAULTS.intervention.startYear,
    rampUpYears: 1,
    costPerParticipant: 300,
    fixedCostPerYear: STUDY_DEFAULTS.intervention.fixedCostPerYear,
    effects: {
      activity: {
        nonElective: {
          central: 0.9,
          low: 0.8,
          high: 1.0,
          level: STUDY_DEFAULTS.estimateLevel,
          family: "lognormal",
        },
      },
    },
  };
  const next = { ...study, interventions: [...(study.interventions ?? []), iv] };
  return { study: toggleInScenario(next, scenario, id), id };
}

export function addScenario(study: Study): Study {
  const names = study.scenarios.map((s) => s.name);
  let k = study.scenarios.length + 1;
  while (names.includes(`Scenario ${k}`)) k++;
  return {
    ...study,
    scenarios: [...study.scenarios, { name: `Scenario ${k}`, interventions: [] }],
  };
}

export function updateScenario(
  study: Study,
  index: number,
  patch: Partial<Study["scenarios"][number]>,
): Study {
  return {
    ...study,
    scenarios: study.scenarios.map((s, i) => (i === index ? { ...s, ...patch } : s)),
  };
}

/** Sets one field of a scenario's logic model (a missing logic model starts empty). */
export function updateLogicModel(
  study: Study,
  index: number,
  field: keyof LogicModel,
  text: string,
): Study {
  const current = study.scenarios[index]?.logicModel ??
    { problem: "", intervention: "", outputs: "", outcomes: "", impact: "" };
  return updateScenario(study, index, { logicModel: { ...current, [field]: text } });
}
