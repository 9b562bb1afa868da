/**
 * Assertion outcomes as a reader sees them: the assertion in words, whether it holds, and the
 * quantity it tests in the one sign convention (a change is scenario − baseline) with the
 * measure's unit (£ for money). An assertion that inequality does not widen tests
 * |scenario SII| − |baseline SII|; it is shown as the change in the SII itself, from the same
 * results as every other table, so the same quantity never appears with two signs.
 */
import type { AssertionOutcome } from "../sim/assertions.ts";
import type { Results, SeriesSummary } from "../sim/summary.ts";
import { inUnit, inUnitChange, percent } from "./format.ts";
import { measureLabel } from "./measure-label.ts";

export interface AssertionRow {
  text: string;
  /** Why the assertion is there (the study's `reason`), if it says. */
  reason?: string;
  passed: boolean;
  /** What the value column holds: "change (scenario − baseline)" or "level". */
  quantity: string;
  value: string;
  interval: string;
  /** Share of runs in which the condition held. */
  share: string;
}

const lower = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s);

export function assertionRows(results: Results, outcomes: AssertionOutcome[]): AssertionRow[] {
  return outcomes.map((o) => {
    const a = o.assertion;
    const label = measureLabel(a.measure);
    const level = a.compare === "level";
    const f = (v: number) => (level ? inUnit(o.unit, v) : inUnitChange(o.unit, v));
    const chance = a.probability !== undefined
      ? ` in at least ${percent(a.probability)} of runs`
      : " on average";
    const bound = [
      a.below !== undefined ? `below ${f(a.below)}` : "",
      a.above !== undefined ? `above ${f(a.above)}` : "",
    ].filter(Boolean).join(" and ");
    const text = a.name ??
      (a.notWidening
        ? `${a.scenario}, year ${o.year}: inequality in ${lower(label)} does not widen${chance}`
        : `${a.scenario}, year ${o.year}: ${
          level ? lower(label) : `change in ${lower(label)}`
        } ${bound}${chance}`);
    if (a.notWidening) {
      const s = results.scenarios.find((x) => x.name === a.scenario);
      const d = (s?.deltas as Record<string, SeriesSummary> | null)?.[a.measure];
      const change = (v: number | undefined) => (v === undefined ? "–" : inUnitChange(o.unit, v));
      return {
        text,
        reason: a.reason,
        passed: o.passed,
        quantity: "change (scenario − baseline)",
        value: change(d?.mean[o.year]),
        interval: d?.low ? `${change(d.low[o.year])} to ${change(d.high![o.year])}` : "–",
        share: percent(o.share),
      };
    }
    return {
      text,
      reason: a.reason,
      passed: o.passed,
      quantity: level ? "level" : "change (scenario − baseline)",
      value: f(o.mean),
      interval: `${f(o.low)} to ${f(o.high)}`,
      share: percent(o.share),
    };
  });
}
