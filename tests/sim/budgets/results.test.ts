/**
 * Budgets in a run's results, summary.csv and assertions: one sign convention (differences are
 * scenario − baseline; positions are gains), the system's position equal to minus the net
 * cost, assertions on budget measures agreeing with the results, unknown budget measures
 * refused with a suggestion.
 */
import assert from "node:assert/strict";
import { runStudy } from "../../../sim/api.ts";
import { summaryCsv } from "../../../report/csv.ts";
import { expectProblem, problemsOf } from "../study/helpers.ts";
import { budgetStudy, prepared } from "./fixtures.ts";

const assertions = [
  { scenario: "With it", measure: "agreement.share.acute.position", above: 0, probability: 0.2 },
  {
    scenario: "With it",
    measure: "capitation.cumulativeVariance",
    compare: "level",
    below: 0,
    probability: 0,
  },
  {
    scenario: "With it",
    measure: "budget.frail-south.total.costPerPerson",
    year: 2,
    below: 0,
    probability: 0,
  },
];
const loaded = prepared(budgetStudy({ assertions }));
const { results, assertions: outcomes } = await runStudy(loaded, {
  ...loaded.options,
  decompose: false,
});
const b = results.budgets!;
const H = results.horizonYears;

Deno.test("results carry the budgets with the sign convention stated, and the illustrative flag", () => {
  assert.match(b.signConvention, /scenario − baseline/);
  assert.match(b.signConvention, /above 0 it gains/);
  assert.equal(b.illustrative, true);
  assert.deepEqual(b.parties.map((p) => p.id), [
    "commissioner",
    "acute",
    "community",
    "gp",
    "council",
  ]);
  const ids = b.cohorts.map((c) => c.cohort.id);
  for (const id of ["everyone", "age-75+", "complexity-high", "q1", "area-south", "frail-south"]) {
    assert.ok(ids.includes(id), id);
  }
});

Deno.test("the system's position is minus the net cost over the horizon; the parties add up to it", () => {
  const scenario = results.scenarios[1];
  const netCost = scenario.deltas!["cumulative.cost.total"].mean[H];
  const s = b.agreements[0].scenarios[0];
  assert.ok(Math.abs(s.positions.system.mean + netCost) < 1e-6 * Math.abs(netCost));
  const parties = b.parties.reduce((t, p) => t + s.positions[p.id].mean, 0);
  assert.ok(Math.abs(parties - s.positions.system.mean) < 1e-6 * Math.abs(netCost));
  // Everyone's total cost per person difference has the sign of the service cost change.
  const everyone = b.cohorts.find((c) => c.cohort.id === "everyone")!.scenarios[1];
  const perPerson = everyone.difference!.total.mean[H];
  assert.equal(Math.sign(perPerson), Math.sign(scenario.deltas!["cost.service"].mean[H]));
});

Deno.test("assertions on budget measures agree with the results' probabilities", () => {
  const [position, variance, cohort] = outcomes;
  const s = b.agreements[0].scenarios[0].positions.acute;
  assert.ok(
    Math.abs(position.share - (1 - s.pNegative)) < 1e-12,
    `${position.share} vs ${s.pNegative}`,
  );
  assert.ok(Math.abs(position.mean - s.mean) < 1e-6 * (1 + Math.abs(s.mean)));
  const cap = b.capitation!.scenarios[1];
  assert.ok(Math.abs(variance.share - (1 - cap.pCumulativeOverspend[H])) < 1e-12);
  assert.ok(
    Math.abs(variance.mean - cap.cumulativeVariance.mean[H]) < 1e-6 * Math.abs(variance.mean),
  );
  const frail = b.cohorts.find((c) => c.cohort.id === "frail-south")!.scenarios[1];
  assert.ok(
    Math.abs(cohort.mean - frail.difference!.total.mean[2]) < 1e-9 * (1 + Math.abs(cohort.mean)),
  );
  assert.equal(cohort.year, 2);
});

Deno.test("summary.csv has the budget rows, positions as differences at the horizon", () => {
  const csv = summaryCsv(results);
  const rows = csv.trim().split("\n").map((l) => l.split(","));
  const find = (measure: string, kind: string, year: number) =>
    rows.find((r) =>
      r[0] === "With it" && r[2] === kind && r[3] === measure && r[4] === String(year)
    );
  const system = find("agreement.share.system.position", "difference", H)!;
  assert.ok(system, "system position row");
  assert.equal(Number(system[5]), b.agreements[0].scenarios[0].positions.system.mean);
  assert.equal(Number(system[11]), b.agreements[0].scenarios[0].positions.system.pNegative);
  assert.ok(find("budget.everyone.acute.costPerPerson", "absolute", 1));
  assert.ok(find("budget.everyone.acute.costPerPerson", "difference", 1));
  assert.ok(find("capitation.pCumulativeOverspend", "absolute", H));
  assert.ok(find("agreement.share.council.alignment", "difference", H));
});

Deno.test("an unknown budget measure in an assertion is refused with the nearest one", () => {
  const problems = problemsOf(budgetStudy({
    assertions: [{ scenario: "With it", measure: "agreement.share.acutee.position", above: 0 }],
  }));
  const p = expectProblem(problems, "assertions[0].measure", /unknown measure/);
  assert.equal(p.suggestion, "agreement.share.acute.position");
});
