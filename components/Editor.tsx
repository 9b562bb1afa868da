/**
 * The study editor: scenarios, the interventions they combine, and each intervention's target,
 * uptake by quintile, capacity and targeting rule, timing, costs and effect sizes (central value
 * and 95% interval, with the implied distribution drawn beside each).
 */
import type { Signal } from "@preact/signals";
import { useSignal } from "@preact/signals";
import type { ParameterSpec } from "../sim/distributions.ts";
import type { Study, StudyIntervention } from "../sim/study/format.ts";
import {
  ACTIVITY_LABELS,
  EFFECT_TARGETS,
  type EffectTarget,
  type TargetingRule,
} from "../sim/types.ts";
import { RangeInputs } from "./ParameterField.tsx";
import {
  addIntervention,
  addScenario,
  toggleInScenario,
  toRange,
  updateIntervention,
  updateScenario,
  withCentral,
} from "../client/study-edit.ts";

const TARGETING: [TargetingRule, string][] = [
  ["proportional", "No targeting (everyone alike)"],
  ["highest-risk", "Highest risk first"],
  ["most-deprived", "Most deprived first"],
  ["impactability", "Highest impactability first"],
];

const EFFECT_LABELS: Record<EffectTarget, string> = {
  ...ACTIVITY_LABELS,
  socialCare: "Social care cost",
};

const LOGIC_FIELDS: ["problem" | "intervention" | "outputs" | "outcomes" | "impact", string][] = [
  ["problem", "Problem"],
  ["intervention", "Intervention"],
  ["outputs", "Outputs"],
  ["outcomes", "Outcomes"],
  ["impact", "Impact"],
];

function numberFrom(e: Event): number {
  return (e.currentTarget as HTMLInputElement).valueAsNumber;
}

