/**
 * Two saved runs side by side: each run's facts, what changed in the inputs between them, and
 * what moved in the outputs beyond Monte Carlo error (the rules of `sim diff`).
 */
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { compareRuns, type RunComparison } from "../../client/runs-api.ts";
import { diffNumber } from "../../report/diff-format.ts";
import { RunBadge } from "./RunBadge.tsx";
import { runSettingsText } from "./run-text.ts";
import { words } from "../../report/assumptions.ts";

/**
 * A changed field in words, within its item: "interventions.falls.effects.activity.nonElective.rr"
 * → "Effects › activity › non elective › rr" (the item column names the intervention).
 */
export function fieldLabel(path: string): string {
  const parts = path.split(".");
  const rest = parts[0] === "interventions" || parts[0] === "scenarios" ? parts.slice(2) : parts;
  return rest.length
    ? rest.map((p, i) => (i ? words(p).toLowerCase() : words(p))).join(" › ")
    : "The whole item";
}

/** Flagged cells shown (the API returns more; the counts cover all). */
const SHOWN = 20;

function Facts({ side, title }: { side: RunComparison["old"]; title: string }) {
  const r = side.run;
  return (
    <div class="run-facts">
      <h4>{title}</h4>
      <dl>
        <dt>Study</dt>
        <dd>{side.studyName} ({side.studyId})</dd>
        <dt>Run</dt>
        <dd>
          {r.id}, kept {new Date(r.savedAt).toLocaleString("en-GB")} <RunBadge run={r} />
        </dd>
        <dt>Iterations, seed, uncertainty</dt>
        <dd>{runSettingsText(r)}{r.uncertainty ? "" : " (uncertainty not recorded)"}</dd>
        <dt>Engine, format</dt>
        <dd>
          {r.engineVersion ?? "not recorded"}, version {r.schemaVersion ?? "not recorded"}
        </dd>
        <dt>Inputs</dt>
        <dd>{r.inputHash}</dd>
      </dl>
    </div>
  );
}

export function RunCompare({ old, now, onClose }: {
  /** "STUDY/RUN" */
  old: string;
  now: string;
  onClose: () => void;
}) {
  const comparison = useSignal<RunComparison | null>(null);
  const error = useSignal("");
  useEffect(() => {
    comparison.value = null;
    error.value = "";
    compareRuns(old, now).then((r) => {
      if (r.comparison) comparison.value = r.comparison;
      else error.value = r.error ?? "The runs could not be compared.";
    });
  }, [old, now]);
  const c = comparison.value;
  return (
    <section class="run-compare" aria-label="Two runs compared" data-testid="run-compare">
      <div class="row">
        <h3>Runs compared</h3>
        <button type="button" class="secondary" onClick={onClose}>Close</button>
      </div>
      {error.value && <p role="alert" class="problems">{error.value}</p>}
      {!c && !error.value && <p class="small">Comparing…</p>}
      {c && (
        <>
          <div class="side-by-side">
            <Facts side={c.old} title="Older (OLD)" />
            <Facts side={c.new} title="Newer (NEW)" />
          </div>
          <h4>What changed in the inputs</h4>
          <p>{c.inputs.note}</p>
          {c.inputs.diff && c.inputs.diff.changes.length > 0 && (
            <div class="table-scroll">
              <table>
                <caption class="small">Every change, in the order of the study</caption>
                <thead>
                  <tr>
                    <th scope="col">Section</th>
                    <th scope="col">Item</th>
                    <th scope="col">Field</th>
                    <th scope="col">OLD</th>
                    <th scope="col">NEW</th>
                  </tr>
                </thead>
                <tbody>
                  {c.inputs.diff.changes.map((x) => (
                    <tr key={x.path} class={x.model ? "model-change" : "note-change"}>
                      <td>{x.section}</td>
                      <td>{x.item}</td>
                      <td>
                        {fieldLabel(x.path)}
                        {x.what === "note" ? " (note)" : x.model ? "" : " (wording)"}
                      </td>
                      <td>{x.old ?? "—"}</td>
                      <td>{x.new ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h4>What moved in the outputs</h4>
          <p>
            <strong>
              {c.outputs.moved
                ? "Something moved beyond Monte Carlo error."
                : "Nothing moved beyond Monte Carlo error."}
            </strong>{" "}
            {c.outputs.summary}
          </p>
          <ul>{c.outputs.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
          {c.outputs.flagged.length > 0 && (
            <div class="table-scroll">
              <table>
                <caption class="small">
                  Largest changes beyond z {c.outputs.threshold} (of {c.outputs.counts.flagged})
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Scenario</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Measure</th>
                    <th scope="col">Year</th>
                    <th scope="col">OLD</th>
                    <th scope="col">NEW</th>
                    <th scope="col">z</th>
                  </tr>
                </thead>
                <tbody>
                  {c.outputs.flagged.slice(0, SHOWN).map((f) => (
                    <tr key={`${f.scenario}|${f.kind}|${f.measure}|${f.year}`}>
                      <td>{f.scenario}</td>
                      <td>{f.kind}</td>
                      <td>{f.measure}</td>
                      <td>{f.year}</td>
                      <td>{diffNumber(f.old)}</td>
                      <td>{diffNumber(f.new)}</td>
                      <td>{f.z === null ? "–" : f.z > 1e6 ? "∞" : f.z.toFixed(1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
