/**
 * The study file format, as a JSON Schema. This object is the single source of truth: the
 * validator (validate.ts) interprets it, `deno task schema` writes it to scenarios/schema.json
 * for editors, and a test checks that the file is current. The defaults it documents are
 * defaults.ts's.
 */
import {
  EFFECT_APPLIES_TO,
  EFFECT_TARGETS,
  SECTORS,
  TARGETING_RULES,
  UNCERTAINTY_MODES,
} from "../types.ts";
import { STUDY_DEFAULTS } from "./defaults.ts";
import { LOGIC_MODEL_FIELDS, SCHEMA_VERSION } from "./format.ts";
import { STUDY_CALIBRATION_SCHEMA } from "../calibration/format.ts";

// deno-lint-ignore no-explicit-any
export type Schema = Record<string, any>;

export const MAX_ITERATIONS = 100_000;
export const MAX_HORIZON_YEARS = 50;
export const MAX_STUDY_BYTES = 1_000_000;
export const MAX_CSV_BYTES = 5_000_000;
/** Longest name (study, scenario, intervention, area, assertion). */
export const MAX_NAME_LENGTH = 200;
/** Longest free text: descriptions, sources (citations), logic models, notes. */
export const MAX_TEXT_LENGTH = 5000;
/** Longest id or reference to one (areas, interventions, measures, paths). */
export const MAX_ID_LENGTH = 80;
/** Longest seed written as text; a numeric seed is a safe integer. */
export const MAX_SEED_LENGTH = 100;

const name = (extra: Schema = {}): Schema => ({
  type: "string",
  minLength: 1,
  maxLength: MAX_NAME_LENGTH,
  ...extra,
});
const text = (extra: Schema = {}): Schema => ({
  type: "string",
  maxLength: MAX_TEXT_LENGTH,
  ...extra,
});
const idRef = (extra: Schema = {}): Schema => ({
  type: "string",
  maxLength: MAX_ID_LENGTH,
  ...extra,
});

const numberField = (description: string, extra: Schema = {}): Schema => ({
  type: "number",
  description,
  ...extra,
});

const ref = (name: string, description?: string): Schema => ({
  $ref: `#/$defs/${name}`,
  ...(description ? { description } : {}),
});

const source = text({ description: "Where the figure comes from (citation)." });
const assumption = text({
  description:
    "What is assumed where no source gives the figure, and the sensitivity range it was given.",
});
const rationale = text({
  description:
    "Why this figure or choice was made (free text beside its source), e.g. why one source was preferred to another; shown in the report and the workbook.",
});

const distribution = (dist: string, props: Schema, required: string[], description: string) => ({
  type: "object",
  description,
  properties: { dist: { const: dist }, ...props, source, assumption, rationale },
  required: ["dist", ...required],
  additionalProperties: false,
});

export const LIFE_STAGES = ["early years", "school age", "working age", "older age"];

