/**
 * Large values in Deno KV (64 KiB per value): gzip, split into chunks under a key of their own
 * that no other value ever uses (a fresh blob id per write), so writing a blob never touches
 * one a reader may be reading. A blob is reachable only once a record naming it is committed
 * (the store switches records in one atomic commit); until then a "pending" marker says its
 * chunks may be swept, and blobs a record no longer names get a "garbage" marker in the same
 * commit that drops them. `sweep` deletes both kinds; it runs when the store opens (when no
 * write can be under way) and after each switch.
 */
const CHUNK = 60_000;
/** Chunks per atomic commit (10 × 60 KB stays under KV's 800 KB per commit). */
const PER_COMMIT = 10;

export const CHUNKS: Deno.KvKey = ["v2", "chunk"];
export const PENDING: Deno.KvKey = ["v2", "pending"];
export const GARBAGE: Deno.KvKey = ["v2", "garbage"];

/** Where a blob's chunks are: ["v2", "chunk", id, 0 … chunks − 1], holding `bytes` of gzip. */
export interface BlobRef {
  id: string;
  chunks: number;
  bytes: number;
}

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

async function commit(op: Deno.AtomicOperation): Promise<void> {
  const res = await op.commit();
  if (!res.ok) throw new Error("could not write to the store");
}

/**
 * Writes `text` as a new blob: a pending marker first, then the chunks. The caller commits a
 * record naming the blob and deletes the marker in the same commit (`adopt`), or drops it.
 */
export async function writeBlob(kv: Deno.Kv, text: string): Promise<BlobRef> {
  const bytes = await gzip(text);
  const ref: BlobRef = {
    id: crypto.randomUUID(),
    chunks: Math.ceil(bytes.length / CHUNK),
    bytes: bytes.length,
  };
  await commit(kv.atomic().set([...PENDING, ref.id], ref));
  for (let i = 0; i < ref.chunks; i += PER_COMMIT) {
    const op = kv.atomic();
    for (let j = i; j < Math.min(ref.chunks, i + PER_COMMIT); j++) {
      op.set([...CHUNKS, ref.id, j], bytes.subarray(j * CHUNK, (j + 1) * CHUNK));
    }
    await commit(op);
  }
  return ref;
}

/** Adds to a commit: the blob is now named by a record (its pending marker goes). */
export function adopt(op: Deno.AtomicOperation, ref: BlobRef): Deno.AtomicOperation {
  return op.delete([...PENDING, ref.id]);
}

/** Adds to a commit: the blob is no longer named by any record (swept later). */
export function discard(op: Deno.AtomicOperation, ref: BlobRef): Deno.AtomicOperation {
  return op.set([...GARBAGE, ref.id], ref);
}

/** Reads a blob, or null if any chunk is missing (it was swept after its record changed). */
export async function readBlob(kv: Deno.Kv, ref: BlobRef): Promise<string | null> {
  const bytes = new Uint8Array(ref.bytes);
  let at = 0;
  for (let i = 0; i < ref.chunks; i += PER_COMMIT) {
    const keys = [];
    for (let j = i; j < Math.min(ref.chunks, i + PER_COMMIT); j++) {
      keys.push([...CHUNKS, ref.id, j]);
    }
    for (const part of await kv.getMany<Uint8Array[]>(keys)) {
      if (!part.value || at + part.value.length > bytes.length) return null;
      bytes.set(part.value, at);
      at += part.value.length;
    }
  }
  return at === bytes.length ? await gunzip(bytes) : null;
}

/** Deletes a blob's chunks, then the marker that listed it. */
async function deleteBlob(kv: Deno.Kv, marker: Deno.KvKey, ref: BlobRef): Promise<void> {
  for (let i = 0; i < ref.chunks; i += PER_COMMIT) {
    const op = kv.atomic();
    for (let j = i; j < Math.min(ref.chunks, i + PER_COMMIT); j++) {
      op.delete([...CHUNKS, ref.id, j]);
    }
    await commit(op);
  }
  await kv.delete(marker);
}

/** Deletes a blob no record ever named (e.g. a save refused at its commit). */
export async function dropBlob(kv: Deno.Kv, ref: BlobRef): Promise<void> {
  await deleteBlob(kv, [...PENDING, ref.id], ref);
}

/**
 * Deletes garbage blobs, and with `pending` also every pending one — only safe when no write is
 * under way (when the store opens): a pending blob then belongs to a save that never finished.
 */
export async function sweep(kv: Deno.Kv, pending = false): Promise<number> {
  let swept = 0;
  for (const prefix of pending ? [GARBAGE, PENDING] : [GARBAGE]) {
    for await (const entry of kv.list<BlobRef>({ prefix })) {
      await deleteBlob(kv, entry.key, entry.value);
      swept++;
    }
  }
  return swept;
}
