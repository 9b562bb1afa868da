/**
 * Exact samplers for counts: binomial, Poisson and multinomial.
 *
 * - Binomial(n, p): with p' = min(p, 1 - p), inversion (sequential search from 0) when
 *   n·p' < 10, otherwise BTRS, Hörmann's transformed rejection with squeeze (Hörmann 1993,
 *   "The generation of binomial random variates", J Stat Comput Simul 46:101–110). Both are
 *   exact: no normal approximation anywhere.
 * - Poisson(mean): inversion when mean < 10, otherwise PTRS (Hörmann 1993, "The transformed
 *   rejection method for generating Poisson random variables", Insurance Math Econ 12:39–45).
 * - Multinomial: conditional binomials, exact.
 *
 * Counts are whole numbers held in doubles (exact to 2^53).
 * Hand-written: no package offers exact count samplers that draw from our own seeded streams
 * (common random numbers need every draw to come from the site's stream), at this speed.
 */
import type { Stream } from "./rng.ts";
import { InputError } from "./problems.ts";

/**
 * Largest mean drawn: counts are whole numbers held exactly in doubles up to 2^53. A larger,
 * infinite or NaN mean would make the rejection loops below run forever, so it is refused
 * (validation keeps studies far below it; this is the engine's own guard).
 */
export const MAX_COUNT_MEAN = 2 ** 53;

function countOutOfRange(what: string, value: number): InputError {
  return new InputError([{
    at: "(run)",
    message: `a ${what} the model asked to draw is not a finite number in range`,
    found: String(value),
    expected: `a mean from 0 to ${MAX_COUNT_MEAN} (check the study's largest numbers)`,
  }]);
}

const SMALL_TABLE = 256;
/** ln(k!) from Stirling's series with five terms (error below 1e-15 for k ≥ 256). */
function stirlingLogFactorial(k: number): number {
  const x = k + 1;
  const inv = 1 / x;
  const inv2 = inv * inv;
  return (x - 0.5) * Math.log(x) - x + 0.9189385332046728 +
    inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
}
/**
 * ln(k!) tabulated for k < 2^16 (512 KB): the rejection steps of BTRS and PTRS need it for
 * counts in the thousands, where a logarithm costs more than a table read. Entries below 256
 * are exact sums of logarithms; the rest are the same Stirling values computed on demand above
 * the table, so a draw does not depend on whether its value came from the table.
 */
const LOG_FACTORIAL_TABLE_SIZE = 1 << 16;
const logFactorialTable = new Float64Array(LOG_FACTORIAL_TABLE_SIZE);
for (let k = 1; k < SMALL_TABLE; k++) {
  logFactorialTable[k] = logFactorialTable[k - 1] + Math.log(k);
}
for (let k = SMALL_TABLE; k < LOG_FACTORIAL_TABLE_SIZE; k++) {
  logFactorialTable[k] = stirlingLogFactorial(k);
}

/** ln(k!) for a whole number k ≥ 0: a table below 2^16, Stirling's series (error < 1e-15) above. */
export function logFactorial(k: number): number {
  return k < LOG_FACTORIAL_TABLE_SIZE ? logFactorialTable[k] : stirlingLogFactorial(k);
}

function binomialInversion(rng: Stream, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  for (;;) {
    let r = Math.pow(q, n);
    let u = rng.uniform();
    let x = 0;
    while (u > r) {
      u -= r;
      x++;
      if (x > n) break; // rounding left a sliver of probability: draw again
      r *= a / x - s;
    }
    if (x <= n) return x;
  }
}

function binomialBtrs(rng: Stream, n: number, p: number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  // The squeeze accepts most draws; the rest need these, computed once when first needed.
  let alpha = 0;
  let lpq = 0;
  let m = 0;
  let h = NaN;
  for (;;) {
    const u = rng.uniform() - 0.5;
    let v = rng.uniformOpen();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    if (h !== h) {
      alpha = (2.83 + 5.1 / b) * spq;
      lpq = Math.log(p / q);
      m = Math.floor((n + 1) * p);
      h = logFactorial(m) + logFactorial(n - m);
    }
    v = Math.log(v * alpha / (a / (us * us) + b));
    if (v <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
  }
}

/** One draw from Binomial(n, p); n a whole number ≥ 0, p in [0, 1]. */
export function binomial(rng: Stream, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  const m = n * p;
  if (m < 10) return binomialInversion(rng, n, p);
  if (!(m <= MAX_COUNT_MEAN)) throw countOutOfRange("binomial count", m);
  return binomialBtrs(rng, n, p);
}

function poissonInversion(rng: Stream, mean: number): number {
  for (;;) {
    let p = Math.exp(-mean);
    let u = rng.uniform();
    let x = 0;
    while (u > p) {
      u -= p;
      x++;
      p *= mean / x;
      if (x > 1000) break; // rounding left a sliver of probability: draw again
    }
    if (x <= 1000) return x;
  }
}

function poissonPtrs(rng: Stream, mean: number): number {
  const slam = Math.sqrt(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const vr = 0.9277 - 3.6224 / (b - 2);
  // Only the draws the squeeze does not settle (about one in five) need these.
  let loglam = NaN;
  let invalpha = 0;
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniformOpen();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (loglam !== loglam) {
      loglam = Math.log(mean);
      invalpha = 1.1239 + 1.1328 / (b - 3.4);
    }
    // Hörmann's test log(v·invalpha / (a/us² + b)) ≤ −λ + k·log λ − log k!, with one logarithm.
    if (Math.log(v * invalpha / (a / (us * us) + b)) <= -mean + k * loglam - logFactorial(k)) {
      return k;
    }
  }
}

/** One draw from Poisson(mean); mean ≥ 0. */
export function poisson(rng: Stream, mean: number): number {
  if (!(mean > 0)) {
    if (mean !== mean) throw countOutOfRange("Poisson count", mean);
    return 0;
  }
  if (mean < 10) return poissonInversion(rng, mean);
  if (!(mean <= MAX_COUNT_MEAN)) throw countOutOfRange("Poisson count", mean);
  return poissonPtrs(rng, mean);
}

/** Anything that draws binomial counts (a stream, or expected values). */
export interface CountDraws {
  binomial(n: number, p: number): number;
}

/**
 * Multinomial(n, probs) by conditional binomials, written into `out` (same length as probs).
 * `probs` may sum to less than 1: the remainder is the "stay" category, returned as the result.
 */
export function multinomial(
  draws: CountDraws,
  n: number,
  probs: ArrayLike<number>,
  out: Float64Array | number[],
): number {
  let left = n;
  let mass = 1;
  for (let j = 0; j < probs.length; j++) {
    const pj = probs[j];
    if (left <= 0 || pj <= 0) {
      out[j] = 0;
      continue;
    }
    const x = pj >= mass ? left : draws.binomial(left, pj / mass);
    out[j] = x;
    left -= x;
    mass -= pj;
  }
  return left;
}
