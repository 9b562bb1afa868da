/**
 * What `sim diff` compares: a run's results read from the text of a results.json (the document
 * `sim run` writes, or bare results such as `sim expected --json` prints), checked by own
 * properties with every problem named by JSON path. Runs written before results carried their
 * provenance get what the results themselves say (engine, seed, iterations, inputs).
 */
import type { Provenance } from "../sim/provenance.ts";

export interface RunSeries {
  /** One per year; null where the value is undefined (a ratio of nothing). */
  mean: (number | null)[];
  /** Monte Carlo standard error, one per year; absent for ratios of means. */
  mcse?: (number | null)[];
}

export interface RunScenario {
  name: string;
  absolute: Record<string, RunSeries>;
  /** Scenario − baseline; null for the baseline. */
  deltas: Record<string, RunSeries> | null;
}

/** The provenance as recorded; fields a run did not record are null ("not recorded"). */
export type RecordedProvenance =
  & {
    [K in keyof Omit<Provenance, "calibration">]: Provenance[K] | null;
  }
  & { calibration: { posteriorHash: string } | null };

export interface ComparableRun {
  /** Where it was read from (a path). */
  label: string;
  mode: string;
  iterations: number;
  years: number[];
  provenance: RecordedProvenance;
  scenarios: RunScenario[];
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> =>
  v !== null && typeof v === "object" && !Array.isArray(v);
const own = (o: Record<string, Json>, k: string): Json =>
  Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;

/** At most this many problems are listed (the rest are counted). */
const MAX_PROBLEMS = 20;

class Problems {
  list: string[] = [];
  add(at: string, message: string) {
    this.list.push(`${at}: ${message}`);
  }
}

function numbers(
  v: Json,
  length: number,
  at: string,
  p: Problems,
): (number | null)[] | undefined {
  if (!Array.isArray(v) || v.length !== length) {
    p.add(at, `expected an array of ${length} numbers (one per year)`);
    return undefined;
  }
  const bad = v.findIndex((x) => x !== null && (typeof x !== "number" || !Number.isFinite(x)));
  if (bad >= 0) {
    p.add(`${at}[${bad}]`, `expected a number or null, found ${JSON.stringify(v[bad])}`);
    return undefined;
  }
  return v as (number | null)[];
}

function seriesTable(
  v: Json,
  years: number,
  at: string,
  p: Problems,
): Record<string, RunSeries> | undefined {
  if (!isObject(v)) {
    p.add(at, "expected an object of measures");
    return undefined;
  }
  const out: Record<string, RunSeries> = {};
  for (const key of Object.keys(v)) {
    const s = v[key];
    const where = `${at}.${key}`;
    if (!isObject(s)) {
      p.add(where, "expected a measure's summary (an object with mean)");
      continue;
    }
    const mean = numbers(own(s, "mean"), years, `${where}.mean`, p);
    const rawMcse = own(s, "mcse");
    const mcse = rawMcse === undefined ? undefined : numbers(rawMcse, years, `${where}.mcse`, p);
    if (mean) out[key] = mcse ? { mean, mcse } : { mean };
  }
  return out;
}

const text = (v: Json): string | null => (typeof v === "string" ? v : null);

function recordedProvenance(r: Record<string, Json>, p: Problems): RecordedProvenance {
  const given = own(r, "provenance");
  const engine = own(r, "engine");
  const seedOf = (v: Json) => (typeof v === "number" || typeof v === "string" ? v : null);
  if (given !== undefined && !isObject(given)) p.add("results.provenance", "expected an object");
  const g = isObject(given) ? given : {};
  const calibration = own(g, "calibration");
  const posterior = isObject(calibration) ? text(own(calibration, "posteriorHash")) : null;
  const iterations = own(g, "iterations") ?? own(r, "iterations");
  const uncertainty = text(own(g, "uncertainty"));
  return {
    studyHash: text(own(g, "studyHash")),
    inputHash: text(own(g, "inputHash")) ?? text(own(r, "inputHash")),
    engineVersion: text(own(g, "engineVersion")) ??
      (isObject(engine) ? text(own(engine, "version")) : null),
    seed: given === undefined ? seedOf(own(r, "seed")) : seedOf(own(g, "seed")),
    iterations: typeof iterations === "number" ? iterations : null,
    uncertainty: uncertainty as Provenance["uncertainty"] | null,
    denoVersion: text(own(g, "denoVersion")),
    calibration: posterior === null ? null : { posteriorHash: posterior },
  };
}

/** A run from the text of a results file, or every problem with it. */
export function parseRun(
  content: string,
  label: string,
): { run?: ComparableRun; problems: string[] } {
  let doc: Json;
  try {
    doc = JSON.parse(content);
  } catch (error) {
    return {
      problems: [`malformed JSON (${error instanceof Error ? error.message : String(error)})`],
    };
  }
  const p = new Problems();
  if (!isObject(doc)) return { problems: ["expected an object: results.json as sim run writes"] };
  // results.json from `sim run` holds { study, results, … }; `sim expected --json` the results.
  const nested = own(doc, "results");
  const r = isObject(nested) ? nested : doc;
  const root = isObject(nested) ? "results" : "(top level)";
  const years = own(r, "years");
  const scenarios = own(r, "scenarios");
  if (
    !Array.isArray(years) || years.length === 0 ||
    !years.every((y, i) => Number.isInteger(y) && (i === 0 || y > years[i - 1]))
  ) {
    p.add(`${root}.years`, "expected increasing whole years, e.g. [0, 1, 2]");
  }
  if (!Array.isArray(scenarios) || scenarios.length === 0) {
    p.add(`${root}.scenarios`, "expected a non-empty array of scenarios");
  }
  const mode = own(r, "mode");
  const iterations = own(r, "iterations");
  if (typeof mode !== "string") p.add(`${root}.mode`, 'expected "monte-carlo" or "deterministic"');
  if (typeof iterations !== "number" || !Number.isInteger(iterations) || iterations < 1) {
    p.add(`${root}.iterations`, "expected a whole number of iterations");
  }
  if (p.list.length) return { problems: p.list };
  const Y = (years as number[]).length;
  const out: RunScenario[] = [];
  const names = new Set<string>();
  (scenarios as Json[]).forEach((s, i) => {
    const at = `${root}.scenarios[${i}]`;
    if (!isObject(s)) return p.add(at, "expected a scenario object");
    const name = own(s, "name");
    if (typeof name !== "string") return p.add(`${at}.name`, "expected the scenario's name");
    if (names.has(name)) {
      return p.add(`${at}.name`, `a second scenario named ${JSON.stringify(name)}`);
    }
    names.add(name);
    const absolute = seriesTable(own(s, "absolute"), Y, `${at}.absolute`, p);
    const rawDeltas = own(s, "deltas");
    const deltas = rawDeltas === null ? null : seriesTable(rawDeltas, Y, `${at}.deltas`, p);
    if (absolute && deltas !== undefined) out.push({ name, absolute, deltas });
  });
  const provenance = recordedProvenance(r, p);
  if (p.list.length) {
    const more = p.list.length - MAX_PROBLEMS;
    return {
      problems: more > 0
        ? [...p.list.slice(0, MAX_PROBLEMS), `… and ${more} more problems`]
        : p.list,
    };
  }
  return {
    run: {
      label,
      mode: mode as string,
      iterations: iterations as number,
      years: years as number[],
      provenance,
      scenarios: out,
    },
    problems: [],
  };
}
