/**
 * `deno task bench`: every case in its own process (bench/case.ts), plus the numpy reference in
 * the same session, so the speed ratio is measured on the same machine at the same time.
 * Prints a table and writes bench/results/<time>.json and bench/results/latest.json; when an
 * earlier latest.json exists, shows the change against it.
 * Options: --quick (fewer iterations, for a smoke run), --national-iterations N (default one
 * block of iterations per core, so every core has a block: the full 1,000 take much longer; the
 * time for 1,000 is projected from N, start-up included, so the projection errs long; --quick
 * takes two blocks, the second of one iteration).
 */
import { BLOCK_SIZE } from "../sim/run.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const quick = Deno.args.includes("--quick");
const cores = navigator.hardwareConcurrency ?? 1;
const nationalArg = Deno.args.indexOf("--national-iterations");
const nationalIterations = nationalArg >= 0
  ? Number(Deno.args[nationalArg + 1])
  : quick
  ? BLOCK_SIZE + 1
  : BLOCK_SIZE * Math.max(2, cores);
const referenceIterations = quick ? 1000 : 10_000;

async function run(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, cwd: ROOT, stderr: "piped", stdout: "piped" })
    .output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${new TextDecoder().decode(out.stderr)}`);
  }
  return text;
}

async function benchCase(name: string, iterations: number, workers: number) {
  const text = await run(Deno.execPath(), [
    "run",
    "-A",
    "bench/case.ts",
    name,
    String(iterations),
    String(workers),
  ]);
  return JSON.parse(text.trim().split("\n").pop()!);
}

/** The numpy comparator: random counts, or their expectations ("parameters" mode's work). */
async function numpy(mode: "counts" | "expected" = "counts") {
  try {
    const text = await run("python3", [
      "bench/numpy_reference.py",
      String(referenceIterations),
      "10",
      "42",
      mode,
    ]);
    const perSecond = Number(/iterations_per_s=(\d+)/.exec(text)?.[1]);
    const variatesPerSecond = Number(/variates_per_s=([\d.e+]+)/.exec(text)?.[1]);
    const seconds = Number(/seconds=([\d.]+)/.exec(text)?.[1]);
    return {
      case: mode === "counts" ? "numpy-reference" : "numpy-reference-expected",
      iterations: referenceIterations,
      seconds,
      scenarioIterationsPerSecond: perSecond,
      // Expected counts draw nothing: no variates to count.
      ...(mode === "counts" ? { variatesPerScenarioIteration: variatesPerSecond / perSecond } : {}),
    };
  } catch (error) {
    return {
      case: "numpy-reference",
      unavailable: error instanceof Error ? error.message.split("\n")[0] : String(error),
    };
  }
}

const started = new Date().toISOString();
const results: Record<string, Record<string, unknown>> = {};
results.numpy = await numpy();
results.numpyParameters = await numpy("expected");
results.referenceSingle = await benchCase("reference", referenceIterations, 1);
results.referenceAllCores = await benchCase("reference", referenceIterations, cores);
results.referenceParameters = await benchCase("reference-parameters", referenceIterations, 1);
results.national = await benchCase("national", nationalIterations, cores);
results.expected = await benchCase("expected", 0, 1);
results.browserWorker = await benchCase("browser-worker", 1000, 1);
results.browser = await benchCase("browser", 1000, 1);
results.browserBaseline = await benchCase("browser-baseline", 1000, 1);
results.browserParameters = await benchCase("browser-parameters", 1000, 1);

const numpyRate = results.numpy.scenarioIterationsPerSecond as number | undefined;
for (const key of ["referenceSingle", "referenceAllCores"]) {
  const r = results[key];
  r.ratioToNumpy = numpyRate ? (r.scenarioIterationsPerSecond as number) / numpyRate : null;
}
// The same comparison per variate: the two models draw different numbers of counts for the
// same study, so this says how fast each draws, not how much each draws.
const nanosecondsPerVariate = (r: Record<string, unknown>) =>
  r.scenarioIterationsPerSecond && r.variatesPerScenarioIteration
    ? 1e9 / ((r.scenarioIterationsPerSecond as number) * (r.variatesPerScenarioIteration as number))
    : null;
for (const key of ["numpy", "referenceSingle", "referenceAllCores"]) {
  results[key].nanosecondsPerVariate = nanosecondsPerVariate(results[key]);
}
results.referenceAllCores.variatesPerScenarioIteration =
  results.referenceSingle.variatesPerScenarioIteration;
results.referenceAllCores.nanosecondsPerVariate = nanosecondsPerVariate(
  results.referenceAllCores,
);
// Parameters mode against numpy doing the same expected-count work, vectorised over iterations.
{
  const numpyParameters = results.numpyParameters.scenarioIterationsPerSecond as number | undefined;
  results.referenceParameters.ratioToNumpy = numpyParameters
    ? (results.referenceParameters.scenarioIterationsPerSecond as number) / numpyParameters
    : null;
}
const national = results.national;
national.projectedSecondsFor1000 = (national.seconds as number) * 1000 / nationalIterations;

// Both workers against one, end to end (summary included).
results.referenceAllCores.speedupOverOneWorker = (results.referenceSingle.seconds as number) /
  (results.referenceAllCores.seconds as number);

// Issue 16's goals (they replace issue 5's 3× numpy, which rested on a wrong estimate of what an
// exact draw costs).
const goals = {
  referenceSingle: "≥ 1.2× numpy, one thread, counts mode",
  referenceAllCores: "two workers ≥ 1.85× one worker, end to end",
  referenceParameters: "10,000 iterations < 0.5 s, one thread",
  national: "1,000 iterations < 6.5 min on 2 cores, peak < 2 GB",
  expected: "< 10 ms",
  browserWorker: "1,000 iterations < 1 s",
  browser: "1,000 iterations < 1 s",
  browserBaseline: "1,000 iterations < 1 s",
  browserParameters: "1,000 iterations < 0.3 s",
};
const report = { started, machine: { cores, deno: Deno.version.deno, quick }, goals, results };
const dir = `${ROOT}bench/results`;
await Deno.mkdir(dir, { recursive: true });
let previous: typeof report | null = null;
try {
  previous = JSON.parse(await Deno.readTextFile(`${dir}/latest.json`));
} catch { /* first run */ }
await Deno.writeTextFile(
  `${dir}/${started.replace(/[:.]/g, "-")}.json`,
  JSON.stringify(report, null, 1),
);
await Deno.writeTextFile(`${dir}/latest.json`, JSON.stringify(report, null, 1));

const fmt = (
  v: unknown,
  digits = 2,
) => (typeof v === "number" ? v.toFixed(digits) : String(v ?? "–"));
const rows = [
  [
    "case",
    "wall s",
    "scenario-it/s",
    "state-years/s",
    "peak MB",
    "variates/it",
    "ns/variate",
    "vs numpy",
    "speed vs previous run",
  ],
  ...Object.entries(results).map(([key, r]) => {
    const earlier = previous?.results?.[key];
    // Compare rates (scenario-iterations per second), so runs of different sizes compare fairly;
    // for the expected-value case, the median time.
    const change = earlier?.scenarioIterationsPerSecond && r.scenarioIterationsPerSecond
      ? (r.scenarioIterationsPerSecond as number) / (earlier.scenarioIterationsPerSecond as number)
      : earlier?.medianMs && r.medianMs
      ? (earlier.medianMs as number) / (r.medianMs as number)
      : null;
    return [
      key,
      fmt(r.seconds, 3),
      fmt(r.scenarioIterationsPerSecond, 0),
      fmt(r.stateYearsPerSecond, 0),
      fmt(r.peakMegabytes, 0),
      r.variatesPerScenarioIteration === undefined ? "" : fmt(r.variatesPerScenarioIteration, 0),
      r.nanosecondsPerVariate ? fmt(r.nanosecondsPerVariate, 0) : "",
      r.ratioToNumpy === undefined ? "" : fmt(r.ratioToNumpy),
      change === null ? "" : `${fmt(change)}×`,
    ];
  }),
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) {
  console.log(r.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  "));
}
console.log(
  `\nnational: ${nationalIterations} iterations measured; 1,000 projected at ${
    fmt(national.projectedSecondsFor1000, 0)
  } s.`,
);
console.log(`expected values: median ${fmt(results.expected.medianMs, 1)} ms.`);
console.log(
  `two workers: ${fmt(results.referenceAllCores.speedupOverOneWorker)}× one worker, end to end.`,
);
for (const key of ["browser", "browserBaseline", "browserParameters"]) {
  const r = results[key];
  console.log(
    r.unavailable
      ? `${key}: ${r.unavailable}`
      : `${key} (chromium, ${r.workers} workers, ${r.scenarios} scenarios): runs ${
        (r.runs as number[]).map((x) => x.toFixed(2)).join(", ")
      } s.`,
  );
}
console.log(`Goals: ${JSON.stringify(goals)}`);
console.log(`Wrote bench/results/latest.json`);
