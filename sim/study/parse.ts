/**
 * Study text to a study: JSON parsing (a syntax error becomes a problem with line and column)
 * and validation against the schema. Checks that need the segmentation are in check.ts.
 */
import { jsonErrorOffset } from "../json-position.ts";
import type { Problem } from "../problems.ts";
import { validateAgainst } from "../validate.ts";
import { STUDY_DEFAULTS } from "./defaults.ts";
import type { Study } from "./format.ts";
import { MAX_STUDY_BYTES, STUDY_SCHEMA } from "./schema.ts";
import { type Upgrade, upgradeStudy } from "./versions.ts";

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** Parses JSON text; a syntax error becomes a problem with line and column. */
export function parseJson(
  text: string,
  maxBytes = MAX_STUDY_BYTES,
): { value?: unknown; problems: Problem[] } {
  if (text.length > maxBytes) {
    return {
      problems: [{
        at: "(file)",
        message: "the file is too large",
        found: `${text.length} characters`,
        expected: `at most ${maxBytes}`,
      }],
    };
  }
  if (text.trim() === "") {
    return {
      problems: [{ at: "(file)", message: "the file is empty", expected: "a study (JSON)" }],
    };
  }
  try {
    return { value: JSON.parse(text), problems: [] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = jsonErrorOffset(text);
    let where = "(file)";
    if (offset >= 0) {
      const p = lineColumn(text, offset);
      where = `line ${p.line}, column ${p.column}`;
    }
    const hint = /\bNaN\b|\bInfinity\b/.test(text)
      ? "; NaN and Infinity are not JSON numbers — write a finite number"
      : "";
    return {
      problems: [{
        at: where,
        message: `malformed JSON: ${message.replace(/^JSON\.parse: /, "")}${hint}`,
        expected: "valid JSON",
      }],
    };
  }
}

/**
 * Parses, upgrades (an older version of the format is upgraded to the current one, versions.ts)
 * and schema-checks a study; semantic checks need the segmentation (checkStudy). `upgrade` says
 * what the upgrade changed (null when the file was current).
 */
export function parseStudy(
  text: string,
): { study?: Study; problems: Problem[]; upgrade?: Upgrade | null } {
  const parsed = parseJson(text);
  if (parsed.problems.length) return { problems: parsed.problems };
  const upgraded = upgradeStudy(parsed.value);
  if (upgraded.problems.length) return { problems: upgraded.problems };
  const problems = validateAgainst(upgraded.value, STUDY_SCHEMA);
  if (problems.length) return { problems };
  fillEstimateLevels(upgraded.value);
  return { study: upgraded.value as Study, problems: [], upgrade: upgraded.upgrade };
}

/** Applies the schema's documented default coverage to every estimate written without a level. */
function fillEstimateLevels(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) fillEstimateLevels(item);
  } else if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (Object.hasOwn(obj, "central") && !Object.hasOwn(obj, "level")) {
      obj.level = STUDY_DEFAULTS.estimateLevel;
    }
    for (const key of Object.keys(obj)) fillEstimateLevels(obj[key]);
  }
}

/** The indentation a JSON text uses (two spaces when it cannot tell). */
function indentOf(text: string): string | number {
  const m = /\n([ \t]+)"/.exec(text);
  return m ? m[1] : 2;
}

/**
 * Study text upgraded to the current version (`sim upgrade`): the new text (the same text when
 * it was current already) and what changed, or the problems that stop it (malformed JSON, a
 * version newer than this Careshift). An upgraded file is written in standard JSON layout with
 * the file's own indentation; numbers keep their values ("1.0" is written "1").
 */
export function upgradeStudyText(
  text: string,
): { text?: string; upgrade: Upgrade | null; problems: Problem[] } {
  const parsed = parseJson(text);
  if (parsed.problems.length) return { upgrade: null, problems: parsed.problems };
  const { value, upgrade, problems } = upgradeStudy(parsed.value);
  if (problems.length) return { upgrade: null, problems };
  if (!upgrade) return { text, upgrade: null, problems: [] };
  return { text: JSON.stringify(value, null, indentOf(text)) + "\n", upgrade, problems: [] };
}
