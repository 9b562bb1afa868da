import { exampleModelInput } from "./sim/example-model.ts";
import { prepareModel, scenarioContexts } from "./sim/model.ts";
import { drawParameters } from "./sim/parameters.ts";
import { iterationKey } from "./sim/rng.ts";
import { simulateScenario, Workspace } from "./sim/engine.ts";
import { RandomDraws } from "./sim/draws.ts";
import { recordLength } from "./sim/record.ts";
import { runAll } from "./sim/run.ts";
import { summarise } from "./sim/summary.ts";
const input = exampleModelInput();
input.interventions.push({
  id: "a",
  name: "a",
  target: { ageBands: ["75+"], complexity: ["middle"] },
  uptake: 0.5,
  capacity: null,
  targeting: "proportional",
  startYear: 1,
  rampUpYears: 0,
  durationYears: null,
  decayPerYear: 1,
  costPerParticipant: 100,
  fixedCostPerYear: 0,
  effects: {
    transitions: { worsening: { dist: "lognormal", meanlog: Math.log(0.8), sdlog: 0.1 } },
  },
});
input.scenarios.push({ name: "A", interventions: ["a"] }, { name: "B", interventions: ["a"] }, {
  name: "C",
  interventions: ["a"],
});
const m = prepareModel(input);
const N = 2000;
let t = performance.now();
const keys = [];
for (let i = 0; i < N; i++) keys.push(iterationKey(42, i));
console.log("keys", (performance.now() - t) / N * 1000, "us/it");
t = performance.now();
const vals = keys.map((k) => drawParameters(m.registry, k));
console.log("params", (performance.now() - t) / N * 1000, "us/it");
t = performance.now();
const ctxs = vals.map((v) => scenarioContexts(m, v));
console.log("contexts", (performance.now() - t) / N * 1000, "us/it");
const ws = new Workspace(m.layout, 2);
const out = new Float64Array(recordLength(m.record));
t = performance.now();
for (let i = 0; i < N; i++) {
  for (let s = 0; s < 4; s++) simulateScenario(ctxs[i][s], ws, new RandomDraws(keys[i]), out);
}
console.log("simulate", (performance.now() - t) / N / 4 * 1000, "us/scenario-it");
t = performance.now();
const run = runAll(m, 42, N);
console.log("runAll", (performance.now() - t) / N / 4 * 1000, "us/scenario-it");
t = performance.now();
summarise(m, run, { mode: "monte-carlo", seed: 42, interval: 0.95 });
console.log("summarise", (performance.now() - t) / N / 4 * 1000, "us/scenario-it");
