/**
 * The checks a schema cannot express, one function per section of a study: names that must
 * exist, intervals in order, probabilities in range, transition rows that must sum to at most
 * 1, timing within the horizon. They need the segmentation (its age bands and levels).
 */
import { defaultBaselineParameters } from "../defaults.ts";
import {
  type Distribution,
  isEstimate,
  mean,
  type ParameterSpec,
  toDistribution,
} from "../distributions.ts";
import { type Problem, show } from "../problems.ts";
import {
  AMENABLE_TARGETS,
  type AreaSpec,
  type Effect,
  isEffectSpec,
  type SegmentRow,
} from "../types.ts";
import { parameterValueProblems } from "../plausible.ts";
import { choices, joinPath, own, suggest } from "../validate.ts";
import { STUDY_DEFAULTS } from "./defaults.ts";
import { BASELINE_NAME, type Study } from "./format.ts";
import { defaultNorms } from "../health/settings.ts";
import { ICER_MEASURE } from "../measures.ts";

/** The values a parameter may take: a probability in [0, 1], 0 or more (rates, ratios, costs), or any. */
type Kind = "probability" | "nonNegative" | "any";

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
  if (kind === "nonNegative" && lo < 0) {
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

/** What every section's checks read, and the list they add to. */
interface Checking {
  study: Study;
  /** Age bands and complexity levels of the segmentation, in order. */
  bands: string[];
  levels: string[];
  areaIds: string[];
  areaById: Map<string, AreaSpec>;
  problems: Problem[];
  /** "Did you mean" is offered for the first 100 unknown names only (it costs time). */
  suggestions: number;
}

/** Deepest area hierarchy (system → place → neighbourhood is 3). */
export const MAX_AREA_DEPTH = 8;

/** Checks what a schema cannot, section by section: areas, baseline, interventions, scenarios, assertions. */
export function checkStudy(study: Study, segments: SegmentRow[]): Problem[] {
  const c: Checking = {
    study,
    bands: [...new Set(segments.map((s) => s.ageBand))],
    levels: [...new Set(segments.map((s) => s.complexity))],
    areaIds: (study.areas ?? []).map((a) => a.id),
    areaById: new Map((study.areas ?? []).map((a) => [a.id, a])),
    problems: [],
    suggestions: 0,
  };
  checkAreas(c);
  checkBaseline(c);
  checkHealth(c);
  checkValue(c);
  checkInterventions(c);
  checkScenarios(c);
  checkAssertions(c);
  return c.problems;
}

function unknown(c: Checking, at: string, what: string, found: string, allowed: string[]): void {
  c.problems.push({
    at,
    message: `unknown ${what}`,
    found: show(found),
    expected: choices(allowed),
    suggestion: c.suggestions++ < 100 ? suggest(found, allowed) : undefined,
  });
}

function duplicates(c: Checking, items: string[], at: (i: number) => string, what: string): void {
  const seen = new Map<string, number>();
  items.forEach((name, i) => {
    if (seen.has(name)) {
      c.problems.push({
        at: at(i),
        message: `duplicate ${what}`,
        found: show(name),
        expected: `a name not used by item ${seen.get(name)}`,
      });
    }
    seen.set(name, i);
  });
}

/** Checks a map of parameters: known keys, and each parameter of `kind`. */
function checkMap(
  c: Checking,
  map: Record<string, ParameterSpec> | undefined,
  at: string,
  keys: string[],
  what: string,
  kind: Kind,
): void {
  for (const [k, v] of Object.entries(map ?? {})) {
    if (!keys.includes(k)) unknown(c, joinPath(at, k), what, k, keys);
    c.problems.push(...checkParameter(v, joinPath(at, k), kind));
  }
}

/** Every complexity move between two different levels, "from->to". */
function moveKeys(levels: string[]): string[] {
  return levels.flatMap((f) => levels.filter((t) => t !== f).map((t) => `${f}->${t}`));
}

const horizonOf = (study: Study) => study.horizonYears ?? STUDY_DEFAULTS.horizonYears;

/** Areas: unique ids, parents that exist, no cycles. */
function checkAreas(c: Checking): void {
  const areas = c.study.areas ?? [];
  const { areaIds, areaById } = c;
  duplicates(c, areaIds, (i) => `areas[${i}].id`, "area id");
  areas.forEach((a, i) => {
    if (a.parent !== undefined && !areaById.has(a.parent)) {
      unknown(c, `areas[${i}].parent`, "area", a.parent, areaIds);
    }
    let depth = 0;
    for (let cur = areaById.get(a.parent ?? ""); cur; cur = areaById.get(cur.parent ?? "")) {
      if (cur === a || ++depth > MAX_AREA_DEPTH) {
        c.problems.push({
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
}

/** Baseline overrides: known bands, levels and moves; exits that add to at most 1. */
function checkBaseline(c: Checking): void {
  const { bands, levels, problems } = c;
  const b = c.study.baseline ?? {};
  checkMap(
    c,
    b.deathRate as Record<string, ParameterSpec>,
    "baseline.deathRate",
    bands,
    "age band",
    "probability",
  );
  checkMap(
    c,
    b.deathHazardRatio as Record<string, ParameterSpec>,
    "baseline.deathHazardRatio",
    levels,
    "complexity level",
    "nonNegative",
  );
  checkMap(
    c,
    b.netMigrationPer1000 as Record<string, ParameterSpec>,
    "baseline.netMigrationPer1000",
    bands,
    "age band",
    "any",
  );
  checkMap(
    c,
    b.deprivationGradient as Record<string, ParameterSpec>,
    "baseline.deprivationGradient",
    Object.keys(b.deprivationGradient ?? {}),
    "target",
    "nonNegative",
  );
  if (b.deprivationWorseningRatio !== undefined) {
    problems.push(
      ...checkParameter(
        b.deprivationWorseningRatio,
        "baseline.deprivationWorseningRatio",
        "nonNegative",
      ),
    );
  }
  if (b.mortalityMultiplier !== undefined) {
    problems.push(
      ...checkParameter(b.mortalityMultiplier, "baseline.mortalityMultiplier", "nonNegative"),
    );
  }
  if (b.entrantsPer1000 !== undefined) {
    problems.push(...checkParameter(b.entrantsPer1000, "baseline.entrantsPer1000", "nonNegative"));
  }
  checkMap(
    c,
    b.amenableShare?.nonElective as Record<string, ParameterSpec> | undefined,
    "baseline.amenableShare.nonElective",
    bands,
    "age band",
    "probability",
  );
  checkMap(
    c,
    b.amenableShare?.complexityRatio as Record<string, ParameterSpec> | undefined,
    "baseline.amenableShare.complexityRatio",
    levels,
    "complexity level",
    "nonNegative",
  );
  const moves = moveKeys(levels);
  for (const [band, map] of Object.entries(b.transitions ?? {})) {
    const at = joinPath("baseline.transitions", band);
    if (!bands.includes(band)) unknown(c, at, "age band", band, bands);
    checkMap(c, map as Record<string, ParameterSpec>, at, moves, "move", "probability");
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
  }
}

/** Health: utilities for known bands and levels, a norm for every band without a default. */
function checkHealth(c: Checking): void {
  const { bands, levels, problems } = c;
  const u = c.study.health?.utility ?? {};
  checkMap(c, u.norm, "health.utility.norm", bands, "age band", "probability");
  checkMap(
    c,
    u.complexityMultiplier,
    "health.utility.complexityMultiplier",
    levels,
    "complexity level",
    "nonNegative",
  );
  if (u.deprivationRatio !== undefined) {
    problems.push(
      ...checkParameter(u.deprivationRatio, "health.utility.deprivationRatio", "nonNegative"),
    );
  }
  for (const band of defaultNorms(bands).missing) {
    if (own(u.norm, band) !== undefined) continue;
    problems.push({
      at: joinPath("health.utility.norm", band),
      message:
        `no utility norm for age band ${band} (no default: the published norms cover ages 0 to 105)`,
      expected: "a utility between 0 and 1, e.g. England's norm for those ages",
    });
  }
}

/** Value: a curve grid of at most MAX_CURVE_POINTS thresholds. */
function checkValue(c: Checking): void {
  const v = c.study.value ?? {};
  const max = v.curveMax ?? STUDY_DEFAULTS.curveMax;
  const step = v.curveStep ?? STUDY_DEFAULTS.curveStep;
  if (max / step > MAX_CURVE_POINTS) {
    c.problems.push({
      at: v.curveStep !== undefined ? "value.curveStep" : "value.curveMax",
      message: "the curves' threshold grid has too many points",
      found: `${Math.floor(max / step) + 1} points (curveMax ${max}, curveStep ${step})`,
      expected: `at most ${MAX_CURVE_POINTS + 1} points: a larger curveStep or a smaller curveMax`,
    });
  }
}

/** Most steps of the acceptability and EVPI curves' threshold grid. */
export const MAX_CURVE_POINTS = 1000;

/** Interventions: unique ids, known targets, variants, parameters, start within the horizon. */
function checkInterventions(c: Checking): void {
  const { bands, levels, areaIds, problems } = c;
  const ivs = c.study.interventions ?? [];
  const ivIds = ivs.map((iv) => iv.id);
  const moves = moveKeys(levels);
  duplicates(c, ivIds, (i) => `interventions[${i}].id`, "intervention id");
  ivs.forEach((iv, i) => {
    const at = `interventions[${i}]`;
    const target = iv.target ?? {};
    target.ageBands?.forEach((x, j) =>
      bands.includes(x) || unknown(c, `${at}.target.ageBands[${j}]`, "age band", x, bands)
    );
    target.complexity?.forEach((x, j) =>
      levels.includes(x) ||
      unknown(c, `${at}.target.complexity[${j}]`, "complexity level", x, levels)
    );
    target.areas?.forEach((x, j) =>
      c.areaById.has(x) || unknown(c, `${at}.target.areas[${j}]`, "area", x, areaIds)
    );
    const inherited = ["uptake", "costPerParticipant", "fixedCostPerYear", "effects"] as const;
    if (iv.variantOf !== undefined) {
      const original = ivs.find((x) => x.id === iv.variantOf);
      if (!original) unknown(c, `${at}.variantOf`, "intervention", iv.variantOf, ivIds);
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
    problems.push(
      ...checkParameter(iv.costPerParticipant, `${at}.costPerParticipant`, "nonNegative"),
    );
    if (iv.fixedCostPerYear !== undefined) {
      problems.push(
        ...checkParameter(iv.fixedCostPerYear, `${at}.fixedCostPerYear`, "nonNegative"),
      );
    }
    const effectMoves = ["worsening", "improving", ...moves];
    for (const [k, e] of Object.entries(iv.effects.transitions ?? {})) {
      const path = joinPath(`${at}.effects.transitions`, k);
      if (!effectMoves.includes(k)) unknown(c, path, "move", k, effectMoves);
      checkEffect(c, e, path, false);
    }
    for (const [k, e] of Object.entries(iv.effects.activity ?? {})) {
      if (e !== undefined) {
        checkEffect(
          c,
          e,
          `${at}.effects.activity.${k}`,
          (AMENABLE_TARGETS as readonly string[]).includes(k),
        );
      }
    }
    if (iv.effects.death !== undefined) {
      checkEffect(c, iv.effects.death, `${at}.effects.death`, false);
    }
    if (iv.effects.utility !== undefined) {
      problems.push(...checkParameter(iv.effects.utility, `${at}.effects.utility`, "any"));
    }
  });
  const horizon = horizonOf(c.study);
  ivs.forEach((iv, i) => {
    if ((iv.startYear ?? STUDY_DEFAULTS.intervention.startYear) > horizon) {
      problems.push({
        at: `interventions[${i}].startYear`,
        message: "starts after the horizon",
        found: String(iv.startYear),
        expected: `at most ${horizon}`,
      });
    }
  });
}

/**
 * One effect: its relative risk, the share it applies to (a probability, or the amenable share
 * where the activity has one, never both), and modifiers for age bands, levels and quintiles
 * that exist.
 */
function checkEffect(c: Checking, effect: Effect, at: string, amenableAllowed: boolean): void {
  if (!isEffectSpec(effect)) {
    c.problems.push(...checkParameter(effect, at, "nonNegative"));
    return;
  }
  c.problems.push(...checkParameter(effect.rr, joinPath(at, "rr"), "nonNegative"));
  if (effect.appliesTo === "amenable" && !amenableAllowed) {
    c.problems.push({
      at: joinPath(at, "appliesTo"),
      message: "only non-elective admissions have an amenable share",
      found: '"amenable"',
      expected: '"all", or a "share"',
    });
  }
  if (effect.share !== undefined) {
    if (effect.appliesTo === "amenable") {
      c.problems.push({
        at: joinPath(at, "share"),
        message: "an effect on the amenable share takes its share from the baseline",
        expected: 'no "share" with "appliesTo": "amenable"',
      });
    }
    c.problems.push(...checkParameter(effect.share, joinPath(at, "share"), "probability"));
  }
  const m = effect.modifiers ?? {};
  const groups: [keyof typeof m, string[], string][] = [
    ["ageBand", c.bands, "age band"],
    ["complexity", c.levels, "complexity level"],
    ["quintile", ["1", "2", "3", "4", "5"], "quintile"],
  ];
  for (const [group, names, what] of groups) {
    checkMap(c, m[group], joinPath(joinPath(at, "modifiers"), group), names, what, "nonNegative");
  }
}

/** Scenarios: unique names, interventions that exist. */
function checkScenarios(c: Checking): void {
  const ivIds = (c.study.interventions ?? []).map((iv) => iv.id);
  const names = c.study.scenarios.map((s) => s.name);
  duplicates(c, names, (i) => `scenarios[${i}].name`, "scenario name");
  c.study.scenarios.forEach((sc, i) => {
    sc.interventions.forEach((id, j) =>
      ivIds.includes(id) ||
      unknown(c, `scenarios[${i}].interventions[${j}]`, "intervention", id, ivIds)
    );
  });
}

/** The scenario names an assertion may use: the study's, and the baseline added when it has none. */
function scenarioNames(study: Study): string[] {
  const names = study.scenarios.map((s) => s.name);
  return names.includes(BASELINE_NAME) || study.scenarios.some((s) => s.interventions.length === 0)
    ? names
    : [BASELINE_NAME, ...names];
}

/** Assertions: a scenario that exists, a condition, a year within the horizon. */
function checkAssertions(c: Checking): void {
  const allNames = scenarioNames(c.study);
  const horizon = horizonOf(c.study);
  (c.study.assertions ?? []).forEach((a, i) => {
    const at = `assertions[${i}]`;
    if (!allNames.includes(a.scenario)) {
      unknown(c, `${at}.scenario`, "scenario", a.scenario, allNames);
    }
    if (a.below === undefined && a.above === undefined && !a.notWidening) {
      c.problems.push({
        at,
        message: "the assertion has no condition",
        expected: "below, above or notWidening",
      });
    }
    if (a.measure === ICER_MEASURE) {
      const extra = (["above", "notWidening", "probability"] as const).filter((k) =>
        a[k] !== undefined
      );
      if (a.compare === "level") extra.push("compare" as never);
      for (const k of extra) {
        c.problems.push({
          at: `${at}.${k}`,
          message: "an ICER assertion takes only `below`: cost-effective at that £ per QALY",
          expected: 'no value here; for a probability use "nmb.<threshold>" with above 0',
        });
      }
      if (a.below === undefined && !extra.length) {
        c.problems.push({
          at,
          message: "an ICER assertion needs `below` (£ per QALY)",
          expected: "below",
        });
      }
    }
    if (a.year !== undefined && a.year > horizon) {
      c.problems.push({
        at: `${at}.year`,
        message: "after the horizon",
        found: String(a.year),
        expected: `at most ${horizon}`,
      });
    }
  });
}
