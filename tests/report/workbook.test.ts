/**
 * The Excel workbook: written with ExcelJS and read back with it, its sheets hold the expected
 * rows — the cover's run facts and sign-off, a dictionary entry for every column and measure,
 * every input with its source and rationale, and one results row per scenario × kind × measure ×
 * year with the run's numbers.
 */
import assert from "node:assert/strict";
import { SCHEMA_VERSION } from "../../sim/study/format.ts";
import { runStudy } from "../../sim/api.ts";
import { prepareStudy } from "../../sim/study/prepare.ts";
import { parameterRows } from "../../report/parameter-rows.ts";
import { RESULT_COLUMNS } from "../../report/data-dictionary.ts";
import { SHEETS, workbookXlsx } from "../../report/workbook.ts";
import { readWorkbook, type Worksheet } from "../../report/xlsx.ts";
import { budgetStudy } from "../sim/budgets/fixtures.ts";

const STUDY = {
  schemaVersion: 2,
  name: "Workbook study",
  horizonYears: 3,
  seed: "board-2026",
  interventions: [{
    id: "iv",
    name: "Coordination",
    source: "Tricco 2014",
    rationale: "The only trial in a comparable population",
    target: { complexity: ["high"] },
    uptake: { central: 0.5, low: 0.4, high: 0.6, family: "beta", assumption: "Local pilot" },
    costPerParticipant: { dist: "fixed", value: 400, rationale: "Tariff 2026/27" },
    effects: { activity: { nonElective: 0.8 } },
  }],
  scenarios: [{ name: "Coordinated", interventions: ["iv"] }],
  assertions: [{
    scenario: "Coordinated",
    measure: "cumulative.activity.nonElective",
    below: 0,
    reason: "Fewer admissions",
  }],
};

/** A sheet's rows as arrays of cell values (row 1 first). */
function rows(sheet: Worksheet): unknown[][] {
  const out: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    out.push((row.values as unknown[]).slice(1));
  });
  return out;
}

Deno.test("the workbook opens and its sheets hold the expected rows", async () => {
  const { loaded } = prepareStudy(JSON.stringify(STUDY), () => ({}));
  const { results, assertions } = await runStudy(loaded!, {
    ...loaded!.options,
    iterations: 30,
    decompose: false,
  });
  const bytes = await workbookXlsx({
    study: loaded!.study,
    schemaVersion: loaded!.schemaVersion,
    results,
    assertions,
    run: {
      studyId: "s-0000000a",
      id: "r-0000000b",
      savedAt: "2026-11-20T10:00:00.000Z",
      studyVersion: 3,
      final: {
        by: "A. Finance",
        note: "Board paper",
        at: "2026-11-21T09:00:00.000Z",
        contentHash: "ab".repeat(32),
        supersedes: null,
      },
    },
  });
  // An xlsx file is a zip archive.
  assert.deepEqual([...bytes.subarray(0, 2)], [0x50, 0x4b]);
  const wb = await readWorkbook(bytes);
  assert.deepEqual(wb.worksheets.map((s) => s.name), [
    SHEETS.cover,
    SHEETS.dictionary,
    SHEETS.assumptions,
    SHEETS.results,
    SHEETS.assertions,
  ]);

  const cover = new Map(
    rows(wb.getWorksheet(SHEETS.cover)!).filter((r) => r.length === 2).map((r) => [r[0], r[1]]),
  );
  assert.equal(cover.get("Study"), "Workbook study");
  assert.equal(cover.get("Seed"), "board-2026");
  assert.equal(cover.get("Iterations"), 30);
  assert.equal(cover.get("Engine version"), results.provenance.engineVersion);
  assert.equal(cover.get("Model inputs hash"), results.inputHash);
  assert.equal(cover.get("Study format version"), `2 (current ${SCHEMA_VERSION})`);
  assert.equal(cover.get("Run"), "r-0000000b, kept 2026-11-20T10:00:00.000Z");
  assert.match(String(cover.get("Sign-off")), /^FINAL — signed off by A\. Finance/);
  assert.equal(cover.get("Content hash (SHA-256)"), "ab".repeat(32));
  assert.match(String(cover.get("Sign convention")), /scenario − baseline/);

  // Dictionary: every column, and every measure of the results once, each with a meaning.
  const dictionary = rows(wb.getWorksheet(SHEETS.dictionary)!);
  for (const c of RESULT_COLUMNS) {
    assert.ok(dictionary.some((r) => r[0] === c.column && r[5] === c.meaning), c.column);
  }
  const keys = new Set<string>();
  for (const s of results.scenarios) {
    for (const k of [...Object.keys(s.absolute), ...Object.keys(s.deltas ?? {})]) keys.add(k);
  }
  const measureRows = dictionary.filter((r) => keys.has(String(r[0])));
  assert.equal(measureRows.length, keys.size);
  for (const r of measureRows) {
    assert.ok(r[2], `${r[0]} has a unit`);
    assert.ok(String(r[5]).length > 20, `${r[0]} has a meaning`);
    assert.doesNotMatch(String(r[5]), /Not in this Careshift/);
  }
  const cost = measureRows.find((r) => r[0] === "discounted.cost.total")!;
  assert.equal(cost[2], "£");
  assert.match(String(cost[5]), /discounted to year 0/);

  // Assumptions: one row per input, sources and rationale beside the values.
  const assumptions = rows(wb.getWorksheet(SHEETS.assumptions)!).slice(1);
  assert.equal(assumptions.length, parameterRows(loaded!.study).length);
  const byPath = new Map(assumptions.map((r) => [r[2], r]));
  const iv = byPath.get("interventions.iv")!;
  assert.equal(iv[10], "Tricco 2014");
  assert.equal(iv[12], "The only trial in a comparable population");
  const cost400 = byPath.get("interventions.iv.costPerParticipant")!;
  assert.equal(cost400[5], 400);
  assert.equal(cost400[12], "Tariff 2026/27");
  const uptake = byPath.get("interventions.iv.uptake")!;
  assert.deepEqual(uptake.slice(5, 9), [0.5, 0.4, 0.6, 0.95]);
  assert.equal(uptake[11], "Local pilot");
  assert.equal(byPath.get("discountRate")![4], "default");

  // Results: scenario × kind × measure × year, the run's own numbers.
  const sheet = wb.getWorksheet(SHEETS.results)!;
  const table = rows(sheet);
  assert.deepEqual(table[0], [
    "Scenario",
    "Kind",
    "Measure",
    "Label",
    "Unit",
    "Year",
    "Mean",
    "SD",
    "MCSE",
    "Median",
    "Low",
    "High",
    "P(below 0)",
  ]);
  let expected = 0;
  for (const s of results.scenarios) {
    expected += (Object.keys(s.absolute).length + Object.keys(s.deltas ?? {}).length) *
      results.years.length;
  }
  assert.equal(table.length - 1, expected);
  const coordinated = results.scenarios.find((s) => s.name === "Coordinated")!;
  const at = table.findIndex((r) =>
    r[0] === "Coordinated" && r[1] === "difference" && r[2] === "discounted.cost.total" &&
    r[5] === 3
  );
  const net = coordinated.deltas!["discounted.cost.total"];
  assert.deepEqual(table[at].slice(6), [
    net.mean[3],
    net.sd![3],
    net.mcse![3],
    net.median![3],
    net.low![3],
    net.high![3],
    net.pNegative![3],
  ]);
  assert.equal(table[at][4], "£");
  assert.equal(sheet.getRow(at + 1).getCell(7).numFmt, '"£"#,##0');

  const checks = rows(wb.getWorksheet(SHEETS.assertions)!);
  assert.equal(checks.length, 2);
  assert.equal(checks[1][8], "Fewer admissions");
});

