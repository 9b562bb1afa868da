/**
 * A parameter as entered, in words and numbers — one wording wherever a study's inputs are shown:
 * the assumptions listing of the report and the workbench (assumptions.ts), the workbook's
 * assumptions sheet and the input diff of two runs (parameter-rows.ts). A parameter is a number
 * (fixed), an estimate {central, low, high, level, family} (a distribution fitted to an
 * interval), or a distribution {dist, …}.
 */
import { describeFit, toDistribution } from "../sim/distributions.ts";
import type { ParameterSpec } from "../sim/distributions.ts";
import { STUDY_DEFAULTS } from "../sim/study/defaults.ts";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  v !== null && typeof v === "object" && !Array.isArray(v);
const own = (o: Json, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

/** The notes a parameter (or an effect written out) may carry beside its numbers. */
export const NOTE_KEYS = new Set(["source", "assumption", "rationale"]);

/**
 * A number in plain en-GB form: thousands separated, a real minus sign, up to `significant`
 * figures (6 for figures as entered, so two versions that differ are never shown alike; fewer
 * for figures the report computes).
 */
export function plainNumber(v: number, significant = 6): string {
  if (!Number.isFinite(v)) return String(v);
  const text = Math.abs(v) >= 1000
    ? Math.round(v).toLocaleString("en-GB")
    : Number(v.toPrecision(significant)).toLocaleString("en-GB", { maximumFractionDigits: 8 });
  return text.replace("-", "−");
}

/** "95%" for a coverage of 0.95. */
export function levelText(level: number): string {
  return `${Number((level * 100).toPrecision(3))}%`;
}

/** A parameter: a number, a distribution {dist, …} or an estimate {central, low, high, …}. */
export function isParameter(v: unknown): v is ParameterSpec {
  return typeof v === "number" ||
    (isObject(v) && (Object.hasOwn(v, "dist") || Object.hasOwn(v, "central")));
}

/** A parameter's numbers, and the distribution it stands for in words. */
export interface ParameterParts {
  /** The parameter in words, e.g. "0.78 (0.51 to 1.18, 95% interval; lognormal distribution fitted)". */
  value: string;
  central: number | null;
  low: number | null;
  high: number | null;
  /** Coverage of [low, high]. */
  level: number | null;
  /** "fixed", a distribution ("beta(alpha 2, beta 5)"), or the family fitted to an estimate. */
  distribution: string;
}

/** A parameter in words and numbers; `money` puts £ before each figure. */
export function parameterParts(spec: unknown, money = false): ParameterParts {
  const f = (v: number | null, significant?: number) =>
    v === null ? "?" : `${money ? "£" : ""}${plainNumber(v, significant)}`;
  if (typeof spec === "number") {
    return {
      value: `${f(spec)} (fixed)`,
      central: spec,
      low: null,
      high: null,
      level: null,
      distribution: "fixed",
    };
  }
  const o = isObject(spec) ? spec : {};
  const num = (k: string) => (typeof own(o, k) === "number" ? own(o, k) as number : null);
  if (Object.hasOwn(o, "central")) {
    const level = num("level") ?? STUDY_DEFAULTS.estimateLevel;
    const family = String(own(o, "family") ?? "");
    const [central, low, high] = [num("central"), num("low"), num("high")];
    return {
      value: `${f(central)} (${f(low)} to ${f(high)}, ${levelText(level)} interval; ${family} ${
        family ? "distribution " : ""
      }fitted)`,
      central,
      low,
      high,
      level,
      distribution: `${family} fitted to the interval`,
    };
  }
  const dist = String(own(o, "dist"));
  if (dist === "fixed") {
    const value = num("value");
    return {
      value: `${f(value)} (fixed)`,
      central: value,
      low: null,
      high: null,
      level: null,
      distribution: "fixed",
    };
  }
  const numbers = Object.keys(o).filter((k) => k !== "dist" && !NOTE_KEYS.has(k));
  const params = numbers.map((k) => `${k} ${plainNumber(Number(own(o, k)))}`).join(", ");
  let fit = "";
  try {
    const d = describeFit(toDistribution(spec as ParameterSpec), 0.95);
    fit = `: median ${f(d.median, 4)}, 95% interval ${f(d.low, 4)} to ${f(d.high, 4)}`;
  } catch { /* a distribution the engine cannot read: its numbers alone */ }
  return {
    value: `${dist} distribution (${params})${fit}`,
    central: num("mode") ?? num("mean"),
    low: num("min"),
    high: num("max"),
    level: null,
    distribution: `${dist}(${params})`,
  };
}

/** "0.81 (0.72 to 0.91, 95% interval; lognormal distribution fitted)", with £ when `money`. */
export function describeParameter(spec: ParameterSpec, money = false): string {
  return parameterParts(spec, money).value;
}

/** A parameter's (or an effect's) note: its source, assumption or rationale, or "". */
export function noteOf(spec: unknown, key: "source" | "assumption" | "rationale"): string {
  const v = isObject(spec) ? own(spec, key) : undefined;
  return typeof v === "string" ? v : "";
}
