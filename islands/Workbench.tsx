/**
 * The study workbench: edit interventions and scenarios on the left; expected values update as
 * you type; "Run" does the Monte Carlo in a Web Worker (progress, cancel); results on the right
 * in tabs, every chart with a text alternative and a table. Save, share and download.
 */
import { useComputed, useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { Study } from "../sim/study.ts";
import type { Results } from "../sim/summary.ts";
import type { ScenarioDecomposition } from "../sim/shapley.ts";
import { evaluate, type Evaluation } from "../components/evaluate.ts";
import { EXAMPLE_PLACE_CSV } from "../sim/example-place.ts";
import { parseSegmentation } from "../sim/segmentation.ts";
import { Editor } from "../components/Editor.tsx";
import { ResultsPanel } from "../components/ResultsPanel.tsx";
import { decodeStudy, encodeStudy } from "../components/share.ts";
import { summaryCsv } from "../report/csv.ts";
import { postJson } from "../components/api.ts";
import { RunClient } from "../components/run-client.ts";
import { count, slug } from "../report/format.ts";

export interface WorkbenchProps {
  id: string;
  source: "shipped" | "saved";
  studyText: string;
  csvText: string | null;
  /** The saved version this page opened (null for a shipped study); a save names it. */
  version: number | null;
  runs: {
    id: string;
    savedAt: string;
    iterations: number;
    seed: number | string;
    inputHash: string;
  }[];
}

export type RunState =
  | { status: "idle" }
  | { status: "running"; done: number; total: number }
  | {
    status: "done";
    results: Results;
    decompositions?: ScenarioDecomposition[];
    /** How long the browser run took, and on how many workers (absent for loaded runs). */
    timing?: { seconds: number; workers: number };
  }
  | { status: "cancelled" }
  | { status: "error"; message: string };

export const MAX_BROWSER_ITERATIONS = 20_000;

function download(name: string, type: string, content: BlobPart) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export default function Workbench(props: WorkbenchProps) {
  const study = useSignal<Study>(JSON.parse(props.studyText));
  const scenario = useSignal(0);
  const run = useSignal<RunState>({ status: "idle" });
  const iterations = useSignal(Math.min(study.value.iterations ?? 1000, MAX_BROWSER_ITERATIONS));
  const seed = useSignal(String(study.value.seed ?? 1));
  const savedId = useSignal<string | null>(props.source === "saved" ? props.id : null);
  const savedVersion = useSignal<number | null>(props.source === "saved" ? props.version : null);
  const runs = useSignal(props.runs);
  const note = useSignal("");
  const evaluation = useComputed(() => evaluate(study.value, props.csvText));
  // While an edit leaves the study invalid, keep showing the last valid results (no jumps).
  const lastValid = useRef<Evaluation | null>(null);
  if (evaluation.value.results) lastValid.current = evaluation.value;
  const segments = useComputed(() =>
    parseSegmentation(props.csvText ?? EXAMPLE_PLACE_CSV).segments
  );
  const runner = useRef(new RunClient());

  // Compile the simulation code in the run worker while the page is idle, so that the first
  // run starts warm; end the worker with the page.
  useEffect(() => {
    const input = evaluation.peek().loaded?.input;
    const id = setTimeout(() => input && runner.current.warm(input), 1000);
    return () => {
      clearTimeout(id);
      runner.current.cancel();
    };
  }, []);

  // A shared link carries the study in the fragment: load it after hydration.
  useEffect(() => {
    const m = /#study=([A-Za-z0-9_-]+)/.exec(location.hash);
    if (m) {
      decodeStudy(m[1]).then((text) => {
        const shared: Study = JSON.parse(text);
        study.value = shared;
        // The run settings come with the study, as they do when a study page opens.
        iterations.value = Math.min(shared.iterations ?? 1000, MAX_BROWSER_ITERATIONS);
        seed.value = String(shared.seed ?? 1);
        note.value = "Loaded the study from the link.";
      }).catch(() => (note.value = "The link's study could not be read."));
    }
  }, []);

  const ev = evaluation.value.results
    ? evaluation.value
    : { ...(lastValid.current ?? evaluation.value), problems: evaluation.value.problems };
  const mcResults = run.value.status === "done" ? run.value.results : null;
  const current = mcResults && ev.results && mcResults.inputHash === ev.results.inputHash
    ? mcResults
    : null;
  const shown = current ?? ev.results ?? null;

  const valid = evaluation.value.loaded;
  const startRun = () => {
    if (!valid) return;
    const n = iterations.value;
    if (!Number.isInteger(n) || n < 1 || n > MAX_BROWSER_ITERATIONS) {
      note.value = `Iterations must be a whole number from 1 to ${count(MAX_BROWSER_ITERATIONS)}.`;
      return;
    }
    const seedValue = /^-?\d+$/.test(seed.value) ? Number(seed.value) : seed.value;
    run.value = { status: "running", done: 0, total: n };
    const started = performance.now();
    // Combined scenarios are then split by intervention in the same worker.
    const split = valid.input.scenarios.some((sc) => sc.interventions.length > 1);
    runner.current.run(valid.input, { ...valid.options, iterations: n, seed: seedValue }, {
      progress: (done, total) => (run.value = { status: "running", done, total }),
      done: (results, workers) => {
        const timing = { seconds: (performance.now() - started) / 1000, workers };
        run.value = { status: "done", results, timing };
      },
      decomposition: (decompositions) => {
        if (run.value.status === "done") run.value = { ...run.value, decompositions };
      },
      error: (message) => (run.value = { status: "error", message }),
    }, split);
  };

  const cancel = () => {
    runner.current.cancel();
    run.value = { status: "cancelled" };
  };

  const save = async () => {
    note.value = "Saving…";
    const res = await postJson("/api/studies", {
      study: study.value,
      csv: props.csvText,
      ...(savedId.value ? { id: savedId.value, version: savedVersion.value } : {}),
    });
    const body = await res.json();
    if (!res.ok) {
      note.value = `Not saved: ${(body.messages ?? []).join("; ")}`;
      return;
    }
    savedId.value = body.id;
    savedVersion.value = body.version;
    history.replaceState(null, "", `/studies/${body.id}`);
    if (current) {
      const r = await postJson(`/api/studies/${body.id}/runs`, { results: current });
      if (r.ok) runs.value = [await r.json(), ...runs.value];
    }
    note.value = `Saved as ${body.id}${current ? " with this run" : ""}.`;
  };

  const loadRun = async (runId: string) => {
    const res = await fetch(`/api/studies/${savedId.value}/runs?run=${runId}`);
    if (!res.ok) {
      note.value = "That run could not be loaded.";
      return;
    }
    run.value = { status: "done", results: await res.json() };
    note.value = "Loaded a saved run.";
  };

  const share = async () => {
    const fragment = await encodeStudy(JSON.stringify(study.value));
    const url = `${location.origin}${location.pathname}#study=${fragment}`;
    history.replaceState(null, "", url);
    try {
      await navigator.clipboard.writeText(url);
      note.value = "Link copied: it carries the whole study.";
    } catch {
      note.value = "The address bar now carries the whole study: copy it to share.";
    }
  };

  const downloadReport = async () => {
    note.value = "Preparing the report on the server…";
    const res = await postJson("/api/report", {
      study: study.value,
      csv: props.csvText,
      iterations: Math.min(iterations.value, 5000),
    });
    if (!res.ok) {
      const body = await res.json();
      note.value = `No report: ${(body.messages ?? []).join("; ")}`;
      return;
    }
    download(`${slug(study.value.name)}-report.html`, "text/html", await res.blob());
    note.value = "Report downloaded.";
  };

  const status = run.value;
  return (
    <div class="workbench">
      <section class="editor" aria-label="Study editor">
        <Editor
          study={study}
          scenario={scenario}
          levels={[...new Set(segments.value.map((s) => s.complexity))]}
          ageBands={[...new Set(segments.value.map((s) => s.ageBand))]}
        />
      </section>
      <section aria-label="Results">
        <div class="row">
          <label>
            Iterations
            <input
              type="number"
              min={1}
              max={MAX_BROWSER_ITERATIONS}
              value={iterations.value}
              aria-label="Iterations"
              onInput={(
                e,
              ) => (iterations.value = (e.currentTarget as HTMLInputElement).valueAsNumber)}
            />
          </label>
          <label>
            Seed
            <input
              type="text"
              size={8}
              value={seed.value}
              aria-label="Seed"
              onInput={(e) => (seed.value = (e.currentTarget as HTMLInputElement).value)}
            />
          </label>
          {status.status === "running"
            ? <button type="button" class="secondary" onClick={cancel}>Cancel</button>
            : <button type="button" onClick={startRun} disabled={!valid}>Run Monte Carlo</button>}
          <button type="button" class="secondary" onClick={save} disabled={!valid}>Save</button>
          <button type="button" class="secondary" onClick={share}>Share link</button>
        </div>
        <div class="status" aria-live="polite" data-testid="run-status">
          {status.status === "running" && (
            <>
              <progress max={status.total} value={status.done} aria-label="Simulation progress" />
              <span>{count(status.done)} of {count(status.total)} iterations</span>
            </>
          )}
          {status.status === "cancelled" && <span>Run cancelled.</span>}
          {status.status === "error" && <span class="problems">Run failed: {status.message}</span>}
          <span class={`mode ${current ? "mc" : ""}`} data-testid="results-mode">
            {current
              ? `Monte Carlo: ${count(current.iterations)} iterations, seed ${current.seed}`
              : ev.results
              ? `Expected values (no sampling)${
                evaluation.value.results
                  ? `, updated in ${ev.ms.toFixed(0)} ms`
                  : ": the last valid study"
              }`
              : "No results"}
          </span>
          {current && status.status === "done" && status.timing && (
            <span class="small muted" data-testid="run-timing">
              {status.timing.seconds.toFixed(1)} s on {status.timing.workers} worker{status.timing
                  .workers === 1
                ? ""
                : "s"}
            </span>
          )}
          {mcResults && !current && (
            <span class="small muted">The last Monte Carlo run is out of date: run again.</span>
          )}
          {note.value && <span class="small">{note.value}</span>}
        </div>
        <div class="row small">
          Download:
          <button
            type="button"
            class="secondary"
            disabled={!shown}
            onClick={() =>
              shown &&
              download(`${slug(study.value.name)}-summary.csv`, "text/csv", summaryCsv(shown))}
          >
            Results CSV
          </button>
          <button
            type="button"
            class="secondary"
            disabled={!shown}
            onClick={() =>
              shown &&
              download(
                `${slug(study.value.name)}-results.json`,
                "application/json",
                JSON.stringify({ study: study.value, results: shown }),
              )}
          >
            Results JSON
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() =>
              download(
                `${slug(study.value.name)}.json`,
                "application/json",
                JSON.stringify(study.value, null, 2) + "\n",
              )}
          >
            Study file
          </button>
          <button type="button" class="secondary" disabled={!valid} onClick={downloadReport}>
            HTML report
          </button>
        </div>
        {runs.value.length > 0 && savedId.value && (
          <details>
            <summary>Saved runs ({runs.value.length})</summary>
            <ul>
              {runs.value.map((r) => (
                <li key={r.id}>
                  {new Date(r.savedAt).toLocaleString("en-GB")}: {count(r.iterations)}{" "}
                  iterations, seed {r.seed}{" "}
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => loadRun(r.id)}
                  >
                    Load
                  </button>
                </li>
              ))}
            </ul>
          </details>
        )}
        {ev.problems.length > 0 && (
          <div class="problems" role="alert" data-testid="study-problems">
            <strong>The study has problems:</strong>
            <ul>{ev.problems.map((p) => <li key={p}>{p}</li>)}</ul>
          </div>
        )}
        {shown && ev.loaded && (
          <ResultsPanel
            results={shown}
            study={study.value}
            loaded={ev.loaded}
            scenario={scenario.value}
            csvText={props.csvText}
            decompositions={current && run.value.status === "done"
              ? run.value.decompositions ?? null
              : null}
          />
        )}
      </section>
    </div>
  );
}
