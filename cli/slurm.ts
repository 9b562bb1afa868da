/**
 * `deno task sim slurm`: a study's shards (`run --shard K/N`) as a Slurm job array, and a merge
 * job that starts only when every shard has succeeded (`--dependency=afterok:<array job id>`).
 *
 * `slurmScripts` writes the two batch scripts (pure, so they are unit-tested); `commandSlurm`
 * checks the study, writes the scripts into the work directory and submits them with
 * `sbatch --parsable`, or with --dry-run only prints them. Jobs run in this checkout (which the
 * compute nodes must see, like the output directory) and get Deno the way CI does:
 * `npx --yes deno@$(cat .ci/deno-version)`, never a `deno` on the nodes' PATH.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { slug } from "../report/format.ts";
import { BLOCK_SIZE, blocksOf } from "../sim/run.ts";
import { MAX_ITERATIONS } from "../sim/study/schema.ts";
import { choiceOption, intOption, parseArgs, stringOption, UsageError } from "./args.ts";
import { UNCERTAINTY_MODES, type UncertaintyMode } from "../sim/types.ts";
import { loadStudyFile } from "./files.ts";

export const SLURM_HELP =
  `Usage: deno task sim slurm STUDY --shards N [--iterations N] [--seed S] [--workers W]
                            [--uncertainty MODE] [--out DIR] [--partition P] [--dry-run]

Submits the study to Slurm as a job array of N shards ("run --shard K/N", W workers and W CPUs
each, default 1) and a merge job that starts when every shard has succeeded and writes
results.json, summary.csv and report.html into DIR (default out/<study name>), identical to a
single run's byte for byte (merge computes the by-intervention contributions itself).
The scripts, the shard directories and the jobs' logs go to DIR-slurm/. Prints the job ids.

The jobs run in this checkout and write to DIR, so both must be on a file system the compute
nodes share. They get Deno with "npx --yes deno@$(cat .ci/deno-version)", so the nodes need
Node.js and either the npm registry or the npm cache this command ran from. Don't edit the study
while the jobs run: merge refuses shards from different inputs.

--uncertainty MODE  "parameters" or "parameters+counts" (default: the study's), passed to
               every shard
--partition P  the Slurm partition (default: the cluster's default partition)
--dry-run      print the two batch scripts and the sbatch commands; submit nothing
Other sbatch options (account, time limit, memory, QOS) come from sbatch's own SBATCH_*
environment variables, e.g. SBATCH_ACCOUNT=myproject SBATCH_TIMELIMIT=2:00:00.
Exit 2 when the study is invalid, an option is wrong or sbatch refuses a job.`;

/** Everything the two batch scripts depend on; every path absolute. */
export interface SlurmJob {
  /** The checkout the jobs run in (holds deno.json and .ci/deno-version). */
  repo: string;
  study: string;
  /** The study's name, for the job names. */
  name: string;
  shards: number;
  iterations: number;
  /** Passed to the shards verbatim when given; otherwise they use the study's seed. */
  seed?: string;
  /** Passed to the shards when given; otherwise they use the study's uncertainty mode. */
  uncertainty?: UncertaintyMode;
  workers: number;
  /** Where the merge writes results.json, summary.csv and report.html. */
  out: string;
  /** The batch scripts, shard directories (shards/) and logs (logs/). */
  work: string;
  partition?: string;
}

/** The directory for a run's scripts, shards and logs: beside DIR, as merge replaces DIR whole. */
export function workDirectory(out: string): string {
  return `${out.replace(/\/+$/, "")}-slurm`;
}

/** A word for bash: single-quoted unless it is plainly safe. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

export function shardDirectory(job: SlurmJob, index: number | string): string {
  return join(job.work, "shards", `shard-${index}-of-${job.shards}`);
}

/** A value in an #SBATCH line: sbatch reads double quotes (paths never hold `"`; checkSlurmPath). */
function directiveValue(value: string): string {
  return /\s/.test(value) ? `"${value}"` : value;
}

