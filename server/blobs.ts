/**
 * Large values in Deno KV (64 KiB per value): gzip, split into chunks, and write a manifest last,
 * so a reader sees either the whole value or nothing.
 */
const CHUNK = 60_000;

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function gunzip(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(
    new DecompressionStream("gzip"),
  );
  return await new Response(stream).text();
}

/** Writes `text` under `prefix`: chunks at [...prefix, "chunk", i], then [...prefix, "manifest"]. */
export async function putBlob(kv: Deno.Kv, prefix: Deno.KvKey, text: string): Promise<void> {
  const bytes = await gzip(text);
  const count = Math.ceil(bytes.length / CHUNK);
  for (let i = 0; i < count; i += 10) {
    const op = kv.atomic();
    for (let j = i; j < Math.min(count, i + 10); j++) {
      op.set([...prefix, "chunk", j], bytes.subarray(j * CHUNK, (j + 1) * CHUNK));
    }
    const res = await op.commit();
    if (!res.ok) throw new Error("could not write to the store");
  }
  await kv.set([...prefix, "manifest"], { chunks: count, bytes: bytes.length });
}

/** Reads a blob written by putBlob, or null if it is absent or incomplete. */
export async function getBlob(kv: Deno.Kv, prefix: Deno.KvKey): Promise<string | null> {
  const manifest = await kv.get<{ chunks: number; bytes: number }>([...prefix, "manifest"]);
  if (!manifest.value) return null;
  const bytes = new Uint8Array(manifest.value.bytes);
  let at = 0;
  for (let i = 0; i < manifest.value.chunks; i++) {
    const part = await kv.get<Uint8Array>([...prefix, "chunk", i]);
    if (!part.value) return null;
    bytes.set(part.value, at);
    at += part.value.length;
  }
  return await gunzip(bytes);
}

/** Deletes a blob (manifest first, so a half-deleted blob reads as absent). */
export async function deleteBlob(kv: Deno.Kv, prefix: Deno.KvKey): Promise<void> {
  await kv.delete([...prefix, "manifest"]);
  for await (const entry of kv.list({ prefix: [...prefix, "chunk"] })) await kv.delete(entry.key);
}
