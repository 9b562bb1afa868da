/**
 * Distributional cost-effectiveness: the Atkinson equally distributed equivalent (EDE) of health
 * over groups (Atkinson 1970; as used for health by Robson et al., Health Econ 2017), and the
 * Atkinson index. Allocation-free: the deriver calls it for every record and year.
 *
 *     EDE_ε = [ Σ_g w_g h_g^(1−ε) ]^(1/(1−ε))   (ε ≠ 1),   EDE_1 = exp(Σ_g w_g ln h_g)
 *
 * with w_g the groups' population shares (normalised here) and h_g their health per person.
 * ε = 0 gives the mean; larger ε weighs the worse-off groups more. Robson et al. elicited a
 * median ε of 10.95 for the distribution of lifetime QALE between social groups in England: on
 * a model's QALYs per person over a short horizon the same ε means something else
 * (docs/model.md, "Health inequality").
 */

/** Atkinson EDE of `values` (health per person, > 0) with population `weights`; 0 if a group with people has no health. */
export function atkinsonEde(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  epsilon: number,
): number {
  let total = 0;
  for (let g = 0; g < weights.length; g++) total += weights[g];
  if (!(total > 0)) return 0;
  if (epsilon === 0) {
    let mean = 0;
    for (let g = 0; g < weights.length; g++) mean += (weights[g] / total) * values[g];
    return mean;
  }
  // Scaled by the largest value first, so h^(1−ε) stays in range for large ε.
  let top = 0;
  for (let g = 0; g < weights.length; g++) {
    if (weights[g] > 0) {
      if (!(values[g] > 0)) return 0;
      if (values[g] > top) top = values[g];
    }
  }
  if (epsilon === 1) {
    let logMean = 0;
    for (let g = 0; g < weights.length; g++) {
      if (weights[g] > 0) logMean += (weights[g] / total) * Math.log(values[g] / top);
    }
    return top * Math.exp(logMean);
  }
  const power = 1 - epsilon;
  // Whole negative powers (ε = 2, 3, …) by division: the deriver calls this for every record.
  const whole = Number.isInteger(power) && power < 0 && power >= -8 ? -power : 0;
  let sum = 0;
  for (let g = 0; g < weights.length; g++) {
    if (!(weights[g] > 0)) continue;
    const x = values[g] / top;
    let p = 1;
    if (whole) { for (let i = 0; i < whole; i++) p /= x; }
    else p = Math.pow(x, power);
    sum += (weights[g] / total) * p;
  }
  return top * Math.pow(sum, 1 / power);
}

/** Atkinson index: 1 − EDE / mean (0 when health is equal, towards 1 as it concentrates). */
export function atkinsonIndex(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  epsilon: number,
): number {
  const mean = atkinsonEde(values, weights, 0);
  return mean > 0 ? 1 - atkinsonEde(values, weights, epsilon) / mean : 0;
}
