/**
 * What `sim check` found for one study: its assertions' outcomes, or why it could not run; and
 * the outcome line that the terminal, JUnit failure messages and the JSON all carry.
 */
import type { AssertionOutcome } from "../sim/assertions.ts";
import type { Provenance } from "../sim/provenance.ts";
import { inUnit } from "../report/format.ts";

/** A study that could be run, and its assertions' outcomes. */
export interface CheckedStudy {
  file: string;
  valid: true;
  name: string;
  /** Seconds spent running the study and evaluating its assertions. */
  seconds: number;
  interval: number;
  provenance: Provenance;
  assertions: AssertionOutcome[];
}

/** A study that could not be run: every problem, as the command line words it. */
export interface InvalidStudy {
  file: string;
  valid: false;
  seconds: number;
  problems: string[];
}

export type CheckRecord = CheckedStudy | InvalidStudy;

/** The exit code of a check: 2 when a study is invalid, 1 when an assertion fails, else 0. */
export function checkExitCode(records: CheckRecord[]): 0 | 1 | 2 {
  if (records.some((r) => !r.valid)) return 2;
  return records.some((r) => r.valid && r.assertions.some((a) => !a.passed)) ? 1 : 0;
}

const percentOf = (share: number) => `${Math.round(share * 100)}%`;

/**
 * "measured −694 (95% interval −1,199 to −281); condition held in 97% of iterations (needs ≥
 * 98%)": the measured value, its interval and the probability the condition held, with what
 * the assertion asks of it.
 */
export function outcomeLine(a: AssertionOutcome, interval: number): string {
  const fmt = (v: number) => inUnit(a.unit, v);
  // An ICER assertion is on mean costs and QALYs: no interval, no share of iterations (its
  // mean is NaN when dominant or dominated: the label says which).
  if (Number.isNaN(a.low)) {
    return Number.isNaN(a.mean)
      ? "on mean costs and QALYs (no ratio: see the comparison named above)"
      : `measured ${fmt(a.mean)} on mean costs and QALYs`;
  }
  const needs = a.assertion.probability !== undefined
    ? ` (needs ≥ ${percentOf(a.assertion.probability)})`
    : " (the mean decides)";
  // Near the required probability, one decimal, so that 98.6% is not shown as "99% (needs ≥ 99%)".
  const required = a.assertion.probability;
  const held = required !== undefined && Math.abs(a.share - required) < 0.01
    ? `${(a.share * 100).toFixed(1)}%`
    : percentOf(a.share);
  return `measured ${fmt(a.mean)} (${percentOf(interval)} interval ${fmt(a.low)} to ${
    fmt(a.high)
  }); condition held in ${held} of iterations${needs}`;
}

/** The raw numbers of an outcome, one `key: value` a line (JUnit failure bodies). */
export function outcomeDetail(a: AssertionOutcome, interval: number): string {
  const c = a.assertion;
  const lines: [string, unknown][] = [
    ["scenario", c.scenario],
    ["measure", c.measure],
    ["year", a.year],
    ["compare", c.notWidening ? "|scenario| - |baseline|" : c.compare ?? "difference"],
    ["below", c.below],
    ["above", c.above],
    ["notWidening", c.notWidening],
    ["probability required", c.probability],
    ["mean", a.mean],
    [`low (${percentOf(interval)} interval)`, a.low],
    [`high (${percentOf(interval)} interval)`, a.high],
    ["share of iterations where the condition held", a.share],
  ];
  return lines.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`).join("\n");
}

/** Seconds since `started` (a performance.now() reading). */
export function elapsed(started: number): number {
  return (performance.now() - started) / 1000;
}
