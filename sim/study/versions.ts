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
      "Files say their version (schemaVersion, required); every parameter, effect and intervention may carry a rationale beside its source; a calibration section (targets, the parameters fitted and the posterior runs use); baseline mortalityMultiplier; baseline ageingRate removed (people age through five-year age groups).",
  },
  {
    version: 3,
    summary:
      "Optional providers section (providers and how each sector's cost splits between them, overall or by age band, complexity level or area) and budgets section (cohorts, a capitated budget, risk/gain-share agreements, who funds each intervention).",
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

const isObject = (v: unknown): v is StudyObject =>
  v !== null && typeof v === "object" && !Array.isArray(v);

const STEPS: readonly Step[] = [
  {
    from: 1,
    apply(study) {
      setFirst(study, "schemaVersion", 2);
      const changes = [
        "schemaVersion 2 added: the file now says which version of the format it is written in",
      ];
      const baseline = Object.hasOwn(study, "baseline") ? study.baseline : undefined;
      if (isObject(baseline) && Object.hasOwn(baseline, "ageingRate")) {
        // Version 2 ages people through five-year age groups inside each band at 1 / (group
        // width) a year: a rate per band has nothing left to set, so it goes, said plainly.
        delete baseline.ageingRate;
        changes.push(
          "baseline.ageingRate removed: people now age through five-year age groups inside each age band, at 1 / (group width) a year from the national age structure (docs/model.md section 3); the band ageing rates it gave are not used — check the population by age band the study now projects",
        );
      }
      if (
        isObject(baseline) && Object.hasOwn(baseline, "improvingMoves") &&
        baseline.improvingMoves === "balanced"
      ) {
        changes.push(
          'baseline.improvingMoves "balanced" kept: it still holds each more complex level at its year-0 size in year 1 (now by age group), but it is not calibration — add a "calibration" section (targets and a posterior fitted with sim calibrate) to fit the baseline to declared targets instead (docs/model.md section 3)',
        );
      }
      if (isObject(baseline) && Object.hasOwn(baseline, "deathRate")) {
        changes.push(
          "baseline.deathRate kept, read as each band's year-0 average: it now scales the national death curve by age inside the band (docs/model.md section 3)",
        );
      }
      if (changes.length === 1) {
        changes.push(
          "nothing else needed changing: the rest of version 2 is optional (rationale beside source, a calibration section, a mortality multiplier)",
        );
      }
      return changes;
    },
  },
  {
    from: 2,
    apply(study) {
      setFirst(study, "schemaVersion", 3);
      return [
        "schemaVersion 3: nothing else needed changing (providers and budgets are new, optional sections)",
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
