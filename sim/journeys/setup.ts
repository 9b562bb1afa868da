/**
 * What a person's journey is drawn from: one set of parameter values (the deterministic
 * analysis's, or one Monte Carlo iteration's), the per-state rates they give — the very rates
 * the cohort model runs on — and, for a scenario, each intervention's enrolled share of every
 * state in every cycle, taken from a deterministic run of the cohort model of the whole
 * population (so capacity, the targeting rule and ramp-up are respected as the cohort model
 * fills its places).
 */
import { ExpectedDraws } from "../draws.ts";
import { type ScenarioContext, simulateScenario, Workspace } from "../engine.ts";
import type { InterventionRuntime } from "../interventions.ts";
import { yearStatus } from "../interventions.ts";
import {
  baselineIndex,
  deterministicParameters,
  iterationParameters,
  type Model,
  scenarioContexts,
} from "../model.ts";
import { InputError } from "../problems.ts";
import type { Rates } from "../rates.ts";
import { recordLength } from "../record.ts";
import { choices, suggest } from "../validate.ts";

/** Which parameter values journeys are drawn with. */
export type JourneyParameters =
  | { kind: "deterministic" }
  | { kind: "iteration"; iteration: number; seed: number | string };

export interface JourneySetupOptions {
  /** The scenario followed beside the baseline (by name); absent: the baseline alone. */
  scenario?: string;
  /** Default: the deterministic analysis's values (prior means, posterior means if calibrated). */
  parameters?: JourneyParameters;
  /** Where a bad scenario name is reported (default "scenario"; the CLI's "--scenario"). */
  scenarioAt?: string;
}

/** One intervention of the followed scenario, as a person meets it. */
export interface JourneyIntervention {
  id: string;
  name: string;
  runtime: InterventionRuntime;
  /** Enrolled share of each state in each cycle while it runs (cycles × S; 0 elsewhere). */
  share: Float64Array;
  /** Per cycle: 1 while it runs. */
  active: Uint8Array;
  /** Per cycle after it stops: the share of its effect kept ((1 − decay)^k); 0 otherwise. */
  retained: Float64Array;
  /** The last cycle it ran (−1: never within the horizon). */
  lastActive: number;
  /** £ per participant per year. */
  costPerParticipant: number;
}

export interface JourneyModel {
  model: Model;
  rates: Rates;
  cyclesPerYear: number;
  /** Years simulated: 0 (the calibration year) to the horizon. */
  years: number;
  cycles: number;
  parameters: JourneyParameters;
  baseline: { name: string; context: ScenarioContext };
  /** The followed scenario; null when journeys follow the baseline alone. */
  scenario: { name: string; context: ScenarioContext; interventions: JourneyIntervention[] } | null;
}

/** The rates, enrolment and timing journeys are drawn from. Throws InputError for a bad name. */
export function journeyModel(model: Model, options: JourneySetupOptions = {}): JourneyModel {
  const parameters = options.parameters ?? { kind: "deterministic" };
  const values = parameters.kind === "deterministic"
    ? deterministicParameters(model)
    : iterationParameters(model, parameters.seed, parameters.iteration);
  const contexts = scenarioContexts(model, values);
  const { scenarios } = model.input;
  const base = baselineIndex(model);
  const K = model.input.cyclesPerYear;
  const years = model.record.years;
  const cycles = years * K;
  let scenario: JourneyModel["scenario"] = null;
  if (options.scenario !== undefined) {
    const index = scenarios.findIndex((s) => s.name === options.scenario);
    const names = scenarios.filter((_, i) => i !== base).map((s) => s.name);
    if (index < 0 || index === base) {
      throw new InputError([{
        at: options.scenarioAt ?? "scenario",
        message: index === base
          ? `"${options.scenario}" is the baseline: name a scenario with interventions`
          : `no scenario "${options.scenario}" in this study`,
        expected: choices(names),
        suggestion: suggest(options.scenario, names),
      }]);
    }
    const context = contexts[index];
    scenario = {
      name: scenarios[index].name,
      context,
      interventions: enrolledShares(model, context, cycles),
    };
  }
  return {
    model,
    rates: contexts[base].rates,
    cyclesPerYear: K,
    years,
    cycles,
    parameters,
    baseline: { name: scenarios[base].name, context: contexts[base] },
    scenario,
  };
}

/**
 * Each intervention of a scenario with the shares the cohort model enrols, cycle by cycle, in a
 * deterministic run of the whole population (engine.ts records them).
 */
function enrolledShares(
  model: Model,
  context: ScenarioContext,
  cycles: number,
): JourneyIntervention[] {
  const S = model.layout.stateCount;
  const K = context.cyclesPerYear;
  const record = context.runtimes.map(() => new Float64Array(cycles * S));
  const ws = new Workspace(model.layout, context.runtimes.length);
  simulateScenario(
    { ...context, enrolledShares: { record } },
    ws,
    new ExpectedDraws(),
    new Float64Array(recordLength(model.record)),
  );
  return context.runtimes.map((runtime, i) => {
    const active = new Uint8Array(cycles);
    const retained = new Float64Array(cycles);
    let lastActive = -1;
    for (let c = 0; c < cycles; c++) {
      const status = yearStatus(runtime.spec, Math.floor(c / K));
      if (status.active) {
        active[c] = 1;
        lastActive = c;
      } else if (lastActive >= 0) retained[c] = status.retained;
    }
    // Only the running cycles' shares are kept: after it stops, a person's effect is read from
    // the last running cycle's share and the share of effect kept.
    const share = record[i];
    for (let c = 0; c < cycles; c++) if (!active[c]) share.fill(0, c * S, (c + 1) * S);
    return {
      id: runtime.spec.id,
      name: runtime.spec.name,
      runtime,
      share,
      active,
      retained,
      lastActive,
      costPerParticipant: runtime.costPerParticipant,
    };
  });
}
