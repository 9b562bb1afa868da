/**
 * Study files: parsing (with line and column for malformed JSON), validation against the
 * schema, the checks a schema cannot express (names that must exist, intervals in order,
 * probabilities in range, transition rows that must sum to at most 1), and resolution into the
 * engine's ModelInput with defaults filled in. No file I/O: callers pass text.
 */
import {
  type Distribution,
  isEstimate,
  type ParameterSpec,
  toDistribution,
} from "./distributions.ts";
import { defaultBaselineParameters } from "./defaults.ts";
import { EXAMPLE_PLACE_NAME } from "./example-place.ts";
import { mean } from "./distributions.ts";
import { jsonErrorOffset } from "./json-position.ts";
import { type Problem, show } from "./problems.ts";
import { DEFAULT_ESTIMATE_LEVEL, MAX_STUDY_BYTES, STUDY_SCHEMA } from "./study-schema.ts";
import { parameterValueProblems } from "./plausible.ts";
import { choices, joinPath, own, suggest, validateAgainst } from "./validate.ts";
import type {
  AreaSpec,
  BaselineParameters,
  InterventionSpec,
  ModelInput,
  RunOptions,
  SegmentRow,
  TargetingRule,
} from "./types.ts";

export interface LogicModel {
  problem: string;
  intervention: string;
  outputs: string;
  outcomes: string;
  impact: string;
}

export interface StudyScenario {
  name: string;
  description?: string;
  interventions: string[];
  logicModel?: LogicModel;
  outcomes?: { measure: string; lifeStage: string; description?: string }[];
}

export interface Assertion {
  name?: string;
  scenario: string;
  measure: string;
  year?: number;
  compare?: "difference" | "level";
  below?: number;
  above?: number;
  notWidening?: boolean;
  probability?: number;
}

/** An intervention as written in a study: most fields optional, defaults filled on resolution. */
export interface StudyIntervention extends Partial<Omit<InterventionSpec, "id" | "name">> {
  id: string;
  name: string;
  description?: string;
  source?: string;
  /** Shares uptake, costs and effects (and their draws) with this intervention. */
  variantOf?: string;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

export interface Study {
  $schema?: string;
  name: string;
  description?: string;
  population?: { source: "example" | "csv"; path?: string; name?: string };
  areas?: AreaSpec[];
  horizonYears?: number;
  cyclesPerYear?: number;
  iterations?: number;
  seed?: number | string;
  discountRate?: number;
  interval?: number;
  baseline?: DeepPartial<BaselineParameters>;
  interventions?: StudyIntervention[];
  scenarios: StudyScenario[];
  assertions?: Assertion[];
}

export const BASELINE_NAME = "Baseline";

/** Deepest area hierarchy (system → place → neighbourhood is 3). */
export const MAX_AREA_DEPTH = 8;

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** Parses JSON text; a syntax error becomes a problem with line and column. */
export function parseJson(text: string): { value?: unknown; problems: Problem[] } {
  if (text.trim() === "") {
    return {
      problems: [{ at: "(file)", message: "the file is empty", expected: "a study (JSON)" }],
    };
  }
  if (text.length > MAX_STUDY_BYTES) {
    return {
      problems: [{
        at: "(file)",
        message: "the file is too large",
        found: `${text.length} characters`,
        expected: `at most ${MAX_STUDY_BYTES}`,
      }],
    };
  }
  try {
    return { value: JSON.parse(text), problems: [] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = jsonErrorOffset(text);
    let where = "(file)";
    if (offset >= 0) {
      const p = lineColumn(text, offset);
      where = `line ${p.line}, column ${p.column}`;
    }
    const hint = /\bNaN\b|\bInfinity\b/.test(text)
      ? "; NaN and Infinity are not JSON numbers — write a finite number"
      : "";
    return {
      problems: [{
        at: where,
        message: `malformed JSON: ${message.replace(/^JSON\.parse: /, "")}${hint}`,
        expected: "valid JSON",
      }],
    };
  }
}

/** Parses and schema-checks a study; semantic checks need the segmentation (checkStudy). */
export function parseStudy(text: string): { study?: Study; problems: Problem[] } {
  const parsed = parseJson(text);
  if (parsed.problems.length) return { problems: parsed.problems };
  const problems = validateAgainst(parsed.value, STUDY_SCHEMA);
  if (problems.length) return { problems };
  fillEstimateLevels(parsed.value);
  return { study: parsed.value as Study, problems: [] };
}

/** Applies the schema's documented default coverage to every estimate written without a level. */
function fillEstimateLevels(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) fillEstimateLevels(item);
  } else if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (Object.hasOwn(obj, "central") && !Object.hasOwn(obj, "level")) {
      obj.level = DEFAULT_ESTIMATE_LEVEL;
    }
    for (const key of Object.keys(obj)) fillEstimateLevels(obj[key]);
  }
}

