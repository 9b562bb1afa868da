/**
 * The results diff: Monte Carlo noise between seeds is not flagged (over thousands of cells), a
 * planted change of a few MCSE is, identical runs give no differences by construction, cells
 * without Monte Carlo error are exact, and the provenance says why two runs differ.
 */
import assert from "node:assert/strict";
// @ts-types="npm:@types/d3-dsv@3.0.7"
import { csvParse } from "d3-dsv";
import { deterministic, runStudy } from "../../sim/api.ts";
import { prepareStudy } from "../../sim/study/prepare.ts";
import type { Results } from "../../sim/summary.ts";
import { type ComparableRun, parseRun } from "../../report/diff-input.ts";
import { DEFAULT_Z, diffRuns, judgeCell, twoSidedTail } from "../../report/diff.ts";
import { diffCsv, diffMarkdown, diffNumber, diffText } from "../../report/diff-format.ts";

/** A study on the example place: one intervention whose admissions effect is `central` ± 0.1. */
const studyText = (central = 0.85, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    name: "Diff study",
    horizonYears: 6,
    iterations: 200,
    seed: 1,
    interventions: [{
      id: "coord",
      name: "Coordination",
      target: { ageBands: ["75+"], complexity: ["middle", "high"] },
      uptake: 0.5,
      costPerParticipant: 400,
      effects: {
        activity: {
          nonElective: {
            central,
            low: central - 0.1,
            high: central + 0.1,
            level: 0.95,
            family: "lognormal",
          },
        },
      },
    }],
    scenarios: [{ name: "Coordinated", interventions: ["coord"] }],
    ...extra,
  });

function prepared(text: string) {
  const { loaded, problems } = prepareStudy(text, () => ({}));
  assert.ok(loaded, JSON.stringify(problems));
  return loaded;
}

/** A run as sim diff reads it: through results.json's text. */
function comparable(results: Results, label: string): ComparableRun {
  const { run, problems } = parseRun(JSON.stringify({ results }, null, 1), label);
  assert.ok(run, problems.join("\n"));
  return run;
}

async function monteCarlo(text: string, seed: number | string): Promise<Results> {
  const loaded = prepared(text);
  const { results } = await runStudy(loaded, {
    ...loaded.options,
    seed,
    denoVersion: "2.9.6",
    decompose: false,
  });
  return results;
}

const TARGET = "cumulative.activity.nonElective";
const HORIZON = 6;

Deno.test("different seeds of one study: no flags at z > 4 over thousands of cells", async () => {
  const d = diffRuns(
    comparable(await monteCarlo(studyText(), 101), "seed 101"),
    comparable(await monteCarlo(studyText(), 202), "seed 202"),
  );
  assert.ok(d.counts.tested >= 1000, `only ${d.counts.tested} cells tested`);
  assert.equal(d.counts.flagged, 0, diffText(d));
  assert.equal(d.moved, false);
  // Multiplicity: what chance alone would flag among this many cells.
  assert.ok(Math.abs(d.counts.expectedFalseFlags - d.counts.tested * 6.334e-5) < 1e-3);
  // The z values are those of noise, neither tiny (an overstated error would make "no flags"
  // trivially true) nor large: their mean square is near 1 (cells move together, so loosely).
  const zs = d.cells.filter((c) => c.status === "within").map((c) => c.z!);
  const meanSquare = zs.reduce((s, z) => s + z * z, 0) / zs.length;
  assert.ok(meanSquare > 0.3 && meanSquare < 3, `mean z² ${meanSquare}`);
  // Year 0 reproduces the input table: no Monte Carlo error, equal in both.
  const year0 = d.cells.filter((c) => c.year === 0 && c.kind === "absolute");
  assert.ok(year0.some((c) => c.measure === "population" && c.se === 0 && c.status === "same"));
  assert.match(d.reasons.join(" "), /The seed changed \(101 → 202\)/);
  console.log(
    `  ${d.counts.tested} cells tested, ${d.counts.flagged} flagged (chance alone: ${
      d.counts.expectedFalseFlags.toFixed(2)
    }); largest z ${d.largestUnflagged?.z?.toFixed(2)}; mean z² ${meanSquare.toFixed(2)}`,
  );
});

/** The shift of the effect's central value that moves the target cell by `mcses` MCSE. */
function plantedShift(mcse: number, mcses: number): { shift: number; planted: number } {
  const at = (central: number) =>
    deterministic(prepared(studyText(central))).scenarios[1].deltas![TARGET].mean[HORIZON];
  const perUnit = (at(0.84) - at(0.85)) / -0.01; // change in the cell per unit of shift
  const shift = (mcses * mcse) / Math.abs(perUnit);
  return { shift, planted: Math.abs(at(0.85 - shift) - at(0.85)) / mcse };
}

