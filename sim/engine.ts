/**
 * The cycle loop: one scenario, one iteration. Each cycle, in this order:
 *   1. enrolment in each running intervention, from the counts at the start of the cycle;
 *   2. activity and cost: per cell (area × age band × level × quintile), Poisson counts with
 *      mean Σ over the cell's age-group states of N · rate · L · multiplier (a sum of
 *      independent Poisson counts is Poisson with the summed mean, so this is exact in
 *      distribution, with a fifth to a seventh of the draws);
 *   3. deaths and complexity moves: one multinomial per state over competing events;
 *   4. ageing into the next age group (binomial), on the counts after step 3;
 *   5. net migration (Poisson inflow or binomial outflow) and new entrants (Poisson per area,
 *      multinomial over the youngest age group's lowest-level quintiles).
 * With step 3 each state's life-years and QALYs: (N − deaths / 2) · L person-years (those who die
 * live half the cycle on average) × the state's utility plus its participants' utility gain.
 * Every state and cell has its own draw sites (sim/rng.ts), so scenarios share random numbers
 * state by state; a scenario reuses the baseline's draws (DrawMemo) where its inputs are the
 * same. No allocation happens inside the loop: buffers live in a Workspace.
 */
import type { Draws } from "./draws.ts";
import { multinomial } from "./samplers.ts";
import { applyEffects, enrol, type InterventionRuntime, yearStatus } from "./interventions.ts";
import { groupStride, levelStride, stateIndex, type StateLayout } from "./population.ts";
import type { Rates } from "./rates.ts";
import { AREA_FIELDS, CELL_FIELDS, type RecordLayout } from "./record.ts";
import { cellSite, entrantSite, SiteKind, type SiteLayout, stateSite } from "./rng.ts";
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
  /**
   * Optional, one array per runtime (cycles × S): `record` receives the enrolled share applied
   * to each state in each cycle (0 where the intervention does not reach it); `replay` gives
   * the share of each active cycle instead of enrolling (the journeys' cohort alone, whose
   * places are filled as in the whole population's run: sim/journeys/).
   */
  enrolledShares?: { record?: Float64Array[]; replay?: Float64Array[] };
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
  /** Per cycle, cell and activity: the Poisson mean drawn from, and the count drawn. */
  readonly activityMean: Float64Array;
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
    const cells = layout.cellCount * ACTIVITIES.length;
    this.count = new Float64Array(cycles * S).fill(-1);
    this.activityMean = new Float64Array(cycles * cells).fill(-1);
    this.activity = new Float64Array(cycles * cells);
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
    // Expected counts are not drawn: there is nothing to record or reuse.
    memo: draws.expected ? null : memoUse?.memo ?? null,
    recording: !draws.expected && memoUse?.mode === "record",
    reusing: !draws.expected && memoUse?.mode === "reuse",
    sites: { states: S, cells: layout.cellCount, areas: A },
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
    if (record.cells) recordCellPopulation(out, y + record.cellValues, layout, counts);
    const status = runtimes.map((rt) => yearStatus(rt.spec, year));
    for (let k = 0; k < K; k++) {
      frame.cycle = year * K + k;
      applyInterventions(frame, status, L);
      drawActivity(frame, L);
      drawEvents(frame, L);
      drawAgeingAndMigration(frame, L);
      drawEntrants(frame, L);
    }
  }
}

/** Each cell's population at the start of the year (the first of its CELL_FIELDS). */
function recordCellPopulation(
  out: Float64Array,
  at: number,
  layout: StateLayout,
  counts: Float64Array,
): void {
  const { cell } = layout;
  for (let s = 0; s < counts.length; s++) out[at + cell[s] * CELL_FIELDS] += counts[s];
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
  sites: SiteLayout;
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
      const replay = ctx.enrolledShares?.replay?.[i];
      const caseload = replay
        ? replayShares(replay, f.cycle, counts, share)
        : enrol(rt, counts, st.reach, share);
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
    ctx.enrolledShares?.record?.[i].set(share, f.cycle * S);
    applyEffects(rt, share, layout, activityMult, moveMult, deathMult, touched);
    const gain = ctx.utilityGain[i];
    if (gain !== 0) { for (let s = 0; s < S; s++) utilityGain[s] += share[s] * gain; }
  }
}

/** Enrolled shares given for cycle `cycle` (cycles × S) copied into `share`; the caseload. */
function replayShares(
  given: Float64Array,
  cycle: number,
  counts: Float64Array,
  share: Float64Array,
): number {
  const S = share.length;
  share.set(given.subarray(cycle * S, (cycle + 1) * S));
  let caseload = 0;
  for (let s = 0; s < S; s++) caseload += share[s] * counts[s];
  return caseload;
}

/**
 * 2. Activity and cost, per cell: for each activity one Poisson count with mean
 * Σ_{s ∈ cell} N_s · rate_s · L · multiplier_s, from the cell's stream; reused from the baseline
 * when the mean is the same. Social care cost is N · cost per person · L · multiplier.
 */
