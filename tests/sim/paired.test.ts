/** Scenarios compared with each other iteration by iteration (sim/paired.ts). */
import assert from "node:assert/strict";
import fc from "fast-check";
import { histogram, HorizonValues, niceStep, pairedSummary, pairOf } from "../../sim/paired.ts";
import { summariseColumn } from "../../sim/statistics.ts";
import { deterministic } from "../../sim/api.ts";
import { prepareModel } from "../../sim/model.ts";
import { exampleStudy, simulate } from "../helpers.ts";

/** Horizon values by hand: [scenario][iteration][measure]. */
function valuesOf(measures: string[], rows: number[][][]): HorizonValues {
  const n = rows[0].length;
  const h = new HorizonValues(measures, measures.map((_, k) => k), rows.length, n);
  rows.forEach((scenario, sc) => scenario.forEach((row, i) => h.take(sc, i, row)));
  return h;
}

Deno.test("a readable step: 1, 2, 2.5 or 5 times a power of ten", () => {
  assert.equal(niceStep(30, 30), 1);
  assert.equal(niceStep(3_000_000, 30), 100_000);
  assert.equal(niceStep(45_000_000, 30), 2_000_000);
  assert.equal(niceStep(70, 30), 2.5);
  assert.equal(niceStep(0, 30), 1);
});

