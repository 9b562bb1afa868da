/**
 * Sampling–importance–resampling with incremental mixture importance sampling (IMIS) when the
 * prior alone gives too few effective samples — the Bayesian calibration methods of Menzies et
 * al., PharmacoEconomics 2017;35:613–624; IMIS as Raftery & Bao, Biometrics 2010;66:1162–1173.
 *
 * Works in an unconstrained space z (logit of probabilities, log of positive quantities, a
 * scaled logit on bounded ranges) where the prior density carries the Jacobian.
 *   1. Draw N₀ points from the prior; importance weights w ∝ L (the likelihood).
 *   2. Stop when the expected number of distinct points in a resample of J,
 *      Σ_i 1 − (1 − w_i)^J, reaches (1 − 1/e)·J (Raftery & Bao's rule): that is plain SIR.
 *   3. Otherwise, round k: take the point of largest weight θ_k; the B points nearest it
 *      (Mahalanobis distance under the prior sample's covariance), weighted by the mean of
 *      their importance weight and 1/N_k, give a covariance Σ_k around θ_k; draw B new points
 *      from N(θ_k, Σ_k). With N_k points in all the proposal is the mixture
 *      q = (N₀/N_k)·prior + (B/N_k)·Σ_s N(θ_s, Σ_s), and every weight becomes w ∝ L·prior/q.
 *      Repeat from 2, up to a number of rounds.
 *   4. Resample J points by systematic resampling on the weights.
 * The effective sample size reported is Kish's, 1 / Σ w² (weights summing to 1).
 */
import type { Stream } from "../rng.ts";

export interface ImisOptions {
  /** Dimension of z. */
  dim: number;
  /** Prior points (z) with their log prior density and log-likelihood. */
  initial: ImisPoint[];
  /** Log prior density of z (with the transform's Jacobian). */
  logPrior(z: Float64Array): number;
  /** Log-likelihood of z; `index` numbers the point (its streams derive from it). */
  evaluate(z: Float64Array, index: number): ImisPoint;
  /** Draws J. */
  draws: number;
  /** Points per IMIS round (B). */
  roundSize: number;
  maxRounds: number;
  /** Standard normal draws for the proposals, and uniforms for the resampling. */
  normal(): number;
  uniform(): number;
  onRound?: (round: number, points: number) => void;
}

export interface ImisPoint {
  z: Float64Array;
  logPrior: number;
  logLikelihood: number;
}

export interface ImisResult {
  points: ImisPoint[];
  /** Normalised importance weights, one per point. */
  weights: Float64Array;
  /** Indices of the J resampled points. */
  resampled: Int32Array;
  ess: number;
  expectedUnique: number;
  rounds: number;
  /** Whether the stopping rule was met (false: stopped at maxRounds). */
  converged: boolean;
}

function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** Lower-triangular Cholesky factor of a symmetric positive definite matrix (row-major). */
export function cholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i * n + i] = Math.sqrt(sum);
      } else l[i * n + j] = sum / l[j * n + j];
    }
  }
  return l;
}

/** A multivariate normal: its mean, Cholesky factor and log normalising constant. */
interface Gaussian {
  mean: Float64Array;
  chol: Float64Array;
  logNorm: number;
}

function gaussian(mean: Float64Array, cov: Float64Array, n: number): Gaussian {
  // A small ridge keeps a covariance of nearly collinear points positive definite.
  let trace = 0;
  for (let i = 0; i < n; i++) trace += cov[i * n + i];
  for (let ridge = 1e-10 * (trace / n || 1);; ridge *= 10) {
    const c = Float64Array.from(cov);
    for (let i = 0; i < n; i++) c[i * n + i] += ridge;
    const chol = cholesky(c, n);
    if (chol) {
      let logDet = 0;
      for (let i = 0; i < n; i++) logDet += 2 * Math.log(chol[i * n + i]);
      return { mean, chol, logNorm: -0.5 * (n * Math.log(2 * Math.PI) + logDet) };
    }
  }
}

/** log N(z; mean, Σ) by forward substitution with the Cholesky factor. */
function logDensity(g: Gaussian, z: Float64Array, n: number, work: Float64Array): number {
  let q = 0;
  for (let i = 0; i < n; i++) {
    let v = z[i] - g.mean[i];
    for (let k = 0; k < i; k++) v -= g.chol[i * n + k] * work[k];
    v /= g.chol[i * n + i];
    work[i] = v;
    q += v * v;
  }
  return g.logNorm - 0.5 * q;
}

/** Normalised weights from log weights; returns them with Kish's ESS. */
function normalise(logW: Float64Array): { weights: Float64Array; ess: number } {
  let top = -Infinity;
  for (const x of logW) if (x > top) top = x;
  const weights = new Float64Array(logW.length);
  if (top === -Infinity) return { weights, ess: 0 };
  let sum = 0;
  for (let i = 0; i < logW.length; i++) {
    weights[i] = Math.exp(logW[i] - top);
    sum += weights[i];
  }
  let sq = 0;
  for (let i = 0; i < weights.length; i++) {
    weights[i] /= sum;
    sq += weights[i] * weights[i];
  }
  return { weights, ess: 1 / sq };
}

