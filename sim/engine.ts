/**
 * The cycle loop: one scenario, one iteration. Each cycle, in this order:
 *   1. enrolment in each running intervention, from the counts at the start of the cycle;
 *   2. activity and cost: Poisson counts with mean N · rate · L · multiplier, per state;
 *   3. deaths and complexity moves: one multinomial per state over competing events;
 *   4. ageing into the next band (binomial), on the counts after step 3;
 *   5. net migration (Poisson inflow or binomial outflow) and new entrants (Poisson per area,
 *      multinomial over the youngest band's lowest-level quintiles).
 * Every state has its own draw sites (sim/rng.ts), so scenarios share random numbers state by
 * state. No allocation happens inside the loop: buffers live in a Workspace.
 */
import type { Draws } from "./draws.ts";
import { enrol, type InterventionRuntime, yearStatus } from "./interventions.ts";
import type { StateLayout } from "./population.ts";
import type { Rates } from "./rates.ts";
import { AREA_FIELDS, type RecordLayout } from "./record.ts";
import { entrantSite, SiteKind, sitesPerCycle, stateSite } from "./rng.ts";
import { ACTIVITIES, EFFECT_TARGETS, QUINTILE_COUNT } from "./types.ts";

/** Sector field (offset within RecordLayout.cost) that each activity's cost falls on. */
const ACTIVITY_SECTOR = [1, 0, 1, 4, 2]; // nonElective, elective, ae, gp, community
const SOCIAL_CARE_SECTOR = 3;

export interface ScenarioContext {
  layout: StateLayout;
  rates: Rates;
  initial: Float64Array;
  /** The scenario's interventions. */
  runtimes: InterventionRuntime[];
  /** For each runtime, its index among the study's interventions (its record fields). */
  fieldOf: number[];
  cyclesPerYear: number;
  record: RecordLayout;
}

/** Reusable buffers for one layout. */
export class Workspace {
  readonly counts: Float64Array;
  readonly next: Float64Array;
  readonly moved: Float64Array;
  readonly activityMult: Float64Array;
  readonly moveMult: Float64Array;
  readonly deathMult: Float64Array;
  readonly probs: Float64Array;
  readonly outcome: Float64Array;
  readonly areaPopulation: Float64Array;
  readonly share: Float64Array[] = [];
  readonly lastShare: Float64Array[] = [];

  constructor(readonly layout: StateLayout, maxInterventions: number) {
    const S = layout.stateCount;
    const C = layout.levels.length;
    this.counts = new Float64Array(S);
    this.next = new Float64Array(S);
    this.moved = new Float64Array(S);
    this.activityMult = new Float64Array(EFFECT_TARGETS.length * S);
    this.moveMult = new Float64Array(S * C);
    this.deathMult = new Float64Array(S);
    this.probs = new Float64Array(C + 1);
    this.outcome = new Float64Array(C + 1);
    this.areaPopulation = new Float64Array(layout.areas.length);
    for (let i = 0; i < maxInterventions; i++) {
      this.share.push(new Float64Array(S));
      this.lastShare.push(new Float64Array(S));
    }
  }
}

/**
 * Simulates one scenario. Writes the record into `out` (zeroed here) and, if given, the
 * population of every state at the start of every year into `statePopulation` (years × S).
 */
