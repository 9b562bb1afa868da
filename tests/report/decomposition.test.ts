/** Contributions by intervention as rows, text and waterfalls. */
import assert from "node:assert/strict";
import { DECOMPOSED_MEASURES } from "../../sim/measures.ts";
import {
  CONTRIBUTION_HEADERS,
  contributionRows,
  contributionText,
  OUTCOME_LABELS,
  waterfall,
} from "../../report/decomposition.ts";
import { money, moneyChange } from "../../report/format.ts";
import { exampleRun } from "./fixture.ts";

Deno.test("rows and text state each intervention's own cost and contribution", async () => {
  const { decompositions } = await exampleRun();
  const d = decompositions.find((x) => x.interventions.length === 2)!;
  const rows = contributionRows(d);
  d.interventions.forEach((iv, i) => {
    assert.equal(rows[i].intervention, iv.name);
    assert.equal(rows[i].ownCost, money(iv.ownCost.mean));
    assert.equal(rows[i].netCost, moneyChange(iv.contributions["discounted.cost.total"].mean));
  });
  const text = contributionText(d);
  assert.match(text, /exact Shapley values; contributions add up to the total/);
  assert.ok(CONTRIBUTION_HEADERS.every((h) => text.includes(h)));
});

Deno.test("every decomposed outcome has a label and a waterfall that ends at the total", async () => {
  const { decompositions } = await exampleRun();
  const d = decompositions.find((x) => x.interventions.length === 2)!;
  assert.deepEqual(Object.keys(OUTCOME_LABELS), [...DECOMPOSED_MEASURES]);
  assert.equal(OUTCOME_LABELS["discounted.cost.total"], "Net cost");
  assert.equal(OUTCOME_LABELS["sii.nonElective"], "SII, non-elective admissions");
  for (const key of DECOMPOSED_MEASURES) {
    const chart = waterfall(d, key);
    assert.equal(chart.title, `${d.scenario}: ${OUTCOME_LABELS[key]} by intervention`);
    assert.equal(chart.table.length, 1 + d.interventions.length + 1);
    assert.equal(chart.table.at(-1)![0], "Total");
  }
});
