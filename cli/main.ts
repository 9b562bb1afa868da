/**
 * `deno task sim <command>`: run, merge, slurm, compare, check, validate, upgrade, diff,
 * calibrate, resolve and deterministic (`expected` is its old name, kept as an alias).
 * Exit codes: 0 success, 1 an assertion failed, 2 bad input or usage, 3 an internal error.
 */
import { join } from "node:path";
import { buildComparison, comparisonText } from "../report/comparison.ts";
import { summaryCsv } from "../report/csv.ts";
import { count, money, moneyChange, slug } from "../report/format.ts";
import { reportHtml } from "../report/html.tsx";
import { workbookXlsx } from "../report/workbook.ts";
import type { PreparedStudy } from "../sim/study/prepare.ts";
import { describeResolved } from "../sim/resolved.ts";
import { MAX_ITERATIONS, MAX_SEED_LENGTH } from "../sim/study/schema.ts";
import type { Results } from "../sim/summary.ts";
import { decomposeStudy, deterministic, runStudy, summariseRun } from "../sim/api.ts";
import {
  choiceOption,
  intOption,
  parseArgs,
  type Parsed,
  stringOption,
  UsageError,
} from "./args.ts";
import { type RunOptions, UNCERTAINTY_MODES } from "../sim/types.ts";
import { defaultWorkers, executeBlocks, withPool } from "./execute.ts";
import { parseShard, readShard, shardBlocks, shardFiles, type ShardManifest } from "./shards.ts";
import type { AssertionOutcome } from "../sim/assertions.ts";
import { own } from "../sim/validate.ts";
import { modelInputHash } from "../sim/provenance.ts";
import { prepareStudy } from "../sim/study/prepare.ts";
import { formatProblem, InputError } from "../sim/problems.ts";
import { recordLength } from "../sim/record.ts";
import { mergeBlocks } from "../sim/run.ts";
import type { ScenarioDecomposition } from "../sim/shapley.ts";
import { contributionText } from "../report/decomposition.ts";
import { valueText } from "../report/value-tables.ts";
import { loadStudyFile, writeDirectoryAtomically } from "./files.ts";
import { withinBudget } from "./budget.ts";
import { progressBar } from "./progress.ts";
import { commandSlurm, SLURM_HELP } from "./slurm.ts";
import { HOST, provenanceFile } from "./provenance.ts";
import { checkExitCode, type CheckRecord, elapsed, outcomeLine } from "./check-outcome.ts";
import { writeCheckReports } from "./check-report.ts";
import { commandDiff, DIFF_HELP } from "./diff.ts";
import { commandUpgrade, UPGRADE_HELP } from "./upgrade.ts";

const UNCERTAINTY_HELP =
  `--uncertainty MODE  what each iteration draws (default: the study's "uncertainty", else
                    "parameters+counts"): "parameters+counts" draws the parameters and every
                    count (people, events, activity) — for budget risk, where the noise of a
                    finite population matters; "parameters" draws the parameters and keeps
                    every count at its expectation given them — for cost-effectiveness and
                    value of information, which need parameter uncertainty without count noise.`;

/** The uncertainty mode a shard ran in (shards written before modes existed drew counts too). */
function shardUncertainty(m: ShardManifest) {
  return m.uncertainty ?? "parameters+counts";
}
import { CALIBRATE_HELP, CalibrateProblems, commandCalibrate } from "./calibrate.ts";

