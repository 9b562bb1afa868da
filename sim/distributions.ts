/**
 * Parameter distributions (second-order uncertainty): fixed values, beta, lognormal, gamma,
 * truncated normal, triangular, PERT and uniform; fitting a distribution to a central value and
 * an 80/90/95% interval; sampling, quantiles and means.
 * Hand-written: sampling must draw from the iteration's own stream (rng.ts), and fitting needs
 * the special functions of special.ts; packages draw from their own generators.
 */
import type { Stream } from "./rng.ts";
import { InputError } from "./problems.ts";
import { betaCdf, gammaCdf, invertCdf, logGamma, normalCdf, normalQuantile } from "./special.ts";

export type Distribution =
  | { dist: "fixed"; value: number }
  | { dist: "beta"; alpha: number; beta: number }
  | { dist: "lognormal"; meanlog: number; sdlog: number }
  | { dist: "gamma"; shape: number; scale: number }
  | { dist: "normal"; mean: number; sd: number; min?: number; max?: number }
  | { dist: "triangular"; min: number; mode: number; max: number }
  | { dist: "pert"; min: number; mode: number; max: number }
  | { dist: "uniform"; min: number; max: number };

/** A central value with an interval, to be fitted to a distribution of the given family. */
export interface Estimate {
  central: number;
  low: number;
  high: number;
  /** Coverage of [low, high]: 0.8, 0.9 or 0.95. */
  level: number;
  family: "beta" | "lognormal" | "gamma" | "normal";
  /** Where the figures come from (citation); no effect on the model. */
  source?: string;
  /** What is assumed where no source gives the figure. */
  assumption?: string;
  /** Why this figure was chosen (free text); no effect on the model. */
  rationale?: string;
}

/** How a parameter may be written: a number (fixed), a distribution, or an estimate to fit. */
export type ParameterSpec = number | Distribution | Estimate;

export function isEstimate(spec: ParameterSpec): spec is Estimate {
  return typeof spec === "object" && spec !== null && "central" in spec;
}

/** The distribution a spec stands for (estimates are fitted). */
export function toDistribution(spec: ParameterSpec): Distribution {
  if (typeof spec === "number") return { dist: "fixed", value: spec };
  if (isEstimate(spec)) return fitEstimate(spec);
  return spec;
}

// ---------------------------------------------------------------- sampling

function standardNormal(rng: Stream): number {
  // Box–Muller, cosine branch only: one normal from two uniforms, no hidden state.
  const u1 = rng.uniformOpen();
  const u2 = rng.uniform();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), with the u^(1/shape) boost for shape < 1. */
