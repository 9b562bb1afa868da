/** The runs kept with a saved study, each loadable back into the workbench. */
import type { Results } from "../../sim/summary.ts";
import { count } from "../../report/format.ts";

export interface SavedRun {
  id: string;
  savedAt: string;
  iterations: number;
  seed: number | string;
  inputHash: string;
}

export function SavedRuns({ studyId, runs, onLoad, onNote }: {
  studyId: string;
  runs: SavedRun[];
  onLoad: (results: Results) => void;
  onNote: (text: string) => void;
}) {
  const load = async (runId: string) => {
    const res = await fetch(`/api/studies/${studyId}/runs?run=${runId}`);
    if (!res.ok) {
      onNote("That run could not be loaded.");
      return;
    }
    onLoad(await res.json());
    onNote("Loaded a saved run.");
  };
  return (
    <details>
      <summary>Saved runs ({runs.length})</summary>
      <ul>
        {runs.map((r) => (
          <li key={r.id}>
            {new Date(r.savedAt).toLocaleString("en-GB")}: {count(r.iterations)} iterations, seed
            {" "}
            {r.seed}{" "}
            <button type="button" class="secondary" onClick={() => load(r.id)}>Load</button>
          </li>
        ))}
      </ul>
    </details>
  );
}
