/**
 * Per-state rates for one iteration: annual probabilities of death, complexity moves and ageing;
 * activity per person per year; unit costs. Built from one set of parameter values and the
 * year-0 population (which fixes the normalisations that keep segment and age-group averages at
 * their published or assumed values).
 */
import type { Registry } from "./parameters.ts";
import { groupStride, stateIndex, type StateLayout } from "./population.ts";
import { InputError, type Problem } from "./problems.ts";
import type { Activity, BaselineParameters, SegmentRow } from "./types.ts";
import { ACTIVITIES, EFFECT_TARGETS, QUINTILE_COUNT } from "./types.ts";

export interface Rates {
  /** Annual probability of death. */
  death: Float64Array;
  /** Annual probability of moving to level `to`: index s·C + to (zero at the state's own level). */
  move: Float64Array;
  /** Annual probability of moving to the next age group (1 / the group's width; 0 in the last). */
  ageing: Float64Array;
  /** Net migration per person per year (negative: outflow). */
  migration: Float64Array;
  /** Per person per year, by activity (ACTIVITIES order) then state. */
  activity: Float64Array[];
  /** £ per unit of activity, by activity then state. */
  unitCost: Float64Array[];
  /** Social care £ per person per year. */
  socialCare: Float64Array;
  /** New registrations per person per year. */
  entrants: number;
  /** Where entrants go: per leaf area, shares over the youngest group's lowest-level quintiles. */
  entrantShares: Float64Array;
}

/** A segment's activity per person per year and unit costs, calibrated to its spend. */
export interface SegmentCalibration {
  rate: Record<Activity, number>;
  unitCost: Record<Activity, number>;
  socialCare: number;
}

/**
 * Calibrates one segment (docs/model.md, "Activity and cost"): inpatient spells are split into
 * non-elective and elective in proportion to spend ÷ reference unit cost; A&E attendances cost
 * the A&E unit cost, the rest of non-elective spend is spread over non-elective admissions; GP
 * and community contacts are spend ÷ unit cost. Year-0 cost then equals the published spend.
 */
export function calibrateSegment(
  seg: SegmentRow,
  unit: BaselineParameters["unitCost"],
  at = `segment ${seg.ageBand} × ${seg.complexity}`,
): { calibration?: SegmentCalibration; problems: Problem[] } {
  const problems: Problem[] = [];
  const nelWeight = seg.spend.acuteNonElective / unit.nonElectiveReference;
  const elWeight = seg.spend.acuteElective / unit.electiveReference;
  const nelShare = nelWeight + elWeight > 0 ? nelWeight / (nelWeight + elWeight) : 0.5;
  const nonElective = seg.inpatientSpells * nelShare;
  const elective = seg.inpatientSpells * (1 - nelShare);
  const aeCost = seg.aeAttendances * unit.ae;
  const nelResidual = seg.spend.acuteNonElective - aeCost;
  if (nelResidual < -1e-9) {
    problems.push({
      at,
      message: "A&E attendances × A&E unit cost exceed the non-elective spend",
      found: `£${aeCost.toFixed(0)} > £${seg.spend.acuteNonElective}`,
      expected: "non-elective spend to cover A&E attendances",
    });
  }
  if (nonElective === 0 && nelResidual > 1e-9) {
    problems.push({
      at,
      message: "non-elective spend beyond A&E, but no inpatient spells to carry it",
      expected: "inpatient_spells_pppy above 0",
    });
  }
  if (elective === 0 && seg.spend.acuteElective > 0) {
    problems.push({
      at,
      message: "elective spend but no inpatient spells to carry it",
      expected: "inpatient_spells_pppy above 0",
    });
  }
  if (problems.length) return { problems };
  return {
    problems,
    calibration: {
      rate: {
        nonElective,
        elective,
        ae: seg.aeAttendances,
        gp: seg.spend.generalPractice / unit.gp,
        community: seg.spend.mhCommunity / unit.community,
      },
      unitCost: {
        nonElective: nonElective > 0 ? Math.max(nelResidual, 0) / nonElective : 0,
        elective: elective > 0 ? seg.spend.acuteElective / elective : 0,
        ae: unit.ae,
        gp: unit.gp,
        community: unit.community,
      },
      socialCare: seg.spend.socialCare,
    },
  };
}

/** Calibrates every segment, or throws an InputError listing each that cannot be. */
export function calibrateSegments(
  segments: SegmentRow[],
  unit: BaselineParameters["unitCost"],
): SegmentCalibration[] {
  const results = segments.map((s) => calibrateSegment(s, unit));
  const problems = results.flatMap((r) => r.problems);
  if (problems.length) throw new InputError(problems);
  return results.map((r) => r.calibration!);
}

