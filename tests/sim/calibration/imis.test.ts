/**
 * SIR and IMIS on a problem with a known posterior: prior θ ~ Normal(0, 1), one observation
 * y = 1 with Normal(θ, σ) likelihood → posterior Normal(y/(1 + σ²), σ/√(1 + σ²)).
 */
import assert from "node:assert/strict";
import {
  imis,
  type ImisPoint,
  normalFrom,
  systematicResample,
} from "../../../sim/calibration/imis.ts";
import { iterationKey, Stream } from "../../../sim/rng.ts";

function fit(sigma: number, samples: number, maxRounds: number) {
  const stream = new Stream().reset(iterationKey("imis-test", 0), 0);
  const normal = normalFrom(stream);
  const logPrior = (z: Float64Array) => -0.5 * z[0] * z[0];
  const evaluate = (z: Float64Array): ImisPoint => ({
    z,
    logPrior: logPrior(z),
    logLikelihood: -0.5 * ((z[0] - 1) / sigma) ** 2,
  });
  const initial = Array.from({ length: samples }, () => evaluate(Float64Array.of(normal())));
  const result = imis({
    dim: 1,
    initial,
    logPrior,
    evaluate,
    draws: 1000,
    roundSize: samples / 10,
    maxRounds,
    normal,
    uniform: () => stream.uniform(),
  });
  const xs = Array.from(result.resampled, (i) => result.points[i].z[0]);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
  return { result, mean, sd };
}

Deno.test("SIR alone when the prior gives enough distinct draws: the conjugate posterior", () => {
  const sigma = 1;
  const { result, mean, sd } = fit(sigma, 20000, 20);
  assert.equal(result.rounds, 0);
  assert.ok(result.ess > 5000, `ESS ${result.ess}`);
  assert.ok(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
  assert.ok(Math.abs(sd - Math.SQRT1_2) < 0.05, `sd ${sd}`);
});

Deno.test("IMIS rounds when the likelihood is narrow: the conjugate posterior, converged", () => {
  const sigma = 0.02;
  const { result, mean, sd } = fit(sigma, 2000, 50);
  assert.ok(result.rounds > 0 && result.converged, `rounds ${result.rounds}`);
  const exact = { mean: 1 / (1 + sigma ** 2), sd: sigma / Math.sqrt(1 + sigma ** 2) };
  assert.ok(Math.abs(mean - exact.mean) < 0.003, `mean ${mean} vs ${exact.mean}`);
  assert.ok(Math.abs(sd / exact.sd - 1) < 0.15, `sd ${sd} vs ${exact.sd}`);
  // SIR alone from the same prior sample would have very few distinct draws.
  const sirOnly = fit(sigma, 2000, 0);
  assert.ok(sirOnly.result.ess < 100, `SIR ESS ${sirOnly.result.ess}`);
});

Deno.test("systematic resampling takes each point about J·w times", () => {
  const w = Float64Array.of(0.5, 0.25, 0.125, 0.125);
  const picks = systematicResample(w, 8, 0.5);
  const counts = [0, 0, 0, 0];
  for (const i of picks) counts[i]++;
  assert.deepEqual(counts, [4, 2, 1, 1]);
});
