/**
 * The study workbench: edit interventions and scenarios on the left; expected values update as
 * you type; "Run" does the Monte Carlo in a Web Worker (useMonteCarlo: progress, cancel);
 * results on the right in tabs, every chart with a text alternative and a table. Save, share,
 * downloads and saved runs.
 */
import { useComputed, useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { Study } from "../sim/study/format.ts";
import { evaluate, type Evaluation } from "../client/evaluate.ts";
import { EXAMPLE_PLACE_CSV } from "../sim/example-place.ts";
import { parseSegmentation } from "../sim/segmentation.ts";
import { Editor } from "../components/editor/Editor.tsx";
import { ResultsPanel } from "../components/results/ResultsPanel.tsx";
import { Downloads } from "../components/workbench/Downloads.tsx";
import type { SavedRun } from "../components/workbench/SavedRuns.tsx";
import { RunHistory } from "../components/runs/RunHistory.tsx";
import { WorkbookButton } from "../components/runs/WorkbookButton.tsx";
import type { RunMeta } from "../client/runs-api.ts";
import { upgradeStudyText } from "../sim/study/parse.ts";
import type { Upgrade } from "../sim/study/versions.ts";
import { useMonteCarlo } from "../components/workbench/use-monte-carlo.ts";
import { decodeStudy, encodeStudy } from "../client/share.ts";
import { postJson } from "../client/http.ts";
import { MAX_BROWSER_ITERATIONS, runSettings } from "../client/run-client.ts";
import { count } from "../report/format.ts";
import type { Results } from "../sim/summary.ts";

export interface WorkbenchProps {
  id: string;
  source: "shipped" | "saved";
  studyText: string;
  csvText: string | null;
  /** Calibration files (targets, posterior) the study may name, by path. */
  files?: Record<string, string>;
  /** The saved version this page opened (null for a shipped study); a save names it. */
  version: number | null;
  runs: SavedRun[];
  /** What upgrading the study from an older format version changed (null: it was current). */
  upgrade?: Upgrade | null;
}

export default function Workbench(props: WorkbenchProps) {
  const study = useSignal<Study>(JSON.parse(props.studyText));
  const scenario = useSignal(0);
  const iterations = useSignal(runSettings(study.value).iterations);
  const seed = useSignal(runSettings(study.value).seed);
  const savedId = useSignal<string | null>(props.source === "saved" ? props.id : null);
  const savedVersion = useSignal<number | null>(props.source === "saved" ? props.version : null);
  const runs = useSignal(props.runs);
  const note = useSignal(
    props.upgrade
      ? `This study is written in format version ${props.upgrade.from}; it was upgraded to version ${props.upgrade.to} (${
        props.upgrade.changes.join("; ")
      }). Saving writes the upgraded study.`
      : "",
  );
  const evaluation = useComputed(() => evaluate(study.value, props.csvText, props.files));
  // While an edit leaves the study invalid, keep showing the last valid results (no jumps).
  const lastValid = useRef<Evaluation | null>(null);
  if (evaluation.value.results) lastValid.current = evaluation.value;
  const segments = useComputed(() =>
    parseSegmentation(props.csvText ?? EXAMPLE_PLACE_CSV).segments
  );
  const monteCarlo = useMonteCarlo(() => evaluation.peek().loaded?.input);
  const run = monteCarlo.state;

  // A shared link carries the study in the fragment: load it after hydration.
  useEffect(() => {
    const m = /#study=([A-Za-z0-9_-]+)/.exec(location.hash);
    if (m) {
      decodeStudy(m[1]).then((text) => {
        const shared: Study = JSON.parse(text);
        study.value = shared;
        // The run settings come with the study, as they do when a study page opens.
        iterations.value = runSettings(shared).iterations;
        seed.value = runSettings(shared).seed;
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
    monteCarlo.start(valid.input, { ...valid.options, iterations: n, seed: seedValue });
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
      // The run is kept with the study text and CSV it ran (its snapshot).
      const r = await postJson(`/api/studies/${body.id}/runs`, {
        results: current,
        study: study.value,
        csv: props.csvText,
      });
      if (r.ok) runs.value = [await r.json(), ...runs.value];
    }
    note.value = `Saved as ${body.id}${current ? " with this run" : ""}.`;
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
            ? <button type="button" class="secondary" onClick={monteCarlo.cancel}>Cancel</button>
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
        <Downloads
          study={study.value}
          results={shown}
          csvText={props.csvText}
          iterations={iterations.value}
          valid={!!valid}
          onNote={(text) => (note.value = text)}
        />
        <WorkbookButton
          study={study.value}
          csvText={props.csvText}
          results={current}
          onNote={(text) => (note.value = text)}
        />
        {runs.value.length > 0 && savedId.value && (
          <RunHistory
            studyId={savedId.value}
            runs={runs.value as unknown as RunMeta[]}
            onChange={(list) => (runs.value = list as unknown as SavedRun[])}
            onNote={(text) => (note.value = text)}
            onOpen={(r, snapshot, results) => {
              if (snapshot.csvText !== null && snapshot.csvText !== props.csvText) {
                note.value =
                  `Run ${r.id} ran another segmentation table than this study's: open it from its workbook or compare it instead.`;
                return;
              }
              const up = upgradeStudyText(snapshot.studyText);
              study.value = JSON.parse(up.text ?? snapshot.studyText);
              iterations.value = r.iterations;
              seed.value = String(r.seed);
              run.value = { status: "done", results: results as Results };
              note.value = `Opened run ${r.id} with its own inputs, as it ran${
                up.upgrade ? ` (upgraded from format version ${up.upgrade.from})` : ""
              }. Saving now would make them the study's current version.`;
            }}
          />
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
            decompositions={current && run.value.status === "done"
              ? run.value.decompositions ?? null
              : null}
          />
        )}
      </section>
    </div>
  );
}
