/**
 * Every assumption of a study as entered, in words: the study's settings, the baseline's
 * overrides and calibration, and for each intervention who is eligible, uptake by quintile,
 * capacity and targeting, timing, costs and effects (what each applies to and its modifiers) —
 * each value with its interval, the distribution fitted to it (worded as in parameter-text.ts),
 * its source, what is assumed and why it is so (rationale). Fields this module does not know
 * (added by later versions of the format) are listed too, so nothing entered is left out.
 */
import type { ParameterSpec } from "../sim/distributions.ts";
import { STUDY_DEFAULTS } from "../sim/study/defaults.ts";
import type { Study, StudyIntervention } from "../sim/study/format.ts";
import { ACTIVITY_LABELS, type TargetingRule } from "../sim/types.ts";
import { MODIFIER_GROUPS } from "../sim/effects.ts";
import { DEFAULT_CALIBRATED } from "../sim/calibration/format.ts";
import {
  describeParameter,
  isParameter,
  levelText,
  NOTE_KEYS,
  noteOf,
  plainNumber,
} from "./parameter-text.ts";

export interface AssumptionRow {
  label: string;
  value: string;
  /** Where the figure comes from, when the study says. */
  source?: string;
  /** What is assumed, when the study says (a figure with no source says so here). */
  assumption?: string;
  /** Why it is so: the study's free-text rationale beside its source. */
  rationale?: string;
}

export interface AssumptionGroup {
  title: string;
  rows: AssumptionRow[];
}

export const TARGETING_LABELS: Record<TargetingRule, string> = {
  proportional: "No targeting (everyone eligible alike)",
  "highest-risk": "Highest risk first",
  "most-deprived": "Most deprived first",
  impactability: "Highest impactability (capacity to benefit) first",
};

const EFFECT_LABELS: Record<string, string> = {
  ...ACTIVITY_LABELS,
  socialCare: "Social care cost",
  worsening: "Worsening complexity",
  improving: "Improving complexity",
};

/** A figure as entered, in plain en-GB form. */
export const plain = (value: number) => plainNumber(value);

/** A row's notes (source, assumption, rationale) from the parameter or effect they are on. */
function notes(...from: unknown[]): Pick<AssumptionRow, "source" | "assumption" | "rationale"> {
  const out: Pick<AssumptionRow, "source" | "assumption" | "rationale"> = {};
  for (const key of ["source", "assumption", "rationale"] as const) {
    const text = from.map((f) => noteOf(f, key)).find((x) => x);
    if (text) out[key] = text;
  }
  return out;
}

/** "Worsening complexity", "Non-elective admissions", "low → middle", or the key in words. */
function effectLabel(key: string): string {
  if (EFFECT_LABELS[key]) return EFFECT_LABELS[key];
  if (key.includes("->")) return key.replace("->", " → ");
  return words(key);
}

/** camelCase or dotted keys in words: "improvingMoves" → "improving moves". */
export function words(key: string): string {
  const text = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([a-z]{2,})(\d)/g, "$1 $2")
    .replace(/[._]/g, " ").toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Non-elective admissions" → "non-elective admissions"; "GP contacts" stays. */
function lowerFirst(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label;
}

/**
 * Any value as rows: parameters described, objects walked by own keys, the rest as text. A bare
 * number is a fixed parameter where `parameters` (effects, baseline), else just a number.
 */
function rowsOf(value: unknown, label: string, parameters = true): AssumptionRow[] {
  if (typeof value === "number" && !parameters) return [{ label, value: plain(value) }];
  if (isParameter(value)) return [{ label, value: describeParameter(value), ...notes(value) }];
  if (Array.isArray(value)) {
    if (value.every(isParameter)) {
      return value.flatMap((v, i) => rowsOf(v, `${label}, ${i + 1}`, parameters));
    }
    return [{
      label,
      value: value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", "),
    }];
  }
  if (value && typeof value === "object") {
    return Object.keys(value).filter((k) => !NOTE_KEYS.has(k)).flatMap((k) =>
      rowsOf(
        (value as Record<string, unknown>)[k],
        `${label}: ${lowerFirst(effectLabel(k))}`,
        parameters,
      )
    );
  }
  return [{ label, value: String(value) }];
}

const MODIFIER_NAMES: Record<string, (name: string) => string> = {
  ageBand: (band) => `age band ${band}`,
  complexity: (level) => `${level} complexity`,
  quintile: (q) => `Q${q}`,
};

/**
 * An effect as entered: its relative risk (with the effect's notes), what it applies to when
 * not all of the activity, the share it applies to, and each modifier.
 */
