/** One sentence saying where a run's results came from, for the report and the diff. */
import type { Provenance } from "../sim/provenance.ts";
import { count } from "./format.ts";

const UNCERTAINTY: Record<Provenance["uncertainty"], string> = {
  "parameters+counts": "parameters and counts drawn",
  "parameters": "parameters drawn, counts at their expectations",
  "none": "none (deterministic)",
};

/** The uncertainty mode in words. */
export function uncertaintyText(u: Provenance["uncertainty"] | string): string {
  return UNCERTAINTY[u as Provenance["uncertainty"]] ?? String(u);
}

/** "Provenance: study file …, inputs …, engine …, Deno …, seed …, N iterations, uncertainty …." */
export function provenanceText(p: Provenance): string {
  const parts = [
    p.studyHash === null ? "no study file" : `study file and CSV ${p.studyHash}`,
    `inputs ${p.inputHash}`,
    `engine ${p.engineVersion}`,
    p.denoVersion === null ? "not run by Deno" : `Deno ${p.denoVersion}`,
    `seed ${p.seed === null ? "none" : String(p.seed)}`,
    `${count(p.iterations)} iteration${p.iterations === 1 ? "" : "s"}`,
    `uncertainty: ${uncertaintyText(p.uncertainty)}`,
  ];
  if (p.calibration) parts.push(`calibrated, posterior ${p.calibration.posteriorHash}`);
  return `Provenance: ${parts.join("; ")}.`;
}