const HELP: Record<string, string> = {
  main: `Careshift command line

Usage: deno task sim <command> [options]

Commands:
  run STUDY        simulate and write results.json, summary.csv, report.html and results.xlsx
  merge SHARD...   join the shards of a run split with run --shard K/N
  slurm STUDY      run the study on Slurm: N shards as a job array, then a merge job
  compare STUDY    print every scenario against the baseline
  check STUDY...   evaluate the studies' assertions (exit 1 if any fails)
  validate STUDY...  check study files (exit 2 with every problem listed)
  upgrade STUDY... upgrade files of an older study format version (--write to replace them)
  diff OLD NEW     compare two runs against their Monte Carlo error (exit 1 if anything moved)
  calibrate STUDY  fit the baseline to the study's targets; write the posterior runs use
  resolve STUDY    print the whole model the engine runs, as JSON
  deterministic STUDY  the deterministic analysis: trajectories with every parameter at its
                   mean and every count at its expectation (no sampling); "expected" is an alias

Run "deno task sim <command> --help" for a command's options.
Runs estimated above about 20 billion state-cycles (states × scenarios × cycles × iterations)
or 4 GB of memory are refused unless --force is given.
Exit codes: 0 success, 1 assertion failed, 2 bad input or usage, 3 internal error.`,
  run:
    `Usage: deno task sim run STUDY [--iterations N] [--seed S] [--uncertainty MODE] [--workers W] [--out DIR] [--shard K/N] [--force]

Simulates the study and writes, into DIR (default out/<study name>):
  results.json     full summaries (every measure, year and scenario), each intervention's
                   contribution to its scenario (Shapley), assertions, provenance
  summary.csv      one row per scenario × year × measure, and per intervention contribution
  provenance.json  study and input hashes, engine and Deno versions, seed, iterations,
                   uncertainty mode (the same as results.json's results.provenance)
  report.html      self-contained report: logic models, comparison, charts
  results.xlsx     Excel workbook for finance: cover sheet (study, run, seed, versions), data
                   dictionary (every column and measure with unit and meaning), assumptions
                   with sources and rationale, results by scenario × year × measure, assertions
The directory is replaced only when every file is complete.

--shard K/N runs only the K-th of N equal ranges of iterations and writes a shard directory
(default out/<study name>/shard-K-of-N); "deno task sim merge" joins shards into results
identical to a single run.

${UNCERTAINTY_HELP}

--force runs a study estimated above the default limit (about 20 billion state-cycles or 4 GB).`,
  merge: `Usage: deno task sim merge SHARD_DIR... [--out DIR] [--force]

Joins the shards written by "run --shard K/N" (all N of them, from the same study, seed and
iteration count) into results.json, summary.csv and report.html byte for byte identical to a
single run's, for any number of workers. The by-intervention contributions are recomputed here
from their own subset runs (same seed and iterations), so merging costs those runs.`,
  compare:
    `Usage: deno task sim compare STUDY [--iterations N] [--seed S] [--uncertainty MODE] [--workers W] [--by-intervention] [--force]

Prints the side-by-side comparison of every scenario against the baseline: health (QALYs,
life-years, deaths), activity, cost by sector (who pays, who saves), net cost, probability of
saving, ROI, value for money (ICER, net monetary benefit and probability cost-effective at each
threshold) and inequality; then the incremental analysis across scenarios, payback and the
value of information (EVPI, EVPPI by group).
--by-intervention adds, for each scenario, each intervention's contribution (Shapley value over
subsets of its interventions, same random numbers): own cost, net cost, probability of saving,
ROI, admissions and SII, flagging interventions that add cost without benefit.

${UNCERTAINTY_HELP}`,
  check:
    `Usage: deno task sim check STUDY... [--iterations N] [--uncertainty MODE] [--workers W] [--junit FILE] [--json FILE] [--force]

Evaluates each study's assertions and prints each with its measured value and interval (and,
where the study gives one, the reason the assertion says what it says).
Exit 0 when all hold, 1 when any fails, 2 when a study is invalid.

--junit FILE  writes JUnit XML for CI systems: a test suite per study, a test case per
              assertion; a failure carries the measured value, interval and probability; an
              invalid study is an errored test case (docs/ci.md, schema docs/ci/junit.xsd)
--json FILE   writes every study's outcome, assertions and provenance as JSON

${UNCERTAINTY_HELP}`,
  validate: `Usage: deno task sim validate STUDY...

Checks study files and their segmentation CSVs. Exit 0 when all are valid; 2 with every
problem listed (file, JSON path or CSV row and column, what was found and expected).`,
  resolve: `Usage: deno task sim resolve STUDY [--iteration K] [--seed S]

Prints the whole model the engine runs, as JSON, enough to reproduce the deterministic run
without Careshift: the states (area × age group × complexity × quintile) and their year-0
people, every per-state rate after every normalisation (deaths, moves, ageing, migration,
activity, unit costs, social care), the entrants, each intervention's eligible states, uptake,
fill order, relative risks, costs and timing, the scenarios, every parameter's distribution and
the value used, the posterior in use, and the rules: the order of events in a cycle, the cycle
conversion, enrolment, capacity, ramp-up and decay, and what the record holds.

Without --iteration: the deterministic analysis's values (prior means; posterior means for
calibrated parameters). With --iteration K: iteration K's drawn parameters and the rates they
give (posterior draw K mod N for calibrated parameters), for the study's seed or --seed.`,
  slurm: SLURM_HELP,
  diff: DIFF_HELP,
  upgrade: UPGRADE_HELP,
  calibrate: CALIBRATE_HELP,
  deterministic: `Usage: deno task sim deterministic STUDY [--json] [--force]

The deterministic analysis: every parameter at its mean (the posterior mean for calibrated
parameters) and every count at its expectation, one pass, no sampling. It is not the Monte Carlo mean (outputs are not linear in the parameters: see
docs/model.md section 5). --json prints the full results in the same shape as results.json
(mode "deterministic").
"deno task sim expected" is the same command under its old name.`,
};

