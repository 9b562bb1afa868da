/**
 * `sim slurm` on a real Slurm cluster: a study in 4 shards as a job array, the merge job after
 * it, and the merged results compared byte for byte with a single run of the same study, seed and
 * iterations. Needs a cluster that `sinfo` reaches; `.ci/slurm/start` (as root) starts a one-node
 * one on this machine and `deno task test:slurm` runs this file. Skipped when no cluster answers,
 * except under `deno task test:slurm`, where that fails.
 */
import assert from "node:assert/strict";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const dec = new TextDecoder();
const STUDY = "scenarios/falls-prevention.json";
const ITERATIONS = "128"; // four blocks of 32: one per shard
const TIMEOUT_MS = 300_000;

async function run(command: string, args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(command, { args, cwd: root, env, stdin: "null" }).output();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** Why there is no cluster to test on, or null when sinfo answers. */
async function noCluster(): Promise<string | null> {
  try {
    // scontrol ping answers at once; sinfo retries a down controller for about 9 s.
    const ping = await run("scontrol", ["ping"]);
    if (ping.code !== 0) {
      return ping.stdout.split("\n")[0].trim() || `scontrol ping: exit ${ping.code}`;
    }
    const r = await run("sinfo", ["-h", "-o", "%P %t"]);
    if (r.code !== 0) return `sinfo fails: ${r.stderr.trim() || `exit ${r.code}`}`;
    return r.stdout.trim() ? null : "sinfo lists no partition";
  } catch (error) {
    return error instanceof Deno.errors.NotFound ? "Slurm is not installed" : String(error);
  }
}

const why = await noCluster();
if (why && Deno.env.get("CARESHIFT_SLURM_REQUIRED") === "1") {
  // deno task test:slurm (CI's Slurm step) sets this: there, no cluster is a failure, not a skip.
  Deno.test("slurm: a cluster answers", () => {
    assert.fail(`no Slurm cluster (${why}); .ci/slurm/start starts one (as root)`);
  });
} else if (why) {
  console.log(
    `tests/slurm.test.ts skipped: no Slurm cluster (${why}). Start a one-node cluster with ` +
      `".ci/slurm/start" (as root), run "deno task test:slurm", stop it with ".ci/slurm/stop".`,
  );
}

/** `scontrol show job -o ID`: one line per job (per task for an array), as key=value maps. */
async function jobStates(id: string): Promise<Map<string, string>[] | null> {
  const r = await run("scontrol", ["show", "job", "-o", id]);
  if (r.code !== 0) return null; // purged from slurmctld's memory (MinJobAge) or unknown
  return r.stdout.trim().split("\n").map((line) =>
    new Map(
      line.split(/\s+/).filter((kv) => kv.includes("=")).map((kv) => {
        const at = kv.indexOf("=");
        return [kv.slice(0, at), kv.slice(at + 1)] as [string, string];
      }),
    )
  );
}

const FINISHED =
  /^(COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|PREEMPTED|BOOT_FAIL|DEADLINE)/;

async function logs(dir: string): Promise<string> {
  const parts: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      parts.push(`--- ${e.name}\n${await Deno.readTextFile(join(dir, e.name))}`);
    }
  } catch (error) {
    parts.push(`(no logs in ${dir}: ${error})`);
  }
  return parts.sort().join("\n");
}

/** PATH without any directory holding a `deno`, so the jobs must get Deno through npx. */
function pathWithoutDeno(): string {
  return (Deno.env.get("PATH") ?? "").split(":").filter((dir) => {
    try {
      return !Deno.statSync(join(dir, "deno")).isFile;
    } catch {
      return true;
    }
  }).join(":");
}

/** `deno task sim slurm STUDY --shards N ...` as a user runs it; the job ids it reports. */
async function submit(
  study: string,
  out: string,
  shards: number,
  env: Record<string, string> = {},
) {
  const r = await run(Deno.execPath(), [
    "task",
    "sim",
    "slurm",
    study,
    "--shards",
    String(shards),
    "--iterations",
    ITERATIONS,
    // Two block workers per shard (two CPUs per task), so the merge is checked for shards whose
    // blocks finish out of order too.
    "--workers",
    "2",
    "--out",
    out,
  ], { NO_COLOR: "1", PATH: pathWithoutDeno(), ...env });
  assert.equal(r.code, 0, r.stderr);
  const arrayId = new RegExp(`job array (\\d+) \\(tasks 1-${shards}\\)`).exec(r.stdout)?.[1];
  const mergeId = /merge +job (\d+), when every shard has succeeded/.exec(r.stdout)?.[1];
  assert.ok(arrayId && mergeId, r.stdout);
  assert.ok(r.stdout.includes(`land in ${out}.`), r.stdout);
  return { arrayId, mergeId };
}

