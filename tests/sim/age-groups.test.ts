/**
 * Age groups inside bands: labels, splits at multiples of five, national figures from the ONS
 * tables, and the year-0 split of a segment over its groups by least relative entropy to the
 * national structure with the segment's mean age.
 */
import assert from "node:assert/strict";
import { ageShares, bandGroups, groupRanges, parseAgeBand } from "../../sim/age-groups.ts";
import { ENGLAND_POPULATION_2024, ENGLAND_QX_2023_24 } from "../../sim/data/demography.ts";
import { columnByAge, MORTALITY_FILE, POPULATION_FILE } from "../../cli/write-demography.ts";
import { exampleModelInput, exampleSegments } from "../../sim/example-model.ts";
import { deterministicParameters, prepareModel, scenarioContexts } from "../../sim/model.ts";
import { stateIndex } from "../../sim/population.ts";
import { mean, toDistribution } from "../../sim/distributions.ts";

Deno.test("the demography module is the ONS tables shipped in sim/data/ons/", () => {
  assert.deepEqual(
    ENGLAND_POPULATION_2024,
    columnByAge(Deno.readTextFileSync(POPULATION_FILE), "persons_2024"),
  );
  assert.deepEqual(
    ENGLAND_QX_2023_24,
    columnByAge(Deno.readTextFileSync(MORTALITY_FILE), "persons_qx_2023_2024"),
  );
  assert.equal(ENGLAND_POPULATION_2024.length, 106);
  // Spot values as the research notes read them: qx at 75 = 0.0258, at 90 = 0.1478.
  assert.ok(Math.abs(ENGLAND_QX_2023_24[75] - 0.0258) < 1e-4);
  assert.ok(Math.abs(ENGLAND_QX_2023_24[90] - 0.1478) < 1e-4);
});

Deno.test("band labels: a-b and a+; groups split at multiples of five; open bands end in 90+", () => {
  assert.deepEqual(parseAgeBand("18-74"), { from: 18, to: 74 });
  assert.deepEqual(parseAgeBand("75+"), { from: 75, to: null });
  for (const bad of ["adults", "74-18", "18–74", "", "-5", "5+5"]) {
    assert.equal(parseAgeBand(bad), null, bad);
  }
  const labels = (band: string) =>
    groupRanges(parseAgeBand(band)!).map((r) => r.to === null ? `${r.from}+` : `${r.from}-${r.to}`);
  assert.deepEqual(labels("0-17"), ["0-4", "5-9", "10-14", "15-17"]);
  assert.deepEqual(labels("18-74"), [
    "18-19",
    "20-24",
    "25-29",
    "30-34",
    "35-39",
    "40-44",
    "45-49",
    "50-54",
    "55-59",
    "60-64",
    "65-69",
    "70-74",
  ]);
  assert.deepEqual(labels("75+"), ["75-79", "80-84", "85-89", "90+"]);
  assert.deepEqual(labels("95+"), ["95+"]);
  assert.deepEqual(labels("3-3"), ["3-3"]);
  // Ageing: 1 / width, none from the open group.
  assert.deepEqual(bandGroups(parseAgeBand("0-17")!).map((g) => g.ageingRate), [
    0.2,
    0.2,
    0.2,
    1 / 3,
  ]);
  assert.equal(bandGroups(parseAgeBand("75+")!)[3].ageingRate, 0);
});

Deno.test("national figures: a group's people, mean age and qx are sums and weighted means", () => {
  const [g] = bandGroups(parseAgeBand("75-79")!);
  let people = 0;
  let age = 0;
  let deaths = 0;
  for (let a = 75; a <= 79; a++) {
    people += ENGLAND_POPULATION_2024[a];
    age += a * ENGLAND_POPULATION_2024[a];
    deaths += ENGLAND_POPULATION_2024[a] * ENGLAND_QX_2023_24[a];
  }
  assert.equal(g.nationalPeople, people);
  assert.ok(Math.abs(g.meanAge - age / people) < 1e-12);
  assert.ok(Math.abs(g.qx - deaths / people) < 1e-15);
  // The open group holds 90 to 105+.
  const open = bandGroups(parseAgeBand("75+")!)[3];
  const total = ENGLAND_POPULATION_2024.slice(90).reduce((a, b) => a + b, 0);
  assert.equal(open.nationalPeople, total);
});

Deno.test("age split: exponential tilting of the national structure to the segment's mean age", () => {
  const groups = bandGroups(parseAgeBand("18-74")!);
  const total = groups.reduce((s, g) => s + g.nationalPeople, 0);
  const national = groups.map((g) => g.nationalPeople / total);
  const nationalMean = national.reduce((s, w, j) => s + w * groups[j].meanAge, 0);
  // At the national mean age the split is the national structure.
  ageShares(groups, nationalMean).forEach((w, j) => assert.ok(Math.abs(w - national[j]) < 1e-9));
  for (const mean of [25, 42, 54, 60, 70]) {
    const w = ageShares(groups, mean);
    assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.ok(
      Math.abs(w.reduce((s, x, j) => s + x * groups[j].meanAge, 0) - mean) < 1e-9,
      `${mean}`,
    );
    // The tilt: w_j / π_j = exp(θ m_j) / Z, so log(w_j / π_j) is linear in m_j.
    const slope = (j: number) =>
      (Math.log(w[j] / national[j]) - Math.log(w[0] / national[0])) /
      (groups[j].meanAge - groups[0].meanAge);
    for (let j = 2; j < groups.length; j++) assert.ok(Math.abs(slope(j) - slope(1)) < 1e-6);
  }
  // A mean outside the groups' range puts everyone in the nearest group.
  assert.deepEqual(ageShares(groups, 18), [1, ...new Array(groups.length - 1).fill(0)]);
});

