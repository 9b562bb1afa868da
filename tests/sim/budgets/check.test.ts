/**
 * Bad providers and budgets sections are refused with the JSON path and what was expected:
 * shares that do not add up to 1, unknown providers, bands, levels, areas, interventions and
 * parties, duplicate ids, budgets without providers, inherited keys (walked by own properties).
 */
import assert from "node:assert/strict";
import { expectProblem, problemsOf } from "../study/helpers.ts";
import { budgetStudy } from "./fixtures.ts";

// deno-lint-ignore no-explicit-any
type Any = any;

Deno.test("the fixture study is valid", () => {
  assert.deepEqual(problemsOf(budgetStudy()), []);
});

Deno.test("shares that do not add up to 1 are named by sector, in the split and in overrides", () => {
  const s: Any = budgetStudy();
  s.providers.split.socialCare = { council: 0.7 };
  s.providers.overrides[0].split.socialCare = { council: 0.5, community: 0.6 };
  const problems = problemsOf(s);
  const p = expectProblem(problems, "providers.split.socialCare", /do not add up to 1/);
  assert.equal(p.found, "0.7");
  expectProblem(problems, "providers.overrides[0].split.socialCare", /do not add up to 1/);
});

Deno.test("unknown providers, bands, levels and areas are named with suggestions", () => {
  const s: Any = budgetStudy();
  s.providers.split.generalPractice = { gpp: 1 };
  s.providers.overrides[0].ageBands = ["75"];
  s.providers.overrides[0].areas = ["sooth"];
  s.budgets.cohorts[0].complexity = ["hihg"];
  s.budgets.agreements[0].providers = ["acute", "councel"];
  s.budgets.funders = { iv: "nobody", other: "commissioner" };
  const problems = problemsOf(s);
  assert.equal(
    expectProblem(problems, "providers.split.generalPractice.gpp", /unknown provider/).suggestion,
    "gp",
  );
  expectProblem(problems, "providers.overrides[0].ageBands[0]", /unknown age band/);
  assert.equal(
    expectProblem(problems, "providers.overrides[0].areas[0]", /unknown area/).suggestion,
    "south",
  );
  expectProblem(problems, "budgets.cohorts[0].complexity[0]", /unknown complexity level/);
  expectProblem(problems, "budgets.agreements[0].providers[1]", /unknown provider/);
  expectProblem(problems, "budgets.funders.iv", /unknown party/);
  expectProblem(problems, "budgets.funders.other", /unknown intervention/);
});

Deno.test("a missing sector, duplicate ids, the commissioner's id and budgets without providers", () => {
  const s: Any = budgetStudy();
  delete s.providers.split.mhCommunity;
  s.providers.list.push({ id: "gp", name: "Again" }, { id: "commissioner", name: "ICB" });
  s.budgets.agreements.push({ ...s.budgets.agreements[0] });
  const problems = problemsOf(s);
  expectProblem(problems, "providers.split", /no split for the sector mhCommunity/);
  expectProblem(problems, "providers.list[4].id", /duplicate provider id/);
  expectProblem(problems, "providers.list[5].id", /commissioner's party id/);
  expectProblem(problems, "budgets.agreements[1].id", /duplicate agreement id/);
  const alone: Any = budgetStudy();
  delete alone.providers;
  expectProblem(problemsOf(alone), "budgets", /budgets need providers/);
});

Deno.test("schema problems: a share above 1, a floor above 0, a misspelt field, an uplift per year", () => {
  const s: Any = budgetStudy();
  s.providers.split.acuteElective = { acute: 1.5 };
  s.budgets.agreements[0].floor = 100;
  s.budgets.agreements[0].gainShare = 0.5;
  const problems = problemsOf(s);
  expectProblem(problems, "providers.split.acuteElective.acute", /.+/);
  expectProblem(problems, "budgets.agreements[0].floor", /.+/);
  expectProblem(problems, "budgets.agreements[0].gainShare", /unknown field/);
  const u: Any = budgetStudy();
  u.budgets.capitation.uplift = [0.01, 0.02];
  expectProblem(problemsOf(u), "budgets.capitation.uplift", /one uplift per projected year/);
});

Deno.test("inherited keys are unknown like any other: __proto__, constructor, toString", () => {
  const text = JSON.stringify(budgetStudy()).replace(
    '"socialCare":{"council":1}',
    '"socialCare":{"council":1,"__proto__":0,"toString":0}',
  );
  const problems = problemsOf(text);
  expectProblem(problems, "providers.split.socialCare.__proto__", /unknown provider/);
  expectProblem(problems, "providers.split.socialCare.toString", /unknown provider/);
  const ctor = JSON.stringify(budgetStudy()).replace(
    '"funders":{"iv":"commissioner"}',
    '"funders":{"constructor":"commissioner"}',
  );
  expectProblem(problemsOf(ctor), "budgets.funders.constructor", /unknown intervention/);
});
