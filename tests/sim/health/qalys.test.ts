/**
 * Life-years and QALYs in the engine: a one-state cohort worked by hand, the half-cycle rule,
 * health discounting apart from costs, QALYs identical bit for bit under an intervention with no
 * health effect, and an intervention's utility gain.
 */
import assert from "node:assert/strict";
import { defaultBaselineParameters } from "../../../sim/defaults.ts";
import { DrawMemo, simulateScenario, Workspace } from "../../../sim/engine.ts";
import { createIterationBuffers, prepareModel, scenarioContexts } from "../../../sim/model.ts";
import { drawParameters, meanParameters } from "../../../sim/parameters.ts";
import { recordLength } from "../../../sim/record.ts";
import { iterationKey } from "../../../sim/rng.ts";
import { runAll, runDeterministic } from "../../../sim/run.ts";
import { RandomDraws } from "../../../sim/draws.ts";
import type { InterventionSpec, ModelInput, SegmentRow } from "../../../sim/types.ts";
import { exampleStudy, expected, fallsIntervention } from "../../helpers.ts";

const close = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

/**
 * 1,000 people aged 90+ (one five-year age group, which does not age) at one level, 10% dying a
 * year, nothing else happening.
 */
function cohort(cyclesPerYear = 1): ModelInput {
  const segment: SegmentRow = {
    ageBand: "90+",
    complexity: "low",
    population: 1000,
    averageAge: 93,
    averageDeprivationDecile: 5.5,
    spend: {
      acuteElective: 0,
      acuteNonElective: 0,
      mhCommunity: 0,
      socialCare: 0,
      generalPractice: 0,
    },
    inpatientSpells: 0,
    aeAttendances: 0,
  };
  const parameters = defaultBaselineParameters();
  return {
    segments: [segment],
    areas: [{ id: "p", name: "Place", level: "place" }],
    parameters: {
      ...parameters,
      deathRate: { "90+": 0.1 },
      deathHazardRatio: { low: 1 },
      transitions: {},
      entrantsPer1000: 0,
      netMigrationPer1000: { "90+": 0 },
    },
    interventions: [],
    scenarios: [{ name: "Baseline", interventions: [] }],
    horizonYears: 3,
    cyclesPerYear,
    discountRate: 0.035,
    health: { discountRate: 0.035, utilityNorm: { "90+": 0.8 }, utilityMultiplier: { low: 1 } },
  };
}

Deno.test("a cohort by hand: those who die live half the cycle, QALYs are life-years × utility", () => {
  const r = expected(cohort()).scenarios[0].absolute;
  // Year 0 (the calibration year, simulated too): 1,000 people, 100 die: 950 life-years; year
  // 1: 900 and 90: 855; year 2: 810 and 81: 769.5; year 3: 729 and 72.9: 692.55.
  const lifeYears = [950, 855, 769.5, 692.55];
  lifeYears.forEach((ly, y) => {
    close(r.lifeYears.mean[y], ly);
    close(r.qalys.mean[y], 0.8 * ly);
  });
  // Totals run over the projection, years 1..y.
  close(r["cumulative.lifeYears"].mean[3], 855 + 769.5 + 692.55);
  // Discounted at 3.5% from year 2 (year 1 undiscounted), like costs.
  close(r["discounted.qalys"].mean[3], 0.8 * (855 + 769.5 / 1.035 + 692.55 / 1.035 ** 2));
  // By quintile: the same rule in each, adding up to the whole.
  let q = 0;
  for (let k = 1; k <= 5; k++) q += r[`qalys.q${k}` as "qalys.q1"].mean[1];
  close(q, 0.8 * 855);
  // QALYs per person: the year's QALYs over the quintile's people at the start of the year.
  close(r["qalysPerPerson.q1"].mean[1], 0.8 * 0.95);
  // Per year-0 person over years 1..3, discounted: with one death rate, every quintile alike.
  const perPerson = 0.8 * (0.855 + 0.7695 / 1.035 + 0.69255 / 1.035 ** 2);
  close(r["discounted.qalysPerPerson.q3"].mean[3], perPerson);
  // Equal health in every quintile: every EDE is the mean.
  for (const key of ["ede.eps0", "ede.eps1", "ede.eps3", "ede.eps10.95"] as const) {
    close(r[key].mean[3], perPerson);
  }
});

Deno.test("a cohort by hand with two cycles a year: each cycle's deaths count half of it", () => {
  const r = expected(cohort(2)).scenarios[0].absolute;
  const p = 1 - Math.sqrt(0.9); // the cycle's death probability
  const first = (1000 - 0.5 * 1000 * p) * 0.5;
  const survivors = 1000 * (1 - p);
  const second = (survivors - 0.5 * survivors * p) * 0.5;
  close(r.lifeYears.mean[0], first + second);
  close(r.qalys.mean[0], 0.8 * (first + second));
});

Deno.test("health is discounted at its own rate, apart from costs", () => {
  const input = exampleStudy();
  input.health = { discountRate: 0 };
  const r = expected(input);
  const base = expected(exampleStudy());
  for (const s of r.scenarios) {
    const a = s.absolute;
    assert.deepEqual(a["discounted.qalys"].mean, a["cumulative.qalys"].mean);
    assert.deepEqual(a["discounted.lifeYears"].mean, a["cumulative.lifeYears"].mean);
  }
  r.scenarios.forEach((s, k) => {
    assert.deepEqual(
      s.absolute["discounted.cost.total"].mean,
      base.scenarios[k].absolute["discounted.cost.total"].mean,
    );
    assert.ok(
      s.absolute["discounted.qalys"].mean[10] >
        base.scenarios[k].absolute["discounted.qalys"].mean[10],
    );
  });
});

