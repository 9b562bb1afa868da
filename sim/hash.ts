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
 * FNV-1a 64-bit of a string's UTF-16 code units, as 16 hex digits. The product by the FNV prime
 * 2^40 + 0x1b3 is done on two 32-bit halves with integer operations (the high half takes the
 * carry of the low half's product and the low half shifted by 40 − 32 bits), so a long text (a
 * posterior file) hashes in a millisecond or two.
 */
export function fnv1a64(text: string): string {
  let hi = 0xcbf29ce4 | 0;
  let lo = 0x84222325 | 0;
  for (let i = 0; i < text.length; i++) {
    lo ^= text.charCodeAt(i);
    // The high 32 bits of lo × 0x1b3 (lo unsigned), from its two 16-bit halves.
    const carry = ((lo >>> 16) * 0x1b3 + (((lo & 0xffff) * 0x1b3) >>> 16)) >>> 16;
    hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) | 0;
    lo = Math.imul(lo, 0x1b3);
  }
  return (hi >>> 0).toString(16).padStart(8, "0") + (lo >>> 0).toString(16).padStart(8, "0");
}

export function hashInputs(value: unknown): string {
  return fnv1a64(canonicalJson(value));
}
