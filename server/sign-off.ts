/**
 * Sign-off: a run marked final, with who signed it, their note, the time and a content hash over
 * everything the run is — the study text and CSV it ran and its results exactly as kept. A final
 * run is locked: it cannot be signed again, deleted or dropped, and its blobs are never written
 * again (nothing ever rewrites a blob). A newer run can be signed off in its place by naming the
 * current final run it supersedes; an older one cannot, and a run without a snapshot of its
 * inputs cannot be signed off at all (it could not be defended).
 */
import { canonicalJson } from "../sim/hash.ts";
import {
  currentFinal,
  type RunChangeOutcome,
  runMetaOf,
  type RunRecord,
  type SavedRun,
  type SignOff,
  type Store,
} from "./store.ts";

/**
 * SHA-256 (hex) of canonical JSON {"csv": CSV text or null, "results": results text, "study":
 * study text}: anyone holding the three texts can recompute it.
 */
export async function runContentHash(
  parts: { studyText: string; csvText: string | null; resultsText: string },
): Promise<string> {
  const bytes = new TextEncoder().encode(
    canonicalJson({ csv: parts.csvText, results: parts.resultsText, study: parts.studyText }),
  );
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Whether a final run still hashes to its sign-off's content hash (null: not final). */
export async function verifyFinal(run: SavedRun): Promise<boolean | null> {
  if (!run.meta.final || !run.snapshot) return null;
  const hash = await runContentHash({ ...run.snapshot, resultsText: run.resultsText });
  return hash === run.meta.final.contentHash;
}

export interface SignOffRequest {
  by: string;
  note: string;
  /** The current final run this one supersedes (required when there is one). */
  supersedes: string | null;
}

/** Marks a run final, or says why not. */
export async function signOff(
  store: Store,
  studyId: string,
  runId: string,
  request: SignOffRequest,
): Promise<RunChangeOutcome> {
  const saved = await store.getSavedRun(studyId, runId);
  if (!saved) return { missing: (await store.get(studyId)) ? "run" : "study" };
  // The blobs a run names never change: the hash read here is the hash of what is committed.
  const contentHash = saved.snapshot
    ? await runContentHash({ ...saved.snapshot, resultsText: saved.resultsText })
    : null;
  return await store.changeRun(studyId, runId, (run, runs) => {
    const meta = runMetaOf(run, runs);
    const stop = (outcome: RunChangeOutcome) => Promise.resolve({ stop: outcome });
    if (run.final) return stop({ locked: meta });
    if (!run.snapshot || contentHash === null) return stop({ noSnapshot: meta });
    const final = currentFinal(runs);
    if (final) {
      const finalMeta = runMetaOf(final, runs);
      if (run.savedAt < final.savedAt) {
        return stop({
          conflict: {
            currentFinal: finalMeta,
            message:
              `run ${final.id} is final and newer than this run: only a newer run can supersede it`,
          },
        });
      }
      if (request.supersedes !== final.id) {
        return stop({
          conflict: {
            currentFinal: finalMeta,
            message:
              `run ${final.id} is final: to supersede it with this run, name it in "supersedes"`,
          },
        });
      }
    } else if (request.supersedes !== null) {
      return stop({
        conflict: {
          currentFinal: meta,
          message: `there is no final run to supersede (${request.supersedes} is not final)`,
        },
      });
    }
    const signed: SignOff = {
      by: request.by,
      note: request.note,
      at: new Date().toISOString(),
      contentHash,
      supersedes: final?.id ?? null,
    };
    const updated: RunRecord = { ...run, final: signed };
    const next = runs.map((r) => (r.id === runId ? updated : r));
    return Promise.resolve({ runs: next, meta: runMetaOf(updated, next) });
  });
}