function standardGamma(rng: Stream, shape: number): number {
  // A NaN or infinite shape would never be accepted below (validation refuses them first).
  if (!(shape > 0 && shape < Infinity)) {
    throw new InputError([{
      at: "(parameters)",
      message: "a gamma or beta parameter drawn is not a finite positive number",
      found: String(shape),
    }]);
  }
  if (shape < 1) {
    const g = standardGamma(rng, shape + 1);
    return g * Math.pow(rng.uniformOpen(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniformOpen();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function sampleBeta(rng: Stream, alpha: number, beta: number): number {
  const x = standardGamma(rng, alpha);
  const y = standardGamma(rng, beta);
  return x / (x + y);
}

function pertShape(d: { min: number; mode: number; max: number }): [number, number] {
  const range = d.max - d.min;
  return [1 + 4 * (d.mode - d.min) / range, 1 + 4 * (d.max - d.mode) / range];
}

/** One draw from a distribution. */
export function sample(d: Distribution, rng: Stream): number {
  switch (d.dist) {
    case "fixed":
      return d.value;
    case "beta":
      return sampleBeta(rng, d.alpha, d.beta);
    case "lognormal":
      return Math.exp(d.meanlog + d.sdlog * standardNormal(rng));
    case "gamma":
      return d.scale * standardGamma(rng, d.shape);
    case "normal": {
      if (d.min === undefined && d.max === undefined) return d.mean + d.sd * standardNormal(rng);
      // Truncated normal by inversion on the truncated range: exact.
      const lo = d.min === undefined ? 0 : normalCdf((d.min - d.mean) / d.sd);
      const hi = d.max === undefined ? 1 : normalCdf((d.max - d.mean) / d.sd);
      const u = lo + (hi - lo) * rng.uniformOpen();
      const x = d.mean + d.sd * normalQuantile(u);
      return Math.min(Math.max(x, d.min ?? -Infinity), d.max ?? Infinity);
    }
    case "triangular":
      return triangularQuantile(d, rng.uniform());
    case "pert": {
      const [a, b] = pertShape(d);
      return d.min + (d.max - d.min) * sampleBeta(rng, a, b);
    }
    case "uniform":
      return d.min + (d.max - d.min) * rng.uniform();
  }
}

// ---------------------------------------------------------------- moments and quantiles

function triangularQuantile(d: { min: number; mode: number; max: number }, p: number): number {
  const { min, mode, max } = d;
  const f = (mode - min) / (max - min);
  return p < f
    ? min + Math.sqrt(p * (max - min) * (mode - min))
    : max - Math.sqrt((1 - p) * (max - min) * (max - mode));
}

/** The mean of a distribution (the value expected-value mode uses). */
export function mean(d: Distribution): number {
  switch (d.dist) {
    case "fixed":
      return d.value;
    case "beta":
      return d.alpha / (d.alpha + d.beta);
    case "lognormal":
      return Math.exp(d.meanlog + d.sdlog * d.sdlog / 2);
    case "gamma":
      return d.shape * d.scale;
    case "normal": {
      if (d.min === undefined && d.max === undefined) return d.mean;
      const a = d.min === undefined ? -Infinity : (d.min - d.mean) / d.sd;
      const b = d.max === undefined ? Infinity : (d.max - d.mean) / d.sd;
      const phi = (z: number) =>
        Number.isFinite(z) ? Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) : 0;
      const mass = normalCdf(b) - normalCdf(a);
      return d.mean + d.sd * (phi(a) - phi(b)) / mass;
    }
    case "triangular":
      return (d.min + d.mode + d.max) / 3;
    case "pert":
      return (d.min + 4 * d.mode + d.max) / 6;
    case "uniform":
      return (d.min + d.max) / 2;
  }
}

/** The p-quantile of a distribution, p in (0, 1). */
export function quantile(d: Distribution, p: number): number {
  switch (d.dist) {
    case "fixed":
      return d.value;
    case "beta":
      return invertCdf(
        (x) => betaCdf(x, d.alpha, d.beta),
        p,
        0,
        1,
        (x) => density(d, x),
        d.alpha / (d.alpha + d.beta),
      );
    case "lognormal":
      return Math.exp(d.meanlog + d.sdlog * normalQuantile(p));
    case "gamma":
      return invertCdf(
        (x) => gammaCdf(x, d.shape, d.scale),
        p,
        0,
        d.shape * d.scale * 4 + 1,
        (x) => density(d, x),
        d.shape * d.scale,
      );
    case "normal": {
      const lo = d.min === undefined ? 0 : normalCdf((d.min - d.mean) / d.sd);
      const hi = d.max === undefined ? 1 : normalCdf((d.max - d.mean) / d.sd);
      return d.mean + d.sd * normalQuantile(lo + (hi - lo) * p);
    }
    case "triangular":
      return triangularQuantile(d, p);
    case "pert": {
      const [a, b] = pertShape(d);
      const beta: Distribution = { dist: "beta", alpha: a, beta: b };
      return d.min +
        (d.max - d.min) *
          invertCdf((x) => betaCdf(x, a, b), p, 0, 1, (x) => density(beta, x), a / (a + b));
    }
    case "uniform":
      return d.min + (d.max - d.min) * p;
  }
}

/** The probability density at x (for drawing a distribution beside its input). */
export function density(d: Distribution, x: number): number {
  switch (d.dist) {
    case "fixed":
      return x === d.value ? Infinity : 0;
    case "beta":
      if (x <= 0 || x >= 1) return 0;
      return Math.exp(
        (d.alpha - 1) * Math.log(x) + (d.beta - 1) * Math.log(1 - x) + logGamma(d.alpha + d.beta) -
          logGamma(d.alpha) - logGamma(d.beta),
      );
    case "lognormal": {
      if (x <= 0) return 0;
      const z = (Math.log(x) - d.meanlog) / d.sdlog;
      return Math.exp(-z * z / 2) / (x * d.sdlog * Math.sqrt(2 * Math.PI));
    }
    case "gamma":
      if (x <= 0) return 0;
      return Math.exp(
        (d.shape - 1) * Math.log(x) - x / d.scale - logGamma(d.shape) - d.shape * Math.log(d.scale),
      );
    case "normal": {
      if ((d.min !== undefined && x < d.min) || (d.max !== undefined && x > d.max)) return 0;
      const lo = d.min === undefined ? 0 : normalCdf((d.min - d.mean) / d.sd);
      const hi = d.max === undefined ? 1 : normalCdf((d.max - d.mean) / d.sd);
      const z = (x - d.mean) / d.sd;
      return Math.exp(-z * z / 2) / (d.sd * Math.sqrt(2 * Math.PI)) / (hi - lo);
    }
    case "triangular": {
      const { min, mode, max } = d;
      if (x < min || x > max) return 0;
      return x < mode
        ? 2 * (x - min) / ((max - min) * (mode - min))
        : 2 * (max - x) / ((max - min) * (max - mode));
    }
    case "pert": {
      const [a, b] = pertShape(d);
      const range = d.max - d.min;
      return density({ dist: "beta", alpha: a, beta: b }, (x - d.min) / range) / range;
    }
    case "uniform":
      return x < d.min || x > d.max ? 0 : 1 / (d.max - d.min);
  }
}

// ---------------------------------------------------------------- fitting

/** Minimises f over R^n by Nelder–Mead (fixed 400 iterations budget, deterministic). */
function nelderMead(f: (x: number[]) => number, start: number[], step = 0.5): number[] {
  const n = start.length;
  let simplex = [start.slice()];
  for (let i = 0; i < n; i++) {
    const p = start.slice();
    p[i] += step;
    simplex.push(p);
  }
  let values = simplex.map(f);
  for (let iter = 0; iter < 400; iter++) {
    const order = values.map((v, i) => [v, i]).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    if (Math.abs(values[n] - values[0]) < 1e-13) break;
    const centroid = new Array(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const along = (t: number) => centroid.map((c, j) => c + t * (simplex[n][j] - c));
    const reflected = along(-1);
    const fr = f(reflected);
    if (fr < values[0]) {
      const expanded = along(-2);
      const fe = f(expanded);
      [simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const contracted = along(0.5);
      const fc = f(contracted);
      if (fc < values[n]) {
        [simplex[n], values[n]] = [contracted, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i].map((x, j) => simplex[0][j] + 0.5 * (x - simplex[0][j]));
          values[i] = f(simplex[i]);
        }
      }
    }
  }
  return simplex[values.indexOf(Math.min(...values))];
}

/**
 * Fits a distribution to a central value and an interval of coverage `level`.
 * - lognormal: median = central, sdlog = ln(high/low) / (2 z);
 * - normal: mean = central, sd = (high − low) / (2 z);
 * - beta and gamma: least squares on the three quantiles (tail, median, tail) = (low, central,
 *   high), relative to the interval width, by Nelder–Mead on the log parameters.
 * The fitted distribution's own quantiles are what `describeFit` reports, so a user sees how
 * closely a skewed interval could be matched.
 */
export function fitEstimate(e: Estimate): Distribution {
  const key = `${e.family}:${e.central}:${e.low}:${e.high}:${e.level}`;
  let fitted = fitCache.get(key);
  if (!fitted) {
    fitted = fitUncached(e);
    if (fitCache.size > 10_000) fitCache.clear();
    fitCache.set(key, fitted);
  }
  return { ...fitted } as Distribution;
}

const fitCache = new Map<string, Distribution>();

function fitUncached(e: Estimate): Distribution {
  const z = normalQuantile(0.5 + e.level / 2);
  const tail = (1 - e.level) / 2;
  switch (e.family) {
    case "lognormal":
      return {
        dist: "lognormal",
        meanlog: Math.log(e.central),
        sdlog: Math.log(e.high / e.low) / (2 * z),
      };
    case "normal":
      return { dist: "normal", mean: e.central, sd: (e.high - e.low) / (2 * z) };
    case "beta":
    case "gamma": {
      const width = e.high - e.low;
      const targets = [e.low, e.central, e.high];
      const ps = [tail, 0.5, 1 - tail];
      const make = (x: number[]): Distribution =>
        e.family === "beta"
          ? { dist: "beta", alpha: Math.exp(x[0]), beta: Math.exp(x[1]) }
          : { dist: "gamma", shape: Math.exp(x[0]), scale: Math.exp(x[1]) };
      const loss = (x: number[]) => {
        if (Math.abs(x[0]) > 30 || Math.abs(x[1]) > 30) return 1e30;
        const d = make(x);
        let s = 0;
        for (let i = 0; i < 3; i++) {
          const r = (quantile(d, ps[i]) - targets[i]) / width;
          s += r * r;
        }
        return s;
      };
      // Start from the method of moments with mean ≈ central and sd ≈ width / (2z).
      const m = e.central;
      const sd = width / (2 * z);
      let start: number[];
      if (e.family === "beta") {
        const k = Math.max(m * (1 - m) / (sd * sd) - 1, 0.5);
        start = [Math.log(m * k), Math.log((1 - m) * k)];
      } else {
        start = [Math.log((m / sd) ** 2), Math.log(sd * sd / m)];
      }
      return make(nelderMead(loss, start));
    }
  }
}

/** The implied central value and interval of a distribution, for showing a fit to the user. */
export function describeFit(
  d: Distribution,
  level = 0.95,
): { mean: number; median: number; low: number; high: number } {
  const tail = (1 - level) / 2;
  return {
    mean: mean(d),
    median: quantile(d, 0.5),
    low: quantile(d, tail),
    high: quantile(d, 1 - tail),
  };
}
