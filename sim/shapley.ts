/**
 * Which interventions move the end result: each scenario's change against baseline split into
 * one contribution per intervention by the Shapley value over subsets of its interventions.
 *
 * Every subset of a scenario's interventions is simulated as a scenario of its own, in the same
 * iteration, with the same parameter draws and random streams (common random numbers), so for
 * each iteration the value v(S) of every subset S is known and
 *
 *   φ_i = Σ_{S ⊆ N∖{i}} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S))
 *
 * adds up exactly (to floating point) to v(N) − v(∅) in every iteration: there is no leftover
 * interaction term, and each contribution has its own distribution over iterations. Up to
 * EXACT_LIMIT interventions every subset is enumerated; above it the Shapley value is estimated
 * from PERMUTATIONS random permutations, the same for every iteration, so only their prefixes are
 * simulated (marginal contributions along each permutation telescope to the total, so the sum is
 * still exact). The spread between permutations gives the estimate's permutation error.
 */
import { makeDeriver } from "./deriver.ts";
import {
  DECOMPOSED_MEASURES,
  type DecomposedMeasure,
  type MeasureKey,
  returnOnInvestment,
} from "./measures.ts";
import { type Model, prepareModel } from "./model.ts";
import { recordLength } from "./record.ts";
import { runAll } from "./run.ts";
import type { ModelInput } from "./types.ts";
import { iterationKey, Stream } from "./rng.ts";
import { summariseColumn } from "./statistics.ts";

export const EXACT_LIMIT = 8;
export const PERMUTATIONS = 16;

export interface ContributionSummary {
  mean: number;
  sd: number;
  mcse: number;
  low: number;
  high: number;
  /** Share of iterations in which the contribution is below zero (for costs and activity: a saving). */
  pNegative: number;
  /** Sampled mode only: standard error of the mean from sampling permutations. */
  permutationError?: number;
}

export interface InterventionContribution {
  id: string;
  name: string;
  /** Contribution to each decomposed measure (at the horizon). */
  contributions: Record<DecomposedMeasure, ContributionSummary>;
  /** Its own discounted cost over the horizon in the full scenario. */
  ownCost: ContributionSummary;
  /** Net saving per £ of its own cost: −φ(discounted total) / own cost (mean over iterations). */
  returnOnInvestment: number | null;
  /** True when the interval of its net monetary benefit (−φ of discounted total cost) lies wholly below zero. */
  flagged: boolean;
}

export interface ScenarioDecomposition {
  scenario: string;
  method: "exact" | "sampled";
  permutations: number | null;
  interventions: InterventionContribution[];
  /** The total change against baseline per measure (mean), which the contributions add up to. */
  total: Record<DecomposedMeasure, number>;
  /** Largest |Σ φ − total| / max(1, |total|) over iterations and measures (additivity check). */
  maxResidual: number;
  /** With `keepIterations`: φ per intervention, measure and iteration. */
  iterations?: number[][][];
}

/** 0!, 1!, …, n!. */
function factorials(n: number): number[] {
  const f = [1];
  for (let k = 1; k <= n; k++) f.push(f[k - 1] * k);
  return f;
}

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

/** A contribution's statistics over iterations (the same as every other summary's). */
function summary(values: Float64Array, interval: number): ContributionSummary {
  const { mean, sd, mcse, low, high, pNegative } = summariseColumn(values, interval);
  return { mean, sd, mcse, low, high, pNegative };
}

/** Random permutation of 0..n−1 (Fisher–Yates) from a stream. */
function permutation(n: number, rng: Stream): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/** Which subsets of a scenario's interventions a decomposition needs, and in which order. */
export interface DecompositionPlan {
  scenarioIndex: number;
  /** The scenario's interventions in sorted id order (so a study's order cannot matter). */
  ids: string[];
  exact: boolean;
  /** Sampled mode: the permutations, the same for every iteration. */
  perms: number[][];
  /** Each subset: its key (member indices), and its interventions in sorted id order. */
  subsets: { key: string; interventions: string[] }[];
}

