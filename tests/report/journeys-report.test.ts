/**
 * The report's journeys section: by default the cohort the scenario reaches most, a typical and
 * a high-cost person charted, labelled synthetic, with the averages beside the cohort model.
 */
import assert from "node:assert/strict";
import { reportHtml } from "../../report/html.tsx";
import { journeysReport } from "../../report/journeys-report.ts";
import { defaultCohort, journeyModel, resolveCohort } from "../../sim/journeys.ts";
import { shipped } from "../sim/journeys-fixtures.ts";
import { exampleRun, exampleStudyFile } from "./fixture.ts";

Deno.test("default cohort: the one the scenario enrols most people of; else the costliest", () => {
  const { model } = shipped("falls-prevention.json");
  const jm = journeyModel(model, { scenario: "Falls prevention" });
  const spec = defaultCohort(jm);
  const cohort = resolveCohort(model.layout, model.initial, spec);
  const S = model.layout.stateCount;
  const enrolled = (states: ArrayLike<number>, people: ArrayLike<number>) => {
    let x = 0;
    for (const iv of jm.scenario!.interventions) {
      for (let c = 0; c < jm.cycles; c++) {
        for (let i = 0; i < states.length; i++) x += iv.share[c * S + states[i]] * people[i];
      }
    }
    return x;
  };
  const best = enrolled(cohort.states, cohort.people);
  assert.ok(best > 0);
  // No other band × level × quintile is enrolled more.
  for (const band of model.layout.ageBands) {
    for (const complexity of model.layout.levels) {
      for (const quintile of [1, 2, 3, 4, 5]) {
        let other;
        try {
          other = resolveCohort(model.layout, model.initial, { band, complexity, quintile });
        } catch {
          continue;
        }
        assert.ok(enrolled(other.states, other.people) <= best + 1e-9, `${band} ${complexity}`);
      }
    }
  }
  const baselineOnly = defaultCohort(journeyModel(model));
  assert.ok(baselineOnly.band && baselineOnly.complexity && baselineOnly.quintile);
});

Deno.test("report: a journeys section with a typical and a high-cost synthetic person", async () => {
  const { results } = await exampleRun();
  const study = exampleStudyFile("Journeys");
  const { model } = shipped("frailty-proactive-care.json");
  const j = journeysReport(model, { seed: 5, people: 300 });
  assert.equal(j.persons.length, 2);
  assert.equal(j.check.length, 6);
  for (const row of j.check) {
    assert.ok(Math.abs(row.mean - row.cohort) < 5 * row.se, `${row.arm} ${row.measure}`);
  }
  const html = reportHtml(study, results, [], [], j);
  assert.match(html, /<h2 id="journeys-heading">A person's journey \(synthetic\)<\/h2>/);
  assert.match(html, /Synthetic: drawn from the model, not a real record\./);
  assert.equal(html.match(/a synthetic journey, Baseline and /g)?.length, 2);
  assert.match(html, /50th percentile of cost \(person \d+\)/);
  assert.match(html, /95th percentile of cost \(person \d+\)/);
  assert.doesNotMatch(reportHtml(study, results), /journeys-heading/);
});
