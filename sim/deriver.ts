/**
 * The deriver: a study's record measures (measures.ts) compiled into plain-data steps, run on
 * one raw record at a time, so the Monte Carlo summary, expected values, assertions and the
 * Shapley split all read exactly the same numbers. The steps are built once; deriving allocates
 * nothing per record.
 */
import { siiRegression } from "./inequality.ts";
import { atkinsonEde } from "./value/distributional.ts";
import { INEQUALITY_STATISTICS, type MeasureCatalogue } from "./measures.ts";
import type { Model } from "./model.ts";
import type { RecordLayout } from "./record.ts";
import { QUINTILE_COUNT } from "./types.ts";

/** Discount factor of year y: 1 in years 0 and 1, then 1/(1+r)^(y−1). */
export function discountFactor(rate: number, year: number): number {
  return year <= 1 ? 1 : Math.pow(1 + rate, -(year - 1));
}

/**
 * Σ of the field ranges (offset, length pairs) in the year block at `o`; each range is summed on
 * its own and then added, so a two-range total equals the sum of its parts' sums exactly.
 */
function sumRanges(raw: Float64Array, o: number, ranges: number[]): number {
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

const NO_OUTPUTS: number[] = [];

const enum StepKind {
  /** The sum of the ranges, year by year. */
  Sum,
  /** One field, year by year (a sum of a single one-field range: most measures). */
  Copy,
  /** scale × numerator ÷ denominator (0 where the denominator is 0). */
  Ratio,
  /** Running total over years 1..y of the sum of the ranges, discounted or not. */
  Cumulate,
  /** Absolute gap, relative gap, SII and RII of scale × quintile field ÷ quintile population. */
  Inequality,
  /** Atkinson EDE of discounted QALYs per year-0 person over quintiles (`scale` holds ε). */
  Ede,
}

/** One step of a deriver; every step has the same shape so the loop that runs them stays fast. */
interface Step {
  kind: StepKind;
  /** Where the measure's years start in the output (measure index × years). */
  at: number;
  /** Field ranges as (offset, length) pairs within a year's block; Ratio: [numerator, 1]. */
  ranges: number[];
  /** Ratio: the denominator's offset. */
  denominator: number;
  scale: number;
  discounted: boolean;
  /** Cumulate: discount at the health rate. */
  health: boolean;
  /** Cumulate: divide by the year-0 value of this field (−1: no division). */
  perStart: number;
  /** Inequality: where each statistic's years start (gapAbs, gapRel, SII, RII), −1 if unused. */
  outputs: number[];
}

/**
 * Compiles the catalogue's record measures into steps; the four statistics of one source share a
 * step. Plain arrays, not typed ones: a summary compiles a deriver per run (a deterministic run's
 * set-up included), and allocating two typed arrays per step cost more than deriving a record.
 */
function compile(cat: MeasureCatalogue, rec: RecordLayout): Step[] {
  const Y = cat.years;
  const steps: Step[] = [];
  const inequalityStep = new Map<string, Step>();
  const step = (kind: StepKind, at: number, ranges: number[], extra: Partial<Step> = {}) => {
    const s: Step = {
      kind,
      at,
      ranges,
      denominator: extra.denominator ?? 0,
      scale: extra.scale ?? 1,
      discounted: extra.discounted ?? false,
      health: extra.health ?? false,
      perStart: extra.perStart ?? -1,
      outputs: extra.outputs ?? NO_OUTPUTS,
    };
    steps.push(s);
    return s;
  };
  for (let m = 0; m < cat.recordCount; m++) {
    const c = cat.measures[m].compute;
    const at = m * Y;
    switch (c.kind) {
      case "sum": {
        const ranges = c.ranges(rec);
        const single = ranges.length === 2 && ranges[1] === 1;
        step(single ? StepKind.Copy : StepKind.Sum, at, ranges);
        break;
      }
      case "ratio":
        step(StepKind.Ratio, at, [c.of(rec), 1], { denominator: c.per(rec), scale: c.scale });
        break;
      case "cumulate":
        step(StepKind.Cumulate, at, c.ranges(rec), {
          discounted: c.discounted,
          health: c.health ?? false,
          perStart: c.perStart ? c.perStart(rec) : -1,
        });
        break;
      case "ede":
        step(StepKind.Ede, at, [rec.quintileQalys, QUINTILE_COUNT], { scale: c.epsilon });
        break;
      case "inequality": {
        const source = `${c.of(rec)}×${c.scale}`;
        let s = inequalityStep.get(source);
        if (!s) {
          s = step(StepKind.Inequality, at, [c.of(rec), QUINTILE_COUNT], {
            scale: c.scale,
            outputs: INEQUALITY_STATISTICS.map(() => -1),
          });
          inequalityStep.set(source, s);
        }
        s.outputs[INEQUALITY_STATISTICS.indexOf(c.statistic)] = at;
        break;
      }
      default:
        throw new Error(`measure ${cat.keys[m]} is not derived from a record`);
    }
  }
  return steps;
}

/**
 * A deriver for a model: fills `out` (record measures × years, measure-major) from one raw
 * record. Cumulative measures add years 1..y (year 0, the calibration year, is not part of any
 * projection total).
 */
export function makeDeriver(model: Model): (record: Float64Array, out: Float64Array) => void {
  const rec = model.record;
  const cat = model.measures;
  const Y = rec.years;
  const stride = rec.stride;
  const steps = compile(cat, rec);
  const factors = Float64Array.from(
    { length: Y },
    (_, y) => discountFactor(model.input.discountRate, y),
  );
  const healthFactors = Float64Array.from(
    { length: Y },
    (_, y) => discountFactor(model.health.discountRate, y),
  );
  const shares = new Float64Array(QUINTILE_COUNT);
  const perPersonTotals = new Float64Array(QUINTILE_COUNT);
  const values = new Float64Array(QUINTILE_COUNT);
  const perPerson = (count: number, pop: number) => (pop > 0 ? count / pop : 0);

  return (raw: Float64Array, out: Float64Array) => {
    for (let j = 0; j < steps.length; j++) {
      const st = steps[j];
      const base = st.at;
      switch (st.kind) {
        case StepKind.Copy: {
          const at = st.ranges[0];
          for (let y = 0; y < Y; y++) out[base + y] = raw[y * stride + at];
          break;
        }
        case StepKind.Sum:
          for (let y = 0; y < Y; y++) out[base + y] = sumRanges(raw, y * stride, st.ranges);
          break;
        case StepKind.Ratio: {
          const at = st.ranges[0];
          for (let y = 0; y < Y; y++) {
            const o = y * stride;
            out[base + y] = st.scale * perPerson(raw[o + at], raw[o + st.denominator]);
          }
          break;
        }
        case StepKind.Cumulate: {
          let total = 0;
          const f = st.health ? healthFactors : factors;
          const per = st.perStart >= 0 ? raw[st.perStart] : 1;
          for (let y = 0; y < Y; y++) {
            if (y >= 1) {
              total += sumRanges(raw, y * stride, st.ranges) * (st.discounted ? f[y] : 1);
            }
            out[base + y] = st.perStart >= 0 ? perPerson(total, per) : total;
          }
          break;
        }
        case StepKind.Ede: {
          const at = st.ranges[0];
          for (let k = 0; k < QUINTILE_COUNT; k++) {
            perPersonTotals[k] = 0;
            shares[k] = raw[rec.quintilePopulation + k];
          }
          for (let y = 0; y < Y; y++) {
            if (y >= 1) {
              for (let k = 0; k < QUINTILE_COUNT; k++) {
                perPersonTotals[k] += raw[y * stride + at + k] * healthFactors[y];
              }
            }
            for (let k = 0; k < QUINTILE_COUNT; k++) {
              values[k] = perPerson(perPersonTotals[k], shares[k]);
            }
            out[base + y] = y >= 1 ? atkinsonEde(values, shares, st.scale) : 0;
          }
          break;
        }
        case StepKind.Inequality: {
          const at = st.ranges[0];
          const gapAbs = st.outputs[0];
          const gapRel = st.outputs[1];
          const sii = st.outputs[2];
          const rii = st.outputs[3];
          for (let y = 0; y < Y; y++) {
            const o = y * stride;
            for (let k = 0; k < QUINTILE_COUNT; k++) {
              shares[k] = raw[o + rec.quintilePopulation + k];
              values[k] = st.scale * perPerson(raw[o + at + k], shares[k]);
            }
            const { slope, intercept } = siiRegression(shares, values);
            if (gapAbs >= 0) out[gapAbs + y] = values[0] - values[QUINTILE_COUNT - 1];
            if (gapRel >= 0) out[gapRel + y] = values[0] / values[QUINTILE_COUNT - 1];
            if (sii >= 0) out[sii + y] = slope;
            if (rii >= 0) out[rii + y] = (intercept + slope) / intercept;
          }
          break;
        }
      }
    }
  };
}
