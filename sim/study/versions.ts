/**
 * Versions of the study format. A study file says which version it is written in
 * (`schemaVersion`; a file without it is version 1, the format before files carried a version).
 * Each version's schema is published in scenarios/schema/vN.json (scenarios/schema.json is the
 * current one). An older file is upgraded step by step to the current version, each step saying
 * what it changed; a file of a version newer than this Careshift knows is refused, since reading
 * it with older rules could silently drop or misread what it says. Every host (command line,
 * server, workbench) upgrades through `upgradeStudy`, so they all read a file the same way.
 *
 * To change the format: bump SCHEMA_VERSION, add the version to SCHEMA_HISTORY and a step to
 * STEPS (even a step that only sets the new version number, when the change only adds optional
 * fields), and run `deno task schema` to publish the new version's schema.
 */
import type { Problem } from "../problems.ts";
import { show } from "../problems.ts";
import { SCHEMA_VERSION } from "./format.ts";

export { SCHEMA_VERSION };

/** Every version of the format, oldest first, with what it introduced. */
export const SCHEMA_HISTORY: readonly { version: number; summary: string }[] = [
  {
    version: 1,
    summary:
      "The format before study files carried a version: population, areas, baseline, interventions, scenarios and assertions (Careshift engine 0.1.0).",
  },
  {
    version: 2,
    summary:
      "Files say their version (schemaVersion, required); every parameter, effect and intervention may carry a rationale beside its source.",
  },
];

/** What an upgrade did: from which version to which, and each change in words. */
export interface Upgrade {
  from: number;
  to: number;
  changes: string[];
}

type StudyObject = Record<string, unknown>;

interface Step {
  from: number;
  /** Changes `study` (a copy the step may modify) and says what it changed. */
  apply(study: StudyObject): string[];
}

/** Sets a top-level key, placed after `$schema` (or first) when it is new. */
function setFirst(study: StudyObject, key: string, value: unknown): StudyObject {
  if (Object.hasOwn(study, key)) {
    study[key] = value;
    return study;
  }
  const entries = Object.entries(study);
  const at = entries[0]?.[0] === "$schema" ? 1 : 0;
  entries.splice(at, 0, [key, value]);
  for (const k of Object.keys(study)) delete study[k];
  Object.assign(study, Object.fromEntries(entries));
  return study;
}

const STEPS: readonly Step[] = [
  {
    from: 1,
    apply(study) {
      setFirst(study, "schemaVersion", 2);
      return [
        "schemaVersion 2 added: the file now says which version of the format it is written in",
        "nothing else needed changing: version 2 only adds optional fields (rationale beside source on parameters, effects and interventions)",
      ];
    },
  },
];

/**
 * The version a parsed study is written in (absent: 1), or the problem with its `schemaVersion`
 * (not a version, or newer than this Careshift).
 */
export function versionOf(value: unknown): { version?: number; problem?: Problem } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { version: 1 };
  const v = Object.hasOwn(value, "schemaVersion")
    ? (value as StudyObject).schemaVersion
    : undefined;
  if (v === undefined) return { version: 1 };
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
    return {
      problem: {
        at: "schemaVersion",
        message: "not a version of the study format",
        found: show(v),
        expected: `a whole number from 1 to ${SCHEMA_VERSION} (a file without it is version 1)`,
      },
    };
  }
  if (v > SCHEMA_VERSION) {
    return {
      problem: {
        at: "schemaVersion",
        message:
          `the study is written in version ${v} of the study format, newer than this Careshift reads (versions 1 to ${SCHEMA_VERSION})`,
        found: String(v),
        expected:
          `a newer Careshift, or the study saved in version ${SCHEMA_VERSION} or older; it was not read with older rules, which could misread it`,
      },
    };
  }
  return { version: v };
}

/**
 * A parsed study upgraded to the current version: a copy (the input is not changed), and what
 * the upgrade did (null when the study was already current). A value that is not an object is
 * passed through for the schema to report.
 */
export function upgradeStudy(
  value: unknown,
): { value?: unknown; upgrade: Upgrade | null; problems: Problem[] } {
  const { version, problem } = versionOf(value);
  if (problem) return { upgrade: null, problems: [problem] };
  if (version === SCHEMA_VERSION || value === null || typeof value !== "object") {
    return { value, upgrade: null, problems: [] };
  }
  const study = structuredClone(value) as StudyObject;
  const changes: string[] = [];
  for (let v = version!; v < SCHEMA_VERSION; v++) {
    const step = STEPS.find((s) => s.from === v);
    if (!step) throw new Error(`no upgrade from version ${v} of the study format`);
    changes.push(...step.apply(study).map((c) => `version ${v} → ${v + 1}: ${c}`));
  }
  return { value: study, upgrade: { from: version!, to: SCHEMA_VERSION, changes }, problems: [] };
}

/** The version a study text is written in, or null when it cannot tell (not JSON, bad version). */
export function textVersion(text: string): number | null {
  try {
    return versionOf(JSON.parse(text)).version ?? null;
  } catch {
    return null;
  }
}