Deno.test("a change of a few MCSE in one intervention's effect is flagged", async () => {
  const old = await monteCarlo(studyText(), 1);
  const mcse = old.scenarios[1].deltas![TARGET].mcse![HORIZON];
  // Same seed (the usual pull request: the study changed, the seed did not): 8 MCSE.
  const same = plantedShift(mcse, 8);
  assert.ok(same.planted > 6 && same.planted < 10, `planted ${same.planted} MCSE`);
  const changed = studyText(0.85 - same.shift);
  const d = diffRuns(comparable(old, "old"), comparable(await monteCarlo(changed, 1), "new"));
  const cell = d.cells.find((c) =>
    c.scenario === "Coordinated" && c.kind === "difference" && c.measure === TARGET &&
    c.year === HORIZON
  )!;
  assert.equal(cell.status, "flagged");
  // Shared random numbers: the realised change is the planted one, judged by √2 · MCSE.
  assert.ok(Math.abs(cell.z! - same.planted / Math.SQRT2) < 1.5, `z ${cell.z}`);
  console.log(`  planted ${same.planted.toFixed(1)} MCSE (same seed): z ${cell.z!.toFixed(1)}`);
  assert.ok(d.flagged.includes(cell));
  // The baseline does not have the intervention: same seed, same numbers.
  assert.ok(d.cells.filter((c) => c.scenario === "Baseline").every((c) => c.status === "same"));
  assert.equal(d.moved, true);
  const study = d.provenance.find((p) => p.field === "studyHash")!;
  assert.ok(study.changed && study.flagged);
  assert.match(d.reasons[0], /study file or its CSV changed .*and with it the model inputs/);

  // Different seeds too (no shared random numbers): 12 MCSE.
  const other = plantedShift(mcse, 12);
  const far = await monteCarlo(studyText(0.85 - other.shift), 2);
  const d2 = diffRuns(comparable(old, "old"), comparable(far, "new"));
  assert.ok(
    d2.flagged.some((c) => c.kind === "difference" && c.measure === TARGET && c.year === HORIZON),
    diffText(d2),
  );
  const cell2 = d2.cells.find((c) =>
    c.kind === "difference" && c.measure === TARGET && c.year === HORIZON
  )!;
  console.log(`  planted ${other.planted.toFixed(1)} MCSE (other seed): z ${cell2.z!.toFixed(1)}`);
  // Only the cells that depend on admissions moved: activity, cost and rates, not GP visits.
  assert.ok(d2.flagged.every((c) => !/\bgp\b|generalPractice/.test(c.measure)), diffText(d2));
});

Deno.test("identical study and seed: no differences by construction, exit-worthy nothing", async () => {
  const a = await monteCarlo(studyText(), "same");
  const b = await monteCarlo(studyText(), "same");
  const d = diffRuns(comparable(a, "a"), comparable(b, "b"));
  assert.equal(d.counts.same, d.counts.cells);
  assert.equal(d.moved, false);
  assert.deepEqual(d.reasons, [
    "Same study, inputs, engine, seed, iterations and uncertainty: the results should be identical.",
  ]);
  assert.match(diffText(d), /No differences beyond Monte Carlo error\./);
});

Deno.test("a refitted calibration posterior is flagged and named as the reason", () => {
  // The falls study on the shipped posterior, and on a "refit" that kept its first 500 draws
  // (another file, so another hash; same inputs fitted to, so not stale).
  const scenarios = new URL("../../scenarios/", import.meta.url);
  const text = Deno.readTextFileSync(new URL("falls-prevention.json", scenarios));
  const posterior = Deno.readTextFileSync(
    new URL("data/example-place-posterior.json", scenarios),
  );
  const refit = JSON.parse(posterior);
  refit.draws = refit.draws.slice(0, 500);
  const run = (posteriorText: string) => {
    const read = (path: string, kind: string) =>
      kind === "posterior"
        ? { text: posteriorText }
        : { text: Deno.readTextFileSync(new URL(path, scenarios)) };
    const { loaded, problems } = prepareStudy(text, read);
    assert.ok(loaded, JSON.stringify(problems));
    return deterministic(loaded);
  };
  const a = run(posterior);
  const b = run(JSON.stringify(refit));
  assert.notEqual(a.provenance.calibration!.posteriorHash, b.provenance.calibration!.posteriorHash);
  const d = diffRuns(comparable(a, "old"), comparable(b, "new"));
  const calibration = d.provenance.find((p) => p.field === "calibration")!;
  assert.ok(calibration.changed && calibration.flagged);
  assert.equal(d.provenance.find((p) => p.field === "studyHash")!.changed, false);
  assert.equal(d.moved, true);
  assert.ok(d.counts.flagged > 0, "the posterior means moved, so the trajectories did");
  assert.ok(
    d.reasons.some((r) => /model inputs changed .* with the calibration posterior/.test(r)),
    d.reasons.join("\n"),
  );
  assert.ok(d.reasons.some((r) => /calibration posterior changed/.test(r)), d.reasons.join("\n"));
  // The same posterior again: nothing changed.
  const same = diffRuns(comparable(a, "a"), comparable(run(posterior), "b"));
  assert.equal(same.moved, false);
});

