/**
 * Finite and plausible parameters: a parameter is refused, with its JSON path, when the
 * distribution it stands for (as written, or fitted to an estimate) has a parameter or a mean
 * that is not a finite number, or a mean outside the plausible range of what it measures. This
 * runs before any model is prepared, so no run ever starts on NaN or Infinity (which would make
 * the count samplers loop) or on numbers that overflow the year's sums.
 *
 * Plausible ranges are input limits, not model assumptions: each is wide enough for any real
 * study and narrow enough that no sum over 50 years of a national population overflows.
 */
import { type Distribution, mean, type ParameterSpec, toDistribution } from "./distributions.ts";
import { type Problem, show } from "./problems.ts";

/** What a parameter measures, recognised by the end of its JSON path, and its plausible mean. */
export const PARAMETER_RANGES: { path: RegExp; what: string; min: number; max: number }[] = [
  {
    path: /\.effects\.utility$/,
    what: "a change in utility per participant-year",
    min: -1,
    max: 1,
  },
  {
    path: /\.effects\.|deathHazardRatio|deprivationGradient|deprivationWorseningRatio/,
    what: "a relative risk or ratio",
    min: 0,
    max: 100,
  },
  { path: /costPerParticipant/, what: "£ per participant per year", min: 0, max: 1_000_000 },
  { path: /fixedCostPerYear/, what: "£ per year", min: 0, max: 10_000_000_000 },
  { path: /entrantsPer1000/, what: "entrants per 1,000 people a year", min: 0, max: 1000 },
  {
    path: /netMigrationPer1000/,
    what: "net migrants per 1,000 people a year",
    min: -1000,
    max: 1000,
  },
];

/** A parameter's notes: text beside its numbers, with no effect on the model. */
const NOTES = new Set(["source", "assumption", "rationale"]);

/** The numbers that define a distribution, by name (not its notes). */
function numbersOf(d: Distribution): [string, number][] {
  return Object.entries(d).filter(([k, v]) => k !== "dist" && !NOTES.has(k) && v !== undefined) as [
    string,
    number,
  ][];
}

function describe(d: Distribution): string {
  return `${d.dist}(${numbersOf(d).map(([k, v]) => `${k} ${show(v)}`).join(", ")})`;
}

/** Problems with one parameter at JSON path `at`: non-finite fit or mean, implausible mean. */
export function parameterValueProblems(spec: ParameterSpec, at: string): Problem[] {
  const d = toDistribution(spec);
  const fitted = typeof spec === "object" && "central" in spec;
  const bad = numbersOf(d).filter(([, v]) => !Number.isFinite(v));
  if (bad.length) {
    return [{
      at,
      message: fitted
        ? "the distribution fitted to this estimate is not finite"
        : "the distribution is not finite",
      found: describe(d),
      expected: fitted
        ? "an interval a distribution of this family can fit (try another family or a narrower interval)"
        : "finite numbers",
    }];
  }
  const m = mean(d);
  if (!Number.isFinite(m)) {
    return [{
      at,
      message: "the mean of this parameter is not finite",
      found: describe(d),
      expected: "a distribution with a finite mean",
    }];
  }
  const range = PARAMETER_RANGES.find((r) => r.path.test(at));
  if (range && (m < range.min || m > range.max)) {
    return [{
      at,
      message: `implausible value for ${range.what}`,
      found: `a mean of ${show(m)}`,
      expected: `a mean from ${range.min.toLocaleString("en-GB")} to ${
        range.max.toLocaleString("en-GB")
      }`,
    }];
  }
  return [];
}
