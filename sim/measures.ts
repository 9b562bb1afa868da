/**
 * Measures: what a scenario's record means, year by year. One table entry per measure — its
 * key, label, unit, whether a percentile interval is computed, its scope and period, and how it
 * is computed — from which come a study's catalogue (the keys and their order in results), the
 * deriver's steps (deriver.ts) and the `MeasureKey` type, so a misspelt key fails `deno check`.
 * See docs/model.md, "Outputs".
 */
import type { RecordLayout } from "./record.ts";
import { STUDY_DEFAULTS } from "./study/defaults.ts";
import {
  ACTIVITIES,
  type Activity,
  ACTIVITY_LABELS,
  QUINTILE_COUNT,
  QUINTILES,
  SECTOR_LABELS,
  SECTORS,
} from "./types.ts";

export type Unit =
  | "people"
  | "count"
  | "£"
  | "per 1,000"
  | "£ per person"
  | "ratio"
  | "£ per £"
  | "share"
  | "life-years"
  | "QALYs"
  | "QALYs per person"
  | "£ per QALY";

/** How a measure is computed. */
export type Computation =
  /** The sum of record fields, year by year: (offset, length) ranges within a year's block. */
  | { kind: "sum"; ranges: (r: RecordLayout) => number[] }
  /** scale × field ÷ denominator field (0 where the denominator is 0). */
  | {
    kind: "ratio";
    of: (r: RecordLayout) => number;
    per: (r: RecordLayout) => number;
    scale: number;
  }
  /**
   * Running total over years 1..y of the sum of the ranges, discounted or not (at the health
   * discount rate when `health`), divided by the year-0 value of the field `perStart` if given.
   */
  | {
    kind: "cumulate";
    ranges: (r: RecordLayout) => number[];
    discounted: boolean;
    health?: boolean;
    perStart?: (r: RecordLayout) => number;
  }
  /**
   * Atkinson equally distributed equivalent (ε = `epsilon`) of discounted QALYs over years 1..y
   * per year-0 person, over quintiles weighted by their year-0 population (docs/model.md,
   * "Health inequality").
   */
  | { kind: "ede"; epsilon: number }
  /**
   * An inequality statistic of scale × quintile field ÷ quintile population, the quintile fields
   * starting at `of` (docs/model.md, "Inequality").
   */
  | {
    kind: "inequality";
    statistic: InequalityStatistic;
    of: (r: RecordLayout) => number;
    scale: number;
  }
  /**
   * Return on investment in one iteration: −(change in `saving`) ÷ the scenario's `spent`
   * (`returnOnInvestment`); needs the baseline, so it is a difference only.
   */
  | { kind: "roi"; saving: string; spent: string }
  /**
   * Net monetary benefit in one iteration at `threshold` £ per QALY: threshold × change in
   * `qalys` − change in `cost` (`netMonetaryBenefit`); a difference only.
   */
  | { kind: "nmb"; threshold: number; qalys: string; cost: string }
  /**
   * Mean change in `part` over mean change in `whole` (a ratio of means over iterations, no
   * interval); `cumulative` sums both means over years 1..y first.
   */
  | { kind: "shareOfMeans"; part: string; whole: string; cumulative: boolean };

export const INEQUALITY_STATISTICS = ["gapAbs", "gapRel", "sii", "rii"] as const;
export type InequalityStatistic = typeof INEQUALITY_STATISTICS[number];

/**
 * "scenario": reported for every scenario (absolute) and as a difference from the baseline;
 * "difference": only as a difference (it needs the baseline).
 */
export type Scope = "scenario" | "difference";

/** "year": the year's value; "cumulative": summed over years 1..y; "discounted": the same, discounted. */
export type Period = "year" | "cumulative" | "discounted";

export interface Measure<K extends string = string, S extends Scope = Scope> {
  key: K;
  label: string;
  /** The label of a change against the baseline, when it has its own name (net cost). */
  differenceLabel?: string;
  unit: Unit;
  /** Whether percentiles are worth computing (the rest get mean, sd and MCSE only). */
  interval: boolean;
  scope: S;
  period: Period;
  compute: Computation;
}