class InputProblems extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
  }
}

function load(path: string, beforePrepare?: Parameters<typeof loadStudyFile>[1]): PreparedStudy {
  const { loaded, problems } = loadStudyFile(path, beforePrepare);
  if (!loaded) throw new InputProblems(problems);
  return loaded;
}

function runOptions(loaded: PreparedStudy, p: Parsed): { options: RunOptions; workers: number } {
  const iterations = intOption(p, "iterations", 1, MAX_ITERATIONS) ?? loaded.options.iterations;
  const seedText = stringOption(p, "seed");
  if (
    seedText !== undefined &&
    (seedText.length > MAX_SEED_LENGTH ||
      (/^-?\d+$/.test(seedText) && !Number.isSafeInteger(Number(seedText))))
  ) {
    throw new UsageError(
      `--seed must be a whole number (at most ${Number.MAX_SAFE_INTEGER}) or text of at most ${MAX_SEED_LENGTH} characters`,
    );
  }
  const seed = seedText === undefined
    ? loaded.options.seed
    : /^-?\d+$/.test(seedText)
    ? Number(seedText)
    : seedText;
  const workers = intOption(p, "workers", 1, 64) ?? defaultWorkers();
  const uncertainty = choiceOption(p, "uncertainty", UNCERTAINTY_MODES) ??
    loaded.options.uncertainty;
  return { options: { ...loaded.options, iterations, seed, uncertainty, ...HOST }, workers };
}

function one(p: Parsed, command: string): string {
  if (p.positional.length !== 1) {
    const help = HELP[command === "expected" ? "deterministic" : command];
    throw new UsageError(`${command} takes one study file\n\n${help}`);
  }
  return p.positional[0];
}

function baselineOf(results: Results) {
  const base = results.scenarios.find((s) => s.deltas === null)!;
  return {
    population: base.absolute.population.mean[0],
    cost: base.absolute["cost.service"].mean[0],
  };
}

async function writeRunOutputs(
  out: string,
  loaded: PreparedStudy,
  results: Results,
  assertions: AssertionOutcome[],
  contributions: ScenarioDecomposition[],
): Promise<void> {
  const study = loaded.study;
  const document = {
    study: {
      name: study.name,
      description: study.description,
      scenarios: study.scenarios,
      interventions: study.interventions ?? [],
    },
    results,
    contributions,
    assertions,
  };
  writeDirectoryAtomically(out, {
    "results.json": JSON.stringify(document, null, 1) + "\n",
    "summary.csv": summaryCsv(results, contributions),
    "provenance.json": provenanceFile(results),
    "report.html": reportHtml(study, results, assertions, contributions),
    "results.xlsx": await workbookXlsx({
      study,
      schemaVersion: loaded.schemaVersion,
      results,
      assertions,
    }),
  });
}