function effectRowsOf(effect: unknown, label: string): AssumptionRow[] {
  const e = effect as Record<string, unknown> | null;
  if (!e || typeof e !== "object" || !Object.hasOwn(e, "rr")) return rowsOf(effect, label);
  const rr = e.rr as ParameterSpec;
  const rows: AssumptionRow[] = [{ label, value: describeParameter(rr), ...notes(rr, e) }];
  if (e.appliesTo === "amenable") {
    rows.push({
      label: `${label}: applies to`,
      value: "the amenable share of the activity only (ambulatory care sensitive)",
    });
  }
  if (e.share !== undefined) {
    rows.push({
      label: `${label}: share of the activity it applies to`,
      value: describeParameter(e.share as ParameterSpec),
      ...notes(e.share),
    });
  }
  const modifiers = (e.modifiers ?? {}) as Record<string, Record<string, ParameterSpec>>;
  for (const group of MODIFIER_GROUPS) {
    for (const [name, spec] of Object.entries(modifiers[group] ?? {})) {
      rows.push({
        label: `${label}: modifier for ${MODIFIER_NAMES[group](name)}`,
        value: `${describeParameter(spec)} (a ratio of relative risks)`,
        ...notes(spec),
      });
    }
  }
  return rows;
}

const list = (
  xs: (string | number)[] | undefined,
  all: string,
  f = (x: string | number) => String(x),
) => xs && xs.length ? xs.map(f).join(", ") : all;

/** The fields of an intervention this module puts in words; the rest are listed generically. */
const KNOWN_INTERVENTION_FIELDS = new Set([
  "id",
  "name",
  "description",
  "source",
  "rationale",
  "payer",
  "variantOf",
  "parameterKey",
  "target",
  "uptake",
  "capacity",
  "targeting",
  "startYear",
  "rampUpYears",
  "durationYears",
  "decayPerYear",
  "costPerParticipant",
  "fixedCostPerYear",
  "effects",
]);

function interventionGroup(iv: StudyIntervention, study: Study): AssumptionGroup {
  const d = STUDY_DEFAULTS.intervention;
  const rows: AssumptionRow[] = [];
  if (iv.description) rows.push({ label: "What it is", value: iv.description });
  if (iv.source) rows.push({ label: "Evidence", value: iv.source });
  if (iv.rationale) rows.push({ label: "Why it is modelled so", value: iv.rationale });
  if (iv.payer) rows.push({ label: "Who pays", value: iv.payer });
  if (iv.variantOf) {
    const of = study.interventions?.find((x) => x.id === iv.variantOf)?.name ?? iv.variantOf;
    rows.push({ label: "Variant of", value: `${of} (same uptake, costs and effects)` });
  }
  const t = iv.target ?? {};
  const areaName = (id: string | number) =>
    study.areas?.find((a) => a.id === id)?.name ?? String(id);
  rows.push({ label: "Age bands", value: list(t.ageBands, "all") });
  rows.push({ label: "Complexity", value: list(t.complexity, "all levels") });
  rows.push({
    label: "Deprivation quintiles",
    value: list(t.quintiles, "all (Q1 most deprived … Q5 least deprived)", (q) => `Q${q}`),
  });
  if (t.areas?.length) rows.push({ label: "Areas", value: list(t.areas, "all", areaName) });
  if (iv.uptake !== undefined) {
    if (Array.isArray(iv.uptake)) {
      iv.uptake.forEach((u, q) =>
        rows.push({
          label: `Uptake in Q${q + 1}${
            q === 0 ? " (most deprived)" : q === 4 ? " (least deprived)" : ""
          }`,
          value: describeParameter(u),
          ...notes(u),
        })
      );
    } else {
      rows.push({
        label: "Uptake (every quintile)",
        value: describeParameter(iv.uptake),
        ...notes(iv.uptake),
      });
    }
  }
  rows.push({
    label: "Capacity",
    value: (iv.capacity ?? d.capacity) === null
      ? "no cap"
      : `${plain(iv.capacity as number)} people at once`,
  });
  rows.push({
    label: "When capacity binds",
    value: TARGETING_LABELS[iv.targeting ?? d.targeting] ?? String(iv.targeting),
  });
  rows.push({ label: "Start year", value: String(iv.startYear ?? d.startYear) });
  const years = (n: number) => `${n} year${n === 1 ? "" : "s"}`;
  rows.push({ label: "Ramp-up", value: years(iv.rampUpYears ?? d.rampUpYears) });
  rows.push({
    label: "Duration",
    value: (iv.durationYears ?? d.durationYears) === null
      ? "to the end of the horizon"
      : years(iv.durationYears as number),
  });
  rows.push({
    label: "Effect lost each year after it stops",
    value: `${plain((iv.decayPerYear ?? d.decayPerYear) * 100)}%`,
  });
  if (iv.costPerParticipant !== undefined) {
    rows.push({
      label: "Cost per participant per year",
      value: describeParameter(iv.costPerParticipant, true),
      ...notes(iv.costPerParticipant),
    });
  }
  rows.push({
    label: "Fixed cost per year",
    value: describeParameter(iv.fixedCostPerYear ?? d.fixedCostPerYear, true),
    ...notes(iv.fixedCostPerYear),
  });
  const effects = iv.effects ?? {};
  const effectRows: AssumptionRow[] = [];
  for (const [k, spec] of Object.entries(effects.activity ?? {})) {
    effectRows.push(...effectRowsOf(spec, `Relative risk: ${lowerFirst(effectLabel(k))}`));
  }
  for (const [k, spec] of Object.entries(effects.transitions ?? {})) {
    effectRows.push(...effectRowsOf(spec, `Relative risk: ${lowerFirst(effectLabel(k))}`));
  }
  if (effects.death !== undefined) {
    effectRows.push(...effectRowsOf(effects.death, "Relative risk: death"));
  }
  for (const k of Object.keys(effects)) {
    if (!["activity", "transitions", "death"].includes(k)) {
      effectRows.push(
        ...rowsOf((effects as Record<string, unknown>)[k], `Effects: ${words(k).toLowerCase()}`),
      );
    }
  }
  if (!effectRows.length && !iv.variantOf) {
    effectRows.push({ label: "Effects", value: "none (relative risk 1 on everything)" });
  }
  rows.push(...effectRows);
  for (const k of Object.keys(iv)) {
    if (!KNOWN_INTERVENTION_FIELDS.has(k)) {
      rows.push(...rowsOf((iv as unknown as Record<string, unknown>)[k], words(k), false));
    }
  }
  return { title: iv.name, rows };
}