export const STUDY_SCHEMA: Schema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://careshift.example/scenarios/schema.json",
  title: "Careshift study",
  description:
    `A population, baseline assumptions, intervention scenarios and CI assertions. Version ${SCHEMA_VERSION} of the study format (older versions: scenarios/schema/).`,
  type: "object",
  properties: {
    $schema: text({ description: "Path or URL of this schema, for editors." }),
    schemaVersion: {
      const: SCHEMA_VERSION,
      description:
        `The version of the study format the file is written in. A file without it is version 1 and is upgraded when read (deno task sim upgrade STUDY --write upgrades the file itself); a version newer than ${SCHEMA_VERSION} is refused.`,
    },
    name: name({ description: "Study name." }),
    description: text(),
    population: ref("population"),
    areas: {
      type: "array",
      description: "Area hierarchy (system → place → neighbourhood). Default: one place.",
      items: ref("area"),
      minItems: 1,
      maxItems: 5000,
    },
    horizonYears: {
      type: "integer",
      minimum: 1,
      maximum: MAX_HORIZON_YEARS,
      default: STUDY_DEFAULTS.horizonYears,
    },
    cyclesPerYear: {
      enum: [1, 2, 4, 12],
      default: STUDY_DEFAULTS.cyclesPerYear,
      description: "Cycles per year.",
    },
    iterations: {
      type: "integer",
      minimum: 1,
      maximum: MAX_ITERATIONS,
      default: STUDY_DEFAULTS.iterations,
      description: `Monte Carlo iterations (at most ${MAX_ITERATIONS}).`,
    },
    seed: {
      anyOf: [
        { type: "integer", minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
        { type: "string", maxLength: MAX_SEED_LENGTH },
      ],
      default: STUDY_DEFAULTS.seed,
      description: `Master seed: a whole number, or text of at most ${MAX_SEED_LENGTH} characters.`,
    },
    discountRate: numberField("Annual discount rate.", {
      minimum: 0,
      maximum: 0.2,
      default: STUDY_DEFAULTS.discountRate,
    }),
    interval: {
      enum: [0.8, 0.9, 0.95],
      default: STUDY_DEFAULTS.interval,
      description: "Percentile interval coverage.",
    },
    uncertainty: {
      enum: [...UNCERTAINTY_MODES],
      default: STUDY_DEFAULTS.uncertainty,
      description:
        'What each Monte Carlo iteration draws: "parameters" (parameters drawn, every count at its expectation: for cost-effectiveness and value of information) or "parameters+counts" (counts drawn too: for budget risk, where the year-to-year noise of a finite population matters).',
    },
    baseline: ref("baseline"),
    calibration: STUDY_CALIBRATION_SCHEMA,
    health: ref("health"),
    value: ref("value"),
    interventions: { type: "array", items: ref("intervention"), maxItems: 50 },
    scenarios: { type: "array", items: ref("scenario"), minItems: 1, maxItems: 30 },
    assertions: { type: "array", items: ref("assertion"), maxItems: 200 },
  },
  required: ["schemaVersion", "name", "scenarios"],
  additionalProperties: false,
  $defs: {
    parameter: {
      description:
        "A number (fixed), a distribution {dist, …}, or an estimate {central, low, high, level, family} to fit.",
      oneOf: [
        { type: "number" },
        ref("estimate"),
        distribution("fixed", { value: { type: "number" } }, ["value"], "A fixed value."),
        distribution(
          "beta",
          {
            alpha: { type: "number", exclusiveMinimum: 0 },
            beta: { type: "number", exclusiveMinimum: 0 },
          },
          ["alpha", "beta"],
          "Beta(alpha, beta).",
        ),
        distribution(
          "lognormal",
          { meanlog: { type: "number" }, sdlog: { type: "number", minimum: 0 } },
          ["meanlog", "sdlog"],
          "Lognormal: log of the value is Normal(meanlog, sdlog).",
        ),
        distribution(
          "gamma",
          {
            shape: { type: "number", exclusiveMinimum: 0 },
            scale: { type: "number", exclusiveMinimum: 0 },
          },
          ["shape", "scale"],
          "Gamma(shape, scale).",
        ),
        distribution(
          "normal",
          {
            mean: { type: "number" },
            sd: { type: "number", exclusiveMinimum: 0 },
            min: { type: "number" },
            max: { type: "number" },
          },
          ["mean", "sd"],
          "Normal(mean, sd), truncated to [min, max] when given.",
        ),
        distribution(
          "triangular",
          { min: { type: "number" }, mode: { type: "number" }, max: { type: "number" } },
          ["min", "mode", "max"],
          "Triangular(min, mode, max).",
        ),
        distribution(
          "pert",
          { min: { type: "number" }, mode: { type: "number" }, max: { type: "number" } },
          ["min", "mode", "max"],
          "PERT(min, mode, max).",
        ),
        distribution(
          "uniform",
          { min: { type: "number" }, max: { type: "number" } },
          ["min", "max"],
          "Uniform(min, max).",
        ),
      ],
    },
    estimate: {
      type: "object",
      description: "A central value and an interval, fitted to a distribution of the given family.",
      properties: {
        central: { type: "number" },
        low: { type: "number" },
        high: { type: "number" },
        level: { enum: [0.8, 0.9, 0.95], default: STUDY_DEFAULTS.estimateLevel },
        family: { enum: ["beta", "lognormal", "gamma", "normal"] },
        source,
        assumption,
        rationale,
      },
      required: ["central", "low", "high", "family"],
      additionalProperties: false,
    },
    parameterMap: {
      type: "object",
      additionalProperties: ref("parameter"),
    },
    effect: {
      description:
        "A relative risk for participants (a parameter), or an object: the relative risk, what it applies to and its modifiers.",
      oneOf: [ref("effectSpec"), ref("parameter")],
    },
    effectSpec: {
      type: "object",
      description:
        "An effect written out. The enrolled share f of a state then multiplies the rate by 1 − f·a·(1 − RR·k): a the share it applies to, k the product of the state's modifiers.",
      properties: {
        rr: ref("parameter", "Relative risk for participants (1 = no effect)."),
        appliesTo: {
          enum: [...EFFECT_APPLIES_TO],
          default: STUDY_DEFAULTS.effectAppliesTo,
          description:
            '"amenable": only the ambulatory-care-sensitive share of the activity (baseline.amenableShare; non-elective admissions only).',
        },
        share: ref(
          "parameter",
          "The RR applies to this share of the activity or move only (e.g. fall-related admissions).",
        ),
        modifiers: {
          type: "object",
          description:
            "Ratios of relative risks (1 = unmodified), multiplied together in a state: RR × k_band × k_level × k_quintile (additive on the log RR scale, as studies report subgroup interactions).",
          properties: {
            ageBand: ref("parameterMap", "By age band."),
            complexity: ref("parameterMap", "By complexity level."),
            quintile: {
              type: "object",
              description: 'By deprivation quintile, "1" (most deprived) to "5".',
              properties: Object.fromEntries(
                ["1", "2", "3", "4", "5"].map((q) => [q, ref("parameter")]),
              ),
              additionalProperties: false,
            },
          },
          additionalProperties: false,
        },
        source,
        assumption,
        rationale,
      },
      required: ["rr"],
      additionalProperties: false,
    },
    population: {
      type: "object",
      description: "The segmentation table: the built-in example place or a CSV of the same shape.",
      properties: {
        source: { enum: ["example", "csv"] },
        path: idRef({
          minLength: 1,
          maxLength: 500,
          description: "CSV path, relative to the study file.",
        }),
        name: name(),
      },
      required: ["source"],
      additionalProperties: false,
    },
    area: {
      type: "object",
      properties: {
        id: idRef({ pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$" }),
        name: name(),
        level: { enum: ["system", "place", "neighbourhood"] },
        parent: idRef(),
        scale: numberField("Leaves: population as a share of the table.", {
          exclusiveMinimum: 0,
          maximum: 1000,
        }),
        deprivationShift: numberField("Leaves: added to each segment's average decile.", {
          minimum: -8,
          maximum: 8,
        }),
      },
      required: ["id", "name", "level"],
      additionalProperties: false,
    },
    baseline: {
      type: "object",
      description: "Overrides of the default baseline assumptions (docs/model.md).",
      properties: {
        deathRate: ref(
          "parameterMap",
          "Optional: annual death probability by age band (its year-0 average); scales the band's national age curve.",
        ),
        mortalityMultiplier: ref(
          "parameter",
          "Multiplier on the national death probabilities by age (ONS NPP qx+½ 2023–24).",
        ),
        deathHazardRatio: ref("parameterMap", "Death hazard ratio by complexity level."),
        transitions: {
          type: "object",
          description: 'Annual move probabilities by age band, keyed "from->to".',
          additionalProperties: ref("parameterMap"),
        },
        deprivationWorseningRatio: ref("parameter"),
        deprivationGradient: {
          type: "object",
          properties: Object.fromEntries(
            ["nonElective", "elective", "ae", "gp", "community", "socialCare"].map((
              k,
            ) => [k, ref("parameter")]),
          ),
          additionalProperties: false,
        },
        entrantsPer1000: ref("parameter"),
        netMigrationPer1000: ref("parameterMap"),
        improvingMoves: { enum: ["as-given", "balanced"] },
        amenableShare: {
          type: "object",
          description:
            "Ambulatory-care-sensitive (amenable) share of non-elective admissions, for effects on amenable activity only (docs/model.md section 4).",
          properties: {
            nonElective: ref("parameterMap", "By age band (the band's average share)."),
            complexityRatio: ref(
              "parameterMap",
              "By complexity level, relative (normalised so each band's admission-weighted average is its share).",
            ),
          },
          additionalProperties: false,
        },
        unitCost: {
          type: "object",
          properties: Object.fromEntries(
            ["nonElectiveReference", "electiveReference", "ae", "gp", "community"].map((k) => [
              k,
              { type: "number", exclusiveMinimum: 0, maximum: 1_000_000, description: "£ each." },
            ]),
          ),
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    health: {
      type: "object",
      description: "Health: the discount rate of health effects and utilities (docs/model.md).",
      properties: {
        discountRate: numberField("Annual discount rate of health effects (QALYs, life-years).", {
          minimum: 0,
          maximum: 0.2,
          default: STUDY_DEFAULTS.healthDiscountRate,
        }),
        utility: {
          type: "object",
          properties: {
            norm: ref(
              "parameterMap",
              "Mean utility (EQ-5D) by age band at year 0. Default: England's population norms.",
            ),
            complexityMultiplier: ref(
              "parameterMap",
              "Utility relative to the least complex level, by complexity level.",
            ),
            deprivationRatio: ref(
              "parameter",
              "Most / least deprived quintile ratio of utility within a band and level (default: none).",
            ),
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    value: {
      type: "object",
      description:
        "Value for money: thresholds, curves, EVPPI groups and the budget view's assumptions (docs/model.md).",
      properties: {
        thresholds: {
          type: "array",
          description:
            "£ per QALY at which net monetary benefit and P(cost-effective) are reported.",
          items: { type: "integer", minimum: 1, maximum: 10_000_000 },
          minItems: 1,
          maxItems: 10,
          uniqueItems: true,
          default: [...STUDY_DEFAULTS.thresholds],
        },
        curveMax: numberField("Highest £ per QALY of the acceptability and EVPI curves.", {
          exclusiveMinimum: 0,
          maximum: 10_000_000,
          default: STUDY_DEFAULTS.curveMax,
        }),
        curveStep: numberField("Step of the curves' £ per QALY grid.", {
          exclusiveMinimum: 0,
          maximum: 10_000_000,
          default: STUDY_DEFAULTS.curveStep,
        }),
        evppi: {
          type: "array",
          description:
            'Groups of parameters for EVPPI: a name and parameter keys or patterns ("*" any characters). Default: one group per kind of parameter.',
          maxItems: 20,
          items: {
            type: "object",
            properties: {
              name: name(),
              parameters: {
                type: "array",
                items: idRef({ maxLength: 200 }),
                minItems: 1,
                maxItems: 200,
              },
            },
            required: ["name", "parameters"],
            additionalProperties: false,
          },
        },
        cashReleasing: {
          type: "object",
          description:
            "Per activity and social care: true when a change releases cash, false when it frees capacity.",
          properties: Object.fromEntries(EFFECT_TARGETS.map((k) => [k, { type: "boolean" }])),
          additionalProperties: false,
        },
        sectorPayer: {
          type: "object",
          description: "Who pays for each sector's cost.",
          properties: Object.fromEntries(SECTORS.map((k) => [k, name()])),
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    intervention: {
      type: "object",
      properties: {
        id: idRef({ pattern: "^[A-Za-z0-9][A-Za-z0-9_-]*$", maxLength: 60 }),
        name: name(),
        description: text(),
        source: text({ description: "Citation for the effect sizes." }),
        rationale,
        payer: name({ description: "Who pays for it, e.g. ICB or Local authority." }),
        variantOf: {
          type: "string",
          maxLength: 60,
          description:
            "Id of an intervention whose uptake, costs and effects (and their random draws) this one shares; it may differ in target, capacity, targeting and timing.",
        },
        target: {
          type: "object",
          properties: {
            ageBands: { type: "array", items: idRef(), maxItems: 100 },
            complexity: { type: "array", items: idRef(), maxItems: 100 },
            quintiles: {
              type: "array",
              items: { type: "integer", minimum: 1, maximum: 5 },
              maxItems: 5,
            },
            areas: { type: "array", items: idRef(), maxItems: 5000 },
          },
          additionalProperties: false,
        },
        uptake: {
          description:
            "Share of eligible people who enrol: one parameter, or five (Q1 most deprived … Q5).",
          anyOf: [ref("parameter"), {
            type: "array",
            items: ref("parameter"),
            minItems: 5,
            maxItems: 5,
          }],
        },
        capacity: {
          type: ["integer", "null"],
          minimum: 0,
          maximum: 1_000_000_000,
          description: "Most people enrolled at once.",
        },
        targeting: { enum: [...TARGETING_RULES], default: STUDY_DEFAULTS.intervention.targeting },
        startYear: {
          type: "integer",
          minimum: 1,
          maximum: MAX_HORIZON_YEARS,
          default: STUDY_DEFAULTS.intervention.startYear,
        },
        rampUpYears: {
          type: "integer",
          minimum: 0,
          maximum: 20,
          default: STUDY_DEFAULTS.intervention.rampUpYears,
        },
        durationYears: {
          type: ["integer", "null"],
          minimum: 1,
          maximum: 100,
          default: STUDY_DEFAULTS.intervention.durationYears,
        },
        decayPerYear: numberField("Share of the effect lost each year after it stops.", {
          minimum: 0,
          maximum: 1,
          default: STUDY_DEFAULTS.intervention.decayPerYear,
        }),
        costPerParticipant: ref("parameter", "£ per participant per year."),
        fixedCostPerYear: ref("parameter", "£ per year while running."),
        effects: {
          type: "object",
          properties: {
            transitions: {
              type: "object",
              description: 'Effects on complexity moves: "worsening", "improving" or "from->to".',
              additionalProperties: ref("effect"),
            },
            death: ref("effect"),
            utility: ref(
              "parameter",
              "Change in utility per participant per year (QALYs per participant-year; positive is better).",
            ),
            activity: {
              type: "object",
              properties: Object.fromEntries(
                ["nonElective", "elective", "ae", "gp", "community", "socialCare"].map((k) => [
                  k,
                  ref("effect"),
                ]),
              ),
              additionalProperties: false,
            },
          },
          additionalProperties: false,
        },
      },
      required: ["id", "name"],
      additionalProperties: false,
    },
    logicModel: {
      type: "object",
      properties: Object.fromEntries(LOGIC_MODEL_FIELDS.map(([k]) => [k, text()])),
      required: LOGIC_MODEL_FIELDS.map(([k]) => k),
      additionalProperties: false,
    },
    scenario: {
      type: "object",
      properties: {
        name: name({ maxLength: 100 }),
        description: text(),
        interventions: { type: "array", items: idRef(), uniqueItems: true, maxItems: 50 },
        logicModel: ref("logicModel"),
        outcomes: {
          type: "array",
          description: "Outcome measures, each tagged with a life-course stage.",
          maxItems: 100,
          items: {
            type: "object",
            properties: {
              measure: idRef({ maxLength: 200 }),
              lifeStage: { enum: LIFE_STAGES },
              description: text(),
            },
            required: ["measure", "lifeStage"],
            additionalProperties: false,
          },
        },
      },
      required: ["name", "interventions"],
      additionalProperties: false,
    },
    assertion: {
      type: "object",
      description:
        "A condition checked by `sim check`: on the mean, or with a probability over iterations.",
      properties: {
        name: name(),
        scenario: name({ minLength: 0 }),
        measure: idRef({
          maxLength: 200,
          description: "A measure key, e.g. discounted.cost.total.",
        }),
        year: {
          type: "integer",
          minimum: 0,
          maximum: MAX_HORIZON_YEARS,
          description: "Year (default: the last).",
        },
        compare: { enum: ["difference", "level"], default: STUDY_DEFAULTS.assertionCompare },
        below: { type: "number" },
        above: { type: "number" },
        notWidening: {
          type: "boolean",
          description: "|scenario| ≤ |baseline| (inequality measures).",
        },
        probability: { type: "number", minimum: 0, maximum: 1 },
        reason: text({
          description:
            "Why the assertion says what it says: required in spirit whenever an assertion is changed (e.g. after a prior was widened to its source's interval), never by narrowing a prior.",
        }),
      },
      required: ["scenario", "measure"],
      additionalProperties: false,
    },
  },
};
