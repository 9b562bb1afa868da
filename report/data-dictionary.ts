/**
 * The data dictionary of a run's results: every column of the results table and every measure
 * the results hold, with its unit and meaning — from the measure table (sim/measures.ts), so it
 * names exactly the measures the engine computes. A measure the table does not know (results of
 * another engine version) is listed as such rather than left out.
 */
import { type Measure, measureTable, type Period } from "../sim/measures.ts";
import type { Results } from "../sim/summary.ts";

export interface ColumnEntry {
  column: string;
  unit: string;
  meaning: string;
}

export interface MeasureEntry {
  key: string;
  label: string;
  unit: string;
  /** "each scenario and its difference from the baseline", or "difference from the baseline only". */
  reported: string;
  period: string;
  interval: boolean;
  meaning: string;
}

/** The columns of the workbook's results sheet (and summary.csv's, named alike). */
export const RESULT_COLUMNS: ColumnEntry[] = [
  { column: "Scenario", unit: "", meaning: "The scenario (the baseline has no interventions)." },
  {
    column: "Kind",
    unit: "",
    meaning:
      '"absolute": the scenario\'s own value; "difference": scenario − baseline, iteration by iteration (negative = less, or saves).',
  },
  { column: "Measure", unit: "", meaning: "The measure's key (see the measures below)." },
  { column: "Label", unit: "", meaning: "The measure in words." },
  { column: "Unit", unit: "", meaning: "The unit of every number in the row." },
  {
    column: "Year",
    unit: "year",
    meaning:
      "Year of the projection: 0 is the starting year (the input table), 1 … H the simulated years.",
  },
  { column: "Mean", unit: "as Unit", meaning: "Mean over the Monte Carlo iterations." },
  {
    column: "SD",
    unit: "as Unit",
    meaning: "Standard deviation over iterations (blank for ratios of means).",
  },
  {
    column: "MCSE",
    unit: "as Unit",
    meaning:
      "Monte Carlo standard error of the mean (SD ÷ √iterations): how far the mean could move with another seed.",
  },
  { column: "Median", unit: "as Unit", meaning: "Median over iterations." },
  {
    column: "Low",
    unit: "as Unit",
    meaning: "Lower end of the percentile interval over iterations (its coverage: cover sheet).",
  },
  { column: "High", unit: "as Unit", meaning: "Upper end of the percentile interval." },
  {
    column: "P(below 0)",
    unit: "share",
    meaning:
      "Share of iterations in which the difference is below zero (differences only; for cost, the probability of saving).",
  },
];

const UNIT_WORDS: Record<string, string> = {
  "people": "people",
  "count": "number of events (admissions, attendances, contacts)",
  "£": "pounds (£), at the study's unit costs, undiscounted unless the period says so",
  "per 1,000": "events per 1,000 people a year",
  "£ per person": "pounds (£) per person a year",
  "ratio": "a ratio (no unit)",
  "£ per £": "pounds saved per pound spent",
  "share": "a share between 0 and 1",
};

const PERIOD_WORDS: Record<Period, string> = {
  year: "the value in each year",
  cumulative: "summed over years 1 to the year",
  discounted: "summed over years 1 to the year, discounted to year 0 at the study's rate",
};

function meaningOf(m: Measure): string {
  const scope = m.scope === "difference"
    ? "Reported only as a difference from the baseline."
    : "Reported for each scenario and as its difference from the baseline.";
  const change = m.differenceLabel ? ` Its difference is called "${m.differenceLabel}".` : "";
  return `${m.label}: ${PERIOD_WORDS[m.period]}, in ${
    UNIT_WORDS[m.unit] ?? m.unit
  }. ${scope}${change}${
    m.interval ? "" : " No percentile interval (a ratio of means or a descriptive figure)."
  }`;
}

/** Every measure in the results, in the results' order, with its unit and meaning. */
export function measureDictionary(
  results: Results,
  interventions: { id: string; name: string }[],
): MeasureEntry[] {
  const levels = [...new Set(results.states.map((s) => s.complexity))];
  const table = new Map<string, Measure>(
    measureTable({ interventions, levels }).map((m) => [m.key, m as Measure]),
  );
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const s of results.scenarios) {
    for (const k of [...Object.keys(s.absolute), ...Object.keys(s.deltas ?? {})]) {
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
  }
  return keys.map((key) => {
    const m = table.get(key);
    if (!m) {
      return {
        key,
        label: key,
        unit: "",
        reported: "",
        period: "",
        interval: false,
        meaning: "Not in this Careshift's measure table (results of another engine version).",
      };
    }
    return {
      key,
      label: m.label,
      unit: m.unit,
      reported: m.scope === "difference"
        ? "difference from the baseline only"
        : "each scenario, and its difference from the baseline",
      period: PERIOD_WORDS[m.period],
      interval: m.interval,
      meaning: meaningOf(m),
    };
  });
}