function Checks({ legend, options, selected, onChange }: {
  legend: string;
  options: { value: string | number; label: string }[];
  selected: (string | number)[] | undefined;
  onChange: (next: (string | number)[] | undefined) => void;
}) {
  const all = !selected || selected.length === 0;
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div class="row">
        {options.map((o) => {
          const on = all || selected!.includes(o.value);
          return (
            <label key={String(o.value)}>
              <input
                type="checkbox"
                checked={on}
                onChange={() => {
                  const current = all ? options.map((x) => x.value) : selected!;
                  const next = on ? current.filter((v) => v !== o.value) : [...current, o.value];
                  onChange(next.length === options.length ? undefined : next);
                }}
              />
              {o.label}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

function InterventionForm({ iv, study, ageBands, levels }: {
  iv: StudyIntervention;
  study: Signal<Study>;
  ageBands: string[];
  levels: string[];
}) {
  const set = (
    patch: Partial<StudyIntervention>,
  ) => (study.value = updateIntervention(study.value, iv.id, patch));
  if (iv.variantOf) {
    return (
      <p class="muted">
        This is a variant of “{iv.variantOf}”: it shares that intervention's uptake, costs and
        effects.
      </p>
    );
  }
  const uptake = Array.isArray(iv.uptake)
    ? iv.uptake
    : [0, 1, 2, 3, 4].map(() => iv.uptake as ParameterSpec);
  const effects = iv.effects ?? {};
  const setActivity = (t: EffectTarget, spec: ParameterSpec) => {
    const activity = { ...(effects.activity ?? {}) } as Record<string, ParameterSpec>;
    if (spec === 1) delete activity[t];
    else activity[t] = spec;
    set({ effects: { ...effects, activity } });
  };
  const setWorsening = (spec: ParameterSpec) => {
    const transitions = { ...(effects.transitions ?? {}) };
    if (spec === 1) delete transitions.worsening;
    else transitions.worsening = spec;
    set({ effects: { ...effects, transitions } });
  };
  const areas = study.value.areas ?? [];
  return (
    <div data-testid="intervention-form">
      <label style={{ display: "flex" }}>
        Name
        <input
          type="text"
          value={iv.name}
          style={{ flex: 1 }}
          aria-label="Intervention name"
          onInput={(e) => set({ name: (e.currentTarget as HTMLInputElement).value })}
        />
      </label>
      <Checks
        legend="Age bands"
        options={ageBands.map((b) => ({ value: b, label: b }))}
        selected={iv.target?.ageBands}
        onChange={(v) => set({ target: { ...iv.target, ageBands: v as string[] | undefined } })}
      />
      <Checks
        legend="Complexity"
        options={levels.map((l) => ({ value: l, label: l }))}
        selected={iv.target?.complexity}
        onChange={(v) => set({ target: { ...iv.target, complexity: v as string[] | undefined } })}
      />
      <Checks
        legend="Deprivation quintiles"
        options={[1, 2, 3, 4, 5].map((q) => ({
          value: q,
          label: `Q${q}${q === 1 ? " (most)" : q === 5 ? " (least)" : ""}`,
        }))}
        selected={iv.target?.quintiles}
        onChange={(v) => set({ target: { ...iv.target, quintiles: v as number[] | undefined } })}
      />
      {areas.length > 1 && (
        <Checks
          legend="Areas"
          options={areas.map((a) => ({ value: a.id, label: a.name }))}
          selected={iv.target?.areas}
          onChange={(v) => set({ target: { ...iv.target, areas: v as string[] | undefined } })}
        />
      )}
      <fieldset>
        <legend>Uptake by quintile (share who enrol)</legend>
        <div class="row">
          {uptake.map((u, q) => (
            <label key={q}>
              Q{q + 1}
              <input
                type="number"
                min={0}
                max={1}
                step={0.01}
                value={Number(toRange(u, 0.5).central.toPrecision(4))}
                aria-label={`Uptake in quintile ${q + 1}`}
                onInput={(e) => {
                  const v = numberFrom(e);
                  if (!(v >= 0 && v <= 1)) return;
                  set({
                    uptake: uptake.map((x, k) => (k === q ? withCentral(x, v, [0.001, 0.999]) : x)),
                  });
                }}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Capacity and targeting</legend>
        <div class="grid2">
          <label for={`cap-${iv.id}`}>Capacity (people at once)</label>
          <input
            id={`cap-${iv.id}`}
            type="number"
            min={0}
            step={100}
            placeholder="no cap"
            value={iv.capacity ?? ""}
            onInput={(e) => {
              const v = numberFrom(e);
              set({ capacity: Number.isFinite(v) && v >= 0 ? Math.round(v) : null });
            }}
          />
          <label for={`tgt-${iv.id}`}>When capacity binds</label>
          <select
            id={`tgt-${iv.id}`}
            value={iv.targeting ?? "proportional"}
            onChange={(e) =>
              set({ targeting: (e.currentTarget as HTMLSelectElement).value as TargetingRule })}
          >
            {TARGETING.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
          </select>
        </div>
      </fieldset>
      <fieldset>
        <legend>Timing and costs</legend>
        <div class="grid2">
          <label for={`start-${iv.id}`}>Start year</label>
          <input
            id={`start-${iv.id}`}
            type="number"
            min={1}
            max={study.value.horizonYears ?? 10}
            value={iv.startYear ?? 1}
            onInput={(e) => numberFrom(e) >= 1 && set({ startYear: Math.round(numberFrom(e)) })}
          />
          <label for={`ramp-${iv.id}`}>Ramp-up years</label>
          <input
            id={`ramp-${iv.id}`}
            type="number"
            min={0}
            max={20}
            value={iv.rampUpYears ?? 0}
            onInput={(e) => numberFrom(e) >= 0 && set({ rampUpYears: Math.round(numberFrom(e)) })}
          />
          <label for={`dur-${iv.id}`}>Duration (years)</label>
          <input
            id={`dur-${iv.id}`}
            type="number"
            min={1}
            placeholder="to the end"
            value={iv.durationYears ?? ""}
            onInput={(e) => {
              const v = numberFrom(e);
              set({ durationYears: Number.isFinite(v) && v >= 1 ? Math.round(v) : null });
            }}
          />
          <label for={`decay-${iv.id}`}>Effect lost each year after it stops</label>
          <input
            id={`decay-${iv.id}`}
            type="number"
            min={0}
            max={1}
            step={0.1}
            value={iv.decayPerYear ?? 1}
            onInput={(e) => {
              const v = numberFrom(e);
              if (v >= 0 && v <= 1) set({ decayPerYear: v });
            }}
          />
          <label for={`cpp-${iv.id}`}>£ per participant per year</label>
          <input
            id={`cpp-${iv.id}`}
            type="number"
            min={0}
            step={10}
            value={toRange(iv.costPerParticipant, 0).central}
            onInput={(e) => {
              const v = numberFrom(e);
              if (v >= 0) {
                set({
                  costPerParticipant: withCentral(iv.costPerParticipant, v, [0, Infinity]),
                });
              }
            }}
          />
          <label for={`fixed-${iv.id}`}>Fixed £ per year</label>
          <input
            id={`fixed-${iv.id}`}
            type="number"
            min={0}
            step={1000}
            value={toRange(iv.fixedCostPerYear, 0).central}
            onInput={(e) => {
              const v = numberFrom(e);
              if (v >= 0) {
                set({
                  fixedCostPerYear: withCentral(iv.fixedCostPerYear, v, [0, Infinity]),
                });
              }
            }}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Effects: relative risk for participants (1 = no effect)</legend>
        <table class="effects">
          <thead>
            <tr>
              <th scope="col">On</th>
              <th scope="col">Central</th>
              <th scope="col">Low</th>
              <th scope="col">High</th>
              <th scope="col">Distribution</th>
            </tr>
          </thead>
          <tbody>
            {EFFECT_TARGETS.map((t) => (
              <RangeInputs
                key={t}
                label={EFFECT_LABELS[t]}
                spec={effects.activity?.[t]}
                fallback={1}
                onChange={(s) => setActivity(t, s)}
              />
            ))}
            <RangeInputs
              label="Worsening complexity"
              spec={effects.transitions?.worsening}
              fallback={1}
              onChange={setWorsening}
            />
            <RangeInputs
              label="Death"
              spec={effects.death}
              fallback={1}
              onChange={(s) => set({ effects: { ...effects, death: s === 1 ? undefined : s } })}
            />
          </tbody>
        </table>
        <p class="small muted">
          Low and high are a 95% interval; a lognormal distribution is fitted (median = central).
        </p>
      </fieldset>
      {iv.source && <p class="small muted">Evidence: {iv.source}</p>}
    </div>
  );
}

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
      {sc && (
        <details>
          <summary>Logic model of this scenario</summary>
          <div data-testid="logic-editor">
            {LOGIC_FIELDS.map(([key, label]) => (
              <label
                key={key}
                style={{ display: "flex", flexDirection: "column", alignItems: "stretch" }}
              >
                {label}
                <textarea
                  rows={2}
                  value={sc.logicModel?.[key] ?? ""}
                  aria-label={`Logic model: ${label}`}
                  onInput={(e) => {
                    const text = (e.currentTarget as HTMLTextAreaElement).value;
                    const current = sc.logicModel ??
                      { problem: "", intervention: "", outputs: "", outcomes: "", impact: "" };
                    study.value = updateScenario(s, scenario.value, {
                      logicModel: { ...current, [key]: text },
                    });
                  }}
                />
              </label>
            ))}
          </div>
        </details>
      )}
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