type Kind = "probability" | "positive" | "any";

/** The support of a distribution: [lowest, highest] values it can take. */
function support(d: Distribution): [number, number] {
  switch (d.dist) {
    case "fixed":
      return [d.value, d.value];
    case "beta":
      return [0, 1];
    case "lognormal":
    case "gamma":
      return [0, Infinity];
    case "normal":
      return [d.min ?? -Infinity, d.max ?? Infinity];
    case "triangular":
    case "pert":
    case "uniform":
      return [d.min, d.max];
  }
}

/** Checks one parameter's internal consistency and that its values suit `kind`. */
export function checkParameter(spec: ParameterSpec, at: string, kind: Kind): Problem[] {
  const problems: Problem[] = [];
  if (typeof spec === "object" && isEstimate(spec)) {
    const { central, low, high, family } = spec;
    if (!(low <= central && central <= high)) {
      problems.push({
        at,
        message: "the interval is out of order",
        found: `low ${low}, central ${central}, high ${high}`,
        expected: "low ≤ central ≤ high",
      });
    }
    if (low === high) {
      problems.push({
        at: joinPath(at, "high"),
        message: "the interval has no width",
        expected: "high above low",
      });
    }
    if ((family === "lognormal" || family === "gamma") && low <= 0) {
      problems.push({
        at: joinPath(at, "low"),
        message: `a ${family} estimate must be positive`,
        found: show(low),
        expected: "above 0",
      });
    }
    if (family === "beta" && (low <= 0 || high >= 1)) {
      problems.push({
        at,
        message: "a beta estimate must lie strictly between 0 and 1",
        found: `${low}–${high}`,
        expected: "0 < low, high < 1",
      });
    }
    if (kind === "probability" && family !== "beta" && family !== "normal") {
      problems.push({
        at: joinPath(at, "family"),
        message: "a probability needs a bounded distribution",
        found: family,
        expected: "beta",
      });
    }
    if (problems.length) return problems;
  }
  if (typeof spec === "object" && !isEstimate(spec)) {
    const d = spec as Distribution;
    if (
      (d.dist === "triangular" || d.dist === "pert") &&
      !(d.min <= d.mode && d.mode <= d.max && d.min < d.max)
    ) {
      problems.push({
        at,
        message: "min, mode and max are out of order",
        found: `${d.min}, ${d.mode}, ${d.max}`,
        expected: "min ≤ mode ≤ max, min < max",
      });
    }
    if (d.dist === "uniform" && !(d.min < d.max)) {
      problems.push({
        at,
        message: "min is not below max",
        found: `${d.min}, ${d.max}`,
        expected: "min < max",
      });
    }
    if (d.dist === "normal" && d.min !== undefined && d.max !== undefined && !(d.min < d.max)) {
      problems.push({
        at,
        message: "min is not below max",
        found: `${d.min}, ${d.max}`,
        expected: "min < max",
      });
    }
    if (problems.length) return problems;
  }
  const [lo, hi] = support(toDistribution(spec));
  if (kind === "probability" && (lo < 0 || hi > 1)) {
    problems.push({
      at,
      message: "a probability must lie in [0, 1]",
      found: typeof spec === "number" ? show(spec) : `values from ${lo} to ${hi}`,
      expected: "values between 0 and 1 (a beta, a truncated normal or bounds inside [0, 1])",
    });
  }
  if (kind === "positive" && lo < 0) {
    problems.push({
      at,
      message: "must not be negative",
      found: typeof spec === "number" ? show(spec) : `values from ${lo}`,
      expected: "values of 0 or more",
    });
  }
  if (problems.length) return problems;
  return parameterValueProblems(spec, at);
}