async function commandRun(args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    ["iterations", "seed", "workers", "out", "shard", "uncertainty"],
    ["force"],
  );
  const path = one(p, "run");
  const shardText = stringOption(p, "shard");
  const file = loadStudyFile(path, withinBudget(p, { decomposition: shardText === undefined }));
  if (!file.loaded) throw new InputProblems(file.problems);
  const loaded = file.loaded;
  const { options, workers } = runOptions(loaded, p);
  if (shardText !== undefined) {
    const shard = parseShard(shardText);
    if (!shard) throw new UsageError(`--shard must be K/N with 1 ≤ K ≤ N (got ${shardText})`);
    const blocks = shardBlocks(options.iterations, shard);
    const bar = progressBar(`Shard ${shard.index}/${shard.count}`);
    const results = await executeBlocks(loaded, options, workers, blocks, bar);
    bar.end();
    const out = stringOption(p, "out") ??
      join("out", slug(loaded.study.name), `shard-${shard.index}-of-${shard.count}`);
    const manifest: ShardManifest = {
      format: "careshift-shard-1",
      shard,
      studyText: file.studyText!,
      csvText: file.csvText ?? null,
      files: file.files,
      inputHash: modelInputHash(loaded.input),
      seed: options.seed,
      iterations: options.iterations,
      interval: options.interval,
      uncertainty: options.uncertainty,
      blocks,
      scenarios: loaded.input.scenarios.length,
      recordValues: recordLength(loaded.model.record),
      stateValues: loaded.model.record.years * loaded.model.layout.stateCount,
      areaValues: loaded.model.record.areaValues,
    };
    writeDirectoryAtomically(out, shardFiles(manifest, results));
    const count = blocks.reduce((n, [, c]) => n + c, 0);
    console.log(`Wrote shard ${shard.index} of ${shard.count} (${count} iterations) to ${out}.`);
    return 0;
  }
  const bar = progressBar("Simulating");
  const { results, assertions, decompositions: contributions } = await withPool(
    workers,
    (pool) => runStudy(loaded, { ...options, pool, onProgress: bar }),
  );
  bar.end();
  const out = stringOption(p, "out") ?? join("out", slug(loaded.study.name));
  await writeRunOutputs(out, loaded, results, assertions, contributions);
  console.log(
    `Wrote ${out}/results.json, summary.csv, provenance.json, report.html and results.xlsx (${
      count(options.iterations)
    } iterations, seed ${options.seed}, uncertainty: ${options.uncertainty}).`,
  );
  return 0;
}

