/** The baseline table at year 0, for any area: the published table's quantities back. */
import assert from "node:assert/strict";
import { exampleSegments } from "../../sim/example-model.ts";
import { prepareModel } from "../../sim/model.ts";
import { SECTORS } from "../../sim/types.ts";
import { year0Spend } from "../../sim/year0.ts";
import { exampleStudy } from "../helpers.ts";

Deno.test("the whole place at year 0 is the published table: people, spend, spells and A&E", () => {
  const model = prepareModel(exampleStudy());
  const rows = year0Spend(model, model.input.areas[0].id);
  const published = exampleSegments();
  assert.equal(rows.length, published.length);
  rows.forEach((r, k) => {
    const seg = published[k];
    assert.equal(r.ageBand, seg.ageBand);
    assert.equal(r.people, seg.population);
    for (const s of SECTORS) {
      const perPerson = r.spend[s] / r.people;
      assert.ok(Math.abs(perPerson - seg.spend[s]) < 1e-6 * Math.max(1, seg.spend[s]), s);
    }
    assert.ok(Math.abs(r.inpatientSpells / r.people - seg.inpatientSpells) < 1e-9);
    assert.ok(Math.abs(r.aeAttendances / r.people - seg.aeAttendances) < 1e-9);
    assert.ok(r.meanDecile >= 1.5 && r.meanDecile <= 9.5);
  });
  const people = rows.reduce((n, r) => n + r.people, 0);
  assert.equal(people, 229323);
});

Deno.test("neighbourhoods add up to their place", () => {
  const input = exampleStudy();
  input.areas = [
    { id: "place", name: "Place", level: "place" },
    { id: "a", name: "A", level: "neighbourhood", parent: "place", scale: 0.7 },
    {
      id: "b",
      name: "B",
      level: "neighbourhood",
      parent: "place",
      scale: 0.3,
      deprivationShift: 2,
    },
  ];
  const model = prepareModel(input);
  const [place, a, b] = ["place", "a", "b"].map((id) => year0Spend(model, id));
  place.forEach((row, k) => {
    assert.equal(row.people, a[k].people + b[k].people);
    const sum = a[k].spend.socialCare + b[k].spend.socialCare;
    assert.ok(Math.abs(row.spend.socialCare - sum) <= 1e-9 * Math.max(1, sum));
  });
  assert.deepEqual(year0Spend(model, "nowhere").map((r) => r.people), place.map(() => 0));
});
