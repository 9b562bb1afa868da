/**
 * Saved studies and their runs, in Deno KV (embedded, file-backed).
 *
 * A study is one record, ["v2", "study", id], naming the blobs (server/blobs.ts) that hold its
 * text, its CSV and its runs' results. Each run also names its snapshot: blobs holding the exact
 * study text and CSV it ran, written once and never changed, so a run keeps its own inputs
 * whatever later saves do to the study. A run can be signed off as final (server/sign-off.ts):
 * a final run is never dropped, deleted or signed again, nor is the study holding it; a newer
 * final run supersedes it. A save writes new blobs, then switches the record in one atomic commit
 * (checked against the record it read), so a reader sees the old study or the new one, never a
 * mix, and a process killed at any moment leaves every committed save whole. The record carries
 * a version that goes up with each save (and rename) of the study; a save, rename or deletion
 * names the version it changes, and a stale one is refused (a conflict) instead of overwriting
 * newer work.
 */
import { adopt, type BlobRef, discard, dropBlob, readBlob, sweep, writeBlob } from "./blobs.ts";
import { type LegacyRunMeta, migrateLegacy } from "./store-legacy.ts";
import { migrateRunSnapshots } from "./store-runs-migration.ts";

const STUDY: Deno.KvKey = ["v2", "study"];
/** Runs kept per study besides final ones; older ones are dropped (their blobs swept). */
export const MAX_RUNS = 20;
/** Attempts at a commit that another commit to the same record got in before. */
const RETRIES = 8;

export interface SavedStudyMeta {
  id: string;
  name: string;
  savedAt: string;
  /** 1 for the first save, one more for each later save of the study (runs do not count). */
  version: number;
  runs: RunMeta[];
}

export interface RunMeta {
  id: string;
  savedAt: string;
  iterations: number;
  /** The run's seed; null for a deterministic run, which draws nothing. */
  seed: number | string | null;
  inputHash: string;
  /**
   * Whether the run keeps the exact study text and CSV it ran (its snapshot). False only for runs
   * saved before snapshots existed: their inputs are known by hash alone.
   */
  snapshot: boolean;
  /** Hash of the snapshot's study text and CSV (sim/provenance.ts studyHash); null without one. */
  studyHash: string | null;
  /** The study format version the snapshot is written in; null without a snapshot. */
  schemaVersion: number | null;
  engineVersion: string | null;
  /** "parameters", "parameters+counts", or "none" (deterministic); null when not recorded. */
  uncertainty: string | null;
  /** "monte-carlo" or "deterministic"; null when not recorded. */
  mode: string | null;
  /** The saved study's version when the run was kept (null for runs kept before versions). */
  studyVersion: number | null;
  /** The sign-off that made the run final, or null. */
  final: SignOff | null;
  /** The later final run that superseded this one (final runs only; derived, never stored). */
  supersededBy?: string | null;
}

/** A run marked final: who, why, when, and the hash of everything it is (server/sign-off.ts). */
export interface SignOff {
  by: string;
  note: string;
  at: string;
  /** SHA-256 over the run's study text, CSV and results text (runContentHash). */
  contentHash: string;
  /** The final run this one supersedes, or null. */
  supersedes: string | null;
}

/** What a run's snapshot holds: the inputs exactly as run. */
export interface RunSnapshot {
  studyText: string;
  csvText: string | null;
  schemaVersion: number;
  studyHash: string;
}

/** A run as kept: its metadata, results and snapshot (null for runs kept before snapshots). */
export interface SavedRun {
  meta: RunMeta;
  resultsText: string;
  snapshot: RunSnapshot | null;
}

/** How a run is stored in its study's record. */
export type RunRecord = Omit<RunMeta, "supersededBy"> & {
  blob: BlobRef;
  /** The snapshot's blobs: the study text and the CSV (null for the example place). */
  snapshotBlobs: { study: BlobRef; csv: BlobRef | null } | null;
};

export interface SavedStudy {
  meta: SavedStudyMeta;
  studyText: string;
  csvText: string | null;
}

export interface StudyRecord {
  id: string;
  name: string;
  savedAt: string;
  version: number;
  study: BlobRef;
  csv: BlobRef | null;
  /** Newest first. */
  runs: RunRecord[];
}

export type SaveOutcome =
  | { saved: SavedStudyMeta }
  | { conflict: { version: number } }
  | { missing: true };

/** What a deletion of a study came to. */
export type DeleteOutcome =
  | { deleted: true }
  | { conflict: { version: number } }
  | { missing: true }
  /** The study holds final runs: it cannot be deleted while they stand. */
  | { locked: RunMeta[] };

