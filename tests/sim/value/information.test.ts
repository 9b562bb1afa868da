/**
 * Acceptability, EVPI and EVPPI: worked by hand on four iterations; EVPI ≥ 0 and ≥ every EVPPI;
 * EVPPI against its analytic value on a linear model.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { normalQuantile } from "../../../sim/special.ts";
import { acceptability, type OptionDraws } from "../../../sim/value/acceptability.ts";
import { evpi } from "../../../sim/value/evpi.ts";
import { evppiByRegression } from "../../../sim/value/evppi.ts";

const draws = (names: string[], cost: number[][], qalys: number[][]): OptionDraws => ({
  names,
  cost: cost.map((c) => Float64Array.from(c)),
  qalys: qalys.map((q) => Float64Array.from(q)),
});

/** Baseline, A and B over four iterations (changes against the baseline). */
const FOUR = draws(
  ["Baseline", "A", "B"],
  [[0, 0, 0, 0], [100, 200, 300, 400], [50, 500, 100, 0]],
  [[0, 0, 0, 0], [0.01, 0.02, 0, 0.03], [0, 0.04, 0.01, -0.01]],
);

Deno.test("acceptability by hand: the share of iterations each option is best, ties split", () => {
  const a = acceptability(FOUR, [0, 20_000]);
  // k = 0: net benefit is −Δcost; the baseline wins three iterations and ties with B in the 4th.
  assert.deepEqual(a.probability.map((p) => p[0]), [0.875, 0, 0.125]);
  // k = 20,000: A's net benefits 100, 200, −300, 200; B's −50, 300, 100, −200.
  assert.deepEqual(a.probability.map((p) => p[1]), [0, 0.5, 0.5]);
  // Frontier: mean net benefits A 50, B 37.5, baseline 0 → A, with probability 0.5.
  assert.deepEqual(a.frontier, [{ option: 0, probability: 0.875 }, {
    option: 1,
    probability: 0.5,
  }]);
  // Each threshold's probabilities add to 1.
  for (let j = 0; j < 2; j++) assert.equal(a.probability.reduce((s, p) => s + p[j], 0), 1);
});

Deno.test("EVPI by hand: mean of the best minus the best of the means", () => {
  // k = 20,000: best per iteration 100, 300, 100, 200 → 175; best mean A 50 → 125.
  assert.equal(evpi(FOUR, 20_000), 125);
  // k = 0: the baseline is best on average and never beaten → 0.
  assert.equal(evpi(FOUR, 0), 0);
  // With no uncertainty about the choice, no value in information.
  assert.equal(evpi(draws(["B", "A"], [[0, 0], [-1, -2]], [[0, 0], [1, 2]]), 30_000), 0);
});

Deno.test("EVPI ≥ 0 exactly, for any draws", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 6, maxLength: 6 }),
        {
          minLength: 2,
          maxLength: 4,
        },
      ),
      fc.double({ min: 0, max: 1e5, noNaN: true }),
      (rows, k) => {
        const cost = rows.map((r) => r.slice(0, 3));
        const qalys = rows.map((r) => r.slice(3, 6).map((q) => q / 1e4));
        return evpi(draws(rows.map((_, i) => `O${i}`), cost, qalys), k) >= 0;
      },
    ),
  );
});

/** n stratified standard normals, and a second set in a seeded shuffled order. */
function normals(n: number): [Float64Array, Float64Array] {
  const a = Float64Array.from({ length: n }, (_, i) => normalQuantile((i + 0.5) / n));
  const b = a.slice();
  let seed = 12345;
  for (let i = n - 1; i > 0; i--) {
    seed = (seed * 48271) % 2147483647;
    const j = seed % (i + 1);
    [b[i], b[j]] = [b[j], b[i]];
  }
  return [a, b];
}

const phi = (x: number) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
const Phi = (x: number) => {
  // Φ by the error function's series-free approximation is not needed: integrate numerically.
  let s = 0;
  const steps = 20000;
  const lo = -10;
  const h = (x - lo) / steps;
  for (let i = 0; i < steps; i++) s += phi(lo + (i + 0.5) * h) * h;
  return s;
};
/** E[max(0, a + s·Z)] − max(0, a), Z standard normal: the value of knowing Z. */
const analytic = (a: number, s: number) => a * Phi(a / s) + s * phi(a / s) - Math.max(0, a);

