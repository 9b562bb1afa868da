/** Segment calibration (docs/model.md section 2): year 0 reproduces the published table; the quintile split; balanced moves. */
import assert from "node:assert/strict";
import { expected } from "../helpers.ts";
import { exampleModelInput, exampleSegments } from "../../sim/example-model.ts";
import { EXAMPLE_PLACE_CSV } from "../../sim/example-place.ts";
import { prepareModel, scenarioContexts } from "../../sim/model.ts";
import { meanParameters } from "../../sim/parameters.ts";
import { initialCounts, quintileShares, splitWhole } from "../../sim/population.ts";
import { ACTIVITIES, SECTORS } from "../../sim/types.ts";

/** The published table, row by row (transcribed independently of the CSV, from the slide). */
const PUBLISHED = [
  // population, total £m, elective, non-elective, MH & community, social care, GP (£ PPPY)
  [49726, 13.8, 74, 74, 63, 0, 66],
  [2210, 4.7, 592, 894, 425, 0, 238],
  [124, 1.1, 1699, 4671, 1666, 0, 497],
  [138611, 59.1, 130, 106, 40, 33, 117],
  [24220, 54.2, 798, 552, 221, 253, 415],
  [1710, 14.9, 2255, 3636, 1181, 886, 782],
  [4670, 7.7, 322, 521, 210, 355, 243],
  [6736, 27.4, 827, 1371, 632, 747, 494],
  [1316, 14.9, 1458, 5196, 1934, 1993, 743],
];

Deno.test("the example place's CSV matches the published table", () => {
  const segments = exampleSegments();
  assert.equal(segments.length, 9);
  segments.forEach((s, i) => {
    const [pop, , el, nel, mhc, sc, gp] = PUBLISHED[i];
    assert.equal(s.population, pop);
    assert.deepEqual(
      [
        s.spend.acuteElective,
        s.spend.acuteNonElective,
        s.spend.mhCommunity,
        s.spend.socialCare,
        s.spend.generalPractice,
      ],
      [el, nel, mhc, sc, gp],
    );
  });
});

Deno.test("the project's copy of the CSV is the engine's", async () => {
  const file = await Deno.readTextFile(
    new URL("../../scenarios/data/segmentation-example-place.csv", import.meta.url),
  );
  assert.equal(file.trim(), EXAMPLE_PLACE_CSV.trim());
});

Deno.test("year 0 reproduces the table: 229,323 people and £197.8m", () => {
  const r = expected(exampleModelInput());
  const levels = r.scenarios[0].absolute;
  assert.equal(levels["population"].mean[0], 229323);
  const total = levels["cost.service"].mean[0];
  const published = PUBLISHED.reduce(
    (s, row) => s + row[0] * (row[2] + row[3] + row[4] + row[5] + row[6]),
    0,
  );
  assert.ok(Math.abs(total - published) < 1e-6 * published, `${total} vs ${published}`);
  assert.equal(Math.round(total / 1e5) / 10, 197.8);
  // Rounded segment totals add to £197.8m in the source.
  assert.equal(Math.round(PUBLISHED.reduce((s, r) => s + r[1], 0) * 10) / 10, 197.8);
});

Deno.test("year 0 reproduces spend per person by segment and sector", () => {
  const model = prepareModel(exampleModelInput());
  const [ctx] = scenarioContexts(model, meanParameters(model.registry));
  const { layout, rates } = ctx;
  const sectorOf = [1, 0, 1, 4, 2];
  PUBLISHED.forEach((row, seg) => {
    const spend = new Array(5).fill(0);
    let people = 0;
    for (let s = 0; s < layout.stateCount; s++) {
      if (layout.segment[s] !== seg) continue;
      const n = model.initial[s];
      people += n;
      ACTIVITIES.forEach((
        _,
        a,
      ) => (spend[sectorOf[a]] += n * rates.activity[a][s] * rates.unitCost[a][s]));
      spend[3] += n * rates.socialCare[s];
    }
    assert.equal(people, row[0]);
    SECTORS.forEach((sector, k) => {
      const pppy = spend[k] / people;
      assert.ok(
        Math.abs(pppy - row[2 + k]) < 1e-9,
        `segment ${seg} ${sector}: ${pppy} vs ${row[2 + k]}`,
      );
    });
  });
});

