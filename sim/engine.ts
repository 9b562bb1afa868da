/**
 * The cycle loop: one scenario, one iteration. Each cycle, in this order:
 *   1. enrolment in each running intervention, from the counts at the start of the cycle;
 *   2. activity and cost: Poisson counts with mean N · rate · L · multiplier, per state;
 *   3. deaths and complexity moves: one multinomial per state over competing events;
 *   4. ageing into the next band (binomial), on the counts after step 3;
 *   5. net migration (Poisson inflow or binomial outflow) and new entrants (Poisson per area,
 *      multinomial over the youngest band's lowest-level quintiles).
 * With step 3 each state's life-years and QALYs: (N − deaths / 2) · L person-years (those who die
 * live half the cycle on average) × the state's utility plus its participants' utility gain.
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
import { ACTIVITIES, ACTIVITY_SECTOR, EFFECT_TARGETS, QUINTILE_COUNT, SECTORS } from "./types.ts";

/** Sector field (offset within RecordLayout.cost) that each activity's cost falls on. */
const ACTIVITY_SECTOR_FIELD = ACTIVITIES.map((a) => SECTORS.indexOf(ACTIVITY_SECTOR[a]));
const SOCIAL_CARE_SECTOR = SECTORS.indexOf("socialCare");

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
  /** Utility per person-year by state (sim/health/utility.ts). */
  utility: Float64Array;
  /** For each runtime, the change in utility per participant per year. */
  utilityGain: Float64Array;
}

/** Reusable buffers for one layout. */
export class Workspace {
  readonly counts: Float64Array;
  readonly next: Float64Array;
  readonly moved: Float64Array;
  readonly activityMult: Float64Array;
  readonly moveMult: Float64Array;
  readonly deathMult: Float64Array;
  /** Σ over interventions of enrolled share × utility gain, by state, this cycle. */
  readonly utilityGain: Float64Array;
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
    this.utilityGain = new Float64Array(S);
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
  const { layout, runtimes, record } = ctx;
  const S = layout.stateCount;
  const A = layout.areas.length;
  const K = ctx.cyclesPerYear;
  const L = 1 / K;
  const frame: Frame = {
    ctx,
    ws,
    draws,
    out,
    areas,
    memo: memoUse?.memo ?? null,
    recording: memoUse?.mode === "record",
    reusing: memoUse?.mode === "reuse",
    sites: sitesPerCycle(S, A),
    year: 0,
    cycle: 0,
    y: 0,
  };
  out.fill(0);
  ws.counts.set(ctx.initial);
  for (let i = 0; i < runtimes.length; i++) ws.lastShare[i].fill(0);
  const { counts } = ws;
  const { quintile, area, level } = layout;
  const yPopulation = record.population;
  const yQuintilePopulation = record.quintilePopulation;
  const yComplexityPopulation = record.complexityPopulation;

  for (let year = 0; year < record.years; year++) {
    const y = year * record.stride;
    frame.year = year;
    frame.y = y;
    for (let s = 0; s < S; s++) {
      const n = counts[s];
      out[y + yPopulation] += n;
      out[y + yQuintilePopulation + quintile[s]] += n;
      out[y + yComplexityPopulation + level[s]] += n;
      areas[(year * A + area[s]) * AREA_FIELDS] += n;
    }
    if (statePopulation) statePopulation.set(counts, year * S);
    const status = runtimes.map((rt) => yearStatus(rt.spec, year));
    for (let k = 0; k < K; k++) {
      frame.cycle = year * K + k;
      applyInterventions(frame, status, L);
      drawEvents(frame, L);
      drawAgeingAndMigration(frame, L);
      drawEntrants(frame, L);
    }
  }
}

/** What every step of one cycle reads: the run's inputs and buffers, and where it is. */
interface Frame {
  ctx: ScenarioContext;
  ws: Workspace;
  draws: Draws;
  out: Float64Array;
  areas: Float64Array;
  memo: DrawMemo | null;
  recording: boolean;
  reusing: boolean;
  sites: number;
  year: number;
  cycle: number;
  /** Offset of the current year's block in `out`. */
  y: number;
}

