/**
 * Drawing synthetic people through the cohort model's rates (docs/model.md, "Journeys"). Each
 * cycle, for a person in state s, in the engine's order:
 *
 *   1. enrolment in each of the scenario's interventions, with the cohort model's enrolled share
 *      f_{i,s} of that cycle as its probability, and after an intervention stops the share of
 *      its last running cycle as the probability of keeping the decayed effect — drawn by a
 *      chain that keeps people enrolled from cycle to cycle as far as the cohort model allows
 *      (enrolment.ts). An enrolled person's rates are multiplied by 1 − w·g (w = 1, or the share
 *      of effect kept), with the cohort model's gain g in their state;
 *   2. activity: for each type a Poisson process over the cycle at the state's rate (a Poisson
 *      count, then each event's time uniform in the cycle); with a multiplier m ≤ 1 each event
 *      is kept with probability m (thinning), with m > 1 a second process at rate r·(m − 1)
 *      adds events; each event costs the state's unit cost; social care accrues at the state's
 *      £ per year × m;
 *   3. death or a complexity move, the person's annual probabilities (the state's × their
 *      multipliers) as competing risks, converted to the cycle by the factor the engine uses
 *      for the state (P_L = 1 − (1 − P)^L with P under the state's average multipliers, each
 *      event's share p/P) — so that averaged over enrolment they are the engine's exactly —
 *      drawn as exponential clocks so that a smaller probability gives a later clock from the
 *      same random number;
 *   4. ageing into the next age group (probability 1 − (1 − α)^L), else, where the band's net
 *      migration is negative, moving away (probability |μ|·L).
 *
 * State changes take effect at the end of the cycle (the cohort model counts a cycle's activity
 * for everyone alive at its start). Random numbers: every person has a key of their own, and
 * every (cycle, draw) of theirs a stream site of its own, the same in the baseline and the
 * scenario: a person the scenario does not reach lives the same journey in both, event for
 * event, and an enrolled person's journey differs only by the events an effect removes or adds
 * (and, through effects on death and moves, by their state from then on).
 */
import { type IterationKey, iterationKey, Stream } from "../rng.ts";
import { groupStride, levelStride } from "../population.ts";
import { poisson } from "../samplers.ts";
import { ACTIVITIES, type Activity, ACTIVITY_SECTOR, EFFECT_TARGETS, SECTORS } from "../types.ts";
import type { Cohort } from "./cohort.ts";
import { cycleScale, EnrolmentChain, personScale } from "./enrolment.ts";
import type { JourneyIntervention, JourneyModel } from "./setup.ts";
import { type TotalsLayout, totalsLayout } from "./totals.ts";

export const ARMS = ["baseline", "scenario"] as const;
export type Arm = typeof ARMS[number];

export const JOURNEY_EVENT_KINDS = [
  "activity",
  "socialCare",
  "enrolled",
  "effectKept",
  "move",
  "ageing",
  "death",
  "migration",
] as const;
export type JourneyEventKind = typeof JOURNEY_EVENT_KINDS[number];

export interface JourneyEvent {
  /** Years from the start of year 0 (the calibration year). */
  time: number;
  /** The model year it falls in (0 = the calibration year). */
  year: number;
  kind: JourneyEventKind;
  /** Kind "activity": which activity (else null). */
  activity: Activity | null;
  /** Kinds "enrolled" and "effectKept": the intervention's id (else null). */
  intervention: string | null;
  /** Kinds "socialCare", "enrolled" and "effectKept": how long it lasts (one cycle), years. */
  duration: number;
  /** Kind "effectKept": the share of the effect kept (1 otherwise). */
  kept: number;
  /** £ (0 for state changes and kept effects). */
  cost: number;
  /** The state the person is in after the event (for activity: the state they are in). */
  state: number;
}

export interface Journey {
  /** The person's number: the same person in both arms. */
  person: number;
  arm: Arm;
  /** The state they start in (year 0). */
  start: number;
  /** Every event in time order; null when only totals were asked for. */
  events: JourneyEvent[] | null;
  /** What the journey adds up to (totals.ts). */
  totals: Float64Array;
  /** How the journey ends before the horizon: death or moving away (null: present to the end). */
  end: { kind: "death" | "migration"; time: number } | null;
}

