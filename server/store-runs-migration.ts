/**
 * Runs kept before runs had snapshots held their results and a hash of their inputs only. When
 * a store is opened, each such run is marked as lacking a snapshot (`snapshot: false`: its study
 * text and CSV were not kept and cannot be recovered) and given what its own results record —
 * engine version, uncertainty mode, analysis, study hash — so every run has the same fields.
 * Each study is rewritten in one atomic commit checked against the record read; a study whose
 * runs all have the fields already is left alone, so opening a store twice changes nothing.
 */
import { readBlob } from "./blobs.ts";
import type { RunRecord, StudyRecord } from "./store.ts";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  v !== null && typeof v === "object" && !Array.isArray(v);
const own = (o: Json, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);
const text = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** What a run's results say about where they came from (null where they say nothing). */
export function recordedFacts(resultsText: string | null): {
  studyHash: string | null;
  engineVersion: string | null;
  uncertainty: string | null;
  mode: string | null;
} {
  let doc: unknown = null;
  try {
    doc = resultsText === null ? null : JSON.parse(resultsText);
  } catch { /* unreadable results: nothing recorded */ }
  const outer = isObject(doc) ? doc : {};
  // Kept either as the results themselves or as { results, assertions, decompositions }.
  const r = isObject(own(outer, "results")) ? own(outer, "results") as Json : outer;
  const p = isObject(own(r, "provenance")) ? own(r, "provenance") as Json : {};
  const engine = own(r, "engine");
  return {
    studyHash: text(own(p, "studyHash")),
    engineVersion: text(own(p, "engineVersion")) ??
      (isObject(engine) ? text(own(engine, "version")) : null),
    uncertainty: text(own(p, "uncertainty")) ?? text(own(r, "uncertainty")) ??
      (own(r, "mode") === "deterministic" ? "none" : null),
    mode: text(own(r, "mode")),
  };
}

/** A run of the old shape, marked as lacking a snapshot. */
async function migrated(kv: Deno.Kv, run: RunRecord): Promise<RunRecord> {
  const facts = recordedFacts(await readBlob(kv, run.blob));
  return {
    id: run.id,
    savedAt: run.savedAt,
    iterations: run.iterations,
    seed: run.seed,
    inputHash: run.inputHash,
    snapshot: false,
    studyHash: facts.studyHash,
    schemaVersion: null,
    engineVersion: facts.engineVersion,
    uncertainty: facts.uncertainty,
    mode: facts.mode,
    studyVersion: null,
    final: null,
    blob: run.blob,
    snapshotBlobs: null,
  };
}

/** Whether a run was kept before snapshots (it has no `snapshot` field). */
export const needsMigration = (run: RunRecord) => !Object.hasOwn(run, "snapshot");

/** Marks every run kept before snapshots; returns how many runs it changed. */
export async function migrateRunSnapshots(kv: Deno.Kv, prefix: Deno.KvKey): Promise<number> {
  let changed = 0;
  for await (const entry of kv.list<StudyRecord>({ prefix })) {
    let current: Deno.KvEntryMaybe<StudyRecord> = entry;
    for (let attempt = 0; attempt < 8 && current.value; attempt++) {
      const old = current.value.runs.filter(needsMigration);
      if (!old.length) break;
      const runs = await Promise.all(
        current.value.runs.map((r) => (needsMigration(r) ? migrated(kv, r) : r)),
      );
      const ok = await kv.atomic().check(current).set(current.key, { ...current.value, runs })
        .commit();
      if (ok.ok) {
        changed += old.length;
        break;
      }
      current = await kv.get<StudyRecord>(current.key);
    }
  }
  return changed;
}