Deno.test("deterministic runs: no Monte Carlo error, so equal is same and any change is flagged", () => {
  const a = deterministic(prepared(studyText()));
  const b = deterministic(prepared(studyText()));
  const same = diffRuns(comparable(a, "a"), comparable(b, "b"));
  assert.equal(same.moved, false);
  assert.ok(same.cells.every((c) => c.se === 0 && c.status === "same"));
  // A change far inside any Monte Carlo error, but in exact values: flagged, z infinite.
  const c = deterministic(prepared(studyText(0.8499)));
  const d = diffRuns(comparable(a, "a"), comparable(c, "c"));
  const cell = d.flagged.find((x) => x.measure === TARGET && x.kind === "difference")!;
  assert.equal(cell.z, Infinity);
  assert.ok(Math.abs(cell.change!) < 10);
  assert.equal(d.cells.filter((x) => x.scenario === "Baseline" && x.status !== "same").length, 0);
  // A deterministic run against a Monte Carlo one: different quantities, said so.
  assert.match(
    diffRuns(comparable(a, "a"), comparable({ ...a, mode: "monte-carlo" }, "b")).reasons.join(),
    /One run is (expected|deterministic), the other monte-carlo/,
  );
});

Deno.test("judging one cell", () => {
  const z = DEFAULT_Z;
  assert.deepEqual(judgeCell(5, 5, 1, 1, z), { change: 0, se: Math.SQRT2, z: 0, status: "same" });
  assert.equal(judgeCell(0, 5.6, 1, 1, z).status, "within"); // z = 3.96
  assert.equal(judgeCell(0, 5.7, 1, 1, z).status, "flagged"); // z = 4.03
  assert.equal(judgeCell(0, -5.7, 1, 1, z).status, "flagged");
  assert.ok(Math.abs(judgeCell(0, 5, 3, 4, z).z! - 1) < 1e-12); // √(3² + 4²) = 5
  // No Monte Carlo error: equal is the same, any difference is flagged.
  assert.equal(judgeCell(7, 7, 0, 0, z).status, "same");
  assert.deepEqual(judgeCell(7, 7.001, 0, 0, z).z, Infinity);
  assert.equal(judgeCell(7, 7.001, 0, 0, z).status, "flagged");
  // Rounding in the last bits is not a change (a year-0 total over other iterations).
  assert.equal(judgeCell(21529313, 21529313.000000004, 1.6e-10, 2.3e-10, z).status, "same");
  // No standard error (a ratio of means in a Monte Carlo run): not assessed.
  assert.equal(judgeCell(0.4, 0.5, null, null, z).status, "not assessed");
  // Undefined values: both undefined is the same; one only is a change where nothing is drawn.
  assert.equal(judgeCell(null, null, 0, 0, z).status, "same");
  assert.equal(judgeCell(null, 3, 0, 0, z).status, "flagged");
  assert.equal(judgeCell(null, 3, null, null, z).status, "not assessed");
  assert.ok(Math.abs(twoSidedTail(4) - 6.334e-5) < 1e-8);
  assert.ok(Math.abs(twoSidedTail(1.959964) - 0.05) < 1e-6);
});

