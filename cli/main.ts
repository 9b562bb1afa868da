/**
 * `deno task sim <command>`: run, compare, check, validate, resolve and expected.
 * Exit codes: 0 success, 1 an assertion failed, 2 bad input or usage, 3 an internal error.
 */
import { join } from "node:path";
import { buildComparison, comparisonText } from "../report/comparison.ts";
import { summaryCsv } from "../report/csv.ts";
import { count, inUnit, money, moneyChange, slug } from "../report/format.ts";
import { reportHtml } from "../report/html.tsx";
import type { PreparedStudy } from "../sim/study/prepare.ts";
import { describeResolved } from "../sim/resolved.ts";
import { MAX_ITERATIONS, MAX_SEED_LENGTH } from "../sim/study/schema.ts";
import type { Results } from "../sim/summary.ts";
import { decomposeStudy, deterministic, runStudy, summariseRun } from "../sim/api.ts";
import { intOption, parseArgs, type Parsed, stringOption, UsageError } from "./args.ts";
import { defaultWorkers, executeBlocks, withPool } from "./execute.ts";
import { parseShard, readShard, shardBlocks, shardFiles, type ShardManifest } from "./shards.ts";
import type { AssertionOutcome } from "../sim/assertions.ts";
import { hashInputs } from "../sim/hash.ts";
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

