/** What a number or seed field accepts, and what it says otherwise. */
import assert from "node:assert/strict";
import { readNumber } from "../../components/editor/NumberField.tsx";
import { readSeed } from "../../components/workbench/RunControls.tsx";

Deno.test("a number field: empty, not a number, out of range, not whole — said plainly", () => {
  const share = { min: 0, max: 1 };
  assert.deepEqual(readNumber("0.4", share), { value: 0.4 });
  assert.deepEqual(readNumber("", share), { error: "Enter a number from 0 to 1." });
  assert.deepEqual(readNumber("abc", share), { error: "Enter a number from 0 to 1." });
  assert.deepEqual(readNumber("1.5", share), { error: "Enter a number from 0 to 1." });
  const years = { min: 1, integer: true, optional: true };
  assert.deepEqual(readNumber("", years), { value: null }, "empty means none where optional");
  assert.deepEqual(readNumber("2.5", years), { error: "Enter a whole number of 1 or more." });
  assert.deepEqual(readNumber(" 3 ", years), { value: 3 });
  assert.deepEqual(readNumber("20001", { min: 1, max: 20000, integer: true }), {
    error: "Enter a whole number from 1 to 20,000.",
  });
});

Deno.test("a seed: a whole number or a word", () => {
  assert.deepEqual(readSeed("42"), { seed: 42 });
  assert.deepEqual(readSeed("-7"), { seed: -7 });
  assert.deepEqual(readSeed("spring run"), { seed: "spring run" });
  assert.match(readSeed("").error!, /Enter a seed/);
  assert.match(readSeed("9".repeat(30)).error!, /too large/);
  assert.match(readSeed("x".repeat(101)).error!, /At most 100 characters/);
});
