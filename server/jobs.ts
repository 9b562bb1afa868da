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
  /** Resident memory at which the process is stopped (checked every 50 ms, Linux only). */
  maxProcessBytes: number;
  /** Called with the process id once it has started (tests watch it). */
  onStart?: (pid: number) => void;
}

/** Resident memory of a process, from /proc (null where /proc is not available). */
function residentBytes(pid: number): number | null {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const kb = /VmRSS:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) * 1024 : null;
  } catch {
    return null;
  }
}

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
  const watch = setInterval(() => {
    const rss = residentBytes(child.pid);
    if (rss !== null && rss > options.maxProcessBytes) stop("out-of-memory");
  }, 50);
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
    clearInterval(watch);
    options.signal?.removeEventListener("abort", onAbort);
  }
}