const keyOf = (members: number[]) => [...members].sort((a, b) => a - b).join(",");

/**
 * Plans the decomposition of scenario `scenarioIndex`: every subset of its interventions when
 * exact, otherwise those met along PERMUTATIONS random permutations drawn from `seed`.
 */
export function planDecomposition(
  input: ModelInput,
  scenarioIndex: number,
  seed: number | string,
): DecompositionPlan {
  const scenario = input.scenarios[scenarioIndex];
  const ids = [...scenario.interventions].sort();
  const n = ids.length;
  const exact = n <= EXACT_LIMIT;
  const subsets = new Map<string, number[]>();
  const perms: number[][] = [];
  if (exact) {
    for (let mask = 0; mask < 1 << n; mask++) {
      const members = ids.map((_, i) => i).filter((i) => mask & (1 << i));
      subsets.set(keyOf(members), members);
    }
  } else {
    // One set of permutations for every iteration, so only their prefixes need simulating.
    const rng = new Stream().reset(iterationKey(`${seed}/shapley/${scenario.name}`, 0), 0);
    for (let k = 0; k < PERMUTATIONS; k++) {
      const p = permutation(n, rng);
      perms.push(p);
      for (let j = 0; j <= n; j++) {
        subsets.set(
          keyOf(p.slice(0, j)),
          p.slice(0, j).sort((a, b) => a - b),
        );
      }
    }
  }
  return {
    scenarioIndex,
    ids,
    exact,
    perms,
    subsets: [...subsets].map(([key, members]) => ({
      key,
      interventions: members.map((i) => ids[i]),
    })),
  };
}

/** A model whose scenarios are the given subsets (the first with no interventions: a baseline). */
export function subsetInput(input: ModelInput, subsets: DecompositionPlan["subsets"]): ModelInput {
  return {
    ...input,
    scenarios: subsets.map((s) => ({ name: `{${s.key}}`, interventions: s.interventions })),
  };
}

/**
 * Decomposes scenario `scenarioIndex` of `model` over `iterations` iterations with `seed`,
 * simulating every subset in this thread (sim/api.ts `decomposeStudy` runs them on a pool, and
 * reuses a run's own scenarios where they are subsets).
 */
export function decomposeScenario(
  model: Model,
  scenarioIndex: number,
  seed: number | string,
  iterations: number,
  interval: number,
  keepIterations = false,
): ScenarioDecomposition {
  const plan = planDecomposition(model.input, scenarioIndex, seed);
  const run = runAll(prepareModel(subsetInput(model.input, plan.subsets)), seed, iterations);
  return combineDecomposition(model, plan, run.records, iterations, interval, keepIterations);
}

/**
 * The decomposition from every subset's raw records (`records[k]` for `plan.subsets[k]`,
 * iteration-major, each from a model with `model`'s interventions, so `model`'s deriver reads
 * them).
 */