function expectedUnique(weights: Float64Array, draws: number): number {
  let e = 0;
  for (const w of weights) e += 1 - Math.pow(1 - w, draws);
  return e;
}

/** Systematic resampling: J indices, point i chosen about J·w_i times. */
export function systematicResample(weights: Float64Array, draws: number, u: number): Int32Array {
  const out = new Int32Array(draws);
  let cumulative = weights[0];
  let i = 0;
  for (let j = 0; j < draws; j++) {
    const target = (j + u) / draws;
    while (cumulative < target && i < weights.length - 1) cumulative += weights[++i];
    out[j] = i;
  }
  return out;
}

/** Covariance of the prior points (for Mahalanobis distances). */
function sampleCovariance(points: ImisPoint[], n: number): Float64Array {
  const mean = new Float64Array(n);
  for (const p of points) for (let i = 0; i < n; i++) mean[i] += p.z[i] / points.length;
  const cov = new Float64Array(n * n);
  for (const p of points) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        cov[i * n + j] += (p.z[i] - mean[i]) * (p.z[j] - mean[j]) / (points.length - 1);
      }
    }
  }
  return cov;
}

export function imis(o: ImisOptions): ImisResult {
  const n = o.dim;
  const points = [...o.initial];
  const N0 = points.length;
  const B = o.roundSize;
  // log of Σ_s N(z_i; θ_s, Σ_s) over the mixture components so far, per point.
  const logMix: number[] = points.map(() => -Infinity);
  const components: Gaussian[] = [];
  const work = new Float64Array(n);
  const priorShape = gaussian(new Float64Array(n), sampleCovariance(o.initial, n), n);

  const logWeights = () => {
    const Nk = points.length;
    const logW = new Float64Array(Nk);
    for (let i = 0; i < Nk; i++) {
      const p = points[i];
      const logQ = components.length === 0
        ? p.logPrior
        : logAddExp(Math.log(N0 / Nk) + p.logPrior, Math.log(B / Nk) + logMix[i]);
      logW[i] = p.logLikelihood + p.logPrior - logQ;
      if (!Number.isFinite(logW[i])) logW[i] = -Infinity;
    }
    return logW;
  };

  let { weights, ess } = normalise(logWeights());
  let unique = expectedUnique(weights, o.draws);
  let rounds = 0;
  const target = (1 - Math.exp(-1)) * o.draws;
  while (unique < target && rounds < o.maxRounds && ess > 0) {
    rounds++;
    // The point of largest weight, and the B points nearest it.
    let best = 0;
    for (let i = 1; i < weights.length; i++) if (weights[i] > weights[best]) best = i;
    const centre = points[best].z;
    // Squared Mahalanobis distance under the prior points' covariance (priorShape has mean 0).
    const diff = new Float64Array(n);
    const distance = points.map((p, i) => {
      for (let k = 0; k < n; k++) diff[k] = p.z[k] - centre[k];
      return [2 * (priorShape.logNorm - logDensity(priorShape, diff, n, work)), i];
    }).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const near = distance.slice(0, Math.min(B, points.length)).map(([, i]) => i);
    const Nk = points.length;
    const cov = new Float64Array(n * n);
    let total = 0;
    for (const i of near) {
      const w = (weights[i] + 1 / Nk) / 2;
      total += w;
      const z = points[i].z;
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) cov[a * n + b] += w * (z[a] - centre[a]) * (z[b] - centre[b]);
      }
    }
    for (let k = 0; k < cov.length; k++) cov[k] /= total;
    const g = gaussian(Float64Array.from(centre), cov, n);
    // Each existing point's density under the new component.
    for (let i = 0; i < points.length; i++) {
      logMix[i] = logAddExp(logMix[i], logDensity(g, points[i].z, n, work));
    }
    components.push(g);
    // B new points from it, with their density under every component.
    for (let b = 0; b < B; b++) {
      const e = new Float64Array(n);
      for (let k = 0; k < n; k++) e[k] = o.normal();
      const z = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let v = g.mean[i];
        for (let k = 0; k <= i; k++) v += g.chol[i * n + k] * e[k];
        z[i] = v;
      }
      const point = o.evaluate(z, points.length);
      points.push(point);
      let mix = -Infinity;
      for (const c of components) mix = logAddExp(mix, logDensity(c, z, n, work));
      logMix.push(mix);
    }
    ({ weights, ess } = normalise(logWeights()));
    unique = expectedUnique(weights, o.draws);
    o.onRound?.(rounds, points.length);
  }
  const resampled = ess > 0
    ? systematicResample(weights, o.draws, o.uniform())
    : new Int32Array(o.draws);
  return {
    points,
    weights,
    resampled,
    ess,
    expectedUnique: unique,
    rounds,
    converged: unique >= target,
  };
}

/** A stream's standard normal (Box–Muller, one per pair of uniforms). */
export function normalFrom(stream: Stream): () => number {
  return () =>
    Math.sqrt(-2 * Math.log(stream.uniformOpen())) * Math.cos(2 * Math.PI * stream.uniform());
}
