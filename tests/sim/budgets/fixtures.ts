/** A study with providers, cohorts, a capitated budget and an agreement, on the example place. */
import { type PreparedStudy, prepareStudy } from "../../../sim/study/prepare.ts";

export function budgetStudy(more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 3,
    name: "Budgets",
    horizonYears: 4,
    iterations: 40,
    seed: 11,
    areas: [
      { id: "place", name: "Place", level: "place" },
      { id: "north", name: "North", level: "neighbourhood", parent: "place", scale: 0.6 },
      {
        id: "south",
        name: "South",
        level: "neighbourhood",
        parent: "place",
        scale: 0.4,
        deprivationShift: -2,
      },
    ],
    interventions: [{
      id: "iv",
      name: "Proactive care",
      target: { ageBands: ["75+"], complexity: ["high"] },
      uptake: 0.5,
      costPerParticipant: 400,
      fixedCostPerYear: 50000,
      effects: {
        activity: {
          nonElective: { central: 0.8, low: 0.6, high: 1.05, level: 0.95, family: "lognormal" },
          socialCare: { central: 0.9, low: 0.8, high: 1.0, level: 0.95, family: "lognormal" },
        },
      },
    }],
    scenarios: [{ name: "Baseline", interventions: [] }, {
      name: "With it",
      interventions: ["iv"],
    }],
    providers: {
      illustrative: true,
      list: [
        { id: "acute", name: "Acute" },
        { id: "community", name: "Community" },
        { id: "gp", name: "GP" },
        { id: "council", name: "Council" },
      ],
      split: {
        acuteElective: { acute: 1 },
        acuteNonElective: { acute: 0.9, community: 0.1 },
        mhCommunity: { community: 1 },
        socialCare: { council: 1 },
        generalPractice: { gp: 1 },
      },
      overrides: [{
        ageBands: ["75+"],
        areas: ["south"],
        split: { socialCare: { council: 0.5, community: 0.5 } },
      }],
    },
    budgets: {
      cohorts: [{
        id: "frail-south",
        name: "Frail in the south",
        ageBands: ["75+"],
        complexity: ["high"],
        areas: ["south"],
      }],
      capitation: { uplift: 0.02 },
      agreements: [{
        id: "share",
        name: "Share",
        providers: ["acute", "council"],
        commissionerGainShare: 0.5,
        commissionerLossShare: 0.5,
        deadband: 50000,
        cap: 400000,
        floor: -200000,
        outcomePayment: { perAdmissionAvoided: 200, withheldIfInequalityWidens: true },
      }],
      funders: { iv: "commissioner" },
    },
    ...more,
  };
}

export function prepared(study: Record<string, unknown> = budgetStudy()): PreparedStudy {
  const { loaded, problems } = prepareStudy(JSON.stringify(study), () => ({
    problem: { at: "(file)", message: "no files" },
  }));
  if (!loaded) throw new Error(JSON.stringify(problems));
  return loaded;
}