async function commandMerge(args: string[]): Promise<number> {
  const p = parseArgs(args, ["out"], ["force"]);
  if (p.positional.length === 0) {
    throw new UsageError(`merge needs the shard directories\n\n${HELP.merge}`);
  }
  const shards = p.positional.map((dir) => {
    try {
      return { dir, ...readShard(dir) };
    } catch (error) {
      throw new InputProblems([
        `${dir}: ${error instanceof Error ? error.message : String(error)}`,
      ]);
    }
  });
  const first = shards[0].manifest;
  const problems: string[] = [];
  for (const s of shards) {
    const m = s.manifest;
    const mode = shardUncertainty(m);
    if (
      m.inputHash !== first.inputHash || m.seed !== first.seed ||
      m.iterations !== first.iterations || m.shard.count !== first.shard.count ||
      mode !== shardUncertainty(first)
    ) {
      problems.push(
        `${s.dir}: from another run (inputs ${m.inputHash}, seed ${m.seed}, ${m.iterations} iterations, ${m.shard.count} shards, uncertainty ${mode}; expected ${first.inputHash}, ${first.seed}, ${first.iterations}, ${first.shard.count}, ${
          shardUncertainty(first)
        })`,
      );
    }
  }
  for (const s of shards) {
    const m = s.manifest;
    const planned = JSON.stringify(shardBlocks(m.iterations, m.shard));
    if (JSON.stringify(m.blocks) !== planned) {
      problems.push(
        `${s.dir}: its blocks are not those of shard ${m.shard.index} of ${m.shard.count}`,
      );
    }
  }
  const have = new Set(shards.map((s) => s.manifest.shard.index));
  for (let k = 1; k <= first.shard.count; k++) {
    if (!have.has(k)) problems.push(`shard ${k} of ${first.shard.count} is missing`);
  }
  if (have.size !== shards.length) problems.push("a shard is given twice");
  if (problems.length) throw new InputProblems(problems);
  const { loaded, problems: studyProblems } = prepareStudy(
    first.studyText,
    (path, kind) => {
      const text = kind === "population" ? first.csvText : own(first.files ?? {}, path);
      return text === null || text === undefined
        ? { problem: { at: "(file)", message: "the shard does not hold this file", file: path } }
        : { text };
    },
    withinBudget(p, { decomposition: true, iterations: first.iterations }),
  );
  if (!loaded) throw new InputProblems(studyProblems.map((x) => formatProblem(x, "shard.json")));
  const run = mergeBlocks(loaded.model, shards.flatMap((s) => s.blocks));
  const uncertainty = shardUncertainty(first);
  const { results, assertions } = summariseRun(loaded, run, { ...first, uncertainty, ...HOST });
  // The per-intervention contributions come from their own subset runs, which depend only on
  // the study, seed and iterations: recomputed here, they are the single run's, bit for bit.
  const contributions = await decomposeStudy(loaded, {
    iterations: first.iterations,
    seed: first.seed,
    interval: first.interval,
    uncertainty,
  }, run);
  const out = stringOption(p, "out") ?? join("out", slug(loaded.study.name));
  await writeRunOutputs(out, loaded, results, assertions, contributions);
  console.log(`Merged ${shards.length} shards (${count(run.count)} iterations) into ${out}.`);
  return 0;
}

async function commandCompare(args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    ["iterations", "seed", "workers", "uncertainty"],
    ["by-intervention", "force"],
  );
  const loaded = load(
    one(p, "compare"),
    withinBudget(p, { decomposition: p.options.has("by-intervention") }),
  );
  const { options, workers } = runOptions(loaded, p);
  const bar = progressBar("Simulating");
  const byIntervention = p.options.has("by-intervention");
  const { results, decompositions } = await withPool(
    workers,
    (pool) => runStudy(loaded, { ...options, pool, onProgress: bar, decompose: byIntervention }),
  );
  bar.end();
  const payers = Object.fromEntries(
    (loaded.study.interventions ?? []).map((iv) => [iv.id, iv.payer]),
  );
  console.log(
    `${loaded.study.name}: ${
      count(options.iterations)
    } iterations, seed ${options.seed}, uncertainty: ${options.uncertainty}\n`,
  );
  console.log(comparisonText(buildComparison(results, payers), baselineOf(results)));
  if (results.scenarios.length > 1) console.log(`\n${valueText(results)}`);
  for (const d of decompositions) console.log(`\n${contributionText(d)}`);
  return 0;
}

async function commandCheck(args: string[]): Promise<number> {
  const p = parseArgs(args, ["iterations", "workers", "uncertainty", "junit", "json"], ["force"]);
  if (p.positional.length === 0) {
    throw new UsageError(`check needs at least one study file\n\n${HELP.check}`);
  }
  const records: CheckRecord[] = [];
  for (const path of p.positional) {
    const started = performance.now();
    const { loaded, problems } = loadStudyFile(path, withinBudget(p));
    if (!loaded) {
      records.push({ file: path, valid: false, seconds: elapsed(started), problems });
      console.log(`${path}: invalid`);
      for (const line of problems) console.log(`  ${line}`);
      continue;
    }
    const { options, workers } = runOptions(loaded, p);
    const { assertions, results } = await withPool(
      workers,
      (pool) => runStudy(loaded, { ...options, pool, decompose: false }),
    );
    records.push({
      file: path,
      valid: true,
      name: loaded.study.name,
      seconds: elapsed(started),
      interval: options.interval,
      provenance: results.provenance,
      assertions,
    });
    const held = assertions.filter((a) => a.passed).length;
    console.log(
      `${path}: ${held} of ${assertions.length} assertions hold (${
        count(options.iterations)
      } iterations, seed ${options.seed}, uncertainty: ${options.uncertainty})`,
    );
    for (const a of assertions) {
      console.log(
        `  ${a.passed ? "PASS" : "FAIL"}  ${a.label}\n        ${outcomeLine(a, options.interval)}`,
      );
      if (a.assertion.reason) console.log(`        why: ${a.assertion.reason}`);
    }
  }
  writeCheckReports({ junit: stringOption(p, "junit"), json: stringOption(p, "json") }, records);
  return checkExitCode(records);
}

