/**
 * Ctrl-C or SIGTERM to the start command, as the README writes it (`npx --yes deno@<pinned>
 * task start`), stops the whole server: npm, the shell, deno task, the server and the job
 * process of a run under way. Where npx is not installed, `deno task start` stands in.
 */
import assert from "node:assert/strict";

const ROOT = new URL("..", import.meta.url).pathname;
const VERSION = (await Deno.readTextFile(`${ROOT}.ci/deno-version`)).trim();
const LINUX = Deno.build.os === "linux";

const hasCommand = (name: string) => {
  try {
    return new Deno.Command("sh", { args: ["-c", `command -v ${name}`], stdout: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
};
const NPX = hasCommand("npx");
const SETSID = hasCommand("setsid");

/** A process that exists and is not a zombie. */
function running(pid: number): boolean {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Every process descended from `pid`. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const stat = Deno.readTextFileSync(`/proc/${entry.name}/stat`);
      parents.set(Number(entry.name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch { /* gone */ }
  }
  const out: number[] = [];
  const visit = (p: number) => {
    for (const [child, parent] of parents) {
      if (parent === p) {
        out.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return out;
}

const commandOf = (pid: number) => {
  try {
    return Deno.readTextFileSync(`/proc/${pid}/cmdline`).replaceAll("\0", " ");
  } catch {
    return "";
  }
};

async function until(what: string, ok: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts the start command in a process group of its own; resolves once it listens. */
async function startCommand(port: number) {
  const command = NPX
    ? ["npx", "--yes", `deno@${VERSION}`, "task", "start"]
    : [Deno.execPath(), "task", "start"];
  const child = new Deno.Command("setsid", {
    args: command,
    cwd: ROOT,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      CARESHIFT_KV: `${await Deno.makeTempDir()}/start.kv`,
      NO_COLOR: "1",
    },
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  const deadline = Date.now() + 120_000;
  while (!seen.includes("Careshift on")) {
    if (Date.now() > deadline) throw new Error(`the server did not start: ${seen}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`the start command exited: ${seen}`);
    seen += value;
  }
  const output = { text: seen };
  const drained = (async () => {
    try {
      for (let r = await reader.read(); !r.done; r = await reader.read()) output.text += r.value;
    } catch { /* closed */ }
  })();
  return { child, url: `http://127.0.0.1:${port}`, drained, output };
}

/** Starts a long server run and waits for its job process. */
async function longRun(
  url: string,
  top: number,
): Promise<{ job: number; request: Promise<unknown> }> {
  const study = JSON.parse(
    await Deno.readTextFile(`${ROOT}scenarios/frailty-proactive-care.json`),
  );
  const request = fetch(`${url}/api/run`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ study, iterations: 5000 }),
  }).then((r) => r.body?.cancel()).catch(() => {});
  let job = 0;
  await until("a job process", () => {
    job = descendants(top).find((p) => commandOf(p).includes("server/job.ts")) ?? 0;
    return job > 0;
  }, 30_000);
  return { job, request };
}

for (
  const [how, signal, group] of [
    ["SIGTERM to the start command", "SIGTERM", false],
    ["Ctrl-C (SIGINT to its process group)", "SIGINT", true],
  ] as const
) {
  Deno.test({
    name: `${how} stops npx, deno task, the server and its job processes`,
    ignore: !LINUX || !SETSID,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const port = 8800 + Math.floor(Math.random() * 400);
      const { child, url, drained, output } = await startCommand(port);
      const top = child.pid;
      let tree = [top];
      try {
        const { job, request } = await longRun(url, top);
        tree = [top, ...descendants(top)];
        assert.ok(tree.includes(job));
        if (NPX) {
          assert.ok(tree.some((p) => /deno task start/.test(commandOf(p))), "deno task runs");
        }
        Deno.kill(group ? -top : top, signal);
        await child.status;
        await until(
          "every process of the start command to end",
          () => tree.every((p) => !running(p)),
          15_000,
        ).catch((error) => {
          const left = tree.filter(running).map((p) => `${p}: ${commandOf(p).slice(0, 60)}`);
          throw new Error(`${error.message}; still running: ${left.join("; ")}\n${output.text}`);
        });
        await request;
        // Nothing listens any more.
        const refused = await fetch(url).then(() => false, () => true);
        assert.ok(refused, "the port is free");
      } finally {
        for (const p of [...tree, ...descendants(top)]) {
          try {
            Deno.kill(p, "SIGKILL");
          } catch { /* gone */ }
        }
        await drained;
      }
    },
  });
}
