/** The API's answers to a change of a saved run (sign-off, deletion) that did not go through. */
import { problemResponse } from "./limits.ts";
import type { RunChangeOutcome, RunMeta } from "./store.ts";
import { show } from "../sim/problems.ts";

/** "final since 2026-11-23 by A. Person" */
function finalText(run: RunMeta): string {
  return run.final ? `signed off as final by ${run.final.by} on ${run.final.at.slice(0, 10)}` : "";
}

/** A final run, refused a change: 423 Locked, saying what can be done instead. */
export function lockedResponse(run: RunMeta, what: string): Response {
  return problemResponse(423, [{
    at: "run",
    message: `run ${run.id} is final (${
      finalText(run)
    }) and locked: it cannot be ${what}. A newer run can supersede it.`,
    found: run.id,
    expected:
      'a run that is not final, or a newer run signed off with "supersedes" naming this one',
  }]);
}

/** The response for an outcome that is not `done`, or null when it is. */
export function runChangeRefusal(
  outcome: RunChangeOutcome,
  ids: { study: string; run: string },
  what: string,
): Response | null {
  if ("done" in outcome) return null;
  if ("missing" in outcome) {
    return outcome.missing === "study"
      ? problemResponse(404, [{ at: "id", message: "no such saved study", found: show(ids.study) }])
      : problemResponse(404, [{ at: "run", message: "no such run", found: show(ids.run) }]);
  }
  if ("locked" in outcome) return lockedResponse(outcome.locked, what);
  if ("noSnapshot" in outcome) {
    return problemResponse(422, [{
      at: "run",
      message:
        `run ${ids.run} was kept before runs kept their own inputs: without its study text it cannot be signed off`,
      expected: "a run kept with its snapshot: run the study again and sign off that run",
    }]);
  }
  return problemResponse(409, [{
    at: "supersedes",
    message: outcome.conflict.message,
    expected: `"supersedes": "${outcome.conflict.currentFinal.id}" from a run newer than it`,
  }]);
}