Deno.test("year 0 keeps the published activity rates per segment", () => {
  const model = prepareModel(exampleModelInput());
  const [ctx] = scenarioContexts(model, meanParameters(model.registry));
  const segments = exampleSegments();
  segments.forEach((seg, k) => {
    let spells = 0;
    let ae = 0;
    for (let s = 0; s < ctx.layout.stateCount; s++) {
      if (ctx.layout.segment[s] !== k) continue;
      spells += model.initial[s] * (ctx.rates.activity[0][s] + ctx.rates.activity[1][s]);
      ae += model.initial[s] * ctx.rates.activity[2][s];
    }
    assert.ok(Math.abs(spells / seg.population - seg.inpatientSpells) < 1e-12);
    assert.ok(Math.abs(ae / seg.population - seg.aeAttendances) < 1e-12);
  });
});

Deno.test("deprivation: activity is higher in more deprived quintiles by the gradient", () => {
  const model = prepareModel(exampleModelInput());
  const [ctx] = scenarioContexts(model, meanParameters(model.registry));
  // State 0 is area 0, 0-17, low, quintile 1; state 4 is the same segment, quintile 5.
  const ratio = ctx.rates.activity[0][0] / ctx.rates.activity[0][4];
  const gradient =
    meanParameters(model.registry)[model.registry.index.get("deprivationGradient.nonElective")!];
  assert.ok(Math.abs(ratio - gradient) < 1e-12);
});

Deno.test("quintile split: shares match the average decile and counts keep segment totals", () => {
  for (const decile of [1.6, 3, 5.5, 6.1, 8.7, 9.4]) {
    const w = quintileShares(decile);
    assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    const meanDecile = w.reduce((m, x, i) => m + x * (2 * (i + 1) - 0.5), 0);
    assert.ok(Math.abs(meanDecile - decile) < 1e-9, `decile ${decile}: ${meanDecile}`);
  }
  const even = quintileShares(5.5);
  even.forEach((x) => assert.ok(Math.abs(x - 0.2) < 1e-9));
  assert.deepEqual(splitWhole(10, [0.25, 0.25, 0.25, 0.25]), [3, 3, 2, 2]);
  const input = exampleModelInput();
  const model = prepareModel(input);
  const counts = initialCounts(model.layout, input.segments, input.areas);
  counts.forEach((n) => assert.ok(Number.isInteger(n) && n >= 0));
});

Deno.test("balanced improving moves keep each complex level near its year-0 size", () => {
  const input = exampleModelInput();
  const model0 = prepareModel(input);
  input.parameters.improvingMoves = "balanced";
  const balanced = expected(input).scenarios[0];
  const asGiven = expected(exampleModelInput()).scenarios[0];
  const S = model0.layout.stateCount;
  const levelCount = (pop: number[], band: number, level: number) => {
    let n = 0;
    for (let s = 0; s < S; s++) {
      if (model0.layout.ageBand[s] === band && model0.layout.level[s] === level) n += pop[s];
    }
    return n;
  };
  for (let g = 0; g < 3; g++) {
    for (const c of [1, 2]) {
      const y0 = levelCount(balanced.statePopulation[0], g, c);
      const y1 = levelCount(balanced.statePopulation[1], g, c);
      assert.ok(Math.abs(y1 / y0 - 1) < 0.03, `band ${g} level ${c}: ${y0} → ${y1}`);
    }
  }
  // The evidence rates alone grow the adult Middle segment by far more.
  const adultsMiddle = (r: typeof asGiven) => levelCount(r.statePopulation[1], 1, 1);
  assert.ok(adultsMiddle(asGiven) / levelCount(asGiven.statePopulation[0], 1, 1) > 1.15);
  const cost = balanced.absolute["cost.service"].mean;
  assert.ok(cost[10] / cost[0] < 1.3, `ten-year growth ${cost[10] / cost[0]}`);
});