Deno.test("year 0: each segment's people spread over its groups, totals and quintiles kept", () => {
  const model = prepareModel(exampleModelInput());
  const { layout } = model;
  const segments = exampleSegments();
  assert.equal(layout.stateCount, 300);
  assert.equal(layout.cellCount, 45);
  segments.forEach((seg, k) => {
    let people = 0;
    let ages = 0;
    for (let s = 0; s < layout.stateCount; s++) {
      if (layout.segment[s] !== k) continue;
      assert.ok(Number.isInteger(model.initial[s]) && model.initial[s] >= 0);
      people += model.initial[s];
      ages += model.initial[s] * layout.ageGroups[layout.ageGroup[s]].meanAge;
    }
    assert.equal(people, seg.population);
    // Whole people: the mean of the groups' mean ages is the published mean, up to rounding.
    assert.ok(Math.abs(ages / people - seg.averageAge) < 0.05, `${seg.ageBand} ${seg.complexity}`);
  });
  // Every cell's states are its band's age groups, in order.
  for (let k = 0; k < layout.cellCount; k++) {
    const states = layout.cellStates.subarray(layout.cellStart[k], layout.cellStart[k + 1]);
    const band = layout.ageBand[states[0]];
    assert.equal(states.length, layout.groupBand.filter((b) => b === band).length);
    for (const s of states) assert.equal(layout.cell[s], k);
  }
});

Deno.test("ageing at 1/width within groups against single years: the error docs/model.md states", () => {
  // England's mid-2024 people, national qx, no births or migration, ten years: single-year
  // cohorts (exact ageing) against five-year groups ageing at 1/width (deaths, then ageing).
  const groups = ["0-17", "18-74", "75+"].flatMap((b) => bandGroups(parseAgeBand(b)!));
  let single = ENGLAND_POPULATION_2024.slice();
  let grouped = groups.map((g) => g.nationalPeople);
  const errors: Record<number, number> = {};
  for (let y = 1; y <= 10; y++) {
    const next = new Array(single.length).fill(0);
    single.forEach((
      n,
      a,
    ) => (next[Math.min(a + 1, single.length - 1)] += n * (1 - ENGLAND_QX_2023_24[a])));
    single = next;
    const step = new Array(groups.length).fill(0);
    groups.forEach((g, j) => {
      const alive = grouped[j] * (1 - g.qx);
      step[j] += alive * (1 - g.ageingRate);
      if (g.ageingRate) step[j + 1] += alive * g.ageingRate;
    });
    grouped = step;
    const old = single.slice(75).reduce((a, b) => a + b, 0);
    const oldGrouped = groups.reduce((s, g, j) => s + (g.from >= 75 ? grouped[j] : 0), 0);
    errors[y] = oldGrouped / old - 1;
  }
  // 75+: +1.7% after five years, +2.4% after ten (about +0.24 points a year of growth).
  assert.ok(Math.abs(errors[5] - 0.0170) < 0.001, `${errors[5]}`);
  assert.ok(Math.abs(errors[10] - 0.0237) < 0.001, `${errors[10]}`);
});

Deno.test("deaths: the national curve by age group × the multiplier; a band override scales it", () => {
  const input = exampleModelInput();
  input.parameters.mortalityMultiplier = 1.05;
  input.parameters.deathRate = { "75+": 0.05 };
  const model = prepareModel(input);
  const { layout } = model;
  const [ctx] = scenarioContexts(model, deterministicParameters(model));
  const average = (band: string) => {
    let deaths = 0;
    let people = 0;
    for (let s = 0; s < layout.stateCount; s++) {
      if (layout.ageBands[layout.ageBand[s]] !== band) continue;
      deaths += model.initial[s] * ctx.rates.death[s];
      people += model.initial[s];
    }
    return deaths / people;
  };
  // The override: the band's year-0 average is the given rate.
  assert.ok(Math.abs(average("75+") - 0.05) < 1e-12, `${average("75+")}`);
  // Elsewhere each age group's year-0 average is its national qx × the multiplier.
  for (let j = 0; j < layout.ageGroups.length; j++) {
    if (layout.ageBands[layout.groupBand[j]] === "75+") continue;
    let deaths = 0;
    let people = 0;
    for (let s = 0; s < layout.stateCount; s++) {
      if (layout.ageGroup[s] !== j) continue;
      deaths += model.initial[s] * ctx.rates.death[s];
      people += model.initial[s];
    }
    if (people === 0) continue;
    const expected = layout.ageGroups[j].qx * 1.05;
    assert.ok(Math.abs(deaths / people / expected - 1) < 1e-12, layout.ageGroups[j].label);
  }
  // Within a group, High dies at 3.8 / 2.5 the rate of Middle (the hazard ratios' means).
  const s = stateIndex(layout, 0, 2, 2, 0);
  const ratio = ctx.rates.death[s] / ctx.rates.death[s - 5];
  const hr = (k: string) => mean(toDistribution(input.parameters.deathHazardRatio[k]));
  assert.ok(Math.abs(ratio - hr("high") / hr("middle")) < 1e-12);
});
