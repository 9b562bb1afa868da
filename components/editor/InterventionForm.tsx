/**
 * One intervention's form: target, uptake by quintile, capacity and targeting rule, timing,
 * costs and effect sizes (central value and interval, with the implied distribution drawn
 * beside each). Defaults shown are the study format's (sim/study/defaults.ts). Every field says
 * what is wrong beside itself (NumberField), including the study's own problems about it.
 */
import type { Signal } from "@preact/signals";
import type { ParameterSpec } from "../../sim/distributions.ts";
import type { Problem } from "../../sim/problems.ts";
import { STUDY_DEFAULTS } from "../../sim/study/defaults.ts";
import { MAX_TEXT_LENGTH } from "../../sim/study/schema.ts";
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
import { problemsAt } from "../../client/field-problems.ts";
import { Checks } from "./Checks.tsx";
import { RangeInputs } from "./ParameterField.tsx";
import { NumberField } from "./NumberField.tsx";
import { TextField } from "./TextField.tsx";
import { Term } from "../Term.tsx";

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

export function InterventionForm({ iv, study, ageBands, levels, problems }: {
  iv: StudyIntervention;
  study: Signal<Study>;
  ageBands: string[];
  levels: string[];
  /** Every problem the study's checks found (this form shows those about this intervention). */
  problems: Problem[];
}) {
  const set = (
    patch: Partial<StudyIntervention>,
  ) => (study.value = updateIntervention(study.value, iv.id, patch));
  const index = (study.value.interventions ?? []).findIndex((x) => x.id === iv.id);
  const path = `interventions[${index}]`;
  const at = (rest: string) => problemsAt(problems, `${path}${rest}`);
  if (iv.variantOf) {
    return (
      <p class="muted">
        This is a variant of “{study.value.interventions?.find((x) => x.id === iv.variantOf)
          ?.name ?? "another intervention"}”: it shares that intervention's uptake, costs and
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
  const horizon = study.value.horizonYears ?? STUDY_DEFAULTS.horizonYears;
  const d = STUDY_DEFAULTS.intervention;
  const id = (name: string) => `${name}-${iv.id}`;
  return (
    <div data-testid="intervention-form">
      <h3>Intervention: {iv.name}</h3>
      <div class="grid2">
        <label for={id("name")}>Name</label>
        <TextField
          id={id("name")}
          fieldKey={`${path}.name`}
          label="Intervention name"
          value={iv.name}
          problems={at(".name")}
          onValue={(name) => set({ name })}
        />
      </div>
      <Checks
        legend="Age bands"
        options={ageBands.map((b) => ({ value: b, label: b }))}
        selected={iv.target?.ageBands}
        onChange={(v) => set({ target: { ...iv.target, ageBands: v as string[] | undefined } })}
      />
      <Checks
        legend={<Term id="complexity">Complexity</Term>}
        options={levels.map((l) => ({ value: l, label: l }))}
        selected={iv.target?.complexity}
        onChange={(v) => set({ target: { ...iv.target, complexity: v as string[] | undefined } })}
      />
      <Checks
        legend={<Term id="quintile">Deprivation quintiles</Term>}
        options={[1, 2, 3, 4, 5].map((q) => ({
          value: q,
          label: `Q${q}${q === 1 ? " (most deprived)" : q === 5 ? " (least deprived)" : ""}`,
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
        <legend>
          <Term id="uptake">Uptake</Term> by quintile (share who enrol, 0 to 1)
        </legend>
        <div class="row">
          {uptake.map((u, q) => (
            <label key={q} class="stack">
              Q{q + 1}
              <NumberField
                label={`Uptake in quintile ${q + 1}`}
                fieldKey={`${path}.uptake[${q}]`}
                value={Number(toRange(u, 0.5).central.toPrecision(4))}
                rule={{ min: 0, max: 1 }}
                step={0.01}
                problems={Array.isArray(iv.uptake) ? at(`.uptake[${q}]`) : at(".uptake")}
                onValue={(v) =>
                  set({
                    uptake: uptake.map((x, k) =>
                      k === q ? withCentral(x, v as number, [0.001, 0.999]) : x
                    ),
                  })}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>
          <Term id="capacity">Capacity</Term> and <Term id="targeting">targeting</Term>
        </legend>
        <div class="grid2">
          <label for={id("cap")}>Capacity (people at once)</label>
          <NumberField
            id={id("cap")}
            fieldKey={`${path}.capacity`}
            value={iv.capacity ?? d.capacity}
            rule={{ min: 0, integer: true, optional: true }}
            step={100}
            placeholder="no cap"
            problems={at(".capacity")}
            onValue={(v) => set({ capacity: v })}
          />
          <label for={id("tgt")}>When capacity binds</label>
          <select
            id={id("tgt")}
            value={iv.targeting ?? d.targeting}
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
          <label for={id("start")}>Start year</label>
          <NumberField
            id={id("start")}
            fieldKey={`${path}.startYear`}
            value={iv.startYear ?? d.startYear}
            rule={{ min: 1, max: horizon, integer: true }}
            problems={at(".startYear")}
            onValue={(v) => set({ startYear: v as number })}
          />
          <label for={id("ramp")}>Ramp-up years</label>
          <NumberField
            id={id("ramp")}
            fieldKey={`${path}.rampUpYears`}
            value={iv.rampUpYears ?? d.rampUpYears}
            rule={{ min: 0, max: 20, integer: true }}
            problems={at(".rampUpYears")}
            onValue={(v) => set({ rampUpYears: v as number })}
          />
          <label for={id("dur")}>Duration (years)</label>
          <NumberField
            id={id("dur")}
            fieldKey={`${path}.durationYears`}
            value={iv.durationYears ?? d.durationYears}
            rule={{ min: 1, integer: true, optional: true }}
            placeholder="to the end"
            problems={at(".durationYears")}
            onValue={(v) => set({ durationYears: v })}
          />
          <label for={id("decay")}>Effect lost each year after it stops (0 to 1)</label>
          <NumberField
            id={id("decay")}
            fieldKey={`${path}.decayPerYear`}
            value={iv.decayPerYear ?? d.decayPerYear}
            rule={{ min: 0, max: 1 }}
            step={0.1}
            problems={at(".decayPerYear")}
            onValue={(v) => set({ decayPerYear: v as number })}
          />
          <label for={id("cpp")}>£ per participant per year</label>
          <NumberField
            id={id("cpp")}
            fieldKey={`${path}.costPerParticipant`}
            value={toRange(iv.costPerParticipant, 0).central}
            rule={{ min: 0 }}
            step={10}
            problems={at(".costPerParticipant")}
            onValue={(v) =>
              set({
                costPerParticipant: withCentral(iv.costPerParticipant, v as number, [0, Infinity]),
              })}
          />
          <label for={id("fixed")}>Fixed £ per year</label>
          <NumberField
            id={id("fixed")}
            fieldKey={`${path}.fixedCostPerYear`}
            value={toRange(iv.fixedCostPerYear, 0).central}
            rule={{ min: 0 }}
            step={1000}
            problems={at(".fixedCostPerYear")}
            onValue={(v) =>
              set({
                fixedCostPerYear: withCentral(iv.fixedCostPerYear, v as number, [0, Infinity]),
              })}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>
          Effects: <Term id="relative-risk">relative risk</Term> for participants (1 = no effect)
        </legend>
        <table class="effects">
          <thead>
            <tr>
              <th scope="col">On</th>
              <th scope="col">Central</th>
              <th scope="col">Low</th>
              <th scope="col">High</th>
              <th scope="col" class="spark-cell">Distribution</th>
            </tr>
          </thead>
          <tbody>
            {EFFECT_TARGETS.map((t) => (
              <RangeInputs
                key={t}
                label={EFFECT_LABELS[t]}
                spec={rrOf(effects.activity?.[t])}
                fallback={1}
                path={`${path}.effects.activity.${t}`}
                problems={at(`.effects.activity.${t}`)}
                onChange={(s) => setActivity(t, s)}
              />
            ))}
            <RangeInputs
              label="Worsening complexity"
              spec={rrOf(effects.transitions?.worsening)}
              fallback={1}
              path={`${path}.effects.transitions.worsening`}
              problems={at(".effects.transitions.worsening")}
              onChange={setWorsening}
            />
            <RangeInputs
              label="Death"
              spec={rrOf(effects.death)}
              fallback={1}
              path={`${path}.effects.death`}
              problems={at(".effects.death")}
              onChange={(s) =>
                set({ effects: { ...effects, death: withEffectRr(effects.death, s) } })}
            />
          </tbody>
        </table>
        <p class="small muted">
          Low and high are an interval at the level shown (new estimates: 95%); a{" "}
          <Term id="lognormal">lognormal distribution</Term>{" "}
          is fitted (median = central). Editing keeps an estimate's level, family and source.
        </p>
        {scoped.length > 0 && (
          <p class="small muted" data-testid="effect-scope">
            Written out in the study file (kept when the relative risk is edited here):{" "}
            {scoped.join("; ")}.
          </p>
        )}
      </fieldset>
      {iv.source && <p class="small muted">Evidence: {iv.source}</p>}
      <label class="block" for={id("rationale")}>
        Rationale <span class="small muted">(why this offer and these values; optional)</span>
      </label>
      <textarea
        id={id("rationale")}
        data-testid="intervention-rationale"
        rows={3}
        maxLength={MAX_TEXT_LENGTH}
        value={iv.rationale ?? ""}
        onInput={(e) => {
          const text = (e.currentTarget as HTMLTextAreaElement).value;
          if (text.trim() !== "") return set({ rationale: text });
          // Emptied: the field goes from the study rather than staying as an empty text.
          const { rationale: _dropped, ...rest } = iv;
          study.value = {
            ...study.value,
            interventions: (study.value.interventions ?? []).map((x) => x.id === iv.id ? rest : x),
          };
        }}
      />
    </div>
  );
}
