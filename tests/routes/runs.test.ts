/**
 * Saved runs you can defend, through the HTTP API: each run keeps the study text and CSV it ran
 * (and reproduces its results from them after the study changed), a run is kept only with its
 * own inputs, and a final run is locked and superseded, never edited.
 */
import assert from "node:assert/strict";
import { SCHEMA_VERSION } from "../../sim/study/format.ts";
import { post, savedRun, study, withApp } from "./runs-helpers.ts";
import { deterministic, runStudy } from "../../sim/api.ts";
import { prepareStudy } from "../../sim/study/prepare.ts";
import { fnv1a64 } from "../../sim/hash.ts";
import { scenarioFiles, SCENARIOS_DIR } from "../helpers.ts";

Deno.test("a run keeps its own inputs and reproduces its results from them after the study changed", async () => {
  await withApp(async (call) => {
    const first = await savedRun(call);
    assert.equal(first.run.snapshot, true);
    assert.equal(first.run.schemaVersion, 2);
    assert.equal(first.run.studyVersion, 1);
    assert.equal(first.run.engineVersion, first.results.provenance.engineVersion);
    assert.equal(first.run.uncertainty, "parameters+counts");
    assert.equal(first.run.mode, "monte-carlo");
    assert.equal(first.run.final, null);
    // The study is edited and saved again: a stronger effect.
    const edited = await call(
      "/api/studies",
      post({ study: study(0.5), id: first.studyId, version: first.version }),
    );
    assert.equal(edited.status, 200);
    const now = await (await call(`/api/studies/${first.studyId}`)).json();
    assert.equal(JSON.parse(now.studyText).interventions[0].effects.activity.nonElective, 0.5);
    // The old run still has its own inputs.
    const got = await (await call(`/api/studies/${first.studyId}/runs/${first.run.id}`)).json();
    assert.equal(got.snapshot.studyText, JSON.stringify(study()));
    assert.equal(got.snapshot.csvText, null);
    assert.equal(got.snapshot.studyHash, first.results.provenance.studyHash ?? got.run.studyHash);
    assert.equal(got.verified, null);
    // Run again from the snapshot with the run's seed, iterations and mode: identical results.
    const kept = await (await call(`/api/studies/${first.studyId}/runs?run=${first.run.id}`))
      .json();
    const { loaded } = prepareStudy(got.snapshot.studyText, () => ({}));
    const again = await runStudy(loaded!, {
      ...loaded!.options,
      iterations: got.run.iterations,
      seed: got.run.seed,
      uncertainty: got.run.uncertainty,
      decompose: false,
      denoVersion: Deno.version.deno,
    });
    assert.deepEqual(JSON.parse(JSON.stringify(again.results)), kept);
    // The edited study is another model.
    const { loaded: current } = prepareStudy(now.studyText, () => ({}));
    const other = await runStudy(current!, {
      ...current!.options,
      iterations: 30,
      decompose: false,
    });
    assert.notEqual(other.results.inputHash, kept.inputHash);
  });
});

Deno.test("a run is kept only with the inputs it came from", async () => {
  await withApp(async (call) => {
    const first = await savedRun(call);
    // Results of another study, sent as this study's: refused, nothing kept.
    const run = await (await call("/api/run", post({ study: study(0.6), iterations: 30 }))).json();
    const wrong = await call(`/api/studies/${first.studyId}/runs`, post({ results: run.results }));
    assert.equal(wrong.status, 409);
    const body = await wrong.json();
    assert.equal(body.problems[0].at, "results.inputHash");
    const lying = await call(
      `/api/studies/${first.studyId}/runs`,
      post({ results: run.results, study: study(0.8) }),
    );
    assert.equal(lying.status, 409);
    // Sent with the study it ran (an unsaved edit): kept, with that text as its snapshot.
    const right = await call(
      `/api/studies/${first.studyId}/runs`,
      post({ results: run.results, study: JSON.stringify(study(0.6)) }),
    );
    assert.equal(right.status, 201);
    const meta = await right.json();
    const got = await (await call(`/api/studies/${first.studyId}/runs/${meta.id}`)).json();
    assert.equal(got.snapshot.studyText, JSON.stringify(study(0.6)));
    const list = await (await call(`/api/studies/${first.studyId}`)).json();
    assert.deepEqual(list.runs.map((r: { id: string }) => r.id), [meta.id, first.run.id]);
  });
});

