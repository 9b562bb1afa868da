/**
 * The browser's check of an uploaded segmentation table before a study is made of it: the
 * engine's own reader (every problem by row and column, all at once), and the age bands and
 * complexity levels against the example place's — the model's default rates (deaths, moves
 * between levels) exist only for those, so "medium" for "middle" must be caught here rather
 * than give a study with no moves for that level.
 */
// @ts-types="npm:@types/d3-dsv@3.0.7"
import { csvParseRows } from "d3-dsv";
import { EXAMPLE_PLACE_CSV } from "../sim/example-place.ts";
import type { Problem } from "../sim/problems.ts";
import { parseSegmentation } from "../sim/segmentation.ts";
import { suggest } from "../sim/validate.ts";

const list = (xs: string[]) =>
  xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`;

/** Every problem with the table, in row order (the header is row 1). */
export function checkSegmentationCsv(text: string, example = EXAMPLE_PLACE_CSV): Problem[] {
  const { problems } = parseSegmentation(text);
  const known = parseSegmentation(example).segments;
  const expected = {
    age_band: [...new Set(known.map((s) => s.ageBand))],
    complexity: [...new Set(known.map((s) => s.complexity))],
  };
  const rows = csvParseRows(text.replace(/^\uFEFF/, "").trim());
  const header = (rows[0] ?? []).map((h) => h.trim());
  const names = { age_band: "an age band", complexity: "a complexity level" };
  const flagged = new Set(problems.map((p) => p.at));
  for (const column of ["age_band", "complexity"] as const) {
    const c = header.indexOf(column);
    if (c < 0) continue;
    for (let r = 1; r < rows.length; r++) {
      const raw = (rows[r][c] ?? "").trim();
      const value = column === "complexity" ? raw.toLowerCase() : raw;
      const at = `row ${r + 1}, column ${column}`;
      if (value === "" || flagged.has(at) || expected[column].includes(value)) continue;
      problems.push({
        at,
        message: `not ${names[column]} the model has rates for`,
        found: JSON.stringify(raw),
        expected: `${list(expected[column])}, as in the example table`,
        suggestion: suggest(value, expected[column]),
      });
    }
  }
  const rowOf = (p: Problem) => Number(/^row (\d+)/.exec(p.at)?.[1] ?? 0);
  return problems.sort((a, b) => rowOf(a) - rowOf(b));
}
