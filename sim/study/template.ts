/**
 * A new study: the baseline plus one editable scenario, on the example place (on its calibrated
 * baseline, the shipped posterior) or a CSV (on the priors: a place of its own needs its own
 * targets and `sim calibrate`). Where it writes a field that has a default, it writes the
 * default (defaults.ts).
 */
import { EXAMPLE_PLACE_CALIBRATION, EXAMPLE_PLACE_NAME } from "../example-place.ts";
import { STUDY_DEFAULTS } from "./defaults.ts";
import { SCHEMA_VERSION, type Study } from "./format.ts";

export function newStudy(name: string, csvPath?: string): Study {
  return {
    schemaVersion: SCHEMA_VERSION,
    name,
    description: "A new study. Edit the intervention, run it, and compare with the baseline.",
    population: csvPath
      ? { source: "csv", path: csvPath, name }
      : { source: "example", name: EXAMPLE_PLACE_NAME },
    horizonYears: STUDY_DEFAULTS.horizonYears,
    iterations: STUDY_DEFAULTS.iterations,
    seed: STUDY_DEFAULTS.seed,
    ...(csvPath ? {} : { calibration: { ...EXAMPLE_PLACE_CALIBRATION } }),
    interventions: [{
      id: "intervention-1",
      name: "Care coordination for people at high complexity",
      source: "Tricco et al., CMAJ 2014: admissions RR 0.81 (0.72–0.91)",
      payer: "ICB",
      target: { complexity: ["high"] },
      uptake: 0.5,
      capacity: STUDY_DEFAULTS.intervention.capacity,
      targeting: "highest-risk",
      startYear: STUDY_DEFAULTS.intervention.startYear,
      rampUpYears: 1,
      costPerParticipant: 600,
      fixedCostPerYear: 100000,
      effects: {
        activity: {
          nonElective: {
            central: 0.81,
            low: 0.72,
            high: 0.91,
            level: STUDY_DEFAULTS.estimateLevel,
            family: "lognormal",
          },
        },
      },
    }],
    scenarios: [{
      name: "Scenario 1",
      interventions: ["intervention-1"],
      logicModel: {
        problem: "Describe the problem this scenario addresses.",
        intervention: "What is done, for whom.",
        outputs: "What is delivered (people, contacts).",
        outcomes: "What changes for people.",
        impact: "What changes for the system: activity, cost, inequality.",
      },
    }],
  };
}
