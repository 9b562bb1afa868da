import assert from "node:assert/strict";
import { mean as sampleMean, sampleStandardDeviation } from "simple-statistics";
import {
  density,
  describeFit,
  type Distribution,
  fitEstimate,
  mean,
  quantile,
  sample,
} from "../../sim/distributions.ts";
import { iterationKey, Stream } from "../../sim/rng.ts";

const DISTRIBUTIONS: Distribution[] = [
  { dist: "beta", alpha: 2, beta: 8 },
  { dist: "beta", alpha: 0.7, beta: 3 },
  { dist: "lognormal", meanlog: Math.log(0.8), sdlog: 0.1 },
  { dist: "gamma", shape: 4, scale: 2.5 },
  { dist: "gamma", shape: 0.6, scale: 1 },
  { dist: "normal", mean: 1, sd: 0.5, min: 0 },
  { dist: "normal", mean: 3, sd: 1 },
  { dist: "triangular", min: 0, mode: 0.2, max: 1 },
  { dist: "pert", min: 100, mode: 150, max: 300 },
  { dist: "uniform", min: -1, max: 3 },
];

for (const d of DISTRIBUTIONS) {
  Deno.test(`${JSON.stringify(d)}: sample mean and quantiles agree with the analytic ones`, () => {
    const rng = new Stream().reset(iterationKey(1, 2), 3);
    const n = 40000;
    const xs = Array.from({ length: n }, () => sample(d, rng)).sort((a, b) => a - b);
    const m = sampleMean(xs);
    const sd = sampleStandardDeviation(xs);
    assert.ok(Math.abs(m - mean(d)) < 4 * sd / Math.sqrt(n), `mean ${m} vs ${mean(d)}`);
    for (const p of [0.1, 0.5, 0.9]) {
      // The empirical p-quantile's own CDF value lies near p (binomial sd √(p(1−p)/n)).
      const q = quantile(d, p);
      const below = xs.filter((x) => x <= q).length / n;
      assert.ok(Math.abs(below - p) < 4 * Math.sqrt(p * (1 - p) / n), `p ${p}: ${below}`);
    }
  });
}

Deno.test("density integrates to 1 (midpoint rule over the 0.0001–0.9999 range)", () => {
  for (const d of DISTRIBUTIONS) {
    const lo = quantile(d, 0.0001);
    const hi = quantile(d, 0.9999);
    const steps = 20000;
    let area = 0;
    for (let i = 0; i < steps; i++) {
      const mid = lo + (hi - lo) * (i + 0.5) / steps;
      area += density(d, mid) * (hi - lo) / steps;
    }
    assert.ok(Math.abs(area - 0.9998) < 0.01, `${d.dist}: ${area}`);
  }
});

Deno.test("fitting: lognormal and normal reproduce a symmetric interval exactly", () => {
  const ln = describeFit(
    fitEstimate({ central: 0.81, low: 0.72, high: 0.91, level: 0.95, family: "lognormal" }),
  );
  assert.ok(Math.abs(ln.median - 0.81) < 1e-12);
  // Median = central; the interval keeps the published ratio high/low (symmetric on log scale).
  assert.ok(Math.abs(ln.high / ln.low - 0.91 / 0.72) < 1e-12);
  const norm = describeFit(
    fitEstimate({ central: 10, low: 6, high: 14, level: 0.9, family: "normal" }),
    0.9,
  );
  assert.ok(Math.abs(norm.low - 6) < 1e-9 && Math.abs(norm.high - 14) < 1e-9);
});

Deno.test("fitting: beta and gamma match central value and interval closely", () => {
  for (const level of [0.8, 0.9, 0.95]) {
    const b = describeFit(
      fitEstimate({ central: 0.05, low: 0.03, high: 0.08, level, family: "beta" }),
      level,
    );
    assert.ok(Math.abs(b.median - 0.05) < 0.003, `beta median ${b.median}`);
    assert.ok(Math.abs(b.low - 0.03) < 0.003 && Math.abs(b.high - 0.08) < 0.003, JSON.stringify(b));
    const g = describeFit(
      fitEstimate({ central: 9.7, low: 8, high: 12, level, family: "gamma" }),
      level,
    );
    assert.ok(
      Math.abs(g.median - 9.7) < 0.2 && Math.abs(g.low - 8) < 0.3 && Math.abs(g.high - 12) < 0.3,
      JSON.stringify(g),
    );
  }
});
