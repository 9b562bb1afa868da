/** Numbers in en-GB for the CLI, the report and the pages. */
import assert from "node:assert/strict";
import {
  count,
  countChange,
  inUnit,
  money,
  moneyChange,
  number,
  numberChange,
  percent,
  slug,
} from "../../report/format.ts";

Deno.test("money with k, m and bn, and a real minus sign", () => {
  assert.equal(money(950), "£950");
  assert.equal(money(12_345), "£12k");
  assert.equal(money(1_234_567), "£1.2m");
  assert.equal(money(2.5e9), "£2.5bn");
  assert.equal(money(-345_000), "−£345k");
  assert.equal(moneyChange(1_200_000), "+£1.2m");
  assert.equal(moneyChange(-1_200_000), "−£1.2m");
  assert.equal(money(NaN), "–");
});

Deno.test("counts, numbers and shares", () => {
  assert.equal(count(12_345.4), "12,345");
  assert.equal(count(-12_345), "−12,345");
  assert.equal(countChange(3), "+3");
  assert.equal(number(0.1234), "0.12");
  assert.equal(number(1234.5), "1,235");
  assert.equal(numberChange(-0.5), "−0.5");
  assert.equal(percent(0.123), "12%");
  assert.equal(percent(null), "–");
  assert.equal(percent(NaN), "–");
});

Deno.test("a value in its measure's unit", () => {
  assert.equal(inUnit("£", 1_500_000), "£1.5m");
  assert.equal(inUnit("£ per person", 950), "£950");
  assert.equal(inUnit("count", 1234), "1,234");
  assert.equal(inUnit("people", -3), "−3");
  assert.equal(inUnit("share", 0.25), "25%");
  assert.equal(inUnit("ratio", 1.234), "1.2");
  assert.equal(inUnit("£ per £", -0.5), "−0.5");
});

Deno.test("file-name-safe study names", () => {
  assert.equal(slug("Falls prevention: Core20PLUS!"), "falls-prevention-core20plus");
  assert.equal(slug("***"), "study");
});
