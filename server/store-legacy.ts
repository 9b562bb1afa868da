/**
 * The store's first layout (chunks overwritten in place, a manifest written last, metadata
 * apart), read once to move its studies to the current layout when a store is opened. Studies
 * that cannot be read whole (a save torn by the old layout) are skipped and logged; the old
 * keys are deleted once everything readable has been moved.
 */
import type { RunMeta } from "./store.ts";

/** What the first layout kept of a run. */
export type LegacyRunMeta = Pick<RunMeta, "id" | "savedAt" | "iterations" | "seed" | "inputHash">;

const OLD_PREFIXES: Deno.KvKey[] = [["studyMeta"], ["study"], ["csv"], ["run"]];

async function gunzip(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(
    new DecompressionStream("gzip"),
  );
  return await new Response(stream).text();
}

async function readOldBlob(kv: Deno.Kv, prefix: Deno.KvKey): Promise<string | null> {
  const manifest = await kv.get<{ chunks: number; bytes: number }>([...prefix, "manifest"]);
  if (!manifest.value) return null;
  const bytes = new Uint8Array(manifest.value.bytes);
  let at = 0;
  for (let i = 0; i < manifest.value.chunks; i++) {
    const part = await kv.get<Uint8Array>([...prefix, "chunk", i]);
    if (!part.value || at + part.value.length > bytes.length) return null;
    bytes.set(part.value, at);
    at += part.value.length;
  }
  try {
    return at === bytes.length ? await gunzip(bytes) : null;
  } catch {
    return null;
  }
}

export async function migrateLegacy(
  kv: Deno.Kv,
  write: (
    id: string,
    meta: { name: string; savedAt: string },
    studyText: string,
    csvText: string | null,
    runs: { meta: LegacyRunMeta; text: string }[],
  ) => Promise<void>,
): Promise<void> {
  let found = false;
  for await (
    const e of kv.list<{ id: string; name: string; savedAt: string; runs: LegacyRunMeta[] }>({
      prefix: ["studyMeta"],
    })
  ) {
    found = true;
    const id = String(e.key[1]);
    const studyText = await readOldBlob(kv, ["study", id]);
    if (studyText === null) {
      console.error(`store: study ${id} of the first layout could not be read whole; skipped`);
      continue;
    }
    const csvText = await readOldBlob(kv, ["csv", id]);
    const runs: { meta: LegacyRunMeta; text: string }[] = [];
    for (const meta of e.value.runs ?? []) {
      const text = await readOldBlob(kv, ["run", id, meta.id]);
      if (text !== null) runs.push({ meta, text });
    }
    await write(id, { name: e.value.name, savedAt: e.value.savedAt }, studyText, csvText, runs);
  }
  if (!found) return;
  for (const prefix of OLD_PREFIXES) {
    for await (const e of kv.list({ prefix })) await kv.delete(e.key);
  }
}
