/**
 * Face validity of the example place's calibrated baseline: in the deterministic analysis over
 * ten years, the growth of the 75+ band and of the whole population lie inside the shipped
 * targets' intervals, and so does the growth of spend per head (a sourced range, 0.3–1.5% a
 * year at fixed unit costs); and the targets' intervals hold every ONS projection variant they
 * cite, computed here from the ONS table shipped in sim/data/ons/.
 */
import assert from "node:assert/strict";
import { deterministic } from "../../../sim/api.ts";
import type { TargetsFile } from "../../../sim/calibration/format.ts";
import { prepareStudy } from "../../../sim/study/prepare.ts";
import { scenarioFiles, SCENARIOS_DIR } from "../../helpers.ts";
import { readSourcedCsv } from "../../../cli/write-demography.ts";

const TARGETS: TargetsFile = JSON.parse(
  Deno.readTextFileSync(new URL("data/example-place-targets.json", SCENARIOS_DIR)),
);
const target = (name: string) => TARGETS.targets.find((t) => t.name.startsWith(name))!;

Deno.test("face validity: the calibrated baseline's growth lies inside the targets' intervals", () => {
  const study = JSON.parse(
    Deno.readTextFileSync(new URL("frailty-proactive-care.json", SCENARIOS_DIR)),
  );
  study.horizonYears = 10;
  const { loaded, problems } = prepareStudy(JSON.stringify(study), scenarioFiles());
  assert.deepEqual(problems, []);
  const r = deterministic(loaded!);
  const base = r.scenarios.find((s) => s.deltas === null)!;
  const { layout } = loaded!.model;
  const band = (name: string, year: number) => {
    const g = layout.ageBands.indexOf(name);
    let n = 0;
    for (let s = 0; s < layout.stateCount; s++) {
      if (layout.ageBand[s] === g) n += base.statePopulation[year][s];
    }
    return n;
  };
  const growth = (a: number, b: number) => Math.pow(b / a, 1 / 10) - 1;
  const population = base.absolute.population.mean;
  const cost = base.absolute["cost.service"].mean;
  const observed: Record<string, number> = {
    "Population aged 75+": growth(band("75+", 0), band("75+", 10)),
    "Whole population": growth(population[0], population[10]),
    "Population aged 0-17": growth(band("0-17", 0), band("0-17", 10)),
    "Population aged 18-74": growth(band("18-74", 0), band("18-74", 10)),
    "Service spend per head": growth(cost[0] / population[0], cost[10] / population[10]),
  };
  for (const [name, value] of Object.entries(observed)) {
    const t = target(name).annualGrowth!;
    assert.ok(
      t.low <= value && value <= t.high,
      `${name}: ${(value * 100).toFixed(2)}% a year, outside ${t.low * 100}–${t.high * 100}%`,
    );
  }
  // The issue this answers: 75+ more than doubled in ten years (+7.7% a year) before.
  assert.ok(band("75+", 10) / band("75+", 0) < 1.5);
  const spend = target("Service spend per head").annualGrowth!;
  assert.deepEqual([spend.low, spend.high], [0.003, 0.015]);
});

Deno.test("the targets' intervals hold every ONS variant's growth, 2024 to 2034", () => {
  const text = Deno.readTextFileSync(
    new URL("../../../sim/data/ons/england-population-projections-by-band.csv", import.meta.url),
  );
  const { header, rows } = readSourcedCsv(text);
  const col = (name: string) => header.indexOf(name);
  const byVariant = new Map<string, Map<number, string[]>>();
  for (const r of rows) {
    const years = byVariant.get(r[0]) ?? new Map<number, string[]>();
    years.set(Number(r[col("year")]), r);
    byVariant.set(r[0], years);
  }
  const columns: Record<string, string> = {
    "Population aged 75+": "age_75_plus",
    "Whole population": "total",
    "Population aged 0-17": "age_0_17",
    "Population aged 18-74": "age_18_74",
  };
  let checked = 0;
  for (const [variant, years] of byVariant) {
    const from = years.get(2024);
    const to = years.get(2034);
    if (!from || !to) continue;
    for (const [name, column] of Object.entries(columns)) {
      const g = Math.pow(Number(to[col(column)]) / Number(from[col(column)]), 1 / 10) - 1;
      const t = target(name).annualGrowth!;
      assert.ok(t.low <= g && g <= t.high, `${variant} ${name}: ${(g * 100).toFixed(2)}%`);
      checked++;
    }
  }
  assert.equal(checked, 11 * 4); // the 2020-based principal and ten 2018-based projections
});
