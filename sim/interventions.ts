/**
 * Interventions at run time: who is eligible, how many enrol each cycle (uptake × ramp-up,
 * capped by capacity and filled by a targeting rule), and the relative risks they apply.
 *
 * Enrolment is modelled as a share f of each state's people. A person enrolled with
 * probability f independently of others makes an event with probability p·(1 − f·(1 − RR)),
 * so drawing the state's count from Binomial(N, p·(1 − f(1 − RR))) is exact for that model.
 * Several interventions in one scenario enrol independently, so their multipliers multiply:
 * m = Π_i (1 − f_i·(1 − RR_i)).
 */
import type { Registry } from "./parameters.ts";
import type { StateLayout } from "./population.ts";
import type { Rates } from "./rates.ts";
import { ACTIVITIES, EFFECT_TARGETS, type InterventionSpec, QUINTILE_COUNT } from "./types.ts";

export interface InterventionRuntime {
  spec: InterventionSpec;
  /** 1 where a state is eligible. */
  eligible: Uint8Array;
  /** Uptake share by state (its quintile's), zero where not eligible. */
  uptake: Float64Array;
  /** Eligible states in the order the targeting rule fills them. */
  order: Int32Array;
  /** Relative risk per EFFECT_TARGETS entry (1 where the intervention has no effect). */
  activityRr: Float64Array;
  /** Relative risk on the move from level i to level j: index i·C + j. */
  moveRr: Float64Array;
  deathRr: number;
  costPerParticipant: number;
  fixedCostPerYear: number;
}

/**
 * What does not change between iterations: who is eligible, and where each of the
 * intervention's parameters sits in the registry (−1 where the study leaves it at "no effect").
 */
export interface InterventionPlan {
  spec: InterventionSpec;
  eligible: Uint8Array;
  /** Registry index of each quintile's uptake (the same index five times for one uptake). */
  uptake: Int32Array;
  /** EFFECT_TARGETS order. */
  activityRr: Int32Array;
  /** Index i·C + j: the specific move's parameter, else the general worsening/improving one. */
  moveRr: Int32Array;
  deathRr: number;
  costPerParticipant: number;
  fixedCostPerYear: number;
}

export function planIntervention(
  spec: InterventionSpec,
  layout: StateLayout,
  registry: Registry,
): InterventionPlan {
  const S = layout.stateCount;
  const C = layout.levels.length;
  const key = `interventions.${spec.parameterKey ?? spec.id}`;
  const indexOf = (k: string) => registry.index.get(k) ?? -1;
  const required = (k: string) => {
    const i = registry.index.get(k);
    if (i === undefined) throw new Error(`no parameter ${k}`);
    return i;
  };
  const inList = <T>(list: T[] | undefined, value: T) => !list?.length || list.includes(value);
  const eligible = new Uint8Array(S);
  for (let s = 0; s < S; s++) {
    const ok = inList(spec.target.ageBands, layout.ageBands[layout.ageBand[s]]) &&
      inList(spec.target.complexity, layout.levels[layout.level[s]]) &&
      inList(spec.target.quintiles, layout.quintile[s] + 1) &&
      inList(spec.target.areas, layout.areas[layout.area[s]]);
    eligible[s] = ok ? 1 : 0;
  }
  const perQuintile = Array.isArray(spec.uptake);
  const moveRr = new Int32Array(C * C).fill(-1);
  for (let i = 0; i < C; i++) {
    for (let j = 0; j < C; j++) {
      if (i === j) continue;
      const general = j > i ? "worsening" : "improving";
      const specific = indexOf(
        `${key}.effects.transitions.${layout.levels[i]}->${layout.levels[j]}`,
      );
      moveRr[i * C + j] = specific >= 0
        ? specific
        : indexOf(`${key}.effects.transitions.${general}`);
    }
  }
  return {
    spec,
    eligible,
    uptake: Int32Array.from(
      { length: QUINTILE_COUNT },
      (_, q) => required(`${key}.uptake.${perQuintile ? q + 1 : 1}`),
    ),
    activityRr: Int32Array.from(EFFECT_TARGETS, (t) => indexOf(`${key}.effects.activity.${t}`)),
    moveRr,
    deathRr: indexOf(`${key}.effects.death`),
    costPerParticipant: required(`${key}.costPerParticipant`),
    fixedCostPerYear: required(`${key}.fixedCostPerYear`),
  };
}

/**
 * One iteration's runtime of a planned intervention, from that iteration's parameter values.
 * Pass the previous iteration's runtime as `into` to refill its buffers instead of allocating.
 */
export function buildInterventionRuntime(
  plan: InterventionPlan,
  layout: StateLayout,
  rates: Rates,
  values: Float64Array,
  into?: InterventionRuntime,
): InterventionRuntime {
  const S = layout.stateCount;
  const rt: InterventionRuntime = into ?? {
    spec: plan.spec,
    eligible: plan.eligible,
    uptake: new Float64Array(S),
    order: new Int32Array(0),
    activityRr: new Float64Array(plan.activityRr.length),
    moveRr: new Float64Array(plan.moveRr.length),
    deathRr: 1,
    costPerParticipant: 0,
    fixedCostPerYear: 0,
  };
  const valueOr1 = (index: number) => (index < 0 ? 1 : values[index]);
  for (let s = 0; s < S; s++) {
    rt.uptake[s] = plan.eligible[s]
      ? Math.min(Math.max(values[plan.uptake[layout.quintile[s]]], 0), 1)
      : 0;
  }
  for (let j = 0; j < plan.activityRr.length; j++) rt.activityRr[j] = valueOr1(plan.activityRr[j]);
  for (let j = 0; j < plan.moveRr.length; j++) rt.moveRr[j] = valueOr1(plan.moveRr[j]);
  rt.deathRr = valueOr1(plan.deathRr);
  rt.costPerParticipant = values[plan.costPerParticipant];
  rt.fixedCostPerYear = values[plan.fixedCostPerYear];
  rt.order = priorityOrder(rt, layout, rates, into?.order);
  return rt;
}

