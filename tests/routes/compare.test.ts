/** GET /api/compare: two saved runs' inputs and outputs compared, a planted change found. */
import assert from "node:assert/strict";
import { post, savedRun, study, withApp } from "./runs-helpers.ts";

interface Change {
  path: string;
  kind: string;
  what: string;
  model: boolean;
  old: string | null;
  new: string | null;
}

Deno.test("compare runs: a planted input change is named and its output effect flagged", async () => {
  await withApp(async (call) => {
    const a = await savedRun(call);
    // The effect on admissions planted: RR 0.8 → 0.4, and a rationale written.
    const planted = study(0.4);
    (planted.interventions[0] as Record<string, unknown>).rationale = "Local pilot";
    const b = await savedRun(call, a.studyId, a.version, planted);
    // Renamed since: each run is named as it ran.
    const renamed = await call(
      `/api/studies/${a.studyId}`,
      post({ name: "Renamed since", version: b.version }, "PATCH"),
    );
    assert.equal(renamed.status, 200, await renamed.clone().text());
    const res = await call(
      `/api/compare?old=${a.studyId}/${a.run.id}&new=${b.studyId}/${b.run.id}`,
    );
    assert.equal(res.status, 200, await res.clone().text());
    const c = await res.json();
    assert.equal(c.old.run.id, a.run.id);
    assert.equal(c.new.studyName, "Runs study");
    assert.equal(c.old.studyName, "Runs study");
    const changes = c.inputs.diff.changes as Change[];
    assert.deepEqual(
      changes.find((x) => x.path === "interventions.iv.effects.activity.nonElective"),
      {
        section: "Intervention",
        item: "Coordination",
        path: "interventions.iv.effects.activity.nonElective",
        kind: "changed",
        what: "value",
        model: true,
        // Worded as everywhere else (report/parameter-text.ts).
        old: "0.8 (fixed)",
        new: "0.4 (fixed)",
      },
    );
    assert.ok(changes.some((x) => x.what === "note" && x.new === "Local pilot" && !x.model));
    assert.equal(c.inputs.diff.modelChanges, 1);
    assert.match(c.inputs.note, /1 to the model/);
    // Outputs: admissions in the scenario moved far beyond Monte Carlo error.
    assert.equal(c.outputs.moved, true);
    const flagged = c.outputs.flagged as { scenario: string; kind: string; measure: string }[];
    assert.ok(
      flagged.some((f) =>
        f.scenario === "Coordinated" && f.kind === "difference" &&
        f.measure === "activity.nonElective"
      ),
    );
    // The baseline did not move (common inputs, same seed).
    assert.ok(!flagged.some((f) => f.scenario === "Baseline" && f.measure === "population"));
    assert.ok(c.outputs.reasons.some((r: string) => /model inputs/.test(r)));
    assert.match(c.outputs.summary, /Compared/);
    // A run compared with itself: nothing changed, nothing moved.
    const same = await (await call(
      `/api/compare?old=${a.studyId}/${a.run.id}&new=${a.studyId}/${a.run.id}`,
    )).json();
    assert.deepEqual(same.inputs.diff.changes, []);
    assert.equal(same.outputs.moved, false);
    assert.equal(same.outputs.counts.flagged, 0);
    // Runs of two different studies compare too.
    const other = await (await call("/api/studies", post({ study: study(0.8) }))).json();
    const run = await (await call("/api/run", post({ study: study(0.8), iterations: 30 }))).json();
    const kept = await (await call(`/api/studies/${other.id}/runs`, post({ results: run.results })))
      .json();
    const across = await (await call(
      `/api/compare?old=${a.studyId}/${a.run.id}&new=${other.id}/${kept.id}`,
    )).json();
    assert.deepEqual(across.inputs.diff.changes, []);
    assert.equal(across.outputs.moved, false);
    // Bad requests.
    assert.equal((await call(`/api/compare?old=x&new=${a.studyId}/${a.run.id}`)).status, 400);
    assert.equal(
      (await call(`/api/compare?old=${a.studyId}/r-00000000&new=${a.studyId}/${a.run.id}`)).status,
      404,
    );
  });
});
