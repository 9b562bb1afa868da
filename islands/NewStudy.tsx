/**
 * Start a new study from the example place or from an uploaded segmentation CSV. The CSV is
 * checked in the browser with the engine's own reader and against the example's age bands and
 * complexity levels (client/csv-check.ts), so every problem shows at once, by row and column,
 * before anything is sent; the server's own problems, if any, are listed the same way.
 */
import { useSignal } from "@preact/signals";
import { formatProblem } from "../sim/problems.ts";
import { checkSegmentationCsv } from "../client/csv-check.ts";
import { newStudy } from "../sim/study/template.ts";
import { postJson } from "../client/http.ts";

class Refused extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join("; "));
  }
}

async function create(study: unknown, csv: string | null): Promise<string> {
  const res = await postJson("/api/studies", { study, csv });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    throw new Refused(body.messages ?? [`the server answered ${res.status}: no study was made`]);
  }
  return body.id;
}

export default function NewStudy() {
  const problems = useSignal<string[]>([]);
  const busy = useSignal(false);
  const fileName = useSignal("");

  const start = async (csv: string | null, name: string) => {
    busy.value = true;
    try {
      const id = await create(newStudy(name, csv ? "upload.csv" : undefined), csv);
      location.href = `/studies/${id}`;
    } catch (error) {
      problems.value = error instanceof Refused
        ? error.messages
        : [error instanceof Error ? error.message : String(error)];
      busy.value = false;
    }
  };

  const onFile = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    fileName.value = file.name;
    if (file.size > 5_000_000) {
      problems.value = [`${file.name}: the file is too large (at most 5 MB)`];
      return;
    }
    const text = await file.text();
    const found = checkSegmentationCsv(text);
    if (found.length) {
      problems.value = found.map((p) => formatProblem(p, file.name));
      return;
    }
    problems.value = [];
    await start(text, `Study of ${file.name.replace(/\.csv$/i, "")}`);
  };

  return (
    <div class="card">
      <h2>Start a new study</h2>
      <div class="row">
        <button
          type="button"
          disabled={busy.value}
          onClick={() => start(null, "New study: example place")}
        >
          New study from the example place
        </button>
        <label class="button secondary">
          Upload a segmentation CSV
          <input
            type="file"
            accept=".csv,text/csv"
            class="sr-only"
            onChange={onFile}
            aria-label="Segmentation CSV file"
            data-testid="csv-upload"
          />
        </label>
      </div>
      <p class="small muted">
        The CSV needs the columns of the published table: age_band, complexity, population,
        average_deprivation_decile, the five spend_pppy_ columns, inpatient_spells_pppy and
        ae_attendances_pppy (see <a href="/static/segmentation-example-place.csv">the example</a>).
      </p>
      {problems.value.length > 0 && (
        <div class="problems" role="alert" data-testid="csv-problems">
          <strong>
            {fileName.value || "The study"} cannot be used ({problems.value.length}{" "}
            problem{problems.value.length === 1 ? "" : "s"}):
          </strong>
          <ul>{problems.value.map((p) => <li key={p}>{p}</li>)}</ul>
        </div>
      )}
    </div>
  );
}
