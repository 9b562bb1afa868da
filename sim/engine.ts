/**
 * The cycle loop: one scenario, one iteration. Each cycle, in this order:
 *   1. enrolment in each running intervention, from the counts at the start of the cycle;
 *   2. activity and cost: Poisson counts with mean N · rate · L · multiplier, per state;
 *   3. deaths and complexity moves: one multinomial per state over competing events;
 *   4. ageing into the next band (binomial), on the counts after step 3;
 *   5. net migration (Poisson inflow or binomial outflow) and new entrants (Poisson per area,
 *      multinomial over the youngest band's lowest-level quintiles).
 * Every state has its own draw sites (sim/rng.ts), so scenarios share random numbers state by
 * state; a scenario reuses the baseline's draws (DrawMemo) where its inputs are the same. No
 * allocation happens inside the loop: buffers live in a Workspace.
 */
import type { Draws } from "./draws.ts";
import { multinomial } from "./samplers.ts";
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
  readonly split = new Float64Array(QUINTILE_COUNT);
  readonly share: Float64Array[] = [];
  readonly lastShare: Float64Array[] = [];
  /** 1 where an intervention reaches the state this cycle. */
  readonly touched: Uint8Array;
  private scratch = new Float64Array(0);

  /** A reusable buffer for area values when the caller does not keep them. */
  areaScratch(length: number): Float64Array {
    if (this.scratch.length !== length) this.scratch = new Float64Array(length);
    return this.scratch;
  }

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
    this.touched = new Uint8Array(S);
    for (let i = 0; i < maxInterventions; i++) {
      this.share.push(new Float64Array(S));
      this.lastShare.push(new Float64Array(S));
    }
  }
}

/**
 * The baseline's draws at every (cycle, state), kept so that a scenario can reuse them wherever
 * its inputs are the same: a state no intervention reaches, holding the same people, would draw
 * exactly the same counts from the same stream site. Reusing them is therefore bit for bit the
 * same as drawing them again, only faster.
 */
export class DrawMemo {
  readonly count: Float64Array;
  readonly activity: Float64Array;
  readonly outcome: Float64Array;
  readonly next: Float64Array;
  readonly aged: Float64Array;
  readonly migrated: Float64Array;
  readonly areaPopulation: Float64Array;
  readonly entrants: Float64Array;

  constructor(readonly cycles: number, layout: StateLayout) {
    const S = layout.stateCount;
    const C = layout.levels.length;
    const A = layout.areas.length;
    this.count = new Float64Array(cycles * S).fill(-1);
    this.activity = new Float64Array(cycles * S * ACTIVITIES.length);
    this.outcome = new Float64Array(cycles * S * (C + 1));
    this.next = new Float64Array(cycles * S).fill(-1);
    this.aged = new Float64Array(cycles * S);
    this.migrated = new Float64Array(cycles * S);
    this.areaPopulation = new Float64Array(cycles * A).fill(-1);
    this.entrants = new Float64Array(cycles * A * (QUINTILE_COUNT + 1));
  }
}

