/**
 * The difference between two runs, cell by cell (scenario × measure × year, for the scenario's
 * own value and its difference from the baseline), judged against Monte Carlo error: a change
 * is flagged when |NEW − OLD| / √(MCSE_OLD² + MCSE_NEW²) exceeds a threshold z (default 4).
 * Cells without Monte Carlo error (deterministic runs; year 0, which reproduces the input table)
 * are flagged when they differ at all (beyond rounding: ROUNDING). Changes of study, calibration
 * posterior or engine are flagged from the runs' provenance, which also says why the runs differ.
 *
 * The combined error assumes independent runs (different seeds). Runs with the same seed share
 * random numbers, so their difference varies less and the test is conservative for them. With
 * m cells the expected number of false flags when nothing changed is m · P(|Z| > z) (6.3 in
 * 100,000 cells at z = 4); cells move together, so they come rarely and in clusters (docs/ci.md).
 */
import { normalCdf } from "../sim/special.ts";
import type { ComparableRun, RecordedProvenance, RunSeries } from "./diff-input.ts";

export const DEFAULT_Z = 4;

/**
 * Values within one part in 10⁹ of each other (at least 10⁻⁹ apart to differ) count as the
 * same: sums over iterations round differently in the last bits (a year-0 cost of £21,529,313
 * summed over another seed's iterations ends 4 × 10⁻⁹ away, with an MCSE of 10⁻¹⁰, z = 13), and
 * no model change is that small.
 */
export const ROUNDING = 1e-9;

export type CellKind = "absolute" | "difference";

export type CellStatus =
  /** Identical values (to rounding). */
  | "same"
  /** Different, within the threshold. */
  | "within"
  /** Different beyond the threshold (or at all, where there is no Monte Carlo error). */
  | "flagged"
  /** Different, and no standard error to judge by (ratios of means, one-iteration runs). */
  | "not assessed";

export interface DiffCell {
  scenario: string;
  kind: CellKind;
  measure: string;
  year: number;
  old: number | null;
  new: number | null;
  /** NEW − OLD (null when either is undefined). */
  change: number | null;
  oldMcse: number | null;
  newMcse: number | null;
  /** √(MCSE_OLD² + MCSE_NEW²); null when unknown. */
  se: number | null;
  /** |change| / se: 0 when equal, Infinity when different with se = 0, null when unknown. */
  z: number | null;
  status: CellStatus;
}

export interface ProvenanceChange {
  field: keyof RecordedProvenance | "mode";
  label: string;
  old: string;
  new: string;
  changed: boolean;
  /** A change that is flagged by itself (study, calibration posterior or engine). */
  flagged: boolean;
}

export interface RunDiff {
  old: { label: string; mode: string; iterations: number };
  new: { label: string; mode: string; iterations: number };
  threshold: number;
  /** Every compared cell, in scenario, kind, measure, year order. */
  cells: DiffCell[];
  /** The flagged cells, largest z first. */
  flagged: DiffCell[];
  provenance: ProvenanceChange[];
  /** Why the runs differ, from their provenance. */
  reasons: string[];
  structure: {
    scenariosOnlyOld: string[];
    scenariosOnlyNew: string[];
    measuresOnlyOld: string[];
    measuresOnlyNew: string[];
    yearsOnlyOld: number[];
    yearsOnlyNew: number[];
  };
  counts: {
    cells: number;
    same: number;
    within: number;
    flagged: number;
    notAssessed: number;
    /** Cells with a positive standard error: those the z test applies to. */
    tested: number;
    /** tested · P(|Z| > z): the false flags expected if nothing but the seed changed. */
    expectedFalseFlags: number;
  };
  /** The largest z among cells that were not flagged (null if none was tested). */
  largestUnflagged: DiffCell | null;
  /** Something moved beyond the threshold: a flagged cell, study, posterior or engine, a scenario. */
  moved: boolean;
}

/** P(|Z| > z) for a standard normal Z. */
export function twoSidedTail(z: number): number {
  return 2 * normalCdf(-Math.abs(z));
}

const isDeterministic = (run: ComparableRun) => run.mode !== "monte-carlo";

/**
 * The standard error of a run's series in a year: 0 for a deterministic run (nothing is
 * drawn), the recorded MCSE of a Monte Carlo run of at least two iterations, else unknown.
 */
function mcseOf(run: ComparableRun, s: RunSeries, y: number): number | null {
  if (isDeterministic(run)) return 0;
  if (run.iterations < 2 || !s.mcse) return null;
  return s.mcse[y];
}

