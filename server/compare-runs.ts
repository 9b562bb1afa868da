/**
 * Two saved runs compared (GET /api/compare): what changed in their inputs (report/study-diff.ts,
 * from the study texts they kept) and what moved in their outputs beyond Monte Carlo error (the
 * rules of `sim diff`, report/diff.ts). Runs kept before snapshots have no inputs to compare:
 * the answer says so and whether their input hashes agree.
 */
import { parseRun } from "../report/diff-input.ts";
import { DEFAULT_Z, diffRuns, type RunDiff } from "../report/diff.ts";
import { diffSummary } from "../report/diff-format.ts";
import { diffStudies, type StudyDiff } from "../report/study-diff.ts";
import type { RunMeta, SavedRun } from "./store.ts";

/** Flagged cells returned at most (the counts cover them all). */
export const MAX_FLAGGED = 500;

export interface RunSide {
  studyId: string;
  /** The study's name as the run ran it (from its snapshot), else as it is saved now. */
  studyName: string;
  run: RunMeta;
}

export interface RunComparison {
  old: RunSide;
  new: RunSide;
  inputs: { diff: StudyDiff | null; note: string };
  outputs: Omit<RunDiff, "cells" | "flagged"> & { flagged: RunDiff["flagged"]; summary: string };
}

function inputsOf(a: SavedRun, b: SavedRun): RunComparison["inputs"] {
  if (!a.snapshot || !b.snapshot) {
    const which = [a, b].filter((r) => !r.snapshot).map((r) => r.meta.id).join(" and ");
    const same = a.meta.inputHash === b.meta.inputHash;
    return {
      diff: null,
      note:
        `Run ${which} was kept before runs kept their own inputs, so its inputs cannot be listed; the input hashes ${
          same ? `agree (${a.meta.inputHash}): the model inputs were the same` : "differ"
        }.`,
    };
  }
  const { diff, problems } = diffStudies(a.snapshot, b.snapshot);
  if (!diff) return { diff: null, note: `The inputs could not be read: ${problems.join("; ")}` };
  return { diff, note: diff.summary.join(" ") };
}

/** The study's name in a run's snapshot (the name it ran under), or `fallback`. */
function nameAsRun(run: SavedRun, fallback: string): string {
  try {
    const name = run.snapshot ? JSON.parse(run.snapshot.studyText)?.name : undefined;
    return typeof name === "string" && name ? name : fallback;
  } catch {
    return fallback;
  }
}

/** Compares NEW against OLD, or lists the problems reading their results. */
export function compareRuns(
  old: { side: Omit<RunSide, "run">; run: SavedRun },
  now: { side: Omit<RunSide, "run">; run: SavedRun },
  z = DEFAULT_Z,
): { comparison?: RunComparison; problems: string[] } {
  const label = (x: typeof old) => `${x.side.studyId}/${x.run.meta.id}`;
  const a = parseRun(old.run.resultsText, label(old));
  const b = parseRun(now.run.resultsText, label(now));
  const problems = [
    ...a.problems.map((p) => `${label(old)}: ${p}`),
    ...b.problems.map((p) => `${label(now)}: ${p}`),
  ];
  if (!a.run || !b.run) return { problems };
  const d = diffRuns(a.run, b.run, z);
  const { cells: _, flagged, ...rest } = d;
  return {
    comparison: {
      old: { ...old.side, studyName: nameAsRun(old.run, old.side.studyName), run: old.run.meta },
      new: { ...now.side, studyName: nameAsRun(now.run, now.side.studyName), run: now.run.meta },
      inputs: inputsOf(old.run, now.run),
      outputs: { ...rest, flagged: flagged.slice(0, MAX_FLAGGED), summary: diffSummary(d) },
    },
    problems: [],
  };
}