/** What a sign-off or a deletion of a run came to. */
export type RunChangeOutcome =
  | { done: RunMeta }
  | { missing: "study" | "run" }
  /** The run is final: nothing about it may change. */
  | { locked: RunMeta }
  /** Another run is the current final one and the request did not name it, or is newer. */
  | { conflict: { currentFinal: RunMeta; message: string } }
  /** The run keeps no snapshot of its inputs, so it cannot be signed off. */
  | { noSnapshot: RunMeta };

/** The final run no later final run supersedes, if any. */
export function currentFinal(runs: readonly RunRecord[]): RunRecord | null {
  const superseded = new Set(
    runs.flatMap((r) => (r.final?.supersedes ? [r.final.supersedes] : [])),
  );
  return runs.find((r) => r.final && !superseded.has(r.id)) ?? null;
}

export function runMetaOf(run: RunRecord, runs: readonly RunRecord[]): RunMeta {
  const { blob: _, snapshotBlobs: __, ...meta } = run;
  if (!meta.final) return meta;
  const by = runs.find((r) => r.final?.supersedes === run.id);
  return { ...meta, supersededBy: by?.id ?? null };
}

function metaOf(r: StudyRecord): SavedStudyMeta {
  return {
    id: r.id,
    name: r.name,
    savedAt: r.savedAt,
    version: r.version,
    runs: r.runs.map((run) => runMetaOf(run, r.runs)),
  };
}

/**
 * The runs a study keeps after `runs` (newest first): every final run, and the MAX_RUNS newest
 * others. Returns those kept and those dropped.
 */
export function keepRuns(runs: RunRecord[]): { kept: RunRecord[]; dropped: RunRecord[] } {
  const kept: RunRecord[] = [];
  const dropped: RunRecord[] = [];
  let others = 0;
  for (const run of runs) {
    if (run.final || others++ < MAX_RUNS) kept.push(run);
    else dropped.push(run);
  }
  return { kept, dropped };
}

/** Every blob a run names. */
export function runBlobs(run: RunRecord): BlobRef[] {
  const s = run.snapshotBlobs;
  return [run.blob, ...(s ? [s.study, ...(s.csv ? [s.csv] : [])] : [])];
}

export class Store {
  private collecting: Promise<unknown> = Promise.resolve();

  private constructor(private readonly kv: Deno.Kv) {}

  /** Opens the store: moves a store of the first layout over, and sweeps unfinished saves. */
  static async open(path: string): Promise<Store> {
    const kv = await Deno.openKv(path);
    await migrateLegacy(
      kv,
      (id, meta, studyText, csvText, runs) =>
        new Store(kv).importStudy(id, meta, studyText, csvText, runs),
    );
    await migrateRunSnapshots(kv, STUDY);
    await sweep(kv, true);
    return new Store(kv);
  }

  close(): void {
    this.kv.close();
  }

  /** Waits for the sweep that follows the last switch (tests). */
  async settled(): Promise<void> {
    await this.collecting;
  }

  private collect(): void {
    this.collecting = this.collecting.then(() => sweep(this.kv)).catch((error) =>
      console.error(`sweeping the store: ${error}`)
    );
  }

  async list(): Promise<SavedStudyMeta[]> {
    const out: SavedStudyMeta[] = [];
    for await (const e of this.kv.list<StudyRecord>({ prefix: STUDY })) out.push(metaOf(e.value));
    return out.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  async get(id: string): Promise<SavedStudy | null> {
    // A blob can be swept between reading a record and its chunks (a save switched the record
    // meanwhile): read the record again.
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const record = await this.kv.get<StudyRecord>([...STUDY, id]);
      if (!record.value) return null;
      const studyText = await readBlob(this.kv, record.value.study);
      const csvText = record.value.csv ? await readBlob(this.kv, record.value.csv) : null;
      if (studyText !== null && (csvText !== null || !record.value.csv)) {
        return { meta: metaOf(record.value), studyText, csvText };
      }
    }
    throw new Error(`study ${id} could not be read`);
  }