/** Text for a one-line comment. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ");
}

function preamble(job: SlurmJob, jobName: string, log: string, extra: string[]): string[] {
  return [
    "#!/bin/bash",
    `#SBATCH --job-name=${jobName}`,
    ...extra,
    "#SBATCH --ntasks=1",
    ...(job.partition ? [`#SBATCH --partition=${job.partition}`] : []),
    `#SBATCH --output=${directiveValue(join(job.work, "logs", log))}`,
  ];
}

function denoLines(job: SlurmJob): string[] {
  return [
    "set -euo pipefail",
    `cd ${shellQuote(job.repo)}`,
    "export NO_COLOR=1",
    "# Deno as CI gets it (.ci/run): from the npm registry at the pinned version.",
    'deno() { npx --yes "deno@$(cat .ci/deno-version)" "$@"; }',
  ];
}

/** The job array's script (one task per shard) and the merge job's script. */
export function slurmScripts(job: SlurmJob): { shards: string; merge: string } {
  const n = job.shards;
  const base = `careshift-${slug(job.name)}`;
  const run = [
    "deno task sim run",
    shellQuote(job.study),
    `--iterations ${job.iterations}`,
    ...(job.seed === undefined ? [] : [`--seed ${shellQuote(job.seed)}`]),
    ...(job.uncertainty === undefined ? [] : [`--uncertainty ${shellQuote(job.uncertainty)}`]),
    `--workers ${job.workers}`,
    `--shard "$k/${n}"`,
    `--out ${shellQuote(join(job.work, "shards"))}/"shard-$k-of-${n}"`,
  ];
  const shards = [
    ...preamble(job, base, "%A-shard-%a.out", [
      `#SBATCH --array=1-${n}`,
      `#SBATCH --cpus-per-task=${job.workers}`,
    ]),
    `# Careshift: shard $SLURM_ARRAY_TASK_ID of ${n} of ${
      oneLine(job.study)
    }, written by "deno task sim slurm".`,
    ...denoLines(job),
    'k="${SLURM_ARRAY_TASK_ID:?not a Slurm array task}"',
    run.join(" "),
    "",
  ].join("\n");
  const merge = [
    ...preamble(job, `${base}-merge`, "%j-merge.out", [
      "#SBATCH --cpus-per-task=1",
      "#SBATCH --kill-on-invalid-dep=yes",
    ]),
    `# Careshift: merges the ${n} shards of ${
      oneLine(job.study)
    }; submitted with --dependency=afterok on the shards' array job.`,
    ...denoLines(job),
    "shards=()",
    `for k in $(seq 1 ${n}); do shards+=(${
      shellQuote(join(job.work, "shards"))
    }/"shard-$k-of-${n}"); done`,
    `deno task sim merge "\${shards[@]}" --out ${shellQuote(job.out)}`,
    "",
  ].join("\n");
  return { shards, merge };
}

/** The two sbatch command lines, the merge's depending on the array job `arrayId`. */
export function sbatchCommands(
  job: SlurmJob,
  arrayId: string,
): { shards: string[]; merge: string[] } {
  return {
    shards: ["sbatch", "--parsable", join(job.work, "shards.sbatch")],
    merge: [
      "sbatch",
      "--parsable",
      `--dependency=afterok:${arrayId}`,
      join(job.work, "merge.sbatch"),
    ],
  };
}

/** The job id in `sbatch --parsable` output ("12345" or "12345;cluster"), or null. */
export function parseJobId(stdout: string): string | null {
  const m = /^(\d+)(;\S+)?$/.exec(stdout.trim());
  return m ? m[1] : null;
}

/** Characters that a path in an #SBATCH line or Slurm's file-name patterns would misread. */
function checkSlurmPath(option: string, path: string): void {
  const bad = /[%"\\\n\r\t]/.exec(path);
  if (bad) {
    throw new UsageError(
      `${option}: ${JSON.stringify(path)} contains ${
        JSON.stringify(bad[0])
      }, which Slurm would misread in a batch script; choose another directory`,
    );
  }
}

async function sbatch(argv: string[]): Promise<string> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command(argv[0], { args: argv.slice(1), stdin: "null" }).output();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new UsageError(
        "sbatch not found: run this on a Slurm login node (--dry-run prints the scripts anywhere)",
      );
    }
    if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
      throw new UsageError(
        'no permission to run sbatch: use "deno task sim slurm" (it allows --allow-run=sbatch)',
      );
    }
    throw error;
  }
  const text = new TextDecoder();
  const id = parseJobId(text.decode(out.stdout));
  if (out.code !== 0 || id === null) {
    const said = (text.decode(out.stderr) + text.decode(out.stdout)).trim();
    throw new SubmitError(`${argv.join(" ")} failed (exit ${out.code}): ${said || "no output"}`);
  }
  return id;
}

class SubmitError extends Error {}

