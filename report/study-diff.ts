/**
 * What changed between the inputs of two runs, readably: settings, population and its CSV,
 * baseline overrides, interventions (added, removed, each field and parameter changed, by id),
 * scenarios (by name) and assertions — from the study texts the runs kept (their snapshots),
 * each upgraded to the current format first, so a change of format version alone is no change.
 * Values left to their default compare equal to the default written out. A change of a source,
 * assumption or rationale is listed as a note: it does not reach the model.
 */
import { parseStudy } from "../sim/study/parse.ts";
import { studyHash } from "../sim/provenance.ts";
import { type ParameterRow, parameterRows } from "./parameter-rows.ts";

export interface InputChange {
  section: string;
  /** The intervention, scenario or other item it belongs to. */
  item: string;
  path: string;
  kind: "added" | "removed" | "changed";
  /** "value": part of the model (or a name, description or logic model); "note": source etc. */
  what: "value" | "note";
  /** Whether the model's numbers or structure changed (false for names, descriptions, notes). */
  model: boolean;
  old: string | null;
  new: string | null;
}

export interface StudyDiff {
  changes: InputChange[];
  /** Changes that reach the model. */
  modelChanges: number;
  /** The study texts' format versions, as written. */
  versions: { old: number; new: number };
  /** Whether the CSV tables differ (by text). */
  csvChanged: boolean;
  /** One line per kind of change, for a summary. */
  summary: string[];
}

export interface StudyInputs {
  studyText: string;
  csvText: string | null;
}

const NOTES = ["source", "assumption", "rationale"] as const;

function csvDescription(csv: string | null): string {
  if (csv === null) return "the example place (built in)";
  const rows = csv.trim().split("\n").length - 1;
  return `${rows.toLocaleString("en-GB")} rows, hash ${studyHash("", csv)}`;
}

function versionOf(upgrade: { from: number } | null | undefined, text: string): number {
  if (upgrade) return upgrade.from;
  try {
    const v = JSON.parse(text).schemaVersion;
    return typeof v === "number" ? v : 1;
  } catch {
    return 1;
  }
}

/** The readable diff of two runs' inputs, or the problems reading either study. */
export function diffStudies(
  old: StudyInputs,
  now: StudyInputs,
): { diff?: StudyDiff; problems: string[] } {
  const a = parseStudy(old.studyText);
  const b = parseStudy(now.studyText);
  const problems = [
    ...a.problems.map((p) => `old study: ${p.at}: ${p.message}`),
    ...b.problems.map((p) => `new study: ${p.at}: ${p.message}`),
  ];
  if (!a.study || !b.study) return { problems };
  const before = new Map(parameterRows(a.study).map((r) => [r.path, r]));
  const after = new Map(parameterRows(b.study).map((r) => [r.path, r]));
  const changes: InputChange[] = [];
  const change = (
    r: ParameterRow,
    kind: InputChange["kind"],
    what: InputChange["what"],
    path: string,
    x: string | null,
    y: string | null,
  ) =>
    changes.push({
      section: r.section,
      item: r.item,
      path,
      kind,
      what,
      model: what === "value" && r.model,
      old: x,
      new: y,
    });
  for (const [path, r] of before) {
    const s = after.get(path);
    if (!s) {
      change(r, "removed", "value", path, r.value, null);
      continue;
    }
    if (r.value !== s.value) change(s, "changed", "value", path, r.value, s.value);
    for (const k of NOTES) {
      if (r[k] !== s[k]) {
        change(
          s,
          r[k] ? (s[k] ? "changed" : "removed") : "added",
          "note",
          `${path} (${k})`,
          r[k] || null,
          s[k] || null,
        );
      }
    }
  }
  for (const [path, s] of after) {
    if (!before.has(path)) change(s, "added", "value", path, null, s.value);
  }
  const csvChanged = (old.csvText ?? null) !== (now.csvText ?? null);
  if (csvChanged) {
    changes.push({
      section: "Population",
      item: "Segmentation table",
      path: "population (CSV)",
      kind: "changed",
      what: "value",
      model: true,
      old: csvDescription(old.csvText),
      new: csvDescription(now.csvText),
    });
  }
  const versions = {
    old: versionOf(a.upgrade, old.studyText),
    new: versionOf(b.upgrade, now.studyText),
  };
  const modelChanges = changes.filter((c) => c.model).length;
  const count = (f: (c: InputChange) => boolean) => changes.filter(f).length;
  const summary: string[] = [];
  if (changes.length === 0) {
    summary.push("The inputs are the same (after upgrading both to the current format).");
  } else {
    summary.push(
      `${changes.length} change${
        changes.length === 1 ? "" : "s"
      } to the inputs: ${modelChanges} to the model, ${
        count((c) => c.what === "note")
      } to sources, assumptions or rationale, ${
        count((c) => c.what === "value" && !c.model)
      } to names, descriptions or logic models.`,
    );
    // An intervention's first row has the intervention's own path: interventions.<id>.
    const whole = (kind: InputChange["kind"]) =>
      changes.filter((c) => c.kind === kind && /^interventions\.[^.]+$/.test(c.path))
        .map((c) => c.item);
    const added = whole("added");
    const removed = whole("removed");
    if (added.length) summary.push(`Interventions added: ${added.join(", ")}.`);
    if (removed.length) summary.push(`Interventions removed: ${removed.join(", ")}.`);
    if (csvChanged) summary.push("The segmentation table (CSV) changed.");
  }
  if (versions.old !== versions.new) {
    summary.push(
      `The study files are written in format versions ${versions.old} and ${versions.new}; both were compared upgraded to the current version.`,
    );
  }
  return { diff: { changes, modelChanges, versions, csvChanged, summary }, problems: [] };
}
