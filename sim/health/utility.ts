/**
 * Utility per person-year in every state, for one iteration's parameter values
 * (docs/model.md, "Health: life-years and QALYs"):
 *
 *     u_s = min(1, N_b × p_j × m_c / m̄_j × G(q) / Ḡ_{j,c})
 *
 * N_b the norm of the state's age band (the uncertain parameter), p_j the age profile of its
 * five-year age group j within the band: the group's published norm over the band's (HSE 2017/18,
 * England's 2024 age weights inside each), so that at the default norm each group's year-0 mean
 * utility is its own published norm and an older place has a lower band mean; m_c the
 * complexity multiplier and m̄_j its year-0 population mean over the levels of the group, so that
 * the group's mean utility at year 0 is N_b × p_j whatever its complexity mix; G the optional
 * deprivation gradient, normalised within (j, c). Written in terms of a state's attributes only,
 * so a new state attribute changes the plan, not the formula.
 */
import type { Registry } from "../parameters.ts";
import type { StateLayout } from "../population.ts";
import { InputError } from "../problems.ts";
import { gradientFactor } from "../rates.ts";
import { QUINTILE_COUNT } from "../types.ts";
import { parseAgeRange, publishedNorms } from "./norms.ts";

/** What buildUtility needs that does not change between iterations. */
export interface UtilityPlan {
  /** Per state: the age unit whose year-0 mean utility is its norm × profile (its age group). */
  unit: Int32Array;
  units: number;
  /** Per state: its band's norm parameter (registry index). */
  norm: Int32Array;
  /** Per state: its age group's profile within its band (ageProfile). */
  profile: Float64Array;
  /** Per level: multiplier parameter (registry index, −1: 1). */
  multiplier: Int32Array;
  /** Registry index of the deprivation ratio, −1 when there is none. */
  deprivationRatio: number;
  /** Year-0 share of unit a's people at level c: a·C + c. */
  unitLevel: Float64Array;
  /** Year-0 share of (unit a, level c)'s people in quintile q: (a·C + c)·5 + q. */
  unitLevelQuintile: Float64Array;
}

export function planUtility(
  layout: StateLayout,
  registry: Registry,
  initial: Float64Array,
): UtilityPlan {
  const S = layout.stateCount;
  const C = layout.levels.length;
  const units = layout.ageGroups.length;
  // Typed arrays filled by loops: Int32Array.from over a typed array or with a map function
  // goes through the iterator protocol, which made this plan a noticeable part of preparing a
  // model (a deterministic run prepares one every time).
  const unit = new Int32Array(layout.ageGroup);
  const groupProfile = ageProfile(layout);
  const missing = layout.ageBands.filter((b) => !registry.index.has(`utility.norm.${b}`));
  if (missing.length) {
    throw new InputError(missing.map((b) => ({
      at: `health.utility.norm.${b}`,
      message: `no utility norm for age band ${b}`,
      expected: "a utility between 0 and 1 (an age band labelled a-b or a+ has a default)",
    })));
  }
  const bandNorm = layout.ageBands.map((b) => registry.index.get(`utility.norm.${b}`)!);
  const norm = new Int32Array(S);
  const profile = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    norm[s] = bandNorm[layout.ageBand[s]];
    profile[s] = groupProfile[layout.ageGroup[s]];
  }
  const unitLevel = new Float64Array(units * C);
  const unitLevelQuintile = new Float64Array(units * C * QUINTILE_COUNT);
  for (let s = 0; s < S; s++) {
    const ac = unit[s] * C + layout.level[s];
    unitLevel[ac] += initial[s];
    unitLevelQuintile[ac * QUINTILE_COUNT + layout.quintile[s]] += initial[s];
  }
  normaliseRows(unitLevel, C);
  normaliseRows(unitLevelQuintile, QUINTILE_COUNT);
  return {
    unit,
    units,
    norm,
    profile,
    multiplier: Int32Array.from(
      layout.levels,
      (l) => registry.index.get(`utility.multiplier.${l}`) ?? -1,
    ),
    deprivationRatio: registry.index.get("utility.deprivationRatio") ?? -1,
    unitLevel,
    unitLevelQuintile,
  };
}

/**
 * Each age group's utility relative to its band's: the HSE 2017/18 norm (McNamara et al. 2022)
 * averaged over the group's ages over the same averaged over the band's, both weighted by
 * England's 2024 population by single year (publishedNorms). 1 when a label is not a range the
 * norms cover. The same source as the bands' default norms, so at a band's default the groups'
 * year-0 means are their own published norms.
 */
export function ageProfile(layout: StateLayout): Float64Array {
  const hse = (label: string) => {
    const r = parseAgeRange(label);
    return r ? publishedNorms(r[0], r[1]).hse2017 : NaN;
  };
  const bandNorm = layout.ageBands.map(hse);
  return Float64Array.from(layout.ageGroups, (g, j) => {
    const p = hse(g.label) / bandNorm[layout.groupBand[j]];
    return Number.isFinite(p) && p > 0 ? p : 1;
  });
}

/** Each row of `width` values divided by its sum (an even split when it sums to 0). */
function normaliseRows(a: Float64Array, width: number): void {
  for (let i = 0; i < a.length; i += width) {
    let total = 0;
    for (let j = 0; j < width; j++) total += a[i + j];
    for (let j = 0; j < width; j++) a[i + j] = total > 0 ? a[i + j] / total : 1 / width;
  }
}

/** Fills `out` (one utility per state) from one iteration's parameter values. */
export function buildUtility(
  layout: StateLayout,
  plan: UtilityPlan,
  values: Float64Array,
  out: Float64Array = new Float64Array(layout.stateCount),
): Float64Array {
  const C = layout.levels.length;
  const m = new Float64Array(C);
  for (let c = 0; c < C; c++) m[c] = plan.multiplier[c] < 0 ? 1 : values[plan.multiplier[c]];
  const meanM = new Float64Array(plan.units);
  for (let a = 0; a < plan.units; a++) {
    for (let c = 0; c < C; c++) meanM[a] += plan.unitLevel[a * C + c] * m[c];
  }
  const ratio = plan.deprivationRatio < 0 ? 1 : values[plan.deprivationRatio];
  const factor = new Float64Array(QUINTILE_COUNT);
  for (let q = 0; q < QUINTILE_COUNT; q++) factor[q] = gradientFactor(ratio, q);
  const meanG = new Float64Array(plan.units * C);
  for (let ac = 0; ac < meanG.length; ac++) {
    for (let q = 0; q < QUINTILE_COUNT; q++) {
      meanG[ac] += plan.unitLevelQuintile[ac * QUINTILE_COUNT + q] * factor[q];
    }
  }
  const { level, quintile } = layout;
  for (let s = 0; s < layout.stateCount; s++) {
    const a = plan.unit[s];
    const c = level[s];
    const u = values[plan.norm[s]] * plan.profile[s] * (m[c] / meanM[a]) *
      (factor[quintile[s]] / meanG[a * C + c]);
    out[s] = u < 1 ? u : 1;
  }
  return out;
}
