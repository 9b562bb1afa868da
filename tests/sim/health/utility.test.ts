/**
 * Utility by state: age groups' year-0 means equal band norm × published profile; multipliers and
 * gradient by hand.
 */
import assert from "node:assert/strict";
import { exampleModelInput } from "../../../sim/example-model.ts";
import { resolveHealth } from "../../../sim/health/settings.ts";
import { ageProfile, buildUtility } from "../../../sim/health/utility.ts";
import { publishedNorms } from "../../../sim/health/norms.ts";
import { POPULATION_2024 } from "../../../sim/health/norms-data.ts";
import { stateIndex } from "../../../sim/population.ts";
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

Deno.test("each age group's year-0 mean utility is its band's norm × its published profile; levels keep the multipliers' ratios", () => {
  const { model, values, u } = utilities();
  const { layout, initial, registry } = model;
  const profile = ageProfile(layout);
  layout.ageGroups.forEach((group, j) => {
    let people = 0;
    let total = 0;
    for (let s = 0; s < layout.stateCount; s++) {
      if (layout.ageGroup[s] !== j) continue;
      people += initial[s];
      total += initial[s] * u[s];
    }
    if (people === 0) return;
    const band = layout.ageBands[layout.groupBand[j]];
    const norm = values[registry.index.get(`utility.norm.${band}`)!];
    const want = norm * profile[j];
    assert.ok(
      Math.abs(total / people - want) < 1e-12,
      `${group.label}: ${total / people} vs ${want}`,
    );
  });
  // Within an age group, High / Low is the multipliers' ratio (0.70 / 1 at their means).
  const high = values[registry.index.get("utility.multiplier.high")!];
  const group = layout.ageGroups.findIndex((g) => g.label === "80-84");
  const at = (level: number) => u[stateIndex(layout, 0, group, level, 2)];
  assert.ok(Math.abs(at(2) / at(0) - high) < 1e-12);
  // 80-84 at the defaults: a norm ≈ 0.73 for the band × profile ≈ 1.0 (HSE 80-84 0.735), so
  // Low ≈ 0.8, High ≈ 0.56 (evidence-research §5 for 75+: 0.83, 0.58).
  assert.ok(at(0) > 0.78 && at(0) < 0.88, String(at(0)));
  assert.ok(at(2) > 0.53 && at(2) < 0.62, String(at(2)));
});

Deno.test("age profile: each group's published norm over its band's; older groups lower", () => {
  const { model } = utilities();
  const { layout } = model;
  const profile = ageProfile(layout);
  const of = (label: string) => profile[layout.ageGroups.findIndex((g) => g.label === label)];
  // HSE 2017/18 (norms-data.ts): 90+ 0.6626, 75-79 0.7571; the 75+ band's mean ≈ 0.730.
  const band = publishedNorms(75, 105).hse2017;
  assert.ok(Math.abs(of("90+") - 0.6626 / band) < 1e-12);
  assert.ok(Math.abs(of("75-79") - 0.7571 / band) < 1e-12);
  assert.ok(of("75-79") > 1 && of("90+") < of("85-89") && of("85-89") < of("80-84"));
  // Profiles average to 1 over a band at England's age weights.
  for (let b = 0; b < layout.ageBands.length; b++) {
    let people = 0;
    let sum = 0;
    layout.ageGroups.forEach((g, j) => {
      if (layout.groupBand[j] !== b) return;
      const [from, to] = [g.from, g.to ?? 105];
      let n = 0;
      for (let a = from; a <= to; a++) n += POPULATION_2024[a];
      people += n;
      sum += n * profile[j];
    });
    assert.ok(Math.abs(sum / people - 1) < 1e-12, layout.ageBands[b]);
  }
});

Deno.test("an older place has lower utility in the same band at the same norm", () => {
  const young = utilities();
  const input = exampleModelInput();
  input.segments = input.segments.map((s) => s.ageBand === "75+" ? { ...s, averageAge: 88 } : s);
  const model = prepareModel(input);
  const u = buildUtility(model.layout, model.utilityPlan, meanParameters(model.registry));
  const bandMean = (m: typeof model, us: Float64Array) => {
    const b = m.layout.ageBands.indexOf("75+");
    let people = 0;
    let total = 0;
    for (let s = 0; s < m.layout.stateCount; s++) {
      if (m.layout.ageBand[s] !== b) continue;
      people += m.initial[s];
      total += m.initial[s] * us[s];
    }
    return total / people;
  };
  assert.ok(bandMean(model, u) < bandMean(young.model, young.u) - 0.01);
});

Deno.test("a deprivation ratio: Q1 / Q5 is the ratio, and each group and level keeps its mean", () => {
  const flat = utilities();
  const { model, u } = utilities({ utility: { deprivationRatio: 0.9 } });
  const { layout, initial } = model;
  const C = layout.levels.length;
  for (let j = 0; j < layout.ageGroups.length; j++) {
    for (let c = 0; c < C; c++) {
      const first = stateIndex(layout, 0, j, c, 0);
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
      if (people === 0) continue;
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
