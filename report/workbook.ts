/**
 * The Excel workbook of a run, for finance leads: a cover sheet (study, run, seed, versions,
 * hashes, sign-off, the sign convention), a data dictionary (every column and measure with its
 * unit and meaning), the assumptions as entered with their sources and rationale, the results by
 * scenario, year and measure (numbers as numbers, formatted by unit), the assertions, and for a
 * study with providers its budgets (cohort costs by provider, capitation, agreements). Written
 * by `sim run` (results.xlsx) and served by the API for a saved run or results sent to it.
 */
import type { AssertionOutcome } from "../sim/assertions.ts";
import type { Study } from "../sim/study/format.ts";
import { SCHEMA_VERSION } from "../sim/study/format.ts";
import type { Results } from "../sim/summary.ts";
import type { BudgetResults, YearSummary } from "../sim/budgets/summarise.ts";
import { measureDictionary, RESULT_COLUMNS } from "./data-dictionary.ts";
import { parameterRows } from "./parameter-rows.ts";
import { uncertaintyText } from "./provenance.ts";
import { newWorkbook, type Workbook, workbookBytes, type Worksheet } from "./xlsx.ts";

export const SHEETS = {
  cover: "Cover",
  dictionary: "Data dictionary",
  assumptions: "Assumptions",
  results: "Results",
  assertions: "Assertions",
  budgets: "Budgets",
} as const;

/** A saved run's identity and sign-off, when the workbook is of a saved run. */
export interface WorkbookRun {
  studyId: string;
  id: string;
  savedAt: string;
  studyVersion: number | null;
  final: {
    by: string;
    note: string;
    at: string;
    contentHash: string;
    supersedes: string | null;
  } | null;
  supersededBy?: string | null;
}

export interface WorkbookInput {
  study: Study;
  /** The format version the study text was written in. */
  schemaVersion: number;
  results: Results;
  assertions?: AssertionOutcome[];
  run?: WorkbookRun | null;
  /** When the workbook is made (default now). */
  generatedAt?: Date;
}

/** Excel number formats by measure unit. */
const FORMATS: Record<string, string> = {
  "people": "#,##0",
  "count": "#,##0",
  "£": '"£"#,##0',
  "per 1,000": "#,##0.00",
  "£ per person": '"£"#,##0.00',
  "ratio": "0.000",
  "£ per £": "0.00",
  "share": "0.0%",
};

const BOLD = { bold: true };
const HEADER_FILL = {
  type: "pattern" as const,
  pattern: "solid" as const,
  fgColor: { argb: "FFE8EDEE" },
};

function header(sheet: Worksheet, columns: { header: string; width: number }[]): void {
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const row = sheet.getRow(1);
  row.font = BOLD;
  row.eachCell((cell) => (cell.fill = HEADER_FILL));
  sheet.views = [{ state: "frozen", ySplit: 1 }];
}

function coverSheet(wb: Workbook, input: WorkbookInput): void {
  const { study, results: r, run } = input;
  const p = r.provenance;
  const sheet = wb.addWorksheet(SHEETS.cover);
  sheet.columns = [{ width: 30 }, { width: 100 }];
  sheet.addRow([study.name]).font = { bold: true, size: 14 };
  if (study.description) sheet.addRow([study.description]);
  sheet.addRow([]);
  const rows: [string, string | number][] = [
    ["Study", study.name],
    [
      "Saved study",
      run ? `${run.studyId} (version ${run.studyVersion ?? "not recorded"})` : "not saved",
    ],
    [
      "Run",
      run ? `${run.id}, kept ${run.savedAt}` : "not kept (the run on screen or the command line's)",
    ],
    [
      "Analysis",
      r.mode === "monte-carlo" ? "Monte Carlo" : "Deterministic (parameters at their means)",
    ],
    ["Iterations", r.iterations],
    ["Seed", r.seed === null ? "none" : String(r.seed)],
    ["Uncertainty", uncertaintyText(p.uncertainty)],
    ["Percentile interval", `${Math.round(r.interval * 100)}%`],
    ["Horizon", `${r.horizonYears} years (year 0 is the starting year)`],
    ["Discount rate", `${(r.discountRate * 100).toFixed(1)}% a year`],
    ["Engine version", p.engineVersion],
    ["Study format version", `${input.schemaVersion} (current ${SCHEMA_VERSION})`],
    ["Deno version", p.denoVersion ?? "not run by Deno (a browser)"],
    ["Study file and CSV hash", p.studyHash ?? "not recorded"],
    ["Model inputs hash", p.inputHash],
  ];
  if (p.calibration) rows.push(["Calibration posterior hash", p.calibration.posteriorHash]);
  if (run?.final) {
    const f = run.final;
    rows.push(
      ["Sign-off", `FINAL — signed off by ${f.by} at ${f.at}`],
      ["Sign-off note", f.note || "(none)"],
      ["Content hash (SHA-256)", f.contentHash],
      ["Supersedes", f.supersedes ?? "no earlier final run"],
    );
    if (run.supersededBy) rows.push(["Superseded by", `run ${run.supersededBy}`]);
  } else {
    rows.push(["Sign-off", "not signed off (not a final run)"]);
  }
  rows.push(
    [
      "Sign convention",
      'Every difference is scenario − baseline. "Net cost" positive costs more, negative saves.',
    ],
    ["Generated", (input.generatedAt ?? new Date()).toISOString()],
    [
      "Sheets",
      `${SHEETS.dictionary}: every column and measure; ${SHEETS.assumptions}: every input with its source and rationale; ${SHEETS.results}: by scenario, year and measure${
        input.assertions?.length ? `; ${SHEETS.assertions}` : ""
      }.`,
    ],
  );
  for (const [k, v] of rows) {
    const row = sheet.addRow([k, v]);
    row.getCell(1).font = BOLD;
    row.getCell(2).alignment = { wrapText: true, vertical: "top" };
  }
}

