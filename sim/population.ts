/**
 * The state space (area × age band × complexity × deprivation quintile) and the year-0
 * population in it.
 *
 * Each segment is split into deprivation quintiles by exponential tilting of an even split:
 * shares w_q ∝ exp(θ·q), with θ chosen so that the mean decile Σ w_q·(2q − 0.5) equals the
 * segment's published average decile (quintile q holds deciles 2q−1 and 2q, mean 2q − 0.5).
 * This is the maximum-entropy split with that mean: it adds no information the table lacks.
 * Counts are whole people, rounded by largest remainder so every segment keeps its total.
 */
import { InputError } from "./problems.ts";
import type { AreaSpec, SegmentRow } from "./types.ts";
import { QUINTILE_COUNT } from "./types.ts";

export interface StateLayout {
  /** Leaf areas (the ones holding people), in input order. */
  areas: string[];
  ageBands: string[];
  levels: string[];
  stateCount: number;
  area: Int32Array;
  ageBand: Int32Array;
  level: Int32Array;
  /** 0 = most deprived quintile … 4 = least deprived. */
  quintile: Int32Array;
  /** Index into the segment rows (age band-major, then level). */
  segment: Int32Array;
}

/** State index of (area, age band, level, quintile): area-major, quintile fastest. */
export function stateIndex(
  layout: StateLayout,
  area: number,
  band: number,
  level: number,
  quintile: number,
): number {
  const g = layout.ageBands.length;
  const c = layout.levels.length;
  return ((area * g + band) * c + level) * QUINTILE_COUNT + quintile;
}

/** Distinct values in order of first appearance. */
function ordered(values: string[]): string[] {
  return [...new Set(values)];
}

/** Builds the layout. Segments must form a full grid of age bands × levels. */
export function buildLayout(segments: SegmentRow[], areas: AreaSpec[]): StateLayout {
  const ageBands = ordered(segments.map((s) => s.ageBand));
  const levels = ordered(segments.map((s) => s.complexity));
  const leaves = leafAreas(areas).map((a) => a.id);
  const segmentIndex = segmentLookup(segments, ageBands, levels);
  const stateCount = leaves.length * ageBands.length * levels.length * QUINTILE_COUNT;
  const layout: StateLayout = {
    areas: leaves,
    ageBands,
    levels,
    stateCount,
    area: new Int32Array(stateCount),
    ageBand: new Int32Array(stateCount),
    level: new Int32Array(stateCount),
    quintile: new Int32Array(stateCount),
    segment: new Int32Array(stateCount),
  };
  let s = 0;
  for (let a = 0; a < leaves.length; a++) {
    for (let g = 0; g < ageBands.length; g++) {
      for (let c = 0; c < levels.length; c++) {
        for (let q = 0; q < QUINTILE_COUNT; q++, s++) {
          layout.area[s] = a;
          layout.ageBand[s] = g;
          layout.level[s] = c;
          layout.quintile[s] = q;
          layout.segment[s] = segmentIndex[g * levels.length + c];
        }
      }
    }
  }
  return layout;
}

/** For each (band, level) pair, the index of its row; throws if any pair is missing. */
function segmentLookup(segments: SegmentRow[], ageBands: string[], levels: string[]): number[] {
  const lookup: number[] = [];
  const missing: string[] = [];
  for (const band of ageBands) {
    for (const level of levels) {
      const i = segments.findIndex((s) => s.ageBand === band && s.complexity === level);
      if (i < 0) missing.push(`${band} × ${level}`);
      lookup.push(i);
    }
  }
  if (missing.length) {
    throw new InputError(missing.map((m) => ({
      at: "segments",
      message: `segment ${m} is missing: the table must hold every age band × complexity pair`,
    })));
  }
  return lookup;
}

/** Areas that hold people: those that are no other area's parent. */
export function leafAreas(areas: AreaSpec[]): AreaSpec[] {
  const parents = new Set(areas.map((a) => a.parent).filter(Boolean));
  return areas.filter((a) => !parents.has(a.id));
}

/** For each area, the indices of the leaf areas under it (itself if a leaf). */
export function areaLeafIndices(areas: AreaSpec[]): number[][] {
  const leaves = leafAreas(areas).map((a) => a.id);
  const children = new Map<string, string[]>();
  for (const a of areas) {
    if (a.parent) children.set(a.parent, [...(children.get(a.parent) ?? []), a.id]);
  }
  const under = (id: string): number[] => {
    const kids = children.get(id);
    return kids ? kids.flatMap(under) : [leaves.indexOf(id)];
  };
  return areas.map((a) => under(a.id));
}

/** The decile in the middle of quintile q (1..5): quintile q holds deciles 2q − 1 and 2q. */
export function quintileMidDecile(q: number): number {
  return 2 * q - 0.5;
}

/** Quintile shares (most deprived first) whose mean decile is `decile` (1.5 ≤ decile ≤ 9.5). */
export function quintileShares(decile: number): number[] {
  const target = Math.min(Math.max(decile, 1.5), 9.5);
  const shares = (theta: number) => {
    const w = [1, 2, 3, 4, 5].map((q) => Math.exp(theta * (q - 3)));
    const total = w.reduce((x, y) => x + y, 0);
    return w.map((x) => x / total);
  };
  const meanDecile = (theta: number) =>
    shares(theta).reduce((m, w, i) => m + w * quintileMidDecile(i + 1), 0);
  if (target <= 1.5 + 1e-9) return [1, 0, 0, 0, 0];
  if (target >= 9.5 - 1e-9) return [0, 0, 0, 0, 1];
  let lo = -50;
  let hi = 50;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (meanDecile(mid) < target) lo = mid;
    else hi = mid;
  }
  return shares((lo + hi) / 2);
}

/** Splits a whole number into whole parts proportional to `shares`, by largest remainder. */
export function splitWhole(total: number, shares: number[]): number[] {
  // Above 2^53 whole numbers are not exact, and the remainder loop below would not end.
  if (!(Number.isSafeInteger(total) && total >= 0)) {
    throw new InputError([{
      at: "population",
      message: "a segment's population is not a whole number of people the engine can count",
      found: String(total),
      expected: `a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`,
    }]);
  }
  const exact = shares.map((w) => total * w);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((x, y) => x + y, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) =>
    b[0] - a[0] || a[1] - b[1]
  );
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k][1]]++;
  return parts;
}

/** Year-0 counts by state. A leaf's segment population is round(population × scale). */
export function initialCounts(
  layout: StateLayout,
  segments: SegmentRow[],
  areas: AreaSpec[],
): Float64Array {
  const counts = new Float64Array(layout.stateCount);
  const leaves = leafAreas(areas);
  for (let s = 0; s < layout.stateCount; s += QUINTILE_COUNT) {
    const area = leaves[layout.area[s]];
    const seg = segments[layout.segment[s]];
    const people = Math.round(seg.population * (area.scale ?? 1));
    const shares = quintileShares(seg.averageDeprivationDecile + (area.deprivationShift ?? 0));
    const parts = splitWhole(people, shares);
    for (let q = 0; q < QUINTILE_COUNT; q++) counts[s + q] = parts[q];
  }
  return counts;
}
