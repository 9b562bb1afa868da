/**
 * Calibration targets: reading them (a targets file or a study's inline list), checking them
 * against the segmentation, computing each from a baseline run, and their likelihood.
 *
 * Likelihood of a target with central value c and interval [l, h] of coverage κ: a two-piece
 * normal with mode c and standard deviations (c − l)/z and (h − c)/z below and above it,
 * z = Φ⁻¹((1 + κ)/2) — a normal when the interval is symmetric, and otherwise the interval's own
 * skew. Targets are independent, so log-likelihoods add.
 */
import type { StateLayout } from "../population.ts";
import type { Problem } from "../problems.ts";
import { show } from "../problems.ts";
import type { RecordLayout } from "../record.ts";
import { normalQuantile } from "../special.ts";
import { parseJson } from "../study/parse.ts";
import { SECTORS } from "../types.ts";
import { joinPath, validateAgainst } from "../validate.ts";
import { type CalibrationTarget, type TargetInterval, TARGETS_FILE_SCHEMA } from "./format.ts";

/** Parses and checks a targets file's text (schema only; `checkTargets` needs the segmentation). */
export function parseTargetsFile(
  text: string,
): { targets?: CalibrationTarget[]; problems: Problem[] } {
  const parsed = parseJson(text);
  if (parsed.problems.length) return { problems: parsed.problems };
  const problems = validateAgainst(parsed.value, TARGETS_FILE_SCHEMA);
  if (problems.length) return { problems };
  return { targets: (parsed.value as { targets: CalibrationTarget[] }).targets, problems: [] };
}

function intervalProblems(t: TargetInterval, at: string): Problem[] {
  if (!(t.low <= t.central && t.central <= t.high && t.low < t.high)) {
    return [{
      at,
      message: "the interval is out of order or has no width",
      found: `low ${t.low}, central ${t.central}, high ${t.high}`,
      expected: "low ≤ central ≤ high, low < high",
    }];
  }
  return [];
}

/** Checks what a schema cannot: one kind of value, years in order, known bands and levels. */
export function checkTargets(
  targets: CalibrationTarget[],
  bands: string[],
  levels: string[],
  at: string,
): Problem[] {
  const problems: Problem[] = [];
  targets.forEach((t, i) => {
    const here = joinPath(at, i);
    if ((t.annualGrowth === undefined) === (t.value === undefined)) {
      problems.push({
        at: here,
        message: "a target is either a growth or a level",
        expected: "exactly one of annualGrowth and value",
      });
    }
    if (t.annualGrowth) {
      problems.push(...intervalProblems(t.annualGrowth, joinPath(here, "annualGrowth")));
    }
    if (t.value) problems.push(...intervalProblems(t.value, joinPath(here, "value")));
    if (t.annualGrowth && (t.fromYear ?? 0) >= t.year) {
      problems.push({
        at: joinPath(here, "fromYear"),
        message: "a growth target starts before it ends",
        found: `from year ${t.fromYear ?? 0} to year ${t.year}`,
        expected: "fromYear below year",
      });
    }
    if (t.value && t.fromYear !== undefined) {
      problems.push({
        at: joinPath(here, "fromYear"),
        message: "a level target is at one year",
        expected: "no fromYear (it belongs to growth targets)",
      });
    }
    if (t.value && t.value.low <= 0 && t.quantity === "population") {
      problems.push({
        at: joinPath(here, "value.low"),
        message: "a population is above 0",
        found: show(t.value.low),
        expected: "a positive number of people",
      });
    }
    if (t.quantity === "spendPerHead" && (t.ageBand !== undefined || t.complexity !== undefined)) {
      problems.push({
        at: here,
        message: "spend per head is of the whole population",
        expected: "no ageBand or complexity",
      });
    }
    if (t.ageBand !== undefined && !bands.includes(t.ageBand)) {
      problems.push({
        at: joinPath(here, "ageBand"),
        message: "unknown age band",
        found: show(t.ageBand),
        expected: bands.join(", "),
      });
    }
    if (t.complexity !== undefined && !levels.includes(t.complexity)) {
      problems.push({
        at: joinPath(here, "complexity"),
        message: "unknown complexity level",
        found: show(t.complexity),
        expected: levels.join(", "),
      });
    }
  });
  return problems;
}

/** The last year any target needs. */
export function targetHorizon(targets: CalibrationTarget[]): number {
  return Math.max(...targets.map((t) => t.year));
}

/** How each target is read from a run: a function of the record and the state populations. */
export interface TargetReader {
  read(record: Float64Array, statePopulation: Float64Array): number;
}

/** Readers for each target (population by year from the state populations; cost from the record). */
export function targetReaders(
  targets: CalibrationTarget[],
  layout: StateLayout,
  record: RecordLayout,
): TargetReader[] {
  const S = layout.stateCount;
  return targets.map((t) => {
    const band = t.ageBand === undefined ? -1 : layout.ageBands.indexOf(t.ageBand);
    const level = t.complexity === undefined ? -1 : layout.levels.indexOf(t.complexity);
    const people = (pop: Float64Array, year: number) => {
      let n = 0;
      for (let s = 0; s < S; s++) {
        if (band >= 0 && layout.ageBand[s] !== band) continue;
        if (level >= 0 && layout.level[s] !== level) continue;
        n += pop[year * S + s];
      }
      return n;
    };
    const perHead = (rec: Float64Array, year: number) => {
      const y = year * record.stride;
      let cost = 0;
      for (let k = 0; k < SECTORS.length; k++) cost += rec[y + record.cost + k];
      return cost / rec[y + record.population];
    };
    const at = (rec: Float64Array, pop: Float64Array, year: number) =>
      t.quantity === "population" ? people(pop, year) : perHead(rec, year);
    if (t.value) return { read: (rec, pop) => at(rec, pop, t.year) };
    const from = t.fromYear ?? 0;
    return {
      read: (rec, pop) =>
        Math.pow(at(rec, pop, t.year) / at(rec, pop, from), 1 / (t.year - from)) - 1,
    };
  });
}

/** The target's interval (growth or level). */
export function targetInterval(t: CalibrationTarget): TargetInterval {
  return (t.annualGrowth ?? t.value)!;
}

/** Standard deviations below and above the central value. */
export function targetSpread(t: TargetInterval): [number, number] {
  const z = normalQuantile((1 + t.level) / 2);
  return [(t.central - t.low) / z, (t.high - t.central) / z];
}

/** Log-likelihood of model outputs `x` (one per target), up to a constant. */
export function logLikelihood(x: ArrayLike<number>, targets: CalibrationTarget[]): number {
  let sum = 0;
  for (let i = 0; i < targets.length; i++) {
    const t = targetInterval(targets[i]);
    const [below, above] = targetSpread(t);
    const d = x[i] - t.central;
    const sd = d < 0 ? below : above;
    if (!Number.isFinite(x[i])) return -Infinity;
    if (sd <= 0) {
      if (d !== 0) return -Infinity;
      continue;
    }
    sum -= 0.5 * (d / sd) * (d / sd);
  }
  return sum;
}
