/**
 * The saved studies on the library page, each with Rename and Delete. Renaming saves a new
 * version; deleting asks for confirmation first (the study and its saved runs go). Both name the
 * version shown, so a study saved by someone else meanwhile is not overwritten or lost (409).
 */
import { useSignal } from "@preact/signals";
import type { SavedStudyMeta } from "../server/store.ts";
import { sendJson } from "../client/http.ts";

async function problemText(res: Response): Promise<string> {
  if (res.status === 409) {
    return "Someone saved this study since this page was loaded: reload the page and try again.";
  }
  const body = await res.json().catch(() => ({}));
  return (body.messages ?? [`The server answered ${res.status}.`]).join(" ");
}

function SavedStudy({ meta, onGone, onRenamed }: {
  meta: SavedStudyMeta;
  onGone: () => void;
  onRenamed: (next: SavedStudyMeta) => void;
}) {
  const mode = useSignal<"view" | "rename" | "confirm">("view");
  const name = useSignal(meta.name);
  const message = useSignal("");
  const busy = useSignal(false);
  const rename = async (e: Event) => {
    e.preventDefault();
    if (name.value.trim() === "") {
      message.value = "Enter a name.";
      return;
    }
    busy.value = true;
    const res = await sendJson("PATCH", `/api/studies/${meta.id}`, {
      name: name.value,
      version: meta.version,
    });
    busy.value = false;
    if (!res.ok) {
      message.value = await problemText(res);
      return;
    }
    message.value = "";
    mode.value = "view";
    onRenamed(await res.json());
  };
  const remove = async () => {
    busy.value = true;
    const res = await sendJson("DELETE", `/api/studies/${meta.id}?version=${meta.version}`);
    busy.value = false;
    if (!res.ok) {
      message.value = await problemText(res);
      return;
    }
    onGone();
  };
  const runs = meta.runs.length;
  return (
    <div class="card" data-testid="saved-study">
      <h3>
        <a href={`/studies/${meta.id}`}>{meta.name}</a>
      </h3>
      <p class="small muted">
        Saved {new Date(meta.savedAt).toLocaleString("en-GB")} · {runs} saved run
        {runs === 1 ? "" : "s"}
      </p>
      {mode.value === "view" && (
        <div class="row">
          <button
            type="button"
            class="secondary small"
            aria-label={`Rename ${meta.name}`}
            onClick={() => {
              name.value = meta.name;
              mode.value = "rename";
            }}
          >
            Rename
          </button>
          <button
            type="button"
            class="secondary small danger"
            aria-label={`Delete ${meta.name}`}
            onClick={() => (mode.value = "confirm")}
          >
            Delete
          </button>
        </div>
      )}
      {mode.value === "rename" && (
        <form class="row" onSubmit={rename}>
          <label for={`name-${meta.id}`}>New name</label>
          <span class="field">
            <input
              id={`name-${meta.id}`}
              type="text"
              value={name.value}
              maxLength={200}
              aria-invalid={message.value ? "true" : undefined}
              aria-describedby={message.value ? `msg-${meta.id}` : undefined}
              onInput={(e) => (name.value = (e.currentTarget as HTMLInputElement).value)}
            />
          </span>
          <button type="submit" class="small" disabled={busy.value}>Save name</button>
          <button
            type="button"
            class="secondary small"
            onClick={() => {
              message.value = "";
              mode.value = "view";
            }}
          >
            Cancel
          </button>
        </form>
      )}
      {mode.value === "confirm" && (
        <div class="confirm" role="alertdialog" aria-labelledby={`confirm-${meta.id}`}>
          <p id={`confirm-${meta.id}`}>
            Delete “{meta.name}” and its {runs}{" "}
            saved run{runs === 1 ? "" : "s"}? This cannot be undone.
          </p>
          <div class="row">
            <button type="button" class="small danger-solid" disabled={busy.value} onClick={remove}>
              Delete for good
            </button>
            <button type="button" class="secondary small" onClick={() => (mode.value = "view")}>
              Keep it
            </button>
          </div>
        </div>
      )}
      {message.value && (
        <p id={`msg-${meta.id}`} class="field-error" role="alert">{message.value}</p>
      )}
    </div>
  );
}

export default function SavedStudies({ saved }: { saved: SavedStudyMeta[] }) {
  const list = useSignal(saved);
  const note = useSignal("");
  return (
    <div>
      <p class="small" aria-live="polite" data-testid="saved-note">{note.value}</p>
      {list.value.length === 0
        ? <p class="muted">None yet. Open a study, change it and press Save.</p>
        : (
          <div class="cards" data-testid="saved-studies">
            {list.value.map((s) => (
              <SavedStudy
                key={s.id}
                meta={s}
                onGone={() => {
                  list.value = list.value.filter((x) => x.id !== s.id);
                  note.value = `Deleted “${s.name}”.`;
                }}
                onRenamed={(next) => {
                  list.value = list.value.map((x) => (x.id === s.id ? next : x));
                  note.value = `Renamed to “${next.name}”.`;
                }}
              />
            ))}
          </div>
        )}
    </div>
  );
}
