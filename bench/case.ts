/**
 * One benchmark case, run in its own process so its peak memory is its own. Prints one JSON
 * line: wall time, scenario-iterations per second, state-years per second, peak memory.
 * usage: deno run -A bench/case.ts CASE [iterations] [workers]
 * CASE: reference | reference-parameters | national | browser-worker | browser | browser-baseline |
 * browser-parameters | expected
 */
import { prepareStudy } from "../sim/study/prepare.ts";
import { BLOCK_WORKER_URL, BlockPool } from "../sim/parallel.ts";
import { deterministic, runStudy } from "../sim/api.ts";
import { prepareModel } from "../sim/model.ts";
import { exampleModelInput } from "../sim/example-model.ts";
import type { Study } from "../sim/study/format.ts";
import { nationalStudy } from "./national.ts";
import { RandomDraws } from "../sim/draws.ts";
import { runBlock } from "../sim/run.ts";
import type { IterationKey } from "../sim/rng.ts";
import { encodeStudy } from "../client/share.ts";
import { hasChromium, launch, startServer } from "../tests/browser-helpers.ts";

const [name, iterationsArg, workersArg] = Deno.args;
const reference = JSON.parse(
  Deno.readTextFileSync(new URL("./reference-study.json", import.meta.url)),
) as Study;

function peakMegabytes(): number {
  const status = Deno.readTextFileSync("/proc/self/status");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Calibration files are the shipped ones, in scenarios/ (as the server reads them). */
const SCENARIOS = new URL("../scenarios/", import.meta.url);

function load(study: Study) {
  const { loaded, problems } = prepareStudy(
    JSON.stringify(study),
    (path) => ({ text: Deno.readTextFileSync(new URL(path, SCENARIOS)) }),
  );
  if (!loaded) throw new Error(JSON.stringify(problems));
  return loaded;
}

async function monteCarlo(study: Study, iterations: number, workers: number) {
  const loaded = load(study);
  const pool = workers > 1 ? new BlockPool(BLOCK_WORKER_URL, workers) : undefined;
  const t0 = performance.now();
  let simulated = t0;
  await runStudy(loaded, {
    ...loaded.options,
    iterations,
    pool,
    decompose: false,
    // The simulation ends with the last block: the rest is the summary's tail (on a pool, blocks
    // are summarised as they arrive and the quantiles computed on the workers).
    onProgress: (done, total) => {
      if (done === total) simulated = performance.now();
    },
  });
  pool?.terminate();
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

/** Count draws: every binomial and Poisson variate the engine asks for. */
class CountingDraws extends RandomDraws {
  static count = 0;
  override binomial(n: number, p: number): number {
    CountingDraws.count++;
    return super.binomial(n, p);
  }
  override poisson(mean: number): number {
    CountingDraws.count++;
    return super.poisson(mean);
  }
}

/** Variates (count draws) per scenario-iteration, from a separate, untimed run. */
function variatesPerScenarioIteration(study: Study, iterations: number): number {
  const { model, input } = load(study);
  CountingDraws.count = 0;
  runBlock(model, 42, 0, iterations, (key: IterationKey) => new CountingDraws(key));
  return CountingDraws.count / (iterations * input.scenarios.length);
}

/**
 * The workbench in headless chromium: opens the study through a share link, leaves the page
 * a few seconds (as a reader would; the page warms its run worker meanwhile), then runs Monte
 * Carlo three times and times each click-to-results.
 */
async function inBrowser(study: Study, iterations: number) {
  if (!hasChromium) return { case: name, unavailable: "no /usr/bin/chromium" };
  const server = await startServer(
    `${await Deno.makeTempDir()}/bench.kv`,
    8700 + Math.floor(Math.random() * 200),
  );
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const fragment = await encodeStudy(JSON.stringify(study));
    await page.goto(`${server.url}/studies/falls-prevention#study=${fragment}`);
    await page.waitForFunction(() =>
      document.querySelector("[data-testid=results-mode]")?.textContent?.includes("updated in")
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const times: number[] = [];
    const pageTimes: number[] = [];
    let workers = "";
    await page.getByLabel("Iterations").fill(String(iterations));
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      await page.getByRole("button", { name: "Run Monte Carlo" }).click();
      // The previous run's timing goes when the run starts; this run's comes with its results.
      await page.waitForSelector("[data-testid=run-timing]", { state: "detached" });
      await page.waitForSelector("[data-testid=run-timing]", { timeout: 300_000 });
      times.push((performance.now() - t) / 1000);
      workers = await page.textContent("[data-testid=run-timing]") ?? "";
      // The page's own figure: from the click to the results arriving, before drawing them.
      pageTimes.push(Number(/([\d.]+) s/.exec(workers)?.[1] ?? NaN));
    }
    const sorted = [...times].sort((a, b) => a - b);
    return {
      case: name,
      iterations,
      scenarios: load(study).input.scenarios.length,
      runs: times,
      pageRuns: pageTimes,
      seconds: sorted[1],
      scenarioIterationsPerSecond: iterations * study.scenarios.length / sorted[1],
      workers: Number(/on (\d+) worker/.exec(workers)?.[1] ?? NaN),
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** The example study without its intervention scenarios. */
const baselineOnly: Study = {
  ...reference,
  scenarios: [{ name: "Baseline", interventions: [] }],
  interventions: [],
};

/** The reference study in "parameters" mode (expected counts per parameter draw). */
const withParameters: Study = { ...reference, uncertainty: "parameters" };

let result: Record<string, unknown>;
const iterations = Number(iterationsArg);
const workers = Number(workersArg ?? 1);
switch (name) {
  case "reference":
    result = await monteCarlo(reference, iterations || 10_000, workers);
    result.variatesPerScenarioIteration = variatesPerScenarioIteration(reference, 100);
    break;
  case "reference-parameters":
    // Parameter uncertainty only: counts at their expectations given each iteration's draws.
    result = await monteCarlo(withParameters, iterations || 10_000, workers);
    break;
  case "browser":
    result = await inBrowser(reference, iterations || 1000);
    break;
  case "browser-parameters":
    result = await inBrowser(withParameters, iterations || 1000);
    break;
  case "browser-baseline":
    result = await inBrowser(baselineOnly, iterations || 1000);
    break;
  case "national":
    result = await monteCarlo(nationalStudy(reference), iterations || 1000, workers);
    break;
  case "browser-worker":
    // A Deno stand-in for the browser: one thread, the example study's baseline only. The
    // "browser" case measures the workbench itself in chromium.
    result = await monteCarlo(baselineOnly, iterations || 1000, 1);
    break;
  case "expected": {
    const input = load(reference).input;
    deterministic({ model: prepareModel(exampleModelInput()) });
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      deterministic({ model: prepareModel(input) });
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
