/** Saved studies and their runs, in Deno KV (embedded, file-backed). */
import { deleteBlob, getBlob, putBlob } from "./blobs.ts";

export interface SavedStudyMeta {
  id: string;
  name: string;
  savedAt: string;
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

export class Store {
  private constructor(private readonly kv: Deno.Kv) {}

  static async open(path: string): Promise<Store> {
    return new Store(await Deno.openKv(path));
  }

  close(): void {
    this.kv.close();
  }

  async list(): Promise<SavedStudyMeta[]> {
    const out: SavedStudyMeta[] = [];
    for await (const e of this.kv.list<SavedStudyMeta>({ prefix: ["studyMeta"] })) {
      out.push(e.value);
    }
    return out.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  async get(id: string): Promise<SavedStudy | null> {
    const meta = await this.kv.get<SavedStudyMeta>(["studyMeta", id]);
    if (!meta.value) return null;
    const studyText = await getBlob(this.kv, ["study", id]);
    if (studyText === null) return null;
    const csvText = await getBlob(this.kv, ["csv", id]);
    return { meta: meta.value, studyText, csvText };
  }

  /** Saves a study (new when `id` is null); returns its metadata. */
  async save(
    id: string | null,
    name: string,
    studyText: string,
    csvText: string | null,
  ): Promise<SavedStudyMeta> {
    const studyId = id ?? `s-${crypto.randomUUID().slice(0, 8)}`;
    const existing = await this.kv.get<SavedStudyMeta>(["studyMeta", studyId]);
    await putBlob(this.kv, ["study", studyId], studyText);
    if (csvText !== null) await putBlob(this.kv, ["csv", studyId], csvText);
    else await deleteBlob(this.kv, ["csv", studyId]);
    const meta: SavedStudyMeta = {
      id: studyId,
      name,
      savedAt: new Date().toISOString(),
      runs: existing.value?.runs ?? [],
    };
    await this.kv.set(["studyMeta", studyId], meta);
    return meta;
  }

  async saveRun(
    studyId: string,
    run: Omit<RunMeta, "id" | "savedAt">,
    resultsText: string,
  ): Promise<RunMeta | null> {
    const meta = await this.kv.get<SavedStudyMeta>(["studyMeta", studyId]);
    if (!meta.value) return null;
    const runMeta: RunMeta = {
      ...run,
      id: `r-${crypto.randomUUID().slice(0, 8)}`,
      savedAt: new Date().toISOString(),
    };
    await putBlob(this.kv, ["run", studyId, runMeta.id], resultsText);
    const runs = [runMeta, ...meta.value.runs].slice(0, 20);
    for (const old of meta.value.runs.slice(19)) {
      await deleteBlob(this.kv, ["run", studyId, old.id]);
    }
    await this.kv.set(["studyMeta", studyId], { ...meta.value, runs });
    return runMeta;
  }

  async getRun(studyId: string, runId: string): Promise<string | null> {
    return await getBlob(this.kv, ["run", studyId, runId]);
  }
}