/** Checks what a schema cannot: names, intervals, probabilities and transition rows. */
export function checkStudy(study: Study, segments: SegmentRow[]): Problem[] {
  const problems: Problem[] = [];
  const bands = [...new Set(segments.map((s) => s.ageBand))];
  const levels = [...new Set(segments.map((s) => s.complexity))];
  const areas = study.areas ?? [];
  const areaIds = areas.map((a) => a.id);
  let suggestions = 0; // "did you mean" for the first 100 unknown names only (it costs time)
  const unknown = (at: string, what: string, found: string, allowed: string[]) =>
    problems.push({
      at,
      message: `unknown ${what}`,
      found: show(found),
      expected: choices(allowed),
      suggestion: suggestions++ < 100 ? suggest(found, allowed) : undefined,
    });
  const duplicates = (items: string[], at: (i: number) => string, what: string) => {
    const seen = new Map<string, number>();
    items.forEach((name, i) => {
      if (seen.has(name)) {
        problems.push({
          at: at(i),
          message: `duplicate ${what}`,
          found: show(name),
          expected: `a name not used by item ${seen.get(name)}`,
        });
      }
      seen.set(name, i);
    });
  };

  // Areas: unique ids, parents that exist, no cycles, and scale only on leaves.
  duplicates(areaIds, (i) => `areas[${i}].id`, "area id");
  const areaById = new Map(areas.map((a) => [a.id, a]));
  areas.forEach((a, i) => {
    if (a.parent !== undefined && !areaById.has(a.parent)) {
      unknown(`areas[${i}].parent`, "area", a.parent, areaIds);
    }
    let depth = 0;
    for (let cur = areaById.get(a.parent ?? ""); cur; cur = areaById.get(cur.parent ?? "")) {
      if (cur === a || ++depth > MAX_AREA_DEPTH) {
        problems.push({
          at: `areas[${i}].parent`,
          message: cur === a
            ? "the area hierarchy has a cycle"
            : `the area hierarchy is deeper than ${MAX_AREA_DEPTH} levels`,
          found: a.id,
        });
        break;
      }
    }
  });

  // Baseline overrides.
  const b = study.baseline ?? {};
  const checkMap = (
    map: Record<string, ParameterSpec> | undefined,
    at: string,
    keys: string[],
    what: string,
    kind: Kind,
  ) => {
    for (const [k, v] of Object.entries(map ?? {})) {
      if (!keys.includes(k)) unknown(joinPath(at, k), what, k, keys);
      problems.push(...checkParameter(v, joinPath(at, k), kind));
    }
  };
  checkMap(
    b.deathRate as Record<string, ParameterSpec>,
    "baseline.deathRate",
    bands,
    "age band",
    "probability",
  );
  checkMap(
    b.deathHazardRatio as Record<string, ParameterSpec>,
    "baseline.deathHazardRatio",
    levels,
    "complexity level",
    "positive",
  );
  checkMap(
    b.ageingRate as Record<string, ParameterSpec>,
    "baseline.ageingRate",
    bands,
    "age band",
    "probability",
  );
  checkMap(
    b.netMigrationPer1000 as Record<string, ParameterSpec>,
    "baseline.netMigrationPer1000",
    bands,
    "age band",
    "any",
  );
  checkMap(
    b.deprivationGradient as Record<string, ParameterSpec>,
    "baseline.deprivationGradient",
    Object.keys(b.deprivationGradient ?? {}),
    "target",
    "positive",
  );
  if (b.deprivationWorseningRatio !== undefined) {
    problems.push(
      ...checkParameter(
        b.deprivationWorseningRatio,
        "baseline.deprivationWorseningRatio",
        "positive",
      ),
    );
  }
  if (b.entrantsPer1000 !== undefined) {
    problems.push(...checkParameter(b.entrantsPer1000, "baseline.entrantsPer1000", "positive"));
  }
  const moves = levels.flatMap((f) => levels.filter((t) => t !== f).map((t) => `${f}->${t}`));
  for (const [band, map] of Object.entries(b.transitions ?? {})) {
    const at = joinPath("baseline.transitions", band);
    if (!bands.includes(band)) unknown(at, "age band", band, bands);
    checkMap(map as Record<string, ParameterSpec>, at, moves, "move", "probability");
  }
  // Each level's exits (moves out + death) must not exceed 1 at the central values.
  const defaults = defaultBaselineParameters();
  for (const band of bands) {
    for (const from of levels) {
      const given = (own(b.transitions, band) ?? {}) as Record<string, ParameterSpec>;
      const base = own(defaults.transitions, band) ?? {};
      let total = 0;
      for (const to of levels) {
        if (to === from) continue;
        const key = `${from}->${to}`;
        const spec = own(given, key) ?? own(base, key);
        if (spec !== undefined) total += mean(toDistribution(spec));
      }
      if (total > 1) {
        problems.push({
          at: joinPath(joinPath("baseline.transitions", band), `${from}->…`),
          message: `the annual probabilities of leaving ${from} add to more than 1`,
          found: total.toFixed(3),
          expected: "at most 1",
        });
      }
    }
    const hasDeath = own(b.deathRate, band) !== undefined ||
      own(defaults.deathRate, band) !== undefined;
    if (!hasDeath) {
      problems.push({
        at: joinPath("baseline.deathRate", band),
        message: `no death rate for age band ${band}`,
        expected: "a probability",
      });
    }
    const last = band === bands[bands.length - 1];
    if (
      !last && own(b.ageingRate, band) === undefined &&
      own(defaults.ageingRate, band) === undefined
    ) {
      problems.push({
        at: joinPath("baseline.ageingRate", band),
        message: `no ageing rate for age band ${band}`,
        expected: "a probability",
      });
    }
  }

  // Interventions.
  const ivs = study.interventions ?? [];
  const ivIds = ivs.map((iv) => iv.id);
  duplicates(ivIds, (i) => `interventions[${i}].id`, "intervention id");
  ivs.forEach((iv, i) => {
    const at = `interventions[${i}]`;
    const target = iv.target ?? {};
    target.ageBands?.forEach((x, j) =>
      bands.includes(x) || unknown(`${at}.target.ageBands[${j}]`, "age band", x, bands)
    );
    target.complexity?.forEach((x, j) =>
      levels.includes(x) || unknown(`${at}.target.complexity[${j}]`, "complexity level", x, levels)
    );
    target.areas?.forEach((x, j) =>
      areaById.has(x) || unknown(`${at}.target.areas[${j}]`, "area", x, areaIds)
    );
    const inherited = ["uptake", "costPerParticipant", "fixedCostPerYear", "effects"] as const;
    if (iv.variantOf !== undefined) {
      const original = ivs.find((x) => x.id === iv.variantOf);
      if (!original) unknown(`${at}.variantOf`, "intervention", iv.variantOf, ivIds);
      else if (original.variantOf !== undefined) {
        problems.push({
          at: `${at}.variantOf`,
          message: "a variant of a variant",
          found: iv.variantOf,
          expected: "an intervention that is not itself a variant",
        });
      }
      for (const field of inherited) {
        if (iv[field] !== undefined) {
          problems.push({
            at: `${at}.${field}`,
            message: "a variant inherits this from the intervention it is a variant of",
            expected: "no value here",
          });
        }
      }
      return;
    }
    for (const field of ["uptake", "costPerParticipant", "effects"] as const) {
      if (iv[field] === undefined) {
        problems.push({ at: `${at}.${field}`, message: "required field is missing" });
      }
    }
    if (
      iv.uptake === undefined || iv.costPerParticipant === undefined || iv.effects === undefined
    ) return;
    const uptake = Array.isArray(iv.uptake) ? iv.uptake : [iv.uptake];
    uptake.forEach((u, q) =>
      problems.push(
        ...checkParameter(
          u,
          Array.isArray(iv.uptake) ? `${at}.uptake[${q}]` : `${at}.uptake`,
          "probability",
        ),
      )
    );
    problems.push(...checkParameter(iv.costPerParticipant, `${at}.costPerParticipant`, "positive"));
    if (iv.fixedCostPerYear !== undefined) {
      problems.push(...checkParameter(iv.fixedCostPerYear, `${at}.fixedCostPerYear`, "positive"));
    }
    const effectMoves = ["worsening", "improving", ...moves];
    checkMap(iv.effects.transitions, `${at}.effects.transitions`, effectMoves, "move", "positive");
    checkMap(
      iv.effects.activity as Record<string, ParameterSpec>,
      `${at}.effects.activity`,
      Object.keys(iv.effects.activity ?? {}),
      "activity",
      "positive",
    );
    if (iv.effects.death !== undefined) {
      problems.push(...checkParameter(iv.effects.death, `${at}.effects.death`, "positive"));
    }
  });
  ivs.forEach((iv, i) => {
    if ((iv.startYear ?? 1) > (study.horizonYears ?? 10)) {
      problems.push({
        at: `interventions[${i}].startYear`,
        message: "starts after the horizon",
        found: String(iv.startYear),
        expected: `at most ${study.horizonYears ?? 10}`,
      });
    }
  });

  // Scenarios.
  const names = study.scenarios.map((s) => s.name);
  duplicates(names, (i) => `scenarios[${i}].name`, "scenario name");
  study.scenarios.forEach((sc, i) => {
    sc.interventions.forEach((id, j) =>
      ivIds.includes(id) ||
      unknown(`scenarios[${i}].interventions[${j}]`, "intervention", id, ivIds)
    );
  });
  const allNames =
    names.includes(BASELINE_NAME) || study.scenarios.some((s) => s.interventions.length === 0)
      ? names
      : [BASELINE_NAME, ...names];

  // Assertions.
  (study.assertions ?? []).forEach((a, i) => {
    const at = `assertions[${i}]`;
    if (!allNames.includes(a.scenario)) unknown(`${at}.scenario`, "scenario", a.scenario, allNames);
    if (a.below === undefined && a.above === undefined && !a.notWidening) {
      problems.push({
        at,
        message: "the assertion has no condition",
        expected: "below, above or notWidening",
      });
    }
    if (a.year !== undefined && a.year > (study.horizonYears ?? 10)) {
      problems.push({
        at: `${at}.year`,
        message: "after the horizon",
        found: String(a.year),
        expected: `at most ${study.horizonYears ?? 10}`,
      });
    }
  });
  return problems;
}

