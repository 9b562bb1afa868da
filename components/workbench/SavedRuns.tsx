/** The runs kept with a saved study, each loadable back into the workbench; the one on screen marked. */
import type { Results } from "../../sim/summary.ts";
import { count } from "../../report/format.ts";
import type { RunBundle } from "./use-monte-carlo.ts";

export interface SavedRun {
  id: string;
  savedAt: string;
  iterations: number;
  seed: number | string;
  inputHash: string;
}

/** A saved run as the server gives it back: a bundle, or (saved by older clients) results alone. */
export function asBundle(json: unknown): RunBundle {
  const j = json as Partial<RunBundle> & Results;
  return j && typeof j === "object" && "results" in j && j.results
    ? { results: j.results, assertions: j.assertions, decompositions: j.decompositions }
    : { results: j as Results };
}

export async function fetchSavedRun(studyId: string, runId: string): Promise<RunBundle | null> {
  const res = await fetch(`/api/studies/${studyId}/runs?run=${runId}`);
  return res.ok ? asBundle(await res.json()) : null;
}

export function SavedRuns({ studyId, runs, current, inputHash, onLoad, onNote }: {
  studyId: string;
  runs: SavedRun[];
  /** The id of the saved run on screen, if one is. */
  current: string | null;
  /** The study's inputs as they stand: runs of other inputs are marked out of date. */
  inputHash: string | null;
  onLoad: (run: RunBundle, meta: SavedRun) => void;
  onNote: (text: string) => void;
}) {
  const load = async (meta: SavedRun) => {
    const run = await fetchSavedRun(studyId, meta.id);
    if (!run) {
      onNote("That run could not be loaded.");
      return;
    }
    onLoad(run, meta);
    onNote(`Loaded the run saved ${new Date(meta.savedAt).toLocaleString("en-GB")}.`);
  };
  return (
    <div class="saved-runs" data-testid="saved-runs">
      <p class="small">
        <strong>Saved runs ({runs.length})</strong>
      </p>
      <ul class="small">
        {runs.map((r) => (
          <li key={r.id}>
            {new Date(r.savedAt).toLocaleString("en-GB")}: {count(r.iterations)} iterations, seed
            {" "}
            {r.seed}
            {r.id === current
              ? <strong>(on screen)</strong>
              : inputHash && r.inputHash !== inputHash
              ? <span class="muted">(of an earlier version of the study)</span>
              : (
                <button type="button" class="secondary small" onClick={() => load(r)}>
                  Show this run
                </button>
              )}
          </li>
        ))}
      </ul>
    </div>
  );
}
