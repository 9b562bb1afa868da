/**
 * Interventions at run time: who is eligible, how many enrol each cycle (uptake × ramp-up,
 * capped by capacity and filled by a targeting rule), and the relative risks they apply.
 *
 * Enrolment is modelled as a share f of each state's people. A person enrolled with
 * probability f independently of others makes an event with probability p·(1 − f·g), where
 * g = a·(1 − RR·k): the effect's relative risk RR, times the state's modifiers k (by age band,
 * complexity and quintile), on the share a of the activity it applies to (all of it, the
 * state's amenable share, or a given share). Drawing the state's count from
 * Binomial(N, p·(1 − f·g)) is exact for that model. Several interventions in one scenario enrol
 * independently, so their multipliers multiply: m = Π_i (1 − f_i·g_i).
 */
import type { Registry } from "./parameters.ts";
import type { StateLayout } from "./population.ts";
import type { Rates } from "./rates.ts";
import {
  ACTIVITIES,
  type Effect,
  EFFECT_TARGETS,
  type InterventionSpec,
  isEffectSpec,
  QUINTILE_COUNT,
} from "./types.ts";

export interface InterventionRuntime {
  spec: InterventionSpec;
  /** 1 where a state is eligible. */
  eligible: Uint8Array;
  /** Uptake share by state (its quintile's), zero where not eligible. */
  uptake: Float64Array;
  /** Eligible states in the order the targeting rule fills them. */
  order: Int32Array;
  /**
   * How much the intervention lowers an enrolled person's rate, per EFFECT_TARGETS entry and
   * eligible state (index t·S + s): g = a × (1 − RR × k), with a the share of the activity the
   * effect applies to (1, the state's amenable share, or a given share) and k the product of the
   * state's modifiers. An enrolled share f of the state multiplies the rate by 1 − f·g. Zero
   * where the intervention has no effect or the state is not eligible.
   */
  activityGain: Float64Array;
  /** The same for the move from the state's level to level `to`: index s·C + to. */
  moveGain: Float64Array;
  /** The same for death, per state. */
  deathGain: Float64Array;
  costPerParticipant: number;
  fixedCostPerYear: number;
}

/** Where one effect's parameters sit in the registry (−1: absent). */
export interface EffectPlan {
  /** The relative risk; −1 for no effect. */
  rr: number;
  /** A given share of the activity or move the RR applies to; −1 for all of it. */
  share: number;
  /** The RR applies to the state's amenable share of the activity. */
  amenable: boolean;
  /** Modifier per age band, level and quintile (−1: none); null when the group has none. */
  band: Int32Array | null;
  level: Int32Array | null;
  quintile: Int32Array | null;
}

const NO_EFFECT: EffectPlan = {
  rr: -1,
  share: -1,
  amenable: false,
  band: null,
  level: null,
  quintile: null,
};

/**
 * What does not change between iterations: who is eligible, and where each of the
 * intervention's parameters sits in the registry.
 */
export interface InterventionPlan {
  spec: InterventionSpec;
  eligible: Uint8Array;
  /** Registry index of each quintile's uptake (the same index five times for one uptake). */
  uptake: Int32Array;
  /** EFFECT_TARGETS order. */
  activity: EffectPlan[];
  /** Index i·C + j: the specific move's effect, else the general worsening/improving one. */
  moves: EffectPlan[];
  death: EffectPlan;
  costPerParticipant: number;
  fixedCostPerYear: number;
}

