import assert from "node:assert/strict";
import { GOLDEN_FILE, goldenSummary } from "./golden.ts";

Deno.test("golden: the falls prevention study's summary has not changed (deno task golden to update)", async () => {
  const expected = JSON.parse(await Deno.readTextFile(GOLDEN_FILE));
  assert.deepEqual(JSON.parse(JSON.stringify(await goldenSummary())), expected);
});
