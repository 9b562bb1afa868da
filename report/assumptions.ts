/**
 * Every assumption of a study as entered, in words: the study's settings, the baseline's
 * overrides and calibration, and for each intervention who is eligible, uptake by quintile,
 * capacity and targeting, timing, costs and effects — each value with its interval, the
 * distribution fitted to it and its source. Fields this module does not know (added by later
 * versions of the format) are listed too, so nothing entered is left out.
 */
import {
  describeFit,
  isEstimate,
  type ParameterSpec,
  toDistribution,
} from "../sim/distributions.ts";
import { STUDY_DEFAULTS } from "../sim/study/defaults.ts";
import type { Study, StudyIntervention } from "../sim/study/format.ts";
import { ACTIVITY_LABELS, type TargetingRule } from "../sim/types.ts";

export interface AssumptionRow {
  label: string;
  value: string;
  /** Where the figure comes from, when the study says. */
  source?: string;
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

/** A number in plain en-GB form with up to 4 significant figures. */
export function plain(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const text = abs >= 1000
    ? Math.round(value).toLocaleString("en-GB")
    : Number(value.toPrecision(4)).toLocaleString("en-GB", { maximumFractionDigits: 6 });
  return text.replace("-", "−");
}

const pct = (level: number) => `${Number((level * 100).toPrecision(3))}%`;

/** "0.81 (0.72 to 0.91, 95% interval; lognormal)", with £ when `money`. */
export function describeParameter(spec: ParameterSpec, money = false): string {
  const f = (v: number) => (money ? `£${plain(v)}` : plain(v));
  if (typeof spec === "number") return `${f(spec)} (fixed)`;
  if (isEstimate(spec)) {
    return `${f(spec.central)} (${f(spec.low)} to ${f(spec.high)}, ${
      pct(spec.level ?? STUDY_DEFAULTS.estimateLevel)
    } interval; ${spec.family} distribution fitted)`;
  }
  const d = toDistribution(spec);
  if (d.dist === "fixed") return `${f(d.value)} (fixed)`;
  const params = Object.entries(d).filter(([k]) => k !== "dist").map(([k, v]) =>
    `${k} ${plain(v as number)}`
  ).join(", ");
  const fit = describeFit(d, 0.95);
  return `${d.dist} distribution (${params}): median ${f(fit.median)}, 95% interval ${
    f(fit.low)
  } to ${f(fit.high)}`;
}

const sourceOf = (spec: unknown): string | undefined =>
  spec && typeof spec === "object" && "source" in spec &&
    typeof (spec as { source: unknown }).source === "string"
    ? (spec as { source: string }).source
    : undefined;

/** "Worsening complexity", "Non-elective admissions", "low → middle", or the key in words. */
function effectLabel(key: string): string {
  if (EFFECT_LABELS[key]) return EFFECT_LABELS[key];
  if (key.includes("->")) return key.replace("->", " → ");
  return words(key);
}

/** camelCase or dotted keys in words: "improvingMoves" → "improving moves". */
export function words(key: string): string {
  const text = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[._]/g, " ").toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const isParameter = (v: unknown): v is ParameterSpec =>
  typeof v === "number" ||
  (!!v && typeof v === "object" && ("central" in v || "dist" in v));

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
  if (isParameter(value)) {
    return [{ label, value: describeParameter(value), source: sourceOf(value) }];
  }
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
    return Object.keys(value).flatMap((k) =>
      rowsOf(
        (value as Record<string, unknown>)[k],
        `${label}: ${lowerFirst(effectLabel(k))}`,
        parameters,
      )
    );
  }
  return [{ label, value: String(value) }];
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
          source: sourceOf(u),
        })
      );
    } else {
      rows.push({
        label: "Uptake (every quintile)",
        value: describeParameter(iv.uptake),
        source: sourceOf(iv.uptake),
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
      source: sourceOf(iv.costPerParticipant),
    });
  }
  rows.push({
    label: "Fixed cost per year",
    value: describeParameter(iv.fixedCostPerYear ?? d.fixedCostPerYear, true),
    source: sourceOf(iv.fixedCostPerYear),
  });
  const effects = iv.effects ?? {};
  const effectRows: AssumptionRow[] = [];
  for (const [k, spec] of Object.entries(effects.activity ?? {})) {
    effectRows.push(...rowsOf(spec, `Relative risk: ${lowerFirst(effectLabel(k))}`));
  }
  for (const [k, spec] of Object.entries(effects.transitions ?? {})) {
    effectRows.push(...rowsOf(spec, `Relative risk: ${lowerFirst(effectLabel(k))}`));
  }
  if (effects.death !== undefined) {
    effectRows.push(...rowsOf(effects.death, "Relative risk: death"));
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
        value: `${pct(study.interval ?? STUDY_DEFAULTS.interval)} percentile intervals`,
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
  const extra = study as unknown as Record<string, unknown>;
  if (extra.calibration !== undefined) {
    groups.push({ title: "Calibration", rows: rowsOf(extra.calibration, "Calibration", false) });
  }
  for (const iv of study.interventions ?? []) groups.push(interventionGroup(iv, study));
  return groups;
}
