/**
 * The amenable share of non-elective admissions: the share that is for ambulatory care
 * sensitive conditions (ACSCs), which effective community care can prevent. An intervention
 * effect declared on amenable activity only (`appliesTo: "amenable"`) changes that share and no
 * more, and capacity to benefit (impactability) counts only that share as avoidable.
 *
 * In state s of age band g and level c:
 *
 *     a_s = min(1, A_g × ρ_c / ρ̄_g),   ρ̄_g = Σ_c w_{g,c} ρ_c / Σ_c w_{g,c}
 *
 * with A_g the band's share, ρ_c the complexity ratio (1 where none is given) and w_{g,c} the
 * band's year-0 non-elective admissions at level c, so the band's admission-weighted average
 * share stays A_g (as death hazard ratios keep the band's death rate).
 */
import type { Estimate } from "./distributions.ts";
import type { Registry } from "./parameters.ts";
import type { StateLayout } from "./population.ts";
import type { SegmentCalibration } from "./rates.ts";
import type { BaselineParameters } from "./types.ts";

const share = (central: number, low: number, high: number): Estimate => ({
  central,
  low,
  high,
  level: 0.9,
  family: "beta",
});

/**
 * ACSC share of emergency admissions, all ages: 20% in England in 2012/13 (Blunt I, Focus on
 * preventable admissions, QualityWatch, Nuffield Trust and Health Foundation, October 2013);
 * 16–24% spans O'Cathain et al. (BMJ Qual Saf 2014;23:47–55: 22% of emergency admissions were
 * for conditions rich in avoidable admissions). The range is an assumption built on the two.
 */
export const OVERALL_AMENABLE_SHARE = share(0.2, 0.16, 0.24);

/**
 * Defaults for the example place's bands and levels. By band: an ASSUMPTION (no published split
 * by age was found): children's ACSC admissions are ENT infections, convulsions and asthma;
 * older people's UTI, pneumonia, COPD and heart failure (Bardsley et al., BMJ Open
 * 2013;3:e002007, on large differences by age and condition). By complexity: chronic ACSCs
 * concentrate at middle and high complexity — an ASSUMPTION of +20% relative, range 0–45%.
 */
export function defaultAmenableShare(): NonNullable<BaselineParameters["amenableShare"]> {
  return {
    nonElective: {
      "0-17": share(0.2, 0.15, 0.3),
      "18-74": share(0.17, 0.12, 0.22),
      "75+": share(0.22, 0.17, 0.28),
    },
    complexityRatio: {
      middle: { central: 1.2, low: 1.0, high: 1.45, level: 0.9, family: "lognormal" },
      high: { central: 1.2, low: 1.0, high: 1.45, level: 0.9, family: "lognormal" },
    },
  };
}

/** Where the amenable shares' parameters sit in the registry, and the year-0 weights. */
export interface AmenablePlan {
  /** Registry index of each age band's share. */
  band: Int32Array;
  /** Registry index of each level's ratio, −1 for 1. */
  level: Int32Array;
  /** Year-0 non-elective admissions by band and level: index g·C + c. */
  weight: Float64Array;
}

/** Plans the amenable shares, or returns null when the registry holds none (none is used). */
export function planAmenable(
  layout: StateLayout,
  registry: Registry,
  initial: Float64Array,
  calibration: SegmentCalibration[],
): AmenablePlan | null {
  const prefix = "amenableShare.nonElective.";
  if (!registry.keys.some((k) => k.startsWith(prefix))) return null;
  const C = layout.levels.length;
  const band = Int32Array.from(layout.ageBands, (b) => {
    const i = registry.index.get(`${prefix}${b}`);
    if (i === undefined) throw new Error(`no amenable share for age band ${b}`);
    return i;
  });
  const level = Int32Array.from(
    layout.levels,
    (l) => registry.index.get(`amenableShare.complexityRatio.${l}`) ?? -1,
  );
  const weight = new Float64Array(layout.ageBands.length * C);
  for (let s = 0; s < layout.stateCount; s++) {
    weight[layout.ageBand[s] * C + layout.level[s]] += initial[s] *
      calibration[layout.segment[s]].rate.nonElective;
  }
  return { band, level, weight };
}

/** Fills `out` (one value per state) with each state's amenable share of non-elective admissions. */
export function amenableShares(
  plan: AmenablePlan,
  layout: StateLayout,
  values: Float64Array,
  out: Float64Array,
): Float64Array {
  const C = layout.levels.length;
  const ratio = (c: number) => (plan.level[c] < 0 ? 1 : values[plan.level[c]]);
  for (let s = 0; s < layout.stateCount; s++) {
    const g = layout.ageBand[s];
    let weighted = 0;
    let total = 0;
    for (let c = 0; c < C; c++) {
      weighted += plan.weight[g * C + c] * ratio(c);
      total += plan.weight[g * C + c];
    }
    const mean = total > 0 && weighted > 0 ? weighted / total : 1;
    const a = values[plan.band[g]] * ratio(layout.level[s]) / mean;
    out[s] = Math.min(1, Math.max(0, a));
  }
  return out;
}
