/**
 * The value analysis everywhere: summary.csv's value rows, the comparison's health and value
 * rows, `sim compare`'s value lines, the report's value section and its charts.
 */
import assert from "node:assert/strict";
// @ts-types="npm:@types/d3-dsv@3.0.7"
import { csvParseRows } from "d3-dsv";
import { summaryCsv, valueRows } from "../../report/csv.ts";
import { buildComparison } from "../../report/comparison.ts";
import { ceacChart } from "../../report/charts/ceac.ts";
import { cePlaneChart } from "../../report/charts/ce-plane.ts";
import { evpiChart } from "../../report/charts/evpi.ts";
import { tornadoChart } from "../../report/charts/tornado.ts";
import { chartSvg, reportHtml } from "../../report/html.tsx";
import {
  budgetTable,
  distributionalTable,
  incrementalTable,
  informationTable,
  prccTable,
  valueSummaryTable,
  valueText,
} from "../../report/value-tables.ts";
import { deterministic } from "../../sim/api.ts";
import { prepareModel } from "../../sim/model.ts";
import { exampleStudy } from "../helpers.ts";
import { exampleRun, exampleStudyFile } from "./fixture.ts";

Deno.test("summary.csv value rows: the results' values, study-wide rows with a blank scenario", async () => {
  const { results } = await exampleRun();
  const rows = csvParseRows(summaryCsv(results)).filter((r) => r[2] === "value");
  assert.equal(rows.length, valueRows(results).length);
  const H = String(results.horizonYears);
  const find = (scenario: string, measure: string) =>
    rows.find((r) => r[0] === scenario && r[3] === measure && r[4] === H)!;
  const v = results.scenarios[1].value!;
  assert.equal(Number(find("Frailty", "incremental.qalys")[5]), v.incrementalQalys);
  assert.equal(Number(find("Frailty", "incremental.cost")[5]), v.incrementalCost);
  assert.equal(find("Frailty", "icer")[5], v.icer === null ? "" : String(v.icer));
  assert.equal(find("Frailty", `frontier.${v.frontier}`)[5], "1");
  assert.equal(
    Number(find("Frailty", "pCostEffective.20000")[5]),
    v.thresholds[0].pCostEffective,
  );
  const nmb = find("Frailty", "nmb.30000");
  assert.deepEqual([nmb[5], nmb[9], nmb[10]].map(Number), [
    v.thresholds[1].nmb.mean,
    v.thresholds[1].nmb.low,
    v.thresholds[1].nmb.high,
  ]);
  assert.equal(Number(find("", "evpi.population.20000")[5]), results.value.evpi!.population[20]);
  assert.ok(rows.some((r) => r[0] === "" && r[3].startsWith("evppi.population.20000.Effects: ")));
  assert.ok(rows.some((r) => r[3].startsWith("prcc.nmb.20000.interventions.frailty.")));
  assert.ok(rows.some((r) => r[3].startsWith("tornado.nmb.20000.") && r[3].endsWith(".low")));
  assert.ok(rows.some((r) => r[3] === "budget.payer.Local authority" && r[4] === "3"));
  // The CEAC rows of a threshold add to 1 over the scenarios (the baseline has no value rows:
  // its probability is 1 minus the others').
  const ceac = results.value.acceptability!;
  assert.equal(
    Number(find("Frailty", "ceac.20000")[5]),
    ceac.scenarios.find((s) => s.name === "Frailty")!.probability[20],
  );
});

Deno.test("the comparison has QALYs, life-years, ICER, NMB and P(cost-effective) rows", async () => {
  const { results } = await exampleRun();
  const c = buildComparison(results);
  const labels = c.rows.map((r) => `${r.section}: ${r.label}`);
  for (
    const label of [
      "Health: QALYs gained",
      "Health: Life-years gained",
      "Value: ICER",
      "Value: Across all scenarios",
      "Value: Net monetary benefit at £20,000 per QALY",
      "Value: Probability cost-effective at £30,000 per QALY",
      "Inequality: Share of QALYs gained in Q1",
    ]
  ) assert.ok(labels.includes(label), label);
  const p = c.rows.find((r) => r.label === "Probability cost-effective at £20,000 per QALY")!;
  assert.equal(p.cells[0].value, results.scenarios[1].value!.thresholds[0].pCostEffective);
});

Deno.test("sim compare's value lines: the incremental analysis, payback and information values", async () => {
  const { results } = await exampleRun();
  const text = valueText(results);
  assert.match(text, /VALUE FOR MONEY \(costs discounted at 3\.5%, QALYs at 3\.5%/);
  assert.match(text, /Incremental analysis across scenarios/);
  assert.match(text, /Pays back/);
  assert.match(text, /All \(EVPI\)/);
  for (const s of results.scenarios) assert.match(text, new RegExp(s.name.replace("+", "\\+")));
});

Deno.test("value tables: header first, every row as wide; deterministic runs have no information table", async () => {
  const { results } = await exampleRun();
  const tables = [
    valueSummaryTable(results),
    incrementalTable(results),
    informationTable(results)!,
    prccTable(results, "Frailty")!,
    distributionalTable(results),
    budgetTable(results, "Frailty + falls")!,
  ];
  for (const t of tables) {
    assert.ok(t.length > 2);
    assert.ok(t.every((r) => r.length === t[0].length), t[0][0]);
  }
  const det = deterministic({ model: prepareModel(exampleStudy()) });
  assert.equal(informationTable(det), null);
  assert.ok(valueSummaryTable(det).length > 5);
});

Deno.test("value charts: title, text alternative, data table and an SVG", async () => {
  const { results } = await exampleRun();
  const charts = [
    [cePlaneChart(results), 2],
    [ceacChart(results)!, results.value.acceptability!.thresholds.length],
    [evpiChart(results)!, results.value.evpi!.thresholds.length],
    [tornadoChart(results, "Frailty")!, results.value.tornado!.scenarios[0].bars.length],
  ] as const;
  for (const [chart, rows] of charts) {
    assert.ok(chart.title.length > 10, chart.id);
    assert.ok(chart.alt.length > 40, chart.id);
    assert.equal(chart.table.length - 1, rows, chart.id);
    assert.ok(chart.table.every((r) => r.length === chart.table[0].length), chart.id);
    assert.match(chartSvg(chart), /<svg|<figure/, chart.id);
  }
  assert.match(cePlaneChart(results).alt, /cost-effective at £20,000 per QALY/);
  const det = deterministic({ model: prepareModel(exampleStudy()) });
  assert.equal(ceacChart(det), null);
  assert.equal(evpiChart(det), null);
  assert.equal(tornadoChart(det, "Frailty"), null);
});

Deno.test("the report's value section: tables, four kinds of chart, the EDE caveat, the budget", async () => {
  const { results } = await exampleRun();
  const html = reportHtml(exampleStudyFile(), results);
  const section = html.slice(html.indexOf('<section id="value">'));
  assert.match(section, /Better health and value for money/);
  assert.match(section, /Incremental analysis across scenarios/);
  assert.match(section, /Cost-effectiveness plane/);
  assert.match(section, /Acceptability: the chance each scenario is the most cost-effective/);
  assert.match(section, /Value of information/);
  assert.match(section, /What moves the result: Frailty/);
  assert.match(section, /Robson et al\./);
  assert.match(section, /Budget view/);
  assert.ok((section.match(/<svg/g) ?? []).length >= 5);
});
