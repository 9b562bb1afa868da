/**
 * One intervention's form: target, uptake by quintile, capacity and targeting rule, timing,
 * costs and effect sizes (central value and interval, with the implied distribution drawn
 * beside each). Defaults shown are the study format's (sim/study/defaults.ts).
 */
import type { Signal } from "@preact/signals";
import type { ParameterSpec } from "../../sim/distributions.ts";
import { STUDY_DEFAULTS } from "../../sim/study/defaults.ts";
import type { Study, StudyIntervention } from "../../sim/study/format.ts";
import {
  ACTIVITY_LABELS,
  type Effect,
  EFFECT_TARGETS,
  type EffectTarget,
  type TargetingRule,
} from "../../sim/types.ts";
import { effectRr, effectScope, withEffectRr } from "../../sim/effects.ts";
import { toRange, updateIntervention, withCentral } from "../../client/study-edit.ts";
import { Checks } from "./Checks.tsx";
import { RangeInputs } from "./ParameterField.tsx";

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

function numberFrom(e: Event): number {
  return (e.currentTarget as HTMLInputElement).valueAsNumber;
}

export function InterventionForm({ iv, study, ageBands, levels }: {
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
  // An effect written out (applies to a share, or modified by cohort) keeps all that when its
  // relative risk is edited here (sim/effects.ts).
  const setActivity = (t: EffectTarget, spec: ParameterSpec) => {
    const activity = { ...(effects.activity ?? {}) } as Record<string, Effect>;
    const next = withEffectRr(activity[t], spec);
    if (next === undefined) delete activity[t];
    else activity[t] = next;
    set({ effects: { ...effects, activity } });
  };
  const setWorsening = (spec: ParameterSpec) => {
    const transitions = { ...(effects.transitions ?? {}) };
    const next = withEffectRr(transitions.worsening, spec);
    if (next === undefined) delete transitions.worsening;
    else transitions.worsening = next;
    set({ effects: { ...effects, transitions } });
  };
  // Effects written out in the study file, and what they apply to (edited in the file).
  const scoped = [
    ...EFFECT_TARGETS.map((t) => [EFFECT_LABELS[t], effects.activity?.[t]] as const),
    ["Worsening complexity", effects.transitions?.worsening] as const,
    ["Death", effects.death] as const,
  ].flatMap(([label, e]) => {
    const scope = effectScope(e);
    return scope ? [`${label}: ${scope}`] : [];
  });
  const rrOf = (
    effect: Effect | undefined,
  ) => (effect === undefined ? undefined : effectRr(effect));
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
            value={iv.targeting ?? STUDY_DEFAULTS.intervention.targeting}
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
            max={study.value.horizonYears ?? STUDY_DEFAULTS.horizonYears}
            value={iv.startYear ?? STUDY_DEFAULTS.intervention.startYear}
            onInput={(e) => numberFrom(e) >= 1 && set({ startYear: Math.round(numberFrom(e)) })}
          />
          <label for={`ramp-${iv.id}`}>Ramp-up years</label>
          <input
            id={`ramp-${iv.id}`}
            type="number"
            min={0}
            max={20}
            value={iv.rampUpYears ?? STUDY_DEFAULTS.intervention.rampUpYears}
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
            value={iv.decayPerYear ?? STUDY_DEFAULTS.intervention.decayPerYear}
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
                spec={rrOf(effects.activity?.[t])}
                fallback={1}
                onChange={(s) => setActivity(t, s)}
              />
            ))}
            <RangeInputs
              label="Worsening complexity"
              spec={rrOf(effects.transitions?.worsening)}
              fallback={1}
              onChange={setWorsening}
            />
            <RangeInputs
              label="Death"
              spec={rrOf(effects.death)}
              fallback={1}
              onChange={(s) =>
                set({ effects: { ...effects, death: withEffectRr(effects.death, s) } })}
            />
          </tbody>
        </table>
        <p class="small muted">
          Low and high are an interval at the level shown (new estimates: 95%); a lognormal
          distribution is fitted (median = central). Editing keeps an estimate's level, family and
          source.
        </p>
        {scoped.length > 0 && (
          <p class="small muted" data-testid="effect-scope">
            Written out in the study file (kept when the relative risk is edited here):{" "}
            {scoped.join("; ")}.
          </p>
        )}
      </fieldset>
      {iv.source && <p class="small muted">Evidence: {iv.source}</p>}
      {iv.rationale && <p class="small muted">Why: {iv.rationale}</p>}
    </div>
  );
}
