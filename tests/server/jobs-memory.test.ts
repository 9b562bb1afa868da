/**
 * The job's memory watch (server/jobs.ts) under the start command's permissions: Deno lets only
 * --allow-all read /proc, so the server reads a job's resident memory with `ps` there. A job
 * over its memory limit is stopped; one under it finishes.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../..", import.meta.url).pathname;

/** Runs one "check" job in a server-like process (the start command's permissions). */
async function jobUnderStartPermissions(maxProcessBytes: number) {
  const dir = await Deno.makeTempDir();
  const script = `${dir}/job-child.ts`;
  await Deno.writeTextFile(
    script,
    `import { runJob } from ${JSON.stringify(`${ROOT}server/jobs.ts`)};
let proc = "readable";
try { Deno.readTextFileSync("/proc/" + Deno.pid + "/status"); } catch { proc = "refused"; }
const outcome = await runJob({
  kind: "check",
  studyText: Deno.readTextFileSync(${JSON.stringify(`${ROOT}scenarios/falls-prevention.json`)}),
  csvText: null,
  maxIterations: 100,
  budget: { maxStateCycles: 1e12, maxMemoryBytes: 2 ** 40 },
  workers: 1,
}, { deadlineMs: 60_000, maxProcessBytes: ${maxProcessBytes} });
console.log(JSON.stringify({ proc, outcome: outcome.kind }));
`,
  );
  try {
    // The start command's permissions (deno.json "start"): no --allow-all.
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--quiet",
        "--allow-read",
        "--allow-run",
        "--allow-env",
        "--allow-net",
        "--allow-write",
        `--config=${ROOT}deno.json`,
        script,
      ],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout).trim();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    return JSON.parse(text.split("\n").pop()!) as { proc: string; outcome: string };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a job over its memory limit is stopped without /proc access (ps); one under it finishes", async () => {
  // A Deno process holds well over 8 MB resident from its start.
  const over = await jobUnderStartPermissions(8 * 2 ** 20);
  assert.equal(over.proc, "refused", "the start command's permissions do not reach /proc");
  assert.equal(over.outcome, "out-of-memory");
  const under = await jobUnderStartPermissions(2 ** 33);
  assert.equal(under.outcome, "done");
});
