/**
 * The runs kept with a saved study, newest first: each with its status (final, superseded, kept
 * without its inputs), and actions — open it with its own inputs, download its workbook, sign
 * it off — and any two ticked to compare side by side.
 */
import { useSignal } from "@preact/signals";
import type { RunMeta, RunSnapshot } from "../../client/runs-api.ts";
import { openRun } from "../../client/runs-api.ts";
import { RunBadge } from "./RunBadge.tsx";
import { RunCompare } from "./RunCompare.tsx";
import { SignOffForm } from "./SignOffForm.tsx";

/** The final run no later final run supersedes. */
function currentFinal(runs: RunMeta[]): RunMeta | null {
  return runs.find((r) => r.final && !r.supersededBy) ?? null;
}

export function RunHistory({ studyId, runs, onOpen, onChange, onNote }: {
  studyId: string;
  runs: RunMeta[];
  /** Opens a run: the study text and CSV it ran, and its results. */
  onOpen: (run: RunMeta, snapshot: RunSnapshot, results: unknown) => void;
  /** A run changed (signed off): the new list. */
  onChange: (runs: RunMeta[]) => void;
  onNote: (text: string) => void;
}) {
  const picked = useSignal<string[]>([]);
  const signing = useSignal<string | null>(null);
  const comparing = useSignal<[string, string] | null>(null);
  const final = currentFinal(runs);

  const open = async (run: RunMeta) => {
    const { snapshot, results, error } = await openRun(studyId, run.id);
    if (error || !snapshot) {
      onNote(error ?? `Run ${run.id} was kept before runs kept their inputs: it cannot be opened.`);
      return;
    }
    onOpen(run, snapshot, results);
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
    <section class="run-history" aria-label="Saved runs" data-testid="run-history">
      <h3>Saved runs ({runs.length})</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Compare</th>
            <th scope="col">Kept</th>
            <th scope="col">Iterations, seed</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} data-run={r.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Compare run ${r.id}`}
                  checked={picked.value.includes(r.id)}
                  onChange={() => toggle(r.id)}
                />
              </td>
              <td>
                {new Date(r.savedAt).toLocaleString("en-GB")}
                <span class="interval small">{r.id}</span>
              </td>
              <td>
                {r.iterations.toLocaleString("en-GB")}, seed {String(r.seed)}
              </td>
              <td>
                <RunBadge run={r} />
              </td>
              <td class="actions">
                <button
                  type="button"
                  class="secondary"
                  disabled={!r.snapshot}
                  onClick={() => open(r)}
                >
                  Open with its inputs
                </button>
                <a
                  class="button secondary"
                  href={`/api/studies/${studyId}/runs/${r.id}/workbook`}
                  download
                >
                  Workbook (.xlsx)
                </a>
                {!r.final && r.snapshot && (
                  <button type="button" class="secondary" onClick={() => (signing.value = r.id)}>
                    Sign off…
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" disabled={picked.value.length !== 2} onClick={compare}>
        Compare the two ticked runs
      </button>
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
