/**
 * The commissioner's answer at a glance: for every scenario against the baseline, does it save
 * money (expected amount, probability, payback year), does inequality widen or narrow (in words,
 * with its probability), and — when the results measure health — the health gain and whether
 * it is cost-effective at £20,000 and £30,000 per QALY; the best scenario on each marked. And
 * any two scenarios compared with each other, iteration by iteration (sim/paired.ts).
 *
 * One sign convention (SIGN_CONVENTION): every difference is scenario − baseline (or B − A);
 * net cost positive costs more, negative saves; net monetary benefit positive is good value.
 * Probabilities exist only for a Monte Carlo run: a deterministic result has none.
 */
import type { Results, ScenarioResult, SeriesSummary } from "../sim/summary.ts";
import {
  NMB_THRESHOLDS,
  type PairedDifference,
  pairOf,
  QALY_MEASURE,
  WIDENING_MEASURE,
} from "../sim/paired.ts";

/** The sign convention, stated once on every page and in the report. */
export const SIGN_CONVENTION =
  "Every difference is scenario − baseline (or, comparing two scenarios, B − A). Net cost: positive costs more, negative saves money. Net monetary benefit: positive is good value.";

/** A mean and, for a Monte Carlo run, its percentile interval. */
export interface Estimate {
  mean: number;
  low?: number;
  high?: number;
}

export type InequalityWord = "widens" | "narrows" | "no change";

export interface ScenarioVerdict {
  name: string;
  /** Net cost over the horizon, discounted (scenario − baseline). */
  netCost: Estimate;
  /** P(net cost < 0): null without a Monte Carlo run. */
  pSaving: number | null;
  /**
   * The first year from which the cumulative discounted net cost stays at or below £0 to the
   * horizon (on the mean); null when it does not within the horizon.
   */
  paybackYear: number | null;
  /** Non-elective admissions over the horizon (scenario − baseline). */
  admissions: Estimate;
  /** Change in the SII of non-elective admissions per 1,000 at the horizon. */
  siiChange: Estimate;
  inequality: InequalityWord;
  /** P(the gap widens) and P(it narrows) against the baseline's gradient; null without a run. */
  pWidens: number | null;
  pNarrows: number | null;
  /** Discounted QALYs over the horizon (scenario − baseline), when the results measure health. */
  qalys?: Estimate;
  /** Net monetary benefit by threshold (£ per QALY), and P(cost-effective) = P(NMB ≥ 0). */
  value?: Record<number, { nmb: Estimate; pCostEffective: number | null }>;
}

export type BestOn = "money" | "inequality" | "health" | `value.${number}`;

export interface Verdict {
  horizon: number;
  monteCarlo: boolean;
  iterations: number;
  interval: number;
  /** The baseline's SII at the horizon (mean), whose sign says which way widening goes. */
  baselineSii: number;
  scenarios: ScenarioVerdict[];
  /**
   * The best scenarios on each question (those tied for best; absent with fewer than two
   * scenarios to rank).
   */
  best: Partial<Record<BestOn, string[]>>;
  /** Whether the results measure health (QALYs and net monetary benefit). */
  health: boolean;
  thresholds: readonly number[];
}

const at = (s: SeriesSummary | undefined, y: number, monteCarlo: boolean): Estimate => {
  if (!s) return { mean: NaN };
  const e: Estimate = { mean: s.mean[y] };
  if (monteCarlo && s.low && s.high) {
    e.low = s.low[y];
    e.high = s.high[y];
  }
  return e;
};

/** Loosely typed access for measures other issues add (health and value). */
const deltaOf = (s: ScenarioResult, key: string): SeriesSummary | undefined =>
  (s.deltas as Record<string, SeriesSummary> | null)?.[key];

/** The first year from which `cumulative[y] ≤ 0` holds to the end; null if not at the end. */
export function paybackYear(cumulative: number[]): number | null {
  const H = cumulative.length - 1;
  if (!(cumulative[H] <= 0)) return null;
  let year = H;
  while (year > 1 && cumulative[year - 1] <= 0) year--;
  return year;
}