/** 1. Enrolment in each running intervention, and the multipliers it implies. */
function applyInterventions(
  f: Frame,
  status: ReturnType<typeof yearStatus>[],
  L: number,
): void {
  const { ws, out, ctx } = f;
  const { runtimes, record, layout } = ctx;
  const { counts, activityMult, moveMult, deathMult, utilityGain, touched } = ws;
  const S = layout.stateCount;
  const C = layout.levels.length;
  const T = EFFECT_TARGETS.length;
  const level = layout.level;
  activityMult.fill(1);
  moveMult.fill(1);
  deathMult.fill(1);
  utilityGain.fill(0);
  touched.fill(0);
  for (let i = 0; i < runtimes.length; i++) {
    const rt = runtimes[i];
    const st = status[i];
    const share = ws.share[i];
    if (st.active) {
      const caseload = enrol(rt, counts, st.reach, share);
      ws.lastShare[i].set(share);
      const field = ctx.fieldOf[i];
      out[f.y + record.participants + field] += caseload * L;
      out[f.y + record.interventionCost + field] += (caseload * rt.costPerParticipant +
        rt.fixedCostPerYear) * L;
    } else if (st.retained > 0) {
      const last = ws.lastShare[i];
      for (let s = 0; s < S; s++) share[s] = last[s] * st.retained;
    } else {
      continue;
    }
    const { activityRr, moveRr, deathRr } = rt;
    const gain = ctx.utilityGain[i];
    for (let s = 0; s < S; s++) {
      const sh = share[s];
      if (sh === 0) continue;
      touched[s] = 1;
      if (gain !== 0) utilityGain[s] += sh * gain;
      for (let t = 0; t < T; t++) activityMult[t * S + s] *= 1 - sh * (1 - activityRr[t]);
      const from = level[s];
      for (let to = 0; to < C; to++) {
        moveMult[s * C + to] *= 1 - sh * (1 - moveRr[from * C + to]);
      }
      deathMult[s] *= 1 - sh * (1 - deathRr);
    }
  }
}

/**
 * 2. Activity and cost: Poisson counts with mean N · rate · L · multiplier; then 3. deaths and
 * complexity moves: one multinomial over the competing events. Both per state, each from its own
 * stream (so a change in activity moves no death), and both reused from the baseline together
 * (same people, untouched).
 */
function drawEvents(f: Frame, L: number): void {
  const { ws, out, areas, draws, memo, recording, ctx, cycle, y } = f;
  const { layout, rates, record } = ctx;
  const reusing = f.reusing && memo !== null;
  const { counts, next, activityMult, moveMult, deathMult, probs, outcome, touched } = ws;
  const { utilityGain } = ws;
  const { utility } = ctx;
  const { quintile, area, level } = layout;
  const S = layout.stateCount;
  const A = layout.areas.length;
  const C = layout.levels.length;
  const K = ctx.cyclesPerYear;
  const NA = ACTIVITIES.length;
  const { activity: rate, unitCost, socialCare, death, move } = rates;
  const yActivity = y + record.activity;
  const yQuintileActivity = y + record.quintileActivity;
  const yCost = y + record.cost;
  const ySocialCare = yCost + SOCIAL_CARE_SECTOR;
  const yQuintileCost = y + record.quintileCost;
  const yFlows = y + record.flows;
  const yDeaths = y + record.deaths;
  const yActivityCost = y + record.activityCost;
  const yLifeYears = y + record.lifeYears;
  const yQalys = y + record.qalys;
  const yQuintileLifeYears = y + record.quintileLifeYears;
  const yQuintileQalys = y + record.quintileQalys;
  const areaYear = f.year * A;
  const site = stateSite(cycle, 0, SiteKind.Activity, f.sites);
  const siteStride = stateSite(cycle, 1, SiteKind.Activity, f.sites) - site;
  const outcomeSite = stateSite(cycle, 0, SiteKind.Outcomes, f.sites);
  next.fill(0);
  for (let s = 0; s < S; s++) {
    const n = counts[s];
    const cs = cycle * S + s;
    if (recording) memo!.count[cs] = n;
    if (n === 0) continue;
    const reuse = reusing && touched[s] === 0 && memo!.count[cs] === n;
    if (!reuse) draws.at(site + siteStride * s);

    // Activity and cost.
    const q = quintile[s];
    const areaAt = (areaYear + area[s]) * AREA_FIELDS;
    let serviceCost = 0;
    for (let a = 0; a < NA; a++) {
      const x = reuse
        ? memo!.activity[cs * NA + a]
        : draws.poisson(n * rate[a][s] * L * activityMult[a * S + s]);
      if (recording) memo!.activity[cs * NA + a] = x;
      const cost = x * unitCost[a][s];
      out[yActivity + a] += x;
      out[yQuintileActivity + a * QUINTILE_COUNT + q] += x;
      out[yCost + ACTIVITY_SECTOR_FIELD[a]] += cost;
      out[yActivityCost + a] += cost;
      areas[areaAt + 2 + a] += x;
      serviceCost += cost;
    }
    const social = n * socialCare[s] * L * activityMult[NA * S + s];
    out[ySocialCare] += social;
    serviceCost += social;
    out[yQuintileCost + q] += serviceCost;
    areas[areaAt + 1] += serviceCost;

    // Deaths and complexity moves (competing risks, converted to the cycle length).
    const from = level[s];
    const oc = cs * (C + 1);
    let left = n;
    if (reuse) {
      for (let j = 0; j <= C; j++) {
        outcome[j] = memo!.outcome[oc + j];
        left -= outcome[j];
      }
    } else {
      draws.at(outcomeSite + siteStride * s);
      probs[0] = death[s] * deathMult[s];
      let total = probs[0];
      for (let to = 0; to < C; to++) {
        const p = to === from ? 0 : move[s * C + to] * moveMult[s * C + to];
        probs[to + 1] = p;
        total += p;
      }
      let scale = total > 1 ? 1 / total : 1;
      if (K > 1 && total > 0) {
        const annual = Math.min(total, 1 - 1e-12);
        scale = (1 - Math.pow(1 - annual, L)) / total;
      }
      for (let j = 0; j <= C; j++) probs[j] *= scale;
      left = multinomial(draws, n, probs, outcome);
      if (recording) { for (let j = 0; j <= C; j++) memo!.outcome[oc + j] = outcome[j]; }
    }
    const flows = yFlows + from * (C + 1);
    out[flows + C] += outcome[0];
    out[yDeaths] += outcome[0];

    // Life-years and QALYs: the cycle's person-time, those who die counting half of it.
    const lived = (n - 0.5 * outcome[0]) * L;
    const u = utility[s] + utilityGain[s];
    const qalys = lived * (u < 1 ? u : 1);
    out[yLifeYears] += lived;
    out[yQalys] += qalys;
    out[yQuintileLifeYears + q] += lived;
    out[yQuintileQalys + q] += qalys;
    next[s] += left;
    for (let to = 0; to < C; to++) {
      if (to === from) continue;
      next[s + (to - from) * QUINTILE_COUNT] += outcome[to + 1];
      out[flows + to] += outcome[to + 1];
    }
    out[flows + from] += left;
  }
}

