/**
 * Heterogeneous effects (sim/effects.ts, sim/interventions.ts, sim/amenable.ts): modifiers by
 * age band, complexity and quintile; effects on the amenable share or a given share of an
 * activity — checked against the multiplier written out by hand, state by state.
 */
import assert from "node:assert/strict";
import { amenableShares } from "../../sim/amenable.ts";
import { deterministic } from "../../sim/api.ts";
import { prepareModel, scenarioContexts } from "../../sim/model.ts";
import { buildRegistry, meanParameters } from "../../sim/parameters.ts";
import { exampleModelInput } from "../../sim/example-model.ts";
import type { Effect, InterventionSpec, ModelInput } from "../../sim/types.ts";

/** An intervention reaching everyone it targets from year 1, with one effect on admissions. */
function everyone(nonElective: Effect, target: InterventionSpec["target"] = {}): InterventionSpec {
  return {
    id: "iv",
    name: "Everyone",
    target,
    uptake: 1,
    capacity: null,
    targeting: "proportional",
    startYear: 1,
    rampUpYears: 0,
    durationYears: null,
    decayPerYear: 1,
    costPerParticipant: 0,
    fixedCostPerYear: 0,
    effects: { activity: { nonElective } },
  };
}

function withIntervention(iv: InterventionSpec): ModelInput {
  const input = exampleModelInput();
  input.horizonYears = 2;
  input.interventions = [iv];
  input.scenarios = [
    { name: "Baseline", interventions: [] },
    { name: "With", interventions: ["iv"] },
  ];
  return input;
}

/**
 * Year-1 non-elective admissions avoided, by hand: Σ_s N_s · r_s · gain_s over the states, with
 * N_s the year-1 population by state (from the run), r_s the state's admission rate at the
 * parameter means and gain_s the share of the rate an enrolled person loses.
 */
function avoidedByHand(input: ModelInput, gain: (s: number) => number): number {
  const model = prepareModel(input);
  const r = deterministic({ model });
  const [ctx] = scenarioContexts(model, meanParameters(model.registry));
  const people = r.scenarios[0].statePopulation[1];
  let total = 0;
  for (let s = 0; s < model.layout.stateCount; s++) {
    total += people[s] * ctx.rates.activity[0][s] * gain(s);
  }
  return total;
}

function avoidedByEngine(input: ModelInput): number {
  const r = deterministic({ model: prepareModel(input) });
  return -r.scenarios[1].deltas!["activity.nonElective"].mean[1];
}

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

Deno.test("modifiers multiply the relative risk by band, level and quintile (log RR scale)", () => {
  const effect: Effect = {
    rr: 0.8,
    modifiers: {
      ageBand: { "75+": 0.5 },
      complexity: { high: 1.1 },
      quintile: { "1": 1.25 },
    },
  };
  const input = withIntervention(everyone(effect));
  const model = prepareModel(input);
  const { layout } = model;
  const byHand = avoidedByHand(input, (s) => {
    let k = 1;
    if (layout.ageBands[layout.ageBand[s]] === "75+") k *= 0.5;
    if (layout.levels[layout.level[s]] === "high") k *= 1.1;
    if (layout.quintile[s] === 0) k *= 1.25;
    return 1 - 0.8 * k;
  });
  close(avoidedByEngine(input), byHand, "admissions avoided");
  // In Q1 below 75 at low or middle complexity RR 0.8 × 1.25 = 1: an intervention reaching only
  // them changes nothing.
  const none = withIntervention(
    everyone(effect, {
      ageBands: ["0-17", "18-74"],
      complexity: ["low", "middle"],
      quintiles: [1],
    }),
  );
  assert.equal(avoidedByEngine(none) + 0, 0);
  assert.ok(avoidedByEngine(input) > 0);
});

Deno.test("an effect with every modifier at 1 is the bare effect, exactly", () => {
  const bare = avoidedByEngine(withIntervention(everyone(0.8)));
  const unity = avoidedByEngine(withIntervention(everyone({
    rr: 0.8,
    modifiers: { ageBand: { "75+": 1 }, quintile: { "3": 1 } },
  })));
  assert.equal(unity, bare);
  assert.ok(bare > 0);
});