/** What a study's catalogue depends on: its interventions, complexity levels and thresholds. */
export interface MeasureShape {
  interventions: { id: string; name: string }[];
  levels: string[];
  /** £ per QALY thresholds of the net monetary benefit measures (default £20,000 and £30,000). */
  thresholds?: number[];
}

const measure = <K extends string>(
  key: K,
  label: string,
  unit: Unit,
  compute: Computation,
  more: { interval?: boolean; period?: Period; differenceLabel?: string } = {},
): Measure<K, "scenario"> => ({
  key,
  label,
  unit,
  interval: more.interval ?? true,
  scope: "scenario",
  period: more.period ?? "year",
  compute,
  ...(more.differenceLabel ? { differenceLabel: more.differenceLabel } : {}),
});

const difference = <K extends string>(
  key: K,
  label: string,
  unit: Unit,
  compute: Computation,
  more: { interval?: boolean; period?: Period } = {},
): Measure<K, "difference"> => ({
  key,
  label,
  unit,
  interval: more.interval ?? true,
  scope: "difference",
  period: more.period ?? "year",
  compute,
});

const field = (at: (r: RecordLayout) => number): Computation => ({
  kind: "sum",
  ranges: (r) => [at(r), 1],
});
const ratio = (
  of: (r: RecordLayout) => number,
  per: (r: RecordLayout) => number,
  scale: number,
): Computation => ({ kind: "ratio", of, per, scale });
const cumulate = (ranges: (r: RecordLayout) => number[], discounted: boolean): Computation => ({
  kind: "cumulate",
  ranges,
  discounted,
});
/** Life-years and QALYs: cumulated like costs, discounted at the health discount rate. */
const cumulateHealth = (
  ranges: (r: RecordLayout) => number[],
  discounted: boolean,
  perStart?: (r: RecordLayout) => number,
): Computation => ({
  kind: "cumulate",
  ranges,
  discounted,
  health: true,
  ...(perStart ? { perStart } : {}),
});

/**
 * Thresholds as labels write them: one en-GB formatter, made on first use (toLocaleString builds
 * one per call, about 30 µs; making the first loads locale data, so not at module load).
 */
let pounds: Intl.NumberFormat | undefined;
const formatPounds = (k: number) => (pounds ??= new Intl.NumberFormat("en-GB")).format(k);

/** Atkinson inequality aversions reported (Robson et al. 2017: median 10.95 in England). */
export const EDE_EPSILONS = [0, 1, 3, 10.95] as const;
/** The key of an EDE measure: ede.eps0, ede.eps1, ede.eps3, ede.eps10.95. */
export const edeKey = (epsilon: number) => `ede.eps${epsilon}` as const;

/** "Non-elective admissions" → "non-elective admissions"; "A&E attendances" stays. */
function lowerFirst(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label;
}

const INEQUALITY_LABELS: Record<InequalityStatistic, (of: string) => string> = {
  gapAbs: (of) => `Gap Q1 − Q5, ${of}`,
  gapRel: (of) => `Ratio Q1 / Q5, ${of}`,
  sii: (of) => `SII, ${of}`,
  rii: (of) => `RII, ${of}`,
};

/** The four inequality measures of one quantity by quintile. */
function inequalities<T extends string>(
  target: T,
  of: (r: RecordLayout) => number,
  scale: number,
  what: string,
  unit: Unit,
) {
  return INEQUALITY_STATISTICS.map((statistic) =>
    measure(
      `${statistic}.${target}`,
      INEQUALITY_LABELS[statistic](what),
      statistic === "gapRel" || statistic === "rii" ? "ratio" : unit,
      { kind: "inequality", statistic, of, scale },
    )
  );
}

