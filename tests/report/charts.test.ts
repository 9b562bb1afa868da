/** Every chart has a title, a text alternative and a data table, and Observable Plot draws it. */
import assert from "node:assert/strict";
import { activityChart } from "../../report/charts/activity.ts";
import type { Chart } from "../../report/charts/chart.ts";
import { percentTick } from "../../report/charts/chart.ts";
import { costFanChart } from "../../report/charts/cost-fan.ts";
import { equityEfficiencyChart } from "../../report/charts/equity-efficiency.ts";
import { flowChangeChart, flowChart } from "../../report/charts/flows.ts";
import { impactabilityChart } from "../../report/charts/impactability.ts";
import { inequalityChart } from "../../report/charts/inequality.ts";
import { netCostCurve } from "../../report/charts/net-cost.ts";
import { netCostHistogram } from "../../report/charts/net-cost-histogram.ts";
import { reportCharts } from "../../report/charts/report-charts.ts";
import { sectorChart } from "../../report/charts/sectors.ts";
import { chartSvg } from "../../report/html.tsx";
import { deterministic } from "../../sim/api.ts";
import { cohortImpactability } from "../../sim/impactability.ts";
import { prepareModel } from "../../sim/model.ts";
import { targetingPlane } from "../../sim/targeting-plane.ts";
import { exampleStudy } from "../helpers.ts";
import { exampleRun } from "./fixture.ts";

Deno.test("each chart: title, text, table, and an SVG without prohibited ARIA", async () => {
  const { results } = await exampleRun();
  const model = prepareModel(exampleStudy());
  const Y = results.years.length;
  const plane = targetingPlane(model, "frailty").map((p) => ({
    rule: p.rule,
    netCost: -p.saving,
    siiChange: p.siiChange,
  }));
  const charts: [Chart, number][] = [
    [costFanChart(results), 2 * Y],
    [netCostCurve(results), 2],
    [netCostHistogram(results)!, 2 * results.paired!.netCost.edges.length - 2],
    [activityChart(results), 2 * 5 * Y],
    [sectorChart(results), 2 * 6],
    [inequalityChart(results), 2 * 5],
    [flowChart(results, "Frailty"), 3 * 4],
    [flowChangeChart(results, "Frailty"), 3 * 3],
    // 75+ at middle or high complexity: 2 levels × 5 quintiles.
    [impactabilityChart(cohortImpactability(model, "frailty"), "Frailty"), 10],
    [equityEfficiencyChart(plane, -150), 4],
  ];
  for (const [chart, rows] of charts) {
    assert.ok(chart.title.length > 10, chart.id);
    assert.ok(chart.alt.length > 20, chart.id);
    assert.equal(chart.table.length - 1, rows, chart.id);
    assert.ok(chart.table.every((r) => r.length === chart.table[0].length), chart.id);
    const svg = chartSvg(chart);
    assert.match(svg, /<svg|<figure/, chart.id);
    // Plot's aria-label on <g> is prohibited (no role): none left; the SVG is decoration.
    assert.doesNotMatch(svg, /aria-label=|aria-description=/, chart.id);
    assert.match(svg, /<svg[^>]*aria-hidden="true"/, chart.id);
  }
  assert.deepEqual(reportCharts(results).map((c) => c.id), [
    "cost-fan",
    "net-cost",
    "net-cost-histogram",
    "sectors",
    "activity",
    "inequality",
  ]);
});

Deno.test("legends name what colour means: quintiles, scenarios, saves or costs", async () => {
  const { results } = await exampleRun();
  const model = prepareModel(exampleStudy());
  const cohorts = impactabilityChart(cohortImpactability(model, "frailty"), "Frailty");
  const colour = cohorts.options.color as { domain: string[]; legend: boolean; label: string };
  assert.equal(colour.legend, true);
  assert.deepEqual(colour.domain, [
    "Q1 most deprived",
    "Q2",
    "Q3",
    "Q4",
    "Q5 least deprived",
  ]);
  assert.equal(colour.label, "Deprivation quintile");
  // Charts of differences: the baseline is the zero line, not a legend entry.
  for (const chart of [costFanChart(results), activityChart(results), inequalityChart(results)]) {
    const c = chart.options.color as { domain: string[]; legend: boolean };
    assert.deepEqual(c.domain, ["Frailty", "Frailty + falls"], chart.id);
    assert.equal(c.legend, true);
  }
  for (const chart of [sectorChart(results), flowChart(results, "Frailty")]) {
    assert.equal((chart.options.color as { legend: boolean }).legend, true, chart.id);
  }
  // Scenario colours are the same in every chart (by the scenario's place in the study).
  const a = (costFanChart(results).options.color as { range: string[] }).range;
  const b = (inequalityChart(results).options.color as { range: string[] }).range;
  assert.deepEqual(a, b);
});

Deno.test("deterministic results: no net-cost distribution or histogram, no bands", () => {
  const r = deterministic({ model: prepareModel(exampleStudy()) });
  assert.equal(netCostHistogram(r), null);
  assert.deepEqual(reportCharts(r).map((c) => c.id), [
    "cost-fan",
    "sectors",
    "activity",
    "inequality",
  ]);
  assert.deepEqual(costFanChart(r).table[0], ["Scenario", "Year", "Change in cost"]);
});

Deno.test("percentage ticks never read alike on a narrow range", () => {
  const tick = percentTick([0, 0.0004, -0.0002]);
  const ticks = [-0.0002, -0.0001, 0, 0.0001, 0.0002, 0.0003, 0.0004].map(tick);
  assert.equal(new Set(ticks).size, ticks.length, ticks.join(" "));
  assert.equal(tick(0), "0%");
  assert.equal(percentTick([0, 0.2])(0.1), "+10%");
});