/** The health fields of each iteration's records, per scenario. */
function healthFields(input: ModelInput, iterations: number) {
  const model = prepareModel(input);
  const run = runAll(model, 5, iterations);
  const rec = model.record;
  const len = recordLength(rec);
  return run.records.map((records) => {
    const out: number[] = [];
    for (let i = 0; i < iterations; i++) {
      for (let y = 0; y < rec.years; y++) {
        const o = i * len + y * rec.stride;
        out.push(records[o + rec.lifeYears], records[o + rec.qalys], records[o + rec.deaths]);
        for (let q = 0; q < 5; q++) {
          out.push(records[o + rec.quintileQalys + q], records[o + rec.quintileLifeYears + q]);
        }
      }
    }
    return out;
  });
}

Deno.test("QALY conservation: an intervention with no effect leaves life-years and QALYs bit for bit", () => {
  const input = exampleStudy();
  const none: InterventionSpec = { ...fallsIntervention(), id: "none", effects: {} };
  input.interventions = [none];
  input.scenarios = [
    { name: "Baseline", interventions: [] },
    { name: "No effect", interventions: ["none"] },
  ];
  const [base, scenario] = healthFields(input, 8);
  assert.deepEqual(scenario, base);
});

Deno.test("common random numbers: an intervention on activity alone changes no death and no QALY", () => {
  // Deaths and moves draw from a stream of their own (SiteKind.Outcomes), so fewer admissions
  // cannot move a death. With one stream for activity then deaths, this failed: the Poisson
  // draws used up a different number of uniforms, and every touched state's deaths changed.
  const input = exampleStudy();
  input.interventions = [fallsIntervention()];
  input.scenarios = [
    { name: "Baseline", interventions: [] },
    { name: "Falls", interventions: ["falls"] },
  ];
  const [base, scenario] = healthFields(input, 8);
  assert.deepEqual(scenario, base);
  // While its activity does change.
  const model = prepareModel(input);
  const run = runAll(model, 5, 2);
  const rec = model.record;
  assert.notEqual(
    run.records[1][3 * rec.stride + rec.activity],
    run.records[0][3 * rec.stride + rec.activity],
  );
});

Deno.test("an intervention's utility gain: Δ QALYs = gain × participants' person-time, by hand", () => {
  const input = exampleStudy();
  const gain: InterventionSpec = {
    ...fallsIntervention(),
    id: "gain",
    uptake: 0.5,
    startYear: 1,
    durationYears: null,
    effects: { utility: 0.05 },
  };
  input.interventions = [gain];
  input.scenarios = [
    { name: "Baseline", interventions: [] },
    { name: "Gain", interventions: ["gain"] },
  ];
  const model = prepareModel(input);
  const run = runDeterministic(model);
  const [ctx] = scenarioContexts(model, meanParameters(model.registry));
  const { layout, record: rec } = model;
  const S = layout.stateCount;
  const oldest = layout.ageBands.indexOf("75+");
  const pop = run.statePopulationSum[1];
  for (let y = 1; y < rec.years; y++) {
    let expectedGain = 0;
    for (let s = 0; s < S; s++) {
      if (layout.ageBand[s] !== oldest) continue;
      const n = pop[y * S + s];
      // Expected deaths: the state's death probability (no move is large enough to be scaled).
      let exits = ctx.rates.death[s];
      for (let c = 0; c < layout.levels.length; c++) exits += ctx.rates.move[s * 3 + c];
      const deaths = n * ctx.rates.death[s] * (exits > 1 ? 1 / exits : 1);
      expectedGain += 0.5 * 0.05 * (n - deaths / 2);
    }
    const change = run.records[1][y * rec.stride + rec.qalys] -
      run.records[0][y * rec.stride + rec.qalys];
    close(change, expectedGain, 1e-9);
    // The gain moves no death: life-years are the baseline's.
    assert.equal(
      run.records[1][y * rec.stride + rec.lifeYears],
      run.records[0][y * rec.stride + rec.lifeYears],
    );
  }
});

Deno.test("health parameters draw from their own stream: adding them moves no other draw", () => {
  const without = exampleStudy();
  const withHealth = exampleStudy();
  withHealth.interventions[0].effects.utility = {
    central: 0.02,
    low: 0.0,
    high: 0.04,
    level: 0.95,
    family: "normal",
  };
  withHealth.health = { utility: { deprivationRatio: 0.9 } };
  const a = prepareModel(without).registry;
  const b = prepareModel(withHealth).registry;
  for (let i = 0; i < 5; i++) {
    const key = iterationKey(3, i);
    const va = drawParameters(a, key);
    const vb = drawParameters(b, key);
    for (const k of a.keys) {
      if (a.health[a.index.get(k)!]) continue;
      assert.equal(vb[b.index.get(k)!], va[a.index.get(k)!], k);
    }
  }
  // And the engine's runs agree on everything but health for those draws.
  const model = prepareModel(withHealth);
  const ws = new Workspace(model.layout, 2);
  const out = new Float64Array(recordLength(model.record));
  const buffers = createIterationBuffers(model);
  const key = iterationKey(3, 0);
  const ctx = scenarioContexts(model, drawParameters(model.registry, key), buffers);
  simulateScenario(ctx[0], ws, new RandomDraws(key), out, {
    memo: { memo: new DrawMemo(model.record.years, model.layout), mode: "record" },
  });
  assert.ok(out[model.record.qalys] > 0);
});
