/**
 * Budgets add up, iteration by iteration: providers' costs to each sector's total, cohorts that
 * partition the population to everyone's, cohort costs per person × people to the service cost,
 * and every agreement's parties' positions to the system's gain (−Δ cumulative total cost).
 */
import assert from "node:assert/strict";
import { runAll } from "../../../sim/run.ts";
import { baselineIndex } from "../../../sim/model.ts";
import { makeDeriver } from "../../../sim/deriver.ts";
import { cohortCells } from "../../../sim/budgets/cohort.ts";
import {
  agreementPositions,
  CohortCosts,
  naturalPositions,
  Outcomes,
  planBudgets,
  providerSectorCosts,
  recordOf,
} from "../../../sim/budgets/evaluate.ts";
import { QUINTILES, SECTORS } from "../../../sim/types.ts";
import { prepared } from "./fixtures.ts";

const near = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) <= 1e-7 * (1 + Math.abs(b)), `${what}: ${a} ≠ ${b}`);

const loaded = prepared();
const { model } = loaded;
const plan = planBudgets(model)!;
const run = runAll(model, 11, 40);
const Y = model.record.years;
const P = plan.shares.providers;
const NS = SECTORS.length;

Deno.test("per-provider costs add up to each sector's total in every iteration, year and scenario", () => {
  const cost = new Float64Array(Y * NS * P);
  const population = new Float64Array(Y);
  const rl = model.record;
  let checked = 0;
  for (let sc = 0; sc < model.input.scenarios.length; sc++) {
    for (let i = 0; i < run.count; i++) {
      const r = recordOf(model, run.records, sc, i);
      providerSectorCosts(plan, r, null, cost, population);
      for (let y = 0; y < Y; y++) {
        near(population[y], r[y * rl.stride + rl.population], "population");
        for (let s = 0; s < NS; s++) {
          let sum = 0;
          for (let p = 0; p < P; p++) sum += cost[(y * NS + s) * P + p];
          near(sum, r[y * rl.stride + rl.cost + s], `${SECTORS[s]} year ${y}`);
          checked++;
        }
      }
    }
  }
  assert.equal(checked, 2 * 40 * Y * NS);
});

Deno.test("cohorts that partition the population (quintiles, age bands) add up to everyone", () => {
  const all = new Float64Array(Y * NS * P);
  const part = new Float64Array(Y * NS * P);
  const sum = new Float64Array(Y * NS * P);
  const pop = new Float64Array(Y);
  const partPop = new Float64Array(Y);
  const sumPop = new Float64Array(Y);
  const { layout, input } = model;
  const partitions = [
    QUINTILES.map((q) => ({ id: `q${q}`, name: "", quintiles: [q] })),
    layout.ageBands.map((b) => ({ id: b, name: "", ageBands: [b] })),
    [{ id: "n", name: "", areas: ["north"] }, { id: "s", name: "", areas: ["south"] }],
  ];
  for (const cohorts of partitions) {
    const masks = cohorts.map((c) => cohortCells(c, layout, input.areas));
    for (let i = 0; i < run.count; i += 7) {
      const r = recordOf(model, run.records, 1, i);
      providerSectorCosts(plan, r, null, all, pop);
      sum.fill(0);
      sumPop.fill(0);
      for (const mask of masks) {
        providerSectorCosts(plan, r, mask, part, partPop);
        part.forEach((v, j) => (sum[j] += v));
        partPop.forEach((v, j) => (sumPop[j] += v));
      }
      all.forEach((v, j) => near(sum[j], v, `cell ${j}`));
      pop.forEach((v, y) => near(sumPop[y], v, `people in year ${y}`));
    }
  }
});

Deno.test("everyone's cost per person × people is the service cost; providers add up to the total", () => {
  const costs = new CohortCosts(plan);
  const row = new Float64Array(costs.width);
  const rl = model.record;
  const everyone = plan.cohorts.findIndex((c) => c.id === "everyone");
  for (let i = 0; i < run.count; i += 5) {
    const r = recordOf(model, run.records, 1, i);
    costs.perPerson(r, row);
    for (let y = 0; y < Y; y++) {
      let service = 0;
      for (let s = 0; s < NS; s++) service += r[y * rl.stride + rl.cost + s];
      const people = r[y * rl.stride + rl.population];
      const at = everyone * (P + 2) * Y;
      near(row[at + (P + 1) * Y + y], people, `people in year ${y}`);
      near(row[at + P * Y + y] * people, service, `year ${y}`);
      let providers = 0;
      for (let p = 0; p < P; p++) providers += row[at + p * Y + y];
      near(providers, row[at + P * Y + y], `providers in year ${y}`);
    }
  }
});

Deno.test("the parties' positions add up to the system's gain, −Δ cumulative total cost, in every iteration", () => {
  const derive = makeDeriver(model);
  const cat = model.measures;
  const values = new Float64Array(cat.recordCount * Y);
  const baseValues = new Float64Array(cat.recordCount * Y);
  const cumulative = cat.index.get("cumulative.cost.total")! * Y + Y - 1;
  const base = baselineIndex(model);
  const natural = new Float64Array(P + 1);
  const into = new Float64Array(P + 1);
  const outcomes = new Outcomes(plan);
  let transfers = 0;
  for (let i = 0; i < run.count; i++) {
    const s = recordOf(model, run.records, 1, i);
    const b = recordOf(model, run.records, base, i);
    derive(s, values);
    derive(b, baseValues);
    const system = -(values[cumulative] - baseValues[cumulative]);
    naturalPositions(plan, s, b, natural);
    near(natural.reduce((t, v) => t + v, 0), system, `natural positions, iteration ${i}`);
    const settled = agreementPositions(plan, 0, natural, outcomes.facts(s, b, true), into);
    near(into.reduce((t, v) => t + v, 0), system, `positions, iteration ${i}`);
    if (settled.transfer !== 0 || settled.outcomePayment !== 0) transfers++;
  }
  // The test means something: money moved between parties in most iterations.
  assert.ok(transfers > run.count / 2, `money moved in ${transfers} of ${run.count}`);
});
