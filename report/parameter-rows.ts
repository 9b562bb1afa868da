/**
 * A study's inputs as rows, one per value entered: settings, population, baseline overrides,
 * each intervention's fields and parameters (every effect, modifier and uptake by quintile),
 * scenarios and assertions — each with its JSON-like path (interventions by id, scenarios by
 * name, so two versions of a study line up), its value in words, the numbers of its interval,
 * and its source, assumption and rationale (an intervention's own source and rationale are on
 * its first row, whose path is the intervention's, e.g. interventions.falls-exercise). The
 * workbook's assumptions sheet lists them and the input diff compares them. Parameters are worded
 * as everywhere else (parameter-text.ts). Sections this module does not know (added by later
 * versions of the format) are listed field by field, so nothing entered is left out.
 */
import { STUDY_DEFAULTS } from "../sim/study/defaults.ts";
import type { Study, StudyIntervention } from "../sim/study/format.ts";
import { isParameter, NOTE_KEYS, noteOf, parameterParts, plainNumber } from "./parameter-text.ts";

export interface ParameterRow {
  section: string;
  /** What the row belongs to: an intervention's or scenario's name, "Study", "Baseline". */
  item: string;
  /** Where the value is in the study, e.g. interventions.falls-exercise.effects.activity.ae.rr */
  path: string;
  /** The value in words, e.g. "0.78 (0.51 to 1.18, 95% interval; lognormal distribution fitted)". */
  value: string;
  /** Whether the value was left out of the study and is the format's default. */
  isDefault: boolean;
  /** Whether the value is part of the model (false for names, descriptions and notes). */
  model: boolean;
  central: number | null;
  low: number | null;
  high: number | null;
  /** Coverage of [low, high]. */
  level: number | null;
  /** "fixed", a distribution ("beta(alpha 2, beta 5)"), or the family fitted to an estimate. */
  distribution: string;
  source: string;
  assumption: string;
  rationale: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  v !== null && typeof v === "object" && !Array.isArray(v);
const own = (o: Json, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);
const note = (o: unknown, k: "source" | "assumption" | "rationale") => noteOf(o, k);

/** A value that is not a parameter, in words: lists joined, objects as key value pairs. */
function plainValue(v: unknown): string {
  if (v === null) return "none";
  if (typeof v === "number") return plainNumber(v);
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (Array.isArray(v)) return v.map(plainValue).join(", ");
  return JSON.stringify(v);
}

class Rows {
  list: ParameterRow[] = [];
  constructor(private section: string, private item: string) {}

  /** A parameter (or effect written out) at `path`; `money` for costs (£). */
  parameter(path: string, v: unknown, notesFrom: unknown = v, money = false): void {
    const parts = parameterParts(v, money);
    this.list.push({
      section: this.section,
      item: this.item,
      path,
      isDefault: false,
      model: true,
      ...parts,
      source: note(v, "source") || note(notesFrom, "source"),
      assumption: note(v, "assumption") || note(notesFrom, "assumption"),
      rationale: note(v, "rationale") || note(notesFrom, "rationale"),
    });
  }

  /** A plain value; `fallback` is the default shown when the study leaves it out. */
  value(
    path: string,
    v: unknown,
    options: { fallback?: unknown; model?: boolean; notes?: unknown } = {},
  ): void {
    const missing = v === undefined;
    if (missing && !Object.hasOwn(options, "fallback")) return;
    const shown = missing ? options.fallback : v;
    this.list.push({
      section: this.section,
      item: this.item,
      path,
      value: plainValue(shown),
      isDefault: missing,
      model: options.model ?? true,
      central: typeof shown === "number" ? shown : null,
      low: null,
      high: null,
      level: null,
      distribution: "",
      source: note(options.notes, "source"),
      assumption: note(options.notes, "assumption"),
      rationale: note(options.notes, "rationale"),
    });
  }

  /** Every leaf under `v`: parameters as parameters, the rest as values. */
  walk(path: string, v: unknown): void {
    if (isParameter(v)) return this.parameter(path, v);
    if (isObject(v) && Object.hasOwn(v, "rr")) return this.effect(path, v);
    if (isObject(v)) {
      for (const k of Object.keys(v)) {
        if (!NOTE_KEYS.has(k)) this.walk(`${path}.${k}`, v[k]);
      }
      return;
    }
    this.value(path, v);
  }

