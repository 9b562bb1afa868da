/** The inputs hash: FNV-1a 64-bit of canonical JSON. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { canonicalJson, fnv1a64, hashInputs } from "../../sim/hash.ts";

Deno.test("FNV-1a 64-bit matches the published test vectors", () => {
  // From the FNV reference (Fowler, Noll, Vo): offset basis, "a", "foobar".
  assert.equal(fnv1a64(""), "cbf29ce484222325");
  assert.equal(fnv1a64("a"), "af63dc4c8601ec8c");
  assert.equal(fnv1a64("foobar"), "85944171f73967e8");
});

Deno.test("canonical JSON sorts keys at every depth and drops undefined fields", () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } }),
    '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
  );
  assert.equal(hashInputs({ x: 1, y: [1, 2] }), hashInputs({ y: [1, 2], x: 1 }));
  assert.notEqual(hashInputs({ x: 1, y: [1, 2] }), hashInputs({ x: 1, y: [2, 1] }));
  assert.match(hashInputs({}), /^[0-9a-f]{16}$/);
});

/** The definition, with BigInt arithmetic: the reference the fast version must equal. */
function fnv1a64BigInt(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, "0");
}

Deno.test("FNV-1a 64-bit on 32-bit halves equals the BigInt definition on any text", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
      assert.equal(fnv1a64(text), fnv1a64BigInt(text));
    }),
    { numRuns: 2000 },
  );
  const long = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 65536))
    .join("");
  assert.equal(fnv1a64(long), fnv1a64BigInt(long));
});
