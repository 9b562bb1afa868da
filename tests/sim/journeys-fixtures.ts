/** Studies the journeys tests draw from: shipped ones, and one using every rule no shipped one does. */
import type { PreparedStudy } from "../../sim/study/prepare.ts";
import { prepareStudy } from "../../sim/study/prepare.ts";
import { scenarioFiles } from "../helpers.ts";

const SCENARIOS = new URL("../../scenarios/", import.meta.url);

/** A shipped study, prepared; `edit` may change it first (e.g. its cycle length). */
export function shipped(
  name: string,
  edit?: (study: Record<string, unknown>) => void,
): PreparedStudy {
  const study = JSON.parse(Deno.readTextFileSync(new URL(name, SCENARIOS)));
  edit?.(study);
  return prepared(JSON.stringify(study));
}

export function prepared(text: string): PreparedStudy {
  const { loaded, problems } = prepareStudy(text, scenarioFiles());
  if (!loaded) throw new Error(problems.map((p) => `${p.at}: ${p.message}`).join("\n"));
  return loaded;
}

/**
 * Quarterly cycles, two neighbourhoods, capacities filled by highest risk and impactability,
 * an effect on amenable admissions with modifiers, a given share on moves with a complexity
 * modifier, a modified death effect, RRs above 1, decay after stopping, migration in and out.
 */
export const EVERY_RULE = {
  schemaVersion: 2,
  name: "Every journey rule",
  population: { source: "example" },
  areas: [
    { id: "place", name: "Place", level: "place" },
    { id: "north", name: "North", level: "neighbourhood", parent: "place", scale: 0.6 },
    {
      id: "south",
      name: "South",
      level: "neighbourhood",
      parent: "place",
      scale: 0.4,
      deprivationShift: -1.5,
    },
  ],
  horizonYears: 5,
  cyclesPerYear: 4,
  baseline: { netMigrationPer1000: { "0-17": 3, "18-74": -2, "75+": -10 } },
  interventions: [
    {
      id: "amenable",
      name: "Admission avoidance on amenable admissions",
      target: { ageBands: ["18-74", "75+"], complexity: ["middle", "high"] },
      uptake: [0.5, 0.5, 0.45, 0.4, 0.4],
      capacity: 900,
      targeting: "highest-risk",
      rampUpYears: 2,
      costPerParticipant: 300,
      effects: {
        activity: {
          nonElective: {
            rr: 0.6,
            appliesTo: "amenable",
            modifiers: { ageBand: { "75+": 1.2 }, quintile: { "1": 0.9, "5": 1.05 } },
          },
          gp: 1.3,
        },
      },
    },
    {
      id: "moves",
      name: "Slower worsening, fewer deaths",
      target: { complexity: ["low", "middle"] },
      uptake: 0.3,
      capacity: 5000,
      targeting: "impactability",
      durationYears: 2,
      decayPerYear: 0.4,
      costPerParticipant: 120,
      fixedCostPerYear: 20000,
      effects: {
        transitions: {
          worsening: { rr: 0.7, share: 0.5, modifiers: { complexity: { middle: 1.1 } } },
          "middle->low": 1.2,
        },
        death: { rr: 0.4, modifiers: { ageBand: { "0-17": 1.5 } } },
        activity: { socialCare: { rr: 0.95, share: 0.6 } },
      },
    },
  ],
  scenarios: [
    { name: "Baseline", interventions: [] },
    { name: "Amenable", interventions: ["amenable"] },
    { name: "Both", interventions: ["moves", "amenable"] },
  ],
};
