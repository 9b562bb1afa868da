/** Pure helpers that edit a study object immutably (used by the workbench). */
import { describeFit, type ParameterSpec, toDistribution } from "../sim/distributions.ts";
import type { Study, StudyIntervention } from "../sim/study/format.ts";

export interface RangeView {
  central: number;
  low: number;
  high: number;
}

/** A parameter as central value and 95% interval, for editing. */
export function toRange(spec: ParameterSpec | undefined, fallback: number): RangeView {
  if (spec === undefined) return { central: fallback, low: fallback, high: fallback };
  if (typeof spec === "number") return { central: spec, low: spec, high: spec };
  if ("central" in spec) return { central: spec.central, low: spec.low, high: spec.high };
  const fit = describeFit(toDistribution(spec), 0.95);
  return { central: fit.median, low: fit.low, high: fit.high };
}

/** Back to a parameter: a number when there is no interval, else a 95% estimate of `family`. */
export function fromRange(
  v: RangeView,
  family: "lognormal" | "beta" | "gamma" = "lognormal",
): ParameterSpec {
  if (v.low === v.high && v.low === v.central) return v.central;
  return { central: v.central, low: v.low, high: v.high, level: 0.95, family };
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
    capacity: null,
    targeting: "proportional",
    startYear: 1,
    rampUpYears: 1,
    costPerParticipant: 300,
    fixedCostPerYear: 0,
    effects: {
      activity: {
        nonElective: { central: 0.9, low: 0.8, high: 1.0, level: 0.95, family: "lognormal" },
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
