/**
 * The theograph: lanes per sector, baseline above scenario, costs beside that add up to the
 * journey's own totals, labelled synthetic, drawn by Observable Plot; people chosen at
 * percentiles of cost are the people at those ranks.
 */
import assert from "node:assert/strict";
import {
  SYNTHETIC_LABEL,
  THEOGRAPH_LANES,
  theographChart,
  theographPeople,
} from "../../report/charts/theograph.ts";
import { chartSvg } from "../../report/html.tsx";
import {
  chooseJourneys,
  journeyModel,
  percentileRank,
  resolveCohort,
  totalCost,
} from "../../sim/journeys.ts";
import { shipped } from "../sim/journeys-fixtures.ts";

const lanes = THEOGRAPH_LANES.length - 1;

Deno.test("theograph: one lane per sector, both arms, costs beside that add up, labelled synthetic", () => {
  const loaded = shipped("frailty-proactive-care.json");
  const jm = journeyModel(loaded.model, { scenario: "Both together" });
  const cohort = resolveCohort(loaded.model.layout, loaded.model.initial, {
    band: "75+",
    complexity: "high",
    quintile: 1,
  });
  const chosen = chooseJourneys(jm, cohort, {
    people: 400,
    seed: 3,
    choice: { kind: "percentiles", percentiles: [50, 95] },
  });
  const people = theographPeople(jm, chosen);
  assert.equal(people.length, 2);
  assert.ok(chosen.chosen[0].baselineCost <= chosen.chosen[1].baselineCost);
  for (const [k, p] of people.entries()) {
    const chart = theographChart(p);
    assert.match(chart.title, /synthetic journey, Baseline and Both together/);
    assert.ok(chart.alt.startsWith(SYNTHETIC_LABEL));
    assert.match(String(chart.options.caption), /not a real record/);
    const costs = chart.table.slice(1, 1 + 2 * lanes);
    assert.deepEqual(costs.map((r) => r[0]), [
      ...Array(lanes).fill("Baseline"),
      ...Array(lanes).fill("Both together"),
    ]);
    assert.deepEqual(costs.slice(0, lanes).map((r) => r[1]), THEOGRAPH_LANES.slice(1));
    // The lanes' costs add up to what the journey costs (service and programme).
    for (const [a, journey] of p.arms.map((x) => x.journey).entries()) {
      const sum = costs.slice(a * lanes, (a + 1) * lanes)
        .reduce((s, r) => s + Number(r[3].replace(/[£,]/g, "")), 0);
      assert.ok(Math.abs(sum - totalCost(chosen.set.totals, journey.totals)) <= lanes);
    }
    // Baseline: no programme.
    assert.equal(costs[lanes - 1][3], "£0");
    assert.equal(p.arms[0].journey.person, chosen.chosen[k].person);
    const svg = chartSvg(chart);
    assert.match(svg, /<svg/);
    for (const lane of THEOGRAPH_LANES) assert.ok(svg.includes(lane.replace("&", "&amp;")), lane);
  }
  // The 95th percentile person is the one at rank ⌈0.95 n⌉ of baseline cost.
  const costs = chosen.all.baseline.map((j) => totalCost(chosen.all.totals, j.totals))
    .sort((a, b) => a - b);
  assert.equal(chosen.chosen[1].baselineCost, costs[percentileRank(95, 400)]);
  assert.equal(percentileRank(95, 400), 379);
  assert.equal(percentileRank(50, 1), 0);
});