Deno.test("histogram: every value in exactly one bin, 0 always an edge", () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.double({ min: -1e7, max: 1e7, noNaN: true }), { minLength: 1 }), {
        minLength: 1,
        maxLength: 4,
      }),
      (columns) => {
        const cols = columns.map((c) => Float64Array.from(c));
        const { edges, counts } = histogram(cols, 30);
        // Edges are whole multiples of one step, so 0 is an edge whenever it lies in the range
        // (the test's name: runs that save money never share a bin with runs that cost more).
        // Read back by subtraction, a step carries the rounding of the edges' size (a value
        // -0.98 alone gets steps of 5e-8, read back 1.6e-9 off), so the spacing is checked to
        // a millionth of the step, and 0 exactly.
        const step = (edges.at(-1)! - edges[0]) / (edges.length - 1);
        assert.ok(
          edges.every((e, k) => k === 0 || Math.abs(e - edges[k - 1] - step) <= 1e-6 * step),
          `even steps: ${edges}`,
        );
        if (edges[0] <= 0 && edges.at(-1)! >= 0) assert.ok(edges.includes(0), `0 in ${edges}`);
        cols.forEach((c, k) => {
          assert.equal(counts[k].reduce((a, b) => a + b, 0), c.length);
          // Brute force: count values in each [edge, next edge).
          const brute = counts[k].map((_, b) =>
            c.filter((v) =>
              v >= edges[b] &&
              (v < edges[b + 1] || (b === counts[k].length - 1 && v <= edges[b + 1]))
            ).length
          );
          assert.deepEqual(counts[k], brute);
          // Bins ending at or below 0 hold exactly the values below 0 (runs that save money).
          const below = counts[k].reduce((t, n, b) => t + (edges[b + 1] <= 0 ? n : 0), 0);
          assert.equal(below, c.filter((v) => v < 0).length);
        });
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("pairs are b − a in the same iteration, and turn round exactly", () => {
  // Three scenarios, four iterations, one measure; the baseline is scenario 0.
  const h = valuesOf(["discounted.cost.total"], [
    [[10], [20], [30], [40]],
    [[12], [18], [33], [40]],
    [[5], [25], [30], [20]],
  ]);
  const s = pairedSummary(h, ["Baseline", "A", "B"], 0, 10, 0.9);
  assert.deepEqual(s.pairs.map((p) => [p.a, p.b]), [["Baseline", "A"], ["Baseline", "B"], [
    "A",
    "B",
  ]]);
  const ab = pairOf(s, "A", "B")!["discounted.cost.total"];
  const expected = summariseColumn(Float64Array.of(5 - 12, 25 - 18, 30 - 33, 20 - 40), 0.9);
  assert.equal(ab.mean, expected.mean);
  assert.equal(ab.low, expected.low);
  assert.equal(ab.high, expected.high);
  assert.equal(ab.pNegative, 3 / 4);
  assert.equal(ab.pPositive, 1 / 4);
  const ba = pairOf(s, "B", "A")!["discounted.cost.total"];
  assert.equal(ba.mean, -ab.mean);
  assert.deepEqual([ba.low, ba.high], [-ab.high, -ab.low]);
  assert.deepEqual([ba.pNegative, ba.pPositive], [ab.pPositive, ab.pNegative]);
  assert.equal(pairOf(s, "A", "C"), null);
  // The histogram holds scenario − baseline: A: 2, −2, 3, 0; B: −5, 5, 0, −20.
  const total = (name: string) => s.netCost.counts[name].reduce((a, b) => a + b, 0);
  assert.equal(total("A"), 4);
  assert.equal(total("B"), 4);
  assert.equal(s.netCost.counts.Baseline, undefined);
});

Deno.test("widening follows the baseline's gradient; no change is neither", () => {
  const h = valuesOf(["sii.nonElective"], [
    [[-100], [-100], [-100], [-100]], // baseline: more admissions in deprived quintiles
    [[-101], [-99], [-98], [-100]], // further from 0 once, closer twice, unchanged once
  ]);
  const w = pairedSummary(h, ["Baseline", "S"], 0, 10, 0.9).widening.S;
  assert.deepEqual(w, { baselineSign: -1, pWidens: 1 / 4, pNarrows: 2 / 4 });
  // A positive gradient: a rise widens it.
  const up = valuesOf(["sii.nonElective"], [[[50], [50]], [[55], [45]]]);
  assert.deepEqual(pairedSummary(up, ["Baseline", "S"], 0, 10, 0.9).widening.S, {
    baselineSign: 1,
    pWidens: 0.5,
    pNarrows: 0.5,
  });
});

Deno.test("a run's pairs against the baseline are its differences; A→B equals B − A", async () => {
  const input = exampleStudy(); // Baseline, Frailty, Frailty + falls
  const r = await simulate(input, { iterations: 64, seed: 5, interval: 0.9 });
  const H = r.horizonYears;
  const paired = r.paired!;
  assert.equal(paired.year, H);
  assert.equal(paired.iterations, 64);
  for (const s of r.scenarios.filter((x) => x.deltas)) {
    for (const key of ["discounted.cost.total", "sii.nonElective"] as const) {
      const d = pairOf(paired, "Baseline", s.name)![key];
      const delta = s.deltas![key];
      assert.equal(d.mean, delta.mean[H], `${s.name} ${key} mean`);
      assert.equal(d.pNegative, delta.pNegative![H], `${s.name} ${key} P(below 0)`);
      // Summary intervals come from float32 rows: equal to about 7 significant digits.
      const near = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
      assert.ok(near(d.low, delta.low![H]), `${d.low} vs ${delta.low![H]}`);
      assert.ok(near(d.high, delta.high![H]), `${d.high} vs ${delta.high![H]}`);
    }
    const n = paired.netCost.counts[s.name].reduce((a, b) => a + b, 0);
    assert.equal(n, 64);
  }
  // Scenario against scenario: the mean of differences is the difference of mean differences.
  const ab = pairOf(paired, "Frailty", "Frailty + falls")!["discounted.cost.total"].mean;
  const [a, b] = [1, 2].map((k) => r.scenarios[k].deltas!["discounted.cost.total"].mean[H]);
  assert.ok(Math.abs(ab - (b - a)) <= 1e-6 * Math.abs(b - a), `${ab} vs ${b - a}`);
  // Widening: with a negative baseline SII, widening is a fall in the SII.
  const base = r.scenarios[0].absolute["sii.nonElective"].mean[H];
  assert.ok(base < 0, `baseline SII ${base}`);
  const w = paired.widening["Frailty"];
  assert.equal(w.baselineSign, -1);
  assert.equal(w.pWidens, r.scenarios[1].deltas!["sii.nonElective"].pNegative![H]);
});

Deno.test("deterministic results carry their pairs too (one iteration, no spread)", () => {
  const r = deterministic({ model: prepareModel(exampleStudy()) });
  const d = pairOf(r.paired!, "Baseline", "Frailty")!["discounted.cost.total"];
  const H = r.horizonYears;
  assert.equal(d.mean, r.scenarios[1].deltas!["discounted.cost.total"].mean[H]);
  assert.equal(d.low, d.high);
});

Deno.test("with QALYs, pairs carry net monetary benefit at £20k and £30k per iteration", () => {
  // [cost, QALYs] per iteration: B costs 1,000 more and gains 0.1 QALY, then saves 500 and
  // gains 0.02.
  const h = valuesOf(["discounted.cost.total", "discounted.qalys"], [
    [[0, 10], [0, 10]],
    [[1000, 10.1], [-500, 10.02]],
  ]);
  const d = pairOf(pairedSummary(h, ["Baseline", "B"], 0, 10, 0.9), "Baseline", "B")!;
  const nmb20 = [20000 * 0.1 - 1000, 20000 * 0.02 + 500];
  const close = (a: number, b: number) => Math.abs(a - b) < 1e-6;
  assert.ok(close(d["nmb.20000"].mean, (nmb20[0] + nmb20[1]) / 2));
  assert.ok(close(d["nmb.30000"].mean, (30000 * 0.1 - 1000 + 30000 * 0.02 + 500) / 2));
  assert.equal(d["nmb.20000"].pNegative, 0);
  // Turned round, B → baseline loses what it gained.
  const back = pairOf(pairedSummary(h, ["Baseline", "B"], 0, 10, 0.9), "B", "Baseline")!;
  assert.ok(close(back["nmb.20000"].mean, -d["nmb.20000"].mean));
});
