/**
 * Where a result came from: the study file and CSV as run, the resolved inputs, the engine, the
 * seed and iterations, what varied between iterations, and the host's Deno. Two results with
 * equal provenance are equal; when they differ, `sim diff` names which of these changed.
 *
 * The engine does no I/O, so what only the host knows (its Deno version) is passed in; a host
 * that has no study file (the browser's run worker gets a model) leaves `studyHash` null.
 */
import { canonicalJson, fnv1a64, hashInputs } from "./hash.ts";
import { hashableInput } from "./calibration/posterior.ts";
import { STUDY_DEFAULTS } from "./study/defaults.ts";
import type { ModelInput, UncertaintyMode } from "./types.ts";
import { ENGINE_VERSION } from "./version.ts";

/** What varies between iterations (RunOptions.uncertainty): parameters, or parameters and counts. */
export type Uncertainty = UncertaintyMode;

export interface Provenance {
  /**
   * FNV-1a 64 of the study file's text exactly as run together with its segmentation CSV's
   * text (`studyHash`); null when the engine was handed a model rather than a study file.
   */
  studyHash: string | null;
  /** Hash of the resolved model inputs (defaults filled in): equal inputs, equal hash. */
  inputHash: string;
  engineVersion: string;
  /** Null for a deterministic run (nothing is drawn). */
  seed: number | string | null;
  iterations: number;
  /** "none" for a deterministic run: every parameter at its mean, every count its expectation. */
  uncertainty: Uncertainty | "none";
  /** The host's Deno (Deno.version.deno); null in a browser. */
  denoVersion: string | null;
  /**
   * The posterior a calibrated baseline was drawn from (sim calibrate): the hash of its file's
   * text, so a refitted posterior shows as a reason in `sim diff`. Absent when nothing is
   * calibrated.
   */
  calibration?: { posteriorHash: string };
}

/** The facts a host adds to a run's provenance (the rest the engine knows itself). */
export interface HostFacts {
  /** Deno.version.deno where the host is Deno. */
  denoVersion?: string;
}

/** The hash of a study file's text and of its CSV's text (null for the example place). */
export function studyHash(studyText: string, csvText: string | null): string {
  return fnv1a64(canonicalJson({ study: studyText, csv: csvText }));
}

/**
 * The hash of resolved model inputs (`inputHash`): a posterior counts by its file's hash and the
 * parameters it calibrates, not its draws (one hash of the file already covers them). Every host
 * that checks results against inputs uses this.
 */
export function modelInputHash(input: ModelInput): string {
  return hashInputs(hashableInput(input));
}

/** What a run's provenance takes from outside the summary: the study, the options, the host. */
export interface RunFacts {
  studyHash?: string | null;
  uncertainty?: Uncertainty;
  denoVersion?: string | null;
}

export interface ProvenanceParts extends RunFacts {
  inputHash: string;
  /** The model's posterior, when calibrated (the engine knows it; no host passes it). */
  calibration?: { posteriorHash: string };
  seed: number | string | null;
  iterations: number;
  deterministic: boolean;
}

/** The provenance of one run, in a fixed key order (so equal runs write equal bytes). */
export function provenance(parts: ProvenanceParts): Provenance {
  const out: Provenance = {
    studyHash: parts.studyHash ?? null,
    inputHash: parts.inputHash,
    engineVersion: ENGINE_VERSION,
    seed: parts.seed,
    iterations: parts.iterations,
    uncertainty: parts.deterministic ? "none" : parts.uncertainty ?? STUDY_DEFAULTS.uncertainty,
    denoVersion: parts.denoVersion ?? null,
  };
  if (parts.calibration) out.calibration = { posteriorHash: parts.calibration.posteriorHash };
  return out;
}
