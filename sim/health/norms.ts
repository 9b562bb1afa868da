/**
 * Default utility norms for an age range: EQ-5D population norms for England (persons), weighted
 * by England's projected 2024 population at each age (sim/health/norms-data.ts, sourced there).
 *
 * - Central value: HSE 2017/18 mapped to 3L (McNamara et al. 2022), by five-year group.
 * - 90% interval: the range of the published norms for the same ages — HSE 2017/18, DSU 2022
 *   (HSE 2014) and Ara & Brazier 2010 — widened by 0.01 each side (an assumption: the spread
 *   between surveys and value methods is far larger than any one survey's sampling error).
 * - Ages 0–15: no English EQ-5D norm exists (HSE asks adults only); an assumption of 0.90
 *   (0.85–0.95), the HSE value at 16–17. A range mostly under 16 takes that interval.
 *
 * Written for any age range, so the same functions serve age bands now and five-year age groups
 * once the state layout has them.
 */
import type { Estimate } from "../distributions.ts";
import {
  ARA_BRAZIER_BY_AGE,
  DSU_2022_BY_AGE,
  HSE_2017_18_GROUPS,
  POPULATION_2024,
  SINGLE_YEAR_FIRST_AGE,
} from "./norms-data.ts";

/** The assumption for ages 0–15 (no English norm). */
export const CHILD_UTILITY = { central: 0.9, low: 0.85, high: 0.95 } as const;
/** First age with a published English norm. */
export const FIRST_NORM_AGE = SINGLE_YEAR_FIRST_AGE;
const OLDEST = POPULATION_2024.length - 1;

/** An age label "a-b" or "a+" as inclusive ages [a, b] (an open range ends at the oldest age). */
export function parseAgeRange(label: string): [number, number] | null {
  const m = /^\s*(\d{1,3})\s*(?:[-–]\s*(\d{1,3})|\+)\s*$/.exec(label);
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] === undefined ? OLDEST : Number(m[2]);
  return from <= to && from <= OLDEST ? [from, Math.min(to, OLDEST)] : null;
}

/** HSE 2017/18 norm at one age (the child assumption below 16). */
function hseAt(age: number): number {
  if (age < FIRST_NORM_AGE) return CHILD_UTILITY.central;
  return HSE_2017_18_GROUPS.find((g) => age >= g.from && age <= g.to)!.norm;
}

/** A single-year table's value at one age (its last age beyond it; the child value below). */
function singleAt(table: readonly number[], age: number): number {
  if (age < FIRST_NORM_AGE) return CHILD_UTILITY.central;
  return table[Math.min(age - FIRST_NORM_AGE, table.length - 1)];
}

/** Population-weighted mean of `at(age)` over ages from–to. */
function weighted(from: number, to: number, at: (age: number) => number): number {
  let sum = 0;
  let people = 0;
  for (let a = from; a <= to; a++) {
    sum += POPULATION_2024[a] * at(a);
    people += POPULATION_2024[a];
  }
  return sum / people;
}

/** Share of the range's people aged under 16. */
function childShare(from: number, to: number): number {
  return weighted(from, to, (a) => (a < FIRST_NORM_AGE ? 1 : 0));
}

/** The three norms of an age range, by "from-to": fixed tables, so computed once per range. */
const normsOf = new Map<string, [number, number, number]>();

/** The three published norms' means over ages from–to: HSE 2017/18, DSU 2022, Ara–Brazier. */
export function publishedNorms(from: number, to: number): {
  hse2017: number;
  dsu2022: number;
  araBrazier: number;
} {
  const key = `${from}-${to}`;
  let norms = normsOf.get(key);
  if (!norms) {
    norms = [
      weighted(from, to, hseAt),
      weighted(from, to, (a) => singleAt(DSU_2022_BY_AGE, a)),
      weighted(from, to, (a) => singleAt(ARA_BRAZIER_BY_AGE, a)),
    ];
    normsOf.set(key, norms);
  }
  return { hse2017: norms[0], dsu2022: norms[1], araBrazier: norms[2] };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The default utility norm of an age label as an estimate to fit (beta, 90% interval), or null
 * when the label is not an age range ("a-b" or "a+").
 */
export function defaultUtilityNorm(label: string): Estimate | null {
  const range = parseAgeRange(label);
  if (!range) return null;
  const [from, to] = range;
  const norms = publishedNorms(from, to);
  const central = round3(norms.hse2017);
  if (childShare(from, to) > 0.5) {
    return {
      central,
      low: CHILD_UTILITY.low,
      high: CHILD_UTILITY.high,
      level: 0.9,
      family: "beta",
      source:
        "Assumption: no English EQ-5D norm under 16; HSE 2017/18 (McNamara et al. 2022) at 16–17 ≈ 0.90",
    };
  }
  const values = [norms.hse2017, norms.dsu2022, norms.araBrazier];
  return {
    central,
    low: round3(Math.max(0.01, Math.min(...values) - 0.01)),
    high: round3(Math.min(0.99, Math.max(...values) + 0.01)),
    level: 0.9,
    family: "beta",
    source:
      "HSE 2017/18 EQ-5D mapped to 3L (McNamara et al., Value Health 2022), England 2024 age weights; interval: range of HSE 2017/18, DSU 2022 and Ara–Brazier 2010 ± 0.01 (assumption)",
  };
}
