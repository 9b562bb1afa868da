/**
 * The study workbench: the study's title, the run bar (uncertainty — none, parameters, or
 * parameters and counts —, iterations, seed, Run, Save, Share, downloads), the editor and the
 * results. Deterministic values (parameters at their means) update as
 * you type; "Run Monte Carlo" runs in a Web Worker (useMonteCarlo: progress, cancel). A reload
 * puts the last run back on screen with its iterations and seed (kept in the browser, or the
 * latest saved run of this very study). A field that holds something the study cannot take
 * says so beside itself, and the results say they are out of date until it is put right. A
 * saved study lists its kept runs (RunHistory) at the head of the results: each can be opened
 * with its own inputs (into the editor) and results (below), signed off, compared with another,
 * or downloaded as a workbook.
 */
import { useComputed, useSignal } from "@preact/signals";
import { useEffect, useMemo, useRef } from "preact/hooks";
import type { Study } from "../sim/study/format.ts";
import type { Problem } from "../sim/problems.ts";
import { evaluate, type Evaluation } from "../client/evaluate.ts";
import { EXAMPLE_PLACE_CSV } from "../sim/example-place.ts";
import { parseSegmentation } from "../sim/segmentation.ts";
import { Editor } from "../components/editor/Editor.tsx";
import { type FieldErrors, FieldErrorsContext } from "../components/editor/field-errors.ts";
import { ResultsPanel } from "../components/results/ResultsPanel.tsx";
import { Downloads } from "../components/workbench/Downloads.tsx";
import { type RunBundle, useMonteCarlo } from "../components/workbench/use-monte-carlo.ts";
import { readSeed, RunControls, type Uncertainty } from "../components/workbench/RunControls.tsx";
import { RunHistory } from "../components/runs/RunHistory.tsx";
import { WorkbookButton } from "../components/runs/WorkbookButton.tsx";
import { RunBadge } from "../components/runs/RunBadge.tsx";
import { fetchRunBundle, type RunMeta, type RunSnapshot } from "../client/runs-api.ts";
import { upgradeStudyText } from "../sim/study/parse.ts";
import type { Upgrade } from "../sim/study/versions.ts";
import { decodeStudy, encodeStudy } from "../client/share.ts";
import { postJson } from "../client/http.ts";
import { runSettings } from "../client/run-client.ts";
import { describeProblem, placeOf } from "../client/field-problems.ts";
import { keepRun, keptRun } from "../client/last-run.ts";
import { runLabel } from "../report/run-label.ts";

export interface WorkbenchProps {
  id: string;
  source: "shipped" | "saved";
  studyText: string;
  csvText: string | null;
  /** Calibration files (targets, posterior) the study may name, by path. */
  files?: Record<string, string>;
  /** The saved version this page opened (null for a shipped study); a save names it. */
  version: number | null;
  /** The runs kept with a saved study, newest first. */
  runs: RunMeta[];
  /** What upgrading the study from an older format version changed (null: it was current). */
  upgrade?: Upgrade | null;
}

/** A set of field errors kept in a signal, for a FieldErrorsContext. */
function useFieldErrors() {
  const errors = useSignal<Record<string, string>>({});
  const api = useMemo<FieldErrors>(() => ({
    report(key, error) {
      const current = errors.peek();
      if ((current[key] ?? null) === error) return;
      const next = { ...current };
      if (error) next[key] = error;
      else delete next[key];
      errors.value = next;
    },
  }), []);
  return { errors, api };
}

