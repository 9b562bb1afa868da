/**
 * The browser's calls for saved runs: a run's snapshot, sign-off, two runs compared, and the
 * workbook of the run on screen. Writes go through postJson (which asks for the server's token).
 */
import type { RunMeta, RunSnapshot } from "../server/store.ts";
import type { RunComparison } from "../server/compare-runs.ts";
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

/** A kept run's snapshot and results, or why not. */
export async function openRun(
  studyId: string,
  runId: string,
): Promise<{ snapshot?: RunSnapshot | null; results?: unknown; error?: string }> {
  const [meta, results] = await Promise.all([
    fetch(`/api/studies/${studyId}/runs/${runId}`),
    fetch(`/api/studies/${studyId}/runs?run=${runId}`),
  ]);
  if (!meta.ok) return { error: await why(meta) };
  if (!results.ok) return { error: await why(results) };
  const doc = await results.json();
  return {
    snapshot: (await meta.json()).snapshot,
    results: doc && typeof doc === "object" && "results" in doc ? doc.results : doc,
  };
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

/** Downloads the workbook of results on screen (written on the server from the study sent). */
export async function downloadWorkbook(
  study: unknown,
  csv: string | null,
  results: unknown,
  name: string,
): Promise<string | null> {
  const res = await postJson("/api/workbook", { study, csv, results });
  if (!res.ok) return await why(res);
  download(name, res.headers.get("content-type") ?? "", await res.arrayBuffer());
  return null;
}
