/**
 * Random streams.
 *
 * A study's master seed gives every iteration its own independent 128-bit key, drawn with
 * seedrandom (`tychei`) from the string `${seed}/${iteration}`. Within an iteration every
 * "draw site" (the parameter draws; the deaths and moves of one state in one cycle; the ageing and
 * migration of one state in one cycle; the activity of one cell in one cycle; the entrants of one
 * area in one cycle) gets its own stream: an sfc32 generator whose state is the iteration
 * key mixed with the site's number. Because a site's stream depends only on (seed, iteration,
 * site), results do not depend on how iterations are spread over workers, and the baseline and
 * every scenario see the same random numbers at the same site (common random numbers): a state
 * that an intervention does not touch draws exactly the same counts in every scenario.
 * The per-site generator is hand-written (sfc32 and a Murmur3 mix): it is reset millions of
 * times a run, and seedrandom seeds from a string each time.
 */
import seedrandom from "seedrandom";

/** 128-bit key of one iteration, as four unsigned 32-bit words. */
export type IterationKey = Uint32Array;

interface SeedrandomWithTychei {
  tychei(seed: string): { int32(): number };
}

/** The key of iteration `iteration` under master seed `seed` (seedrandom `tychei`). */
export function iterationKey(seed: number | string, iteration: number): IterationKey {
  const prng = (seedrandom as unknown as SeedrandomWithTychei).tychei(`${seed}/${iteration}`);
  const key = new Uint32Array(4);
  for (let i = 0; i < 4; i++) key[i] = prng.int32() >>> 0;
  return key;
}

/** Murmur3's 32-bit finaliser: a bijective avalanche mix. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A small fast generator (sfc32, Chris Doty-Humphrey's "small fast chaotic" generator, which
 * passes PractRand and BigCrush). State lives in an Int32Array so that updates never box
 * numbers; reseeded in place so the inner loop allocates nothing.
 */
export class Stream {
  private readonly s = new Int32Array(4);

  /** Positions this stream at the start of site `site` of the iteration with key `key`. */
  reset(key: IterationKey, site: number): this {
    const m = fmix32(site ^ 0x9e3779b9);
    // The eight warm-up steps of nextInt32 on local variables (the same arithmetic, stored once):
    // a reset happens for every state and cell in every cycle.
    let a = fmix32(key[0] ^ m) | 0;
    let b = fmix32(key[1] ^ Math.imul(m, 0x85ebca6b)) | 0;
    let c = fmix32(key[2] ^ Math.imul(m, 0xc2b2ae35)) | 0;
    let d = (key[3] ^ site) | 0;
    for (let i = 0; i < 8; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
    }
    const s = this.s;
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    return this;
  }

  /** Next 32 random bits as a signed 32-bit integer. */
  nextInt32(): number {
    const s = this.s;
    const a = s[0];
    const b = s[1];
    const c = s[2];
    const d = s[3];
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t;
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    return this.nextInt32() >>> 0;
  }

  /**
   * Uniform on [0, 1) with 32 bits of resolution (multiples of 2^-32): ample for the count
   * samplers and parameter draws, and half the cost of 53-bit doubles.
   */
  uniform(): number {
    return (this.nextInt32() >>> 0) * 2.3283064365386963e-10;
  }

  /** Uniform on (0, 1): never exactly 0, safe for logarithms. */
  uniformOpen(): number {
    return ((this.nextInt32() >>> 0) + 0.5) * 2.3283064365386963e-10;
  }
}

/**
 * Site numbers: parameters use site 0; then, for each cycle, two sites per state (its deaths and
 * moves; its ageing and migration), one per cell (the activity of an area × age band × level ×
 * quintile) and one per leaf area (its entrants).
 */
export const PARAMETER_SITE = 0;
/**
 * Health parameters (utilities and utility effects) have a site of their own, apart from every
 * cycle's sites (which are positive), so health settings never move another parameter's draw.
 */
export const HEALTH_PARAMETER_SITE = -1;

export const enum SiteKind {
  /**
   * A state's deaths and complexity moves. Apart from activity (drawn per cell, cellSite), so
   * that an intervention that changes only activity draws exactly the baseline's deaths and
   * moves (and so its population, life-years and QALYs of person-time) — common random numbers
   * for health as well as activity.
   */
  Outcomes = 0,
  /** A state's ageing and migration. */
  Ageing = 1,
}

const SITES_PER_STATE = 2;

/** How many sites each cycle uses, and where its cells' and areas' sites start. */
export interface SiteLayout {
  states: number;
  cells: number;
  areas: number;
}

/** Site of one state's draws of one kind in cycle `cycle` (counted from 0). */
export function stateSite(cycle: number, state: number, kind: SiteKind, l: SiteLayout): number {
  return 1 + cycle * sitesPerCycle(l) + SITES_PER_STATE * state + kind;
}

/** Site of the activity of cell `cell` in cycle `cycle`. */
export function cellSite(cycle: number, cell: number, l: SiteLayout): number {
  return 1 + cycle * sitesPerCycle(l) + SITES_PER_STATE * l.states + cell;
}

/** Site of the entrants to leaf area `area` in cycle `cycle`. */
export function entrantSite(cycle: number, area: number, l: SiteLayout): number {
  return 1 + cycle * sitesPerCycle(l) + SITES_PER_STATE * l.states + l.cells + area;
}

/** Sites each cycle uses. */
export function sitesPerCycle(l: SiteLayout): number {
  return SITES_PER_STATE * l.states + l.cells + l.areas;
}