/** Gradient factor of quintile q (0 = most deprived): ratio^((4 − q)/4), 1 at the least deprived. */
export function gradientFactor(ratio: number, q: number): number {
  return Math.pow(ratio, (QUINTILE_COUNT - 1 - q) / (QUINTILE_COUNT - 1));
}

/**
 * What buildRates needs that does not change between iterations: year-0 population shares, the
 * national death probabilities by age group, and the registry index of every parameter it
 * reads (−1 where the study does not define one).
 */
export interface RatesPlan {
  /** Share of segment k's year-0 people in quintile q: index k·5 + q. */
  segmentQuintile: Float64Array;
  /** Share of age group j's year-0 people at level c: index j·C + c. */
  groupLevel: Float64Array;
  /** National death probability of each age group (ONS NPP qx+½ 2023–24). */
  groupQx: Float64Array;
  /** Year-0 mean of `groupQx` over each band's people (what a band override scales to). */
  bandQx: Float64Array;
  /** Per band: index of its `deathRate` override, or −1 (the national curve). */
  deathRate: Int32Array;
  mortalityMultiplier: number;
  hazardRatio: Int32Array;
  /** Index (g·C + from)·C + to. */
  transition: Int32Array;
  worsening: number;
  /** EFFECT_TARGETS order: the five activities, then social care. */
  gradient: Int32Array;
  migration: Int32Array;
  entrants: number;
  /** Calibrated rate and unit cost per activity (ACTIVITIES order) and segment; social care per segment. */
  segmentRate: Float64Array[];
  segmentUnitCost: Float64Array[];
  segmentSocialCare: Float64Array;
}

function indexOf(registry: Registry, key: string): number {
  return registry.index.get(key) ?? -1;
}

export function planRates(
  layout: StateLayout,
  registry: Registry,
  initial: Float64Array,
  calibration: SegmentCalibration[],
): RatesPlan {
  const segments = calibration.length;
  const G = layout.ageBands.length;
  const NG = layout.ageGroups.length;
  const C = layout.levels.length;
  const segmentQuintile = new Float64Array(segments * QUINTILE_COUNT);
  const groupLevel = new Float64Array(NG * C);
  const groupQx = Float64Array.from(layout.ageGroups, (g) => g.qx);
  const bandQx = new Float64Array(G);
  const bandPeople = new Float64Array(G);
  for (let s = 0; s < layout.stateCount; s++) {
    segmentQuintile[layout.segment[s] * QUINTILE_COUNT + layout.quintile[s]] += initial[s];
    groupLevel[layout.ageGroup[s] * C + layout.level[s]] += initial[s];
    bandQx[layout.ageBand[s]] += initial[s] * groupQx[layout.ageGroup[s]];
    bandPeople[layout.ageBand[s]] += initial[s];
  }
  for (let g = 0; g < G; g++) {
    if (bandPeople[g] > 0) bandQx[g] /= bandPeople[g];
    else {
      // No one in the band at year 0: the unweighted mean of its groups.
      let n = 0;
      for (let j = 0; j < NG; j++) {
        if (layout.groupBand[j] === g) {
          bandQx[g] += groupQx[j];
          n++;
        }
      }
      bandQx[g] /= n;
    }
  }
  const normalise = (a: Float64Array, width: number) => {
    for (let i = 0; i < a.length; i += width) {
      let total = 0;
      for (let j = 0; j < width; j++) total += a[i + j];
      for (let j = 0; j < width; j++) a[i + j] = total > 0 ? a[i + j] / total : 1 / width;
    }
  };
  normalise(segmentQuintile, QUINTILE_COUNT);
  normalise(groupLevel, C);
  const transition = new Int32Array(G * C * C).fill(-1);
  for (let g = 0; g < G; g++) {
    for (let from = 0; from < C; from++) {
      for (let to = 0; to < C; to++) {
        if (to === from) continue;
        transition[(g * C + from) * C + to] = indexOf(
          registry,
          `transitions.${layout.ageBands[g]}.${layout.levels[from]}->${layout.levels[to]}`,
        );
      }
    }
  }
  return {
    segmentQuintile,
    groupLevel,
    groupQx,
    bandQx,
    deathRate: Int32Array.from(layout.ageBands, (b) => indexOf(registry, `deathRate.${b}`)),
    mortalityMultiplier: indexOf(registry, "mortalityMultiplier"),
    hazardRatio: Int32Array.from(layout.levels, (l) => indexOf(registry, `deathHazardRatio.${l}`)),
    transition,
    worsening: indexOf(registry, "deprivationWorseningRatio"),
    gradient: Int32Array.from(EFFECT_TARGETS, (t) => indexOf(registry, `deprivationGradient.${t}`)),
    migration: Int32Array.from(
      layout.ageBands,
      (b) => indexOf(registry, `netMigrationPer1000.${b}`),
    ),
    entrants: indexOf(registry, "entrantsPer1000"),
    segmentRate: ACTIVITIES.map((a) => Float64Array.from(calibration, (c) => c.rate[a])),
    segmentUnitCost: ACTIVITIES.map((a) => Float64Array.from(calibration, (c) => c.unitCost[a])),
    segmentSocialCare: Float64Array.from(calibration, (c) => c.socialCare),
  };
}