Deno.test("a workbook of a run that is not saved says so on its cover", async () => {
  const { loaded } = prepareStudy(JSON.stringify(STUDY), () => ({}));
  const { results } = await runStudy(loaded!, { ...loaded!.options, iterations: 5 });
  const wb = await readWorkbook(
    await workbookXlsx({ study: loaded!.study, schemaVersion: 1, results }),
  );
  const cover = new Map(
    rows(wb.getWorksheet(SHEETS.cover)!).filter((r) => r.length === 2).map((r) => [r[0], r[1]]),
  );
  assert.equal(cover.get("Saved study"), "not saved");
  assert.match(String(cover.get("Sign-off")), /not signed off/);
  assert.equal(cover.get("Study format version"), `1 (current ${SCHEMA_VERSION})`);
  assert.equal(wb.getWorksheet(SHEETS.assertions), undefined);
});

Deno.test("a study with providers has a Budgets sheet: cohort costs by provider, capitation, agreements", async () => {
  const { loaded } = prepareStudy(JSON.stringify(budgetStudy({ iterations: 12 })), () => ({}));
  const { results } = await runStudy(loaded!, { ...loaded!.options, decompose: false });
  const b = results.budgets!;
  const wb = await readWorkbook(
    await workbookXlsx({ study: loaded!.study, schemaVersion: loaded!.schemaVersion, results }),
  );
  const sheet = rows(wb.getWorksheet(SHEETS.budgets)!);
  assert.deepEqual(sheet[0].slice(0, 5), [
    "Table",
    "Scenario",
    "Cohort or party",
    "Provider",
    "Measure",
  ]);
  const body = sheet.slice(1);
  // Cohort costs: every cohort × scenario × provider (and all providers) × year, as in results.
  const cohort = b.cohorts[0];
  const base = cohort.scenarios[0];
  const provider = b.providers[0];
  const y = results.years.indexOf(1);
  const row = body.find((r) =>
    r[0] === "Cohort cost" && r[1] === base.name && r[2] === cohort.cohort.name &&
    r[3] === provider.name && r[4] === "cost per person" && r[6] === 1
  );
  assert.ok(row, "a cohort cost row");
  assert.equal(row![7], base.perPerson[provider.id].mean[y]);
  const cohortRows = body.filter((r) => r[0] === "Cohort cost").length;
  const expected = b.cohorts.reduce(
    (n, c) =>
      n + c.scenarios.reduce(
        (m, s) =>
          m + [s.perPerson, s.difference ?? {}].reduce(
            (k, t) =>
              k + Object.values(t).reduce(
                (j, v) => j + v.mean.filter((x) => x !== undefined).length,
                0,
              ),
            0,
          ),
        0,
      ),
    0,
  );
  assert.equal(cohortRows, expected);
  // Capitation with P(overspend), and every agreement's parties with P(loss).
  const cap = b.capitation!.scenarios[0];
  const over = body.find((r) =>
    r[0] === "Capitation" && r[1] === cap.name && String(r[4]).startsWith("cost − budget") &&
    r[6] === 1
  );
  assert.equal(over![10], cap.pOverspend[y]);
  const agreement = b.agreements[0];
  const positions = body.filter((r) => r[0] === agreement.name);
  assert.equal(
    positions.length,
    agreement.scenarios.reduce((n, s) => n + Object.keys(s.positions).length, 0),
  );
  const system = positions.find((r) => r[2] === "The system (all parties)")!;
  assert.equal(system[7], agreement.scenarios[0].positions.system.mean);
});
