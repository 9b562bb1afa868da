/**
 * A person's enrolment in a scenario's interventions, cycle by cycle: as persistent as the
 * cohort model allows, and exactly its enrolment in distribution.
 *
 * The cohort model enrols a share F_{i,s} of state s in intervention i each cycle, each person
 * independently of the others and of their past (docs/model.md section 4). A person's journey
 * must reproduce that: given their states so far, the chance that they are enrolled this cycle
 * must be F for their state now. Keeping the same people enrolled year after year (a fixed
 * draw per person) would not: when an effect reaches death or moves, enrolled people survive or
 * stay in eligible states more often than others, so among those still there the enrolled would
 * be more than F (and places beyond the capacity would be filled).
 *
 * So each cycle, for the interventions that reach the person (now or last cycle):
 *   1. π(e): how likely each combination e of last cycle's enrolments is, given their states up
 *      to now — last cycle's independent shares, updated by Bayes' rule with the probability of
 *      what happened to them (death was not it; a move to level c', or staying) under e;
 *   2. τ(e): this cycle's independent shares Π_i F_i^{e_i}(1 − F_i)^{1 − e_i};
 *   3. the person's actual combination is kept with probability min(1, τ(e)/π(e)), otherwise
 *      replaced by e' drawn in proportion to (τ(e') − π(e'))⁺ — the maximal coupling, so that
 *      P(this cycle's combination = e' | their states) = τ(e') exactly, with as few changes as
 *      possible: with nothing to learn from (effects on activity only) and shares that do not
 *      fall, enrolled people stay enrolled.
 * The first cycle draws τ directly.
 */

/** Most interventions of one scenario that can reach a person at once (2^n combinations). */
export const MAX_REACHING = 12;

export class EnrolmentChain {
  /** This cycle's enrolment, per intervention of the scenario (1: enrolled, or effect kept). */
  readonly enrolled: Uint8Array;
  private readonly share: Float64Array;
  private readonly lastShare: Float64Array;
  /** Last cycle: each outcome's annual probability with no one enrolled (k = 0 death, 1 + c moves). */
  private readonly lastBase: Float64Array;
  /** Last cycle: each intervention's weighted gain on each outcome (i · outcomes + k). */
  private readonly lastGain: Float64Array;
  private lastOutcome = -1;
  private lastScale = 1;
  private hasLast = false;
  private readonly reaching: Int32Array;
  private readonly posterior = new Float64Array(1 << MAX_REACHING);
  private readonly target = new Float64Array(1 << MAX_REACHING);

  constructor(
    readonly interventions: number,
    readonly outcomes: number,
    readonly cyclesPerYear: number,
  ) {
    this.enrolled = new Uint8Array(interventions);
    this.share = new Float64Array(interventions);
    this.lastShare = new Float64Array(interventions);
    this.lastBase = new Float64Array(outcomes);
    this.lastGain = new Float64Array(interventions * outcomes);
    this.reaching = new Int32Array(interventions);
  }

  /** A new person. */
  reset(): void {
    this.enrolled.fill(0);
    this.lastShare.fill(0);
    this.hasLast = false;
  }

