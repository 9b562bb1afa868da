/**
 * The state space (area × age group × complexity × deprivation quintile) and the year-0
 * population in it. Age groups are five-year groups inside the table's age bands (age-groups.ts);
 * a segment is an age band × complexity level of the table.
 *
 * Each segment is split into deprivation quintiles by exponential tilting of an even split:
 * shares w_q ∝ exp(θ·q), with θ chosen so that the mean decile Σ w_q·(2q − 0.5) equals the
 * segment's published average decile (quintile q holds deciles 2q−1 and 2q, mean 2q − 0.5).
 * This is the maximum-entropy split with that mean: it adds no information the table lacks.
 * Each quintile's people are then split over the band's age groups by the distribution closest
 * to the national age structure whose mean age is the segment's published mean age
 * (`ageShares`). Counts are whole people, rounded by largest remainder at each split, so every
 * segment keeps its total and its quintile totals.
 */
import { type AgeGroup, ageShares, bandGroups, parseAgeBand } from "./age-groups.ts";
import { InputError } from "./problems.ts";
import { bandProblems } from "./segmentation.ts";
import type { AreaSpec, SegmentRow } from "./types.ts";
import { QUINTILE_COUNT } from "./types.ts";

export interface StateLayout {
  /** Leaf areas (the ones holding people), in input order. */
  areas: string[];
  /** Age bands of the table, youngest first. */
  ageBands: string[];
  /** Age groups of every band, youngest first (a band's groups are consecutive). */
  ageGroups: AgeGroup[];
  /** Band of each age group. */
  groupBand: Int32Array;
  levels: string[];
  stateCount: number;
  area: Int32Array;
  ageBand: Int32Array;
  ageGroup: Int32Array;
  level: Int32Array;
  /** 0 = most deprived quintile … 4 = least deprived. */
  quintile: Int32Array;
  /** Index into the segment rows. */
  segment: Int32Array;
  /**
   * Cells: (area, age band, level, quintile), where activity is drawn (activity has no age
   * gradient inside a segment). `cell[s]` is a state's cell; the states of cell k are
   * `cellStates[cellStart[k] .. cellStart[k + 1])`.
   */
  cellCount: number;
  cell: Int32Array;
  cellStart: Int32Array;
  cellStates: Int32Array;
}

/**
 * State index of (area, age group, level, quintile): area-major, then age group, level,
 * quintile fastest. The one place that knows the order; its strides follow.
 */
export function stateIndex(
  layout: StateLayout,
  area: number,
  group: number,
  level: number,
  quintile: number,
): number {
  const g = layout.ageGroups.length;
  const c = layout.levels.length;
  return ((area * g + group) * c + level) * QUINTILE_COUNT + quintile;
}

/** Index distance between a state and the same state one complexity level up. */
export function levelStride(_layout: StateLayout): number {
  return QUINTILE_COUNT;
}

/** Index distance between a state and the same state in the next age group. */
export function groupStride(layout: StateLayout): number {
  return layout.levels.length * QUINTILE_COUNT;
}

