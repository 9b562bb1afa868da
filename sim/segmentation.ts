/**
 * Reads a segmentation table (CSV of the same shape as the published one) into segment rows,
 * with a problem for every missing column, empty or non-numeric cell, negative or fractional
 * population and duplicate segment, each named by row and column — all of them at once: a
 * missing column does not hide the problems in the columns that are there.
 */
// @ts-types="npm:@types/d3-dsv@3.0.7"
import { csvParseRows } from "d3-dsv";
import { parseAgeBand } from "./age-groups.ts";
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
  "average_age",
  "average_deprivation_decile",
  ...Object.values(SPEND_COLUMNS),
  "inpatient_spells_pppy",
  "ae_attendances_pppy",
];

/**
 * A decimal number as a spreadsheet writes it: optional sign, digits (optionally grouped in
 * thousands with commas), optional fraction and exponent. Not hex, octal, binary, Infinity,
 * underscores or blank.
 */
const DECIMAL = /^[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Age band and complexity labels (they become keys such as `transitions.75+.low->middle`). */
const LABEL = /^[\p{L}\p{N}][\p{L}\p{N} +._-]{0,39}$/u;

interface Range {
  what: string;
  min: number;
  max: number;
  integer?: boolean;
  money?: boolean;
  /** The maximum is a plausibility limit rather than a definition. */
  plausible?: boolean;
}

/**
 * What each cell may hold. Upper limits on counts and spend are plausibility limits: a segment
 * of a whole system is below 10 million people, and no segment's spend per person reaches
 * £1m a year; above them a table is mistyped (e.g. a total in a per-person column).
 */
export const RANGES: Record<
  "population" | "age" | "decile" | "spend" | "spells" | "attendances",
  Range
> = {
  population: {
    what: "a whole number of people in the segment",
    min: 0,
    max: 10_000_000,
    integer: true,
    plausible: true,
  },
  age: { what: "the segment's mean age in years", min: 0, max: 120 },
  decile: { what: "the segment's mean IMD decile", min: 1.5, max: 9.5 },
  spend: { what: "£ per person per year", min: 0, max: 1_000_000, money: true, plausible: true },
  spells: { what: "inpatient spells per person per year", min: 0, max: 50, plausible: true },
  attendances: { what: "A&E attendances per person per year", min: 0, max: 100, plausible: true },
};

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
  const missing = new Set(REQUIRED_COLUMNS.filter((col) => !index.has(col)));
  for (const col of REQUIRED_COLUMNS) {
    if (missing.has(col)) {
      problems.push({
        at: `row 1, column ${col}`,
        message: "a required column is missing",
        expected: `a header named ${col}`,
      });
    }
  }
  if (rows.length - 1 > MAX_SEGMENT_ROWS) {
    return {
      segments: [],
      problems: [...problems, {
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
    // A missing column is reported once, above; its cells are not looked for row by row.
    const num = (col: string, range: Range) => {
      if (missing.has(col)) return NaN;
      const raw = text(col);
      const at = `row ${rowNo}, column ${col}`;
      if (raw === "") {
        rowProblems.push({ at, message: "the cell is empty", expected: range.what });
        return NaN;
      }
      const plain = range.money ? raw.replace(/^£/, "") : raw;
      if (!DECIMAL.test(plain)) {
        rowProblems.push({
          at,
          message: "not a decimal number",
          found: show(raw),
          expected: `${range.what}, written like 1234, 1,234 or 12.5${
            range.money ? " (£ allowed)" : ""
          }`,
        });
        return NaN;
      }
      const v = Number(plain.replace(/,/g, ""));
      if (range.integer && !Number.isInteger(v)) {
        rowProblems.push({ at, message: "not a whole number", found: raw, expected: range.what });
      }
      if (v < range.min) {
        rowProblems.push({
          at,
          message: "too small",
          found: raw,
          expected: `at least ${range.min} (${range.what})`,
        });
      } else if (v > range.max) {
        rowProblems.push({
          at,
          message: range.plausible ? "implausibly large" : "too large",
          found: raw,
          expected: `at most ${range.max.toLocaleString("en-GB")} (${range.what})`,
        });
      }
      return v;
    };
    const label = (col: string, example: string) => {
      if (missing.has(col)) return "";
      const value = text(col);
      const at = `row ${rowNo}, column ${col}`;
      if (value === "") {
        rowProblems.push({ at, message: "the cell is empty", expected: example });
      } else if (!LABEL.test(value)) {
        rowProblems.push({
          at,
          message: "not a usable label",
          found: show(value),
          expected:
            `letters, digits, spaces and + . _ - (at most 40 characters, starting with a letter or digit), e.g. ${example}`,
        });
      }
      return value;
    };
    const ageBand = label("age_band", "an age band such as 18-74");
    const band = ageBand === "" ? null : parseAgeBand(ageBand);
    if (ageBand !== "" && band === null && !rowProblems.length) {
      rowProblems.push({
        at: `row ${rowNo}, column age_band`,
        message: "not an age band the model can split into age groups",
        found: show(ageBand),
        expected: 'ages "a-b" (a to b inclusive, e.g. 18-74) or "a+" (a and over, e.g. 75+)',
      });
    }
    const averageAge = num("average_age", RANGES.age);
    if (band && Number.isFinite(averageAge)) {
      const end = band.to === null ? Infinity : band.to + 1;
      if (averageAge < band.from || averageAge >= end) {
        rowProblems.push({
          at: `row ${rowNo}, column average_age`,
          message: "the mean age lies outside the segment's age band",
          found: String(averageAge),
          expected: band.to === null
            ? `at least ${band.from} (band ${ageBand})`
            : `from ${band.from} to below ${band.to + 1} (band ${ageBand})`,
        });
      }
    }
    const complexity = label("complexity", "a complexity level such as middle").toLowerCase();
    const spend = {} as Record<Sector, number>;
    for (const [sector, col] of Object.entries(SPEND_COLUMNS) as [Sector, string][]) {
      spend[sector] = num(col, RANGES.spend);
    }
    const segment: SegmentRow = {
      ageBand,
      complexity,
      population: num("population", RANGES.population),
      averageAge,
      averageDeprivationDecile: num("average_deprivation_decile", RANGES.decile),
      spend,
      inpatientSpells: num("inpatient_spells_pppy", RANGES.spells),
      aeAttendances: num("ae_attendances_pppy", RANGES.attendances),
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
    if (rowProblems.length === 0 && missing.size === 0) segments.push(segment);
  }
  if (missing.size) return { segments: [], problems };
  if (problems.length === 0) problems.push(...bandProblems(segments));
  if (segments.length === 0 && problems.length === 0) {
    problems.push({ at: "row 2", message: "the table has no segments" });
  } else if (problems.length === 0 && segments.every((s) => s.population === 0)) {
    problems.push({
      at: "column population",
      message: "the table has no people",
      expected: "at least one segment with a population above 0",
    });
  }
  return { segments, problems };
}

/**
 * The age bands must tile an age range without gaps or overlaps (so ageing from one band leads
 * into the next), with at most one open band ("a+"), the oldest.
 */
export function bandProblems(segments: SegmentRow[]): Problem[] {
  const bands = [...new Set(segments.map((s) => s.ageBand))]
    .map((label) => ({ label, range: parseAgeBand(label)! }))
    .sort((a, b) => a.range.from - b.range.from);
  const problems: Problem[] = [];
  for (let i = 1; i < bands.length; i++) {
    const prev = bands[i - 1];
    const here = bands[i];
    const expected = prev.range.to === null ? null : prev.range.to + 1;
    if (expected !== here.range.from) {
      problems.push({
        at: "column age_band",
        message: expected === null || here.range.from < expected
          ? `age bands ${prev.label} and ${here.label} overlap`
          : `age bands ${prev.label} and ${here.label} leave a gap (ages ${expected} to ${
            here.range.from - 1
          } are in no band)`,
        expected: "bands that follow one another, e.g. 0-17, 18-74, 75+",
      });
    }
  }
  return problems;
}