/** Expected annual service cost of one person in state s. */
export function annualCost(rates: Rates, s: number): number {
  let cost = rates.socialCare[s];
  for (let a = 0; a < ACTIVITIES.length; a++) cost += rates.activity[a][s] * rates.unitCost[a][s];
  return cost;
}

/**
 * Impactability of one person in state s: engagement × expected avoidable cost in a year,
 * where avoidable cost = Σ activity × unit cost × (1 − RR) + social care × (1 − RR)
 * + Σ moves p × (1 − RR) × (annual cost at the new level − annual cost now).
 */
export function impactability(
  rt: InterventionRuntime,
  layout: StateLayout,
  rates: Rates,
  s: number,
): number {
  const C = layout.levels.length;
  let avoidable = rates.socialCare[s] * (1 - rt.activityRr[ACTIVITIES.length]);
  for (let a = 0; a < ACTIVITIES.length; a++) {
    avoidable += rates.activity[a][s] * rates.unitCost[a][s] * (1 - rt.activityRr[a]);
  }
  const from = layout.level[s];
  const here = annualCost(rates, s);
  for (let to = 0; to < C; to++) {
    if (to === from) continue;
    const there = annualCost(rates, s + (to - from) * QUINTILE_COUNT);
    avoidable += rates.move[s * C + to] * (1 - rt.moveRr[from * C + to]) * (there - here);
  }
  return rt.uptake[s] * avoidable;
}

/**
 * Eligible states in the order the targeting rule fills them: by a primary then a secondary key
 * (ascending), then by state index; "proportional" keeps state order.
 */
function priorityOrder(
  rt: InterventionRuntime,
  layout: StateLayout,
  rates: Rates,
  reuse?: Int32Array,
): Int32Array {
  const targeting = rt.spec.targeting;
  const ranked = targeting === "highest-risk" || targeting === "most-deprived" ||
    targeting === "impactability";
  // Without a ranking the order is the eligible states in index order: the same every time.
  if (reuse && !ranked) return reuse;
  let count = 0;
  for (let s = 0; s < layout.stateCount; s++) count += rt.eligible[s];
  const order = reuse ?? new Int32Array(count);
  count = 0;
  for (let s = 0; s < layout.stateCount; s++) if (rt.eligible[s]) order[count++] = s;
  if (!ranked) return order;
  const primary = new Float64Array(layout.stateCount);
  const secondary = new Float64Array(layout.stateCount);
  const risk = rates.activity[0];
  for (const s of order) {
    if (targeting === "highest-risk") {
      primary[s] = -risk[s];
      secondary[s] = -annualCost(rates, s);
    } else if (targeting === "most-deprived") {
      primary[s] = layout.quintile[s];
      secondary[s] = -risk[s];
    } else {
      primary[s] = -impactability(rt, layout, rates, s);
      secondary[s] = -risk[s];
    }
  }
  return order.sort((x, y) =>
    primary[x] !== primary[y]
      ? primary[x] - primary[y]
      : secondary[x] !== secondary[y]
      ? secondary[x] - secondary[y]
      : x - y
  );
}

/** Whether the intervention runs in `year`, its ramp-up reach, and the effect kept after it stops. */
export function yearStatus(
  spec: InterventionSpec,
  year: number,
): { active: boolean; reach: number; retained: number } {
  const end = spec.durationYears === null ? Infinity : spec.startYear + spec.durationYears;
  if (year < spec.startYear) return { active: false, reach: 0, retained: 0 };
  if (year < end) {
    const k = year - spec.startYear + 1;
    const reach = spec.rampUpYears > 0 ? Math.min(1, k / spec.rampUpYears) : 1;
    return { active: true, reach, retained: 1 };
  }
  return { active: false, reach: 0, retained: Math.pow(1 - spec.decayPerYear, year - end + 1) };
}

/**
 * Enrolment this cycle: writes each state's enrolled share into `share` and returns the caseload.
 * Demand is N × uptake × reach; above capacity, the targeting rule decides who is enrolled
 * ("proportional" scales every state alike; the others fill states in priority order).
 */
export function enrol(
  rt: InterventionRuntime,
  counts: Float64Array,
  reach: number,
  share: Float64Array,
): number {
  const order = rt.order;
  let demand = 0;
  for (let i = 0; i < order.length; i++) {
    const s = order[i];
    demand += counts[s] * rt.uptake[s] * reach;
  }
  share.fill(0);
  const cap = rt.spec.capacity;
  if (cap === null || demand <= cap) {
    for (let i = 0; i < order.length; i++) share[order[i]] = rt.uptake[order[i]] * reach;
    return demand;
  }
  if (rt.spec.targeting === "proportional") {
    const scale = cap / demand;
    for (let i = 0; i < order.length; i++) share[order[i]] = rt.uptake[order[i]] * reach * scale;
    return cap;
  }
  let left = cap;
  for (let i = 0; i < order.length && left > 0; i++) {
    const s = order[i];
    const want = counts[s] * rt.uptake[s] * reach;
    const take = Math.min(want, left);
    share[s] = counts[s] > 0 ? take / counts[s] : 0;
    left -= take;
  }
  return cap - left;
}