Deno.test("EVPPI on a linear model matches its analytic value; all parameters together give the EVPI", () => {
  // One option against the baseline with incremental net benefit 100 + 500·θ1 + 300·θ2,
  // θ1, θ2 independent standard normals: EVPPI(θ1) = E[max(0, 100 + 500 θ1)] − 100, and so on.
  const n = 4000;
  const [t1, t2] = normals(n);
  const inb = t1.map((x, i) => 100 + 500 * x + 300 * t2[i]);
  const d: OptionDraws = {
    names: ["Baseline", "Option"],
    cost: [new Float64Array(n), inb.map((v) => -v)],
    qalys: [new Float64Array(n), new Float64Array(n)],
  };
  const k = [20_000];
  const total = evpi(d, 20_000);
  const expectTotal = analytic(100, Math.hypot(500, 300));
  assert.ok(Math.abs(total - expectTotal) / expectTotal < 0.05, `EVPI ${total} vs ${expectTotal}`);
  const one = evppiByRegression([t1], d, k, [total], 0, k)!;
  const two = evppiByRegression([t2], d, k, [total], 0, k)!;
  const both = evppiByRegression([t1, t2], d, k, [total], 0, k)!;
  const e1 = analytic(100, 500);
  const e2 = analytic(100, 300);
  assert.ok(Math.abs(one.evppi[0] - e1) / e1 < 0.05, `EVPPI(θ1) ${one.evppi[0]} vs ${e1}`);
  assert.ok(Math.abs(two.evppi[0] - e2) / e2 < 0.08, `EVPPI(θ2) ${two.evppi[0]} vs ${e2}`);
  // Knowing both is knowing everything: the regression recovers the net benefit exactly.
  assert.ok(Math.abs(both.evppi[0] - total) < 1e-6 * total, `${both.evppi[0]} vs ${total}`);
  assert.ok(both.rSquared[0].cost > 1 - 1e-12);
  for (const e of [one, two, both]) assert.ok(e.evppi[0] <= total);
  // Standard errors from redrawn fits: small against the estimate; nil for an exact fit.
  for (const e of [one, two]) assert.ok(e.se[0]! > 0 && e.se[0]! < 0.1 * e.evppi[0]);
  assert.ok(both.se[0]! < 1e-6 * total);
  // A parameter unrelated to the net benefit is worth (almost) nothing.
  const noise = normals(n)[1].map((_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
  const none = evppiByRegression([noise], d, k, [total], 0)!;
  assert.ok(none.evppi[0] < 0.05 * e2, String(none.evppi[0]));
});

Deno.test("EVPI ≥ every EVPPI, at every threshold, on random non-linear models", () => {
  let seed = 99;
  const u = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (let trial = 0; trial < 20; trial++) {
    const n = 300;
    const x = [0, 1, 2].map(() => Float64Array.from({ length: n }, u));
    const options = 1 + Math.floor(u() * 3);
    const coef = () => (u() - 0.5) * 2000;
    const d: OptionDraws = {
      names: ["Baseline", ...Array.from({ length: options }, (_, j) => `O${j}`)],
      cost: [new Float64Array(n)],
      qalys: [new Float64Array(n)],
    };
    for (let j = 0; j < options; j++) {
      const [a, b, c, e] = [coef(), coef(), coef(), coef()];
      d.cost.push(
        Float64Array.from(
          { length: n },
          (_, i) => a + b * x[0][i] ** 2 + c * Math.sin(6 * x[1][i]) + e * (u() - 0.5),
        ),
      );
      d.qalys.push(
        Float64Array.from({ length: n }, (_, i) => (b * x[2][i] + a * x[0][i]) / 20_000),
      );
    }
    const grid = [0, 10_000, 20_000, 30_000, 50_000];
    const ev = grid.map((k) => evpi(d, k));
    for (const group of [[x[0]], [x[1]], [x[2]], [x[0], x[1]], x]) {
      const e = evppiByRegression(group, d, grid, ev, 0)!;
      e.evppi.forEach((v, j) => {
        assert.ok(v >= 0, `EVPPI ${v} < 0`);
        assert.ok(v <= ev[j], `EVPPI ${v} > EVPI ${ev[j]}`);
      });
    }
  }
});

Deno.test("EVPPI: too few iterations for even a linear fit gives no estimate", () => {
  const d = draws(["Baseline", "A"], [[0, 0, 0], [1, 2, 3]], [[0, 0, 0], [0, 0, 0]]);
  assert.equal(evppiByRegression([Float64Array.of(1, 2, 3)], d, [0], [1], 0), null);
});
