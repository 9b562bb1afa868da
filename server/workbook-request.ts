/**
 * Workbooks through the API: of results sent with their study (POST /api/workbook: the run on
 * the screen), or of a saved run with the inputs it kept (GET …/runs/:run/workbook). Both are
 * written in a job (server/jobs.ts), which first checks that the results are the study's.
 */
import type { Limits } from "./limits.ts";
import { problemResponse } from "./limits.ts";
import { studyJob } from "./run-study.ts";
import type { SavedRun, Store } from "./store.ts";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** The results (and assertions) in a kept run's text: the results, or { results, assertions, … }. */
export function runParts(resultsText: string): { results: unknown; assertions: unknown[] } {
  const doc = JSON.parse(resultsText);
  if (isObject(doc) && isObject(doc.results)) {
    return {
      results: doc.results,
      assertions: Array.isArray(doc.assertions) ? doc.assertions : [],
    };
  }
  return { results: doc, assertions: [] };
}

/** The workbook of results sent with a study. */
export async function workbookOf(
  texts: { studyText: string; csvText: string | null },
  run: { results: unknown; assertions?: unknown; run?: unknown },
  limits: Limits,
  signal: AbortSignal,
): Promise<Response> {
  const { response } = await studyJob(
    "workbook",
    { ...texts, runText: JSON.stringify(run) },
    limits,
    signal,
  );
  return response;
}

/** The workbook of a saved run, written from the study text it kept. */
export async function savedRunWorkbook(
  store: Store,
  studyId: string,
  saved: SavedRun,
  limits: Limits,
  signal: AbortSignal,
): Promise<Response> {
  let texts = saved.snapshot;
  if (!texts) {
    // Kept before snapshots: the saved study as it is now, if its inputs are still the run's
    // (the job refuses them otherwise).
    const study = await store.get(studyId);
    if (!study) {
      return problemResponse(404, [{ at: "id", message: "no such saved study", found: studyId }]);
    }
    texts = { ...study, schemaVersion: 0, studyHash: "" };
  }
  const { results, assertions } = runParts(saved.resultsText);
  return await workbookOf(
    { studyText: texts.studyText, csvText: texts.csvText },
    { results, assertions, run: { ...saved.meta, studyId } },
    limits,
    signal,
  );
}
