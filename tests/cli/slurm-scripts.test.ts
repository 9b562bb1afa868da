/**
 * `sim slurm` without a cluster: the batch scripts (run locally by bash as Slurm would run them,
 * with a stand-in npx that checks it is asked for the pinned Deno), shell quoting, sbatch's
 * output, and the command's submission wiring through a stand-in sbatch. tests/slurm.test.ts
 * submits to a real one-node cluster.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import {
  parseJobId,
  sbatchCommands,
  shellQuote,
  type SlurmJob,
  slurmScripts,
  workDirectory,
} from "../../cli/slurm.ts";

const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const denoVersion = Deno.readTextFileSync(join(root, ".ci/deno-version")).trim();
const dec = new TextDecoder();

const tinyStudy = JSON.stringify({
  name: "Tiny study",
  horizonYears: 3,
  iterations: 20,
  seed: 4,
  interventions: [{
    id: "iv",
    name: "Coordination",
    target: { ageBands: ["75+"], complexity: ["high"] },
    uptake: 0.5,
    costPerParticipant: 500,
    effects: { activity: { nonElective: 0.8 } },
  }],
  scenarios: [{ name: "Coordinated", interventions: ["iv"] }],
});

function job(overrides: Partial<SlurmJob> = {}): SlurmJob {
  return {
    repo: root,
    study: "/data/studies/tiny.json",
    name: "Tiny study",
    shards: 4,
    iterations: 128,
    workers: 1,
    out: "/data/out/tiny",
    work: "/data/out/tiny-slurm",
    ...overrides,
  };
}

async function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
) {
  const out = await new Deno.Command(command, { ...options, args, stdin: "null" }).output();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** A directory with executables `name` holding the given sh scripts, for PATH. */
async function fakeBin(scripts: Record<string, string>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "careshift-bin-" });
  for (const [name, body] of Object.entries(scripts)) {
    await Deno.writeTextFile(join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  }
  return dir;
}

/** npx as the batch scripts call it; anything but "npx --yes deno@<pinned> ..." fails. */
const fakeNpx = () =>
  fakeBin({
    npx: [
      `if [ "$1" != --yes ] || [ "$2" != "deno@${denoVersion}" ]; then`,
      `  echo "unexpected npx call: $*" >&2; exit 99`,
      "fi",
      "shift 2",
      `exec ${shellQuote(Deno.execPath())} "$@"`,
    ].join("\n"),
  });

Deno.test("slurm scripts: an array of N shards and a merge of shards 1..N, with the options", () => {
  const s = slurmScripts(job({ shards: 7, workers: 3, partition: "short", seed: "it's 7" }));
  const lines = s.shards.split("\n");
  assert.equal(lines[0], "#!/bin/bash");
  assert.ok(lines.includes("#SBATCH --array=1-7"));
  assert.ok(lines.includes("#SBATCH --cpus-per-task=3"));
  assert.ok(lines.includes("#SBATCH --partition=short"));
  assert.ok(lines.includes("#SBATCH --job-name=careshift-tiny-study"));
  assert.ok(lines.includes("#SBATCH --output=/data/out/tiny-slurm/logs/%A-shard-%a.out"));
  assert.ok(lines.includes(`cd ${root}`));
  assert.ok(lines.includes('deno() { npx --yes "deno@$(cat .ci/deno-version)" "$@"; }'));
  const runLine = lines.find((l) => l.startsWith("deno task sim run"))!;
  assert.equal(
    runLine,
    `deno task sim run /data/studies/tiny.json --iterations 128 --seed 'it'\\''s 7' --workers 3 --shard "$k/7" --out /data/out/tiny-slurm/shards/"shard-$k-of-7"`,
  );
  const merge = s.merge.split("\n");
  assert.ok(merge.includes("#SBATCH --kill-on-invalid-dep=yes"));
  assert.ok(merge.includes("#SBATCH --partition=short"));
  assert.ok(merge.includes("#SBATCH --output=/data/out/tiny-slurm/logs/%j-merge.out"));
  assert.ok(merge.some((l) => l.includes("$(seq 1 7)") && l.includes('"shard-$k-of-7"')));
  assert.ok(merge.includes('deno task sim merge "${shards[@]}" --out /data/out/tiny'));
  // No partition line unless asked for; no seed unless given (the study's own is used).
  const plain = slurmScripts(job());
  assert.ok(!plain.shards.includes("--partition") && !plain.merge.includes("--partition"));
  assert.ok(!plain.shards.includes("--seed"));
  // A log path with a space is double-quoted, as sbatch reads #SBATCH values.
  assert.match(
    slurmScripts(job({ work: "/a b/tiny-slurm" })).shards,
    /^#SBATCH --output="\/a b\/tiny-slurm\/logs\/%A-shard-%a.out"$/m,
  );
});

