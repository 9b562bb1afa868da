/** The HTTP API in process: validation, runs, limits, saving and ids that cannot escape. */
import assert from "node:assert/strict";
import { createApp } from "../../main.ts";
import { Limits, MAX_BODY_BYTES } from "../../server/limits.ts";
import { Store } from "../../server/store.ts";
import { runStudy } from "../../sim/api.ts";
import { prepareStudy } from "../../sim/study/prepare.ts";

async function withApp(
  fn: (
    call: (path: string, init?: RequestInit) => Promise<Response>,
    kvPath: string,
  ) => Promise<void>,
) {
  const dir = await Deno.makeTempDir();
  const kvPath = `${dir}/test.kv`;
  const store = await Store.open(kvPath);
  const app = await createApp({ store, limits: new Limits() });
  try {
    await fn(
      (path, init) => Promise.resolve(app.fetch(new Request(`http://local${path}`, init))),
      kvPath,
    );
  } finally {
    store.close();
  }
}

const post = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

const study = {
  name: "API study",
  horizonYears: 3,
  iterations: 40,
  seed: 9,
  interventions: [{
    id: "iv",
    name: "Coordination",
    target: { complexity: ["high"] },
    uptake: 0.5,
    costPerParticipant: 400,
    effects: { activity: { nonElective: 0.8 } },
  }],
  scenarios: [{ name: "Coordinated", interventions: ["iv"] }],
};

Deno.test("GET /api/studies lists the shipped studies", async () => {
  await withApp(async (call) => {
    const res = await call("/api/studies");
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.ok(body.shipped.length >= 5);
    assert.ok(body.shipped.some((s: { id: string }) => s.id === "falls-prevention"));
    assert.deepEqual(body.saved, []);
  });
});

Deno.test("POST /api/validate: 200 for a valid study, 422 with the CLI's problem list otherwise", async () => {
  await withApp(async (call) => {
    assert.equal((await call("/api/validate", post(study))).status, 200);
    const res = await call("/api/validate", post({ study: { ...study, horizonYaers: 2 } }));
    assert.equal(res.status, 422);
    const body = await res.json();
    assert.equal(body.problems[0].at, "horizonYaers");
    assert.equal(body.problems[0].suggestion, "horizonYears");
    assert.match(body.messages[0], /horizonYaers: unknown field/);
  });
});

Deno.test("POST /api/run returns results; bad requests get 4xx", async () => {
  await withApp(async (call) => {
    const res = await call("/api/run", post({ study, iterations: 40 }));
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.results.iterations, 40);
    assert.equal(body.results.seed, 9);
    assert.equal(body.results.uncertainty, "parameters+counts");
    assert.ok(body.results.scenarios[1].deltas["discounted.cost.total"]);
    const modes = await call(
      "/api/run",
      post({ study, iterations: 40, uncertainty: "parameters" }),
    );
    assert.equal(modes.status, 200);
    assert.equal((await modes.json()).results.uncertainty, "parameters");
    const badMode = await call("/api/run", post({ study, iterations: 40, uncertainty: "counts" }));
    assert.equal(badMode.status, 422);
    assert.equal((await badMode.json()).problems[0].at, "uncertainty");
    assert.equal((await call("/api/run", post({ study, iterations: 1_000_000 }))).status, 422);
    assert.equal((await call("/api/run", post("{not json"))).status, 400);
    const huge = JSON.stringify({ study, padding: "x".repeat(MAX_BODY_BYTES) });
    assert.equal((await call("/api/run", post(huge))).status, 413);
    assert.equal((await call("/api/run", { method: "GET" })).status, 405);
  });
});

Deno.test("the same seed gives the same results on the server as in a run here", async () => {
  const checked = {
    ...study,
    assertions: [{ scenario: "Coordinated", measure: "discounted.cost.total", below: 0 }],
  };
  const { loaded } = prepareStudy(JSON.stringify(checked), () => ({}));
  // The server adds its Deno version to the provenance, as every host does.
  const here = await runStudy(loaded!, {
    ...loaded!.options,
    iterations: 40,
    decompose: false,
    denoVersion: Deno.version.deno,
  });
  assert.equal(here.assertions.length, 1);
  await withApp(async (call) => {
    const served = await (await call("/api/run", post({ study: checked, iterations: 40 }))).json();
    assert.deepEqual(served.results, JSON.parse(JSON.stringify(here.results)));
    assert.deepEqual(served.assertions, JSON.parse(JSON.stringify(here.assertions)));
  });
});