export default function Workbench(props: WorkbenchProps) {
  const study = useSignal<Study>(JSON.parse(props.studyText));
  const scenario = useSignal(0);
  const iterations = useSignal<number | null>(runSettings(study.value).iterations);
  const seed = useSignal(runSettings(study.value).seed);
  const uncertainty = useSignal<Uncertainty>(runSettings(study.value).uncertainty);
  const savedId = useSignal<string | null>(props.source === "saved" ? props.id : null);
  const savedVersion = useSignal<number | null>(props.source === "saved" ? props.version : null);
  const runs = useSignal(props.runs);
  const savedRunOnScreen = useSignal<string | null>(null);
  const note = useSignal(
    props.upgrade
      ? `This study is written in format version ${props.upgrade.from}; it was upgraded to version ${props.upgrade.to} (${
        props.upgrade.changes.join("; ")
      }). Saving writes the upgraded study.`
      : "",
  );
  const editorErrors = useFieldErrors();
  const runErrors = useFieldErrors();
  const evaluation = useComputed(() => evaluate(study.value, props.csvText, props.files));
  // While an edit leaves the study invalid, keep the last valid results — marked out of date.
  const lastValid = useRef<Evaluation | null>(null);
  if (evaluation.value.results) lastValid.current = evaluation.value;
  const segments = useComputed(() =>
    parseSegmentation(props.csvText ?? EXAMPLE_PLACE_CSV).segments
  );
  const monteCarlo = useMonteCarlo(() => evaluation.peek().loaded?.input);
  const run = monteCarlo.state;

  /** Puts a finished run on screen with the settings it was made with. */
  const show = (bundle: RunBundle, restored: { from: "saved" | "browser"; at: string }) => {
    run.value = { status: "done", ...bundle, restored };
    iterations.value = bundle.results.iterations;
    if (bundle.results.mode !== "monte-carlo") {
      uncertainty.value = "deterministic";
      return;
    }
    if (bundle.results.seed !== null) seed.value = String(bundle.results.seed);
    const u = bundle.results.uncertainty;
    if (u) uncertainty.value = u;
  };

  // After hydration: a shared link's study, else the run to put back on screen.
  useEffect(() => {
    const m = /#study=([A-Za-z0-9_-]+)/.exec(location.hash);
    if (m) {
      decodeStudy(m[1]).then((text) => {
        const shared: Study = JSON.parse(text);
        study.value = shared;
        // The run settings come with the study, as they do when a study page opens.
        iterations.value = runSettings(shared).iterations;
        seed.value = runSettings(shared).seed;
        uncertainty.value = runSettings(shared).uncertainty;
        note.value = "Loaded the study from the link.";
      }).catch(() => (note.value = "The link's study could not be read."));
      return;
    }
    const hash = evaluation.peek().results?.inputHash;
    if (!hash) return;
    (async () => {
      const kept = await keptRun<RunBundle>(location.pathname, hash);
      const saved = runs.peek().find((r) => r.inputHash === hash);
      // The newer of the run kept in this browser and the latest saved run of this study.
      if (kept && (!saved || kept.keptAt >= saved.savedAt)) {
        if (run.peek().status === "idle") show(kept.run, { from: "browser", at: kept.keptAt });
        return;
      }
      if (saved && savedId.peek()) {
        const bundle = await fetchRunBundle(savedId.peek()!, saved.id);
        if (bundle && run.peek().status === "idle") {
          show(bundle, { from: "saved", at: saved.savedAt });
          savedRunOnScreen.value = saved.id;
        }
      }
    })();
  }, []);

  // Skip links move focus to their target (the Run button, the results).
  useEffect(() => {
    const onClick = (e: Event) => {
      const a = (e.target as Element).closest?.("a.skip") as HTMLAnchorElement | null;
      const target = a && document.getElementById(a.hash.slice(1));
      if (!target) return;
      e.preventDefault();
      target.focus();
      target.scrollIntoView({ block: "start" });
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, []);

  // Keep each finished run of this page (and its split when it arrives) for a reload.
  const status = run.value;
  useEffect(() => {
    if (status.status !== "done" || status.restored) return;
    const { results, assertions, decompositions } = status;
    keepRun(location.pathname, results.inputHash, { results, assertions, decompositions });
  }, [status]);

  const ev = evaluation.value.results
    ? evaluation.value
    : { ...(lastValid.current ?? evaluation.value), problems: evaluation.value.problems };
  const done = status.status === "done" ? status : null;
  const current = done && ev.results && done.results.inputHash === ev.results.inputHash
    ? done
    : null;
  const shown: RunBundle | null = current ?? (ev.results ? { results: ev.results } : null);
  const editorInvalid = Object.keys(editorErrors.errors.value).length > 0 ||
    evaluation.value.problems.length > 0;
  // A deterministic run has no iterations or seed to get wrong.
  const runInvalid = uncertainty.value !== "deterministic" &&
    Object.keys(runErrors.errors.value).length > 0;
  const valid = editorInvalid ? undefined : evaluation.value.loaded;

  const startRun = () => {
    const mode = uncertainty.value;
    if (mode === "deterministic") {
      // The deterministic values on screen become the run (to save, report, download); they need
      // no sampling, so no worker. Assertions are about Monte Carlo runs: none are checked.
      if (!valid || !evaluation.peek().results) return;
      savedRunOnScreen.value = null;
      run.value = { status: "done", results: evaluation.peek().results!, assertions: [] };
      return;
    }
    const n = iterations.value;
    const s = readSeed(seed.value).seed;
    if (!valid || runInvalid || n === null || s === undefined) return;
    savedRunOnScreen.value = null;
    monteCarlo.start(
      valid.input,
      {
        ...valid.options,
        iterations: n,
        seed: s,
        uncertainty: mode,
      },
      study.value.assertions ?? [],
    );
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
      const problems: Problem[] = body.problems ?? [];
      note.value = res.status === 409
        ? "Not saved: someone saved this study since you opened it. Share link keeps your changes; reload to see theirs."
        : `Not saved: ${
          problems.length
            ? problems.map((p) => describeProblem(p, study.value)).join(" ")
            : `the server answered ${res.status}.`
        }`;
      return;
    }
    savedId.value = body.id;
    savedVersion.value = body.version;
    runs.value = body.runs ?? runs.value;
    history.replaceState(null, "", `/studies/${body.id}`);
    if (current && savedRunOnScreen.value === null) {
      // The run is kept with the study text and CSV it ran (its snapshot): the study on screen,
      // whose inputs are the run's (`current` is only a run of the study as it stands).
      const r = await postJson(`/api/studies/${body.id}/runs`, {
        results: current.results,
        assertions: current.assertions ?? [],
        decompositions: current.decompositions ?? [],
        study: study.value,
        csv: props.csvText,
      });
      if (!r.ok) {
        const body = await r.json().catch(() => ({}));
        const problems: Problem[] = body.problems ?? [];
        note.value = `Saved the study, but not the run on screen: ${
          problems.length
            ? problems.map((p) => describeProblem(p, study.value)).join(" ")
            : `the server answered ${r.status}.`
        }`;
        return;
      }
      const meta: RunMeta = await r.json();
      runs.value = [meta, ...runs.value];
      savedRunOnScreen.value = meta.id;
    }
    note.value = `Saved${current ? " with the run on screen" : ""}.`;
  };

  /**
   * Puts a kept run on screen with its own inputs: the study text it ran (upgraded if written in
   * an older format), its iterations, seed and uncertainty. A run kept before snapshots opens on
   * the study as it stands, which RunHistory allows only while its inputs are still the run's.
   */
  const openSaved = (r: RunMeta, snapshot: RunSnapshot | null, bundle: RunBundle) => {
    if (snapshot && snapshot.csvText !== props.csvText) {
      note.value =
        `Run ${r.id} ran on another segmentation table than this study's: download its workbook or compare it instead.`;
      return;
    }
    const up = snapshot ? upgradeStudyText(snapshot.studyText) : null;
    if (snapshot) study.value = JSON.parse(up?.text ?? snapshot.studyText);
    show(bundle, { from: "saved", at: r.savedAt });
    savedRunOnScreen.value = r.id;
    const now = evaluation.peek().results?.inputHash;
    note.value = now !== bundle.results.inputHash
      ? `Run ${r.id}'s inputs are shown as it ran, but today's model reads them differently (the engine or its calibration changed since), so its results are not shown beside them: compare it with a new run, or download its workbook.`
      : `Opened run ${r.id} with its own inputs, as it ran${
        up?.upgrade ? ` (upgraded from format version ${up.upgrade.from})` : ""
      }.${snapshot ? " Saving now would make them the study's current version." : ""}`;
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

  const restored = current?.restored;
  // The saved run on screen, whose status (final, superseded) shows beside its label.
  const onScreen = current && savedRunOnScreen.value
    ? runs.value.find((r) => r.id === savedRunOnScreen.value) ?? null
    : null;
  return (
    <div class="workbench-page">
      <h1 data-testid="study-title">{study.value.name || "Untitled study"}</h1>
      {study.value.description && <p class="muted description">{study.value.description}</p>}
      <section id="run-controls" aria-label="Run" class="run-bar">
        <FieldErrorsContext.Provider value={runErrors.api}>
          <RunControls
            iterations={iterations}
            seed={seed}
            uncertainty={uncertainty}
            status={status}
            canRun={!!valid && !runInvalid}
            canSave={!!valid}
            onRun={startRun}
            onCancel={monteCarlo.cancel}
            onSave={save}
            onShare={share}
          />
        </FieldErrorsContext.Provider>
        <div class="status" aria-live="polite" data-testid="run-status">
          {status.status === "cancelled" && <span>Run cancelled.</span>}
          {status.status === "error" && <span class="problems">Run failed: {status.message}</span>}
          <span class={`mode ${current ? "mc" : ""}`} data-testid="results-mode">
            {current
              ? `${runLabel(current.results)}${
                restored
                  ? ` (${restored.from === "saved" ? "saved run" : "your last run"}, ${
                    new Date(restored.at).toLocaleString("en-GB")
                  })`
                  : ""
              }`
              : ev.results
              ? `Deterministic (parameters at their means)${
                evaluation.value.results && !editorInvalid
                  ? `, updated in ${ev.ms.toFixed(0)} ms`
                  : ": the last valid study"
              }`
              : "No results"}
          </span>
          {onScreen && <RunBadge run={onScreen} />}
          {current && status.status === "done" && status.timing && (
            <span class="small muted" data-testid="run-timing">
              {status.timing.seconds.toFixed(1)} s on {status.timing.workers} worker{status.timing
                  .workers === 1
                ? ""
                : "s"}
            </span>
          )}
          {done && !current && (
            <span class="small muted">
              The last Monte Carlo run was of the study before your changes: run again.
            </span>
          )}
          {note.value && <span class="small" data-testid="note">{note.value}</span>}
        </div>
        <Downloads
          study={study.value}
          run={editorInvalid ? null : shown}
          csvText={props.csvText}
          onNote={(text) => (note.value = text)}
        >
          <WorkbookButton
            study={study.value}
            csvText={props.csvText}
            run={editorInvalid ? null : current}
            saved={current && savedId.value && savedRunOnScreen.value
              ? { studyId: savedId.value, runId: savedRunOnScreen.value }
              : null}
            onNote={(text) => (note.value = text)}
          />
        </Downloads>
      </section>
      <div class="workbench">
        <section class="editor" aria-labelledby="editor-heading">
          <h2 id="editor-heading">Study</h2>
          <FieldErrorsContext.Provider value={editorErrors.api}>
            <Editor
              study={study}
              scenario={scenario}
              levels={[...new Set(segments.value.map((s) => s.complexity))]}
              ageBands={[...new Set(segments.value.map((s) => s.ageBand))]}
              problems={evaluation.value.issues}
            />
          </FieldErrorsContext.Provider>
        </section>
        <section id="results" aria-labelledby="results-heading" tabIndex={-1} class="results">
          <h2 id="results-heading">Results</h2>
          {runs.value.length > 0 && savedId.value && (
            <RunHistory
              studyId={savedId.value}
              runs={runs.value}
              current={current ? savedRunOnScreen.value : null}
              inputHash={evaluation.value.results?.inputHash ?? null}
              onChange={(list) => (runs.value = list)}
              onNote={(text) => (note.value = text)}
              onOpen={openSaved}
            />
          )}
          {editorInvalid && (
            <div class="problems" role="alert" data-testid="study-problems">
              <strong>
                These results are for the study before your last change, which it cannot take:
              </strong>
              <ul>
                {Object.entries(editorErrors.errors.value).map(([key, e]) => (
                  <li key={key}>{placeOf(key, study.value)}: {e}</li>
                ))}
                {evaluation.value.issues.map((p, i) => (
                  <li key={`p${i}`}>{describeProblem(p, study.value)}</li>
                ))}
              </ul>
            </div>
          )}
          {shown && ev.loaded && (
            <div class={editorInvalid ? "stale" : ""}>
              <ResultsPanel
                results={shown.results}
                study={lastValid.current?.loaded?.study ?? study.value}
                loaded={ev.loaded}
                decompositions={current?.decompositions ?? null}
              />
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
