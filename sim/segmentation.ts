/**
 * Reads a segmentation table (CSV of the same shape as the published one) into segment rows,
 * with a problem for every missing column, empty or non-numeric cell, negative or fractional
 * population and duplicate segment, each named by row and column.
 */
// @ts-types="npm:@types/d3-dsv@3.0.7"
import { csvParseRows } from "d3-dsv";
import type { Problem } from "./problems.ts";
import { show } from "./problems.ts";
import type { Sector, SegmentRow } from "./types.ts";

const SPEND_COLUMNS: Record<Sector, string> = {
  acuteElective: "spend_pppy_acute_elective",
  acuteNonElective: "spend_pppy_acute_non_elective",
  mhCommunity: "spend_pppy_mh_community",
  socialCare: "spend_pppy_social_care",
  generalPractice: "spend_pppy_general_practice",
};

/** Columns a table must have; the published table's other columns are allowed and ignored. */
export const REQUIRED_COLUMNS = [
  "age_band",
  "complexity",
  "population",
  "average_deprivation_decile",
  ...Object.values(SPEND_COLUMNS),
  "inpatient_spells_pppy",
  "ae_attendances_pppy",
];

/** Largest table accepted, in rows (a segmentation has tens of segments, not thousands). */
export const MAX_SEGMENT_ROWS = 1000;

export interface SegmentationResult {
  segments: SegmentRow[];
  problems: Problem[];
}

/** Parses CSV text. Rows are numbered as a spreadsheet shows them (header = row 1). */
export function parseSegmentation(text: string): SegmentationResult {
  const problems: Problem[] = [];
  const rows = csvParseRows(text.replace(/^\uFEFF/, "").trim());
  if (rows.length === 0 || (rows.length === 1 && rows[0].every((c) => c.trim() === ""))) {
    return { segments: [], problems: [{ at: "row 1", message: "the table is empty" }] };
  }
  const header = rows[0].map((h) => h.trim());
  const index = new Map(header.map((h, i) => [h, i]));
  for (const col of REQUIRED_COLUMNS) {
    if (!index.has(col)) {
      problems.push({
        at: `row 1, column ${col}`,
        message: "a required column is missing",
        expected: `a header named ${col}`,
      });
    }
  }
  if (problems.length) return { segments: [], problems };
  if (rows.length - 1 > MAX_SEGMENT_ROWS) {
    return {
      segments: [],
      problems: [{
        at: `row ${MAX_SEGMENT_ROWS + 2}`,
        message: "too many rows",
        found: String(rows.length - 1),
        expected: `at most ${MAX_SEGMENT_ROWS} segments`,
      }],
    };
  }

  const segments: SegmentRow[] = [];
  const seen = new Map<string, number>();
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const rowNo = r + 1;
    if (row.every((c) => c.trim() === "")) continue;
    const rowProblems: Problem[] = [];
    const text = (col: string) => (row[index.get(col)!] ?? "").trim();
    const num = (col: string, opts: { integer?: boolean; min?: number; max?: number } = {}) => {
      const raw = text(col);
      const at = `row ${rowNo}, column ${col}`;
      if (raw === "") {
        rowProblems.push({ at, message: "the cell is empty", expected: "a number" });
        return NaN;
      }
      const v = Number(raw.replace(/^£/, "").replace(/,/g, ""));
      if (!Number.isFinite(v)) {
        rowProblems.push({
          at,
          message: "not a finite number",
          found: show(raw),
          expected: "a number",
        });
        return NaN;
      }
      if (opts.integer && !Number.isInteger(v)) {
        rowProblems.push({
          at,
          message: "not a whole number",
          found: raw,
          expected: "a whole number of people",
        });
      }
      if (opts.min !== undefined && v < opts.min) {
        rowProblems.push({
          at,
          message: "too small",
          found: raw,
          expected: `at least ${opts.min}`,
        });
      }
      if (opts.max !== undefined && v > opts.max) {
        rowProblems.push({ at, message: "too large", found: raw, expected: `at most ${opts.max}` });
      }
      return v;
    };
    const ageBand = text("age_band");
    const complexity = text("complexity").toLowerCase();
    if (ageBand === "") {
      rowProblems.push({
        at: `row ${rowNo}, column age_band`,
        message: "the cell is empty",
        expected: "an age band such as 18-74",
      });
    }
    if (complexity === "") {
      rowProblems.push({
        at: `row ${rowNo}, column complexity`,
        message: "the cell is empty",
        expected: "a complexity level such as middle",
      });
    }
    const spend = {} as Record<Sector, number>;
    for (const [sector, col] of Object.entries(SPEND_COLUMNS) as [Sector, string][]) {
      spend[sector] = num(col, { min: 0 });
    }
    const segment: SegmentRow = {
      ageBand,
      complexity,
      population: num("population", { integer: true, min: 0 }),
      averageDeprivationDecile: num("average_deprivation_decile", { min: 1.5, max: 9.5 }),
      spend,
      inpatientSpells: num("inpatient_spells_pppy", { min: 0 }),
      aeAttendances: num("ae_attendances_pppy", { min: 0 }),
    };
    const key = `${ageBand} × ${complexity}`;
    if (ageBand && complexity && seen.has(key)) {
      rowProblems.push({
        at: `row ${rowNo}, columns age_band and complexity`,
        message: `segment ${key} appears twice`,
        found: `also on row ${seen.get(key)}`,
        expected: "one row per segment",
      });
    }
    seen.set(key, rowNo);
    problems.push(...rowProblems);
    if (rowProblems.length === 0) segments.push(segment);
  }
  if (segments.length === 0 && problems.length === 0) {
    problems.push({ at: "row 2", message: "the table has no segments" });
  }
  return { segments, problems };
}
