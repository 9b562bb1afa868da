/**
 * Derived measures: what a record means, year by year, for one scenario in one iteration.
 * Each measure is a named series over years 0..H; `deriveMeasures` fills them all from a raw
 * record so that the Monte Carlo summary and expected-value mode read exactly the same numbers.
 */
import { siiRegression } from "./inequality.ts";
import type { RecordLayout } from "./record.ts";
import { ACTIVITIES, type InterventionSpec, QUINTILE_COUNT, SECTORS } from "./types.ts";

export interface MeasureCatalogue {
  keys: string[];
  index: Map<string, number>;
  /** Measures whose percentiles are worth computing (the rest get mean, sd and MCSE only). */
  withInterval: Uint8Array;
  years: number;
}

const q = (k: number) => `q${k + 1}`;

/** The list of measure keys for a study (see docs/model.md, "Outputs"). */
export function measureCatalogue(
  record: RecordLayout,
  interventions: InterventionSpec[],
  levels: string[],
): MeasureCatalogue {
  const keys: string[] = [];
  const interval: boolean[] = [];
  const add = (key: string, withInterval = true) => {
    keys.push(key);
    interval.push(withInterval);
  };
  for (const k of ["population", "deaths", "entrants", "migration", "participants"]) add(k);
  for (const a of ACTIVITIES) add(`activity.${a}`);
  for (const s of SECTORS) add(`cost.${s}`);
  for (const k of ["service", "intervention", "total"]) add(`cost.${k}`);
  for (const iv of interventions) {
    add(`intervention.${iv.id}.cost`);
    add(`intervention.${iv.id}.participants`);
  }
  for (let k = 0; k < QUINTILE_COUNT; k++) add(`population.${q(k)}`, false);
  for (const a of ACTIVITIES) {
    add(`rate.${a}`);
    for (let k = 0; k < QUINTILE_COUNT; k++) add(`rate.${a}.${q(k)}`);
    for (let k = 0; k < QUINTILE_COUNT; k++) add(`activity.${a}.${q(k)}`, false);
    for (const m of ["gapAbs", "gapRel", "sii", "rii"]) add(`${m}.${a}`);
  }
  for (let k = 0; k < QUINTILE_COUNT; k++) add(`costPerPerson.${q(k)}`);
  for (let k = 0; k < QUINTILE_COUNT; k++) add(`cost.service.${q(k)}`, false);
  for (const m of ["gapAbs", "gapRel", "sii", "rii"]) add(`${m}.costPerPerson`);
  for (const prefix of ["cumulative", "discounted"]) {
    for (const s of [...SECTORS, "service", "intervention", "total"]) add(`${prefix}.cost.${s}`);
  }
  for (const a of ACTIVITIES) add(`cumulative.activity.${a}`);
  add("cumulative.deaths");
  for (const from of levels) {
    for (const to of [...levels, "death"]) add(`flow.${from}.${to}`, false);
  }
  return {
    keys,
    index: new Map(keys.map((k, i) => [k, i])),
    withInterval: Uint8Array.from(interval, (x) => (x ? 1 : 0)),
    years: record.years,
  };
}

/** Discount factor of year y: 1 in years 0 and 1, then 1/(1+r)^(y−1). */
export function discountFactor(rate: number, year: number): number {
  return year <= 1 ? 1 : Math.pow(1 + rate, -(year - 1));
}

/**
 * Σ of the field ranges (offset, length pairs) in the year block at `o`; each range is summed on
 * its own and then added, so a two-range total equals the sum of its parts' sums exactly.
 */
function sumRanges(raw: Float64Array, o: number, ranges: Int32Array): number {
  if (ranges.length === 2 && ranges[1] === 1) return raw[o + ranges[0]];
  let total = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    const at = o + ranges[r];
    let part = 0;
    for (let i = 0; i < ranges[r + 1]; i++) part += raw[at + i];
    total += part;
  }
  return total;
}

const enum StepKind {
  /** The sum of the ranges, year by year (a single one-field range is a plain copy). */
  Sum,
  /** scale × numerator ÷ denominator (0 where the denominator is 0). */
  Ratio,
  /** Running total over years 1..y of the sum of the ranges, discounted or not. */
  Cumulate,
  /** Absolute gap, relative gap, SII and RII of scale × quintile field ÷ quintile population. */
  Inequality,
}

/** One step of a deriver; every step has the same shape so the loop that runs them stays fast. */
interface Step {
  kind: StepKind;
  /** Field ranges as (offset, length) pairs within a year's block. */
  ranges: Int32Array;
  /** Ratio: the denominator's offset. */
  denominator: number;
  scale: number;
  discounted: boolean;
}

/**
 * A deriver: fills `out` (measures × years, measure-major) from one raw record. Cumulative
 * measures add years 1..y (year 0, the calibration year, is not part of any projection total).
 * The steps are plain data built once, so deriving allocates nothing per record.
 */