/** One cell judged against the threshold. */
export function judgeCell(
  old: number | null,
  now: number | null,
  oldMcse: number | null,
  newMcse: number | null,
  threshold: number,
): Pick<DiffCell, "change" | "se" | "z" | "status"> {
  const se = oldMcse === null || newMcse === null ? null : Math.hypot(oldMcse, newMcse);
  if (old === null || now === null) {
    // Undefined in both (a ratio of nothing) is the same. Defined in one only is a change where
    // nothing is drawn; in Monte Carlo runs a ratio of mean changes near zero comes and goes
    // with the seed, so there it cannot be judged.
    if (old === now) return { change: null, se, z: 0, status: "same" };
    return se === 0
      ? { change: null, se, z: Infinity, status: "flagged" }
      : { change: null, se, z: null, status: "not assessed" };
  }
  const change = now - old;
  if (Math.abs(change) <= ROUNDING * Math.max(Math.abs(old), Math.abs(now), 1)) {
    return { change, se, z: 0, status: "same" };
  }
  if (se === null) return { change, se, z: null, status: "not assessed" };
  const z = se === 0 ? Infinity : Math.abs(change) / se;
  return { change, se, z, status: z > threshold ? "flagged" : "within" };
}

const show = (v: unknown) => (v === null || v === undefined ? "not recorded" : String(v));

function provenanceChanges(a: ComparableRun, b: ComparableRun): ProvenanceChange[] {
  const pa = a.provenance;
  const pb = b.provenance;
  const rows: [ProvenanceChange["field"], string, unknown, unknown, boolean][] = [
    ["studyHash", "study file and CSV", pa.studyHash, pb.studyHash, true],
    ["inputHash", "model inputs", pa.inputHash, pb.inputHash, false],
    ["engineVersion", "engine", pa.engineVersion, pb.engineVersion, true],
    ["mode", "mode", a.mode, b.mode, false],
    ["seed", "seed", pa.seed, pb.seed, false],
    ["iterations", "iterations", pa.iterations, pb.iterations, false],
    ["uncertainty", "uncertainty", pa.uncertainty, pb.uncertainty, false],
    [
      "calibration",
      "calibration posterior",
      pa.calibration?.posteriorHash ?? "none",
      pb.calibration?.posteriorHash ?? "none",
      true,
    ],
    ["denoVersion", "Deno", pa.denoVersion, pb.denoVersion, false],
  ];
  return rows.map(([field, label, x, y, flags]) => {
    // A field one run did not record cannot be compared: not a change, shown as such.
    const known = x !== null && x !== undefined && y !== null && y !== undefined;
    const changed = known && String(x) !== String(y);
    return { field, label, old: show(x), new: show(y), changed, flagged: flags && changed };
  });
}

function reasonsFor(changes: ProvenanceChange[], differing: number): string[] {
  const c = Object.fromEntries(changes.map((x) => [x.field, x])) as Record<
    ProvenanceChange["field"],
    ProvenanceChange
  >;
  const out: string[] = [];
  if (c.studyHash.changed) {
    out.push(
      c.inputHash.changed
        ? `The study file or its CSV changed (${c.studyHash.old} → ${c.studyHash.new}), and with it the model inputs (${c.inputHash.old} → ${c.inputHash.new}).`
        : `The study file or its CSV changed (${c.studyHash.old} → ${c.studyHash.new}) but the model inputs did not (${c.inputHash.new}): a change that does not reach the model, such as wording or layout.`,
    );
  } else if (c.inputHash.changed && c.calibration.changed) {
    out.push(
      `The model inputs changed (${c.inputHash.old} → ${c.inputHash.new}) with the calibration posterior, although the study file did not: the posterior the study names was refitted or replaced (sim calibrate).`,
    );
  } else if (c.inputHash.changed) {
    out.push(
      `The model inputs changed (${c.inputHash.old} → ${c.inputHash.new}) although the study file did not${
        c.studyHash.old === "not recorded" || c.studyHash.new === "not recorded"
          ? " (or was not recorded)"
          : ""
      }: the engine resolves the study differently (its defaults or rules changed).`,
    );
  }
  if (c.engineVersion.changed) {
    out.push(`The engine changed (${c.engineVersion.old} → ${c.engineVersion.new}).`);
  }
  if (c.mode.changed) {
    out.push(
      `One run is ${c.mode.old}, the other ${c.mode.new}: deterministic values (parameters at their means) are not Monte Carlo means, so they differ by more than Monte Carlo error.`,
    );
  }
  if (c.uncertainty.changed) {
    out.push(
      `The uncertainty mode changed (${c.uncertainty.old} → ${c.uncertainty.new}): means may move a little and intervals a lot.`,
    );
  }
  if (c.calibration.changed) {
    out.push(
      `The calibration posterior changed (${c.calibration.old} → ${c.calibration.new}): the calibrated baseline parameters are drawn from another fit, so results may move beyond Monte Carlo error.`,
    );
  }
  if (c.seed.changed) {
    out.push(
      `The seed changed (${c.seed.old} → ${c.seed.new}): results differ by Monte Carlo error alone; only changes beyond it are flagged.`,
    );
  }
  if (c.iterations.changed) {
    out.push(
      `The number of iterations changed (${c.iterations.old} → ${c.iterations.new}): results differ by Monte Carlo error; only changes beyond it are flagged.`,
    );
  }
  if (c.denoVersion.changed) {
    out.push(
      `Deno changed (${c.denoVersion.old} → ${c.denoVersion.new}); results should not depend on it.`,
    );
  }
  if (out.length === 0) {
    const unknown = changes.filter((x) =>
      x.field !== "denoVersion" && (x.old === "not recorded" || x.new === "not recorded")
    );
    if (unknown.length) {
      out.push(
        `Not recorded in one of the runs: ${
          unknown.map((x) => x.label).join(", ")
        }; nothing recorded in both differs.`,
      );
    } else {
      out.push(
        "Same study, inputs, engine, seed, iterations and uncertainty: the results should be identical.",
      );
    }
    if (differing > 0) {
      out.push(
        `Yet ${differing} cell${
          differing === 1 ? "" : "s"
        } differ: the runs are not reproducible (report this).`,
      );
    }
  } else if (
    changes.every((x) =>
      !x.changed || x.field === "seed" || x.field === "iterations" || x.field === "denoVersion"
    )
  ) {
    out.push("Nothing else changed: any flagged cell would be chance (see the expected count).");
  }
  return out;
}