Deno.test("concurrent runs above the limit are refused at once", async () => {
  const limits = new Limits();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const a = limits.withRunSlot(() => gate);
  const b = limits.withRunSlot(() => gate);
  assert.equal(await limits.withRunSlot(() => Promise.resolve(1)), null);
  release();
  await Promise.all([a, b]);
  assert.equal(await limits.withRunSlot(() => Promise.resolve(2)), 2);
});

Deno.test("saved studies and runs persist in Deno KV across a reopen", async () => {
  await withApp(async (call, kvPath) => {
    const res = await call("/api/studies", post({ study }));
    assert.equal(res.status, 201);
    const meta = await res.json();
    assert.match(meta.id, /^s-[a-f0-9]{8}$/);
    const run = await (await call("/api/run", post({ study, iterations: 20 }))).json();
    const saved = await call(`/api/studies/${meta.id}/runs`, post({ results: run.results }));
    assert.equal(saved.status, 201);
    const runMeta = await saved.json();
    // Reopen the store: the study and its run are still there.
    const again = await Store.open(kvPath);
    try {
      const app2 = await createApp({ store: again, limits: new Limits() });
      const got = await (await app2.fetch(new Request(`http://local/api/studies/${meta.id}`)))
        .json();
      assert.equal(JSON.parse(got.studyText).name, "API study");
      assert.equal(got.runs[0].id, runMeta.id);
      const runText = await (await app2.fetch(
        new Request(`http://local/api/studies/${meta.id}/runs?run=${runMeta.id}`),
      )).json();
      assert.deepEqual(runText, run.results);
    } finally {
      again.close();
    }
  });
});

Deno.test("ids cannot reach outside the studies folder", async () => {
  await withApp(async (call) => {
    for (
      const id of ["..%2Fdeno", "..%2F..%2Fetc%2Fpasswd", "schema", "%2Fetc%2Fpasswd", "s-zzzzzzzz"]
    ) {
      assert.equal((await call(`/api/studies/${id}`)).status, 404, id);
      assert.equal((await call(`/studies/${id}`)).status, 404, id);
    }
    assert.equal((await call("/api/studies", post({ study, id: "../x" }))).status, 400);
  });
});

Deno.test("pages render on the server", async () => {
  await withApp(async (call) => {
    const library = await (await call("/")).text();
    assert.match(library, /Example studies/);
    assert.match(library, /data-island="NewStudy"/);
    const view = await (await call("/studies/falls-prevention")).text();
    assert.match(view, /data-island="Workbench"/);
    assert.match(view, /\/static\/build\/Workbench\.js/);
  });
});

Deno.test("a saved study can be renamed and deleted, naming the version it changes", async () => {
  await withApp(async (call) => {
    const meta = await (await call("/api/studies", post({ study }))).json();
    const run = await (await call("/api/run", post({ study, iterations: 10 }))).json();
    assert.equal(
      (await call(`/api/studies/${meta.id}/runs`, post({ results: run.results }))).status,
      201,
    );
    const patch = (body: unknown): RequestInit => ({ ...post(body), method: "PATCH" });
    // Rename: a new version, the study text carries the name, the run is kept.
    const renamed = await call(`/api/studies/${meta.id}`, patch({ name: " Renamed ", version: 1 }));
    assert.equal(renamed.status, 200);
    const after = await renamed.json();
    assert.equal(after.name, "Renamed");
    assert.equal(after.version, 2);
    assert.equal(after.runs.length, 1);
    const got = await (await call(`/api/studies/${meta.id}`)).json();
    assert.equal(JSON.parse(got.studyText).name, "Renamed");
    assert.equal(JSON.parse(got.studyText).interventions[0].id, "iv");
    // A stale version is refused and changes nothing.
    const stale = await call(`/api/studies/${meta.id}`, patch({ name: "Other", version: 1 }));
    assert.equal(stale.status, 409);
    assert.equal((await (await call(`/api/studies/${meta.id}`)).json()).name, "Renamed");
    // Bad names and versions are 400s.
    assert.equal(
      (await call(`/api/studies/${meta.id}`, patch({ name: "", version: 2 }))).status,
      400,
    );
    assert.equal(
      (await call(`/api/studies/${meta.id}`, patch({ name: "x", version: "2x" }))).status,
      400,
    );
    // Shipped studies cannot be renamed or deleted.
    assert.equal(
      (await call("/api/studies/falls-prevention", patch({ name: "x", version: 1 }))).status,
      404,
    );
    assert.equal(
      (await call("/api/studies/falls-prevention?version=1", { method: "DELETE" })).status,
      404,
    );
    // Delete: a stale version is refused; the current one deletes the study and its runs.
    assert.equal(
      (await call(`/api/studies/${meta.id}?version=1`, { method: "DELETE" })).status,
      409,
    );
    assert.equal((await call(`/api/studies/${meta.id}`, { method: "DELETE" })).status, 400);
    assert.equal(
      (await call(`/api/studies/${meta.id}?version=2`, { method: "DELETE" })).status,
      204,
    );
    assert.equal((await call(`/api/studies/${meta.id}`)).status, 404);
    assert.equal((await call(`/api/studies/${meta.id}/runs?run=${after.runs[0].id}`)).status, 404);
    const list = await (await call("/api/studies")).json();
    assert.ok(!list.saved.some((s: { id: string }) => s.id === meta.id));
    assert.equal(
      (await call(`/api/studies/${meta.id}?version=2`, { method: "DELETE" })).status,
      404,
    );
  });
});