const COST_TOTALS = ["service", "intervention", "total"] as const;
const COST_TOTAL_LABELS = {
  service: "Service cost",
  intervention: "Intervention cost",
  total: "Total cost",
} as const;

/** Field ranges of service cost (every sector), intervention cost (every intervention), total. */
const costRanges = {
  service: (r: RecordLayout) => [r.cost, SECTORS.length],
  intervention: (r: RecordLayout) => [r.interventionCost, r.interventions],
  total: (r: RecordLayout) => [r.cost, SECTORS.length, r.interventionCost, r.interventions],
};

/**
 * Every measure of a study, in the order results list them. Record measures (derived from one
 * scenario's record) come first, then measures of a difference from the baseline.
 */
export function measureTable(shape: MeasureShape) {
  const { interventions, levels } = shape;
  const thresholds = shape.thresholds ?? STUDY_DEFAULTS.thresholds;
  const sectorCost = (s: typeof SECTORS[number]) => `${SECTOR_LABELS[s]} cost`;
  return [
    measure("population", "Population", "people", field((r) => r.population)),
    measure("deaths", "Deaths", "people", field((r) => r.deaths)),
    measure("entrants", "New registrations", "people", field((r) => r.entrants)),
    measure("migration", "Net migration", "people", field((r) => r.migration)),
    measure("participants", "People enrolled (mean caseload)", "people", {
      kind: "sum",
      ranges: (r) => [r.participants, r.interventions],
    }),
    ...ACTIVITIES.map((a, k) =>
      measure(`activity.${a}`, ACTIVITY_LABELS[a], "count", field((r) => r.activity + k))
    ),
    ...SECTORS.map((s, k) => measure(`cost.${s}`, sectorCost(s), "£", field((r) => r.cost + k))),
    ...COST_TOTALS.map((t) =>
      measure(`cost.${t}`, COST_TOTAL_LABELS[t], "£", { kind: "sum", ranges: costRanges[t] }, {
        differenceLabel: t === "total" ? "Net cost" : undefined,
      })
    ),
    ...interventions.flatMap((iv, i) => [
      measure(`intervention.${iv.id}.cost`, `${iv.name}: cost`, "£", {
        kind: "sum",
        ranges: (r) => [r.interventionCost + i, 1],
      }),
      measure(
        `intervention.${iv.id}.participants`,
        `${iv.name}: people enrolled`,
        "people",
        field((r) => r.participants + i),
      ),
    ]),
    ...QUINTILES.map((q) =>
      measure(
        `population.q${q}`,
        `Population in Q${q}`,
        "people",
        field((r) => r.quintilePopulation + q - 1),
        { interval: false },
      )
    ),
    ...levels.map((level, c) =>
      measure(
        `population.complexity.${level}`,
        `Population at ${level} complexity`,
        "people",
        field((r) => r.complexityPopulation + c),
      )
    ),
    ...ACTIVITIES.flatMap((a, k) => {
      const quintiles = (r: RecordLayout) => r.quintileActivity + k * QUINTILE_COUNT;
      const what = lowerFirst(ACTIVITY_LABELS[a]);
      return [
        measure(
          `rate.${a}`,
          `${ACTIVITY_LABELS[a]} per 1,000`,
          "per 1,000",
          ratio((r) => r.activity + k, (r) => r.population, 1000),
        ),
        ...QUINTILES.map((q) =>
          measure(
            `rate.${a}.q${q}`,
            `${ACTIVITY_LABELS[a]} per 1,000 in Q${q}`,
            "per 1,000",
            ratio((r) => quintiles(r) + q - 1, (r) => r.quintilePopulation + q - 1, 1000),
          )
        ),
        ...QUINTILES.map((q) =>
          measure(
            `activity.${a}.q${q}`,
            `${ACTIVITY_LABELS[a]} in Q${q}`,
            "count",
            field((r) => quintiles(r) + q - 1),
            { interval: false },
          )
        ),
        ...inequalities(a as Activity, quintiles, 1000, what, "per 1,000"),
      ];
    }),
    ...QUINTILES.map((q) =>
      measure(
        `costPerPerson.q${q}`,
        `Service cost per person in Q${q}`,
        "£ per person",
        ratio((r) => r.quintileCost + q - 1, (r) => r.quintilePopulation + q - 1, 1),
      )
    ),
    ...QUINTILES.map((q) =>
      measure(
        `cost.service.q${q}`,
        `Service cost in Q${q}`,
        "£",
        field((r) => r.quintileCost + q - 1),
        { interval: false },
      )
    ),
    ...inequalities(
      "costPerPerson",
      (r) => r.quintileCost,
      1,
      "service cost per person",
      "£ per person",
    ),
    ...(["cumulative", "discounted"] as const).flatMap((period) => {
      const discounted = period === "discounted";
      return [
        ...SECTORS.map((s, k) =>
          measure(
            `${period}.cost.${s}`,
            sectorCost(s),
            "£",
            cumulate((r) => [r.cost + k, 1], discounted),
            { period },
          )
        ),
        ...COST_TOTALS.map((t) =>
          measure(
            `${period}.cost.${t}`,
            COST_TOTAL_LABELS[t],
            "£",
            cumulate(costRanges[t], discounted),
            { period, differenceLabel: t === "total" ? "Net cost" : undefined },
          )
        ),
      ];
    }),
    ...interventions.map((iv, i) =>
      measure(
        `discounted.intervention.${iv.id}.cost`,
        `${iv.name}: cost`,
        "£",
        cumulate((r) => [r.interventionCost + i, 1], true),
        { period: "discounted" },
      )
    ),
    ...ACTIVITIES.map((a, k) =>
      measure(
        `cumulative.activity.${a}`,
        ACTIVITY_LABELS[a],
        "count",
        cumulate((r) => [r.activity + k, 1], false),
        { period: "cumulative" },
      )
    ),
    measure("cumulative.deaths", "Deaths", "people", cumulate((r) => [r.deaths, 1], false), {
      period: "cumulative",
    }),
    ...levels.flatMap((from, i) =>
      [...levels, "death"].map((to, j) =>
        measure(
          `flow.${from}.${to}`,
          to === "death" ? `Deaths at ${from} complexity` : `Moves from ${from} to ${to}`,
          "people",
          field((r) => r.flows + i * (levels.length + 1) + j),
          { interval: false },
        )
      )
    ),
    ...healthMeasures(),
    difference(
      "roi",
      "Return on investment (net saving per £ of intervention cost, discounted)",
      "£ per £",
      { kind: "roi", saving: "discounted.cost.total", spent: "discounted.cost.intervention" },
      { period: "discounted" },
    ),
    ...([false, true] as const).flatMap((cumulative) => {
      const prefix = cumulative ? "shareQ1.cumulative" : "shareQ1";
      const when = cumulative ? "over years 1 to y" : "in the year";
      return [
        ...ACTIVITIES.map((a) =>
          difference(
            `${prefix}.activity.${a}`,
            `Share of the change in ${lowerFirst(ACTIVITY_LABELS[a])} ${when} in Q1`,
            "share",
            { kind: "shareOfMeans", part: `activity.${a}.q1`, whole: `activity.${a}`, cumulative },
            { interval: false, period: cumulative ? "cumulative" : "year" },
          )
        ),
        difference(
          `${prefix}.cost.service`,
          `Share of the change in service cost ${when} in Q1`,
          "share",
          { kind: "shareOfMeans", part: "cost.service.q1", whole: "cost.service", cumulative },
          { interval: false, period: cumulative ? "cumulative" : "year" },
        ),
        difference(
          `${prefix}.qalys`,
          `Share of the change in QALYs ${when} in Q1`,
          "share",
          { kind: "shareOfMeans", part: "qalys.q1", whole: "qalys", cumulative },
          { interval: false, period: cumulative ? "cumulative" : "year" },
        ),
      ];
    }),
    ...thresholds.map((k) =>
      difference(
        `nmb.${k}` as `nmb.${number}`,
        `Net monetary benefit at £${formatPounds(k)} per QALY (discounted)`,
        "£",
        { kind: "nmb", threshold: k, qalys: "discounted.qalys", cost: "discounted.cost.total" },
        { period: "discounted" },
      )
    ),
  ];
}