Deno.test("sign-off: a final run is locked (423), carries its content hash and is superseded, not edited", async () => {
  await withApp(async (call) => {
    const a = await savedRun(call);
    const runs = `/api/studies/${a.studyId}/runs`;
    assert.equal((await call(`${runs}/${a.run.id}/final`, post({ note: "x" }))).status, 422);
    const signed = await call(
      `${runs}/${a.run.id}/final`,
      post({ by: "A. Finance", note: "For the March board paper" }),
    );
    assert.equal(signed.status, 201, await signed.clone().text());
    const final = await signed.json();
    assert.equal(final.final.by, "A. Finance");
    assert.equal(final.final.note, "For the March board paper");
    assert.match(final.final.contentHash, /^[0-9a-f]{64}$/);
    assert.ok(Date.now() - Date.parse(final.final.at) < 60_000);
    assert.equal(final.final.supersedes, null);
    const got = await (await call(`${runs}/${a.run.id}`)).json();
    assert.equal(got.verified, true);
    assert.deepEqual(got.run.final, final.final);
    // Locked: signed again or deleted, it answers 423 and says why.
    const again = await call(`${runs}/${a.run.id}/final`, post({ by: "B", note: "" }));
    assert.equal(again.status, 423);
    assert.match((await again.json()).problems[0].message, /is final .* locked/);
    const del = await call(`${runs}/${a.run.id}`, { method: "DELETE" });
    assert.equal(del.status, 423);
    assert.match((await del.json()).messages[0], /cannot be deleted/);
    assert.deepEqual((await (await call(`${runs}/${a.run.id}`)).json()).run.final, final.final);
    // A newer run supersedes it only by naming it.
    const x = await savedRun(call, a.studyId, a.version);
    const b = await savedRun(call, a.studyId, x.version);
    const unnamed = await call(`${runs}/${b.run.id}/final`, post({ by: "B. Finance" }));
    assert.equal(unnamed.status, 409);
    assert.match((await unnamed.json()).problems[0].message, /name it in "supersedes"/);
    const named = await call(
      `${runs}/${b.run.id}/final`,
      post({ by: "B. Finance", note: "Revised", supersedes: a.run.id }),
    );
    assert.equal(named.status, 201);
    assert.equal((await named.json()).final.supersedes, a.run.id);
    const list = await (await call(`/api/studies/${a.studyId}`)).json();
    const old = list.runs.find((r: { id: string }) => r.id === a.run.id);
    assert.equal(old.supersededBy, b.run.id);
    assert.deepEqual(old.final, final.final);
    // An older run cannot supersede the current final one; a run that is not final can go.
    const older = await call(`${runs}/${x.run.id}/final`, post({ by: "C", supersedes: b.run.id }));
    assert.equal(older.status, 409);
    assert.match((await older.json()).problems[0].message, /newer than this run/);
    assert.equal((await call(`${runs}/${x.run.id}`, { method: "DELETE" })).status, 204);
    assert.equal((await (await call(`/api/studies/${a.studyId}`)).json()).runs.length, 2);
    assert.equal((await call(`${runs}/${x.run.id}`)).status, 404);
  });
});

Deno.test("a saved study of an older format version is handed out upgraded, stored as it was", async () => {
  await withApp(async (call, store) => {
    const { schemaVersion: _, ...old } = study();
    const saved = await (await call("/api/studies", post({ study: old }))).json();
    const got = await (await call(`/api/studies/${saved.id}`)).json();
    assert.equal(JSON.parse(got.studyText).schemaVersion, SCHEMA_VERSION);
    assert.deepEqual({ from: got.upgrade.from, to: got.upgrade.to }, {
      from: 1,
      to: SCHEMA_VERSION,
    });
    assert.match(got.upgrade.changes[0], /schemaVersion 2 added/);
    assert.equal((await store.get(saved.id))!.studyText, JSON.stringify(old));
    const current = await (await call("/api/studies/falls-prevention")).json();
    assert.equal(current.upgrade, null);
  });
});

Deno.test("a calibrated study's run: kept with its snapshot, its posterior named, reproduced from both", async () => {
  const calibrated = {
    ...study(),
    calibration: {
      targets: "data/example-place-targets.json",
      posterior: "data/example-place-posterior.json",
    },
  };
  const posteriorText = Deno.readTextFileSync(
    new URL("data/example-place-posterior.json", SCENARIOS_DIR),
  );
  await withApp(async (call) => {
    // Kept (the snapshot's inputs hash to the results' own, posterior included).
    const first = await savedRun(call, null, null, calibrated);
    assert.equal(first.run.snapshot, true);
    const posteriorHash = first.results.provenance.calibration.posteriorHash;
    assert.equal(posteriorHash, fnv1a64(posteriorText));
    const got = await (await call(`/api/studies/${first.studyId}/runs/${first.run.id}`)).json();
    const kept = await (await call(`/api/studies/${first.studyId}/runs?run=${first.run.id}`))
      .json();
    assert.equal(kept.provenance.calibration.posteriorHash, posteriorHash);
    // The snapshot and the posterior its results name give the same results again.
    const { loaded } = prepareStudy(got.snapshot.studyText, scenarioFiles());
    assert.equal(loaded!.model.posterior!.hash, posteriorHash);
    const again = await runStudy(loaded!, {
      ...loaded!.options,
      iterations: got.run.iterations,
      seed: got.run.seed,
      uncertainty: got.run.uncertainty,
      decompose: false,
      denoVersion: Deno.version.deno,
    });
    assert.deepEqual(JSON.parse(JSON.stringify(again.results)), kept);
    // Results drawn from another posterior (a refit of one's own) are not this server's run.
    const refit = JSON.parse(posteriorText);
    refit.draws = refit.draws.slice(0, 500);
    const read = scenarioFiles();
    const other = prepareStudy(
      JSON.stringify(calibrated),
      (path, kind) => kind === "posterior" ? { text: JSON.stringify(refit) } : read(path, kind),
    ).loaded!;
    const theirs = await runStudy(other, { ...other.options, iterations: 30, decompose: false });
    const refused = await call(
      `/api/studies/${first.studyId}/runs`,
      post({ results: theirs.results, study: JSON.stringify(calibrated) }),
    );
    assert.equal(refused.status, 409);
    const problem = (await refused.json()).problems[0];
    assert.equal(problem.at, "results.provenance.calibration.posteriorHash");
    assert.match(problem.message, /another calibration posterior/);
    assert.match(problem.expected, /posteriors in scenarios\/ only/);
  });
});

