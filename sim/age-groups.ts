/**
 * Five-year age groups inside the segmentation's age bands, and what the national data say about
 * each: its population (the prior of the year-0 split), mean age and death probability.
 *
 * A band label reads "a-b" (ages a to b inclusive) or "a+" (a and over). Bands are split at
 * multiples of 5 (0-17 → 0-4, 5-9, 10-14, 15-17; 18-74 → 18-19, 20-24, …, 70-74), an open band
 * ending in an open group "90+" (or being one group when it starts at 90 or above).
 * National figures come from sim/data/demography.ts (ONS 2020-based NPP, mid-2024 population and
 * 2023–24 qx+½), summed or population-weighted over the single years of each group.
 */
import { ENGLAND_POPULATION_2024, ENGLAND_QX_2023_24 } from "./data/demography.ts";

/** Oldest single year the national tables hold (105 = 105 and over). */
export const OLDEST_AGE = ENGLAND_POPULATION_2024.length - 1;
/** Where an open band's last group starts. */
export const OPEN_GROUP_FROM = 90;
/** Width of the age groups. */
export const GROUP_WIDTH = 5;

export interface AgeRange {
  from: number;
  /** Last age of the range, inclusive; null when open ("a+"). */
  to: number | null;
}

export interface AgeGroup extends AgeRange {
  label: string;
  /** National (England, mid-2024) people in the group. */
  nationalPeople: number;
  /** National mean age (at last birthday) in the group. */
  meanAge: number;
  /** National death probability for a year (qx+½ 2023–24), population-weighted over its ages. */
  qx: number;
  /** Annual rate of moving to the next group: 1 / its width in years (0 when open). */
  ageingRate: number;
}

/** Parses "a-b" or "a+" (whole years, a ≤ b ≤ 120); null when the label is neither. */
export function parseAgeBand(label: string): AgeRange | null {
  const closed = /^\s*(\d{1,3})\s*-\s*(\d{1,3})\s*$/.exec(label);
  if (closed) {
    const from = Number(closed[1]);
    const to = Number(closed[2]);
    return from <= to && to <= 120 ? { from, to } : null;
  }
  const open = /^\s*(\d{1,3})\s*\+\s*$/.exec(label);
  if (open && Number(open[1]) <= 120) return { from: Number(open[1]), to: null };
  return null;
}

function rangeLabel(r: AgeRange): string {
  return r.to === null ? `${r.from}+` : `${r.from}-${r.to}`;
}

/** The age ranges of a band's groups, youngest first. */
export function groupRanges(band: AgeRange): AgeRange[] {
  const out: AgeRange[] = [];
  const end = band.to ?? Infinity;
  let from = band.from;
  while (from <= end) {
    if (band.to === null && from >= OPEN_GROUP_FROM) {
      out.push({ from, to: null });
      break;
    }
    const next = (Math.floor(from / GROUP_WIDTH) + 1) * GROUP_WIDTH;
    const to = Math.min(next - 1, end);
    out.push({ from, to });
    from = to + 1;
  }
  return out;
}

/** The national single years a range covers (an open range to the oldest, 105+). */
function singleYears(r: AgeRange): number[] {
  const last = Math.min(r.to ?? OLDEST_AGE, OLDEST_AGE);
  const ages: number[] = [];
  for (let a = Math.min(r.from, OLDEST_AGE); a <= last; a++) ages.push(a);
  return ages;
}

/** A group with its national figures. */
export function ageGroup(r: AgeRange): AgeGroup {
  let people = 0;
  let ageSum = 0;
  let deaths = 0;
  for (const a of singleYears(r)) {
    const n = ENGLAND_POPULATION_2024[a];
    people += n;
    ageSum += n * a;
    deaths += n * ENGLAND_QX_2023_24[a];
  }
  return {
    ...r,
    label: rangeLabel(r),
    nationalPeople: people,
    meanAge: ageSum / people,
    qx: deaths / people,
    ageingRate: r.to === null ? 0 : 1 / (r.to - r.from + 1),
  };
}

/** A band's groups with their national figures. */
export function bandGroups(band: AgeRange): AgeGroup[] {
  return groupRanges(band).map(ageGroup);
}

/**
 * Shares of a segment's people over its band's groups: the distribution closest to the national
 * one (least relative entropy) whose mean of the groups' national mean ages is `meanAge` —
 * exponential tilting w_j ∝ π_j·exp(θ·m_j), θ by bisection. A mean at or beyond the youngest
 * (oldest) group's mean puts everyone in that group.
 */
export function ageShares(groups: AgeGroup[], meanAge: number): number[] {
  const key = `${groups.map((g) => g.label).join(",")}:${meanAge}`;
  let shares = shareCache.get(key);
  if (!shares) {
    shares = tilt(groups, meanAge);
    if (shareCache.size > 10_000) shareCache.clear();
    shareCache.set(key, shares);
  }
  return shares.slice();
}

/** Splits already computed (a study is prepared again on every edit in the workbench). */
const shareCache = new Map<string, number[]>();

function tilt(groups: AgeGroup[], meanAge: number): number[] {
  const total = groups.reduce((s, g) => s + g.nationalPeople, 0);
  const logPrior = groups.map((g) => Math.log(g.nationalPeople / total));
  const centre = groups.reduce((s, g) => s + g.nationalPeople / total * g.meanAge, 0);
  if (groups.length === 1) return [1];
  const lowest = groups[0].meanAge;
  const highest = groups[groups.length - 1].meanAge;
  if (meanAge <= lowest + 1e-9) return groups.map((_, j) => (j === 0 ? 1 : 0));
  if (meanAge >= highest - 1e-9) return groups.map((_, j) => (j === groups.length - 1 ? 1 : 0));
  const w = new Array<number>(groups.length);
  const shares = (theta: number) => {
    // Centred on the national mean age, so exp() stays in range for any θ tried.
    let top = -Infinity;
    for (let j = 0; j < w.length; j++) {
      w[j] = logPrior[j] + theta * (groups[j].meanAge - centre);
      if (w[j] > top) top = w[j];
    }
    let sum = 0;
    for (let j = 0; j < w.length; j++) sum += w[j] = Math.exp(w[j] - top);
    for (let j = 0; j < w.length; j++) w[j] /= sum;
    return w;
  };
  const mean = (theta: number) => shares(theta).reduce((m, x, j) => m + x * groups[j].meanAge, 0);
  // Bisection on θ: the mean rises with θ; 64 halvings of [−50, 50] reach double precision.
  let lo = -50;
  let hi = 50;
  for (let i = 0; i < 64; i++) {
    const mid = (lo + hi) / 2;
    if (mean(mid) < meanAge) lo = mid;
    else hi = mid;
  }
  return shares((lo + hi) / 2).slice();
}
