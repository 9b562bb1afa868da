/** Every chart has a title, a text alternative and a data table, and Observable Plot draws it. */
import assert from "node:assert/strict";
import { activityChart } from "../../report/charts/activity.ts";
import type { Chart } from "../../report/charts/chart.ts";
import { costFanChart } from "../../report/charts/cost-fan.ts";
import { equityEfficiencyChart } from "../../report/charts/equity-efficiency.ts";
import { flowChart } from "../../report/charts/flows.ts";
import { impactabilityChart } from "../../report/charts/impactability.ts";
import { inequalityChart } from "../../report/charts/inequality.ts";
import { netCostCurve } from "../../report/charts/net-cost.ts";
import { reportCharts } from "../../report/charts/report-charts.ts";
import { sectorChart } from "../../report/charts/sectors.ts";
import { chartSvg } from "../../report/html.tsx";
import { cohortImpactability } from "../../sim/impactability.ts";
import { prepareModel } from "../../sim/model.ts";
import { targetingPlane } from "../../sim/targeting-plane.ts";
import { exampleStudy } from "../helpers.ts";
import { exampleRun } from "./fixture.ts";

Deno.test("each chart: title, text, table, and an SVG", async () => {
  const { results } = await exampleRun();
  const model = prepareModel(exampleStudy());
  const charts: [Chart, number][] = [
    [costFanChart(results), results.scenarios.length * results.years.length],
    [netCostCurve(results), 2],
    [activityChart(results), results.scenarios.length * 5],
    [sectorChart(results), 2 * 6],
    [inequalityChart(results), results.scenarios.length * 5],
    [flowChart(results, "Frailty"), 3 * 4],
    // 75+ at middle or high complexity: 2 levels × 5 quintiles.
    [impactabilityChart(cohortImpactability(model, "frailty"), "Frailty"), 10],
    [equityEfficiencyChart(targetingPlane(model, "frailty")), 4],
  ];
  for (const [chart, rows] of charts) {
    assert.ok(chart.title.length > 10, chart.id);
    assert.ok(chart.alt.length > 20, chart.id);
    assert.equal(chart.table.length - 1, rows, chart.id);
    assert.ok(chart.table.every((r) => r.length === chart.table[0].length), chart.id);
    assert.match(chartSvg(chart), /<svg|<figure/, chart.id);
  }
  assert.deepEqual(reportCharts(results).map((c) => c.id), [
    "cost-fan",
    "net-cost",
    "sectors",
    "activity",
    "inequality",
  ]);
});
