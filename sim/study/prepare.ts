/**
 * From study text to a prepared model: parse, schema-check, read the segmentation (the example
 * place, or CSV text the caller has read), semantic checks, resolve defaults, prepare the model
 * and check that every assertion names a measure that exists. No I/O: the caller reads files.
 * Every problem is collected; the caller gets either a prepared study or the full list.
 */
import { assertableMeasures } from "../assertions.ts";
import { EXAMPLE_PLACE_CSV } from "../example-place.ts";
import { type Model, prepareModel } from "../model.ts";
import { InputError, type Problem } from "../problems.ts";
import { parseSegmentation } from "../segmentation.ts";
import { checkStudy } from "./check.ts";
import type { Study } from "./format.ts";
import { parseStudy } from "./parse.ts";
import { resolveStudy } from "./resolve.ts";
import type { ModelInput, RunOptions, SegmentRow } from "../types.ts";
import { suggest } from "../validate.ts";
import { matchingKeys } from "../value/groups.ts";
import { studyHash } from "../provenance.ts";
import type { Upgrade } from "./versions.ts";
import { buildRegistry } from "../parameters.ts";
import { type CalibrationTarget, DEFAULT_CALIBRATED } from "../calibration/format.ts";
import { checkTargets, parseTargetsFile } from "../calibration/targets.ts";
import {
  calibratedKeys,
  calibrationHash,
  parsePosterior,
  posteriorProblems,
} from "../calibration/posterior.ts";

/** The files a study may name: its segmentation CSV, a targets file, a posterior file. */
export type FileKind = "population" | "targets" | "posterior";

/** Reads a file a study names (path as written, relative to the study), or says why not. */
export type ReadFile = (path: string, kind: FileKind) => { text?: string; problem?: Problem };

/** A study's calibration, resolved: its targets, the keys it fits and its posterior file. */
export interface PreparedCalibration {
  targets: CalibrationTarget[];
  keys: string[];
  /** The posterior file as the study names it. */
  posterior: string;
  /** The hash a posterior fitted to these inputs carries. */
  hash: string;
}

export interface PreparedStudy {
  study: Study;
  input: ModelInput;
  options: RunOptions;
  model: Model;
  /** Hash of the study text and its CSV's text as read (sim/provenance.ts). */
  studyHash: string;
  /** The version of the format the text is written in (versions.ts). */
  schemaVersion: number;
  /** What upgrading the text to the current format changed; null when it was current. */
  upgrade: Upgrade | null;
  calibration?: PreparedCalibration;
}

export interface PrepareOptions {
  /** "use" (default): read the posterior and run on it; "skip": leave it out (sim calibrate). */
  posterior?: "use" | "skip";
  /** How a fix names the study file, e.g. "deno task sim calibrate scenarios/x.json". */
  studyPath?: string;
}

/**
 * `read` returns the text of a file the study names — its segmentation CSV (only for
 * `population.source = "csv"`), its calibration targets file and its posterior file — or a
 * problem saying why it cannot.
 * `beforePrepare`, when given, sees the resolved input before the model is prepared and may
 * refuse it (e.g. a run over the host's work budget, sim/work.ts).
 */