/** Plans one effect written at registry key `key` (see sim/effects.ts for the key scheme). */
function planEffect(
  key: string,
  effect: Effect | undefined,
  layout: StateLayout,
  registry: Registry,
): EffectPlan {
  const rr = registry.index.get(key);
  if (effect === undefined || rr === undefined) return NO_EFFECT;
  if (!isEffectSpec(effect)) return { ...NO_EFFECT, rr };
  const indexOf = (k: string) => registry.index.get(k) ?? -1;
  const group = (name: string, members: readonly (string | number)[]) => {
    const at = Int32Array.from(members, (m) => indexOf(`${key}.modifiers.${name}.${m}`));
    return at.some((i) => i >= 0) ? at : null;
  };
  return {
    rr,
    share: indexOf(`${key}.share`),
    amenable: effect.appliesTo === "amenable",
    band: group("ageBand", layout.ageBands),
    level: group("complexity", layout.levels),
    quintile: group("quintile", [1, 2, 3, 4, 5]),
  };
}

export function planIntervention(
  spec: InterventionSpec,
  layout: StateLayout,
  registry: Registry,
): InterventionPlan {
  const S = layout.stateCount;
  const C = layout.levels.length;
  const key = `interventions.${spec.parameterKey ?? spec.id}`;
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
  const transitions = spec.effects.transitions ?? {};
  const moves: EffectPlan[] = [];
  for (let i = 0; i < C; i++) {
    for (let j = 0; j < C; j++) {
      if (i === j) {
        moves.push(NO_EFFECT);
        continue;
      }
      const specific = `${layout.levels[i]}->${layout.levels[j]}`;
      const name = Object.hasOwn(transitions, specific)
        ? specific
        : j > i
        ? "worsening"
        : "improving";
      moves.push(
        planEffect(`${key}.effects.transitions.${name}`, transitions[name], layout, registry),
      );
    }
  }
  const activity = spec.effects.activity ?? {};
  return {
    spec,
    eligible,
    uptake: Int32Array.from(
      { length: QUINTILE_COUNT },
      (_, q) => required(`${key}.uptake.${perQuintile ? q + 1 : 1}`),
    ),
    activity: EFFECT_TARGETS.map((t) =>
      planEffect(`${key}.effects.activity.${t}`, activity[t], layout, registry)
    ),
    moves,
    death: planEffect(`${key}.effects.death`, spec.effects.death, layout, registry),
    costPerParticipant: required(`${key}.costPerParticipant`),
    fixedCostPerYear: required(`${key}.fixedCostPerYear`),
  };
}

/**
 * The gain g = a × (1 − RR × k) of one effect in state s (see InterventionRuntime), from one
 * iteration's parameter values and the state's amenable share (null when none is planned).
 */
export function effectGain(
  e: EffectPlan,
  layout: StateLayout,
  values: Float64Array,
  amenable: Float64Array | null,
  s: number,
): number {
  if (e.rr < 0) return 0;
  let k = 1;
  if (e.band && e.band[layout.ageBand[s]] >= 0) k *= values[e.band[layout.ageBand[s]]];
  if (e.level && e.level[layout.level[s]] >= 0) k *= values[e.level[layout.level[s]]];
  if (e.quintile && e.quintile[layout.quintile[s]] >= 0) {
    k *= values[e.quintile[layout.quintile[s]]];
  }
  let share = 1;
  if (e.amenable) {
    if (!amenable) throw new Error("an effect on amenable activity, but no amenable shares");
    share = amenable[s];
  } else if (e.share >= 0) share = Math.min(Math.max(values[e.share], 0), 1);
  return share * (1 - values[e.rr] * k);
}

/**
 * One iteration's runtime of a planned intervention, from that iteration's parameter values
 * and each state's amenable share (null when the study uses none). Pass the previous
 * iteration's runtime as `into` to refill its buffers instead of allocating.
 */
