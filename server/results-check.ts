/**
 * Results sent with a report request are the run on the user's screen: before a report is built
 * from them they must be results of this very study (its input hash) and have the shape a
 * report reads — every scenario, every year, every record measure — so that bad or stale results
 * get a clear 4xx, never a report of something else or an internal error.
 */
import type { Model } from "../sim/model.ts";
import { modelInputHash } from "../sim/provenance.ts";
import type { Problem } from "../sim/problems.ts";
import { show } from "../sim/problems.ts";

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v);

const isSeries = (v: unknown, years: number): boolean =>
  isObject(v) && Array.isArray(v.mean) && v.mean.length === years;

/** Problems with `results` as results of `model`'s study; empty when they fit. */
export function checkResults(results: unknown, model: Model): Problem[] {
  if (!isObject(results)) {
    return [{ at: "results", message: "no results", expected: "the results of a run" }];
  }
  const hash = modelInputHash(model.input);
  if (results.inputHash !== hash) {
    return [{
      at: "results.inputHash",
      message: "these results are not of this study as it stands (it changed after the run)",
      found: show(results.inputHash),
      expected: `results of inputs ${hash}: run the study again, then ask for the report`,
    }];
  }
  const problems: Problem[] = [];
  const years = model.input.horizonYears + 1;
  if (
    results.mode !== "monte-carlo" && results.mode !== "deterministic" &&
    results.mode !== "expected"
  ) {
    problems.push({ at: "results.mode", message: "not a kind of run", found: show(results.mode) });
  }
  if (!Number.isInteger(results.iterations) || (results.iterations as number) < 1) {
    problems.push({
      at: "results.iterations",
      message: "not a number of iterations",
      found: show(results.iterations),
    });
  }
  if (
    results.horizonYears !== model.input.horizonYears || !Array.isArray(results.years) ||
    results.years.length !== years
  ) {
    problems.push({
      at: "results.years",
      message: "not the study's years",
      expected: `years 0 to ${years - 1}`,
    });
  }
  const scenarios = Array.isArray(results.scenarios) ? results.scenarios : [];
  const names = model.input.scenarios.map((s) => s.name);
  if (scenarios.length !== names.length) {
    problems.push({
      at: "results.scenarios",
      message: "not the study's scenarios",
      expected: names.join(", "),
    });
    return problems;
  }
  if (!isObject(results.engine) || typeof results.engine.version !== "string") {
    problems.push({ at: "results.engine", message: "no engine version" });
  }
  for (const k of ["interval", "discountRate"]) {
    if (typeof results[k] !== "number") {
      problems.push({ at: `results.${k}`, message: "not a number", found: show(results[k]) });
    }
  }
  const keys = model.measures.keys.slice(0, model.measures.recordCount);
  scenarios.forEach((s: unknown, i: number) => {
    const at = `results.scenarios[${i}]`;
    if (!isObject(s) || s.name !== names[i]) {
      problems.push({ at: `${at}.name`, message: "not the study's scenario", expected: names[i] });
      return;
    }
    const absolute = isObject(s.absolute) ? s.absolute : {};
    const missing = keys.filter((k) => !isSeries(absolute[k], years));
    if (missing.length) {
      problems.push({
        at: `${at}.absolute`,
        message: "measures are missing or short",
        found: missing.slice(0, 3).join(", "),
      });
    }
    if (s.deltas !== null && !isObject(s.deltas)) {
      problems.push({ at: `${at}.deltas`, message: "not differences from the baseline" });
    } else if (isObject(s.deltas)) {
      const deltas = s.deltas;
      const short = keys.filter((k) => !isSeries(deltas[k], years));
      if (short.length) {
        problems.push({
          at: `${at}.deltas`,
          message: "differences are missing or short",
          found: short.slice(0, 3).join(", "),
        });
      }
      const distributions = isObject(s.distributions) ? s.distributions : {};
      if (
        results.mode === "monte-carlo" && !Array.isArray(distributions["discounted.cost.total"])
      ) {
        problems.push({ at: `${at}.distributions`, message: "no distribution of net cost" });
      }
    }
  });
  return problems;
}