export function prepareStudy(
  text: string,
  read: ReadFile,
  beforePrepare?: (input: ModelInput, options: RunOptions) => Problem[],
  prepare: PrepareOptions = {},
): { loaded?: PreparedStudy; problems: Problem[] } {
  const { study, problems, upgrade = null } = parseStudy(text);
  if (!study) return { problems };
  let csv = EXAMPLE_PLACE_CSV;
  let csvFile: string | undefined;
  if (study.population?.source === "csv") {
    if (!study.population.path) {
      return { problems: [{ at: "population.path", message: "a CSV population needs a path" }] };
    }
    const got = read(study.population.path, "population");
    if (got.text === undefined) {
      return {
        problems: [got.problem ?? { at: "population.path", message: "cannot read the CSV" }],
      };
    }
    csv = got.text;
    csvFile = study.population.path;
  }
  const seg = parseSegmentation(csv);
  if (seg.problems.length) {
    return { problems: seg.problems.map((p) => ({ ...p, file: csvFile ?? p.file })) };
  }
  const semantic = checkStudy(study, seg.segments);
  if (semantic.length) return { problems: semantic };
  const { input, options } = resolveStudy(study, seg.segments);
  let calibration: PreparedCalibration | undefined;
  if (study.calibration) {
    const c = calibrateSection(study, seg.segments, input, read, prepare);
    if (c.problems.length) return { problems: c.problems };
    calibration = c.calibration;
  }
  const refused = beforePrepare?.(input, options) ?? [];
  if (refused.length) return { problems: refused };
  let model: Model;
  try {
    model = prepareModel(input);
  } catch (error) {
    if (error instanceof InputError) return { problems: error.problems };
    throw error;
  }
  const measures: string[] = assertableMeasures(model);
  const measureProblems: Problem[] = [];
  (study.assertions ?? []).forEach((a, i) => {
    if (!measures.includes(a.measure)) {
      measureProblems.push({
        at: `assertions[${i}].measure`,
        message: "unknown measure",
        found: JSON.stringify(a.measure),
        expected:
          "a measure such as discounted.cost.total, activity.nonElective or sii.nonElective",
        suggestion: suggest(a.measure, measures),
      });
    }
  });
  // EVPPI groups name parameters of the registry, which exists only now.
  (study.value?.evppi ?? []).forEach((g, i) =>
    g.parameters.forEach((pattern, j) => {
      if (matchingKeys(pattern, model.registry.keys).length) return;
      measureProblems.push({
        at: `value.evppi[${i}].parameters[${j}]`,
        message: "matches no parameter",
        found: JSON.stringify(pattern),
        expected:
          'a parameter key such as deathRate.75+ or a pattern such as "interventions.*.effects.*" (sim resolve lists them)',
        suggestion: suggest(pattern, model.registry.keys),
      });
    })
  );
  if (measureProblems.length) return { problems: measureProblems };
  return {
    loaded: {
      study,
      input,
      options,
      model,
      calibration,
      studyHash: studyHash(text, csvFile ? csv : null),
      schemaVersion: upgrade?.from ?? study.schemaVersion ?? 1,
      upgrade,
    },
    problems: [],
  };
}

/**
 * The calibration section: its targets (inline or from their file) checked against the
 * segmentation, the keys it fits, and — unless skipped — its posterior, which must have been
 * fitted to these very inputs; the posterior's draws go into the model input.
 */
function calibrateSection(
  study: Study,
  segments: SegmentRow[],
  input: ModelInput,
  read: ReadFile,
  prepare: PrepareOptions,
): { calibration?: PreparedCalibration; problems: Problem[] } {
  const c = study.calibration!;
  const fix = `deno task sim calibrate ${prepare.studyPath ?? "STUDY"}`;
  let targets: CalibrationTarget[];
  let file: string | undefined;
  if (typeof c.targets === "string") {
    file = c.targets;
    const got = read(c.targets, "targets");
    if (got.text === undefined) {
      return {
        problems: [{
          ...(got.problem ?? { at: "calibration.targets", message: "cannot read the file" }),
          file: got.problem?.file ?? c.targets,
        }],
      };
    }
    const parsed = parseTargetsFile(got.text);
    if (!parsed.targets) return { problems: parsed.problems.map((p) => ({ ...p, file })) };
    targets = parsed.targets;
  } else targets = c.targets;
  const bands = [...new Set(segments.map((s) => s.ageBand))];
  const levels = [...new Set(segments.map((s) => s.complexity))];
  const targetProblems = checkTargets(
    targets,
    bands,
    levels,
    file ? "targets" : "calibration.targets",
  ).map((p) => (file ? { ...p, file } : p));
  const registry = buildRegistry(input.parameters, []);
  const { keys, problems } = calibratedKeys(
    registry,
    c.parameters ?? DEFAULT_CALIBRATED,
    c.parameters ? "calibration.parameters" : "calibration",
    c.parameters !== undefined,
  );
  problems.unshift(...targetProblems);
  if (problems.length) return { problems };
  const hash = calibrationHash(input, targets, keys);
  const calibration = { targets, keys, posterior: c.posterior, hash };
  if (prepare.posterior === "skip") return { calibration, problems: [] };
  const got = read(c.posterior, "posterior");
  if (got.text === undefined) {
    const p = got.problem ?? { at: "calibration.posterior", message: "cannot read the file" };
    return {
      problems: [{
        ...p,
        file: p.file ?? c.posterior,
        message: `${p.message} — fit the posterior with "${fix}"`,
      }],
    };
  }
  const posterior = parsePosterior(got.text);
  if (!posterior.file) {
    return { problems: posterior.problems.map((p) => ({ ...p, file: p.file ?? c.posterior })) };
  }
  const stale = posteriorProblems(
    posterior.file,
    hash,
    keys,
    "calibration.posterior",
    prepare.studyPath ?? "STUDY",
  );
  if (stale.length) return { problems: stale };
  input.posterior = {
    hash: posterior.hash!,
    parameters: posterior.file.parameters,
    draws: posterior.file.draws,
  };
  return { calibration, problems: [] };
}
