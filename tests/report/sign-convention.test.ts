/**
 * One sign convention everywhere: the same quantity carries the same sign and value in the
 * verdict, the comparison table, the chart data, the assertions, the CSV and the report.
 */
import assert from "node:assert/strict";
import { renderToString } from "preact-render-to-string";
import { h } from "preact";
import { csvParse } from "d3-dsv";
import { buildComparison } from "../../report/comparison.ts";
import { summaryCsv } from "../../report/csv.ts";
import { moneyChange, numberChange } from "../../report/format.ts";
import { reportHtml } from "../../report/html.tsx";
import { netCostCurve } from "../../report/charts/net-cost.ts";
import { inequalityChart } from "../../report/charts/inequality.ts";
import { buildVerdict, SIGN_CONVENTION } from "../../report/verdict.ts";
import { assertionRows } from "../../report/assertion-rows.ts";
import { contributionRows } from "../../report/decomposition.ts";
import { VerdictTable } from "../../components/Verdict.tsx";
import { exampleRun, exampleStudyFile } from "./fixture.ts";

/** Text as a reader sees it: tags gone, word joiners gone, entities decoded. */
const visible = (html: string) =>
  html.replace(/<[^>]+>/g, " ").replace(/\u2060/g, "").replace(/&amp;/g, "&").replace(
    /&lt;/g,
    "<",
  ).replace(/&gt;/g, ">");

Deno.test("net cost and the SII change: one sign and value in every place", async () => {
  const { results: r, decompositions } = await exampleRun();
  const H = r.horizonYears;
  const verdict = buildVerdict(r);
  const comparison = buildComparison(r);
  const csv = csvParse(summaryCsv(r));
  const verdictText = visible(renderToString(h(VerdictTable, { v: verdict })));
  const curve = netCostCurve(r).table;
  const inequality = inequalityChart(r).alt;
  const outcomes = r.scenarios.filter((s) => s.deltas).map((s) => ({
    assertion: { scenario: s.name, measure: "sii.nonElective", notWidening: true },
    label: "",
    unit: "per 1,000" as const,
    passed: true,
    year: H,
    // What the engine tests for "does not widen": |scenario| − |baseline|, of the other sign here.
    mean: -s.deltas!["sii.nonElective"].mean[H],
    low: -s.deltas!["sii.nonElective"].high![H],
    high: -s.deltas!["sii.nonElective"].low![H],
    share: 1,
  }));
  const report = visible(reportHtml(exampleStudyFile(), r, outcomes, decompositions));
  assert.ok(report.includes(SIGN_CONVENTION), "the report states the convention");

  comparison.scenarios.forEach((name, k) => {
    const s = r.scenarios.find((x) => x.name === name)!;
    const net = s.deltas!["discounted.cost.total"].mean[H];
    const sii = s.deltas!["sii.nonElective"].mean[H];
    const netText = moneyChange(net);
    const siiText = numberChange(sii);
    assert.match(netText, /^[+−]£/);
    // Verdict.
    const v = verdict.scenarios.find((x) => x.name === name)!;
    assert.equal(moneyChange(v.netCost.mean), netText);
    assert.equal(numberChange(v.siiChange.mean), siiText);
    const word = net < 0 ? "Saves money" : "Costs more";
    assert.ok(
      verdictText.includes(`${word}: ${netText}`) ||
        verdictText.includes(`${word} (uncertain): ${netText}`),
      `${name}: ${netText} in the verdict`,
    );
    // Comparison table.
    const cell = (label: string) => comparison.rows.find((x) => x.label === label)!.cells[k].text;
    assert.equal(cell("Net cost"), netText);
    assert.equal(cell("SII, non-elective admissions per 1,000"), siiText);
    // Chart data.
    const curveRow = curve.find((row) => row[0] === name)!;
    assert.equal(curveRow[3], netText);
    assert.ok(inequality.includes(`${name}: `) && inequality.includes(`SII ${siiText}`));
    // Assertions: shown as the change in the SII, the same figure as the comparison's.
    const row = assertionRows(r, outcomes).find((x) => x.text.startsWith(name))!;
    assert.equal(row.value, siiText);
    // CSV: the difference row holds the same signed number.
    const csvRow = csv.find((x) =>
      x.scenario === name && x.kind === "difference" && x.measure === "discounted.cost.total" &&
      x.year === String(H)
    )!;
    assert.equal(Math.sign(Number(csvRow.mean)), Math.sign(net));
    assert.equal(moneyChange(Number(csvRow.mean)), netText);
    // The report carries the same text in its verdict, comparison and assertions.
    assert.ok(report.includes(netText), `${name}: ${netText} in the report`);
    assert.ok(report.split(siiText).length - 1 >= 3, `${name}: ${siiText} thrice in the report`);
  });
  // A contribution that adds cost is positive and its flag says so in the same terms.
  for (const d of decompositions) {
    for (const row of contributionRows(d)) {
      if (row.flag) {
        assert.match(row.netCost, /^\+/);
        assert.match(row.flag, /above £0/);
      }
    }
  }
});
