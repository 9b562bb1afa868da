/**
 * The command line's part of a run's provenance: the host's Deno version (the engine cannot
 * know it), and the `provenance.json` file written beside results.json and summary.csv.
 */
import type { HostFacts } from "../sim/provenance.ts";
import type { Results } from "../sim/summary.ts";

/** What this host adds to every run's provenance. */
export const HOST: HostFacts = { denoVersion: Deno.version.deno };

/** provenance.json: the run's provenance (the same object as results.json's results.provenance). */
export function provenanceFile(results: Results): string {
  return JSON.stringify(results.provenance, null, 1) + "\n";
}