export interface JourneyRequest {
  cohort: Cohort;
  /** How many people (persons 0..people − 1), unless `persons` lists them. */
  people: number;
  /** Particular persons to draw (e.g. those chosen from a first pass without events). */
  persons?: number[];
  seed: number | string;
  /** Keep every event (default true); false keeps only the totals. */
  events?: boolean;
}

export interface JourneySet {
  totals: TotalsLayout;
  baseline: Journey[];
  /** The same people under the scenario (null when journeys follow the baseline alone). */
  scenario: Journey[] | null;
}

/**
 * Sites of a person's streams: where they start, then per cycle their death or move, ageing or
 * leaving, enrolment, and each activity's events and added events.
 */
const SITE_START = 0;
const SITE_EVENTS = 0;
const SITE_AGEING = 1;
const SITE_ENROL = 2;
const SITE_ACTIVITY = 3;
const SITE_EXTRA = SITE_ACTIVITY + ACTIVITIES.length;
const SITES_PER_CYCLE = SITE_EXTRA + ACTIVITIES.length;
const SOCIAL_CARE = EFFECT_TARGETS.indexOf("socialCare");
const ACTIVITY_SECTOR_FIELD = ACTIVITIES.map((a) => SECTORS.indexOf(ACTIVITY_SECTOR[a]));
const SOCIAL_CARE_SECTOR = SECTORS.indexOf("socialCare");

/** The key of person `person`'s streams under `seed`. */
export function personKey(seed: number | string, person: number): IterationKey {
  return iterationKey(`journeys/${seed}`, person);
}

/** Draws the cohort's people in the baseline and, when the model follows one, the scenario. */
export function drawJourneys(jm: JourneyModel, request: JourneyRequest): JourneySet {
  const persons = request.persons ?? Array.from({ length: request.people }, (_, i) => i);
  const drawer = new JourneyDrawer(jm);
  const withEvents = request.events ?? true;
  const baseline: Journey[] = [];
  const scenario: Journey[] | null = jm.scenario ? [] : null;
  for (const person of persons) {
    const key = personKey(request.seed, person);
    baseline.push(drawer.draw(request.cohort, person, key, "baseline", withEvents));
    scenario?.push(drawer.draw(request.cohort, person, key, "scenario", withEvents));
  }
  return { totals: drawer.totals, baseline, scenario };
}

/** Reusable buffers for drawing journeys from one journey model. */
export class JourneyDrawer {
  readonly totals: TotalsLayout;
  private readonly stream = new Stream();
  private readonly chain: EnrolmentChain;
  private readonly shares: Float64Array;
  private readonly gains: Float64Array;
  private readonly annual: Float64Array;
  private readonly activityMult = new Float64Array(EFFECT_TARGETS.length);
  private readonly moveMult: Float64Array;
  private readonly weights: Float64Array;
  private readonly cycleProb: Float64Array;

  constructor(readonly jm: JourneyModel) {
    this.totals = totalsLayout(jm);
    const C = jm.model.layout.levels.length;
    const n = jm.scenario?.interventions.length ?? 0;
    this.chain = new EnrolmentChain(n, C + 1, jm.cyclesPerYear);
    this.shares = new Float64Array(n);
    this.gains = new Float64Array(n * (C + 1));
    this.annual = new Float64Array(C + 1);
    this.moveMult = new Float64Array(C);
    this.weights = new Float64Array(n);
    this.cycleProb = new Float64Array(C + 1);
  }