/**
 * Health: life-years and QALYs per year, by quintile, cumulative and discounted (at the health
 * discount rate), QALYs per person by quintile with their inequality, and the Atkinson equally
 * distributed equivalents (docs/model.md, "Health: life-years and QALYs", "Health inequality").
 */
function healthMeasures() {
  const perPersonUnit: Unit = "QALYs per person";
  return [
    measure("lifeYears", "Life-years lived", "life-years", field((r) => r.lifeYears)),
    measure("qalys", "QALYs", "QALYs", field((r) => r.qalys)),
    ...QUINTILES.map((q) =>
      measure(
        `lifeYears.q${q}`,
        `Life-years lived in Q${q}`,
        "life-years",
        field((r) => r.quintileLifeYears + q - 1),
        { interval: false },
      )
    ),
    ...QUINTILES.map((q) =>
      measure(
        `qalys.q${q}`,
        `QALYs in Q${q}`,
        "QALYs",
        field((r) => r.quintileQalys + q - 1),
        { interval: false },
      )
    ),
    ...QUINTILES.map((q) =>
      measure(
        `qalysPerPerson.q${q}`,
        `QALYs per person in Q${q} (the year's)`,
        perPersonUnit,
        ratio((r) => r.quintileQalys + q - 1, (r) => r.quintilePopulation + q - 1, 1),
      )
    ),
    ...inequalities(
      "qalysPerPerson",
      (r) => r.quintileQalys,
      1,
      "QALYs per person",
      perPersonUnit,
    ),
    ...(["cumulative", "discounted"] as const).flatMap((period) => {
      const discounted = period === "discounted";
      return [
        measure(
          `${period}.lifeYears`,
          "Life-years lived",
          "life-years",
          cumulateHealth((r) => [r.lifeYears, 1], discounted),
          { period },
        ),
        measure(
          `${period}.qalys`,
          "QALYs",
          "QALYs",
          cumulateHealth((r) => [r.qalys, 1], discounted),
          { period },
        ),
      ];
    }),
    ...QUINTILES.map((q) =>
      measure(
        `discounted.qalysPerPerson.q${q}`,
        `QALYs per year-0 person in Q${q} over years 1 to y`,
        perPersonUnit,
        cumulateHealth(
          (r) => [r.quintileQalys + q - 1, 1],
          true,
          (r) => r.quintilePopulation + q - 1,
        ),
        { period: "discounted" },
      )
    ),
    ...EDE_EPSILONS.map((epsilon) =>
      measure(
        edeKey(epsilon),
        `Equally distributed equivalent QALYs per person (Atkinson ε = ${epsilon})`,
        perPersonUnit,
        { kind: "ede", epsilon },
        { period: "discounted" },
      )
    ),
    ...ACTIVITIES.map((a, k) =>
      measure(
        `cost.activity.${a}`,
        `Cost of ${lowerFirst(ACTIVITY_LABELS[a])}`,
        "£",
        field((r) => r.activityCost + k),
        { interval: false },
      )
    ),
  ];
}