export function buildInterventionRuntime(
  plan: InterventionPlan,
  layout: StateLayout,
  rates: Rates,
  values: Float64Array,
  amenable: Float64Array | null,
  into?: InterventionRuntime,
): InterventionRuntime {
  const S = layout.stateCount;
  const C = layout.levels.length;
  const T = EFFECT_TARGETS.length;
  const rt: InterventionRuntime = into ?? {
    spec: plan.spec,
    eligible: plan.eligible,
    uptake: new Float64Array(S),
    order: new Int32Array(0),
    activityGain: new Float64Array(T * S),
    moveGain: new Float64Array(S * C),
    deathGain: new Float64Array(S),
    costPerParticipant: 0,
    fixedCostPerYear: 0,
  };
  for (let s = 0; s < S; s++) {
    if (!plan.eligible[s]) {
      rt.uptake[s] = 0;
      continue;
    }
    rt.uptake[s] = Math.min(Math.max(values[plan.uptake[layout.quintile[s]]], 0), 1);
    for (let t = 0; t < T; t++) {
      rt.activityGain[t * S + s] = effectGain(plan.activity[t], layout, values, amenable, s);
    }
    const from = layout.level[s];
    for (let to = 0; to < C; to++) {
      rt.moveGain[s * C + to] = effectGain(plan.moves[from * C + to], layout, values, amenable, s);
    }
    rt.deathGain[s] = effectGain(plan.death, layout, values, amenable, s);
  }
  rt.costPerParticipant = values[plan.costPerParticipant];
  rt.fixedCostPerYear = values[plan.fixedCostPerYear];
  rt.order = priorityOrder(rt, layout, rates, into?.order);
  return rt;
}

/**
 * Applies one intervention's enrolled shares to the cycle's multipliers (engine.ts step 1):
 * for each reached state, every rate falls by the enrolled share × the gain, and the state is
 * marked as touched. Allocates nothing.
 */
export function applyEffects(
  rt: InterventionRuntime,
  share: Float64Array,
  layout: StateLayout,
  activityMult: Float64Array,
  moveMult: Float64Array,
  deathMult: Float64Array,
  touched: Uint8Array,
): void {
  const S = layout.stateCount;
  const C = layout.levels.length;
  const T = EFFECT_TARGETS.length;
  const { activityGain, moveGain, deathGain } = rt;
  for (let s = 0; s < S; s++) {
    const sh = share[s];
    if (sh === 0) continue;
    touched[s] = 1;
    for (let t = 0; t < T; t++) activityMult[t * S + s] *= 1 - sh * activityGain[t * S + s];
    for (let to = 0; to < C; to++) moveMult[s * C + to] *= 1 - sh * moveGain[s * C + to];
    deathMult[s] *= 1 - sh * deathGain[s];
  }
}

/** Expected annual service cost of one person in state s. */
export function annualCost(rates: Rates, s: number): number {
  let cost = rates.socialCare[s];
  for (let a = 0; a < ACTIVITIES.length; a++) cost += rates.activity[a][s] * rates.unitCost[a][s];
  return cost;
}

/**
 * Impactability (capacity to benefit) of one person in state s: engagement × expected avoidable
 * cost in a year, where avoidable cost = Σ activity × unit cost × g_a + social care × g_SC
 * + Σ moves p × g_move × (annual cost at the new level − annual cost now), with g the gains of
 * InterventionRuntime — so only the share of activity the effect applies to (e.g. the amenable
 * share) counts, at the state's own (modified) effect.
 */
export function impactability(
  rt: InterventionRuntime,
  layout: StateLayout,
  rates: Rates,
  s: number,
): number {
  const S = layout.stateCount;
  const C = layout.levels.length;
  let avoidable = rates.socialCare[s] * rt.activityGain[ACTIVITIES.length * S + s];
  for (let a = 0; a < ACTIVITIES.length; a++) {
    avoidable += rates.activity[a][s] * rates.unitCost[a][s] * rt.activityGain[a * S + s];
  }
  const from = layout.level[s];
  const here = annualCost(rates, s);
  for (let to = 0; to < C; to++) {
    if (to === from) continue;
    const there = annualCost(rates, s + (to - from) * QUINTILE_COUNT);
    avoidable += rates.move[s * C + to] * rt.moveGain[s * C + to] * (there - here);
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