Deno.test("a study holding a final run is not deleted (423, naming the run); one without is, with its runs", async () => {
  await withApp(async (call, store) => {
    const a = await savedRun(call);
    const runs = `/api/studies/${a.studyId}/runs`;
    const signed = await call(`${runs}/${a.run.id}/final`, post({ by: "A. Finance", note: "" }));
    assert.equal(signed.status, 201);
    const del = await call(`/api/studies/${a.studyId}?version=${a.version}`, { method: "DELETE" });
    assert.equal(del.status, 423);
    const body = await del.json();
    assert.match(
      body.messages[0],
      new RegExp(`holds a final run — run ${a.run.id} \\(signed off by A\\. Finance on .*locked`),
    );
    assert.equal((await call(`/api/studies/${a.studyId}`)).status, 200, "the study is still there");
    assert.equal((await call(`${runs}/${a.run.id}`)).status, 200, "and its final run");
    // A study with runs but none final goes, runs, snapshots and all.
    const b = await savedRun(call);
    const gone = await call(`/api/studies/${b.studyId}?version=${b.version}`, { method: "DELETE" });
    assert.equal(gone.status, 204);
    assert.equal((await call(`/api/studies/${b.studyId}`)).status, 404);
    assert.equal(await store.getSavedRun(b.studyId, b.run.id), null);
  });
});

Deno.test("the report of a saved run is built from the run's own inputs, after the study changed", async () => {
  await withApp(async (call) => {
    const a = await savedRun(call, null, null, study(0.8));
    // The study is edited and saved again: another effect, another name.
    const edited = { ...study(0.6), name: "Runs study, revised" };
    const again = await call(
      "/api/studies",
      post({ study: edited, id: a.studyId, version: a.version }),
    );
    assert.equal(again.status, 200, await again.clone().text());
    const res = await call("/api/report", post({ studyId: a.studyId, runId: a.run.id }));
    assert.equal(res.status, 200, await res.clone().text());
    const html = await res.text();
    // Its own study: the name and the effect it ran with, and its own seed and iterations.
    assert.match(html, /<h1>Runs study<\/h1>/);
    assert.match(html, /non-elective admissions<\/th><td>0\.8 \(fixed\)/);
    assert.doesNotMatch(html, /0\.6 \(fixed\)/);
    assert.match(html, /Monte Carlo: 30 iterations, seed 5/);
  });
});

Deno.test("a deterministic run is kept with its snapshot and no seed; a Monte Carlo run needs one", async () => {
  await withApp(async (call) => {
    const a = await savedRun(call);
    const { loaded } = prepareStudy(JSON.stringify(study()), () => ({}));
    const results = JSON.parse(JSON.stringify(deterministic(loaded!)));
    assert.equal(results.seed, null);
    const runs = `/api/studies/${a.studyId}/runs`;
    const kept = await call(runs, post({ results, study: study() }));
    assert.equal(kept.status, 201, await kept.clone().text());
    const meta = await kept.json();
    assert.equal(meta.mode, "deterministic");
    assert.equal(meta.seed, null);
    assert.equal(meta.uncertainty, "none");
    assert.equal(meta.snapshot, true);
    assert.deepEqual(await (await call(`${runs}?run=${meta.id}`)).json(), results);
    // A Monte Carlo run without a seed is refused, once, by its JSON path.
    const refused = await call(
      runs,
      post({ results: { ...a.results, seed: null }, assertions: "none" }),
    );
    assert.equal(refused.status, 422);
    const problems = (await refused.json()).problems.map((p: { at: string }) => p.at);
    assert.deepEqual(problems, ["results.seed", "assertions"]);
  });
});
