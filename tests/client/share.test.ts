/** A study in a URL fragment: compressed, URL-safe, and back unchanged. */
import assert from "node:assert/strict";
import { decodeStudy, encodeStudy } from "../../client/share.ts";

Deno.test("a study survives the share link, Unicode and all, in URL-safe characters", async () => {
  const study = JSON.stringify({
    name: "Équipe de quartier — Core20PLUS ✓",
    description: "x".repeat(5000),
    scenarios: [{ name: "Q1 → Q5", interventions: [] }],
  });
  const fragment = await encodeStudy(study);
  assert.match(fragment, /^[A-Za-z0-9_-]+$/);
  assert.ok(fragment.length < study.length / 4, `compressed to ${fragment.length} characters`);
  assert.equal(await decodeStudy(fragment), study);
});

Deno.test("a damaged link is refused, not misread", async () => {
  const fragment = await encodeStudy(JSON.stringify({ name: "x" }));
  await assert.rejects(decodeStudy(fragment.slice(0, 3) + "AAAA" + fragment.slice(3)));
});
