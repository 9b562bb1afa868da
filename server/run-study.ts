/** Server-side Monte Carlo for the API: capped iterations, a slot per run, a timeout. */
import type { AssertionOutcome } from "../sim/assertions.ts";
import type { PreparedStudy } from "../sim/study/prepare.ts";
import { readStudyRequest } from "./study-request.ts";
import { runStudy } from "../sim/api.ts";
import { BlockPool } from "../sim/parallel.ts";
import { RunCancelled } from "../sim/run.ts";
import type { Results } from "../sim/summary.ts";
import { type Limits, MAX_SERVER_ITERATIONS, problemResponse, RUN_TIMEOUT_MS } from "./limits.ts";

const WORKER_URL = new URL("../sim/block-worker.ts", import.meta.url);

/** Reads the study from a request and runs it: the shared first half of /api/run and /api/report. */
export async function runStudyRequest(
  req: Request,
  limits: Limits,
): Promise<
  { loaded?: PreparedStudy; results?: Results; assertions?: AssertionOutcome[]; error?: Response }
> {
  const { request, error } = await readStudyRequest(req);
  if (error) return { error };
  const out = await runForRequest(request!.loaded, limits, request!.body.iterations);
  return { loaded: request!.loaded, ...out };
}

export async function runForRequest(
  loaded: PreparedStudy,
  limits: Limits,
  iterationsOverride: unknown,
): Promise<{ results?: Results; assertions?: AssertionOutcome[]; error?: Response }> {
  const iterations = iterationsOverride === undefined
    ? loaded.options.iterations
    : iterationsOverride;
  if (
    typeof iterations !== "number" || !Number.isInteger(iterations) || iterations < 1 ||
    iterations > MAX_SERVER_ITERATIONS
  ) {
    return {
      error: problemResponse(422, [{
        at: "iterations",
        message:
          "too many iterations for a server run (use the command line or the in-browser run for more)",
        found: String(iterations),
        expected: `a whole number from 1 to ${MAX_SERVER_ITERATIONS}`,
      }]),
    };
  }
  const options = { ...loaded.options, iterations };
  const outcome = await limits.withRunSlot(async () => {
    const pool = new BlockPool(WORKER_URL, 2);
    try {
      const { results, assertions } = await runStudy(loaded, {
        ...options,
        pool,
        signal: AbortSignal.timeout(RUN_TIMEOUT_MS),
        decompose: false,
      });
      return { results, assertions };
    } catch (error) {
      if (error instanceof RunCancelled) return { timedOut: true as const };
      throw error;
    } finally {
      pool.terminate();
    }
  });
  if (outcome === null) {
    return {
      error: problemResponse(429, [{
        at: "(server)",
        message: "the server is busy with other runs; try again shortly",
      }]),
    };
  }
  if ("timedOut" in outcome) {
    return {
      error: problemResponse(504, [{
        at: "(server)",
        message: `the run took longer than ${RUN_TIMEOUT_MS / 1000} s and was stopped`,
        expected: "fewer iterations",
      }]),
    };
  }
  return outcome;
}