Deno.test("reading runs: every problem named by JSON path; old results without provenance", async () => {
  assert.match(parseRun("{", "x").problems[0], /^malformed JSON/);
  assert.deepEqual(parseRun("[]", "x").problems, [
    "expected an object: results.json as sim run writes",
  ]);
  const good = await monteCarlo(studyText(), 3);
  const broken = JSON.parse(JSON.stringify({ results: good }));
  broken.results.scenarios[1].absolute.population.mean = [1, 2];
  broken.results.scenarios[1].deltas["cost.total"].mcse[2] = "x";
  broken.results.scenarios[0].name = 7;
  const { problems } = parseRun(JSON.stringify(broken), "x");
  assert.deepEqual(problems, [
    "results.scenarios[0].name: expected the scenario's name",
    "results.scenarios[1].absolute.population.mean: expected an array of 7 numbers (one per year)",
    'results.scenarios[1].deltas.cost.total.mcse[2]: expected a number or null, found "x"',
  ]);
  // Walked by own properties: an inherited "results" is not read.
  const proto = parseRun('{"__proto__": {"results": {}}}', "x");
  assert.match(proto.problems[0], /\(top level\)\.years/);
  // Results written before provenance existed: what the results say, the rest not recorded.
  const old = JSON.parse(JSON.stringify({ results: good }));
  delete old.results.provenance;
  const run = parseRun(JSON.stringify(old), "old").run!;
  assert.equal(run.provenance.studyHash, null);
  assert.equal(run.provenance.engineVersion, good.engine.version);
  assert.equal(run.provenance.seed, 3);
  assert.equal(run.provenance.inputHash, good.inputHash);
  const d = diffRuns(run, comparable(good, "new"));
  assert.equal(d.moved, false);
  assert.match(d.reasons[0], /^Not recorded in one of the runs: study file and CSV, uncertainty/);
});

Deno.test("structure: scenarios, years and measures present in one run only", async () => {
  const a = await monteCarlo(studyText(), 4);
  const b = await monteCarlo(
    studyText(0.85, {
      horizonYears: 5,
      scenarios: [{ name: "Renamed", interventions: ["coord"] }],
    }),
    4,
  );
  const d = diffRuns(comparable(a, "a"), comparable(b, "b"));
  assert.deepEqual(d.structure.scenariosOnlyOld, ["Coordinated"]);
  assert.deepEqual(d.structure.scenariosOnlyNew, ["Renamed"]);
  assert.deepEqual(d.structure.yearsOnlyOld, [6]);
  assert.ok(d.moved);
  assert.ok(d.cells.every((c) => c.scenario === "Baseline" && c.year <= 5));
  const text = diffText(d);
  assert.match(text, /Scenarios only in OLD: Coordinated\./);
  assert.match(text, /Years only in OLD: 6\./);
});

Deno.test("outputs: the table, every cell as CSV, markdown for a pull request", async () => {
  const old = await monteCarlo(studyText(), 1);
  const now = await monteCarlo(studyText(0.75), 1);
  const d = diffRuns(comparable(old, "out/main"), comparable(now, "out/pr"));
  assert.ok(d.flagged.length > 0);
  const rows = csvParse(diffCsv(d));
  assert.equal(rows.length, d.cells.length);
  assert.deepEqual(rows.columns, [
    "scenario",
    "kind",
    "measure",
    "year",
    "old",
    "new",
    "change",
    "old_mcse",
    "new_mcse",
    "se",
    "z",
    "status",
  ]);
  const top = rows.find((r) => r.status === "flagged" && r.measure === TARGET && r.year === "6")!;
  assert.equal(Number(top.change), Number(top.new) - Number(top.old));
  assert.ok(Math.abs(Number(top.z) - Math.abs(Number(top.change)) / Number(top.se)) < 1e-9);

  const md = diffMarkdown(d, "Diff study: main → this branch");
  assert.match(
    md,
    /^### Diff study: main → this branch\n\n\*\*Changed: [\d,]+ cells moved beyond z > 4; the study file and CSV changed\.\*\*/,
  );
  assert.match(md, /\| Scenario \| Kind \| Measure \| Year \| OLD \| NEW \| Change \| SE \| z \|/);
  assert.match(
    md,
    /\n\| Coordinated \| difference \| [\w.]+ \| \d \| [−\d,.]+ \| [−\d,.]+ \| [+−][\d,.]+ \| [\d,.]+ \| [\d.]+ \|\n/,
  );
  assert.match(md, /<details><summary>Provenance<\/summary>/);
  assert.ok(md.length < 60_000, "fits a pull-request comment");
  const text = diffText(d, 5);
  assert.match(text, /Flagged cells \(largest z first, first 5\):/);
  assert.match(text, /… and \d+ more \(--csv FILE lists every cell\)\./);
  assert.equal(diffNumber(-1234567.89), "−1,234,568");
  assert.equal(diffNumber(0.00012345678), "0.000123457"); // six significant figures
  assert.equal(diffNumber(null), "–");
});
