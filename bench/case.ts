/**
 * One benchmark case, run in its own process so its peak memory is its own. Prints one JSON
 * line: wall time, scenario-iterations per second, state-years per second, peak memory.
 * usage: deno run -A bench/case.ts CASE [iterations] [workers]
 */
import { loadStudy } from "../sim/load.ts";
import { runAll } from "../sim/run.ts";
import { runOnPool } from "../sim/parallel.ts";
import { summarise } from "../sim/summary.ts";
import { expected } from "../sim/index.ts";
import { exampleModelInput } from "../sim/example-model.ts";
import type { Study } from "../sim/study.ts";
import { nationalStudy } from "./national.ts";

const [name, iterationsArg, workersArg] = Deno.args;
const reference = JSON.parse(
  Deno.readTextFileSync(new URL("./reference-study.json", import.meta.url)),
) as Study;

function peakMegabytes(): number {
  const status = Deno.readTextFileSync("/proc/self/status");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function load(study: Study) {
  const { loaded, problems } = loadStudy(JSON.stringify(study), () => ({}));
  if (!loaded) throw new Error(JSON.stringify(problems));
  return loaded;
}

async function monteCarlo(study: Study, iterations: number, workers: number) {
  const loaded = load(study);
  const options = { ...loaded.options, iterations };
  const t0 = performance.now();
  const run = workers > 1
    ? await runOnPool(loaded.model, loaded.input, options, {
      workers,
      workerUrl: new URL("../sim/worker.ts", import.meta.url),
    })
    : runAll(loaded.model, options.seed, iterations);
  const simulated = performance.now();
  summarise(loaded.model, run, {
    mode: "monte-carlo",
    seed: options.seed,
    interval: options.interval,
  });
  const seconds = (performance.now() - t0) / 1000;
  const scenarios = loaded.input.scenarios.length;
  const states = loaded.model.layout.stateCount;
  const years = loaded.model.record.years;
  return {
    case: name,
    iterations,
    workers,
    scenarios,
    states,
    years,
    seconds,
    simulateSeconds: (simulated - t0) / 1000,
    summariseSeconds: (performance.now() - simulated) / 1000,
    scenarioIterationsPerSecond: iterations * scenarios / seconds,
    stateYearsPerSecond: iterations * scenarios * states * years / seconds,
    peakMegabytes: peakMegabytes(),
  };
}

let result: Record<string, unknown>;
const iterations = Number(iterationsArg);
const workers = Number(workersArg ?? 1);
switch (name) {
  case "reference":
    result = await monteCarlo(reference, iterations || 10_000, workers);
    break;
  case "national":
    result = await monteCarlo(nationalStudy(reference), iterations || 1000, workers);
    break;
  case "browser-worker":
    // The in-browser Web Worker runs this same code single-threaded: 1,000 iterations of the
    // example study (baseline only) stand in for it here.
    result = await monteCarlo(
      { ...reference, scenarios: [{ name: "Baseline", interventions: [] }], interventions: [] },
      iterations || 1000,
      1,
    );
    break;
  case "expected": {
    const input = load(reference).input;
    expected(exampleModelInput());
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      expected(input);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    result = {
      case: name,
      runs: 50,
      medianMs: times[25],
      maxMs: times[49],
      seconds: times[25] / 1000,
      peakMegabytes: peakMegabytes(),
    };
    break;
  }
  default:
    throw new Error(`unknown case ${name}`);
}
console.log(JSON.stringify(result));
