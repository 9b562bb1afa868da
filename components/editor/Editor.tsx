/**
 * The study editor: the study's name, its scenarios, the interventions each combines, the
 * scenario's logic model (LogicModelEditor.tsx) and the chosen intervention's form
 * (InterventionForm.tsx).
 */
import type { Signal } from "@preact/signals";
import { useSignal } from "@preact/signals";
import type { Study } from "../../sim/study/format.ts";
import {
  addIntervention,
  addScenario,
  toggleInScenario,
  updateScenario,
} from "../../client/study-edit.ts";
import { InterventionForm } from "./InterventionForm.tsx";
import { TextField } from "./TextField.tsx";
import type { Problem } from "../../sim/problems.ts";
import { problemsAt } from "../../client/field-problems.ts";
import { LogicModelEditor } from "./LogicModelEditor.tsx";

export function Editor({ study, scenario, ageBands, levels, problems }: {
  study: Signal<Study>;
  scenario: Signal<number>;
  ageBands: string[];
  levels: string[];
  /** The study's problems, each shown beside its field. */
  problems: Problem[];
}) {
  const s = study.value;
  const sc = s.scenarios[scenario.value] ?? s.scenarios[0];
  const ivs = s.interventions ?? [];
  const chosen = useSignal<string | null>(sc?.interventions[0] ?? null);
  const editing = ivs.find((iv) => iv.id === chosen.value) ??
    ivs.find((iv) => sc?.interventions.includes(iv.id)) ?? null;
  return (
    <div>
      <div class="grid2">
        <label for="study-name">Study name</label>
        <TextField
          id="study-name"
          fieldKey="name"
          label="Study name"
          value={s.name}
          problems={problemsAt(problems, "name")}
          onValue={(name) => (study.value = { ...study.value, name })}
        />
      </div>
      <fieldset>
        <legend>Scenario</legend>
        <div class="row">
          <select
            aria-label="Scenario to edit"
            value={scenario.value}
            onChange={(e) => {
              scenario.value = Number((e.currentTarget as HTMLSelectElement).value);
              chosen.value = s.scenarios[scenario.value]?.interventions[0] ?? null;
            }}
          >
            {s.scenarios.map((x, i) => <option key={x.name} value={i}>{x.name}</option>)}
          </select>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              study.value = addScenario(s);
              scenario.value = study.value.scenarios.length - 1;
            }}
          >
            Add scenario
          </button>
        </div>
        {sc && (
          <div class="grid2" style={{ marginTop: ".4rem" }}>
            <label for="scenario-name">Name</label>
            <TextField
              id="scenario-name"
              fieldKey={`scenarios[${scenario.value}].name`}
              label="Scenario name"
              value={sc.name}
              problems={problemsAt(problems, `scenarios[${scenario.value}].name`)}
              onValue={(
                name,
              ) => (study.value = updateScenario(study.value, scenario.value, { name }))}
            />
          </div>
        )}
        <p class="small" style={{ marginBottom: ".2rem" }}>Interventions in this scenario:</p>
        {ivs.map((iv) => (
          <div class="row" key={iv.id}>
            <label>
              <input
                type="checkbox"
                checked={sc?.interventions.includes(iv.id)}
                onChange={() => (study.value = toggleInScenario(s, scenario.value, iv.id))}
              />
              {iv.name}
            </label>
            <button
              type="button"
              class="secondary small"
              aria-label={`Edit ${iv.name}`}
              onClick={() => (chosen.value = iv.id)}
              disabled={editing?.id === iv.id}
            >
              {editing?.id === iv.id ? "Editing" : "Edit"}
            </button>
          </div>
        ))}
        <button
          type="button"
          class="secondary"
          style={{ marginTop: ".4rem" }}
          onClick={() => {
            const r = addIntervention(s, scenario.value);
            study.value = r.study;
            chosen.value = r.id;
          }}
        >
          New intervention
        </button>
      </fieldset>
      {sc && <LogicModelEditor study={study} scenario={scenario.value} />}
      {editing
        ? (
          <InterventionForm
            key={editing.id}
            iv={editing}
            study={study}
            ageBands={ageBands}
            levels={levels}
            problems={problems}
          />
        )
        : <p class="muted">No intervention to edit.</p>}
    </div>
  );
}