/** Whether a run records its draws into a memo (the baseline) or reuses them (the scenarios). */
export interface MemoUse {
  memo: DrawMemo;
  mode: "record" | "reuse";
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
  extras: {
    /** Filled with the population of every state at the start of every year (years × S). */
    statePopulation?: Float64Array;
    /** Filled with area values (record.areaValues long); a scratch buffer if absent. */
    areas?: Float64Array;
    memo?: MemoUse;
  } = {},
): void {
  const { statePopulation, memo: memoUse } = extras;
  const areas = extras.areas ?? ws.areaScratch(ctx.record.areaValues);
  areas.fill(0);
  const memo = memoUse?.memo;
  const recording = memoUse?.mode === "record";
  const reusing = memoUse?.mode === "reuse";
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
  const { counts, next, moved, activityMult, moveMult, deathMult, probs, outcome, split } = ws;
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
      areas[(year * A + layout.area[s]) * AREA_FIELDS] += n;
    }
    if (statePopulation) statePopulation.set(counts, year * S);
    const status = runtimes.map((rt) => yearStatus(rt.spec, year));

    for (let k = 0; k < K; k++) {
      const cycle = year * K + k;

      // 1. Enrolment and the multipliers it implies.
      activityMult.fill(1);
      moveMult.fill(1);
      deathMult.fill(1);
      ws.touched.fill(0);
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
          ws.touched[s] = 1;
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
        const cs = cycle * S + s;
        if (recording) memo!.count[cs] = n;
        if (n === 0) continue;
        const reuse = reusing && ws.touched[s] === 0 && memo!.count[cs] === n;
        if (!reuse) draws.at(stateSite(cycle, s, SiteKind.Activity, sites));
        const q = layout.quintile[s];
        const areaAt = (year * A + layout.area[s]) * AREA_FIELDS;
        let serviceCost = 0;
        for (let a = 0; a < NA; a++) {
          const x = reuse
            ? memo!.activity[cs * NA + a]
            : draws.poisson(n * rates.activity[a][s] * L * activityMult[a * S + s]);
          if (recording) memo!.activity[cs * NA + a] = x;
          const cost = x * rates.unitCost[a][s];
          out[y + record.activity + a] += x;
          out[y + record.quintileActivity + a * QUINTILE_COUNT + q] += x;
          out[y + record.cost + ACTIVITY_SECTOR[a]] += cost;
          areas[areaAt + 2 + a] += x;
          serviceCost += cost;
        }
        const social = n * rates.socialCare[s] * L * activityMult[NA * S + s];
        out[y + record.cost + SOCIAL_CARE_SECTOR] += social;
        serviceCost += social;
        out[y + record.quintileCost + q] += serviceCost;
        areas[areaAt + 1] += serviceCost;
      }

      // 3. Deaths and complexity moves (competing risks, converted to the cycle length).
      next.fill(0);
      for (let s = 0; s < S; s++) {
        const n = counts[s];
        if (n === 0) continue;
        const from = layout.level[s];
        const cs = cycle * S + s;
        const reuse = reusing && ws.touched[s] === 0 && memo!.count[cs] === n;
        const oc = cs * (C + 1);
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
        let left = n;
        if (reuse) {
          for (let j = 0; j <= C; j++) {
            outcome[j] = memo!.outcome[oc + j];
            left -= outcome[j];
          }
        } else {
          draws.at(stateSite(cycle, s, SiteKind.Transitions, sites));
          for (let j = 0; j <= C; j++) probs[j] *= scale;
          left = multinomial(draws, n, probs, outcome);
          if (recording) { for (let j = 0; j <= C; j++) memo!.outcome[oc + j] = outcome[j]; }
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
        const cs = cycle * S + s;
        const band = layout.ageBand[s];
        const reuse = reusing && memo!.next[cs] === n;
        if (recording) memo!.next[cs] = n;
        let aged = 0;
        let migrated = 0;
        if (reuse) {
          aged = memo!.aged[cs];
          migrated = memo!.migrated[cs];
        } else {
          draws.at(stateSite(cycle, s, SiteKind.Ageing, sites));
          if (n > 0 && band < G - 1 && rates.ageing[s] > 0) {
            aged = draws.binomial(
              n,
              K > 1 ? 1 - Math.pow(1 - rates.ageing[s], L) : rates.ageing[s],
            );
          }
          const m = rates.migration[s];
          const stay = n - aged;
          if (m > 0) migrated = draws.poisson(n * m * L);
          else if (m < 0 && stay > 0) migrated = -draws.binomial(stay, Math.min(1, -m * L));
          if (recording) {
            memo!.aged[cs] = aged;
            memo!.migrated[cs] = migrated;
          }
        }
        if (aged !== 0) {
          moved[s] -= aged;
          moved[s + bandStride] += aged;
        }
        moved[s] += migrated;
        out[y + record.migration] += migrated;
      }
      ws.areaPopulation.fill(0);
      for (let s = 0; s < S; s++) {
        ws.areaPopulation[layout.area[s]] += counts[s];
        counts[s] = next[s] + moved[s];
      }
      for (let a = 0; a < A; a++) {
        const ca = cycle * A + a;
        const e = ca * (QUINTILE_COUNT + 1);
        const first = a * G * bandStride;
        let total: number;
        if (reusing && memo!.areaPopulation[ca] === ws.areaPopulation[a]) {
          total = memo!.entrants[e];
        } else {
          draws.at(entrantSite(cycle, a, S, sites));
          total = draws.poisson(ws.areaPopulation[a] * rates.entrants * L);
        }
        out[y + record.entrants] += total;
        if (recording) {
          memo!.areaPopulation[ca] = ws.areaPopulation[a];
          memo!.entrants[e] = total;
        }
        // The split over quintiles depends only on the total: reuse it when the total is the same.
        if (reusing && memo!.entrants[e] === total) {
          for (let q = 0; q < QUINTILE_COUNT; q++) counts[first + q] += memo!.entrants[e + 1 + q];
          continue;
        }
        const shares = rates.entrantShares.subarray(a * QUINTILE_COUNT, (a + 1) * QUINTILE_COUNT);
        multinomial(draws, total, shares, split);
        for (let q = 0; q < QUINTILE_COUNT; q++) {
          counts[first + q] += split[q];
          if (recording) memo!.entrants[e + 1 + q] = split[q];
        }
      }
    }
  }
}
