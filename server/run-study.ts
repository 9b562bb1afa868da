/**
 * Server runs of a study. The request side (runStudyRequest) reads the study, takes a run slot
 * and hands the work to a job process with a deadline (server/jobs.ts); the job side
 * (runServerStudy) is the engine's work itself, in that process.
 */
import type { AssertionOutcome } from "../sim/assertions.ts";
import { runStudy } from "../sim/api.ts";
import { BLOCK_WORKER_URL, BlockPool } from "../sim/parallel.ts";
import type { PreparedStudy } from "../sim/study/prepare.ts";
import type { Results } from "../sim/summary.ts";
import { type JobKind, type JobOutcome, runJob } from "./jobs.ts";
import { type Limits, problemResponse } from "./limits.ts";
import { readStudyRequest } from "./study-request.ts";

/** Block workers of one server run. */
export const SERVER_WORKERS = 2;

/** The engine's work for one server run (called in the job's process). */
export async function runServerStudy(
  loaded: PreparedStudy,
  iterations: number,
  workers: number,
): Promise<{ results: Results; assertions: AssertionOutcome[] }> {
  // No signal: the job's process is killed at its deadline, which ends its workers too.
  const pool = new BlockPool(BLOCK_WORKER_URL, workers);
  try {
    const { results, assertions } = await runStudy(loaded, {
      ...loaded.options,
      iterations,
      pool,
      decompose: false,
    });
    return { results, assertions };
  } finally {
    pool.terminate();
  }
}

/** The answer to a job's outcome: its own, or a problem saying why it did not finish. */
export function jobResponse(outcome: JobOutcome, deadlineMs: number): Response {
  switch (outcome.kind) {
    case "done":
      return new Response(outcome.body as BodyInit, {
        status: outcome.status,
        headers: { "content-type": outcome.contentType, ...outcome.headers },
      });
    case "timed-out":
      return problemResponse(504, [{
        at: "(server)",
        message: `the work took longer than ${deadlineMs / 1000} s and was stopped`,
        expected: "fewer iterations, or the command line",
      }]);
    case "cancelled":
      // The client has gone; nobody reads this.
      return problemResponse(499, [{ at: "(request)", message: "the request was cancelled" }]);
    case "out-of-memory":
      return problemResponse(413, [{
        at: "(server)",
        message: "the work needed more memory than this server allows and was stopped",
        expected: "fewer iterations or a smaller model, or the command line",
      }]);
    case "failed":
      console.error(`job failed: ${outcome.message}`);
      return problemResponse(500, [{ at: "(server)", message: "internal error" }]);
  }
}

/** Runs a job for a study already read from a request, in a slot of the given kind. */
export async function studyJob(
  kind: JobKind,
  texts: { studyText: string; csvText: string | null; iterations?: unknown; runText?: string },
  limits: Limits,
  signal: AbortSignal,
  onStart?: (pid: number) => void,
): Promise<{ outcome?: JobOutcome; response: Response }> {
  const s = limits.settings;
  const deadlineMs = kind === "check" ? s.checkTimeoutMs : s.runTimeoutMs;
  const task = () =>
    runJob({
      kind,
      studyText: texts.studyText,
      csvText: texts.csvText,
      iterations: texts.iterations,
      runText: texts.runText,
      maxIterations: s.maxIterations,
      budget: s.budget,
      workers: SERVER_WORKERS,
    }, { deadlineMs, signal, maxProcessBytes: s.maxProcessBytes, onStart });
  const outcome = kind === "check"
    ? await limits.withCheckSlot(task)
    : await limits.withRunSlot(task);
  if (outcome === null) {
    return {
      response: problemResponse(429, [{
        at: "(server)",
        message: "the server is busy with other work; try again shortly",
      }], { "retry-after": "5" }),
    };
  }
  return { outcome, response: jobResponse(outcome, deadlineMs) };
}

/** POST /api/run and /api/report: read the study and run it in a job. */
export async function runStudyRequest(
  req: Request,
  limits: Limits,
  kind: "run" | "report",
): Promise<Response> {
  const { request, error } = await readStudyRequest(req);
  if (error) return error;
  const { response } = await studyJob(
    kind,
    { ...request!, iterations: request!.body.iterations },
    limits,
    req.signal,
  );
  return response;
}
