import assert from "node:assert/strict";
import { relativeIndex, siiRegression, slopeIndex } from "../../sim/inequality.ts";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) < tol, `${a} vs ${b}`);

Deno.test("SII and RII for equal quintiles, worked by hand", () => {
  // Ranks 0.1, 0.3, 0.5, 0.7, 0.9; values fall by 1 per quintile: slope −5, intercept 5.5.
  const shares = [0.2, 0.2, 0.2, 0.2, 0.2];
  const values = [5, 4, 3, 2, 1];
  close(slopeIndex(shares, values), -5);
  close(siiRegression(shares, values).intercept, 5.5);
  close(relativeIndex(shares, values), 0.5 / 5.5);
});

Deno.test("SII with unequal shares, worked by hand", () => {
  // shares 0.1, 0.2, 0.3, 0.4 → midpoints 0.05, 0.2, 0.45, 0.8.
  // Weighted means: x̄ = 0.005 + 0.04 + 0.135 + 0.32 = 0.5; ȳ for y = [10, 8, 6, 2] is
  // 1 + 1.6 + 1.8 + 0.8 = 5.2. Sxy = Σ a (x − x̄)(y − ȳ) = 0.1(−0.45)(4.8) + 0.2(−0.3)(2.8)
  // + 0.3(−0.05)(0.8) + 0.4(0.3)(−3.2) = −0.216 − 0.168 − 0.012 − 0.384 = −0.78.
  // Sxx = 0.1(0.2025) + 0.2(0.09) + 0.3(0.0025) + 0.4(0.09) = 0.02025 + 0.018 + 0.00075 + 0.036 = 0.075.
  // slope = −10.4, intercept = 5.2 + 10.4·0.5 = 10.4, RII = (10.4 − 10.4)/10.4 = 0.
  const shares = [1, 2, 3, 4]; // unnormalised on purpose
  const values = [10, 8, 6, 2];
  close(slopeIndex(shares, values), -10.4, 1e-9);
  close(siiRegression(shares, values).intercept, 10.4, 1e-9);
  close(relativeIndex(shares, values), 0, 1e-9);
});

Deno.test("a flat gradient has SII 0 and RII 1", () => {
  close(slopeIndex([0.3, 0.2, 0.2, 0.2, 0.1], [7, 7, 7, 7, 7]), 0);
  close(relativeIndex([0.3, 0.2, 0.2, 0.2, 0.1], [7, 7, 7, 7, 7]), 1);
});
