/**
 * The engine's public face. Every host — the command line, the server, the browser's run
 * worker, the workbench's expected values and the benchmark — runs a study through these calls,
 * in Deno, a Web Worker or the browser alike:
 *
 * - `runStudy`: Monte Carlo, in this thread or on a pool of block workers, then the summary,
 *   the study's assertions and the split of each scenario by intervention (Shapley);
 * - `decomposeStudy`: that split alone, for a finished run;
 * - `summariseRun`: the summary and assertions of a run already simulated (merged shards);
 * - `deterministic`: the deterministic analysis — every parameter at its mean and every count at
 *   its expectation, no sampling (results mode "deterministic").
 *
 * A Monte Carlo run draws, in each iteration, the parameters and (by default) every count:
 * `RunOptions.uncertainty` "parameters" keeps the counts at their expectations given the drawn
 * parameters (the probabilistic mean without count noise; docs/model.md section 5).
 *
 * One rule says which scenarios are split by intervention: every scenario with at least one
 * intervention (`decomposedScenarios`).
 */
import { type AssertionOutcome, evaluateAssertions } from "./assertions.ts";
import { type Model, prepareModel } from "./model.ts";
import type { BlockPool } from "./parallel.ts";
import { runOnPool } from "./parallel.ts";
import { type BlockResult, runAll, RunCancelled, runDeterministic } from "./run.ts";
import {
  combineDecomposition,
  planDecomposition,
  type ScenarioDecomposition,
  subsetInput,
} from "./shapley.ts";
import type { Assertion } from "./study/format.ts";
import { STUDY_DEFAULTS } from "./study/defaults.ts";
import { type Results, summarise, SummaryBuilder, type SummaryOptions } from "./summary.ts";
import type { ModelInput, RunOptions, UncertaintyMode } from "./types.ts";
import type { HostFacts, RunFacts } from "./provenance.ts";

/** What the engine runs: a prepared model and, from a study, its assertions. */
export interface Runnable {
  model: Model;
  study?: { assertions?: Assertion[] };
  /** The study file's and CSV's hash, for the results' provenance (sim/provenance.ts). */
  studyHash?: string;
}

export interface RunRequest extends RunOptions, HostFacts {
  /** Block workers to spread the iterations over (default: this thread). */
  pool?: BlockPool;
  onProgress?: (done: number, total: number) => void;
  /** Aborting it stops the run (RunCancelled): on a pool at once, in this thread between blocks. */
  signal?: AbortSignal;
  /** Split each scenario by intervention (default true). */
  decompose?: boolean;
}

export interface StudyRun {
  results: Results;
  /** The raw iterations, merged in iteration order. */
  run: BlockResult;
  assertions: AssertionOutcome[];
  /** One per decomposed scenario (empty when `decompose` is false). */
  decompositions: ScenarioDecomposition[];
}

/**
 * Monte Carlo of every scenario, summarised, with assertions and the split by intervention. On a
 * pool, each block is summarised as it arrives (in iteration order, while later blocks run) and
 * the summary's quantiles are computed on the workers: the same results bit for bit.
 */
export async function runStudy(study: Runnable, request: RunRequest): Promise<StudyRun> {
  const { run, results } = await simulateAndSummarise(study, request);
  const assertions = evaluateAssertions(
    study.model,
    run,
    study.study?.assertions ?? [],
    request.interval,
  );
  const decompositions = request.decompose === false
    ? []
    : await decomposeStudy(study, { ...request, onProgress: undefined }, run);
  return { results, run, assertions, decompositions };
}

/** The summary and the assertions of a simulated run. */
export function summariseRun(
  study: Runnable,
  run: BlockResult,
  options: Pick<RunOptions, "seed" | "interval" | "uncertainty"> & HostFacts,
): { results: Results; assertions: AssertionOutcome[] } {
  const results = summarise(study.model, run, summaryOptions(study, options));
  const assertions = evaluateAssertions(
    study.model,
    run,
    study.study?.assertions ?? [],
    options.interval,
  );
  return { results, assertions };
}

/** How a Monte Carlo run of `study` with `options` is summarised. */
function summaryOptions(
  study: Runnable,
  options: Pick<RunOptions, "seed" | "interval" | "uncertainty"> & HostFacts,
): SummaryOptions {
  return {
    mode: "monte-carlo",
    seed: options.seed,
    interval: options.interval,
    uncertainty: options.uncertainty ?? STUDY_DEFAULTS.uncertainty,
    facts: runFacts(study, options),
  };
}

/**
 * The raw run and its summary: on the pool, blocks are summarised as they are folded and the
 * quantiles computed on the workers; in this thread, the run is summarised when complete.
 */