/**
 * Widens or narrows, relative to the baseline's gradient: with the baseline's SII of sign σ,
 * a change Δ widens the gap when σ·Δ > 0 and narrows it when σ·Δ < 0.
 */
export function inequalityWord(baselineSii: number, change: number): InequalityWord {
  const d = Math.sign(baselineSii) * change;
  return d > 0 ? "widens" : d < 0 ? "narrows" : "no change";
}

/** A plain sentence saying which way "widens" goes for this baseline. */
export function wideningDefinition(baselineSii: number, format: (v: number) => string): string {
  const where = baselineSii < 0
    ? "more admissions in the more deprived quintiles"
    : baselineSii > 0
    ? "more admissions in the less deprived quintiles"
    : "no gradient";
  const fall = baselineSii < 0 ? "a fall" : "a rise";
  const rise = baselineSii < 0 ? "a rise" : "a fall";
  return baselineSii === 0
    ? "The baseline's SII is 0 (no gradient), so no change can be called widening or narrowing."
    : `The baseline's SII is ${
      format(baselineSii)
    } per 1,000 (${where}). Inequality widens when a scenario moves the SII further from 0 on the baseline's side: here ${fall} in the SII widens the gap and ${rise} narrows it.`;
}

/** The scenarios with the highest score (ties within a millionth all count as best). */
function argBest(
  scenarios: ScenarioVerdict[],
  score: (s: ScenarioVerdict) => number | undefined,
): string[] | undefined {
  if (scenarios.length < 2) return undefined;
  const scored = scenarios.flatMap((s) => {
    const v = score(s);
    return v !== undefined && Number.isFinite(v) ? [{ name: s.name, v }] : [];
  });
  if (!scored.length) return undefined;
  const top = Math.max(...scored.map((x) => x.v));
  const tolerance = 1e-6 * Math.max(1, Math.abs(top));
  return scored.filter((x) => top - x.v <= tolerance).map((x) => x.name);
}

export function buildVerdict(r: Results): Verdict {
  const H = r.horizonYears;
  const monteCarlo = r.mode === "monte-carlo";
  const base = r.scenarios.find((s) => s.deltas === null)!;
  const baselineSii = base.absolute["sii.nonElective"].mean[H];
  const health = r.scenarios.some((s) => deltaOf(s, QALY_MEASURE) !== undefined);
  const scenarios = r.scenarios.filter((s) => s.deltas).map((s): ScenarioVerdict => {
    const net = s.deltas!["discounted.cost.total"];
    const sii = at(s.deltas!["sii.nonElective"], H, monteCarlo);
    const widening = r.paired?.widening[s.name];
    const v: ScenarioVerdict = {
      name: s.name,
      netCost: at(net, H, monteCarlo),
      pSaving: monteCarlo ? net.pNegative?.[H] ?? null : null,
      paybackYear: paybackYear(net.mean),
      admissions: at(s.deltas!["cumulative.activity.nonElective"], H, monteCarlo),
      siiChange: sii,
      inequality: inequalityWord(baselineSii, sii.mean),
      pWidens: monteCarlo && widening ? widening.pWidens : null,
      pNarrows: monteCarlo && widening ? widening.pNarrows : null,
    };
    if (health) {
      v.qalys = at(deltaOf(s, QALY_MEASURE), H, monteCarlo);
      v.value = {};
      for (const k of NMB_THRESHOLDS) {
        const nmb = deltaOf(s, `nmb.${k}`);
        if (!nmb) continue;
        const p = nmb.pNegative?.[H];
        v.value[k] = {
          nmb: at(nmb, H, monteCarlo),
          pCostEffective: monteCarlo && p !== undefined ? 1 - p : null,
        };
      }
    }
    return v;
  });
  const sign = Math.sign(baselineSii);
  const best: Verdict["best"] = {
    money: argBest(scenarios, (s) => -s.netCost.mean),
    inequality: argBest(scenarios, (s) => (sign === 0 ? undefined : -sign * s.siiChange.mean)),
  };
  if (health) {
    best.health = argBest(scenarios, (s) => s.qalys?.mean);
    for (const k of NMB_THRESHOLDS) {
      best[`value.${k}`] = argBest(scenarios, (s) => s.value?.[k]?.nmb.mean);
    }
  }
  for (const key of Object.keys(best) as BestOn[]) if (!best[key]) delete best[key];
  return {
    horizon: H,
    monteCarlo,
    iterations: r.iterations,
    interval: r.interval,
    baselineSii,
    scenarios,
    best,
    health,
    thresholds: NMB_THRESHOLDS,
  };
}