Deno.test("appliesTo amenable: the RR changes the state's amenable share of admissions only", () => {
  const input = withIntervention(everyone({ rr: 0.5, appliesTo: "amenable" }));
  const model = prepareModel(input);
  assert.ok(model.amenablePlan);
  const values = meanParameters(model.registry);
  const a = amenableShares(
    model.amenablePlan!,
    model.layout,
    values,
    new Float64Array(model.layout.stateCount),
  );
  close(avoidedByEngine(input), avoidedByHand(input, (s) => a[s] * 0.5), "admissions avoided");
  // The band's year-0 admission-weighted average share is the band's own share.
  const { layout, calibration, initial } = model;
  for (const band of layout.ageBands) {
    let weighted = 0;
    let total = 0;
    for (let s = 0; s < layout.stateCount; s++) {
      if (layout.ageBands[layout.ageBand[s]] !== band) continue;
      const w = initial[s] * calibration[layout.segment[s]].rate.nonElective;
      weighted += w * a[s];
      total += w;
    }
    const share = values[model.registry.index.get(`amenableShare.nonElective.${band}`)!];
    close(weighted / total, share, `band ${band}`);
  }
  // Middle and high complexity carry the larger share (the default ratio 1.2), low the smaller.
  const at = (band: string, level: string) => {
    const s = layout.ageBand.findIndex((g, s) =>
      layout.ageBands[g] === band && layout.levels[layout.level[s]] === level
    );
    return a[s];
  };
  assert.ok(at("75+", "high") > at("75+", "low"));
  close(at("75+", "high"), at("75+", "middle"), "75+ middle and high");
});

Deno.test("a given share: RR 0.5 on 20% of admissions is RR 0.9 on all of them", () => {
  const share = avoidedByEngine(withIntervention(everyone({ rr: 0.5, share: 0.2 })));
  const plain = avoidedByEngine(withIntervention(everyone(0.9)));
  close(share, plain, "admissions avoided");
});

Deno.test("amenable shares are drawn only when an effect uses them", () => {
  const plain = withIntervention(everyone(0.8));
  const amenable = withIntervention(everyone({ rr: 0.8, appliesTo: "amenable" }));
  const keys = (input: ModelInput) =>
    buildRegistry(input.parameters, input.interventions).keys.filter((k) =>
      k.startsWith("amenableShare.")
    );
  assert.deepEqual(keys(plain), []);
  assert.deepEqual(keys(amenable), [
    "amenableShare.complexityRatio.high",
    "amenableShare.complexityRatio.middle",
    "amenableShare.nonElective.0-17",
    "amenableShare.nonElective.18-74",
    "amenableShare.nonElective.75+",
  ]);
  assert.equal(prepareModel(plain).amenablePlan, null);
});

Deno.test("effects on moves and death take modifiers and shares too", () => {
  const input = withIntervention(everyone(1));
  input.interventions[0].effects = {
    transitions: { worsening: { rr: 0.5, share: 0.4, modifiers: { complexity: { low: 2 } } } },
    death: { rr: 0.9, modifiers: { ageBand: { "0-17": 0 } } },
  };
  const model = prepareModel(input);
  const values = meanParameters(model.registry);
  const rt = scenarioContexts(model, values)[1].runtimes[0];
  const { layout } = model;
  const C = layout.levels.length;
  for (let s = 0; s < layout.stateCount; s++) {
    const level = layout.level[s];
    for (let to = 0; to < C; to++) {
      const expected = to > level ? 0.4 * (1 - 0.5 * (level === 0 ? 2 : 1)) : 0;
      close(rt.moveGain[s * C + to], expected, `state ${s} to ${to}`);
    }
    const child = layout.ageBands[layout.ageBand[s]] === "0-17";
    close(rt.deathGain[s], child ? 1 : 1 - 0.9, `death, state ${s}`);
  }
});
