/**
 * Which people to show: at random (every person is an independent draw, so the first k are a
 * random k), or the people at chosen percentiles of cost — ranked by what they cost in the
 * baseline over the horizon, e.g. a typical person (50th) and a high-cost one (95th). People
 * are drawn first without their events (fast), then the chosen ones again with their events:
 * the same streams give the same journeys.
 */
import type { Cohort } from "./cohort.ts";
import { drawJourneys, type JourneySet } from "./draw.ts";
import type { JourneyModel } from "./setup.ts";
import { totalCost } from "./totals.ts";

export type Choice =
  | { kind: "random"; count: number }
  | { kind: "percentiles"; percentiles: number[] };

export interface ChosenPerson {
  person: number;
  /** e.g. "Person 12" or "95th percentile of cost (person 412)". */
  label: string;
  /** Their cost in the baseline over the horizon (service and programme), £. */
  baselineCost: number;
  /** The percentile they were chosen at, if any. */
  percentile: number | null;
}

export interface ChosenJourneys {
  chosen: ChosenPerson[];
  /** The chosen people's journeys, with events, in the order of `chosen`. */
  set: JourneySet;
  /** Everyone drawn, totals only (for averages and the cohort comparison). */
  all: JourneySet;
}

/** Nearest-rank percentile position in a sample of n: ⌈p/100 · n⌉ − 1, within 0..n−1. */
export function percentileRank(p: number, n: number): number {
  return Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1));
}

/** The people to show from a set drawn without events. */
export function choosePeople(all: JourneySet, choice: Choice): ChosenPerson[] {
  const cost = all.baseline.map((j) => totalCost(all.totals, j.totals));
  if (choice.kind === "random") {
    return all.baseline.slice(0, Math.min(choice.count, all.baseline.length)).map((j, i) => ({
      person: j.person,
      label: `Person ${j.person + 1}`,
      baselineCost: cost[i],
      percentile: null,
    }));
  }
  const order = all.baseline.map((_, i) => i).sort((a, b) =>
    cost[a] - cost[b] || all.baseline[a].person - all.baseline[b].person
  );
  return choice.percentiles.map((p) => {
    const i = order[percentileRank(p, order.length)];
    const person = all.baseline[i].person;
    return {
      person,
      label: `${ordinal(p)} percentile of cost (person ${person + 1})`,
      baselineCost: cost[i],
      percentile: p,
    };
  });
}

/** Draws `people` people without events, chooses some, and draws those again with events. */
export function chooseJourneys(
  jm: JourneyModel,
  cohort: Cohort,
  options: { people: number; seed: number | string; choice: Choice },
): ChosenJourneys {
  const all = drawJourneys(jm, {
    cohort,
    people: options.people,
    seed: options.seed,
    events: false,
  });
  const chosen = choosePeople(all, options.choice);
  const set = drawJourneys(jm, {
    cohort,
    people: 0,
    persons: chosen.map((c) => c.person),
    seed: options.seed,
  });
  return { chosen, set, all };
}

/** 50 → "50th", 1 → "1st", 22 → "22nd". */
export function ordinal(n: number): string {
  const r = Math.round(n);
  const teen = r % 100 >= 11 && r % 100 <= 13;
  const suffix = teen ? "th" : ["th", "st", "nd", "rd"][r % 10] ?? "th";
  return `${r}${suffix}`;
}