function commandValidate(args: string[]): number {
  const p = parseArgs(args, []);
  if (p.positional.length === 0) {
    throw new UsageError(`validate needs at least one study file\n\n${HELP.validate}`);
  }
  let bad = 0;
  for (const path of p.positional) {
    const { loaded, problems } = loadStudyFile(path);
    if (loaded) {
      console.log(`${path}: valid`);
    } else {
      bad++;
      console.log(`${path}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
      for (const line of problems) console.log(`  ${line}`);
    }
  }
  return bad ? 2 : 0;
}

function commandResolve(args: string[]): number {
  const p = parseArgs(args, ["iteration", "seed"]);
  const loaded = load(one(p, "resolve"));
  const { options } = runOptions(loaded, p);
  const iteration = intOption(p, "iteration", 0, MAX_ITERATIONS - 1);
  console.log(JSON.stringify(describeResolved(loaded.model, options, { iteration }), null, 1));
  return 0;
}

function commandDeterministic(args: string[], name = "deterministic"): number {
  const p = parseArgs(args, [], ["json", "force"]);
  if (name === "expected") {
    console.error('"sim expected" is the old name of "sim deterministic"; it runs the same thing.');
  }
  const loaded = load(one(p, name), withinBudget(p, { iterations: 1 }));
  const results = deterministic(loaded, HOST);
  if (p.options.has("json")) {
    console.log(JSON.stringify(results, null, 1));
    return 0;
  }
  console.log(
    `${loaded.study.name}: deterministic analysis (every parameter at its mean, every count at its expectation; no sampling)\n`,
  );
  for (const s of results.scenarios) {
    console.log(s.name);
    const header = [
      "Year",
      "Population",
      "Deaths",
      "Non-elective",
      "A&E",
      "Service cost",
      "Intervention",
      "Net cost",
    ];
    const rows = results.years.map((y) => [
      String(y),
      count(s.absolute.population.mean[y]),
      count(s.absolute.deaths.mean[y]),
      count(s.absolute["activity.nonElective"].mean[y]),
      count(s.absolute["activity.ae"].mean[y]),
      money(s.absolute["cost.service"].mean[y]),
      money(s.absolute["cost.intervention"].mean[y]),
      s.deltas ? moneyChange(s.deltas["cost.total"].mean[y]) : "",
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const r of [header, ...rows]) {
      console.log("  " + r.map((x, i) => x.padStart(widths[i])).join("  "));
    }
    console.log("");
  }
  return 0;
}

const COMMANDS: Record<string, (args: string[]) => number | Promise<number>> = {
  run: commandRun,
  merge: commandMerge,
  slurm: commandSlurm,
  compare: commandCompare,
  check: commandCheck,
  validate: commandValidate,
  resolve: commandResolve,
  deterministic: (args) => commandDeterministic(args),
  expected: (args) => commandDeterministic(args, "expected"),
  diff: commandDiff,
  upgrade: commandUpgrade,
  calibrate: commandCalibrate,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(HELP.main);
    return command ? 0 : 2;
  }
  const fn = COMMANDS[command];
  if (!fn) {
    console.error(`Unknown command "${command}".\n\n${HELP.main}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(HELP[command === "expected" ? "deterministic" : command]);
    return 0;
  }
  try {
    return await fn(rest);
  } catch (error) {
    if (error instanceof InputProblems || error instanceof CalibrateProblems) {
      console.error(error.lines.join("\n"));
      return 2;
    }
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof InputError) {
      console.error(error.problems.map((p) => formatProblem(p)).join("\n"));
      return 2;
    }
    console.error(`Internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 3;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
