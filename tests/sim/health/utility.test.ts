/** Utility by state: band means equal their norms at year 0; multipliers and gradient by hand. */
import assert from "node:assert/strict";
import { exampleModelInput } from "../../../sim/example-model.ts";
import { resolveHealth } from "../../../sim/health/settings.ts";
import { buildUtility } from "../../../sim/health/utility.ts";
import { prepareModel } from "../../../sim/model.ts";
import { meanParameters } from "../../../sim/parameters.ts";
import { gradientFactor } from "../../../sim/rates.ts";

function utilities(health?: Parameters<typeof resolveHealth>[0]) {
  const input = exampleModelInput();
  if (health) input.health = health;
  const model = prepareModel(input);
  const values = meanParameters(model.registry);
  return { model, values, u: buildUtility(model.layout, model.utilityPlan, values) };
}

Deno.test("each band's year-0 mean utility is its norm; levels keep the multipliers' ratios", () => {
  const { model, values, u } = utilities();
  const { layout, initial, registry } = model;
  layout.ageBands.forEach((band, g) => {
    let people = 0;
    let total = 0;
    for (let s = 0; s < layout.stateCount; s++) {
      if (layout.ageBand[s] !== g) continue;
      people += initial[s];
      total += initial[s] * u[s];
    }
    const norm = values[registry.index.get(`utility.norm.${band}`)!];
    assert.ok(Math.abs(total / people - norm) < 1e-12, `${band}: ${total / people} vs ${norm}`);
  });
  // Within a band, High / Low is the multipliers' ratio (0.70 / 1 at their means).
  const high = values[registry.index.get("utility.multiplier.high")!];
  const at = (band: number, level: number) =>
    u[((0 * layout.ageBands.length + band) * layout.levels.length + level) * 5 + 2];
  assert.ok(Math.abs(at(2, 2) / at(2, 0) - high) < 1e-12);
  // 75+ defaults: norm ≈ 0.73, so Low ≈ 0.8, High ≈ 0.56 (evidence-research §5: 0.83, 0.58).
  assert.ok(at(2, 0) > 0.78 && at(2, 0) < 0.86, String(at(2, 0)));
  assert.ok(at(2, 2) > 0.53 && at(2, 2) < 0.6, String(at(2, 2)));
});

Deno.test("a deprivation ratio: Q1 / Q5 is the ratio, and each band and level keeps its mean", () => {
  const flat = utilities();
  const { model, u } = utilities({ utility: { deprivationRatio: 0.9 } });
  const { layout, initial } = model;
  const C = layout.levels.length;
  for (let g = 0; g < layout.ageBands.length; g++) {
    for (let c = 0; c < C; c++) {
      const first = (g * C + c) * 5;
      assert.ok(Math.abs(u[first] / u[first + 4] - 0.9) < 1e-12);
      assert.ok(Math.abs(u[first + 1] / u[first + 4] - gradientFactor(0.9, 1)) < 1e-12);
      let mean = 0;
      let flatMean = 0;
      let people = 0;
      for (let q = 0; q < 5; q++) {
        mean += initial[first + q] * u[first + q];
        flatMean += initial[first + q] * flat.u[first + q];
        people += initial[first + q];
      }
      assert.ok(Math.abs(mean / people - flatMean / people) < 1e-12);
    }
  }
});

Deno.test("utility never exceeds 1", () => {
  const { u } = utilities({
    utility: { norm: { "0-17": 0.99, "18-74": 0.99, "75+": 0.99 } },
  });
  assert.ok(u.every((x) => x <= 1));
  assert.ok(u.some((x) => x === 1));
});

Deno.test("defaults: three levels named otherwise take low, middle, high by position", () => {
  const h = resolveHealth(undefined, ["18-74"], ["L1", "L2", "L3"]);
  assert.equal(h.utilityMultiplier.L1, 1);
  assert.equal((h.utilityMultiplier.L3 as { central: number }).central, 0.7);
  assert.equal(resolveHealth(undefined, ["18-74"], ["a", "b"]).utilityMultiplier.b, 1);
  assert.equal(resolveHealth(undefined, ["adults"], ["low"]).utilityNorm.adults, undefined);
});