/** Gradient factors of the five quintiles for a most/least ratio, and each segment's mean. */
function gradientNorms(
  ratio: number,
  plan: RatesPlan,
  segments: number,
  factor: Float64Array,
  norm: Float64Array,
): { factor: Float64Array; norm: Float64Array } {
  for (let q = 0; q < QUINTILE_COUNT; q++) factor[q] = gradientFactor(ratio, q);
  for (let k = 0; k < segments; k++) {
    let m = 0;
    for (let q = 0; q < QUINTILE_COUNT; q++) {
      m += plan.segmentQuintile[k * QUINTILE_COUNT + q] * factor[q];
    }
    norm[k] = m;
  }
  return { factor, norm };
}

/** Buffers for one layout's rates, reused from iteration to iteration. */
export function createRates(layout: StateLayout): Rates {
  const S = layout.stateCount;
  return {
    death: new Float64Array(S),
    move: new Float64Array(S * layout.levels.length),
    ageing: new Float64Array(S),
    migration: new Float64Array(S),
    activity: ACTIVITIES.map(() => new Float64Array(S)),
    unitCost: ACTIVITIES.map(() => new Float64Array(S)),
    socialCare: new Float64Array(S),
    entrants: 0,
    entrantShares: new Float64Array(layout.areas.length * QUINTILE_COUNT),
  };
}

/** Fills `out` (or new buffers) with one iteration's rates from its parameter values. */
export function buildRates(
  layout: StateLayout,
  plan: RatesPlan,
  values: Float64Array,
  initial: Float64Array,
  balanceImprovingMoves = false,
  out: Rates = createRates(layout),
): Rates {
  const S = layout.stateCount;
  const C = layout.levels.length;
  const G = layout.ageBands.length;
  const NG = layout.ageGroups.length;
  const K = plan.segmentSocialCare.length;
  const { ageBand, ageGroup, level, quintile, segment } = layout;
  const value = (index: number, fallback: number) => (index < 0 ? fallback : values[index]);

  // Deaths: the age group's national probability × the band's scale × complexity hazard ratio
  // ÷ the group's year-0 mean hazard ratio (so each group's average stays at its probability).
  // The scale is the mortality multiplier, or, where the study gives the band's average death
  // rate, that rate ÷ the band's year-0 mean of the national curve.
  const hr = new Float64Array(C);
  for (let c = 0; c < C; c++) hr[c] = value(plan.hazardRatio[c], 1);
  const meanHr = new Float64Array(NG);
  for (let j = 0; j < NG; j++) {
    for (let c = 0; c < C; c++) meanHr[j] += plan.groupLevel[j * C + c] * hr[c];
  }
  const multiplier = value(plan.mortalityMultiplier, 1);
  const scale = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    scale[g] = plan.deathRate[g] >= 0 && plan.bandQx[g] > 0
      ? values[plan.deathRate[g]] / plan.bandQx[g]
      : multiplier;
  }
  const { death, move, ageing, migration, activity, unitCost, socialCare, entrantShares } = out;
  const factor = new Float64Array(QUINTILE_COUNT);
  const norm = new Float64Array(K);
  for (let s = 0; s < S; s++) {
    const j = ageGroup[s];
    death[s] = plan.groupQx[j] * scale[ageBand[s]] * hr[level[s]] / meanHr[j];
  }

  // Complexity moves: worsening moves carry the deprivation gradient, normalised per segment.
  const worse = gradientNorms(value(plan.worsening, 1), plan, K, factor, norm);
  for (let s = 0; s < S; s++) {
    const from = level[s];
    const row = (ageBand[s] * C + from) * C;
    for (let to = 0; to < C; to++) {
      if (to === from) {
        move[s * C + to] = 0;
        continue;
      }
      const base = value(plan.transition[row + to], 0);
      move[s * C + to] = to > from
        ? base * worse.factor[quintile[s]] / worse.norm[segment[s]]
        : base;
    }
  }
  for (let s = 0; s < S; s++) {
    ageing[s] = layout.ageGroups[ageGroup[s]].ageingRate;
    migration[s] = value(plan.migration[ageBand[s]], 0) / 1000;
  }

  if (balanceImprovingMoves) balanceLevels(layout, initial, death, move, ageing);
  // Guard: competing annual probabilities cannot exceed 1.
  for (let s = 0; s < S; s++) {
    let total = death[s];
    for (let to = 0; to < C; to++) total += move[s * C + to];
    if (total > 1) {
      death[s] /= total;
      for (let to = 0; to < C; to++) move[s * C + to] /= total;
    }
  }

  // Activity and social care: segment rate × quintile gradient ÷ the segment's year-0 mean gradient.
  for (let t = 0; t < ACTIVITIES.length; t++) {
    gradientNorms(value(plan.gradient[t], 1), plan, K, factor, norm);
    const segRate = plan.segmentRate[t];
    const segCost = plan.segmentUnitCost[t];
    const rate = activity[t];
    const cost = unitCost[t];
    for (let s = 0; s < S; s++) {
      const k = segment[s];
      rate[s] = segRate[k] * factor[quintile[s]] / norm[k];
      cost[s] = segCost[k];
    }
  }
  const sc = gradientNorms(value(plan.gradient[ACTIVITIES.length], 1), plan, K, factor, norm);
  for (let s = 0; s < S; s++) {
    const k = segment[s];
    socialCare[s] = plan.segmentSocialCare[k] * sc.factor[quintile[s]] / sc.norm[k];
  }

  // Entrants go to the youngest age group's lowest level, spread over quintiles as that state's
  // year-0 population is (evenly if it is empty).
  const A = layout.areas.length;
  for (let a = 0; a < A; a++) {
    const first = stateIndex(layout, a, 0, 0, 0);
    let total = 0;
    for (let q = 0; q < QUINTILE_COUNT; q++) total += initial[first + q];
    for (let q = 0; q < QUINTILE_COUNT; q++) {
      entrantShares[a * QUINTILE_COUNT + q] = total > 0
        ? initial[first + q] / total
        : 1 / QUINTILE_COUNT;
    }
  }

  out.entrants = value(plan.entrants, 0) / 1000;
  return out;
}

