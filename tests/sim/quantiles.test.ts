/**
 * Exact type-7 quantiles without sorting (bucket counting, then selection) equal d3-array's
 * quantiles of the sorted values, for short and long columns, ties and outliers.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { quantileSorted, quantilesUnsorted, quantileUnsorted } from "../../sim/quantiles.ts";

Deno.test("quantiles by selection equal quantiles of the sorted values", () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), {
          minLength: 1,
          maxLength: 200,
        }),
        // Many ties: selection ends inside a run of values equal to its pivot.
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 200 }),
      ),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (xs, p) => {
        const a = Float32Array.from(xs);
        const sorted = a.slice().sort();
        assert.equal(quantileUnsorted(a.slice(), p), quantileSorted(sorted, p));
        const ps = [p / 2, p, (1 + p) / 2];
        assert.deepEqual(
          quantilesUnsorted(a.slice(), ps),
          ps.map((x) => quantileSorted(sorted, x)),
        );
      },
    ),
    { numRuns: 1000, seed: 4 },
  );
  // Long columns take the bucket route: smooth values, heavy ties, and far outliers.
  fc.assert(
    fc.property(
      fc.integer({ min: 512, max: 5000 }),
      fc.constantFrom("smooth", "ties", "outliers"),
      fc.integer({ min: 0, max: 1e6 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.boolean(),
      (n, shape, seed, p, double) => {
        let x = seed;
        const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
        const values = Array.from(
          { length: n },
          () =>
            shape === "smooth"
              ? 1e6 + next() * 1e4
              : shape === "ties"
              ? Math.floor(next() * 3)
              : next() < 0.01
              ? 1e9 * next()
              : next(),
        );
        const a = double ? Float64Array.from(values) : Float32Array.from(values);
        const sorted = a.slice().sort();
        const ps = [p / 2, p, (1 + p) / 2];
        assert.deepEqual(
          quantilesUnsorted(a.slice(), ps),
          ps.map((x) => quantileSorted(sorted, x)),
        );
      },
    ),
    { numRuns: 300, seed: 5 },
  );
});

Deno.test("quantiles of no values are NaN, of one value that value", () => {
  assert.ok(Number.isNaN(quantileSorted(new Float64Array(0), 0.5)));
  assert.deepEqual(quantilesUnsorted(new Float64Array(0), [0.5]), [NaN]);
  assert.deepEqual(quantilesUnsorted(Float64Array.of(7), [0, 0.5, 1]), [7, 7, 7]);
});

Deno.test("long columns spread over a subnormal range take exact quantiles too", () => {
  // Bucket width (max − min) / B underflows: scale B / (max − min) is infinite (or nearly), and
  // (x − min) · scale is NaN for x = min. The bucket pass used to lose those values' counts
  // (Math.floor(NaN) is no bucket) and answered e.g. 5e-324 for the 2.5% quantile of 0s and
  // 5e-324s; every value must still land in a bucket that keeps the order.
  const ps = [0.025, 0.5, 0.975];
  for (
    const at of [
      (i: number) => (i % 3 === 0 ? 5e-324 : 0),
      (i: number) => (i % 7) * 1e-310,
      (i: number) => 1 + (i % 5) * Number.EPSILON,
    ]
  ) {
    const a = Float64Array.from({ length: 600 }, (_, i) => at(i));
    const sorted = a.slice().sort();
    assert.deepEqual(quantilesUnsorted(a.slice(), ps), ps.map((p) => quantileSorted(sorted, p)));
  }
});