function dictionarySheet(wb: Workbook, input: WorkbookInput): void {
  const sheet = wb.addWorksheet(SHEETS.dictionary);
  header(sheet, [
    { header: "Column or measure", width: 42 },
    { header: "Label", width: 40 },
    { header: "Unit", width: 14 },
    { header: "Reported", width: 30 },
    { header: "Period", width: 40 },
    { header: "Meaning", width: 100 },
  ]);
  sheet.addRow([`Columns of the ${SHEETS.results} sheet`]).font = BOLD;
  for (const c of RESULT_COLUMNS) sheet.addRow([c.column, c.column, c.unit, "", "", c.meaning]);
  sheet.addRow([]);
  sheet.addRow(["Measures"]).font = BOLD;
  const interventions = (input.study.interventions ?? []).map((iv) => ({
    id: iv.id,
    name: iv.name,
  }));
  for (const m of measureDictionary(input.results, interventions)) {
    sheet.addRow([m.key, m.label, m.unit, m.reported, m.period, m.meaning]);
  }
}

function assumptionsSheet(wb: Workbook, input: WorkbookInput): void {
  const sheet = wb.addWorksheet(SHEETS.assumptions);
  header(sheet, [
    { header: "Section", width: 14 },
    { header: "Item", width: 30 },
    { header: "Path", width: 50 },
    { header: "Value as entered", width: 44 },
    { header: "Default", width: 9 },
    { header: "Central", width: 11 },
    { header: "Low", width: 11 },
    { header: "High", width: 11 },
    { header: "Interval", width: 9 },
    { header: "Distribution", width: 30 },
    { header: "Source", width: 60 },
    { header: "Assumption", width: 50 },
    { header: "Rationale", width: 50 },
  ]);
  for (const r of parameterRows(input.study)) {
    const row = sheet.addRow([
      r.section,
      r.item,
      r.path,
      r.value,
      r.isDefault ? "default" : "",
      r.central,
      r.low,
      r.high,
      r.level,
      r.distribution,
      r.source,
      r.assumption,
      r.rationale,
    ]);
    row.getCell(9).numFmt = "0%";
    for (const c of [4, 11, 12, 13]) row.getCell(c).alignment = { wrapText: true, vertical: "top" };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 13 } };
}

function resultsSheet(wb: Workbook, input: WorkbookInput): void {
  const { results } = input;
  const sheet = wb.addWorksheet(SHEETS.results);
  header(sheet, [
    { header: "Scenario", width: 30 },
    { header: "Kind", width: 11 },
    { header: "Measure", width: 40 },
    { header: "Label", width: 44 },
    { header: "Unit", width: 12 },
    { header: "Year", width: 6 },
    { header: "Mean", width: 14 },
    { header: "SD", width: 14 },
    { header: "MCSE", width: 12 },
    { header: "Median", width: 14 },
    { header: "Low", width: 14 },
    { header: "High", width: 14 },
    { header: "P(below 0)", width: 11 },
  ]);
  const interventions = (input.study.interventions ?? []).map((iv) => ({
    id: iv.id,
    name: iv.name,
  }));
  const dictionary = new Map(measureDictionary(results, interventions).map((m) => [m.key, m]));
  const value = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? null : v);
  for (const s of results.scenarios) {
    for (const [kind, table] of [["absolute", s.absolute], ["difference", s.deltas]] as const) {
      for (const [key, series] of Object.entries(table ?? {})) {
        const m = dictionary.get(key);
        const format = FORMATS[m?.unit ?? ""];
        results.years.forEach((year, y) => {
          const row = sheet.addRow([
            s.name,
            kind,
            key,
            m?.label ?? key,
            m?.unit ?? "",
            year,
            value(series.mean[y]),
            value(series.sd?.[y]),
            value(series.mcse?.[y]),
            value(series.median?.[y]),
            value(series.low?.[y]),
            value(series.high?.[y]),
            value(series.pNegative?.[y]),
          ]);
          if (format) { for (let c = 7; c <= 12; c++) row.getCell(c).numFmt = format; }
          row.getCell(13).numFmt = "0%";
        });
      }
    }
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 13 } };
}

