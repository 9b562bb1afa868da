/** POST /api/report: the report the workbench downloads holds the synthetic journeys section. */
import assert from "node:assert/strict";
import { post, study, withApp } from "./runs-helpers.ts";

Deno.test("POST /api/report includes 'A person's journey (synthetic)'", async () => {
  await withApp(async (call) => {
    const res = await call("/api/report", post({ study: study(), iterations: 20 }));
    assert.equal(res.status, 200, res.status === 200 ? "" : await res.clone().text());
    const html = await res.text();
    assert.match(html, /A person's journey \(synthetic\)/);
    assert.match(html, /Synthetic: drawn from the model, not a real record\./);
    assert.match(html, /a synthetic journey, Baseline and Coordinated/);
  });
});
