/** Property tests over random valid models (fast-check). */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { ModelInput, TargetingRule } from "../../sim/types.ts";
import type { ScenarioMeasureKey } from "../../sim/measures.ts";
import { exampleStudy, expected, fixParameters, simulate } from "../helpers.ts";

const probability = (max: number) => fc.double({ min: 0, max, noNaN: true });

/** A random valid model built on the example place: random rates, effects and targeting. */
const modelArb = fc.record({
  up: fc.array(probability(0.2), { minLength: 3, maxLength: 3 }),
  down: fc.array(probability(0.3), { minLength: 3, maxLength: 3 }),
  death: fc.array(probability(0.1), { minLength: 3, maxLength: 3 }),
  worseningRatio: fc.double({ min: 1, max: 2, noNaN: true }),
  gradient: fc.double({ min: 0.8, max: 2.5, noNaN: true }),
  uptake: probability(1),
  capacity: fc.option(fc.integer({ min: 0, max: 20000 }), { nil: null }),
  targeting: fc.constantFrom<TargetingRule>("proportional", "highest-risk", "most-deprived"),
  rrActivity: fc.double({ min: 0.3, max: 1, noNaN: true }),
  rrWorsening: fc.double({ min: 0.3, max: 1, noNaN: true }),
  strength: fc.double({ min: 0, max: 1, noNaN: true }),
  migration: fc.double({ min: -20, max: 20, noNaN: true }),
  ramp: fc.integer({ min: 0, max: 4 }),
});

type Drawn = typeof modelArb extends fc.Arbitrary<infer T> ? T : never;

function build(d: Drawn, rrActivity = d.rrActivity, rrWorsening = d.rrWorsening): ModelInput {
  const input = fixParameters(exampleStudy());
  input.horizonYears = 5;
  const bands = ["0-17", "18-74", "75+"];
  bands.forEach((band, g) => {
    input.parameters.transitions[band] = {
      "low->middle": d.up[g],
      "middle->high": d.up[g] / 2,
      "high->middle": d.down[g],
      "middle->low": d.down[g] / 3,
    };
    input.parameters.deathRate[band] = d.death[g];
    input.parameters.netMigrationPer1000[band] = d.migration;
  });
  input.parameters.deprivationWorseningRatio = d.worseningRatio;
  input.parameters.deprivationGradient.nonElective = d.gradient;
  const iv = input.interventions[0];
  iv.uptake = d.uptake;
  iv.capacity = d.capacity;
  iv.targeting = d.targeting;
  iv.rampUpYears = d.ramp;
  iv.effects = { activity: { nonElective: rrActivity }, transitions: { worsening: rrWorsening } };
  input.interventions = [iv];
  input.scenarios = input.scenarios.slice(0, 2);
  return input;
}

const total = (input: ModelInput, key: ScenarioMeasureKey) =>
  expected(input).scenarios[1].absolute[key].mean.reduce((a, b) => a + b, 0);

Deno.test("a stronger effect never raises expected non-elective admissions", () => {
  fc.assert(
    fc.property(modelArb, (d) => {
      const weaker = build(d);
      const stronger = build(d, d.rrActivity * d.strength, d.rrWorsening * d.strength);
      const a = total(stronger, "activity.nonElective");
      const b = total(weaker, "activity.nonElective");
      assert.ok(a <= b * (1 + 1e-12), `${a} > ${b}`);
    }),
    { numRuns: 40, seed: 20261122 },
  );
});

Deno.test("expected values conserve people in every random model", () => {
  fc.assert(
    fc.property(modelArb, (d) => {
      const levels = expected(build(d)).scenarios[1].absolute;
      const pop = levels.population.mean;
      for (let y = 0; y + 1 < pop.length; y++) {
        const next = pop[y] - levels.deaths.mean[y] + levels.entrants.mean[y] +
          levels.migration.mean[y];
        assert.ok(Math.abs(pop[y + 1] - next) < 1e-6 * pop[y], `year ${y}`);
        assert.ok(pop[y + 1] >= 0);
      }
    }),
    { numRuns: 40, seed: 7 },
  );
});

Deno.test("Monte Carlo never produces negative counts or costs in random models", async () => {
  await fc.assert(
    fc.asyncProperty(modelArb, fc.integer({ min: 0, max: 1e6 }), async (d, seed) => {
      const r = await simulate(build(d), { iterations: 3, seed, interval: 0.9 });
      for (const scenario of r.scenarios) {
        for (
          const key of [
            "population",
            "deaths",
            "activity.nonElective",
            "cost.total",
            "participants",
          ] as const
        ) {
          scenario.absolute[key].low!.forEach((v) => assert.ok(v >= 0, `${key} ${v}`));
        }
        scenario.statePopulation.flat().forEach((v) => assert.ok(v >= 0));
      }
    }),
    { numRuns: 15, seed: 99 },
  );
});

Deno.test("the order of interventions in a scenario does not change expected results", () => {
  const input = fixParameters(exampleStudy());
  const a = expected(input).scenarios[2].absolute;
  input.scenarios[2].interventions.reverse();
  const b = expected(input).scenarios[2].absolute;
  for (const key of ["activity.nonElective", "cost.total", "population"] as const) {
    a[key].mean.forEach((v, y) =>
      assert.ok(Math.abs(v - b[key].mean[y]) < 1e-6 * Math.max(1, Math.abs(v)))
    );
  }
});
