/** ICER with dominance, and the incremental analysis as dampack's calculate_icers, by hand. */
import assert from "node:assert/strict";
import { costEffectiveAt, icerAgainstBaseline } from "../../../sim/value/icer.ts";
import { incrementalAnalysis, type Strategy } from "../../../sim/value/incremental.ts";
import { netMonetaryBenefit } from "../../../sim/measures.ts";

Deno.test("ICER against the baseline: each quadrant, dominance and no change", () => {
  assert.deepEqual(icerAgainstBaseline(20_000, 2), {
    icer: 10_000,
    comparison: "costs more, gains health",
  });
  assert.deepEqual(icerAgainstBaseline(-500, 1), { icer: null, comparison: "dominant" });
  assert.deepEqual(icerAgainstBaseline(0, 1), { icer: null, comparison: "dominant" });
  assert.deepEqual(icerAgainstBaseline(-500, 0), { icer: null, comparison: "dominant" });
  assert.deepEqual(icerAgainstBaseline(500, -1), { icer: null, comparison: "dominated" });
  assert.deepEqual(icerAgainstBaseline(500, 0), { icer: null, comparison: "dominated" });
  assert.deepEqual(icerAgainstBaseline(0, -1), { icer: null, comparison: "dominated" });
  assert.deepEqual(icerAgainstBaseline(0, 0), { icer: null, comparison: "no difference" });
  assert.deepEqual(icerAgainstBaseline(-40_000, -1), {
    icer: 40_000,
    comparison: "saves money, loses health",
  });
});

Deno.test("net monetary benefit and cost-effectiveness agree with the ICER in every quadrant", () => {
  assert.equal(netMonetaryBenefit(20_000, 2, 30_000), 10_000);
  assert.equal(netMonetaryBenefit(30_000, -1, -20_000), -10_000);
  // North-east: ICER 10,000 — cost-effective at 20,000, not at 5,000.
  assert.equal(costEffectiveAt(20_000, 20_000, 2), true);
  assert.equal(costEffectiveAt(5_000, 20_000, 2), false);
  // South-west: saves £40,000 per QALY lost — cost-effective at 30,000 (the saving buys more).
  assert.equal(costEffectiveAt(30_000, -40_000, -1), true);
  assert.equal(costEffectiveAt(50_000, -40_000, -1), false);
  // Dominant at any threshold, dominated at none.
  assert.equal(costEffectiveAt(0, -1, 1), true);
  assert.equal(costEffectiveAt(1e9, 1, -1), false);
});

const s = (name: string, cost: number, effect: number): Strategy => ({ name, cost, effect });
const view = (rows: ReturnType<typeof incrementalAnalysis>) =>
  rows.map((r) => [r.name, r.status, r.icer === null ? null : Math.round(r.icer * 1000) / 1000]);

Deno.test("strong dominance: costs more and gives no more than a cheaper strategy", () => {
  const rows = incrementalAnalysis([s("A", 0, 0), s("C", 150, 0.5), s("B", 100, 1)]);
  assert.deepEqual(view(rows), [["A", "ND", null], ["B", "ND", 100], ["C", "D", null]]);
  assert.equal(rows[1].incrementalCost, 100);
  assert.equal(rows[1].incrementalEffect, 1);
  assert.equal(rows[2].incrementalCost, null);
});

Deno.test("extended dominance, repeated until nothing changes (three passes)", () => {
  // Pass 1: sequential ICERs B 10, C 20, D 50, E 1.25 → D (50 > 1.25) is ED.
  // Pass 2: A, B, C, E: B 10, C 20, E 11 → C (20 > 11) is ED.
  // Pass 3: A, B, E: B 10, E 15.5 → none. Frontier A, B, E.
  const rows = incrementalAnalysis([
    s("A", 0, 0),
    s("B", 10, 1),
    s("C", 30, 2),
    s("D", 40, 2.2),
    s("E", 41, 3),
  ]);
  assert.deepEqual(view(rows), [
    ["A", "ND", null],
    ["B", "ND", 10],
    ["E", "ND", 15.5],
    ["C", "ED", null],
    ["D", "ED", null],
  ]);
});

Deno.test("ties: equal cost and effect, the later in the input is dominated; collinear points all stay", () => {
  assert.deepEqual(view(incrementalAnalysis([s("A", 0, 0), s("B", 10, 1), s("B2", 10, 1)])), [
    ["A", "ND", null],
    ["B", "ND", 10],
    ["B2", "D", null],
  ]);
  assert.deepEqual(view(incrementalAnalysis([s("A", 0, 0), s("B", 10, 1), s("B2", 10, 0.9)])), [
    ["A", "ND", null],
    ["B", "ND", 10],
    ["B2", "D", null],
  ]);
  // Equal ICERs are not extended dominance.
  assert.deepEqual(view(incrementalAnalysis([s("A", 0, 0), s("B", 10, 1), s("C", 20, 2)])), [
    ["A", "ND", null],
    ["B", "ND", 10],
    ["C", "ND", 10],
  ]);
  // A dominant strategy: cheaper and better than the reference, which it then dominates.
  assert.deepEqual(view(incrementalAnalysis([s("Ref", 10, 1), s("New", 5, 2)])), [
    ["New", "ND", null],
    ["Ref", "D", null],
  ]);
  // One strategy alone.
  assert.deepEqual(view(incrementalAnalysis([s("A", 1, 1)])), [["A", "ND", null]]);
});

Deno.test("the frontier is the lower convex hull: ICERs rise along it, every other point lies above", () => {
  // Random strategies, checked against the hull's defining property.
  let seed = 7;
  const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (let trial = 0; trial < 200; trial++) {
    const strategies = Array.from(
      { length: 2 + Math.floor(rand() * 7) },
      (_, i) => s(`S${i}`, Math.round(rand() * 100), Math.round(rand() * 20) / 4),
    );
    const rows = incrementalAnalysis(strategies);
    assert.equal(rows.length, strategies.length);
    const frontier = rows.filter((r) => r.status === "ND");
    for (let i = 2; i < frontier.length; i++) assert.ok(frontier[i].icer! >= frontier[i - 1].icer!);
    for (let i = 1; i < frontier.length; i++) {
      assert.ok(
        frontier[i].cost > frontier[i - 1].cost && frontier[i].effect > frontier[i - 1].effect,
      );
    }
    // No strategy off the frontier has a higher net benefit than the frontier at any threshold.
    for (const k of [0, 1, 5, 10, 50, 1000]) {
      const nb = (r: Strategy) => k * r.effect - r.cost;
      const best = Math.max(...frontier.map(nb));
      for (const r of rows) assert.ok(nb(r) <= best + 1e-9, `trial ${trial}, k ${k}`);
    }
  }
});
