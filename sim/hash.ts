/**
 * A stable hash of resolved inputs: FNV-1a (64-bit) over canonical JSON (sorted keys).
 * Hand-written: a dozen lines, synchronous in every host (Web Crypto's digests are async).
 */

/** JSON with object keys sorted at every depth, so equal inputs give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * FNV-1a 64-bit of a string's UTF-16 code units, as 16 hex digits. The 64-bit state is kept as
 * four 16-bit words (h0 lowest), so every intermediate stays a small integer: multiplying by the
 * FNV prime 2^40 + 0x1b3 is each word times 0x1b3, plus words 0 and 1 shifted 8 bits into words
 * 2 and 3, with carries. Same digits as 64-bit BigInt arithmetic, many times faster.
 */
export function fnv1a64(text: string): string {
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = 0; i < text.length; i++) {
    h0 ^= text.charCodeAt(i);
    const t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3 + (h0 << 8);
    const t3 = h3 * 0x1b3 + (h1 << 8);
    t1 += t0 >>> 16;
    h0 = t0 & 0xffff;
    t2 += t1 >>> 16;
    h1 = t1 & 0xffff;
    h3 = (t3 + (t2 >>> 16)) & 0xffff;
    h2 = t2 & 0xffff;
  }
  const hex = (w: number) => w.toString(16).padStart(4, "0");
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

export function hashInputs(value: unknown): string {
  return fnv1a64(canonicalJson(value));
}