export function simulateScenario(
  ctx: ScenarioContext,
  ws: Workspace,
  draws: Draws,
  out: Float64Array,
  statePopulation?: Float64Array,
): void {
  const { layout, rates, runtimes, record } = ctx;
  const S = layout.stateCount;
  const C = layout.levels.length;
  const A = layout.areas.length;
  const G = layout.ageBands.length;
  const K = ctx.cyclesPerYear;
  const L = 1 / K;
  const T = EFFECT_TARGETS.length;
  const NA = ACTIVITIES.length;
  const sites = sitesPerCycle(S, A);
  const { counts, next, moved, activityMult, moveMult, deathMult, probs, outcome } = ws;
  const bandStride = C * QUINTILE_COUNT;
  out.fill(0);
  counts.set(ctx.initial);
  for (let i = 0; i < runtimes.length; i++) ws.lastShare[i].fill(0);

  for (let year = 0; year < record.years; year++) {
    const y = year * record.stride;
    for (let s = 0; s < S; s++) {
      const n = counts[s];
      out[y + record.population] += n;
      out[y + record.quintilePopulation + layout.quintile[s]] += n;
      out[y + record.area + layout.area[s] * AREA_FIELDS] += n;
    }
    if (statePopulation) statePopulation.set(counts, year * S);
    const status = runtimes.map((rt) => yearStatus(rt.spec, year));

    for (let k = 0; k < K; k++) {
      const cycle = year * K + k;

      // 1. Enrolment and the multipliers it implies.
      activityMult.fill(1);
      moveMult.fill(1);
      deathMult.fill(1);
      for (let i = 0; i < runtimes.length; i++) {
        const rt = runtimes[i];
        const st = status[i];
        const share = ws.share[i];
        if (st.active) {
          const caseload = enrol(rt, counts, st.reach, share);
          ws.lastShare[i].set(share);
          const field = ctx.fieldOf[i];
          out[y + record.participants + field] += caseload * L;
          out[y + record.interventionCost + field] += (caseload * rt.costPerParticipant +
            rt.fixedCostPerYear) * L;
        } else if (st.retained > 0) {
          const last = ws.lastShare[i];
          for (let s = 0; s < S; s++) share[s] = last[s] * st.retained;
        } else {
          continue;
        }
        for (let s = 0; s < S; s++) {
          const f = share[s];
          if (f === 0) continue;
          for (let t = 0; t < T; t++) activityMult[t * S + s] *= 1 - f * (1 - rt.activityRr[t]);
          const from = layout.level[s];
          for (let to = 0; to < C; to++) {
            moveMult[s * C + to] *= 1 - f * (1 - rt.moveRr[from * C + to]);
          }
          deathMult[s] *= 1 - f * (1 - rt.deathRr);
        }
      }

      // 2. Activity and cost.
      for (let s = 0; s < S; s++) {
        const n = counts[s];
        if (n === 0) continue;
        draws.at(stateSite(cycle, s, SiteKind.Activity, sites));
        const q = layout.quintile[s];
        const areaAt = y + record.area + layout.area[s] * AREA_FIELDS;
        let serviceCost = 0;
        for (let a = 0; a < NA; a++) {
          const x = draws.poisson(n * rates.activity[a][s] * L * activityMult[a * S + s]);
          const cost = x * rates.unitCost[a][s];
          out[y + record.activity + a] += x;
          out[y + record.quintileActivity + a * QUINTILE_COUNT + q] += x;
          out[y + record.cost + ACTIVITY_SECTOR[a]] += cost;
          out[areaAt + 2 + a] += x;
          serviceCost += cost;
        }
        const social = n * rates.socialCare[s] * L * activityMult[NA * S + s];
        out[y + record.cost + SOCIAL_CARE_SECTOR] += social;
        serviceCost += social;
        out[y + record.quintileCost + q] += serviceCost;
        out[areaAt + 1] += serviceCost;
      }

      // 3. Deaths and complexity moves (competing risks, converted to the cycle length).
      next.fill(0);
      for (let s = 0; s < S; s++) {
        const n = counts[s];
        if (n === 0) continue;
        const from = layout.level[s];
        probs[0] = rates.death[s] * deathMult[s];
        let total = probs[0];
        for (let to = 0; to < C; to++) {
          const p = to === from ? 0 : rates.move[s * C + to] * moveMult[s * C + to];
          probs[to + 1] = p;
          total += p;
        }
        let scale = total > 1 ? 1 / total : 1;
        if (K > 1 && total > 0) {
          const annual = Math.min(total, 1 - 1e-12);
          scale = (1 - Math.pow(1 - annual, L)) / total;
        }
        draws.at(stateSite(cycle, s, SiteKind.Transitions, sites));
        let left = n;
        let mass = 1;
        for (let j = 0; j <= C; j++) {
          const pj = probs[j] * scale;
          if (left <= 0 || pj <= 0) {
            outcome[j] = 0;
            continue;
          }
          const x = pj >= mass ? left : draws.binomial(left, pj / mass);
          outcome[j] = x;
          left -= x;
          mass -= pj;
        }
        const flows = y + record.flows + from * (C + 1);
        out[flows + C] += outcome[0];
        out[y + record.deaths] += outcome[0];
        next[s] += left;
        for (let to = 0; to < C; to++) {
          if (to === from) continue;
          next[s + (to - from) * QUINTILE_COUNT] += outcome[to + 1];
          out[flows + to] += outcome[to + 1];
        }
        out[flows + from] += left;
      }

      // 4. Ageing (drawn for every state before any is applied), 5. migration and entrants.
      moved.fill(0);
      for (let s = 0; s < S; s++) {
        const n = next[s];
        draws.at(stateSite(cycle, s, SiteKind.Ageing, sites));
        const band = layout.ageBand[s];
        let stay = n;
        if (n > 0 && band < G - 1 && rates.ageing[s] > 0) {
          const x = draws.binomial(
            n,
            K > 1 ? 1 - Math.pow(1 - rates.ageing[s], L) : rates.ageing[s],
          );
          moved[s] -= x;
          moved[s + bandStride] += x;
          stay -= x;
        }
        const m = rates.migration[s];
        if (m > 0) {
          const x = draws.poisson(n * m * L);
          moved[s] += x;
          out[y + record.migration] += x;
        } else if (m < 0 && stay > 0) {
          const x = draws.binomial(stay, Math.min(1, -m * L));
          moved[s] -= x;
          out[y + record.migration] -= x;
        }
      }
      ws.areaPopulation.fill(0);
      for (let s = 0; s < S; s++) {
        ws.areaPopulation[layout.area[s]] += counts[s];
        counts[s] = next[s] + moved[s];
      }
      for (let a = 0; a < A; a++) {
        draws.at(entrantSite(cycle, a, S, sites));
        const total = draws.poisson(ws.areaPopulation[a] * rates.entrants * L);
        out[y + record.entrants] += total;
        const first = a * G * bandStride;
        let left = total;
        let mass = 1;
        for (let q = 0; q < QUINTILE_COUNT; q++) {
          const pq = rates.entrantShares[a * QUINTILE_COUNT + q];
          if (left <= 0 || pq <= 0) continue;
          const x = pq >= mass ? left : draws.binomial(left, pq / mass);
          counts[first + q] += x;
          left -= x;
          mass -= pq;
        }
      }
    }
  }
}
