/**
 * The snapshot a saved run keeps: the study text and CSV exactly as run. A request keeping a run
 * sends them (`study`, `csv`) or leaves them out to mean the saved study as it is now; either
 * way they are checked in a job, and kept only when they resolve to the very inputs the results
 * came from (equal input hashes), so no run is kept with inputs other than its own.
 *
 * A calibrated study has a third input, the posterior file it names. The server reads it from
 * scenarios/ (the shipped posteriors; it takes none from users), and the input hash covers the
 * posterior's hash: a run drawn from another posterior (a user's refit on the command line) is
 * refused, saying so. The posterior's hash stays in the kept results' provenance, so the
 * snapshot with that hash identifies the run's inputs exactly.
 */
import { problemResponse } from "./limits.ts";
import type { Limits } from "./limits.ts";
import { studyJob } from "./run-study.ts";
import { readShippedCsv } from "./shipped.ts";
import type { Store } from "./store.ts";

export interface CheckedSnapshot {
  studyText: string;
  csvText: string | null;
  studyHash: string;
  schemaVersion: number;
}

/** The snapshot of a run of saved study `studyId`, or the response refusing it. */
export async function runSnapshot(
  store: Store,
  studyId: string,
  body: Record<string, unknown>,
  inputHash: string,
  limits: Limits,
  signal: AbortSignal,
  /** The posterior hash the results' provenance names (null: not calibrated or not recorded). */
  posteriorHash: string | null = null,
): Promise<{ snapshot?: CheckedSnapshot; response?: Response }> {
  let studyText: string;
  let csvText: string | null;
  const sent = Object.hasOwn(body, "study");
  if (sent) {
    studyText = typeof body.study === "string" ? body.study : JSON.stringify(body.study);
    csvText = typeof body.csv === "string" ? body.csv : null;
  } else {
    const saved = await store.get(studyId);
    if (!saved) {
      return {
        response: problemResponse(404, [{
          at: "id",
          message: "no such saved study",
          found: studyId,
        }]),
      };
    }
    studyText = saved.studyText;
    csvText = saved.csvText;
  }
  const check = await studyJob("check", { studyText, csvText }, limits, signal);
  if (check.outcome?.kind !== "done" || check.outcome.status !== 200) {
    return { response: check.response };
  }
  const answer = JSON.parse(new TextDecoder().decode(check.outcome.body));
  const serverPosterior = answer.posteriorHash as string | null;
  if (
    answer.inputHash !== inputHash && posteriorHash !== null && serverPosterior !== null &&
    posteriorHash !== serverPosterior
  ) {
    return {
      response: problemResponse(409, [{
        at: "results.provenance.calibration.posteriorHash",
        message:
          "the results were drawn from another calibration posterior than the one this server runs the study on",
        found: `posterior ${posteriorHash}; the server's is ${serverPosterior}`,
        expected:
          "results of a run on the server's posterior (the server uses the posteriors in scenarios/ only; runs on a posterior of your own stay on the command line)",
      }]),
    };
  }
  if (answer.inputHash !== inputHash) {
    return {
      response: problemResponse(409, [{
        at: "results.inputHash",
        message: sent
          ? "the results were not produced by the study sent with them"
          : "the results were not produced by the saved study as it is now (it changed since the run, or the run was of an unsaved edit)",
        found: `results of inputs ${inputHash}; the study's inputs are ${answer.inputHash}`,
        expected: 'the study text and CSV the run used, as "study" and "csv"',
      }]),
    };
  }
  // A CSV the study names but nobody sent is a shipped one (scenarios/): keep its text too.
  const csvPath = answer.csvPath as string | null;
  const csv = csvPath === null ? null : csvText ?? readShippedCsv(csvPath);
  return {
    snapshot: {
      studyText,
      csvText: csv,
      studyHash: answer.studyHash,
      schemaVersion: answer.schemaVersion,
    },
  };
}