function byName<T extends { name: string }>(xs: T[]): Map<string, T> {
  return new Map(xs.map((x) => [x.name, x]));
}

/** Compares NEW against OLD; `threshold` is the z above which a change is flagged. */
export function diffRuns(old: ComparableRun, now: ComparableRun, threshold = DEFAULT_Z): RunDiff {
  const oldScenarios = byName(old.scenarios);
  const newScenarios = byName(now.scenarios);
  const years = old.years.filter((y) => now.years.includes(y));
  const cells: DiffCell[] = [];
  const measuresOld = new Set<string>();
  const measuresNew = new Set<string>();
  for (const a of old.scenarios) {
    const b = newScenarios.get(a.name);
    if (!b) continue;
    const tables: [CellKind, Record<string, RunSeries> | null, Record<string, RunSeries> | null][] =
      [
        ["absolute", a.absolute, b.absolute],
        ["difference", a.deltas, b.deltas],
      ];
    for (const [kind, ta, tb] of tables) {
      if (!ta || !tb) continue;
      for (const k of Object.keys(ta)) if (!(k in tb)) measuresOld.add(k);
      for (const k of Object.keys(tb)) if (!(k in ta)) measuresNew.add(k);
      for (const measure of Object.keys(ta)) {
        const sb = Object.prototype.hasOwnProperty.call(tb, measure) ? tb[measure] : undefined;
        if (!sb) continue;
        const sa = ta[measure];
        for (const year of years) {
          const ia = old.years.indexOf(year);
          const ib = now.years.indexOf(year);
          const oldMcse = mcseOf(old, sa, ia);
          const newMcse = mcseOf(now, sb, ib);
          cells.push({
            scenario: a.name,
            kind,
            measure,
            year,
            old: sa.mean[ia],
            new: sb.mean[ib],
            oldMcse,
            newMcse,
            ...judgeCell(sa.mean[ia], sb.mean[ib], oldMcse, newMcse, threshold),
          });
        }
      }
    }
  }
  const flagged = cells.filter((c) => c.status === "flagged")
    .sort((x, y) => (y.z ?? 0) - (x.z ?? 0));
  const tested = cells.filter((c) => c.se !== null && c.se > 0).length;
  let largestUnflagged: DiffCell | null = null;
  for (const c of cells) {
    if (c.status === "within" && (largestUnflagged === null || c.z! > largestUnflagged.z!)) {
      largestUnflagged = c;
    }
  }
  const count = (s: CellStatus) => cells.filter((c) => c.status === s).length;
  const provenance = provenanceChanges(old, now);
  const structure = {
    scenariosOnlyOld: old.scenarios.filter((s) => !newScenarios.has(s.name)).map((s) => s.name),
    scenariosOnlyNew: now.scenarios.filter((s) => !oldScenarios.has(s.name)).map((s) => s.name),
    measuresOnlyOld: [...measuresOld],
    measuresOnlyNew: [...measuresNew],
    yearsOnlyOld: old.years.filter((y) => !now.years.includes(y)),
    yearsOnlyNew: now.years.filter((y) => !old.years.includes(y)),
  };
  const differing = cells.length - count("same");
  return {
    old: { label: old.label, mode: old.mode, iterations: old.iterations },
    new: { label: now.label, mode: now.mode, iterations: now.iterations },
    threshold,
    cells,
    flagged,
    provenance,
    reasons: reasonsFor(provenance, differing),
    structure,
    counts: {
      cells: cells.length,
      same: count("same"),
      within: count("within"),
      flagged: flagged.length,
      notAssessed: count("not assessed"),
      tested,
      expectedFalseFlags: tested * twoSidedTail(threshold),
    },
    largestUnflagged,
    moved: flagged.length > 0 || provenance.some((p) => p.flagged) ||
      structure.scenariosOnlyOld.length > 0 || structure.scenariosOnlyNew.length > 0 ||
      structure.yearsOnlyOld.length > 0 || structure.yearsOnlyNew.length > 0,
  };
}