Deno.test("slurm scripts: the merge depends on the array job; sbatch --parsable ids", () => {
  const c = sbatchCommands(job(), "123");
  assert.deepEqual(c.shards, ["sbatch", "--parsable", "/data/out/tiny-slurm/shards.sbatch"]);
  assert.deepEqual(c.merge, [
    "sbatch",
    "--parsable",
    "--dependency=afterok:123",
    "/data/out/tiny-slurm/merge.sbatch",
  ]);
  assert.equal(parseJobId("4242\n"), "4242");
  assert.equal(parseJobId("4242;cluster-a\n"), "4242");
  assert.equal(parseJobId("Submitted batch job 4242\n"), null);
  assert.equal(parseJobId(""), null);
  assert.equal(workDirectory("/x/out/study/"), "/x/out/study-slurm");
});

Deno.test("slurm scripts: shellQuote gives bash back every string", async () => {
  const words = fc.sample(fc.string({ unit: "binary", maxLength: 12 }), { numRuns: 300, seed: 16 })
    .map((w) => w.replaceAll("\0", ""))
    .concat(["", "'", "it's", "a b", "$HOME", "`x`", "\\", '"', "*", "~", "-n", "!x", "\n"]);
  const script = `printf '%s\\0' ${words.map(shellQuote).join(" ")}`;
  const r = await run("bash", ["-c", script]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.split("\0").slice(0, -1), words);
});