  /**
   * This cycle's enrolment from the shares F_i for the person's state (probability of being
   * enrolled, or of keeping the effect after an intervention stops) and a uniform `u`.
   */
  next(shares: ArrayLike<number>, u: number): Uint8Array {
    const n = this.interventions;
    const { enrolled, share, lastShare, reaching } = this;
    let r = 0;
    for (let i = 0; i < n; i++) {
      share[i] = shares[i];
      if (share[i] > 0 || (this.hasLast && lastShare[i] > 0)) reaching[r++] = i;
    }
    if (r > MAX_REACHING) {
      throw new Error(`more than ${MAX_REACHING} interventions reach one person at once`);
    }
    const combos = 1 << r;
    const { target, posterior } = this;
    for (let e = 0; e < combos; e++) {
      let p = 1;
      for (let j = 0; j < r; j++) p *= e & (1 << j) ? share[reaching[j]] : 1 - share[reaching[j]];
      target[e] = p;
    }
    let current = 0;
    for (let j = 0; j < r; j++) if (enrolled[reaching[j]]) current |= 1 << j;
    let chosen: number;
    if (!this.hasLast) {
      chosen = inverse(target, combos, u);
    } else {
      let total = 0;
      for (let e = 0; e < combos; e++) {
        let p = 1;
        for (let j = 0; j < r; j++) {
          p *= e & (1 << j) ? lastShare[reaching[j]] : 1 - lastShare[reaching[j]];
        }
        p *= p > 0 ? this.likelihood(e, r) : 0;
        posterior[e] = p;
        total += p;
      }
      for (let e = 0; e < combos; e++) posterior[e] /= total;
      const keep = posterior[current] > 0 ? Math.min(1, target[current] / posterior[current]) : 0;
      if (u < keep) {
        chosen = current;
      } else {
        // Re-use u: given u ≥ keep, (u − keep) / (1 − keep) is uniform on [0, 1).
        const v = keep < 1 ? (u - keep) / (1 - keep) : 0;
        let excess = 0;
        for (let e = 0; e < combos; e++) excess += Math.max(0, target[e] - posterior[e]);
        chosen = current;
        let left = v * excess;
        for (let e = 0; e < combos; e++) {
          const x = Math.max(0, target[e] - posterior[e]);
          if (x <= 0) continue;
          chosen = e;
          left -= x;
          if (left < 0) break;
        }
      }
    }
    enrolled.fill(0);
    for (let j = 0; j < r; j++) if (chosen & (1 << j)) enrolled[reaching[j]] = 1;
    return enrolled;
  }

  /**
   * What happened this cycle, for next cycle's update: each outcome's annual probability with no
   * enrolment (`base`, k = 0 death, 1 + c a move to level c, 0 for the person's own level),
   * each intervention's gain on it times its weight (`gain`, i · outcomes + k), the factor that
   * converted the annual probabilities to the cycle (`scale`, the cohort's: see `personScale`)
   * and the outcome (−1: stayed at their level).
   */
  observe(
    base: ArrayLike<number>,
    gain: ArrayLike<number>,
    scale: number,
    outcome: number,
  ): void {
    for (let k = 0; k < this.outcomes; k++) this.lastBase[k] = base[k];
    for (let x = 0; x < this.lastGain.length; x++) this.lastGain[x] = gain[x];
    this.lastShare.set(this.share);
    this.lastScale = scale;
    this.lastOutcome = outcome;
    this.hasLast = true;
  }

  /** Probability of last cycle's outcome had last cycle's combination been e (over `reaching`). */
  private likelihood(e: number, r: number): number {
    const K = this.outcomes;
    let observed = 1;
    let total = 0;
    for (let k = 0; k < K; k++) {
      let q = this.lastBase[k];
      for (let j = 0; j < r; j++) {
        if (e & (1 << j)) q *= 1 - this.lastGain[this.reaching[j] * K + k];
      }
      total += q;
      if (k === this.lastOutcome) observed = q;
    }
    const scale = personScale(total, this.lastScale);
    return this.lastOutcome < 0 ? Math.max(0, 1 - total * scale) : observed * scale;
  }
}

/**
 * A person's factor from annual to cycle probabilities: the cohort's (`cohortScale`, from
 * `cycleScale` of the state's annual probabilities under its average multipliers), so that
 * averaged over enrolment each probability is the cohort model's exactly — unless the person's
 * own probabilities, adding to `total` a year, would then pass 1 in the cycle, when they are
 * scaled down to add to 1.
 */
export function personScale(total: number, cohortScale: number): number {
  return total * cohortScale > 1 ? 1 / total : cohortScale;
}

/**
 * The engine's conversion of competing annual probabilities adding to `total` to one cycle
 * (drawEvents, engine.ts): each is multiplied by this. Above 1 they are scaled down to 1; with
 * several cycles a year, P_L = 1 − (1 − P)^L shared in proportion.
 */
export function cycleScale(total: number, cyclesPerYear: number): number {
  let scale = total > 1 ? 1 / total : 1;
  if (cyclesPerYear > 1 && total > 0) {
    const annual = Math.min(total, 1 - 1e-12);
    scale = (1 - Math.pow(1 - annual, 1 / cyclesPerYear)) / total;
  }
  return scale;
}

/** The index at cumulative weight `u` of weights w[0..n) adding to 1. */
function inverse(w: Float64Array, n: number, u: number): number {
  let left = u;
  for (let e = 0; e < n; e++) {
    left -= w[e];
    if (left < 0) return e;
  }
  return n - 1;
}