function drawActivity(f: Frame, L: number): void {
  const { ws, out, areas, draws, memo, recording, ctx, cycle, y } = f;
  const { layout, rates, record } = ctx;
  const reusing = f.reusing && memo !== null;
  const expected = draws.expected;
  const { counts, activityMult } = ws;
  const { quintile, area, cellStart, cellStates } = layout;
  const S = layout.stateCount;
  const NA = ACTIVITIES.length;
  const { activity: rate, unitCost, socialCare } = rates;
  const yActivity = y + record.activity;
  const yQuintileActivity = y + record.quintileActivity;
  const yCost = y + record.cost;
  const ySocialCare = yCost + SOCIAL_CARE_SECTOR;
  const yQuintileCost = y + record.quintileCost;
  const yActivityCost = y + record.activityCost;
  const areaYear = f.year * record.areas;
  const cells = layout.cellCount;
  // Each cell's cost by sector, when kept (studies with providers): after its population.
  const yCells = record.cells ? y + record.cellValues + 1 : -1;
  for (let k = 0; k < cells; k++) {
    const first = cellStart[k];
    const end = cellStart[k + 1];
    let people = 0;
    for (let i = first; i < end; i++) people += counts[cellStates[i]];
    if (people === 0) continue;
    const rep = cellStates[first];
    const q = quintile[rep];
    const areaAt = (areaYear + area[rep]) * AREA_FIELDS;
    const ck = (cycle * cells + k) * NA;
    let drawn = false;
    let serviceCost = 0;
    for (let a = 0; a < NA; a++) {
      const r = rate[a];
      const m = a * S;
      let mean = 0;
      for (let i = first; i < end; i++) {
        const s = cellStates[i];
        mean += counts[s] * r[s] * L * activityMult[m + s];
      }
      let x: number;
      if (expected) {
        x = mean;
      } else if (reusing && !drawn && memo!.activityMean[ck + a] === mean) {
        x = memo!.activity[ck + a];
      } else {
        if (!drawn) {
          draws.at(cellSite(cycle, k, f.sites));
          // The earlier activities' draws come first in the stream (their means, and so their
          // counts, are the baseline's): replayed, so this draw sits where it would drawn afresh.
          for (let b = 0; b < a; b++) draws.poisson(memo!.activityMean[ck + b]);
          drawn = true;
        }
        // Once the cell's stream is drawn from, every later activity is drawn too: reusing one
        // would skip its draws and shift the rest of the stream.
        x = draws.poisson(mean);
      }
      if (recording) {
        memo!.activityMean[ck + a] = mean;
        memo!.activity[ck + a] = x;
      }
      const cost = x * unitCost[a][rep];
      out[yActivity + a] += x;
      out[yQuintileActivity + a * QUINTILE_COUNT + q] += x;
      out[yCost + ACTIVITY_SECTOR_FIELD[a]] += cost;
      if (yCells >= 0) out[yCells + k * CELL_FIELDS + ACTIVITY_SECTOR_FIELD[a]] += cost;
      out[yActivityCost + a] += cost;
      areas[areaAt + 2 + a] += x;
      serviceCost += cost;
    }
    let social = 0;
    const msc = NA * S;
    for (let i = first; i < end; i++) {
      const s = cellStates[i];
      social += counts[s] * socialCare[s] * L * activityMult[msc + s];
    }
    out[ySocialCare] += social;
    if (yCells >= 0) out[yCells + k * CELL_FIELDS + SOCIAL_CARE_SECTOR] += social;
    serviceCost += social;
    out[yQuintileCost + q] += serviceCost;
    areas[areaAt + 1] += serviceCost;
  }
}

/**
 * 3. Deaths and complexity moves: one multinomial per state over the competing events, from the
 * state's stream; reused from the baseline where the state is untouched and holds the same
 * people.
 */
