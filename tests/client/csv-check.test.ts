/** The browser's check of an uploaded segmentation table (client/csv-check.ts). */
import assert from "node:assert/strict";
import { checkSegmentationCsv } from "../../client/csv-check.ts";
import { EXAMPLE_PLACE_CSV } from "../../sim/example-place.ts";
import { formatProblem } from "../../sim/problems.ts";
import { prepareStudy } from "../../sim/study/prepare.ts";
import { newStudy } from "../../sim/study/template.ts";

Deno.test("the example passes", () => {
  assert.deepEqual(checkSegmentationCsv(EXAMPLE_PLACE_CSV), []);
});

Deno.test("level names and age bands are the example's (the model has rates for no others)", () => {
  const medium = EXAMPLE_PLACE_CSV.replace(/,middle,/g, ",medium,").replace(",18-74,", ",18-64,");
  // The engine takes "medium" (a level with no moves to or from it): the browser must not.
  const onlyMedium = EXAMPLE_PLACE_CSV.replace(/,middle,/g, ",medium,");
  assert.deepEqual(
    prepareStudy(JSON.stringify(newStudy("x", "upload.csv")), () => ({ text: onlyMedium }))
      .problems,
    [],
  );
  const lines = checkSegmentationCsv(medium).map((p) => formatProblem(p, "t.csv"));
  assert.deepEqual(lines, [
    // The engine's reader (age groups, issue 12A) sees 18-64 overlap the 18-74 rows.
    "t.csv: column age_band: age bands 18-64 and 18-74 overlap (expected bands that follow one another, e.g. 0-17, 18-74, 75+)",
    't.csv: row 3, column complexity: not a complexity level the model has rates for (found "medium"; expected low, middle or high, as in the example table)',
    't.csv: row 5, column age_band: not an age band the model has rates for (found "18-64"; expected 0-17, 18-74 or 75+, as in the example table; did you mean "18-74"?)',
    't.csv: row 6, column complexity: not a complexity level the model has rates for (found "medium"; expected low, middle or high, as in the example table)',
    't.csv: row 9, column complexity: not a complexity level the model has rates for (found "medium"; expected low, middle or high, as in the example table)',
  ]);
  // Case does not matter for levels (the reader lower-cases them).
  assert.deepEqual(checkSegmentationCsv(EXAMPLE_PLACE_CSV.replace(",high,", ",High,")), []);
});

Deno.test("with a column missing, every other problem is listed too, in row order", () => {
  const lines = EXAMPLE_PLACE_CSV.replace("ae_attendances_pppy", "ae").split("\n");
  lines[3] = lines[3].replace(",high,", ",very high,");
  lines[7] = lines[7].replace(",4670,", ",4670.5,");
  const found = checkSegmentationCsv(lines.join("\n")).map((p) => `${p.at}: ${p.message}`);
  assert.deepEqual(found, [
    "row 1, column ae_attendances_pppy: a required column is missing",
    "row 4, column complexity: not a complexity level the model has rates for",
    "row 8, column population: not a whole number",
  ]);
});