/** `deno task sim slurm`; returns the exit code. */
export async function commandSlurm(args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    ["shards", "iterations", "seed", "workers", "out", "partition", "uncertainty"],
    ["dry-run"],
  );
  if (p.positional.length !== 1) {
    throw new UsageError(`slurm takes one study file\n\n${SLURM_HELP}`);
  }
  const shards = intOption(p, "shards", 1, 10_000);
  if (shards === undefined) throw new UsageError(`slurm needs --shards N\n\n${SLURM_HELP}`);
  const workers = intOption(p, "workers", 1, 64) ?? 1;
  const partition = stringOption(p, "partition");
  if (partition !== undefined && !/^[A-Za-z0-9_.,-]+$/.test(partition)) {
    throw new UsageError(`--partition must be a Slurm partition name (got ${partition})`);
  }
  const path = p.positional[0];
  const file = loadStudyFile(path);
  if (!file.loaded) {
    console.error(file.problems.join("\n"));
    return 2;
  }
  const loaded = file.loaded;
  const iterations = intOption(p, "iterations", 1, MAX_ITERATIONS) ?? loaded.options.iterations;
  const blocks = blocksOf(iterations).length;
  if (shards > blocks) {
    throw new UsageError(
      `--shards ${shards} is more than the ${blocks} block${
        blocks === 1 ? "" : "s"
      } of ${BLOCK_SIZE} iterations in a ${iterations}-iteration run (a shard is whole blocks); use at most ${blocks} shards or more iterations`,
    );
  }
  const out = resolve(stringOption(p, "out") ?? join("out", slug(loaded.study.name)));
  const job: SlurmJob = {
    repo: dirname(fileURLToPath(new URL("../deno.json", import.meta.url))),
    study: resolve(path),
    name: loaded.study.name,
    shards,
    iterations,
    seed: stringOption(p, "seed"),
    uncertainty: choiceOption(p, "uncertainty", UNCERTAINTY_MODES),
    workers,
    out,
    work: workDirectory(out),
    partition,
  };
  checkSlurmPath("--out", job.work);
  const scripts = slurmScripts(job);
  // The seed the shards run with: --seed, else the study's resolved seed.
  const seedText = stringOption(p, "seed") ?? String(loaded.options.seed);

  if (p.options.has("dry-run")) {
    const commands = sbatchCommands(job, "<array job id>");
    console.log(
      [
        `# Dry run: nothing written or submitted. Without --dry-run this writes the two scripts`,
        `# below into ${job.work} and runs:`,
        `#   ${commands.shards.map(shellQuote).join(" ")}`,
        `#   ${commands.merge.map(shellQuote).join(" ")}`,
        `# ${loaded.study.name}: ${iterations} iterations, seed ${seedText}, ${shards} shards; results in ${out}`,
        "",
        `# ---- ${join(job.work, "shards.sbatch")}`,
        scripts.shards,
        `# ---- ${join(job.work, "merge.sbatch")}`,
        scripts.merge,
      ].join("\n"),
    );
    return 0;
  }

  Deno.mkdirSync(join(job.work, "logs"), { recursive: true });
  Deno.mkdirSync(join(job.work, "shards"), { recursive: true });
  Deno.writeTextFileSync(join(job.work, "shards.sbatch"), scripts.shards);
  Deno.writeTextFileSync(join(job.work, "merge.sbatch"), scripts.merge);
  let arrayId: string;
  try {
    arrayId = await sbatch(sbatchCommands(job, "").shards);
  } catch (error) {
    if (!(error instanceof SubmitError)) throw error;
    console.error(`Nothing submitted: ${error.message}`);
    return 2;
  }
  const mergeCommand = sbatchCommands(job, arrayId).merge;
  let mergeId: string;
  try {
    mergeId = await sbatch(mergeCommand);
  } catch (error) {
    if (!(error instanceof SubmitError)) throw error;
    console.error(
      `The shards were submitted as job array ${arrayId} but the merge was not: ${error.message}\n` +
        `Submit it with "${
          mergeCommand.map(shellQuote).join(" ")
        }" or cancel the shards with "scancel ${arrayId}".`,
    );
    return 2;
  }
  console.log(
    [
      `Submitted ${loaded.study.name}: ${iterations} iterations, seed ${seedText}, in ${shards} shard${
        shards === 1 ? "" : "s"
      } of ${workers} worker${workers === 1 ? "" : "s"}.`,
      `  shards   job array ${arrayId} (tasks 1-${shards}), writing ${join(job.work, "shards")}`,
      `  merge    job ${mergeId}, when every shard has succeeded, writing ${out}`,
      `  logs     ${join(job.work, "logs")}`,
      `Follow with "squeue -j ${arrayId},${mergeId}". Results (results.json, summary.csv, report.html) land in ${out}.`,
    ].join("\n"),
  );
  return 0;
}