async function simulateAndSummarise(
  study: Runnable,
  request: RunRequest,
): Promise<{ run: BlockResult; results: Results }> {
  const { model } = study;
  const { pool, onProgress, signal } = request;
  if (!pool) {
    const run = await simulate(model, request);
    return { run, results: summarise(model, run, summaryOptions(study, request)) };
  }
  const builder = new SummaryBuilder(model, request.iterations, request.interval);
  const run = await runOnPool(model, model.input, request, {
    pool,
    onProgress,
    signal,
    onBlock: (block) => builder.add(block),
  });
  const answers = await pool.quantiles(builder.jobs(), signal);
  return { run, results: builder.finish(run, answers, summaryOptions(study, request)) };
}

/** The provenance facts of a run of `study` with `options` (sim/provenance.ts). */
function runFacts(
  study: Runnable,
  options: HostFacts & { uncertainty?: UncertaintyMode },
): RunFacts {
  const { uncertainty } = options;
  return {
    studyHash: study.studyHash,
    uncertainty,
    denoVersion: options.denoVersion,
  };
}

/** The scenarios split by intervention: every scenario with at least one intervention. */
export function decomposedScenarios(input: ModelInput): number[] {
  return input.scenarios.flatMap((s, i) => (s.interventions.length > 0 ? [i] : []));
}

/**
 * Each decomposed scenario split by intervention (Shapley values over subsets of its
 * interventions, docs/model.md section 7), with the run's seed and iterations. A subset that is
 * already one of the study's scenarios, with its interventions in the same order, is read from
 * `run` (the same numbers bit for bit: same seed, draws and streams); the rest are simulated,
 * on the pool when there is one.
 */
export async function decomposeStudy(
  study: Runnable,
  request: RunRequest,
  run?: BlockResult,
): Promise<ScenarioDecomposition[]> {
  const { model } = study;
  const out: ScenarioDecomposition[] = [];
  for (const index of decomposedScenarios(model.input)) {
    if (request.signal) {
      // Between scenarios, let the caller's events run: one may cancel the rest.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (request.signal.aborted) throw new RunCancelled();
    }
    const plan = planDecomposition(model.input, index, request.seed);
    const records: (Float64Array | undefined)[] = plan.subsets.map((s) => {
      const sc = run ? scenarioOf(model.input, s.interventions) : -1;
      return sc >= 0 ? run!.records[sc] : undefined;
    });
    const missing = plan.subsets.filter((_, k) => !records[k]);
    if (missing.length) {
      // A model needs a baseline: the empty subset always comes first.
      const simulated = [plan.subsets[0], ...missing.filter((s) => s !== plan.subsets[0])];
      const sub = prepareModel(subsetInput(model.input, simulated));
      const subRun = await simulate(sub, { ...request, onProgress: undefined });
      simulated.forEach((s, k) => {
        const at = plan.subsets.indexOf(s);
        if (!records[at]) records[at] = subRun.records[k];
      });
    }
    out.push(
      combineDecomposition(
        model,
        plan,
        records as Float64Array[],
        request.iterations,
        request.interval,
      ),
    );
  }
  return out;
}

/** The scenario with exactly these interventions in this order, or −1. */
function scenarioOf(input: ModelInput, interventions: string[]): number {
  return input.scenarios.findIndex((s) =>
    s.interventions.length === interventions.length &&
    s.interventions.every((id, i) => id === interventions[i])
  );
}

/**
 * How many subsets of interventions `decomposeStudy` will simulate after a run of `input`
 * with `seed` (subsets that are not already scenarios of the study): 0 when the split is quick.
 */
export function subsetsToSimulate(input: ModelInput, seed: number | string): number {
  return decomposedScenarios(input).reduce(
    (n, index) =>
      n +
      planDecomposition(input, index, seed).subsets.filter((s) =>
        scenarioOf(input, s.interventions) < 0
      ).length,
    0,
  );
}

/**
 * The deterministic analysis: every parameter at its mean and every count at its expectation
 * (the same cycle code, no sampling). Results have mode "deterministic" and no uncertainty
 * mode. It is not the Monte Carlo mean: outputs are non-linear in the parameters, so the mean
 * over parameter draws differs (docs/model.md section 5).
 */
export function deterministic(
  study: Runnable & { options?: { interval: number } },
  host: HostFacts = {},
): Results {
  return summarise(study.model, runDeterministic(study.model), {
    mode: "deterministic",
    seed: null,
    interval: study.options?.interval ?? STUDY_DEFAULTS.interval,
    uncertainty: null,
    facts: runFacts(study, host),
  });
}

/** The raw iterations of every scenario, on the pool or in this thread. */
async function simulate(model: Model, request: RunRequest): Promise<BlockResult> {
  const { pool, onProgress, signal, uncertainty } = request;
  if (pool) return await runOnPool(model, model.input, request, { pool, onProgress, signal });
  return runAll(model, request.seed, request.iterations, { onProgress, signal, uncertainty });
}
