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
import { LogicModelEditor } from "./LogicModelEditor.tsx";

export function Editor({ study, scenario, ageBands, levels }: {
  study: Signal<Study>;
  scenario: Signal<number>;
  ageBands: string[];
  levels: string[];
}) {
  const s = study.value;
  const sc = s.scenarios[scenario.value] ?? s.scenarios[0];
  const ivs = s.interventions ?? [];
  const chosen = useSignal<string | null>(sc?.interventions[0] ?? null);
  const editing = ivs.find((iv) => iv.id === chosen.value) ??
    ivs.find((iv) => sc?.interventions.includes(iv.id)) ?? null;
  return (
    <div>
      <label style={{ display: "flex" }}>
        <span class="sr-only">Study name</span>
        <input
          type="text"
          value={s.name}
          style={{ flex: 1, fontSize: "1.2rem", fontWeight: 600 }}
          aria-label="Study name"
          onInput={(
            e,
          ) => (study.value = { ...s, name: (e.currentTarget as HTMLInputElement).value })}
        />
      </label>
      {s.description && <p class="small muted">{s.description}</p>}
      <fieldset>
        <legend>Scenario</legend>
        <div class="row">
          <select
            aria-label="Scenario"
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
          <label style={{ display: "flex", marginTop: ".4rem" }}>
            Name
            <input
              type="text"
              value={sc.name}
              style={{ flex: 1 }}
              aria-label="Scenario name"
              onInput={(
                e,
              ) => (study.value = updateScenario(s, scenario.value, {
                name: (e.currentTarget as HTMLInputElement).value,
              }))}
            />
          </label>
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
          />
        )
        : <p class="muted">No intervention to edit.</p>}
    </div>
  );
}