function drawEvents(f: Frame, L: number): void {
  const { ws, out, draws, memo, recording, ctx, cycle, y } = f;
  const { layout, rates, record } = ctx;
  const reusing = f.reusing && memo !== null;
  const expected = draws.expected;
  const { counts, next, moveMult, deathMult, utilityGain, probs, outcome, touched } = ws;
  const { utility } = ctx;
  const { level, quintile } = layout;
  const S = layout.stateCount;
  const C = layout.levels.length;
  const K = ctx.cyclesPerYear;
  const up = levelStride(layout);
  const { death, move } = rates;
  const yFlows = y + record.flows;
  const yQuintileLifeYears = y + record.quintileLifeYears;
  const yQuintileQalys = y + record.quintileQalys;
  const site = stateSite(cycle, 0, SiteKind.Outcomes, f.sites);
  const siteStride = stateSite(cycle, 1, SiteKind.Outcomes, f.sites) - site;
  // The year's totals, accumulated in locals in the same order as into `out` (bit for bit).
  let deaths = out[y + record.deaths];
  let lifeYears = out[y + record.lifeYears];
  let qalys = out[y + record.qalys];
  next.fill(0);
  for (let s = 0; s < S; s++) {
    const n = counts[s];
    const cs = cycle * S + s;
    if (recording) memo!.count[cs] = n;
    if (n === 0) continue;
    const reuse = reusing && touched[s] === 0 && memo!.count[cs] === n;
    // Competing risks, converted to the cycle length.
    const from = level[s];
    const oc = cs * (C + 1);
    let left = n;
    if (reuse) {
      for (let j = 0; j <= C; j++) {
        outcome[j] = memo!.outcome[oc + j];
        left -= outcome[j];
      }
    } else {
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
      if (scale !== 1) { for (let j = 0; j <= C; j++) probs[j] *= scale; }
      if (expected) {
        left = expectedMultinomial(n, probs, outcome, C + 1);
      } else {
        draws.at(site + siteStride * s);
        left = multinomial(draws, n, probs, outcome);
        if (recording) { for (let j = 0; j <= C; j++) memo!.outcome[oc + j] = outcome[j]; }
      }
    }
    const flows = yFlows + from * (C + 1);
    const died = outcome[0];
    out[flows + C] += died;
    deaths += died;

    // Life-years and QALYs: the cycle's person-time, those who die counting half of it.
    const q = quintile[s];
    const lived = (n - 0.5 * died) * L;
    const u = utility[s] + utilityGain[s];
    const gained = lived * (u < 1 ? u : 1);
    lifeYears += lived;
    qalys += gained;
    out[yQuintileLifeYears + q] += lived;
    out[yQuintileQalys + q] += gained;
    next[s] += left;
    for (let to = 0; to < C; to++) {
      if (to === from) continue;
      const x = outcome[to + 1];
      next[s + (to - from) * up] += x;
      out[flows + to] += x;
    }
    out[flows + from] += left;
  }
  out[y + record.deaths] = deaths;
  out[y + record.lifeYears] = lifeYears;
  out[y + record.qalys] = qalys;
}

/**
 * The multinomial's expectation, by the same conditional steps as `multinomial` with expected
 * binomials (so the same numbers bit for bit), without the calls: the deterministic and
 * parameters-mode runs spend most of their time here.
 */
function expectedMultinomial(n: number, probs: Float64Array, out: Float64Array, J: number): number {
  let left = n;
  let mass = 1;
  for (let j = 0; j < J; j++) {
    const pj = probs[j];
    if (left <= 0 || pj <= 0) {
      out[j] = 0;
      continue;
    }
    const x = pj >= mass ? left : left * (pj / mass);
    out[j] = x;
    left -= x;
    mass -= pj;
  }
  return left;
}

/**
 * 4. Ageing into the next age group (drawn for every state before any is applied); 5a. net
 * migration.
 */
function drawAgeingAndMigration(f: Frame, L: number): void {
  const { ws, out, draws, memo, recording, ctx, cycle, y } = f;
  const { layout, rates, record } = ctx;
  const reusing = f.reusing && memo !== null;
  const expected = draws.expected;
  const { next, moved } = ws;
  const S = layout.stateCount;
  const K = ctx.cyclesPerYear;
  const older = groupStride(layout);
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
      // An empty state draws nothing: its stream is not even positioned.
      if (n > 0) {
        if (!expected) draws.at(site + siteStride * s);
        if (ageing[s] > 0) {
          aged = draws.binomial(n, K > 1 ? 1 - Math.pow(1 - ageing[s], L) : ageing[s]);
        }
        const m = migration[s];
        const stay = n - aged;
        if (m > 0) migrated = draws.poisson(n * m * L);
        else if (m < 0 && stay > 0) migrated = -draws.binomial(stay, Math.min(1, -m * L));
      }
      if (recording) {
        memo!.aged[cs] = aged;
        memo!.migrated[cs] = migrated;
      }
    }
    if (aged !== 0) {
      moved[s] -= aged;
      moved[s + older] += aged;
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
  const area = layout.area;
  areaPopulation.fill(0);
  for (let s = 0; s < S; s++) {
    areaPopulation[area[s]] += counts[s];
    counts[s] = next[s] + moved[s];
  }
  for (let a = 0; a < A; a++) {
    const ca = cycle * A + a;
    const e = ca * (QUINTILE_COUNT + 1);
    const first = stateIndex(layout, a, 0, 0, 0);
    let total: number;
    const reuseTotal = reusing && memo!.areaPopulation[ca] === areaPopulation[a];
    if (reuseTotal) {
      total = memo!.entrants[e];
    } else {
      draws.at(entrantSite(cycle, a, f.sites));
      total = draws.poisson(areaPopulation[a] * rates.entrants * L);
    }
    out[y + record.entrants] += total;
    if (recording) {
      memo!.areaPopulation[ca] = areaPopulation[a];
      memo!.entrants[e] = total;
    }
    // The split follows the total in the area's stream: reused only with the total itself (a
    // total drawn again may have used the stream differently, even when it comes out the same).
    if (reuseTotal) {
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