function mergeRecord<T extends object>(base: T, over: Partial<T> | undefined): T {
  return { ...base, ...(over ?? {}) };
}

/** Fills defaults: the engine's input and the run options. */
export function resolveStudy(
  study: Study,
  segments: SegmentRow[],
): { input: ModelInput; options: RunOptions } {
  const d = defaultBaselineParameters();
  const b = study.baseline ?? {};
  const transitions = { ...d.transitions };
  for (const [band, moves] of Object.entries(b.transitions ?? {})) {
    transitions[band] = {
      ...(own(d.transitions, band) ?? {}),
      ...(moves as Record<string, ParameterSpec>),
    };
  }
  const parameters: BaselineParameters = {
    deathRate: mergeRecord(d.deathRate, b.deathRate as Record<string, ParameterSpec>),
    deathHazardRatio: mergeRecord(
      d.deathHazardRatio,
      b.deathHazardRatio as Record<string, ParameterSpec>,
    ),
    transitions,
    deprivationWorseningRatio: b.deprivationWorseningRatio ?? d.deprivationWorseningRatio,
    deprivationGradient: mergeRecord(d.deprivationGradient, b.deprivationGradient),
    ageingRate: mergeRecord(d.ageingRate, b.ageingRate as Record<string, ParameterSpec>),
    entrantsPer1000: b.entrantsPer1000 ?? d.entrantsPer1000,
    netMigrationPer1000: mergeRecord(
      d.netMigrationPer1000,
      b.netMigrationPer1000 as Record<string, ParameterSpec>,
    ),
    improvingMoves: b.improvingMoves ?? "as-given",
    unitCost: mergeRecord(d.unitCost, b.unitCost),
  };
  const written = study.interventions ?? [];
  const interventions: InterventionSpec[] = written.map((iv) => {
    const from = iv.variantOf ? written.find((x) => x.id === iv.variantOf)! : iv;
    return {
      id: iv.id,
      name: iv.name,
      parameterKey: iv.variantOf,
      payer: iv.payer,
      target: iv.target ?? {},
      uptake: from.uptake!,
      capacity: iv.capacity ?? null,
      targeting: (iv.targeting ?? "proportional") as TargetingRule,
      startYear: iv.startYear ?? 1,
      rampUpYears: iv.rampUpYears ?? 0,
      durationYears: iv.durationYears ?? null,
      decayPerYear: iv.decayPerYear ?? 1,
      costPerParticipant: from.costPerParticipant!,
      fixedCostPerYear: from.fixedCostPerYear ?? 0,
      effects: from.effects!,
    };
  });
  const scenarios = study.scenarios.map((s) => ({ name: s.name, interventions: s.interventions }));
  if (!scenarios.some((s) => s.interventions.length === 0)) {
    scenarios.unshift({ name: BASELINE_NAME, interventions: [] });
  }
  const areas: AreaSpec[] = study.areas ??
    [{ id: "place", name: study.population?.name ?? EXAMPLE_PLACE_NAME, level: "place" }];
  return {
    input: {
      segments,
      areas,
      parameters,
      interventions,
      scenarios,
      horizonYears: study.horizonYears ?? 10,
      cyclesPerYear: study.cyclesPerYear ?? 1,
      discountRate: study.discountRate ?? 0.035,
    },
    options: {
      iterations: study.iterations ?? 1000,
      seed: study.seed ?? 1,
      interval: study.interval ?? 0.95,
    },
  };
}
