/**
 * The runs kept with a saved study, newest first: each with its status (final, superseded, kept
 * without its inputs, on screen), and actions — open it with its own inputs, download its
 * workbook, sign it off — and any two ticked to compare side by side. The workbench's one list
 * of saved runs, at the head of its results: the newest few, the rest a click away.
 */
import { useSignal } from "@preact/signals";
import type { RunBundle, RunMeta, RunSnapshot } from "../../client/runs-api.ts";
import { openRun } from "../../client/runs-api.ts";
import { RunBadge } from "./RunBadge.tsx";
import { runSettingsText } from "./run-text.ts";
import { RunCompare } from "./RunCompare.tsx";
import { SignOffForm } from "./SignOffForm.tsx";

/** Runs listed before "Show all": enough for a working session, short enough to reach the results. */
const SHOWN = 3;

/** "23 Nov 2026, 09:28". */
const keptAt = (iso: string) =>
  new Date(iso).toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });

/** The final run no later final run supersedes. */
function currentFinal(runs: RunMeta[]): RunMeta | null {
  return runs.find((r) => r.final && !r.supersededBy) ?? null;
}

/** Whether a run can be opened: with its snapshot, or (kept before snapshots) with the study's own inputs when they are still the run's. */
export function canOpen(run: RunMeta, inputHash: string | null): boolean {
  return run.snapshot || run.inputHash === inputHash;
}

export function RunHistory({ studyId, runs, current, inputHash, onOpen, onChange, onNote }: {
  studyId: string;
  runs: RunMeta[];
  /** The id of the saved run on screen, if one is. */
  current: string | null;
  /** The inputs of the study as it stands (a run without a snapshot opens only on these). */
  inputHash: string | null;
  /**
   * Opens a run: the study text and CSV it ran (null for a run kept before snapshots, whose
   * inputs are the study's as it stands), and its results with what came with them.
   */
  onOpen: (run: RunMeta, snapshot: RunSnapshot | null, bundle: RunBundle) => void;
  /** A run changed (signed off): the new list. */
  onChange: (runs: RunMeta[]) => void;
  onNote: (text: string) => void;
}) {
  const picked = useSignal<string[]>([]);
  const signing = useSignal<string | null>(null);
  const comparing = useSignal<[string, string] | null>(null);
  const all = useSignal(false);
  const final = currentFinal(runs);
  // The newest few, and any run on screen, ticked or final further down.
  const listed = all.value
    ? runs
    : runs.filter((r, i) =>
      i < SHOWN || r.id === current || picked.value.includes(r.id) || (r.final && !r.supersededBy)
    );

  const open = async (run: RunMeta) => {
    const { snapshot, bundle, error } = await openRun(studyId, run.id);
    if (error || !bundle || (!snapshot && run.inputHash !== inputHash)) {
      onNote(
        error ??
          `Run ${run.id} was kept before runs kept their inputs, and the study has changed since: it cannot be opened.`,
      );
      return;
    }
    onOpen(run, snapshot ?? null, bundle);
  };
  const toggle = (id: string) => {
    const now = picked.value.includes(id)
      ? picked.value.filter((x) => x !== id)
      : [...picked.value, id].slice(-2);
    picked.value = now;
  };
  const compare = () => {
    // Older first: runs are listed newest first.
    const [a, b] = runs.filter((r) => picked.value.includes(r.id)).reverse();
    comparing.value = [`${studyId}/${a.id}`, `${studyId}/${b.id}`];
  };

  return (
    <section class="run-history" aria-labelledby="run-history-heading" data-testid="run-history">
      <h3 id="run-history-heading">Saved runs of this study ({runs.length})</h3>
      <p class="small muted">
        Each keeps the study and table it ran. Open one to see its own inputs in the editor and its
        results below; tick two to compare them.
      </p>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Compare</th>
              <th scope="col">Kept</th>
              <th scope="col">Iterations, seed, uncertainty</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {listed.map((r) => (
              <tr key={r.id} data-run={r.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Compare run ${r.id}`}
                    checked={picked.value.includes(r.id)}
                    onChange={() => toggle(r.id)}
                  />
                </td>
                <td class="kept">
                  {keptAt(r.savedAt)}
                  <span class="interval small">{r.id}</span>
                </td>
                <td>{runSettingsText(r)}</td>
                <td>
                  <RunBadge run={r} />
                  {r.id === current && <strong class="on-screen">On screen</strong>}
                </td>
                <td class="actions">
                  <button
                    type="button"
                    class="secondary"
                    aria-label={`Open run ${r.id} with its inputs`}
                    disabled={!canOpen(r, inputHash)}
                    title={canOpen(r, inputHash)
                      ? undefined
                      : "Kept before runs kept their inputs, and the study has changed since"}
                    onClick={() =>
                      open(r)}
                  >
                    Open with its inputs
                  </button>
                  <a
                    class="button secondary"
                    href={`/api/studies/${studyId}/runs/${r.id}/workbook`}
                    aria-label={`Workbook of run ${r.id} (.xlsx)`}
                    download
                  >
                    Workbook (.xlsx)
                  </a>
                  {!r.final && r.snapshot && (
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`Sign off run ${r.id}…`}
                      onClick={() => (signing.value = r.id)}
                    >
                      Sign off…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="row">
        <button type="button" disabled={picked.value.length !== 2} onClick={compare}>
          Compare the two ticked runs
        </button>
        {runs.length > listed.length && (
          <button type="button" class="secondary" onClick={() => (all.value = true)}>
            Show all {runs.length} runs
          </button>
        )}
      </div>
      {signing.value && (
        <SignOffForm
          studyId={studyId}
          run={runs.find((r) => r.id === signing.value)!}
          currentFinal={final}
          onCancel={() => (signing.value = null)}
          onSigned={(signed) => {
            signing.value = null;
            onChange(
              runs.map((r) =>
                r.id === signed.id
                  ? signed
                  : r.id === signed.final?.supersedes
                  ? { ...r, supersededBy: signed.id }
                  : r
              ),
            );
            onNote(`Run ${signed.id} is final.`);
          }}
        />
      )}
      {comparing.value && (
        <RunCompare
          old={comparing.value[0]}
          now={comparing.value[1]}
          onClose={() => (comparing.value = null)}
        />
      )}
    </section>
  );
}
