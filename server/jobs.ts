/**
 * Jobs: checking or running a study in a process of its own (server/job.ts), so that nothing a
 * request sends can block the server's event loop, and so that a job can really be ended. At
 * its deadline, when the client goes away, or when its resident memory passes the limit, the
 * process is killed (SIGKILL): its threads stop and the operating system takes its memory back.
 * (A Web Worker cannot promise this: Deno's Worker.terminate() does not stop a thread busy in
 * a loop.)
 *
 * The job reads one JSON request on stdin and writes one line of JSON (status, content type)
 * followed by the response body on stdout; the server passes the body on as it is.
 */
import type { WorkBudget } from "../sim/work.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const JOB = new URL("./job.ts", import.meta.url).pathname;

/**
 * "check": validate; "run": a server run's results; "report": a server run's report; "render":
 * the report of results sent with the request (the run on the user's screen), never a new run;
 * "workbook": the Excel workbook of results sent with the request (checked to be this study's).
 */
export type JobKind = "check" | "run" | "report" | "render" | "workbook";

export interface JobRequest {
  kind: JobKind;
  studyText: string;
  csvText: string | null;
  /** Iterations asked for (runs and reports); checked by the job. */
  iterations?: unknown;
  /** Uncertainty mode asked for (runs and reports; default the study's); checked by the job. */
  uncertainty?: unknown;
  /**
   * For "render": `{ results, assertions?, decompositions?, run? }`; for "workbook":
   * `{ results, assertions?, run? }` — as JSON text.
   */
  runText?: string;
  maxIterations: number;
  budget: WorkBudget;
  /** Block workers a run uses inside the job. */
  workers: number;
}

export type JobOutcome =
  | { kind: "done"; status: number; contentType: string; body: Uint8Array; headers?: HeadersInit }
  | { kind: "timed-out" }
  | { kind: "cancelled" }
  | { kind: "out-of-memory" }
  | { kind: "failed"; message: string };

export interface JobOptions {
  deadlineMs: number;
  /** Aborted when the client goes away. */
  signal?: AbortSignal;
  /**
   * Resident memory at which the process is stopped: looked at every 50 ms through /proc, or
   * every 200 ms through `ps` where Deno may not read /proc (residentBytes).
   */
  maxProcessBytes: number;
  /** Called with the process id once it has started (tests watch it). */
  onStart?: (pid: number) => void;
}

/**
 * Whether this process may read /proc: Deno lets only --allow-all read it, which `deno task
 * start` does not grant (null until first asked).
 */
let procReadable: boolean | null = null;
/** Whether `ps` can be run (null until first tried). */
let psRuns: boolean | null = null;

function readProcRss(pid: number): number | null {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  return kb ? Number(kb[1]) * 1024 : null;
}

/**
 * Resident memory of a process in bytes: from /proc where Deno may read it, else from
 * `ps -o rss= -p PID` (needs --allow-run, which the start command grants); null when neither can
 * tell (the process has ended, or there is no way to ask).
 */
export async function residentBytes(pid: number): Promise<number | null> {
  if (procReadable === null) {
    try {
      readProcRss(Deno.pid);
      procReadable = true;
    } catch {
      procReadable = false;
    }
  }
  if (procReadable) {
    try {
      return readProcRss(pid);
    } catch {
      return null;
    }
  }
  if (psRuns === false) return null;
  try {
    const out = await new Deno.Command("ps", {
      args: ["-o", "rss=", "-p", String(pid)],
      stdout: "piped",
      stderr: "null",
      env: { LC_ALL: "C" },
    }).output();
    psRuns = true;
    const kb = Number(new TextDecoder().decode(out.stdout).trim());
    return out.success && Number.isFinite(kb) && kb > 0 ? kb * 1024 : null;
  } catch {
    psRuns = false;
    return null;
  }
}

/** How often resident memory is looked at: /proc is cheap, `ps` is a process of its own. */
const watchEveryMs = () => (procReadable === false ? 200 : 50);

/** Reads a stream to its end, or until `cap` bytes (then `over` is called and reading stops). */
async function readAll(
  stream: ReadableStream<Uint8Array>,
  cap: number,
  over: () => void,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of stream) {
    size += part.length;
    if (size > cap) {
      over();
      break;
    }
    parts.push(part);
  }
  const out = new Uint8Array(Math.min(size, cap));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Job processes running now, so that a server shutting down can end them (stopAllJobs). */
const running = new Set<Deno.ChildProcess>();

/** Kills every job process still running (the server is stopping). */
export function stopAllJobs(): number {
  let stopped = 0;
  for (const child of running) {
    try {
      child.kill("SIGKILL");
      stopped++;
    } catch { /* already gone */ }
  }
  return stopped;
}

/** Runs one job in its own process; resolves when the process has ended. */
export async function runJob(request: JobRequest, options: JobOptions): Promise<JobOutcome> {
  if (options.signal?.aborted) return { kind: "cancelled" };
  const heapMb = Math.max(256, Math.ceil(options.maxProcessBytes / 2 ** 20));
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--no-prompt",
      `--allow-read=${ROOT}`,
      // The xlsx library (report/xlsx.ts) reads this one variable when it loads.
      "--allow-env=READABLE_STREAM",
      `--v8-flags=--max-old-space-size=${heapMb}`,
      JOB,
    ],
    cwd: ROOT,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  running.add(child);
  child.status.finally(() => running.delete(child));
  options.onStart?.(child.pid);
  let ended: "timed-out" | "cancelled" | "out-of-memory" | null = null;
  const stop = (why: NonNullable<typeof ended>) => {
    if (ended) return;
    ended = why;
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
  };
  const deadline = setTimeout(() => stop("timed-out"), options.deadlineMs);
  const onAbort = () => stop("cancelled");
  options.signal?.addEventListener("abort", onAbort);
  // The memory watch: one look at a time, until the process has ended.
  let exited = false;
  let pause: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | undefined;
  const endWatch = () => {
    exited = true;
    clearTimeout(pause);
    wake?.();
  };
  const watch = (async () => {
    while (!exited && !ended) {
      const rss = await residentBytes(child.pid);
      if (rss !== null && rss > options.maxProcessBytes) stop("out-of-memory");
      if (exited || ended) break;
      await new Promise<void>((done) => {
        wake = done;
        pause = setTimeout(done, watchEveryMs());
      });
    }
  })();
  child.status.finally(endWatch);
  try {
    const stdout = readAll(child.stdout, options.maxProcessBytes, () => stop("out-of-memory"));
    const stderr = readAll(child.stderr, 1 << 20, () => {});
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(JSON.stringify(request))).catch(() => {});
    await writer.close().catch(() => {});
    const [status, out, err] = await Promise.all([child.status, stdout, stderr]);
    if (ended) return { kind: ended };
    const newline = out.indexOf(10);
    if (!status.success || newline < 0) {
      const message = new TextDecoder().decode(err).trim().slice(-2000) ||
        `the job ended with code ${status.code}`;
      return { kind: "failed", message };
    }
    const head = JSON.parse(new TextDecoder().decode(out.subarray(0, newline)));
    return {
      kind: "done",
      status: head.status,
      contentType: head.contentType,
      headers: head.headers,
      body: out.subarray(newline + 1),
    };
  } finally {
    clearTimeout(deadline);
    endWatch();
    await watch;
    options.signal?.removeEventListener("abort", onAbort);
  }
}
