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
 * A deriver: fills `out` (measures × years, measure-major) from one raw record. Cumulative
 * measures add years 1..y (year 0, the calibration year, is not part of any projection total).
 * The steps are built once, so deriving allocates nothing per record.
 */
export function makeDeriver(
  cat: MeasureCatalogue,
  rec: RecordLayout,
  interventions: InterventionSpec[],
  discountRate: number,
): (record: Float64Array, out: Float64Array) => void {
  const Y = rec.years;
  let raw: Float64Array = new Float64Array(0);
  let out: Float64Array = new Float64Array(0);
  const steps: ((base: number) => number)[] = [];
  /** A measure whose value in year y is f(offset of year y, y). */
  const series = (f: (o: number, y: number) => number) =>
    steps.push((base) => {
      for (let y = 0; y < Y; y++) out[base + y] = f(y * rec.stride, y);
      return 1;
    });
  const sumOf = (o: number, at: number, n: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += raw[o + at + i];
    return s;
  };
  const interventionCost = (o: number) => sumOf(o, rec.interventionCost, rec.interventions);
  const service = (o: number) => sumOf(o, rec.cost, SECTORS.length);

  series((o) => raw[o + rec.population]);
  series((o) => raw[o + rec.deaths]);
  series((o) => raw[o + rec.entrants]);
  series((o) => raw[o + rec.migration]);
  series((o) => sumOf(o, rec.participants, rec.interventions));
  ACTIVITIES.forEach((_, a) => series((o) => raw[o + rec.activity + a]));
  SECTORS.forEach((_, s) => series((o) => raw[o + rec.cost + s]));
  series(service);
  series(interventionCost);
  series((o) => service(o) + interventionCost(o));
  interventions.forEach((_, i) => {
    series((o) => raw[o + rec.interventionCost + i]);
    series((o) => raw[o + rec.participants + i]);
  });
  for (let k = 0; k < QUINTILE_COUNT; k++) series((o) => raw[o + rec.quintilePopulation + k]);

  const shares = new Float64Array(QUINTILE_COUNT);
  const values = new Float64Array(QUINTILE_COUNT);
  const perPerson = (count: number, pop: number) => (pop > 0 ? count / pop : 0);
  /** Four measures at once: absolute gap, relative gap, SII and RII of a per-quintile value. */
  const addInequality = (valueAt: (o: number, k: number) => number) =>
    steps.push((base) => {
      for (let y = 0; y < Y; y++) {
        const o = y * rec.stride;
        for (let k = 0; k < QUINTILE_COUNT; k++) {
          shares[k] = raw[o + rec.quintilePopulation + k];
          values[k] = valueAt(o, k);
        }
        const { slope, intercept } = siiRegression(shares, values);
        out[base + y] = values[0] - values[QUINTILE_COUNT - 1];
        out[base + Y + y] = values[0] / values[QUINTILE_COUNT - 1];
        out[base + 2 * Y + y] = slope;
        out[base + 3 * Y + y] = (intercept + slope) / intercept;
      }
      return 4;
    });
  ACTIVITIES.forEach((_, a) => {
    const qa = rec.quintileActivity + a * QUINTILE_COUNT;
    const rateQ = (o: number, k: number) =>
      1000 * perPerson(raw[o + qa + k], raw[o + rec.quintilePopulation + k]);
    series((o) => 1000 * perPerson(raw[o + rec.activity + a], raw[o + rec.population]));
    for (let k = 0; k < QUINTILE_COUNT; k++) series((o) => rateQ(o, k));
    for (let k = 0; k < QUINTILE_COUNT; k++) series((o) => raw[o + qa + k]);
    addInequality(rateQ);
  });
  const costQ = (o: number, k: number) =>
    perPerson(raw[o + rec.quintileCost + k], raw[o + rec.quintilePopulation + k]);
  for (let k = 0; k < QUINTILE_COUNT; k++) series((o) => costQ(o, k));
  for (let k = 0; k < QUINTILE_COUNT; k++) series((o) => raw[o + rec.quintileCost + k]);
  addInequality(costQ);

  const factors = Float64Array.from({ length: Y }, (_, y) => discountFactor(discountRate, y));
  const cumulate = (f: (o: number) => number, discounted: boolean) =>
    steps.push((base) => {
      let total = 0;
      for (let y = 0; y < Y; y++) {
        if (y >= 1) total += f(y * rec.stride) * (discounted ? factors[y] : 1);
        out[base + y] = total;
      }
      return 1;
    });
  for (const discounted of [false, true]) {
    SECTORS.forEach((_, s) => cumulate((o) => raw[o + rec.cost + s], discounted));
    cumulate(service, discounted);
    cumulate(interventionCost, discounted);
    cumulate((o) => service(o) + interventionCost(o), discounted);
  }
  ACTIVITIES.forEach((_, a) => cumulate((o) => raw[o + rec.activity + a], false));
  cumulate((o) => raw[o + rec.deaths], false);
  for (let f = 0; f < rec.levels * (rec.levels + 1); f++) series((o) => raw[o + rec.flows + f]);

  return (record: Float64Array, target: Float64Array) => {
    raw = record;
    out = target;
    let m = 0;
    for (const step of steps) m += step(m * Y);
    if (m !== cat.keys.length) throw new Error(`measure count ${m} ≠ catalogue ${cat.keys.length}`);
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
