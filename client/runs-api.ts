/**
 * The browser's calls for saved runs: a run's results (with its assertions and split by
 * intervention when kept), its snapshot, sign-off, two runs compared, and the workbook of the run
 * on screen. Writes go through postJson (which asks for the server's token).
 */
import type { RunMeta, RunSnapshot } from "../server/store.ts";
import type { RunComparison } from "../server/compare-runs.ts";
import type { Results } from "../sim/summary.ts";
import type { AssertionOutcome } from "../sim/assertions.ts";
import type { ScenarioDecomposition } from "../sim/shapley.ts";
import { download } from "./download.ts";
import { postJson } from "./http.ts";

export type { RunComparison, RunMeta, RunSnapshot };

/** The first problem message of a refused request. */
async function why(res: Response): Promise<string> {
  try {
    const body = await res.json();
    return body.messages?.[0] ?? body.problems?.[0]?.message ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

/** A finished run: its results and what came with them (what a report or a save needs of it). */
export interface RunBundle {
  results: Results;
  assertions?: AssertionOutcome[];
  decompositions?: ScenarioDecomposition[];
}

/** A kept run as the server gives it back: a bundle, or (kept by older clients) results alone. */
export function asBundle(json: unknown): RunBundle {
  const j = json as Partial<RunBundle> & Results;
  return j && typeof j === "object" && "results" in j && j.results
    ? { results: j.results, assertions: j.assertions, decompositions: j.decompositions }
    : { results: j as Results };
}

/** A kept run's results with its assertions and split (null if it cannot be read). */
export async function fetchRunBundle(studyId: string, runId: string): Promise<RunBundle | null> {
  const res = await fetch(`/api/studies/${studyId}/runs?run=${runId}`);
  return res.ok ? asBundle(await res.json()) : null;
}

/** A kept run's snapshot (null when kept before snapshots) and results, or why not. */
export async function openRun(
  studyId: string,
  runId: string,
): Promise<{ snapshot?: RunSnapshot | null; bundle?: RunBundle; error?: string }> {
  const [meta, results] = await Promise.all([
    fetch(`/api/studies/${studyId}/runs/${runId}`),
    fetch(`/api/studies/${studyId}/runs?run=${runId}`),
  ]);
  if (!meta.ok) return { error: await why(meta) };
  if (!results.ok) return { error: await why(results) };
  return { snapshot: (await meta.json()).snapshot, bundle: asBundle(await results.json()) };
}

export async function signOffRun(
  studyId: string,
  runId: string,
  body: { by: string; note: string; supersedes: string | null },
): Promise<{ run?: RunMeta; error?: string }> {
  const res = await postJson(`/api/studies/${studyId}/runs/${runId}/final`, body);
  return res.status === 201 ? { run: await res.json() } : { error: await why(res) };
}

export async function compareRuns(
  old: string,
  now: string,
): Promise<{ comparison?: RunComparison; error?: string }> {
  const res = await fetch(`/api/compare?old=${old}&new=${now}`);
  return res.ok ? { comparison: await res.json() } : { error: await why(res) };
}

/**
 * Downloads the workbook of the run on screen with its assertions (written on the server from
 * the study sent); a saved run's own workbook is GET …/runs/:run/workbook.
 */
export async function downloadWorkbook(
  study: unknown,
  csv: string | null,
  run: { results: unknown; assertions?: unknown },
  name: string,
): Promise<string | null> {
  const res = await postJson("/api/workbook", {
    study,
    csv,
    results: run.results,
    assertions: run.assertions ?? [],
  });
  if (!res.ok) return await why(res);
  download(name, res.headers.get("content-type") ?? "", await res.arrayBuffer());
  return null;
}
