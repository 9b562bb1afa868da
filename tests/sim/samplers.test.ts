import assert from "node:assert/strict";
import { mean, sampleVariance } from "simple-statistics";
import { iterationKey, Stream } from "../../sim/rng.ts";
import { binomial, logFactorial, multinomial, poisson } from "../../sim/samplers.ts";
import { gammaCdf } from "../../sim/special.ts";
import type { CountDraws } from "../../sim/samplers.ts";

const stream = (site = 1) => new Stream().reset(iterationKey(7, 0), site);

/** Pearson chi-square of counts against a pmf, pooling cells with expectation below 5. */
function chiSquare(samples: number[], pmf: (k: number) => number): { stat: number; df: number } {
  const n = samples.length;
  const counts = new Map<number, number>();
  for (const x of samples) counts.set(x, (counts.get(x) ?? 0) + 1);
  const max = Math.max(...samples);
  let stat = 0;
  let df = -1;
  let pooledObs = 0;
  let pooledExp = 0;
  let covered = 0;
  for (let k = 0; k <= max; k++) {
    const e = n * pmf(k);
    covered += pmf(k);
    pooledObs += counts.get(k) ?? 0;
    pooledExp += e;
    if (pooledExp >= 5) {
      stat += (pooledObs - pooledExp) ** 2 / pooledExp;
      df++;
      pooledObs = 0;
      pooledExp = 0;
    }
  }
  pooledExp += n * (1 - covered);
  if (pooledExp > 0) {
    stat += (pooledObs - pooledExp) ** 2 / pooledExp;
    df++;
  }
  return { stat, df };
}

/** Upper-tail p-value of chi-square with df degrees of freedom. */
const chiSquareP = (stat: number, df: number) => 1 - gammaCdf(stat / 2, df / 2);

const binomialPmf = (n: number, p: number) => (k: number) =>
  k > n ? 0 : Math.exp(
    logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) +
      (n - k) * Math.log1p(-p),
  );
const poissonPmf = (m: number) => (k: number) => Math.exp(-m + k * Math.log(m) - logFactorial(k));

function moments(xs: number[]) {
  return { mean: mean(xs), variance: sampleVariance(xs) };
}

for (const [n, p] of [[20, 0.1], [1000, 0.004], [50, 0.7], [500, 0.3], [100000, 0.05], [7, 0.5]]) {
  Deno.test(`binomial(${n}, ${p}): mean, variance and goodness of fit`, () => {
    const rng = stream();
    const xs = Array.from({ length: 40000 }, () => binomial(rng, n, p));
    const { mean, variance } = moments(xs);
    const sd = Math.sqrt(n * p * (1 - p));
    assert.ok(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= n));
    assert.ok(Math.abs(mean - n * p) < 4 * sd / Math.sqrt(xs.length), `mean ${mean}`);
    assert.ok(Math.abs(variance / (sd * sd) - 1) < 0.05, `variance ${variance}`);
    const { stat, df } = chiSquare(xs, binomialPmf(n, p));
    assert.ok(chiSquareP(stat, df) > 0.001, `chi-square ${stat} on ${df} df`);
  });
}

for (const m of [0.3, 4, 9.9, 10, 37, 2500]) {
  Deno.test(`poisson(${m}): mean, variance and goodness of fit`, () => {
    const rng = stream(2);
    const xs = Array.from({ length: 40000 }, () => poisson(rng, m));
    const { mean, variance } = moments(xs);
    assert.ok(xs.every((x) => Number.isInteger(x) && x >= 0));
    assert.ok(Math.abs(mean - m) < 4 * Math.sqrt(m / xs.length), `mean ${mean}`);
    assert.ok(Math.abs(variance / m - 1) < 0.05, `variance ${variance}`);
    const { stat, df } = chiSquare(xs, poissonPmf(m));
    assert.ok(chiSquareP(stat, df) > 0.001, `chi-square ${stat} on ${df} df`);
  });
}

Deno.test("edge cases: zero trials, zero and certain probabilities, zero mean", () => {
  const rng = stream();
  assert.equal(binomial(rng, 0, 0.3), 0);
  assert.equal(binomial(rng, 10, 0), 0);
  assert.equal(binomial(rng, 10, 1), 10);
  assert.equal(poisson(rng, 0), 0);
});

Deno.test("multinomial: counts add up, categories have binomial means", () => {
  const rng = stream(3);
  const probs = [0.1, 0.25, 0.05];
  const out = new Float64Array(3);
  const draws: CountDraws = { binomial: (n, p) => binomial(rng, n, p) };
  const sums = [0, 0, 0, 0];
  const reps = 20000;
  for (let i = 0; i < reps; i++) {
    const stay = multinomial(draws, 100, probs, out);
    assert.equal(stay + out[0] + out[1] + out[2], 100);
    out.forEach((x, j) => (sums[j] += x));
    sums[3] += stay;
  }
  [...probs, 0.6].forEach((p, j) => {
    const sd = Math.sqrt(100 * p * (1 - p) / reps);
    assert.ok(Math.abs(sums[j] / reps - 100 * p) < 4 * sd, `category ${j}`);
  });
});

Deno.test("logFactorial matches the sum of logs across the table boundary", () => {
  let exact = 0;
  for (let k = 1; k <= 300; k++) {
    exact += Math.log(k);
    assert.ok(Math.abs(logFactorial(k) - exact) < 1e-9 * Math.max(1, exact), `k = ${k}`);
  }
});

Deno.test("streams: same key and site give the same numbers; other sites differ", () => {
  const a = Array.from({ length: 5 }, ((s) => () => s.uniform())(stream(9)));
  const b = Array.from({ length: 5 }, ((s) => () => s.uniform())(stream(9)));
  const c = Array.from({ length: 5 }, ((s) => () => s.uniform())(stream(10)));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.ok(a.every((u) => u >= 0 && u < 1));
});
