/** The measure table, the catalogue it gives a study, and the deriver that computes it. */
import assert from "node:assert/strict";
import { discountFactor, makeDeriver } from "../../sim/deriver.ts";
import { siiRegression } from "../../sim/inequality.ts";
import {
  commonMeasure,
  DECOMPOSED_MEASURES,
  type MeasureKey,
  measureTable,
  returnOnInvestment,
} from "../../sim/measures.ts";
import { prepareModel } from "../../sim/model.ts";
import { recordLength } from "../../sim/record.ts";
import { runAll } from "../../sim/run.ts";
import { ACTIVITIES, QUINTILE_COUNT, SECTORS } from "../../sim/types.ts";
import { exampleStudy } from "../helpers.ts";

// A misspelt key does not compile (deno check fails if this line stops being an error).
// @ts-expect-error: "cost.totl" is not a measure
const _misspelt: MeasureKey = "cost.totl";

Deno.test("the catalogue: unique keys, record measures first, every measure labelled", () => {
  const model = prepareModel(exampleStudy());
  const cat = model.measures;
  assert.equal(new Set(cat.keys).size, cat.keys.length);
  assert.deepEqual(cat.keys, cat.measures.map((m) => m.key));
  cat.measures.forEach((m, i) => {
    assert.ok(m.label.length > 3, m.key);
    const kind = m.compute.kind;
    if (i < cat.recordCount) {
      assert.ok(["sum", "ratio", "cumulate", "inequality", "ede"].includes(kind));
    } else if (i < cat.iterationCount) assert.ok(["roi", "nmb"].includes(kind), m.key);
    else assert.equal(kind, "shareOfMeans");
    if (m.scope === "difference") assert.ok(i >= cat.recordCount, `${m.key} needs the baseline`);
  });
  for (const key of DECOMPOSED_MEASURES) assert.ok(cat.index.has(key), key);
  for (const iv of exampleStudy().interventions) {
    assert.ok(cat.index.has(`intervention.${iv.id}.cost`));
    assert.ok(cat.index.has(`discounted.intervention.${iv.id}.cost`));
  }
  for (const level of model.layout.levels) {
    assert.ok(cat.index.has(`population.complexity.${level}`));
  }
  // The same table, whatever the study, for measures every study has.
  assert.equal(commonMeasure("discounted.cost.total")?.differenceLabel, "Net cost");
  assert.equal(
    measureTable({ interventions: [], levels: [] }).filter((m) => m.key.startsWith("flow.")).length,
    0,
  );
});

Deno.test("the deriver computes each kind of measure from a record", () => {
  const input = exampleStudy();
  const model = prepareModel(input);
  const run = runAll(model, 21, 1);
  const rec = model.record;
  const cat = model.measures;
  const Y = rec.years;
  const raw = run.records[2].subarray(0, recordLength(rec));
  const out = new Float64Array(cat.recordCount * Y);
  makeDeriver(model)(raw, out);
  const at = (key: MeasureKey, y: number) => out[cat.index.get(key)! * Y + y];
  const field = (offset: number, y: number) => raw[y * rec.stride + offset];
  let cumulative = 0;
  let discounted = 0;
  for (let y = 0; y < Y; y++) {
    const population = field(rec.population, y);
    assert.equal(at("population", y), population);
    let service = 0;
    for (let s = 0; s < SECTORS.length; s++) service += field(rec.cost + s, y);
    let intervention = 0;
    for (let i = 0; i < rec.interventions; i++) intervention += field(rec.interventionCost + i, y);
    assert.equal(at("cost.service", y), service);
    assert.equal(at("cost.total", y), service + intervention);
    const nel = field(rec.activity, y);
    assert.equal(at("rate.nonElective", y), 1000 * (nel / population));
    let byLevel = 0;
    for (let c = 0; c < rec.levels; c++) {
      byLevel += at(`population.complexity.${model.layout.levels[c]}`, y);
    }
    assert.equal(byLevel, population);
    if (y >= 1) {
      cumulative += nel;
      discounted += (service + intervention) * discountFactor(input.discountRate, y);
    }
    assert.equal(at("cumulative.activity.nonElective", y), cumulative);
    assert.ok(Math.abs(at("discounted.cost.total", y) - discounted) <= 1e-9 * discounted);
    const shares = Array.from(
      { length: QUINTILE_COUNT },
      (_, q) => field(rec.quintilePopulation + q, y),
    );
    const rates = shares.map((n, q) => 1000 * (field(rec.quintileActivity + q, y) / n));
    const { slope, intercept } = siiRegression(shares, rates);
    assert.equal(at("sii.nonElective", y), slope);
    assert.equal(at("rii.nonElective", y), (intercept + slope) / intercept);
    assert.equal(at("gapAbs.nonElective", y), rates[0] - rates[4]);
    assert.equal(at("activity.nonElective.q1", y), field(rec.quintileActivity, y));
  }
  const perIntervention = input.interventions.reduce(
    (s, iv) => s + at(`discounted.intervention.${iv.id}.cost`, Y - 1),
    0,
  );
  const all = at("discounted.cost.intervention", Y - 1);
  assert.ok(Math.abs(perIntervention - all) <= 1e-9 * all);
  assert.equal(ACTIVITIES[0], "nonElective");
});

Deno.test("return on investment: net saving per £ spent, 0 when nothing is spent", () => {
  assert.equal(returnOnInvestment(-300, 100), 3);
  assert.equal(returnOnInvestment(100, 100), -1);
  assert.equal(returnOnInvestment(-100, 100), 1);
  assert.equal(returnOnInvestment(-5, 0), 0);
});

Deno.test("discounting: years 0 and 1 undiscounted, then 1/(1+r)^(y−1)", () => {
  assert.equal(discountFactor(0.035, 0), 1);
  assert.equal(discountFactor(0.035, 1), 1);
  assert.equal(discountFactor(0.035, 3), 1 / 1.035 ** 2);
});