/** 4. Ageing into the next band (drawn for every state before any is applied); 5a. migration. */
function drawAgeingAndMigration(f: Frame, L: number): void {
  const { ws, out, draws, memo, recording, ctx, cycle, y } = f;
  const { layout, rates, record } = ctx;
  const reusing = f.reusing && memo !== null;
  const { next, moved } = ws;
  const S = layout.stateCount;
  const G = layout.ageBands.length;
  const K = ctx.cyclesPerYear;
  const bandStride = layout.levels.length * QUINTILE_COUNT;
  const ageBand = layout.ageBand;
  const { ageing, migration } = rates;
  const yMigration = y + record.migration;
  const site = stateSite(cycle, 0, SiteKind.Ageing, f.sites);
  const siteStride = stateSite(cycle, 1, SiteKind.Ageing, f.sites) - site;
  moved.fill(0);
  for (let s = 0; s < S; s++) {
    const n = next[s];
    const cs = cycle * S + s;
    const reuse = reusing && memo!.next[cs] === n;
    if (recording) memo!.next[cs] = n;
    let aged = 0;
    let migrated = 0;
    if (reuse) {
      aged = memo!.aged[cs];
      migrated = memo!.migrated[cs];
    } else {
      draws.at(site + siteStride * s);
      if (n > 0 && ageBand[s] < G - 1 && ageing[s] > 0) {
        aged = draws.binomial(n, K > 1 ? 1 - Math.pow(1 - ageing[s], L) : ageing[s]);
      }
      const m = migration[s];
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
    out[yMigration] += migrated;
  }
}

/** 5b. The new counts, then new entrants: Poisson per area, multinomial over quintiles. */
function drawEntrants(f: Frame, L: number): void {
  const { ws, out, draws, memo, recording, ctx, cycle, y } = f;
  const { layout, rates, record } = ctx;
  const reusing = f.reusing && memo !== null;
  const { counts, next, moved, split, areaPopulation } = ws;
  const S = layout.stateCount;
  const A = layout.areas.length;
  const G = layout.ageBands.length;
  const bandStride = layout.levels.length * QUINTILE_COUNT;
  const area = layout.area;
  areaPopulation.fill(0);
  for (let s = 0; s < S; s++) {
    areaPopulation[area[s]] += counts[s];
    counts[s] = next[s] + moved[s];
  }
  for (let a = 0; a < A; a++) {
    const ca = cycle * A + a;
    const e = ca * (QUINTILE_COUNT + 1);
    const first = a * G * bandStride;
    let total: number;
    if (reusing && memo!.areaPopulation[ca] === areaPopulation[a]) {
      total = memo!.entrants[e];
    } else {
      draws.at(entrantSite(cycle, a, S, f.sites));
      total = draws.poisson(areaPopulation[a] * rates.entrants * L);
    }
    out[y + record.entrants] += total;
    if (recording) {
      memo!.areaPopulation[ca] = areaPopulation[a];
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
