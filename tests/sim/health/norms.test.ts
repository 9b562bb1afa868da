/** Default utility norms: the generated table is current, and band means reproduce the sources. */
import assert from "node:assert/strict";
import { NORMS_MODULE, utilityNormsText } from "../../../cli/write-utility-norms.ts";
import {
  CHILD_UTILITY,
  defaultUtilityNorm,
  parseAgeRange,
  publishedNorms,
} from "../../../sim/health/norms.ts";
import { HSE_2017_18_GROUPS, POPULATION_2024 } from "../../../sim/health/norms-data.ts";

Deno.test("sim/health/norms-data.ts is what cli/write-utility-norms.ts makes of scenarios/data", async () => {
  assert.equal(await Deno.readTextFile(NORMS_MODULE), utilityNormsText());
});

Deno.test("age labels: a-b and a+ parse, anything else does not", () => {
  assert.deepEqual(parseAgeRange("18-74"), [18, 74]);
  assert.deepEqual(parseAgeRange("75+"), [75, POPULATION_2024.length - 1]);
  assert.deepEqual(parseAgeRange("0-17"), [0, 17]);
  assert.equal(parseAgeRange("adults"), null);
  assert.equal(parseAgeRange("74-18"), null);
});

Deno.test("a group's norm is the HSE 2017/18 value; a band's is its population-weighted mean", () => {
  // One five-year group: exactly the table's persons value.
  const g = HSE_2017_18_GROUPS.find((x) => x.from === 80)!;
  assert.equal(defaultUtilityNorm("80-84")!.central, Math.round(g.norm * 1000) / 1000);
  // 75+ by hand from the groups and the 2024 population.
  let sum = 0;
  let people = 0;
  for (let a = 75; a < POPULATION_2024.length; a++) {
    const norm = HSE_2017_18_GROUPS.find((x) => a >= x.from && a <= x.to)!.norm;
    sum += POPULATION_2024[a] * norm;
    people += POPULATION_2024[a];
  }
  assert.ok(Math.abs(publishedNorms(75, 105).hse2017 - sum / people) < 1e-12);
  // The research's band means (evidence-research §4c): 18–74 ≈ 0.838, 75+ ≈ 0.728 (HSE
  // 2017/18), DSU 2022 0.875 and 0.740, Ara–Brazier 0.874 and 0.716.
  const adults = publishedNorms(18, 74);
  const older = publishedNorms(75, 105);
  assert.ok(Math.abs(adults.hse2017 - 0.838) < 0.003, String(adults.hse2017));
  assert.ok(Math.abs(older.hse2017 - 0.728) < 0.003, String(older.hse2017));
  assert.ok(Math.abs(adults.dsu2022 - 0.875) < 0.003);
  assert.ok(Math.abs(older.dsu2022 - 0.740) < 0.003);
  assert.ok(Math.abs(adults.araBrazier - 0.874) < 0.003);
  assert.ok(Math.abs(older.araBrazier - 0.716) < 0.003);
});

Deno.test("default norms: the interval spans the published norms; children take the assumption", () => {
  for (const band of ["18-74", "75+", "75-79", "90+"]) {
    const e = defaultUtilityNorm(band)!;
    const [from, to] = parseAgeRange(band)!;
    const { hse2017, dsu2022, araBrazier } = publishedNorms(from, to);
    for (const v of [hse2017, dsu2022, araBrazier]) assert.ok(e.low < v && v < e.high, band);
    assert.equal(e.family, "beta");
  }
  const children = defaultUtilityNorm("0-17")!;
  assert.equal(children.low, CHILD_UTILITY.low);
  assert.equal(children.high, CHILD_UTILITY.high);
  assert.ok(Math.abs(children.central - 0.9) < 0.005);
  assert.equal(defaultUtilityNorm("adults"), null);
});
