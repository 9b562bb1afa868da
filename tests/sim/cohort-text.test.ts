/** The one written form of a cohort (sim/cohort-text.ts), as `run` and `journeys` read it. */
import assert from "node:assert/strict";
import { cohortFields } from "../../sim/cohort-text.ts";
import { parseCohortText } from "../../sim/journeys/cohort.ts";

Deno.test("cohort text: ';' and ',' both separate fields; a part without '=' is one more value", () => {
  const expected = [
    { key: "band", values: ["75+"], text: "age=75+" },
    { key: "quintile", values: ["1", "2"], text: "quintile=1,2" },
    { key: "area", values: ["north"], text: "area=north" },
  ];
  assert.deepEqual(cohortFields("age=75+;quintile=1,2;area=north"), expected);
  assert.deepEqual(cohortFields(" age = 75+ , quintile=1, 2 ,area=north ; "), [
    { key: "band", values: ["75+"], text: "age = 75+" },
    { key: "quintile", values: ["1", "2"], text: "quintile=1,2" },
    { key: "area", values: ["north"], text: "area=north" },
  ]);
  assert.deepEqual(cohortFields("band"), [{ key: "band", values: [], text: "band" }]);
  assert.deepEqual(cohortFields(""), []);
});

Deno.test("journeys read the run's form: age for band, ';' between fields, one value each", () => {
  const a = parseCohortText("band=75+,complexity=high,quintile=1");
  const b = parseCohortText("age=75+;complexity=high;quintile=1");
  assert.deepEqual(a.spec, { band: "75+", complexity: "high", quintile: 1 });
  assert.deepEqual(b.spec, a.spec);
  const list = parseCohortText("band=75+;quintile=1,2");
  assert.equal(list.spec, undefined);
  assert.match(list.problems[0].message, /one quintile, not a list/);
  assert.equal(list.problems[0].found, "quintile=1,2");
  const twice = parseCohortText("band=75+;age=18-74");
  assert.match(twice.problems[0].message, /band is given twice/);
});