Deno.test("slurm scripts: run by bash as Slurm would, shards then merge equal a single run", async () => {
  // Paths with a space and an apostrophe, as a user's might have.
  const dir = await Deno.makeTempDir({ prefix: "careshift slurm's " });
  const study = join(dir, "tiny study.json");
  await Deno.writeTextFile(study, tinyStudy);
  const out = join(dir, "out dir", "tiny");
  const j = job({ study, out, work: workDirectory(out), shards: 4, iterations: 128 });
  const scripts = slurmScripts(j);
  await Deno.mkdir(join(j.work, "shards"), { recursive: true });
  const shardsFile = join(j.work, "shards.sbatch");
  const mergeFile = join(j.work, "merge.sbatch");
  await Deno.writeTextFile(shardsFile, scripts.shards);
  await Deno.writeTextFile(mergeFile, scripts.merge);
  const bin = await fakeNpx();
  // No deno on this PATH: the scripts must get it through npx.
  const env = { PATH: `${bin}:/usr/bin:/bin` };
  // Not an array task: refused before any work.
  const outside = await run("bash", [shardsFile], { env: { ...env, SLURM_ARRAY_TASK_ID: "" } });
  assert.notEqual(outside.code, 0);
  assert.match(outside.stderr, /not a Slurm array task/);
  // Shards in any order, as the scheduler may start them; a shard's failure would fail the test.
  for (const k of [3, 1, 4, 2]) {
    const r = await run("bash", [shardsFile], {
      env: { ...env, SLURM_ARRAY_TASK_ID: String(k) },
      cwd: "/",
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Wrote shard ${k} of 4 \\(32 iterations\\)`));
  }
  const m = await run("bash", [mergeFile], { env, cwd: "/" });
  assert.equal(m.code, 0, m.stderr);
  assert.match(m.stdout, /Merged 4 shards \(128 iterations\)/);

  const single = join(dir, "single");
  const s = await run(
    Deno.execPath(),
    ["task", "sim", "run", study, "--iterations", "128", "--workers", "1", "--out", single],
    { cwd: root, env: { NO_COLOR: "1" } },
  );
  assert.equal(s.code, 0, s.stderr);
  const a = JSON.parse(await Deno.readTextFile(join(single, "results.json")));
  const b = JSON.parse(await Deno.readTextFile(join(out, "results.json")));
  assert.deepEqual(b.results, a.results);
  assert.deepEqual(b.assertions, a.assertions);
  assert.equal(
    await Deno.readTextFile(join(out, "report.html")),
    await Deno.readTextFile(join(single, "report.html")),
  );
  await Deno.remove(dir, { recursive: true });
  await Deno.remove(bin, { recursive: true });
});

/** `deno task sim slurm ...` as a user runs it, with PATH set to `path`. */
async function simSlurm(path: string, ...args: string[]) {
  return await run(Deno.execPath(), ["task", "sim", "slurm", ...args], {
    cwd: root,
    env: { PATH: path, NO_COLOR: "1", CI: "true" },
  });
}

Deno.test("sim slurm: submits the array, then the merge after it; reports ids and paths", async () => {
  const dir = await Deno.makeTempDir();
  const study = join(dir, "study.json");
  await Deno.writeTextFile(study, tinyStudy);
  const calls = join(dir, "calls");
  // A stand-in sbatch: records each call, answers as --parsable does (the second with a cluster).
  const bin = await fakeBin({
    sbatch: [
      `echo "$*" >> ${shellQuote(calls)}`,
      `n=$(wc -l < ${shellQuote(calls)})`,
      `if [ "$n" = 1 ]; then echo 501; else echo "502;cluster"; fi`,
    ].join("\n"),
  });
  const out = join(dir, "results");
  const r = await simSlurm(
    `${bin}:/usr/bin:/bin`,
    study,
    "--shards",
    "3",
    "--iterations",
    "96",
    "--seed",
    "11",
    "--partition",
    "short",
    "--out",
    out,
  );
  assert.equal(r.code, 0, r.stderr);
  const work = `${out}-slurm`;
  assert.deepEqual((await Deno.readTextFile(calls)).trim().split("\n"), [
    `--parsable ${work}/shards.sbatch`,
    `--parsable --dependency=afterok:501 ${work}/merge.sbatch`,
  ]);
  assert.match(r.stdout, /96 iterations, seed 11, in 3 shards of 1 worker/);
  assert.match(r.stdout, new RegExp(`job array 501 \\(tasks 1-3\\), writing ${work}/shards`));
  assert.match(
    r.stdout,
    new RegExp(`merge +job 502, when every shard has succeeded, writing ${out}`),
  );
  assert.match(r.stdout, /squeue -j 501,502/);
  // The scripts it submitted are the ones slurmScripts writes, and the log directory exists.
  const expected = slurmScripts({
    repo: root,
    study,
    name: "Tiny study",
    shards: 3,
    iterations: 96,
    seed: "11",
    workers: 1,
    out,
    work,
    partition: "short",
  });
  assert.equal(await Deno.readTextFile(join(work, "shards.sbatch")), expected.shards);
  assert.equal(await Deno.readTextFile(join(work, "merge.sbatch")), expected.merge);
  assert.ok((await Deno.stat(join(work, "logs"))).isDirectory);
  await Deno.remove(dir, { recursive: true });
  await Deno.remove(bin, { recursive: true });
});

Deno.test("sim slurm: refusals are exit 2 with a clear message; --dry-run writes nothing", async () => {
  const dir = await Deno.makeTempDir();
  const study = join(dir, "study.json");
  await Deno.writeTextFile(study, tinyStudy);
  const path = "/usr/bin:/bin";
  const noSbatch = await fakeBin({});
  const cases: [string[], RegExp][] = [
    [[study], /slurm needs --shards N/],
    [[study, "--shards", "0"], /--shards must be a whole number from 1 to 10000/],
    [
      [study, "--shards", "2"],
      /--shards 2 is more than the 1 block of 32 iterations in a 20-iteration run/,
    ],
    [[study, "--shards", "2", "--partition", "a b"], /--partition must be a Slurm partition name/],
    [
      [study, "--shards", "1", "--out", join(dir, "100%")],
      /contains "%", which Slurm would misread/,
    ],
    [[join(dir, "missing.json"), "--shards", "1"], /missing\.json.*no such file/],
    [[study, "--shards", "1", "--frobnicate"], /unknown option --frobnicate/],
  ];
  for (const [args, message] of cases) {
    const r = await simSlurm(path, ...args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/); // no stack trace
  }
  // No sbatch on PATH: says so, suggests --dry-run.
  const none = await simSlurm(noSbatch, study, "--shards", "1", "--out", join(dir, "o"));
  assert.equal(none.code, 2);
  assert.match(none.stderr, /sbatch not found: run this on a Slurm login node/);
  // sbatch refuses the array: nothing submitted.
  const refuse = await fakeBin({ sbatch: 'echo "sbatch: error: invalid partition" >&2; exit 1' });
  const refused = await simSlurm(
    `${refuse}:${path}`,
    study,
    "--shards",
    "1",
    "--out",
    join(dir, "o"),
  );
  assert.equal(refused.code, 2);
  assert.match(
    refused.stderr,
    /Nothing submitted: .*failed \(exit 1\): sbatch: error: invalid partition/,
  );
  // sbatch takes the array but refuses the merge: say how to submit or cancel.
  const calls = join(dir, "calls");
  const half = await fakeBin({
    sbatch: `echo x >> ${shellQuote(calls)}; [ "$(wc -l < ${
      shellQuote(calls)
    })" = 1 ] && echo 77 && exit 0; echo "sbatch: error: too busy" >&2; exit 1`,
  });
  const halfway = await simSlurm(
    `${half}:${path}`,
    study,
    "--shards",
    "1",
    "--out",
    join(dir, "o"),
  );
  assert.equal(halfway.code, 2);
  assert.match(halfway.stderr, /submitted as job array 77 but the merge was not/);
  assert.match(halfway.stderr, /--dependency=afterok:77 .*merge\.sbatch.*scancel 77/s);
  // --dry-run prints both scripts and the commands, writes nothing, needs no sbatch.
  const dry = await simSlurm(
    noSbatch,
    study,
    "--shards",
    "1",
    "--out",
    join(dir, "dry"),
    "--dry-run",
  );
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /#SBATCH --array=1-1/);
  assert.match(dry.stdout, /--dependency=afterok:<array job id>/);
  assert.match(dry.stdout, /deno task sim merge/);
  await assert.rejects(Deno.stat(join(dir, "dry-slurm")), Deno.errors.NotFound);
  // --help
  const help = await simSlurm(path, "--help");
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: deno task sim slurm STUDY --shards N/);
  for (const d of [dir, noSbatch, refuse, half]) await Deno.remove(d, { recursive: true });
});
