/** Shared by the saved-run tests: an app on a fresh store, a saved study and a kept run. */
import assert from "node:assert/strict";
import { createApp } from "../../main.ts";
import { Limits } from "../../server/limits.ts";
import { Store } from "../../server/store.ts";

export async function withApp(
  fn: (
    call: (path: string, init?: RequestInit) => Promise<Response>,
    store: Store,
  ) => Promise<void>,
) {
  const dir = await Deno.makeTempDir();
  const store = await Store.open(`${dir}/test.kv`);
  const app = await createApp({ store, limits: new Limits() });
  try {
    await fn(
      (path, init) => Promise.resolve(app.fetch(new Request(`http://local${path}`, init))),
      store,
    );
  } finally {
    store.close();
    await Deno.remove(dir, { recursive: true });
  }
}

export const post = (body: unknown, method = "POST"): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

export function study(rr = 0.8) {
  return {
    schemaVersion: 2,
    name: "Runs study",
    horizonYears: 3,
    iterations: 30,
    seed: 5,
    interventions: [{
      id: "iv",
      name: "Coordination",
      source: "Trial",
      target: { complexity: ["high"] },
      uptake: 0.5,
      costPerParticipant: 400,
      effects: { activity: { nonElective: rr } },
    }],
    scenarios: [{ name: "Coordinated", interventions: ["iv"] }],
  };
}

/** Saves a study, runs it on the server and keeps the run; returns ids and the run's results. */
export async function savedRun(
  call: (path: string, init?: RequestInit) => Promise<Response>,
  id: string | null = null,
  version: number | null = null,
  s: unknown = study(),
) {
  const saved = await call("/api/studies", post({ study: s, ...(id ? { id, version } : {}) }));
  assert.ok(saved.status === 201 || saved.status === 200, await saved.clone().text());
  const meta = await saved.json();
  const run = await (await call("/api/run", post({ study: s, iterations: 30 }))).json();
  const kept = await call(`/api/studies/${meta.id}/runs`, post({ results: run.results }));
  assert.equal(kept.status, 201, await kept.clone().text());
  return { studyId: meta.id, version: meta.version, run: await kept.json(), results: run.results };
}