  /** An effect: its relative risk (with the effect's notes), what it applies to, modifiers. */
  effect(path: string, e: unknown): void {
    if (!isObject(e) || !Object.hasOwn(e, "rr")) return this.parameter(path, e);
    this.parameter(`${path}.rr`, own(e, "rr"), e);
    this.value(`${path}.appliesTo`, own(e, "appliesTo"), {
      fallback: STUDY_DEFAULTS.effectAppliesTo,
    });
    if (own(e, "share") !== undefined) this.parameter(`${path}.share`, own(e, "share"));
    if (own(e, "modifiers") !== undefined) this.walk(`${path}.modifiers`, own(e, "modifiers"));
  }
}

function interventionRows(iv: StudyIntervention): ParameterRow[] {
  const r = new Rows("Intervention", iv.name);
  const at = `interventions.${iv.id}`;
  const d = STUDY_DEFAULTS.intervention;
  // The intervention itself: its name, with its source and rationale.
  r.value(at, iv.name, { model: false, notes: iv });
  r.value(`${at}.description`, iv.description, { model: false });
  r.value(`${at}.payer`, iv.payer);
  r.value(`${at}.variantOf`, iv.variantOf);
  const target = isObject(iv.target) ? iv.target : {};
  for (const k of ["ageBands", "complexity", "quintiles", "areas"]) {
    r.value(`${at}.target.${k}`, own(target, k), { fallback: "all" });
  }
  if (Array.isArray(iv.uptake)) {
    iv.uptake.forEach((u, q) => r.parameter(`${at}.uptake.Q${q + 1}`, u));
  } else if (iv.uptake !== undefined) r.parameter(`${at}.uptake`, iv.uptake);
  r.value(`${at}.capacity`, iv.capacity, { fallback: d.capacity });
  r.value(`${at}.targeting`, iv.targeting, { fallback: d.targeting });
  r.value(`${at}.startYear`, iv.startYear, { fallback: d.startYear });
  r.value(`${at}.rampUpYears`, iv.rampUpYears, { fallback: d.rampUpYears });
  r.value(`${at}.durationYears`, iv.durationYears, { fallback: d.durationYears });
  r.value(`${at}.decayPerYear`, iv.decayPerYear, { fallback: d.decayPerYear });
  if (iv.costPerParticipant !== undefined) {
    r.parameter(`${at}.costPerParticipant`, iv.costPerParticipant, iv.costPerParticipant, true);
  }
  if (iv.fixedCostPerYear !== undefined) {
    r.parameter(`${at}.fixedCostPerYear`, iv.fixedCostPerYear, iv.fixedCostPerYear, true);
  } else r.value(`${at}.fixedCostPerYear`, undefined, { fallback: d.fixedCostPerYear });
  const effects = isObject(iv.effects) ? iv.effects as Json : {};
  for (const group of Object.keys(effects)) {
    const g = effects[group];
    if (group === "death") {
      r.effect(`${at}.effects.death`, g);
    } else if (isObject(g)) {
      for (const k of Object.keys(g)) r.effect(`${at}.effects.${group}.${k}`, g[k]);
    }
  }
  // Fields added by later versions of the format.
  const known = new Set([
    "id",
    "name",
    "description",
    "source",
    "rationale",
    "payer",
    "variantOf",
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
  for (const k of Object.keys(iv)) {
    if (!known.has(k)) r.walk(`${at}.${k}`, (iv as unknown as Json)[k]);
  }
  return r.list;
}

const SETTINGS: [keyof Study, unknown][] = [
  ["horizonYears", STUDY_DEFAULTS.horizonYears],
  ["cyclesPerYear", STUDY_DEFAULTS.cyclesPerYear],
  ["iterations", STUDY_DEFAULTS.iterations],
  ["seed", STUDY_DEFAULTS.seed],
  ["discountRate", STUDY_DEFAULTS.discountRate],
  ["interval", STUDY_DEFAULTS.interval],
  ["uncertainty", STUDY_DEFAULTS.uncertainty],
];

/** Every input of a (parsed, upgraded) study as rows, in the study's order. */
export function parameterRows(study: Study): ParameterRow[] {
  const rows: ParameterRow[] = [];
  const s = new Rows("Settings", "Study");
  s.value("name", study.name, { model: false });
  s.value("description", study.description, { model: false });
  for (const [k, fallback] of SETTINGS) s.value(k, study[k], { fallback });
  rows.push(...s.list);
  const p = new Rows("Population", study.population?.name ?? "Population");
  p.value("population.source", study.population?.source, { fallback: "example" });
  p.value("population.path", study.population?.path);
  p.value("population.name", study.population?.name, { model: false });
  if (study.areas) p.walk("areas", study.areas);
  rows.push(...p.list);
  if (study.baseline) {
    const b = new Rows("Baseline", "Baseline");
    b.walk("baseline", study.baseline);
    rows.push(...b.list);
  }
  for (const iv of study.interventions ?? []) rows.push(...interventionRows(iv));
  for (const sc of study.scenarios) {
    const r = new Rows("Scenario", sc.name);
    const at = `scenarios.${sc.name}`;
    r.value(`${at}.interventions`, sc.interventions, { fallback: [] });
    r.value(`${at}.description`, sc.description, { model: false });
    if (sc.logicModel) {
      for (const [k, v] of Object.entries(sc.logicModel)) {
        r.value(`${at}.logicModel.${k}`, v, { model: false });
      }
    }
    for (const o of sc.outcomes ?? []) {
      r.value(`${at}.outcomes.${o.measure}`, o.lifeStage, { model: false });
    }
    rows.push(...r.list);
  }
  (study.assertions ?? []).forEach((a, i) => {
    const r = new Rows("Assertion", a.name ?? `Assertion ${i + 1}`);
    const { reason: _, name: __, ...condition } = a;
    r.value(`assertions.${a.name ?? i + 1}`, JSON.stringify(condition), { model: false });
    if (a.reason) r.list.at(-1)!.rationale = a.reason;
    rows.push(...r.list);
  });
  // Top-level sections added by later versions of the format (e.g. calibration, health).
  const known = new Set([
    "$schema",
    "schemaVersion",
    "name",
    "description",
    "population",
    "areas",
    "baseline",
    "interventions",
    "scenarios",
    "assertions",
    ...SETTINGS.map(([k]) => k),
  ]);
  for (const k of Object.keys(study)) {
    if (known.has(k)) continue;
    const r = new Rows(k, k);
    r.walk(k, (study as unknown as Json)[k]);
    rows.push(...r.list);
  }
  return rows;
}
