/** One small Monte Carlo run of the example study, with its split by intervention, for the report tests. */
import { runStudy, type StudyRun } from "../../sim/api.ts";
import { prepareModel } from "../../sim/model.ts";
import type { Study } from "../../sim/study/format.ts";
import { exampleStudy } from "../helpers.ts";

let cached: Promise<StudyRun> | null = null;

/** Baseline, "Frailty" (one intervention) and "Frailty + falls" (two), 40 iterations. */
export function exampleRun(): Promise<StudyRun> {
  cached ??= runStudy({ model: prepareModel(exampleStudy()) }, {
    iterations: 40,
    seed: 8,
    interval: 0.9,
  });
  return cached;
}

/** The same example as a study file's fields, for the report's text. */
export function exampleStudyFile(name = "Example <study>"): Study {
  const input = exampleStudy();
  return {
    name,
    description: "Two interventions on the example place.",
    interventions: input.interventions.map((iv) => ({
      ...iv,
      payer: iv.id === "falls" ? "Local authority" : "ICB",
      source: `Source of ${iv.id}`,
    })),
    scenarios: input.scenarios.slice(1).map((s) => ({
      ...s,
      logicModel: {
        problem: "P",
        intervention: "I",
        outputs: "O",
        outcomes: "Oc",
        impact: "Im",
      },
    })),
  };
}
