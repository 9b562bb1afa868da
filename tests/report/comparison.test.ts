/** The side-by-side comparison: each cell is the run's own figure, formatted. */
import assert from "node:assert/strict";
import { buildComparison, comparisonText } from "../../report/comparison.ts";
import { count, countChange, moneyChange, percent } from "../../report/format.ts";
import { exampleRun } from "./fixture.ts";

Deno.test("cells are the summary's figures at the horizon", async () => {
  const { results } = await exampleRun();
  const c = buildComparison(results, { frailty: "ICB", falls: "Local authority" });
  const H = results.horizonYears;
  assert.deepEqual(c.scenarios, ["Frailty", "Frailty + falls"]);
  assert.deepEqual([...new Set(c.rows.map((r) => r.section))], [
    "Health",
    "Care",
    "Cost",
    "Value",
    "Inequality",
  ]);
  const row = (label: string) => c.rows.find((r) => r.label === label)!;
  const combined = results.scenarios[2].deltas!;
  const net = combined["discounted.cost.total"];
  assert.equal(row("Net cost").cells[1].text, moneyChange(net.mean[H]));
  assert.equal(
    row("Net cost").cells[1].interval,
    `${moneyChange(net.low![H])} to ${moneyChange(net.high![H])}`,
  );
  assert.equal(row("Probability of saving money").cells[1].text, percent(net.pNegative![H]));
  assert.equal(
    row(`People at high complexity in year ${H}`).cells[1].text,
    countChange(combined["population.complexity.high"].mean[H]),
  );
  assert.equal(
    row("Share of admissions avoided in Q1").cells[1].text,
    percent(combined["shareQ1.cumulative.activity.nonElective"].mean[H]),
  );
  assert.match(row("Intervention cost").cells[1].text, /\(ICB, Local authority\)$/);
});

Deno.test("as text: sections, labels and interval lines aligned", async () => {
  const { results } = await exampleRun();
  const text = comparisonText(buildComparison(results), { population: 229323, cost: 197.8e6 });
  assert.match(text, new RegExp(`^Against the baseline \\(${count(229323)} people, £197\\.8m`));
  for (const label of ["HEALTH", "CARE", "COST", "INEQUALITY", "Net cost", "90% interval"]) {
    assert.ok(text.includes(label), label);
  }
  const lines = text.split("\n").slice(2);
  assert.equal(new Set(lines.map((l) => l.length)).size, 1, "every line the same width");
});