type TableEntry = ReturnType<typeof measureTable>[number];
/** Every measure key. */
export type MeasureKey = TableEntry["key"];
/** Keys of measures reported for every scenario (not only as a difference). */
export type ScenarioMeasureKey = Extract<TableEntry, { scope: "scenario" }>["key"];

/**
 * The outcomes split by intervention (Shapley), at the horizon: cumulative, discounted where
 * money or QALYs.
 */
export const DECOMPOSED_MEASURES = [
  "discounted.cost.total",
  "discounted.cost.service",
  "discounted.cost.intervention",
  "discounted.cost.acuteElective",
  "discounted.cost.acuteNonElective",
  "discounted.cost.mhCommunity",
  "discounted.cost.socialCare",
  "discounted.cost.generalPractice",
  "cumulative.activity.nonElective",
  "cumulative.activity.elective",
  "cumulative.activity.ae",
  "cumulative.activity.gp",
  "cumulative.activity.community",
  "cumulative.deaths",
  "sii.nonElective",
  "gapAbs.nonElective",
  "discounted.qalys",
] as const satisfies readonly MeasureKey[];
export type DecomposedMeasure = typeof DECOMPOSED_MEASURES[number];

/** A study's measures: the table in order, and where each one's values are. */
export interface MeasureCatalogue {
  measures: Measure<MeasureKey>[];
  keys: MeasureKey[];
  index: Map<string, number>;
  years: number;
  /** The first `recordCount` measures are derived from one scenario's record. */
  recordCount: number;
  /**
   * The first `iterationCount` measures have a value in every iteration: the record measures,
   * then differences computed per iteration (ROI). The rest are ratios of means.
   */
  iterationCount: number;
}

