/**
 * Deterministic evaluation of a study in the page: validate, prepare, run with no sampling. The
 * page holds the calibration files (targets, posterior) a study may name, by path.
 */
import { type PreparedStudy, prepareStudy } from "../sim/study/prepare.ts";
import { formatProblem, type Problem } from "../sim/problems.ts";
import { deterministic } from "../sim/api.ts";
import type { Study } from "../sim/study/format.ts";
import type { Results } from "../sim/summary.ts";

export interface Evaluation {
  loaded?: PreparedStudy;
  results?: Results;
  /** The problems as the command line words them. */
  problems: string[];
  /** The same problems, structured (where and what), for showing each beside its field. */
  issues: Problem[];
  ms: number;
}

export function evaluate(
  study: Study,
  csvText: string | null,
  files: Record<string, string> = {},
): Evaluation {
  const t0 = performance.now();
  const { loaded, problems } = prepareStudy(
    JSON.stringify(study),
    (path, kind) => {
      if (kind !== "population") {
        const text = Object.hasOwn(files, path) ? files[path] : undefined;
        return text === undefined
          ? { problem: { at: `calibration.${kind}`, message: `the file ${path} is not available` } }
          : { text };
      }
      return csvText === null
        ? { problem: { at: "population.path", message: "this study's CSV is not available" } }
        : { text: csvText };
    },
  );
  if (!loaded) {
    return {
      problems: problems.map((p) => formatProblem(p)),
      issues: problems,
      ms: performance.now() - t0,
    };
  }
  const results = deterministic(loaded);
  return { loaded, results, problems: [], issues: [], ms: performance.now() - t0 };
}