/**
 * "Balanced" improving moves: for each age band, from the most complex level down to the second
 * least, sets the adjacent improving move (c → c−1) so that the level's year-0 count in the band
 * is steady in expectation over the first year (approximately: ageing, applied after moves, is
 * counted as a competing exit): inflow (moves in from other levels, ageing in from the band
 * below) equals outflow (deaths, other moves, ageing out of the band, and the move being
 * solved). Solved top down, so each level sees the improving flow from the level above. Clamped
 * at 0 when inflow cannot cover the other exits. Replaces the given improving adjacent moves; the
 * least complex level absorbs the rest. Ageing between the groups of one band stays inside it.
 */
export function balanceLevels(
  layout: StateLayout,
  initial: Float64Array,
  death: Float64Array,
  move: Float64Array,
  ageing: Float64Array,
): void {
  const S = layout.stateCount;
  const C = layout.levels.length;
  const NG = layout.ageGroups.length;
  const stride = groupStride(layout);
  // Ageing that leaves the band: from a band's last group only.
  const leavesBand = (s: number) => {
    const j = layout.ageGroup[s];
    return j + 1 < NG && layout.groupBand[j + 1] !== layout.groupBand[j] ? ageing[s] : 0;
  };
  for (let g = 0; g < layout.ageBands.length; g++) {
    for (let c = C - 1; c >= 1; c--) {
      let people = 0;
      let inflow = 0;
      let fixedOut = 0;
      for (let s = 0; s < S; s++) {
        if (layout.ageBand[s] === g && layout.level[s] !== c) {
          inflow += initial[s] * move[s * C + c];
        }
        if (
          layout.ageBand[s] === g - 1 && layout.level[s] === c && s + stride < S &&
          layout.ageBand[s + stride] === g
        ) {
          inflow += initial[s] * leavesBand(s);
        }
        if (layout.ageBand[s] !== g || layout.level[s] !== c) continue;
        people += initial[s];
        let exits = death[s] + leavesBand(s);
        for (let to = 0; to < C; to++) if (to !== c && to !== c - 1) exits += move[s * C + to];
        fixedOut += initial[s] * exits;
      }
      if (people === 0) continue;
      const rate = Math.max(0, (inflow - fixedOut) / people);
      for (let s = 0; s < S; s++) {
        if (layout.ageBand[s] !== g || layout.level[s] !== c) continue;
        let others = death[s];
        for (let to = 0; to < C; to++) if (to !== c && to !== c - 1) others += move[s * C + to];
        move[s * C + c - 1] = Math.min(rate, Math.max(0, 1 - others));
      }
    }
  }
}
