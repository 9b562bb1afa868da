/**
 * Per-state rates for one iteration: annual probabilities of death, complexity moves and ageing;
 * activity per person per year; unit costs. Built from one set of parameter values and the
 * year-0 population (which fixes the normalisations that keep segment averages at their
 * published or assumed values).
 */
import type { ParameterValues } from "./parameters.ts";
import type { StateLayout } from "./population.ts";
import { InputError, type Problem } from "./problems.ts";
import type { Activity, BaselineParameters, SegmentRow } from "./types.ts";
import { ACTIVITIES, QUINTILE_COUNT } from "./types.ts";

export interface Rates {
  /** Annual probability of death. */
  death: Float64Array;
  /** Annual probability of moving to level `to`: index s·C + to (zero at the state's own level). */
  move: Float64Array;
  /** Annual probability of moving to the next age band. */
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
  /** Where entrants go: per leaf area, shares over the youngest band's lowest-level quintiles. */
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

/** Population-weighted mean of f(s) over the states where `member(s)` (unweighted if empty). */
function weightedMean(
  counts: Float64Array,
  member: (s: number) => boolean,
  f: (s: number) => number,
): number {
  let num = 0;
  let den = 0;
  let plain = 0;
  let n = 0;
  for (let s = 0; s < counts.length; s++) {
    if (!member(s)) continue;
    num += counts[s] * f(s);
    den += counts[s];
    plain += f(s);
    n++;
  }
  return den > 0 ? num / den : plain / Math.max(n, 1);
}

export function buildRates(
  layout: StateLayout,
  calibration: SegmentCalibration[],
  p: ParameterValues,
  initial: Float64Array,
  balanceImprovingMoves = false,
): Rates {
  const S = layout.stateCount;
  const C = layout.levels.length;
  const { ageBand, level, quintile, segment } = layout;
  const bandName = (s: number) => layout.ageBands[ageBand[s]];
  const levelName = (c: number) => layout.levels[c];

  // Deaths: band average × complexity hazard ratio ÷ the band's year-0 mean hazard ratio.
  const hr = (s: number) => p.getOr(`deathHazardRatio.${levelName(level[s])}`, 1);
  const meanHr = layout.ageBands.map((_, g) => weightedMean(initial, (s) => ageBand[s] === g, hr));
  const death = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    death[s] = p.get(`deathRate.${bandName(s)}`) * hr(s) / meanHr[ageBand[s]];
  }

  // Complexity moves: worsening moves carry the deprivation gradient, normalised per segment.
  const worsening = p.get("deprivationWorseningRatio");
  const segMeanGradient = new Float64Array(calibration.length);
  for (let k = 0; k < calibration.length; k++) {
    segMeanGradient[k] = weightedMean(
      initial,
      (s) => segment[s] === k,
      (s) => gradientFactor(worsening, quintile[s]),
    );
  }
  const move = new Float64Array(S * C);
  for (let s = 0; s < S; s++) {
    const from = level[s];
    for (let to = 0; to < C; to++) {
      if (to === from) continue;
      const base = p.getOr(`transitions.${bandName(s)}.${levelName(from)}->${levelName(to)}`, 0);
      move[s * C + to] = to > from
        ? base * gradientFactor(worsening, quintile[s]) / segMeanGradient[segment[s]]
        : base;
    }
  }
  const ageing = new Float64Array(S);
  const migration = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    ageing[s] = ageBand[s] < layout.ageBands.length - 1 ? p.get(`ageingRate.${bandName(s)}`) : 0;
    migration[s] = p.getOr(`netMigrationPer1000.${bandName(s)}`, 0) / 1000;
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

  // Activity: segment rate × quintile gradient ÷ the segment's year-0 mean gradient.
  const activity: Float64Array[] = [];
  const unitCost: Float64Array[] = [];
  for (const a of ACTIVITIES) {
    const ratio = p.get(`deprivationGradient.${a}`);
    const rate = new Float64Array(S);
    const cost = new Float64Array(S);
    const norm = calibration.map((_, k) =>
      weightedMean(initial, (s) => segment[s] === k, (s) => gradientFactor(ratio, quintile[s]))
    );
    for (let s = 0; s < S; s++) {
      const cal = calibration[segment[s]];
      rate[s] = cal.rate[a] * gradientFactor(ratio, quintile[s]) / norm[segment[s]];
      cost[s] = cal.unitCost[a];
    }
    activity.push(rate);
    unitCost.push(cost);
  }
  const scRatio = p.get("deprivationGradient.socialCare");
  const scNorm = calibration.map((_, k) =>
    weightedMean(initial, (s) => segment[s] === k, (s) => gradientFactor(scRatio, quintile[s]))
  );
  const socialCare = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    socialCare[s] = calibration[segment[s]].socialCare * gradientFactor(scRatio, quintile[s]) /
      scNorm[segment[s]];
  }

  // Entrants go to the youngest band's lowest level, spread over quintiles as that state's
  // year-0 population is (evenly if it is empty).
  const A = layout.areas.length;
  const entrantShares = new Float64Array(A * QUINTILE_COUNT);
  for (let a = 0; a < A; a++) {
    const first = a * layout.ageBands.length * C * QUINTILE_COUNT;
    let total = 0;
    for (let q = 0; q < QUINTILE_COUNT; q++) total += initial[first + q];
    for (let q = 0; q < QUINTILE_COUNT; q++) {
      entrantShares[a * QUINTILE_COUNT + q] = total > 0
        ? initial[first + q] / total
        : 1 / QUINTILE_COUNT;
    }
  }

  return {
    death,
    move,
    ageing,
    migration,
    activity,
    unitCost,
    socialCare,
    entrants: p.get("entrantsPer1000") / 1000,
    entrantShares,
  };
}

/**
 * "Balanced" improving moves: for each age band, from the most complex level down to the second
 * least, sets the adjacent improving move (c → c−1) so that the level's year-0 count is steady in
 * expectation over the first year (approximately: ageing, applied after moves, is counted as a
 * competing exit): inflow (moves in from other levels, ageing in from the band
 * below) equals outflow (deaths, other moves, ageing out, and the move being solved). Solved top
 * down, so each level sees the improving flow from the level above. Clamped at 0 when inflow
 * cannot cover the other exits. Replaces the given improving adjacent moves; the least complex
 * level absorbs the rest.
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
  for (let g = 0; g < layout.ageBands.length; g++) {
    for (let c = C - 1; c >= 1; c--) {
      let people = 0;
      let inflow = 0;
      let fixedOut = 0;
      for (let s = 0; s < S; s++) {
        if (layout.ageBand[s] === g && layout.level[s] !== c) {
          inflow += initial[s] * move[s * C + c];
        }
        if (layout.ageBand[s] === g - 1 && layout.level[s] === c) inflow += initial[s] * ageing[s];
        if (layout.ageBand[s] !== g || layout.level[s] !== c) continue;
        people += initial[s];
        let exits = death[s] + ageing[s];
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
