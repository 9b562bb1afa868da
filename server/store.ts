/**
 * Saved studies and their runs, in Deno KV (embedded, file-backed).
 *
 * A study is one record, ["v2", "study", id], naming the blobs (server/blobs.ts) that hold its
 * text, its CSV and its runs' results. A save writes new blobs, then switches the record in one
 * atomic commit (checked against the record it read), so a reader sees the old study or the new
 * one, never a mix, and a process killed at any moment leaves every committed save whole. The
 * record carries a version that goes up with each save of the study; a save names the version
 * it edits, and a stale one is refused (a conflict) instead of overwriting newer work.
 */
import { adopt, type BlobRef, discard, dropBlob, readBlob, sweep, writeBlob } from "./blobs.ts";
import { migrateLegacy } from "./store-legacy.ts";

const STUDY: Deno.KvKey = ["v2", "study"];
/** Runs kept per study; older ones are dropped (their blobs swept). */
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
  seed: number | string;
  inputHash: string;
}

export interface SavedStudy {
  meta: SavedStudyMeta;
  studyText: string;
  csvText: string | null;
}

interface StudyRecord {
  id: string;
  name: string;
  savedAt: string;
  version: number;
  study: BlobRef;
  csv: BlobRef | null;
  runs: (RunMeta & { blob: BlobRef })[];
}

export type SaveOutcome =
  | { saved: SavedStudyMeta }
  | { conflict: { version: number } }
  | { missing: true };

function metaOf(r: StudyRecord): SavedStudyMeta {
  return {
    id: r.id,
    name: r.name,
    savedAt: r.savedAt,
    version: r.version,
    runs: r.runs.map(({ blob: _, ...run }) => run),
  };
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
   * Deletes a saved study with its CSV and runs, in one atomic commit (their blobs are swept
   * after it); refused as a conflict when the study is no longer at `version`, so nobody deletes
   * work saved after they looked.
   */
  async delete(
    id: string,
    version: number,
  ): Promise<{ deleted: true } | { conflict: { version: number } } | { missing: true }> {
    const key = [...STUDY, id];
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const current = await this.kv.get<StudyRecord>(key);
      const old = current.value;
      if (!old) return { missing: true };
      if (old.version !== version) return { conflict: { version: old.version } };
      const op = this.kv.atomic().check(current).delete(key);
      discard(op, old.study);
      if (old.csv) discard(op, old.csv);
      for (const run of old.runs) discard(op, run.blob);
      // A run saved meanwhile changes the record (not its version): read it again and retry.
      if ((await op.commit()).ok) {
        this.collect();
        return { deleted: true };
      }
    }
    throw new Error(`study ${id} is too busy to delete`);
  }

  /** Keeps a run's results with a saved study; null if there is no such study. */
  async saveRun(
    studyId: string,
    run: Omit<RunMeta, "id" | "savedAt">,
    resultsText: string,
  ): Promise<RunMeta | null> {
    const key = [...STUDY, studyId];
    let current = await this.kv.get<StudyRecord>(key);
    if (!current.value) return null;
    const blob = await writeBlob(this.kv, resultsText);
    const runMeta: RunMeta = {
      ...run,
      id: `r-${crypto.randomUUID().slice(0, 8)}`,
      savedAt: new Date().toISOString(),
    };
    for (let attempt = 0; attempt < RETRIES && current.value; attempt++) {
      const runs = [{ ...runMeta, blob }, ...current.value.runs];
      const op = this.kv.atomic().check(current).set(key, {
        ...current.value,
        runs: runs.slice(0, MAX_RUNS),
      });
      adopt(op, blob);
      for (const dropped of runs.slice(MAX_RUNS)) discard(op, dropped.blob);
      if ((await op.commit()).ok) {
        if (runs.length > MAX_RUNS) this.collect();
        return runMeta;
      }
      current = await this.kv.get<StudyRecord>(key);
    }
    await dropBlob(this.kv, blob);
    if (!current.value) return null;
    throw new Error(`study ${studyId} is too busy to save a run`);
  }

  async getRun(studyId: string, runId: string): Promise<string | null> {
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const record = await this.kv.get<StudyRecord>([...STUDY, studyId]);
      const run = record.value?.runs.find((r) => r.id === runId);
      if (!run) return null;
      const text = await readBlob(this.kv, run.blob);
      if (text !== null) return text;
    }
    throw new Error(`run ${runId} could not be read`);
  }

  /** Writes a study moved from the first layout, keeping its id, dates and runs. */
  private async importStudy(
    id: string,
    meta: { name: string; savedAt: string },
    studyText: string,
    csvText: string | null,
    runs: { meta: RunMeta; text: string }[],
  ): Promise<void> {
    const key = [...STUDY, id];
    if ((await this.kv.get(key)).value) return;
    const study = await writeBlob(this.kv, studyText);
    const csv = csvText === null ? null : await writeBlob(this.kv, csvText);
    const kept: StudyRecord["runs"] = [];
    for (const run of runs.slice(0, MAX_RUNS)) {
      kept.push({ ...run.meta, blob: await writeBlob(this.kv, run.text) });
    }
    const record: StudyRecord = { id, ...meta, version: 1, study, csv, runs: kept };
    const op = this.kv.atomic().check({ key, versionstamp: null }).set(key, record);
    for (const ref of [study, ...(csv ? [csv] : []), ...kept.map((r) => r.blob)]) adopt(op, ref);
    await op.commit();
  }
}