function assertionsSheet(wb: Workbook, assertions: AssertionOutcome[]): void {
  const sheet = wb.addWorksheet(SHEETS.assertions);
  header(sheet, [
    { header: "Assertion", width: 70 },
    { header: "Result", width: 9 },
    { header: "Year", width: 6 },
    { header: "Unit", width: 12 },
    { header: "Mean", width: 14 },
    { header: "Low", width: 14 },
    { header: "High", width: 14 },
    { header: "Share of iterations", width: 12 },
    { header: "Why", width: 70 },
  ]);
  for (const a of assertions) {
    const row = sheet.addRow([
      a.label,
      a.passed ? "holds" : "fails",
      a.year,
      a.unit,
      a.mean,
      a.low,
      a.high,
      a.share,
      a.assertion.reason ?? "",
    ]);
    row.getCell(8).numFmt = "0%";
  }
}

/**
 * Budgets (studies with providers), one row per table × scenario × cohort or party × provider ×
 * measure × year: cost per provider per person (and its change), the capitated budget against
 * projected cost with P(overspend), and each agreement's parties' net positions with P(loss).
 * The sign convention is the results': a change is scenario − baseline; a position is what the
 * party gains.
 */
function budgetsSheet(wb: Workbook, b: BudgetResults, years: number[]): void {
  const sheet = wb.addWorksheet(SHEETS.budgets);
  header(sheet, [
    { header: "Table", width: 22 },
    { header: "Scenario", width: 28 },
    { header: "Cohort or party", width: 34 },
    { header: "Provider", width: 30 },
    { header: "Measure", width: 34 },
    { header: "Unit", width: 13 },
    { header: "Year", width: 6 },
    { header: "Mean", width: 14 },
    { header: "Low", width: 14 },
    { header: "High", width: 14 },
    { header: "Probability", width: 12 },
  ]);
  const names = new Map([...b.parties, ...b.providers].map((p) => [p.id, p.name]));
  names.set("total", "All providers");
  names.set("system", "The system (all parties)");
  const add = (cells: (string | number | null)[], money: boolean) => {
    const row = sheet.addRow(cells);
    if (money) { for (let c = 8; c <= 10; c++) row.getCell(c).numFmt = '"£"#,##0.00'; }
    row.getCell(11).numFmt = "0%";
  };
  const byYear = (
    table: string,
    scenario: string,
    who: string,
    provider: string,
    measure: string,
    s: YearSummary,
    p?: number[],
  ) =>
    years.forEach((year, y) => {
      if (s.mean[y] === undefined) return;
      add([
        table,
        scenario,
        who,
        provider,
        measure,
        "£",
        year,
        s.mean[y],
        s.low[y],
        s.high[y],
        p?.[y] ?? s.pNegative?.[y] ?? null,
      ], true);
    });
  for (const c of b.cohorts) {
    for (const s of c.scenarios) {
      for (
        const [kind, table] of [["cost per person", s.perPerson], [
          "change per person (P = below 0, saves)",
          s.difference,
        ]] as const
      ) {
        for (const [id, summary] of Object.entries(table ?? {})) {
          byYear("Cohort cost", s.name, c.cohort.name, names.get(id) ?? id, kind, summary);
        }
      }
    }
  }
  if (b.capitation) {
    for (const s of b.capitation.scenarios) {
      byYear("Capitation", s.name, "", "", "budget", s.budget);
      byYear("Capitation", s.name, "", "", "projected cost", s.cost);
      byYear(
        "Capitation",
        s.name,
        "",
        "",
        "cost − budget (P = overspend)",
        s.variance,
        s.pOverspend,
      );
      byYear(
        "Capitation",
        s.name,
        "",
        "",
        "cumulative cost − budget (P = overspend)",
        s.cumulativeVariance,
        s.pCumulativeOverspend,
      );
    }
  }
  for (const a of b.agreements) {
    for (const s of a.scenarios) {
      for (const [party, d] of Object.entries(s.positions)) {
        add([
          a.name,
          s.name,
          names.get(party) ?? party,
          "",
          "net position over the horizon (P = loss)",
          "£",
          null,
          d.mean,
          d.low,
          d.high,
          d.pNegative,
        ], true);
      }
    }
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 11 } };
}

/** The workbook of a run. */
export function buildWorkbook(input: WorkbookInput): Workbook {
  const wb = newWorkbook();
  wb.creator = "Careshift";
  wb.created = input.generatedAt ?? new Date();
  coverSheet(wb, input);
  dictionarySheet(wb, input);
  assumptionsSheet(wb, input);
  resultsSheet(wb, input);
  if (input.assertions?.length) assertionsSheet(wb, input.assertions);
  if (input.results.budgets) budgetsSheet(wb, input.results.budgets, input.results.years);
  return wb;
}

/** The workbook of a run as .xlsx bytes. */
export function workbookXlsx(input: WorkbookInput): Promise<Uint8Array> {
  return workbookBytes(buildWorkbook(input));
}
