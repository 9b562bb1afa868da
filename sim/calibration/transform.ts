/**
 * Unconstrained coordinates for calibrated parameters: z = logit(θ) for a beta (a probability),
 * log θ for a lognormal or gamma, a scaled logit on [min, max] for a bounded distribution
 * (truncated normal with both bounds, triangular, PERT, uniform), θ itself for a normal. The
 * prior density of z is the parameter's density times |dθ/dz|.
 */
import { density, type Distribution } from "../distributions.ts";

export interface Transform {
  toZ(theta: number): number;
  toTheta(z: number): number;
  /** log p_z(z) = log p(θ(z)) + log |dθ/dz|. */
  logPrior(z: number): number;
}

const logistic = (z: number) => 1 / (1 + Math.exp(-z));

function bounded(d: Distribution, min: number, max: number): Transform {
  const w = max - min;
  return {
    toZ: (t) => Math.log((t - min) / (max - t)),
    toTheta: (z) => min + w * logistic(z),
    logPrior: (z) => {
      const u = logistic(z);
      return Math.log(density(d, min + w * u)) + Math.log(w * u * (1 - u));
    },
  };
}

/** The transform for a prior; fixed values cannot be calibrated. */
export function transformFor(d: Distribution): Transform {
  switch (d.dist) {
    case "beta":
      return bounded(d, 0, 1);
    case "lognormal":
    case "gamma":
      return {
        toZ: Math.log,
        toTheta: Math.exp,
        logPrior: (z) => Math.log(density(d, Math.exp(z))) + z,
      };
    case "normal":
      if (d.min !== undefined && d.max !== undefined) return bounded(d, d.min, d.max);
      return {
        toZ: (t) => t,
        toTheta: (z) => z,
        logPrior: (z) => Math.log(density(d, z)),
      };
    case "triangular":
    case "pert":
    case "uniform":
      return bounded(d, d.min, d.max);
    case "fixed":
      throw new Error("a fixed parameter cannot be calibrated");
  }
}