/** Waits for job `mergeId` to finish; its state and the array's tasks', and a report for errors. */
async function finish(arrayId: string, mergeId: string, logDir: string) {
  const started = Date.now();
  let merge: Map<string, string> | undefined;
  while (Date.now() - started < TIMEOUT_MS) {
    merge = (await jobStates(mergeId))?.[0];
    if (!merge || FINISHED.test(merge.get("JobState") ?? "")) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const shards = (await jobStates(arrayId)) ?? [];
  const brief = (m: Map<string, string>) =>
    ["JobId", "ArrayTaskId", "JobState", "Reason", "ExitCode", "Dependency", "StartTime", "EndTime"]
      .filter((k) => m.has(k)).map((k) => `${k}=${m.get(k)}`).join(" ");
  const report = `merge: ${merge ? brief(merge) : "unknown to slurmctld"}\n${
    shards.map((m) => `shard: ${brief(m)}`).join("\n")
  }\n${await logs(logDir)}`;
  return { merge, shards, report, seconds: (Date.now() - started) / 1000 };
}

Deno.test({
  name: "slurm: 4 shards as a job array and the merge after it give a single run's results",
  ignore: why !== null,
  fn: async () => {
    await Deno.mkdir(join(root, "out"), { recursive: true });
    // In the checkout, as on a real cluster the compute nodes share it (and not /tmp).
    const dir = await Deno.makeTempDir({ dir: join(root, "out"), prefix: "slurm-test-" });
    const merged = join(dir, "merged");
    const { arrayId, mergeId } = await submit(STUDY, merged, 4);

    // The same study, seed and iterations in one process, while Slurm works.
    const single = join(dir, "single");
    const one = await run(
      Deno.execPath(),
      ["task", "sim", "run", STUDY, "--iterations", ITERATIONS, "--workers", "1", "--out", single],
      { NO_COLOR: "1" },
    );
    assert.equal(one.code, 0, one.stderr);

    const { merge, shards, report, seconds } = await finish(
      arrayId,
      mergeId,
      join(`${merged}-slurm`, "logs"),
    );
    assert.equal(merge?.get("JobState"), "COMPLETED", report);
    assert.equal(merge.get("ExitCode"), "0:0", report);
    // Every task of the array ran and succeeded, and the merge started only after the last ended
    // (times to the second, ISO 8601).
    assert.deepEqual(
      shards.map((m) => [m.get("ArrayTaskId"), m.get("JobState"), m.get("ExitCode")]).sort(),
      ["1", "2", "3", "4"].map((k) => [k, "COMPLETED", "0:0"]),
      report,
    );
    const lastShardEnd = shards.map((m) => m.get("EndTime")!).sort().at(-1)!;
    assert.ok(merge.get("StartTime")! >= lastShardEnd, report);
    console.log(`Slurm: shards and merge finished ${seconds} s after submission.`);

    const bytes = (run: string, name: string) => Deno.readFileSync(join(run, name));
    const text = (run: string, name: string) => Deno.readTextFileSync(join(run, name));
    // Every output byte-identical to the single run's, by-intervention contributions included
    // (the merge job computes them from their own subset runs).
    for (const name of ["report.html", "results.json", "summary.csv"]) {
      assert.deepEqual(bytes(merged, name), bytes(single, name), name);
    }
    assert.ok(JSON.parse(text(single, "results.json")).contributions.length > 0);

    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test({
  name: "slurm: when a shard fails, Slurm cancels the merge and no results are written",
  ignore: why !== null,
  fn: async () => {
    await Deno.mkdir(join(root, "out"), { recursive: true });
    const dir = await Deno.makeTempDir({ dir: join(root, "out"), prefix: "slurm-test-" });
    const study = join(dir, "study.json");
    await Deno.copyFile(join(root, STUDY), study);
    // The files the study names (calibration targets and posterior) go with it, so the only thing
    // missing when the shards start is the study itself.
    await Deno.mkdir(join(dir, "data"));
    for (const name of ["example-place-targets.json", "example-place-posterior.json"]) {
      await Deno.copyFile(join(root, "scenarios/data", name), join(dir, "data", name));
    }
    const out = join(dir, "results");
    // Submitted held (sbatch reads SBATCH_HOLD), so the study can go before any shard starts.
    const { arrayId, mergeId } = await submit(study, out, 2, { SBATCH_HOLD: "1" });
    await Deno.remove(study);
    for (const id of [arrayId, mergeId]) {
      const r = await run("scontrol", ["release", id]);
      assert.equal(r.code, 0, r.stderr);
    }
    const { merge, shards, report } = await finish(arrayId, mergeId, join(`${out}-slurm`, "logs"));
    assert.equal(merge?.get("JobState"), "CANCELLED", report);
    assert.equal(merge.get("Reason"), "DependencyNeverSatisfied", report);
    assert.deepEqual(
      shards.map((m) => [m.get("ArrayTaskId"), m.get("JobState"), m.get("ExitCode")]).sort(),
      [["1", "FAILED", "2:0"], ["2", "FAILED", "2:0"]],
      report,
    );
    assert.match(report, /study\.json: \(file\): no such file/);
    await assert.rejects(Deno.stat(out), Deno.errors.NotFound);
    await Deno.remove(dir, { recursive: true });
  },
});