export function combineDecomposition(
  model: Model,
  plan: DecompositionPlan,
  records: Float64Array[],
  iterations: number,
  interval: number,
  keepIterations = false,
): ScenarioDecomposition {
  const { input } = model;
  const scenario = input.scenarios[plan.scenarioIndex];
  const { ids, exact, perms } = plan;
  const n = ids.length;
  const subsetKeys = plan.subsets.map((s) => s.key);
  const cat = model.measures;
  const Y = model.record.years;
  const H = Y - 1;
  const len = recordLength(model.record);
  const M = DECOMPOSED_MEASURES.length;
  const measureAt = DECOMPOSED_MEASURES.map((k) => cat.index.get(k)! * Y + H);
  const ownCostAt = ids.map((id) =>
    cat.index.get(`discounted.intervention.${id}.cost` satisfies MeasureKey)! * Y + H
  );
  const buffer = new Float64Array(cat.recordCount * Y);
  const derive = makeDeriver(model);
  const fullKey = keyOf(ids.map((_, i) => i));
  const value = new Map<string, Float64Array>(); // per iteration: subset → measure values
  const phi = Array.from(
    { length: n },
    () => Array.from({ length: M }, () => new Float64Array(iterations)),
  );
  const ownCost = Array.from({ length: n }, () => new Float64Array(iterations));
  const totals = new Float64Array(M);
  // Sampled mode: each permutation's mean marginal contribution, for the permutation error.
  const byPermutation = new Float64Array(exact ? 0 : PERMUTATIONS * n * M);
  const fact = factorials(n);
  let maxResidual = 0;

  for (let it = 0; it < iterations; it++) {
    value.clear();
    subsetKeys.forEach((k, sc) => {
      derive(records[sc].subarray(it * len, (it + 1) * len), buffer);
      value.set(k, Float64Array.from(measureAt, (j) => buffer[j]));
      if (k === fullKey) {
        // Own discounted cost of each intervention over the horizon, in the full scenario.
        ids.forEach((_, i) => (ownCost[i][it] = buffer[ownCostAt[i]]));
      }
    });
    const v = (members: number[]) => value.get(keyOf(members))!;
    if (exact) {
      for (let i = 0; i < n; i++) {
        for (let mask = 0; mask < 1 << n; mask++) {
          if (mask & (1 << i)) continue;
          const members = ids.map((_, j) => j).filter((j) => mask & (1 << j));
          const s = popcount(mask);
          const weight = fact[s] * fact[n - s - 1] / fact[n];
          const without = v(members);
          const withIt = v([...members, i]);
          for (let m = 0; m < M; m++) phi[i][m][it] += weight * (withIt[m] - without[m]);
        }
      }
    } else {
      perms.forEach((p, k) => {
        for (let j = 0; j < n; j++) {
          const before = v(p.slice(0, j));
          const after = v(p.slice(0, j + 1));
          for (let m = 0; m < M; m++) {
            const marginal = after[m] - before[m];
            phi[p[j]][m][it] += marginal / PERMUTATIONS;
            byPermutation[(k * n + p[j]) * M + m] += marginal / iterations;
          }
        }
      });
    }
    const full = v(ids.map((_, i) => i));
    const none = v([]);
    for (let m = 0; m < M; m++) {
      const total = full[m] - none[m];
      totals[m] += total / iterations;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += phi[i][m][it];
      maxResidual = Math.max(maxResidual, Math.abs(sum - total) / Math.max(1, Math.abs(total)));
    }
  }

  const names = new Map(input.interventions.map((iv) => [iv.id, iv.name]));
  return {
    scenario: scenario.name,
    method: exact ? "exact" : "sampled",
    permutations: exact ? null : PERMUTATIONS,
    interventions: ids.map((id, i) => {
      const contributions = Object.fromEntries(
        DECOMPOSED_MEASURES.map((k, m) => [k, summary(phi[i][m], interval)]),
      ) as Record<DecomposedMeasure, ContributionSummary>;
      const own = summary(ownCost[i], interval);
      const net = contributions["discounted.cost.total"];
      return {
        id,
        name: names.get(id) ?? id,
        contributions,
        ownCost: own,
        returnOnInvestment: own.mean > 0 ? returnOnInvestment(net.mean, own.mean) : null,
        // Net benefit = −φ(net cost): its interval lies wholly below zero when φ's low end is above 0.
        flagged: net.low > 0,
      };
    }),
    total: Object.fromEntries(DECOMPOSED_MEASURES.map((k, m) => [k, totals[m]])) as Record<
      DecomposedMeasure,
      number
    >,
    maxResidual,
    ...(keepIterations
      ? { iterations: phi.map((byMeasure) => byMeasure.map((a) => Array.from(a))) }
      : {}),
  };
}