/** One quantity of "B − A". */
export interface PairRow {
  key: string;
  label: string;
  unit: "£" | "count" | "per 1,000" | "QALYs";
  difference: Estimate;
  /** P(B − A < 0), P(B − A > 0): null without a Monte Carlo run or per-iteration pairs. */
  pNegative: number | null;
  pPositive: number | null;
}

export interface PairComparison {
  a: string;
  b: string;
  /** Whether the differences come from the same iterations (intervals and probabilities). */
  paired: boolean;
  rows: PairRow[];
  /** "B narrows the gap more than A", etc., relative to the baseline's gradient. */
  inequality: InequalityWord;
}

const PAIR_ROWS: Omit<PairRow, "difference" | "pNegative" | "pPositive">[] = [
  { key: "discounted.cost.total", label: "Net cost (discounted)", unit: "£" },
  { key: "cumulative.activity.nonElective", label: "Non-elective admissions", unit: "count" },
  { key: "cumulative.deaths", label: "Deaths", unit: "count" },
  { key: WIDENING_MEASURE, label: "SII, non-elective admissions per 1,000", unit: "per 1,000" },
  { key: QALY_MEASURE, label: "QALYs (discounted)", unit: "QALYs" },
  ...NMB_THRESHOLDS.map((k) => ({
    key: `nmb.${k}`,
    label: `Net monetary benefit at £${k.toLocaleString("en-GB")} per QALY`,
    unit: "£" as const,
  })),
];

/** Scenario B against scenario A (either may be the baseline): B − A. */
export function compareScenarios(r: Results, a: string, b: string): PairComparison {
  const H = r.horizonYears;
  const monteCarlo = r.mode === "monte-carlo";
  const pairs = r.paired ? pairOf(r.paired, a, b) : null;
  const sa = r.scenarios.find((s) => s.name === a);
  const sb = r.scenarios.find((s) => s.name === b);
  /** Without per-iteration pairs: the difference of the two scenarios' mean differences. */
  const meanOf = (s: ScenarioResult | undefined, key: string): number => {
    if (!s) return NaN;
    if (!s.deltas) return 0;
    return deltaOf(s, key)?.mean[H] ?? NaN;
  };
  const rows: PairRow[] = [];
  for (const row of PAIR_ROWS) {
    const d: PairedDifference | undefined = pairs?.[row.key];
    if (d) {
      rows.push({
        ...row,
        difference: monteCarlo ? { mean: d.mean, low: d.low, high: d.high } : { mean: d.mean },
        pNegative: monteCarlo ? d.pNegative : null,
        pPositive: monteCarlo ? d.pPositive : null,
      });
    } else if (a !== b) {
      const mean = meanOf(sb, row.key) - meanOf(sa, row.key);
      if (Number.isFinite(mean)) {
        rows.push({ ...row, difference: { mean }, pNegative: null, pPositive: null });
      }
    }
  }
  const base = r.scenarios.find((s) => s.deltas === null)!;
  const sii = rows.find((x) => x.key === WIDENING_MEASURE)?.difference.mean ?? 0;
  return {
    a,
    b,
    paired: pairs !== null,
    rows: a === b ? [] : rows,
    inequality: inequalityWord(base.absolute["sii.nonElective"].mean[H], sii),
  };
}
