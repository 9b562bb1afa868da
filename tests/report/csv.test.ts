/** summary.csv: one row per scenario × measure × year × kind, every row as wide as the header. */
import assert from "node:assert/strict";
// @ts-types="npm:@types/d3-dsv@3.0.7"
import { csvParseRows } from "d3-dsv";
import { SUMMARY_COLUMNS, summaryCsv, valueRows } from "../../report/csv.ts";
import { exampleRun } from "./fixture.ts";

Deno.test("rows: absolute values, differences, areas and contributions, each 12 cells wide", async () => {
  const { results, decompositions } = await exampleRun();
  const rows = csvParseRows(summaryCsv(results, decompositions));
  assert.deepEqual(rows[0], SUMMARY_COLUMNS);
  assert.ok(rows.slice(1).every((r) => r.length === SUMMARY_COLUMNS.length));
  const Y = results.years.length;
  let expected = 0;
  for (const s of results.scenarios) {
    expected += Object.keys(s.absolute).length * Y + Object.keys(s.areas).length * Y;
    if (s.deltas) {
      expected += Object.keys(s.deltas).length * Y + Object.keys(s.areaDeltas!).length * Y;
    }
  }
  for (const d of decompositions) {
    for (const iv of d.interventions) expected += Object.keys(iv.contributions).length;
  }
  expected += valueRows(results).length;
  assert.equal(rows.length - 1, expected);
  const find = (scenario: string, kind: string, measure: string, year: number) =>
    rows.find((r) =>
      r[0] === scenario && r[2] === kind && r[3] === measure && r[4] === String(year)
    )!;
  const H = results.horizonYears;
  const base = find("Baseline", "absolute", "population", 0);
  assert.equal(Number(base[5]), results.scenarios[0].absolute.population.mean[0]);
  assert.equal(base[11], "", "no probability below zero for an absolute value");
  const net = find("Frailty", "difference", "discounted.cost.total", H);
  const s = results.scenarios[1].deltas!["discounted.cost.total"];
  assert.deepEqual(net.slice(5).map(Number), [
    s.mean[H],
    s.sd![H],
    s.mcse![H],
    s.median![H],
    s.low![H],
    s.high![H],
    s.pNegative![H],
  ]);
  const share = find("Frailty", "difference", "shareQ1.activity.nonElective", H);
  assert.deepEqual(share.slice(6), ["", "", "", "", "", ""], "a ratio of means has a mean only");
  const contribution = rows.find((r) => r[2] === "contribution" && r[1] === "falls")!;
  assert.equal(contribution[0], "Frailty + falls");
  assert.equal(contribution[4], String(H));
});
