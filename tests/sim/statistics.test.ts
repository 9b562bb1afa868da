/** Summary statistics against simple-statistics and d3-array as independent references. */
import assert from "node:assert/strict";
import { mean, sampleStandardDeviation } from "simple-statistics";
// @ts-types="npm:@types/d3-array@3.2.1"
import { quantileSorted } from "d3-array";
import { Accumulator, intervalProbabilities, summariseColumn } from "../../sim/statistics.ts";
import { iterationKey, Stream } from "../../sim/rng.ts";

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

Deno.test("a column's mean, sd, MCSE, interval and share below zero", () => {
  const rng = new Stream().reset(iterationKey(3, 0), 1);
  const values = Float64Array.from({ length: 1001 }, () => 1e6 * (rng.uniform() - 0.3));
  const s = summariseColumn(values, 0.9);
  const xs = Array.from(values);
  assert.ok(close(s.mean, mean(xs)), `${s.mean} vs ${mean(xs)}`);
  assert.ok(close(s.sd, sampleStandardDeviation(xs)));
  assert.ok(close(s.mcse, sampleStandardDeviation(xs) / Math.sqrt(xs.length)));
  const sorted = xs.slice().sort((a, b) => a - b);
  const [low, median, high] = intervalProbabilities(0.9); // (1 − 0.9) / 2 is 0.04999…
  assert.equal(s.low, quantileSorted(sorted, low));
  assert.equal(s.median, quantileSorted(sorted, median));
  assert.equal(s.high, quantileSorted(sorted, high));
  assert.equal(s.pNegative, xs.filter((x) => x < 0).length / xs.length);
  assert.deepEqual(intervalProbabilities(0.8), [0.09999999999999998, 0.5, 0.9]);
});

Deno.test("the accumulator keeps columns apart and handles one or no values", () => {
  const acc = new Accumulator(2);
  assert.equal(acc.sd(0), 0);
  assert.equal(acc.mcse(0), 0);
  assert.equal(acc.pNegative(0), 0);
  acc.add(Float64Array.of(1, -5));
  assert.equal(acc.sd(0), 0, "one value has no spread");
  acc.add(Float64Array.of(3, -7));
  assert.deepEqual([acc.mean[0], acc.mean[1]], [2, -6]);
  assert.equal(acc.sd(1), Math.SQRT2);
  assert.equal(acc.pNegative(1), 1);
  assert.equal(acc.pNegative(0), 0);
});