const perIteration = (m: Measure) => m.compute.kind !== "shareOfMeans";
const fromRecord = (m: Measure) =>
  perIteration(m) && m.compute.kind !== "roi" && m.compute.kind !== "nmb";

/** The catalogue of a study with `years` years (0..H). */
export function measureCatalogue(shape: MeasureShape, years: number): MeasureCatalogue {
  const table: Measure<MeasureKey>[] = measureTable(shape);
  // Record measures, then per-iteration differences, then ratios of means (a stable order).
  const record: Measure<MeasureKey>[] = [];
  const difference: Measure<MeasureKey>[] = [];
  const ofMeans: Measure<MeasureKey>[] = [];
  for (const m of table) {
    (fromRecord(m) ? record : perIteration(m) ? difference : ofMeans).push(m);
  }
  const measures = record.concat(difference, ofMeans);
  const index = new Map<string, number>();
  for (let i = 0; i < measures.length; i++) index.set(measures[i].key, i);
  if (index.size !== measures.length) throw new Error("two measures share a key");
  for (const m of measures) {
    const c = m.compute;
    const refs = c.kind === "roi"
      ? [c.saving, c.spent]
      : c.kind === "nmb"
      ? [c.qalys, c.cost]
      : c.kind === "shareOfMeans"
      ? [c.part, c.whole]
      : [];
    for (const ref of refs) {
      if (!index.has(ref)) throw new Error(`measure ${m.key} refers to unknown ${ref}`);
    }
  }
  return {
    measures,
    keys: measures.map((m) => m.key),
    index,
    years,
    recordCount: record.length,
    iterationCount: record.length + difference.length,
  };
}

/**
 * Return on investment: the net saving per £ spent, −change ÷ spent (0 when nothing is spent):
 * 0 means it pays for itself, −1 that it saves nothing.
 */
export function returnOnInvestment(change: number, spent: number): number {
  return spent > 0 ? -change / spent : 0;
}

/**
 * What an assertion names for a scenario's ICER against the baseline (not a measure: a ratio of
 * mean costs and QALYs; sim/assertions.ts).
 */
export const ICER_MEASURE = "icer";

/** Net monetary benefit at threshold k (£ per QALY): k × ΔQALYs − Δcost (positive: good value). */
export function netMonetaryBenefit(threshold: number, changeQalys: number, changeCost: number) {
  return threshold * changeQalys - changeCost;
}

/** Measures whose keys do not depend on the study, for labels and units. */
const STUDY_INDEPENDENT: Map<string, Measure> = new Map(
  measureTable({ interventions: [], levels: [] }).map((m) => [m.key, m]),
);

/** A measure that every study has (not per intervention or per complexity level). */
export function commonMeasure(key: MeasureKey): Measure | undefined {
  return STUDY_INDEPENDENT.get(key);
}
