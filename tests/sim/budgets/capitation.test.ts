/**
 * Capitation worked by hand: per-head budgets from year-0 cost or typed in, the uplift, the
 * weighted capitation of areas from their mix; and the model's year-0 budget equals the
 * segmentation table's people × per head. Also the provider split's overrides, cell by cell.
 */
import assert from "node:assert/strict";
import {
  perHeadBudgets,
  upliftFactors,
  weightedCapitation,
} from "../../../sim/budgets/capitation.ts";
import { budgetAndCost, planBudgets, recordOf } from "../../../sim/budgets/evaluate.ts";
import { cellCoordinates } from "../../../sim/budgets/split.ts";
import { runDeterministic } from "../../../sim/run.ts";
import { SECTORS, type SegmentRow } from "../../../sim/types.ts";
import { prepared } from "./fixtures.ts";
import { CELL_FIELDS } from "../../../sim/record.ts";

const segment = (ageBand: string, complexity: string, population: number, spend: number) =>
  ({
    ageBand,
    complexity,
    population,
    averageAge: 80,
    averageDeprivationDecile: 5,
    spend: {
      acuteElective: spend * 0.2,
      acuteNonElective: spend * 0.4,
      mhCommunity: spend * 0.1,
      socialCare: spend * 0.2,
      generalPractice: spend * 0.1,
    },
    inpatientSpells: 0,
    aeAttendances: 0,
  }) as SegmentRow;

Deno.test("a capitation by hand: £500 a head from year-0 cost, £3,000 typed in, 2% uplift", () => {
  const segments = [segment("75+", "low", 1000, 500), segment("75+", "high", 200, 9000)];
  const perHead = perHeadBudgets(
    { perHead: { "75+": { high: 3000 } }, uplift: 0.02, covers: "total" },
    segments,
  );
  assert.deepEqual(perHead.map((p) => [p.perHead, p.from]), [
    [500, "year-0 cost"],
    [3000, "given"],
  ]);
  // 1,000 × £500 + 200 × £3,000 = £1.1m in year 0; × 1.02² = £1,144,440 in year 2.
  const factors = upliftFactors(0.02, 3);
  assert.deepEqual(Array.from(factors, (f) => Number(f.toFixed(10))), [1, 1.02, 1.0404]);
  const budget0 = 1000 * perHead[0].perHead + 200 * perHead[1].perHead;
  assert.equal(budget0, 1_100_000);
  assert.ok(Math.abs(budget0 * factors[2] - 1_144_440) < 1e-6);
  // One uplift per year: 10% then 20% is 1.1, then 1.32.
  assert.deepEqual(Array.from(upliftFactors([0.1, 0.2], 3), (f) => Number(f.toFixed(10))), [
    1,
    1.1,
    1.32,
  ]);
});

Deno.test("weighted capitation by hand: an older, frailer neighbourhood gets more per head", () => {
  // North: 900 at £500, 100 at £3,000 = £750k (£750 a head); South: 100 and 100 = £350k
  // (£1,750 a head); the place: £1.1m for 1,200 (£916.67 a head).
  const [north, south] = weightedCapitation([[900, 100], [100, 100]], [500, 3000], [1000, 200]);
  assert.equal(north.budget, 750_000);
  assert.equal(south.budget, 350_000);
  assert.ok(Math.abs(north.share - 750 / 1100) < 1e-12);
  assert.ok(Math.abs(north.index - 750 / (1_100_000 / 1200)) < 1e-12);
  assert.ok(Math.abs(south.index - 1750 / (1_100_000 / 1200)) < 1e-12);
  assert.ok(Math.abs(north.share + south.share - 1) < 1e-12);
});

Deno.test("the model's year-0 budget is the table's people × cost per head; a year's is × the uplift", () => {
  const loaded = prepared();
  const { model } = loaded;
  const plan = planBudgets(model)!;
  const run = runDeterministic(model);
  const Y = model.record.years;
  const budget = new Float64Array(Y);
  const cost = new Float64Array(Y);
  budgetAndCost(plan, recordOf(model, run.records, 0, 0), null, budget, cost);
  // The example place's table, by hand: Σ people × Σ spend (both neighbourhoods: scale 1).
  const table = model.input.segments.reduce(
    (t, s) => t + s.population * SECTORS.reduce((u, k) => u + s.spend[k], 0),
    0,
  );
  assert.ok(Math.abs(budget[0] - table) < 1e-6 * table, `${budget[0]} ≠ ${table}`);
  // Year 0's expected cost is the table's too (the calibration year).
  assert.ok(Math.abs(cost[0] - table) < 1e-6 * table);
  // Later years: the uplift times the people there are, segment by segment.
  const rl = model.record;
  for (let y = 1; y < Y; y++) {
    let heads = 0;
    for (let k = 0; k < plan.shares.cells; k++) {
      heads += run.records[0][y * rl.stride + rl.cellValues + k * CELL_FIELDS] *
        plan.cellPerHead![k];
    }
    assert.ok(Math.abs(budget[y] - heads * 1.02 ** y) < 1e-6 * budget[y]);
  }
});

Deno.test("the provider split: overrides replace the overall split only where they apply", () => {
  const { model } = prepared();
  const plan = planBudgets(model)!;
  const { layout } = model;
  const P = plan.shares.providers;
  const social = SECTORS.indexOf("socialCare");
  const nonElective = SECTORS.indexOf("acuteNonElective");
  let overridden = 0;
  for (let k = 0; k < layout.cellCount; k++) {
    const c = cellCoordinates(layout, k);
    const at = (s: number) =>
      Array.from(plan.shares.shares.subarray((k * 5 + s) * P, (k * 5 + s + 1) * P));
    const south75 = layout.ageBands[c.band] === "75+" && layout.areas[c.area] === "south";
    // acute, community, gp, council
    assert.deepEqual(at(social), south75 ? [0, 0.5, 0, 0.5] : [0, 0, 0, 1]);
    assert.deepEqual(at(nonElective), [0.9, 0.1, 0, 0]);
    if (south75) overridden++;
  }
  assert.equal(overridden, layout.levels.length * 5);
});