/** Cell index of (area, age band, level, quintile), in the same nesting as states. */
export function cellIndex(
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

/** Age bands youngest first; throws when a label is not an age band or bands do not tile. */
export function sortedBands(segments: SegmentRow[]): string[] {
  const labels = ordered(segments.map((s) => s.ageBand));
  const bad = labels.filter((l) => parseAgeBand(l) === null);
  if (bad.length) {
    throw new InputError(bad.map((l) => ({
      at: "segments",
      message: "not an age band the model can split into age groups",
      found: l,
      expected: 'ages "a-b" or "a+", e.g. 18-74 or 75+',
    })));
  }
  const problems = bandProblems(segments);
  if (problems.length) throw new InputError(problems);
  return labels.sort((a, b) => parseAgeBand(a)!.from - parseAgeBand(b)!.from);
}

/** Builds the layout. Segments must form a full grid of age bands × levels. */
export function buildLayout(segments: SegmentRow[], areas: AreaSpec[]): StateLayout {
  const ageBands = sortedBands(segments);
  const levels = ordered(segments.map((s) => s.complexity));
  const leaves = leafAreas(areas).map((a) => a.id);
  const segmentIndex = segmentLookup(segments, ageBands, levels);
  const ageGroups: AgeGroup[] = [];
  const bandOf: number[] = [];
  ageBands.forEach((b, g) => {
    for (const group of bandGroups(parseAgeBand(b)!)) {
      ageGroups.push(group);
      bandOf.push(g);
    }
  });
  const NG = ageGroups.length;
  const C = levels.length;
  const stateCount = leaves.length * NG * C * QUINTILE_COUNT;
  const cellCount = leaves.length * ageBands.length * C * QUINTILE_COUNT;
  const layout: StateLayout = {
    areas: leaves,
    ageBands,
    ageGroups,
    groupBand: Int32Array.from(bandOf),
    levels,
    stateCount,
    area: new Int32Array(stateCount),
    ageBand: new Int32Array(stateCount),
    ageGroup: new Int32Array(stateCount),
    level: new Int32Array(stateCount),
    quintile: new Int32Array(stateCount),
    segment: new Int32Array(stateCount),
    cellCount,
    cell: new Int32Array(stateCount),
    cellStart: new Int32Array(cellCount + 1),
    cellStates: new Int32Array(stateCount),
  };
  let s = 0;
  for (let a = 0; a < leaves.length; a++) {
    for (let j = 0; j < NG; j++) {
      const g = bandOf[j];
      for (let c = 0; c < C; c++) {
        for (let q = 0; q < QUINTILE_COUNT; q++, s++) {
          layout.area[s] = a;
          layout.ageBand[s] = g;
          layout.ageGroup[s] = j;
          layout.level[s] = c;
          layout.quintile[s] = q;
          layout.segment[s] = segmentIndex[g * C + c];
          layout.cell[s] = cellIndex(layout, a, g, c, q);
        }
      }
    }
  }
  // States of each cell, in state order.
  const counts = new Int32Array(cellCount);
  for (let k = 0; k < stateCount; k++) counts[layout.cell[k]]++;
  for (let k = 0; k < cellCount; k++) layout.cellStart[k + 1] = layout.cellStart[k] + counts[k];
  const fill = layout.cellStart.slice(0, cellCount);
  for (let k = 0; k < stateCount; k++) layout.cellStates[fill[layout.cell[k]]++] = k;
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
  let shares = quintileCache.get(decile);
  if (!shares) {
    shares = tiltQuintiles(decile);
    if (quintileCache.size > 10_000) quintileCache.clear();
    quintileCache.set(decile, shares);
  }
  return shares.slice();
}

/** Splits already computed (a study is prepared again on every edit in the workbench). */
const quintileCache = new Map<number, number[]>();

function tiltQuintiles(decile: number): number[] {
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
  // Bisection on θ: 64 halvings of [−50, 50] reach double precision.
  let lo = -50;
  let hi = 50;
  for (let i = 0; i < 64; i++) {
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
  const C = layout.levels.length;
  // The groups of each band, and each segment's shares over them.
  const bandFirst = layout.ageBands.map((_, g) => layout.groupBand.indexOf(g));
  const bandGroupCount = layout.ageBands.map((_, g) =>
    layout.groupBand.filter((b) => b === g).length
  );
  const shares = segments.map((seg) => {
    const g = layout.ageBands.indexOf(seg.ageBand);
    const groups = layout.ageGroups.slice(bandFirst[g], bandFirst[g] + bandGroupCount[g]);
    return ageShares(groups, seg.averageAge);
  });
  for (let a = 0; a < leaves.length; a++) {
    const area = leaves[a];
    for (let g = 0; g < layout.ageBands.length; g++) {
      for (let c = 0; c < C; c++) {
        const k = layout.segment[stateIndex(layout, a, bandFirst[g], c, 0)];
        const seg = segments[k];
        const people = Math.round(seg.population * (area.scale ?? 1));
        const byQuintile = splitWhole(
          people,
          quintileShares(seg.averageDeprivationDecile + (area.deprivationShift ?? 0)),
        );
        for (let q = 0; q < QUINTILE_COUNT; q++) {
          const byGroup = splitWhole(byQuintile[q], shares[k]);
          for (let j = 0; j < byGroup.length; j++) {
            counts[stateIndex(layout, a, bandFirst[g] + j, c, q)] = byGroup[j];
          }
        }
      }
    }
  }
  return counts;
}
