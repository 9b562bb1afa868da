/** Shared by the study tests: a minimal valid study, its problems, and finding one problem. */
import assert from "node:assert/strict";
import { formatProblem, type Problem } from "../../../sim/problems.ts";
import { prepareStudy } from "../../../sim/study/prepare.ts";

/** Study files, shipped with the project. */
export const scenariosDir = new URL("../../../scenarios/", import.meta.url);

export function minimal(): Record<string, unknown> {
  return {
    name: "Test",
    iterations: 10,
    interventions: [{
      id: "iv",
      name: "An intervention",
      target: { ageBands: ["75+"], complexity: ["high"] },
      uptake: 0.5,
      costPerParticipant: 100,
      effects: {
        activity: {
          nonElective: { central: 0.8, low: 0.7, high: 0.9, level: 0.95, family: "lognormal" },
        },
      },
    }],
    scenarios: [{ name: "With it", interventions: ["iv"] }],
  };
}

export function problemsOf(study: unknown, csv?: string): Problem[] {
  const text = typeof study === "string" ? study : JSON.stringify(study);
  return prepareStudy(
    text,
    () => (csv === undefined
      ? { problem: { at: "(file)", message: "no such file" } }
      : { text: csv }),
  ).problems;
}

export function expectProblem(problems: Problem[], at: string | RegExp, message: RegExp) {
  const hit = problems.find((p) =>
    (typeof at === "string" ? p.at === at : at.test(p.at)) && message.test(p.message)
  );
  assert.ok(
    hit,
    `no problem at ${at} matching ${message}; got:\n${
      problems.map((p) => formatProblem(p)).join("\n")
    }`,
  );
  return hit!;
}
