/** Segmentation CSVs: missing columns and bad cells by row and column. */
import assert from "node:assert/strict";
import { expectProblem } from "./study/helpers.ts";
import { parseSegmentation } from "../../sim/segmentation.ts";
import { EXAMPLE_PLACE_CSV } from "../../sim/example-place.ts";

Deno.test("a CSV with missing columns or non-numeric cells", () => {
  const noSpend = EXAMPLE_PLACE_CSV.replace("spend_pppy_social_care", "spend_social");
  expectProblem(
    parseSegmentation(noSpend).problems,
    "row 1, column spend_pppy_social_care",
    /required column is missing/,
  );
  const lines = EXAMPLE_PLACE_CSV.split("\n");
  lines[4] = lines[4].replace(",0.1,0.1,", ",lots,0.1,");
  const p = expectProblem(
    parseSegmentation(lines.join("\n")).problems,
    "row 5, column inpatient_spells_pppy",
    /not a decimal number/,
  );
  assert.equal(p.found, '"lots"');
});

Deno.test("age bands must read a-b or a+, tile without gaps, and hold their mean age", () => {
  const lines = EXAMPLE_PLACE_CSV.split("\n");
  const withBand = (from: string, to: string) =>
    parseSegmentation(
      lines.map((l, i) => (i === 0 ? l : l.replace(`,${from},`, `,${to},`))).join("\n"),
    );
  const named = withBand("18-74", "adults");
  assert.ok(
    named.problems.some((p) =>
      p.at === "row 5, column age_band" && /not an age band/.test(p.message)
    ),
    JSON.stringify(named.problems),
  );
  const gap = withBand("18-74", "20-74");
  assert.ok(
    gap.problems.some((p) => /leave a gap \(ages 18 to 19/.test(p.message)),
    JSON.stringify(gap.problems),
  );
  const overlap = withBand("18-74", "18-80");
  assert.ok(
    overlap.problems.some((p) => /overlap/.test(p.message)),
    JSON.stringify(overlap.problems),
  );
  const old = parseSegmentation(EXAMPLE_PLACE_CSV.replace(",49726,9,", ",49726,30,"));
  assert.ok(
    old.problems.some((p) =>
      p.at === "row 2, column average_age" && /outside the segment's age band/.test(p.message)
    ),
    JSON.stringify(old.problems),
  );
  const noAge = parseSegmentation(EXAMPLE_PLACE_CSV.replace("average_age", "mean_age"));
  assert.ok(noAge.problems.some((p) => p.at === "row 1, column average_age"));
});

Deno.test("a missing column does not hide the other problems: all are listed at once", () => {
  const lines = EXAMPLE_PLACE_CSV.replace("spend_pppy_social_care", "spend_social").split("\n");
  lines[2] = lines[2].replace(",2210,", ",lots,");
  lines[5] = lines[5].replace(",24220,", ",,");
  const { segments, problems } = parseSegmentation(lines.join("\n"));
  assert.deepEqual(segments, []);
  assert.deepEqual(problems.map((p) => `${p.at}: ${p.message}`), [
    "row 1, column spend_pppy_social_care: a required column is missing",
    "row 3, column population: not a decimal number",
    "row 6, column population: the cell is empty",
  ]);
});