const HELP: Record<string, string> = {
  main: `Careshift command line

Usage: deno task sim <command> [options]

Commands:
  run STUDY        simulate and write results.json, summary.csv and report.html
  merge SHARD...   join the shards of a run split with run --shard K/N
  slurm STUDY      run the study on Slurm: N shards as a job array, then a merge job
  compare STUDY    print every scenario against the baseline
  check STUDY...   evaluate the studies' assertions (exit 1 if any fails)
  validate STUDY...  check study files (exit 2 with every problem listed)
  resolve STUDY    print the fully resolved model as JSON
  expected STUDY   print expected-value trajectories (no sampling)

Run "deno task sim <command> --help" for a command's options.
Runs estimated above about 20 billion state-cycles (states × scenarios × cycles × iterations)
or 4 GB of memory are refused unless --force is given.
Exit codes: 0 success, 1 assertion failed, 2 bad input or usage, 3 internal error.`,
  run:
    `Usage: deno task sim run STUDY [--iterations N] [--seed S] [--workers W] [--out DIR] [--shard K/N] [--force]

Simulates the study and writes, into DIR (default out/<study name>):
  results.json  full summaries (every measure, year and scenario), each intervention's
                contribution to its scenario (Shapley), assertions
  summary.csv   one row per scenario × year × measure, and per intervention contribution
  report.html   self-contained report: logic models, comparison, charts
The directory is replaced only when every file is complete.

--shard K/N runs only the K-th of N equal ranges of iterations and writes a shard directory
(default out/<study name>/shard-K-of-N); "deno task sim merge" joins shards into results
identical to a single run.

--force runs a study estimated above the default limit (about 20 billion state-cycles or 4 GB).`,
  merge: `Usage: deno task sim merge SHARD_DIR... [--out DIR] [--force]

Joins the shards written by "run --shard K/N" (all N of them, from the same study, seed and
iteration count) into results.json, summary.csv and report.html byte for byte identical to a
single run's, for any number of workers. The by-intervention contributions are recomputed here
from their own subset runs (same seed and iterations), so merging costs those runs.`,
  compare:
    `Usage: deno task sim compare STUDY [--iterations N] [--seed S] [--workers W] [--by-intervention] [--force]

Prints the side-by-side comparison of every scenario against the baseline: health (QALYs,
life-years, deaths), activity, cost by sector (who pays, who saves), net cost, probability of
saving, ROI, value for money (ICER, net monetary benefit and probability cost-effective at each
threshold) and inequality; then the incremental analysis across scenarios, payback and the
value of information (EVPI, EVPPI by group).
--by-intervention adds, for each scenario, each intervention's contribution (Shapley value over
subsets of its interventions, same random numbers): own cost, net cost, probability of saving,
ROI, admissions and SII, flagging interventions that add cost without benefit.`,
  check: `Usage: deno task sim check STUDY... [--iterations N] [--workers W] [--force]

Evaluates each study's assertions and prints each with its measured value and interval.
Exit 0 when all hold, 1 when any fails, 2 when a study is invalid.`,
  validate: `Usage: deno task sim validate STUDY...

Checks study files and their segmentation CSVs. Exit 0 when all are valid; 2 with every
problem listed (file, JSON path or CSV row and column, what was found and expected).`,
  resolve: `Usage: deno task sim resolve STUDY

Prints the model the engine really uses, as JSON: states and year-0 counts, every parameter
with its distribution, per-state rates and transition matrices at parameter means, unit costs
and interventions.`,
  slurm: SLURM_HELP,
  expected: `Usage: deno task sim expected STUDY [--json] [--force]

Prints expected-value trajectories (parameters at their means, no sampling). --json prints the
full results in the same shape as results.json.`,
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

function runOptions(loaded: PreparedStudy, p: Parsed) {
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
  return { options: { ...loaded.options, iterations, seed }, workers };
}

function one(p: Parsed, command: string): string {
  if (p.positional.length !== 1) {
    throw new UsageError(`${command} takes one study file\n\n${HELP[command]}`);
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

function writeRunOutputs(
  out: string,
  study: PreparedStudy["study"],
  results: Results,
  assertions: AssertionOutcome[],
  contributions: ScenarioDecomposition[],
): void {
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
    "report.html": reportHtml(study, results, assertions, contributions),
  });
}

async function commandRun(args: string[]): Promise<number> {
  const p = parseArgs(args, ["iterations", "seed", "workers", "out", "shard"], ["force"]);
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
      inputHash: hashInputs(loaded.input),
      seed: options.seed,
      iterations: options.iterations,
      interval: options.interval,
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
  writeRunOutputs(out, loaded.study, results, assertions, contributions);
  console.log(
    `Wrote ${out}/results.json, summary.csv and report.html (${
      count(options.iterations)
    } iterations, seed ${options.seed}).`,
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
    if (
      m.inputHash !== first.inputHash || m.seed !== first.seed ||
      m.iterations !== first.iterations || m.shard.count !== first.shard.count
    ) {
      problems.push(
        `${s.dir}: from another run (inputs ${m.inputHash}, seed ${m.seed}, ${m.iterations} iterations, ${m.shard.count} shards; expected ${first.inputHash}, ${first.seed}, ${first.iterations}, ${first.shard.count})`,
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
    () => (first.csvText === null ? {} : { text: first.csvText }),
    withinBudget(p, { decomposition: true, iterations: first.iterations }),
  );
  if (!loaded) throw new InputProblems(studyProblems.map((x) => formatProblem(x, "shard.json")));
  const run = mergeBlocks(loaded.model, shards.flatMap((s) => s.blocks));
  const { results, assertions } = summariseRun(loaded, run, first);
  // The per-intervention contributions come from their own subset runs, which depend only on
  // the study, seed and iterations: recomputed here, they are the single run's, bit for bit.
  const contributions = await decomposeStudy(loaded, {
    iterations: first.iterations,
    seed: first.seed,
    interval: first.interval,
  }, run);
  const out = stringOption(p, "out") ?? join("out", slug(loaded.study.name));
  writeRunOutputs(out, loaded.study, results, assertions, contributions);
  console.log(`Merged ${shards.length} shards (${count(run.count)} iterations) into ${out}.`);
  return 0;
}

async function commandCompare(args: string[]): Promise<number> {
  const p = parseArgs(args, ["iterations", "seed", "workers"], ["by-intervention", "force"]);
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
    `${loaded.study.name}: ${count(options.iterations)} iterations, seed ${options.seed}\n`,
  );
  console.log(comparisonText(buildComparison(results, payers), baselineOf(results)));
  if (results.scenarios.length > 1) console.log(`\n${valueText(results)}`);
  for (const d of decompositions) console.log(`\n${contributionText(d)}`);
  return 0;
}

async function commandCheck(args: string[]): Promise<number> {
  const p = parseArgs(args, ["iterations", "workers"], ["force"]);
  if (p.positional.length === 0) {
    throw new UsageError(`check needs at least one study file\n\n${HELP.check}`);
  }
  let failed = false;
  let invalid = false;
  for (const path of p.positional) {
    const { loaded, problems } = loadStudyFile(path, withinBudget(p));
    if (!loaded) {
      invalid = true;
      console.log(`${path}: invalid`);
      for (const line of problems) console.log(`  ${line}`);
      continue;
    }
    const { options, workers } = runOptions(loaded, p);
    const { assertions } = await withPool(
      workers,
      (pool) => runStudy(loaded, { ...options, pool, decompose: false }),
    );
    const held = assertions.filter((a) => a.passed).length;
    console.log(
      `${path}: ${held} of ${assertions.length} assertions hold (${
        count(options.iterations)
      } iterations, seed ${options.seed})`,
    );
    for (const a of assertions) {
      const fmt = (v: number) => inUnit(a.unit, v);
      const pct = Math.round(options.interval * 100);
      // An ICER assertion is on mean costs and QALYs: no interval, no share of iterations.
      const detail = Number.isNaN(a.low)
        ? `measured ${fmt(a.mean)} on mean costs and QALYs`
        : `measured ${fmt(a.mean)} (${pct}% interval ${fmt(a.low)} to ${
          fmt(a.high)
        }); condition held in ${Math.round(a.share * 100)}% of iterations`;
      console.log(`  ${a.passed ? "PASS" : "FAIL"}  ${a.label}\n        ${detail}`);
      if (!a.passed) failed = true;
    }
  }
  return invalid ? 2 : failed ? 1 : 0;
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
  const p = parseArgs(args, []);
  const loaded = load(one(p, "resolve"));
  console.log(JSON.stringify(describeResolved(loaded.model, loaded.options), null, 1));
  return 0;
}

function commandExpected(args: string[]): number {
  const p = parseArgs(args, [], ["json", "force"]);
  const loaded = load(one(p, "expected"), withinBudget(p, { iterations: 1 }));
  const results = deterministic(loaded);
  if (p.options.has("json")) {
    console.log(JSON.stringify(results, null, 1));
    return 0;
  }
  console.log(`${loaded.study.name}: expected values (parameters at their means, no sampling)\n`);
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
  expected: commandExpected,
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
    console.log(HELP[command]);
    return 0;
  }
  try {
    return await fn(rest);
  } catch (error) {
    if (error instanceof InputProblems) {
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