/** The study's settings, baseline overrides, calibration and interventions, as entered. */
export function assumptionGroups(study: Study): AssumptionGroup[] {
  const groups: AssumptionGroup[] = [];
  const population = study.population?.source === "csv"
    ? `a segmentation table (${study.population.name ?? "uploaded CSV"})`
    : `the built-in example place${study.population?.name ? ` (${study.population.name})` : ""}`;
  groups.push({
    title: "Study settings",
    rows: [
      { label: "Population", value: population },
      ...(study.areas?.length
        ? [{ label: "Areas", value: study.areas.map((a) => a.name).join(", ") }]
        : []),
      { label: "Horizon", value: `${study.horizonYears ?? STUDY_DEFAULTS.horizonYears} years` },
      {
        label: "Cycles per year",
        value: String(study.cyclesPerYear ?? STUDY_DEFAULTS.cyclesPerYear),
      },
      {
        label: "Discount rate",
        value: `${plain((study.discountRate ?? STUDY_DEFAULTS.discountRate) * 100)}% a year`,
      },
      {
        label: "Intervals reported",
        value: `${levelText(study.interval ?? STUDY_DEFAULTS.interval)} percentile intervals`,
      },
    ],
  });
  const baseline = study.baseline ?? {};
  const baselineRows = Object.keys(baseline).flatMap((k) =>
    rowsOf((baseline as Record<string, unknown>)[k], words(k))
  );
  groups.push({
    title: "Baseline",
    rows: baselineRows.length ? baselineRows : [{
      label: "Baseline parameters",
      value: "the model's defaults (cited in the model's documentation)",
    }],
  });
  if (study.calibration !== undefined) groups.push(calibrationGroup(study));
  for (const iv of study.interventions ?? []) groups.push(interventionGroup(iv, study));
  return groups;
}

/**
 * The calibration as entered: the targets (a file, or each target listed), the parameters
 * fitted, and the posterior the runs draw from. Fields it does not know are listed too.
 */
function calibrationGroup(study: Study): AssumptionGroup {
  const c = study.calibration as unknown as Record<string, unknown>;
  const rows: AssumptionRow[] = [];
  if (typeof c.targets === "string") {
    rows.push({ label: "Targets the baseline is fitted to", value: c.targets });
  } else if (Array.isArray(c.targets)) {
    rows.push(...rowsOf(c.targets, "Target", false));
  }
  const fitted = Array.isArray(c.parameters) && c.parameters.length ? c.parameters : null;
  rows.push({
    label: "Parameters fitted",
    value: `${
      (fitted ?? DEFAULT_CALIBRATED).map((k) => words(String(k)).toLowerCase()).join(", ")
    }${fitted ? "" : " (the default set)"}`,
  });
  if (typeof c.posterior === "string") {
    rows.push({
      label: "Posterior the runs draw from",
      value: `${c.posterior} (deterministic values use its means)`,
    });
  }
  for (const k of Object.keys(c)) {
    if (!["targets", "parameters", "posterior"].includes(k)) {
      rows.push(...rowsOf(c[k], `Calibration: ${words(k).toLowerCase()}`, false));
    }
  }
  return { title: "Calibration", rows };
}