  /** One person's journey in one arm. */
  draw(
    cohort: Cohort,
    person: number,
    key: IterationKey,
    arm: Arm,
    withEvents: boolean,
  ): Journey {
    const { jm, stream, activityMult, moveMult, weights, cycleProb, chain, shares, gains } = this;
    const { annual } = this;
    const t = this.totals;
    const { layout } = jm.model;
    const { rates } = jm;
    const C = layout.levels.length;
    const S = layout.stateCount;
    const K = jm.cyclesPerYear;
    const L = 1 / K;
    const up = levelStride(layout);
    const older = groupStride(layout);
    const lastYearCycle = (jm.years - 1) * K;
    const interventions: JourneyIntervention[] = arm === "scenario"
      ? jm.scenario?.interventions ?? []
      : [];
    const totals = new Float64Array(t.size);
    const events: JourneyEvent[] | null = withEvents ? [] : null;
    let end: Journey["end"] = null;

    // Where the person starts: a state of the cohort, in proportion to its year-0 people.
    stream.reset(key, SITE_START);
    let s = pickState(cohort, stream.uniform());
    const start = s;
    chain.reset();

    for (let c = 0; c < jm.cycles; c++) {
      const t0 = c * L;
      const year = Math.floor(c / K);
      const site = 1 + c * SITES_PER_CYCLE;
      totals[t.yearsAlive] += L;
      if (c === lastYearCycle) totals[t.lastYearBand + layout.ageBand[s]] += 1;

      // 1. Enrolment (enrolment.ts) and the multipliers it gives this person.
      activityMult.fill(1);
      moveMult.fill(1);
      let deathMult = 1;
      if (interventions.length) {
        for (let i = 0; i < interventions.length; i++) {
          const iv = interventions[i];
          if (iv.active[c]) {
            shares[i] = iv.share[c * S + s];
            weights[i] = 1;
          } else if (iv.retained[c] > 0) {
            shares[i] = iv.share[iv.lastActive * S + s];
            weights[i] = iv.retained[c];
          } else {
            shares[i] = 0;
            weights[i] = 0;
          }
        }
        stream.reset(key, site + SITE_ENROL);
        const enrolled = chain.next(shares, stream.uniform());
        for (let i = 0; i < interventions.length; i++) {
          if (!enrolled[i]) continue;
          const iv = interventions[i];
          const w = weights[i];
          if (iv.active[c]) {
            const cost = iv.costPerParticipant * L;
            totals[t.enrolledYears + i] += L;
            totals[t.programmeCost + i] += cost;
            events?.push(event(t0, year, "enrolled", cost, s, null, iv.id, L));
          } else {
            events?.push(event(t0, year, "effectKept", 0, s, null, iv.id, L, w));
          }
          const rt = iv.runtime;
          for (let e = 0; e < EFFECT_TARGETS.length; e++) {
            activityMult[e] *= 1 - w * rt.activityGain[e * S + s];
          }
          for (let to = 0; to < C; to++) moveMult[to] *= 1 - w * rt.moveGain[s * C + to];
          deathMult *= 1 - w * rt.deathGain[s];
        }
      }

      // 2. Activity over the cycle, and social care. A Poisson process on the cycle: its count,
      // then each event's time and the uniform that thins it (drawn whether or not it is used,
      // so that every arm reads the same numbers).
      for (let a = 0; a < ACTIVITIES.length; a++) {
        const rate = rates.activity[a][s];
        if (!(rate > 0)) continue;
        const m = Math.max(0, activityMult[a]);
        const unit = rates.unitCost[a][s];
        const sector = t.cost + ACTIVITY_SECTOR_FIELD[a];
        stream.reset(key, site + SITE_ACTIVITY + a);
        const n = poisson(stream, rate * L);
        let kept = 0;
        for (let k = 0; k < n; k++) {
          const at = stream.uniform() * L;
          if (!(stream.uniform() < m)) continue;
          kept++;
          events?.push(event(t0 + at, year, "activity", unit, s, ACTIVITIES[a]));
        }
        // Events added where the multiplier is above 1 (a relative risk above 1).
        if (m > 1) {
          stream.reset(key, site + SITE_EXTRA + a);
          const extra = poisson(stream, rate * (m - 1) * L);
          for (let k = 0; k < extra; k++) {
            events?.push(
              event(t0 + stream.uniform() * L, year, "activity", unit, s, ACTIVITIES[a]),
            );
          }
          kept += extra;
        }
        totals[t.activity + a] += kept;
        totals[sector] += kept * unit;
      }
      const social = rates.socialCare[s] * L * Math.max(0, activityMult[SOCIAL_CARE]);
      if (social > 0) {
        totals[t.cost + SOCIAL_CARE_SECTOR] += social;
        events?.push(event(t0, year, "socialCare", social, s, null, null, L));
      }
      if (events && events.length > 1) sortCycle(events, t0);

      // 3. Death or a complexity move: competing risks in this cycle, converted to the cycle by
      // the cohort's factor for the state (its average multipliers: Π_i (1 − F_i·w_i·g_i)), so
      // that averaged over enrolment each probability is the cohort model's (enrolment.ts).
      const from = layout.level[s];
      const O = C + 1;
      for (let i = 0; i < interventions.length; i++) {
        const rt = interventions[i].runtime;
        const w = weights[i];
        gains[i * O] = w * rt.deathGain[s];
        for (let to = 0; to < C; to++) gains[i * O + 1 + to] = w * rt.moveGain[s * C + to];
      }
      let cohortTotal = 0;
      let total = 0;
      for (let k = 0; k < O; k++) {
        annual[k] = k === 0 ? rates.death[s] : k - 1 === from ? 0 : rates.move[s * C + k - 1];
        cycleProb[k] = annual[k] * (k === 0 ? deathMult : moveMult[k - 1]);
        total += cycleProb[k];
        let average = annual[k];
        for (let i = 0; i < interventions.length; i++) average *= 1 - shares[i] * gains[i * O + k];
        cohortTotal += average;
      }
      const cohortScale = cycleScale(cohortTotal, K);
      const scale = personScale(total, cohortScale);
      // Q = the chance of any event this cycle; each cause's clock E_k / q_k (E_k exponential):
      // the first clock wins, and some event happens when it is below −ln(1 − Q) / Q.
      const q = total * scale;
      stream.reset(key, site + SITE_EVENTS);
      let first = -1;
      let firstClock = Infinity;
      for (let k = 0; k <= C; k++) {
        const e = -Math.log(stream.uniformOpen());
        const pk = cycleProb[k] * scale;
        if (pk > 0 && e / pk < firstClock) {
          firstClock = e / pk;
          first = k;
        }
      }
      const happens = q >= 1 ? first >= 0 : q > 0 && firstClock < -Math.log1p(-q) / q;
      const t1 = t0 + L;
      if (happens && first === 0) {
        totals[t.death] = 1;
        end = { kind: "death", time: t1 };
        events?.push(event(t1, year, "death", 0, s));
        break;
      }
      // What the enrolment chain learns from this cycle (enrolment.ts).
      if (interventions.length) chain.observe(annual, gains, cohortScale, happens ? first : -1);
      if (happens) {
        const to = first - 1;
        totals[t.moves + from * C + to] += 1;
        s += (to - from) * up;
        events?.push(event(t1, year, "move", 0, s));
      }

      // 4. Ageing, else moving away.
      stream.reset(key, site + SITE_AGEING);
      const uAge = stream.uniform();
      const uLeave = stream.uniform();
      const alpha = rates.ageing[s];
      const pAge = alpha > 0 ? (K > 1 ? 1 - Math.pow(1 - alpha, L) : alpha) : 0;
      const mu = rates.migration[s];
      if (uAge < pAge) {
        totals[t.ageing] += 1;
        s += older;
        events?.push(event(t1, year, "ageing", 0, s));
      } else if (mu < 0 && uLeave < Math.min(1, -mu * L)) {
        totals[t.migration] = 1;
        end = { kind: "migration", time: t1 };
        events?.push(event(t1, year, "migration", 0, s));
        break;
      }
    }
    return { person, arm, start, events, totals, end };
  }
}

/** The cohort state at cumulative share `u` of its people. */
function pickState(cohort: Cohort, u: number): number {
  let left = u * cohort.total;
  for (let i = 0; i < cohort.states.length; i++) {
    left -= cohort.people[i];
    if (left < 0) return cohort.states[i];
  }
  return cohort.states[cohort.states.length - 1];
}

/** An event (every field present, so that all events share one shape). */
function event(
  time: number,
  year: number,
  kind: JourneyEventKind,
  cost: number,
  state: number,
  activity: Activity | null = null,
  intervention: string | null = null,
  duration = 0,
  kept = 1,
): JourneyEvent {
  return { time, year, kind, activity, intervention, duration, kept, cost, state };
}

/** Sorts the events of the cycle starting at `t0` (the last ones pushed) by time, in place. */
function sortCycle(events: JourneyEvent[], t0: number): void {
  let first = events.length;
  while (first > 0 && events[first - 1].time >= t0) first--;
  // Insertion sort: a cycle holds few events, and it keeps equal times in order.
  for (let i = first + 1; i < events.length; i++) {
    const e = events[i];
    let j = i - 1;
    while (j >= first && events[j].time > e.time) {
      events[j + 1] = events[j];
      j--;
    }
    events[j + 1] = e;
  }
}