  /**
   * Saves a study: new when `id` is null, else a new version of `id`, which must be at
   * `version` (the version the user edited). Returns the new metadata, or why not.
   */
  async save(
    id: string | null,
    version: number | null,
    name: string,
    studyText: string,
    csvText: string | null,
  ): Promise<SaveOutcome> {
    const studyId = id ?? `s-${crypto.randomUUID().slice(0, 8)}`;
    const key = [...STUDY, studyId];
    let current = await this.kv.get<StudyRecord>(key);
    if (id !== null && !current.value) return { missing: true };
    if (current.value && current.value.version !== version) {
      return { conflict: { version: current.value.version } };
    }
    const study = await writeBlob(this.kv, studyText);
    const csv = csvText === null ? null : await writeBlob(this.kv, csvText);
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const old = current.value;
      const record: StudyRecord = {
        id: studyId,
        name,
        savedAt: new Date().toISOString(),
        version: (old?.version ?? 0) + 1,
        study,
        csv,
        runs: old?.runs ?? [],
      };
      const op = this.kv.atomic().check(current).set(key, record);
      adopt(op, study);
      if (csv) adopt(op, csv);
      if (old) {
        discard(op, old.study);
        if (old.csv) discard(op, old.csv);
      }
      if ((await op.commit()).ok) {
        if (old) this.collect();
        return { saved: metaOf(record) };
      }
      // Another commit got in first: a run saved meanwhile (retry on it), or another save.
      current = await this.kv.get<StudyRecord>(key);
      if (current.value?.version !== old?.version || (!current.value && old)) {
        await dropBlob(this.kv, study);
        if (csv) await dropBlob(this.kv, csv);
        if (!current.value) return { missing: true };
        return { conflict: { version: current.value.version } };
      }
    }
    throw new Error(`study ${studyId} is too busy to save`);
  }

  /**
   * Renames a saved study: a new version whose study text carries the new name (the CSV and the
   * runs are kept), switched in one atomic commit like any save; refused as a conflict when the
   * study is no longer at `version`.
   */
  async rename(id: string, version: number, name: string): Promise<SaveOutcome> {
    const key = [...STUDY, id];
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const current = await this.kv.get<StudyRecord>(key);
      const old = current.value;
      if (!old) return { missing: true };
      if (old.version !== version) return { conflict: { version: old.version } };
      const text = await readBlob(this.kv, old.study);
      if (text === null) continue; // swept under us by a save that switched meanwhile: reread
      const study = JSON.parse(text);
      study.name = name;
      const blob = await writeBlob(this.kv, JSON.stringify(study, null, 2) + "\n");
      const record: StudyRecord = {
        ...old,
        name,
        savedAt: new Date().toISOString(),
        version: old.version + 1,
        study: blob,
      };
      const op = this.kv.atomic().check(current).set(key, record);
      adopt(op, blob);
      discard(op, old.study);
      if ((await op.commit()).ok) {
        this.collect();
        return { saved: metaOf(record) };
      }
      await dropBlob(this.kv, blob);
    }
    throw new Error(`study ${id} is too busy to rename`);
  }

  /**
   * Deletes a saved study with its CSV and runs (their results and snapshots), in one atomic
   * commit (their blobs are swept after it); refused as a conflict when the study is no longer
   * at `version`, so nobody deletes work saved after they looked, and refused as locked while
   * the study holds a final run (a signed-off run is never deleted).
   */
  async delete(
    id: string,
    version: number,
  ): Promise<DeleteOutcome> {
    const key = [...STUDY, id];
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const current = await this.kv.get<StudyRecord>(key);
      const old = current.value;
      if (!old) return { missing: true };
      if (old.version !== version) return { conflict: { version: old.version } };
      const finals = old.runs.filter((r) => r.final).map((r) => runMetaOf(r, old.runs));
      if (finals.length) return { locked: finals };
      const op = this.kv.atomic().check(current).delete(key);
      discard(op, old.study);
      if (old.csv) discard(op, old.csv);
      for (const run of old.runs) for (const ref of runBlobs(run)) discard(op, ref);
      // A run saved meanwhile changes the record (not its version): read it again and retry.
      if ((await op.commit()).ok) {
        this.collect();
        return { deleted: true };
      }
    }
    throw new Error(`study ${id} is too busy to delete`);
  }

  /**
   * Keeps a run with a saved study: its results and its snapshot (the study text and CSV exactly
   * as run), all written before one atomic commit names them. Null if there is no such study.
   */
  async saveRun(
    studyId: string,
    run: Omit<RunMeta, "id" | "savedAt" | "snapshot" | "studyVersion" | "final" | "supersededBy">,
    resultsText: string,
    snapshot: { studyText: string; csvText: string | null },
  ): Promise<RunMeta | null> {
    const key = [...STUDY, studyId];
    let current = await this.kv.get<StudyRecord>(key);
    if (!current.value) return null;
    const blob = await writeBlob(this.kv, resultsText);
    const snapshotBlobs = {
      study: await writeBlob(this.kv, snapshot.studyText),
      csv: snapshot.csvText === null ? null : await writeBlob(this.kv, snapshot.csvText),
    };
    const written = [blob, snapshotBlobs.study, ...(snapshotBlobs.csv ? [snapshotBlobs.csv] : [])];
    const id = `r-${crypto.randomUUID().slice(0, 8)}`;
    const savedAt = new Date().toISOString();
    for (let attempt = 0; attempt < RETRIES && current.value; attempt++) {
      const record: RunRecord = {
        ...run,
        id,
        savedAt,
        snapshot: true,
        studyVersion: current.value.version,
        final: null,
        blob,
        snapshotBlobs,
      };
      const { kept, dropped } = keepRuns([record, ...current.value.runs]);
      const op = this.kv.atomic().check(current).set(key, { ...current.value, runs: kept });
      for (const ref of written) adopt(op, ref);
      for (const old of dropped) for (const ref of runBlobs(old)) discard(op, ref);
      if ((await op.commit()).ok) {
        if (dropped.length) this.collect();
        return runMetaOf(record, kept);
      }
      current = await this.kv.get<StudyRecord>(key);
    }
    for (const ref of written) await dropBlob(this.kv, ref);
    if (!current.value) return null;
    throw new Error(`study ${studyId} is too busy to save a run`);
  }

  /** A run's results text as kept (null if there is no such study or run). */
  async getRun(studyId: string, runId: string): Promise<string | null> {
    return (await this.getSavedRun(studyId, runId))?.resultsText ?? null;
  }

  /** A run with its metadata, results and snapshot (null if there is no such study or run). */
  async getSavedRun(studyId: string, runId: string): Promise<SavedRun | null> {
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const record = await this.kv.get<StudyRecord>([...STUDY, studyId]);
      const runs = record.value?.runs ?? [];
      const run = runs.find((r) => r.id === runId);
      if (!run) return null;
      const resultsText = await readBlob(this.kv, run.blob);
      const s = run.snapshotBlobs;
      const studyText = s ? await readBlob(this.kv, s.study) : null;
      const csvText = s?.csv ? await readBlob(this.kv, s.csv) : null;
      // A blob can only vanish when the run was dropped meanwhile: read the record again.
      if (resultsText === null || (s && (studyText === null || (s.csv && csvText === null)))) {
        continue;
      }
      return {
        meta: runMetaOf(run, runs),
        resultsText,
        snapshot: s
          ? {
            studyText: studyText!,
            csvText,
            schemaVersion: run.schemaVersion ?? 1,
            studyHash: run.studyHash!,
          }
          : null,
      };
    }
    throw new Error(`run ${runId} could not be read`);
  }

  /**
   * Changes one run's entry in one atomic commit, checked against the record it read: `change`
   * gets the study's runs and the run, and returns the new runs list (and blobs to discard), or
   * the outcome that stops it.
   */
  async changeRun(
    studyId: string,
    runId: string,
    change: (
      run: RunRecord,
      runs: RunRecord[],
    ) => Promise<
      | { runs: RunRecord[]; discard?: BlobRef[]; meta: RunMeta }
      | { stop: RunChangeOutcome }
    >,
  ): Promise<RunChangeOutcome> {
    const key = [...STUDY, studyId];
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const current = await this.kv.get<StudyRecord>(key);
      if (!current.value) return { missing: "study" };
      const run = current.value.runs.find((r) => r.id === runId);
      if (!run) return { missing: "run" };
      const outcome = await change(run, current.value.runs);
      if ("stop" in outcome) return outcome.stop;
      const op = this.kv.atomic().check(current).set(key, { ...current.value, runs: outcome.runs });
      for (const ref of outcome.discard ?? []) discard(op, ref);
      if ((await op.commit()).ok) {
        if (outcome.discard?.length) this.collect();
        return { done: outcome.meta };
      }
    }
    throw new Error(`study ${studyId} is too busy to change run ${runId}`);
  }

  /** Deletes a run that is not final (a final run is locked). */
  deleteRun(studyId: string, runId: string): Promise<RunChangeOutcome> {
    return this.changeRun(studyId, runId, (run, runs) => {
      const meta = runMetaOf(run, runs);
      if (run.final) return Promise.resolve({ stop: { locked: meta } });
      return Promise.resolve({
        runs: runs.filter((r) => r.id !== runId),
        discard: runBlobs(run),
        meta,
      });
    });
  }

  /** Writes a study moved from the first layout, keeping its id, dates and runs. */
  private async importStudy(
    id: string,
    meta: { name: string; savedAt: string },
    studyText: string,
    csvText: string | null,
    runs: { meta: LegacyRunMeta; text: string }[],
  ): Promise<void> {
    const key = [...STUDY, id];
    if ((await this.kv.get(key)).value) return;
    const study = await writeBlob(this.kv, studyText);
    const csv = csvText === null ? null : await writeBlob(this.kv, csvText);
    const kept: StudyRecord["runs"] = [];
    for (const run of runs.slice(0, MAX_RUNS)) {
      // Marked as lacking a snapshot by migrateRunSnapshots, which fills in what the results say.
      kept.push({ ...run.meta, blob: await writeBlob(this.kv, run.text) } as RunRecord);
    }
    const record: StudyRecord = { id, ...meta, version: 1, study, csv, runs: kept };
    const op = this.kv.atomic().check({ key, versionstamp: null }).set(key, record);
    for (const ref of [study, ...(csv ? [csv] : []), ...kept.map((r) => r.blob)]) adopt(op, ref);
    await op.commit();
  }
}