export function makeDeriver(
  cat: MeasureCatalogue,
  rec: RecordLayout,
  interventions: InterventionSpec[],
  discountRate: number,
): (record: Float64Array, out: Float64Array) => void {
  const Y = rec.years;
  const stride = rec.stride;
  const steps: Step[] = [];
  const step = (kind: StepKind, ranges: number[], extra: Partial<Step> = {}) =>
    steps.push({
      kind,
      ranges: Int32Array.from(ranges),
      denominator: extra.denominator ?? 0,
      scale: extra.scale ?? 1,
      discounted: extra.discounted ?? false,
    });
  const copy = (at: number) => step(StepKind.Sum, [at, 1]);
  const sum = (...ranges: number[]) => step(StepKind.Sum, ranges);
  const ratio = (at: number, denominator: number, scale: number) =>
    step(StepKind.Ratio, [at, 1], { denominator, scale });
  const cumulate = (ranges: number[], discounted: boolean) =>
    step(StepKind.Cumulate, ranges, { discounted });
  const service = [rec.cost, SECTORS.length];
  const interventionCost = [rec.interventionCost, rec.interventions];

  copy(rec.population);
  copy(rec.deaths);
  copy(rec.entrants);
  copy(rec.migration);
  sum(rec.participants, rec.interventions);
  ACTIVITIES.forEach((_, a) => copy(rec.activity + a));
  SECTORS.forEach((_, s) => copy(rec.cost + s));
  sum(...service);
  sum(...interventionCost);
  sum(...service, ...interventionCost);
  interventions.forEach((_, i) => {
    copy(rec.interventionCost + i);
    copy(rec.participants + i);
  });
  for (let k = 0; k < QUINTILE_COUNT; k++) copy(rec.quintilePopulation + k);
  ACTIVITIES.forEach((_, a) => {
    const qa = rec.quintileActivity + a * QUINTILE_COUNT;
    ratio(rec.activity + a, rec.population, 1000);
    for (let k = 0; k < QUINTILE_COUNT; k++) ratio(qa + k, rec.quintilePopulation + k, 1000);
    for (let k = 0; k < QUINTILE_COUNT; k++) copy(qa + k);
    step(StepKind.Inequality, [qa, QUINTILE_COUNT], { scale: 1000 });
  });
  for (let k = 0; k < QUINTILE_COUNT; k++) {
    ratio(rec.quintileCost + k, rec.quintilePopulation + k, 1);
  }
  for (let k = 0; k < QUINTILE_COUNT; k++) copy(rec.quintileCost + k);
  step(StepKind.Inequality, [rec.quintileCost, QUINTILE_COUNT], { scale: 1 });
  for (const discounted of [false, true]) {
    SECTORS.forEach((_, s) => cumulate([rec.cost + s, 1], discounted));
    cumulate(service, discounted);
    cumulate(interventionCost, discounted);
    cumulate([...service, ...interventionCost], discounted);
  }
  ACTIVITIES.forEach((_, a) => cumulate([rec.activity + a, 1], false));
  cumulate([rec.deaths, 1], false);
  for (let f = 0; f < rec.levels * (rec.levels + 1); f++) copy(rec.flows + f);
  const width = steps.reduce((m, s) => m + (s.kind === StepKind.Inequality ? 4 : 1), 0);
  if (width !== cat.keys.length) {
    throw new Error(`measure count ${width} ≠ catalogue ${cat.keys.length}`);
  }

  const factors = Float64Array.from({ length: Y }, (_, y) => discountFactor(discountRate, y));
  const shares = new Float64Array(QUINTILE_COUNT);
  const values = new Float64Array(QUINTILE_COUNT);
  const perPerson = (count: number, pop: number) => (pop > 0 ? count / pop : 0);

  return (raw: Float64Array, out: Float64Array) => {
    let base = 0;
    for (let j = 0; j < steps.length; j++) {
      const st = steps[j];
      switch (st.kind) {
        case StepKind.Sum:
          for (let y = 0; y < Y; y++) out[base + y] = sumRanges(raw, y * stride, st.ranges);
          base += Y;
          break;
        case StepKind.Ratio: {
          const at = st.ranges[0];
          for (let y = 0; y < Y; y++) {
            const o = y * stride;
            out[base + y] = st.scale * perPerson(raw[o + at], raw[o + st.denominator]);
          }
          base += Y;
          break;
        }
        case StepKind.Cumulate: {
          let total = 0;
          for (let y = 0; y < Y; y++) {
            if (y >= 1) {
              total += sumRanges(raw, y * stride, st.ranges) * (st.discounted ? factors[y] : 1);
            }
            out[base + y] = total;
          }
          base += Y;
          break;
        }
        case StepKind.Inequality: {
          const at = st.ranges[0];
          for (let y = 0; y < Y; y++) {
            const o = y * stride;
            for (let k = 0; k < QUINTILE_COUNT; k++) {
              shares[k] = raw[o + rec.quintilePopulation + k];
              values[k] = st.scale * perPerson(raw[o + at + k], shares[k]);
            }
            const { slope, intercept } = siiRegression(shares, values);
            out[base + y] = values[0] - values[QUINTILE_COUNT - 1];
            out[base + Y + y] = values[0] / values[QUINTILE_COUNT - 1];
            out[base + 2 * Y + y] = slope;
            out[base + 3 * Y + y] = (intercept + slope) / intercept;
          }
          base += 4 * Y;
          break;
        }
      }
    }
  };
}

/** One record's measures (builds a deriver each call: use makeDeriver in loops). */
export function deriveMeasures(
  cat: MeasureCatalogue,
  rec: RecordLayout,
  raw: Float64Array,
  interventions: InterventionSpec[],
  discountRate: number,
  out: Float64Array,
): void {
  makeDeriver(cat, rec, interventions, discountRate)(raw, out);
}
