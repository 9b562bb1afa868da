/**
 * Sign a run off as final: who and why. When another run is final, this one supersedes it and
 * the form says so (the request names it, as the API requires).
 */
import { useSignal } from "@preact/signals";
import type { RunMeta } from "../../server/store.ts";
import { signOffRun } from "../../client/runs-api.ts";

export function SignOffForm({ studyId, run, currentFinal, onSigned, onCancel }: {
  studyId: string;
  run: RunMeta;
  currentFinal: RunMeta | null;
  onSigned: (run: RunMeta) => void;
  onCancel: () => void;
}) {
  const by = useSignal("");
  const note = useSignal("");
  const error = useSignal("");
  const busy = useSignal(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    const { run: signed, error: refused } = await signOffRun(studyId, run.id, {
      by: by.value,
      note: note.value,
      supersedes: currentFinal?.id ?? null,
    });
    busy.value = false;
    if (signed) onSigned(signed);
    else error.value = refused ?? "Not signed off.";
  };
  return (
    <form class="sign-off" onSubmit={submit} aria-label={`Sign off run ${run.id}`}>
      <p class="small">
        A final run is locked: its inputs and results cannot change and it cannot be deleted. It
        carries a content hash of its study, CSV and results.
        {currentFinal ? ` It supersedes run ${currentFinal.id}, final until now.` : ""}
      </p>
      <label>
        Signed off by{" "}
        <input
          required
          maxLength={200}
          value={by.value}
          onInput={(e) => (by.value = (e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        Note{" "}
        <textarea
          maxLength={5000}
          rows={2}
          value={note.value}
          onInput={(e) => (note.value = (e.target as HTMLTextAreaElement).value)}
        />
      </label>
      <div class="row">
        <button type="submit" disabled={busy.value || !by.value.trim()}>Mark final</button>
        <button type="button" class="secondary" onClick={onCancel}>Cancel</button>
      </div>
      {error.value && <p role="alert" class="problems">{error.value}</p>}
    </form>
  );
}