Deno.test("renaming and deleting need the access token when the server has one", async () => {
  const dir = await Deno.makeTempDir();
  const store = await Store.open(`${dir}/token.kv`);
  const token = "0123456789abcdef0123";
  const app = await createApp({ store, limits: new Limits(), token });
  const call = (path: string, init?: RequestInit) =>
    app.fetch(new Request(`http://local${path}`, init));
  try {
    const auth = { authorization: `Bearer ${token}` };
    const meta = await (await call("/api/studies", {
      ...post({ study }),
      headers: { "content-type": "application/json", ...auth },
    })).json();
    const body = JSON.stringify({ name: "x", version: 1 });
    assert.equal((await call(`/api/studies/${meta.id}`, { method: "PATCH", body })).status, 401);
    assert.equal(
      (await call(`/api/studies/${meta.id}?version=1`, { method: "DELETE" })).status,
      401,
    );
    assert.equal((await call(`/api/studies/${meta.id}`)).status, 200, "reads need no token");
    assert.equal(
      (await call(`/api/studies/${meta.id}?version=1`, { method: "DELETE", headers: auth })).status,
      204,
    );
  } finally {
    store.close();
  }
});

Deno.test("POST /api/report builds the report of the results sent, never a run of its own", async () => {
  await withApp(async (call) => {
    // A run with other settings than the study's own (seed 9, 40 iterations).
    const { loaded } = prepareStudy(JSON.stringify(study), () => ({}));
    const run = await runStudy(loaded!, { iterations: 12, seed: 4321, interval: 0.9 });
    const res = await call(
      "/api/report",
      post({
        study,
        results: run.results,
        assertions: run.assertions,
        decompositions: run.decompositions,
      }),
    );
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-disposition") ?? "", /api-study-report\.html/);
    const html = await res.text();
    assert.match(html, /Monte Carlo: 12 iterations, seed 4321/);
    assert.doesNotMatch(html, /40 iterations|seed 9\b/);
    // The study changed after the run: refused, with what to do.
    const edited = { ...study, interventions: [{ ...study.interventions[0], uptake: 0.6 }] };
    const stale = await call("/api/report", post({ study: edited, results: run.results }));
    assert.equal(stale.status, 409);
    assert.match((await stale.json()).messages[0], /not of this study.*run the study again/);
    // Results that are not results: 422, no internal error.
    const broken = structuredClone(run.results) as unknown as {
      scenarios: { absolute: unknown }[];
    };
    broken.scenarios[1].absolute = {};
    const bad = await call("/api/report", post({ study, results: broken }));
    assert.equal(bad.status, 422);
    assert.equal((await call("/api/report", post({ results: run.results }))).status, 400);
  });
});

Deno.test("POST /api/report of a saved run: the run kept with the study", async () => {
  await withApp(async (call) => {
    const meta = await (await call("/api/studies", post({ study }))).json();
    const { loaded } = prepareStudy(JSON.stringify(study), () => ({}));
    const run = await runStudy(loaded!, { iterations: 8, seed: 77, interval: 0.9 });
    const saved = await (await call(
      `/api/studies/${meta.id}/runs`,
      post({ results: run.results, assertions: run.assertions, decompositions: [] }),
    )).json();
    // Kept with its assertions, returned in the form it was sent.
    const back = await (await call(`/api/studies/${meta.id}/runs?run=${saved.id}`)).json();
    assert.deepEqual(back.results, JSON.parse(JSON.stringify(run.results)));
    const res = await call("/api/report", post({ studyId: meta.id, runId: saved.id }));
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Monte Carlo: 8 iterations, seed 77/);
    assert.equal(
      (await call("/api/report", post({ studyId: meta.id, runId: "r-00000000" }))).status,
      404,
    );
  });
});
