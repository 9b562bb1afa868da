/**
 * The whole model as plain data: everything the engine uses for one set of parameter values —
 * the deterministic analysis's (prior means, posterior means where calibrated) or iteration K's
 * draws — so that an outside implementation can reproduce the deterministic run from it alone
 * (tests/resolve/ does, in Python, on every shipped study). It holds the states and their
 * year-0 people, every per-state rate after every normalisation, the entrants' rate and where
 * they go, each intervention's eligible states, uptake, fill order, relative risks, costs and
 * timing, each state's utility and each intervention's utility gain, the scenarios, every
 * parameter's distribution and value used, the posterior in use, and the rules that turn these
 * into a run: the order of events, the cycle conversion, the
 * enrolment, capacity, ramp-up and decay rules and what the record holds.
 */
import {
  deterministicParameters,
  iterationParameters,
  type Model,
  scenarioContexts,
  stateAmenableShares,
} from "./model.ts";
import { mean } from "./distributions.ts";
import { buildInterventionRuntime } from "./interventions.ts";
import { areaLeafIndices, groupStride, levelStride, stateIndex } from "./population.ts";
import type { RunOptions } from "./types.ts";
import { ACTIVITIES, ACTIVITY_SECTOR, EFFECT_TARGETS, QUINTILE_COUNT, SECTORS } from "./types.ts";
import { STUDY_DEFAULTS } from "./study/defaults.ts";
import { resolvedInterventionEffects } from "./resolved-effects.ts";
import { ENGINE_VERSION } from "./version.ts";

export const RESOLVED_FORMAT = "careshift-resolved-1";

/** The rules, in words and in the parameters a reimplementation needs. */
const RULES = {
  cycle:
    "Each year y = 0..horizonYears (year 0 is the calibration year) runs cyclesPerYear cycles of length L = 1/cyclesPerYear. Populations are recorded at the start of each year (before its first cycle); deaths, entrants, migration, activity, cost, flows, life-years, QALYs, participants and intervention cost are summed over the year's cycles (participants and intervention cost are caseload × L and (caseload × costPerParticipant + fixedCostPerYear) × L per cycle).",
  eventOrder: [
    "1. enrolment: each intervention of the scenario, in its order, from the counts at the start of the cycle",
    "2. activity and cost, per cell (area × age band × level × quintile): activity a = Σ_{s in cell} N_s × activityPerPersonYear[a]_s × L × A_{a,s}; cost += activity × unitCost[a] (each activity's cost falls on activitySector[a]); social care cost = Σ N_s × socialCarePerPersonYear_s × L × A_{socialCare,s}",
    "3. deaths and complexity moves, per state: probabilities p_death = death_s × D_s and p_to = moves[to]_s × M_{s,to}; with P = their sum, if cyclesPerYear > 1 and P > 0 each is scaled by (1 − (1 − min(P, 1 − 1e-12))^L) / P, else if P > 1 by 1/P; the counts are a multinomial (deterministic run: N_s × p); those who stay remain in s, movers go to the same area, age group and quintile at the new level; with step 3, life-years and QALYs (health): lived_s = (N_s − deaths_s / 2) × L (those who die live half the cycle), QALYs_s = lived_s × min(1, utility_s + U_s), added to the year's lifeYears and qalys and to its quintile's",
    "4. ageing, per state, on the counts after step 3 (n): aged = Binomial(n, a') with a' = ageing_s if cyclesPerYear = 1, else 1 − (1 − ageing_s)^L; they move to the same area, level and quintile in the next age group (ageing is 0 in the last group)",
    "5. net migration, per state, with μ = migrationPerPerson_s: if μ > 0, Poisson(n × μ × L) arrive in s (n as in step 4); if μ < 0, Binomial(n − aged, min(1, −μ × L)) leave s",
    "6. the new counts are (step 3's stayers and arrivals by moves) − aged + aged-in + migration; then entrants per leaf area: Poisson(N_area × entrants.perPersonYear × L), N_area being the area's people at the start of the cycle, split over the area's youngest age group, lowest level, by quintile in entrants.shares",
  ],
  deterministic:
    "The deterministic run replaces every count by its expectation (Binomial(n, p) → n·p, Poisson(λ) → λ, multinomial → n·p per category) and uses the parameter values listed (prior means; posterior means for calibrated parameters).",
  interventionTiming:
    "Year y of intervention i: active when startYear ≤ y < startYear + durationYears (durationYears null: to the end); reach = min(1, (y − startYear + 1) / rampUpYears), or 1 when rampUpYears = 0. After it stops: not active, and the share enrolled in its last active cycle is kept multiplied by retained = (1 − decayPerYear)^(y − end + 1), end = startYear + durationYears; no cost. Before startYear: nothing.",
  enrolment:
    "While active, per cycle: demand = Σ over the intervention's order of N_s × uptake_s × reach. Without a capacity, or when demand ≤ capacity: share f_s = uptake_s × reach for every eligible state, caseload = demand. Above capacity: targeting 'proportional' scales every f_s by capacity / demand (caseload = capacity); any other targeting fills states in 'order': each takes want = N_s × uptake_s × reach, up to the places left, f_s = take / N_s (0 when N_s = 0), caseload = capacity minus places left. Shares of ineligible states are 0.",
  multipliers:
    "With f_{i,s} the shares of a scenario's interventions i and g their gains (gains, per eligible state): A_{t,s} = Π_i (1 − f_{i,s} × activityGain_i[t]_s) for every effect target t (the five activities, then social care); M_{s,to} = Π_i (1 − f_{i,s} × moveGain_i[s][to]); D_s = Π_i (1 − f_{i,s} × deathGain_i[s]). A state no intervention reaches has every multiplier 1. Multipliers may differ between the age-group states of one cell (a capped intervention can enrol part of a cell); step 2 sums N_s × rate × L × A_{t,s} over the cell's states, so activity stays exact.",
  utility:
    "utility_s (states[s].utility, already computed) = min(1, N_b × utilityProfile_s × m_c / m̄_j × G(q) / Ḡ_{j,c}) with N_b = parameters['utility.norm.<band>'], utilityProfile_s the state's age group's published norm over its band's, m_c = parameters['utility.multiplier.<level>'] (1 if absent), m̄_j = Σ_c w_{j,c} m_c / Σ_c w_{j,c} with w_{j,c} the year-0 people (initial) of age group j at level c (over every area and quintile), G(q) = R^((4 − q)/4) with R = parameters['utility.deprivationRatio'] (G = 1 if absent), Ḡ_{j,c} = Σ_q w_{j,c,q} G(q) / Σ_q w_{j,c,q} (w_{j,c,q}: the year-0 people of group j, level c, quintile q); a mean over no people is the plain mean over the levels (quintiles). Interventions: U_s = Σ_i f_{i,s} × utilityGain_i (utilityGain: the change in utility per participant-year, 0 without a utility effect), with f as in 'multipliers' (retained shares after a stop included). Health is discounted at health.discountRate in the summary, not in the record.",
  effects:
    "An effect (interventions[i].effects: activity[t], moves[from][to] — the specific move's effect, else the intervention's 'worsening' or 'improving' one —, death; null: none) gives each eligible state s of age band b, level c and quintile q the gain g = a × (1 − rr × k): k = the product of modifiers.ageBand[b], modifiers.complexity[c] and modifiers.quintile[q] that are given (1 otherwise; ratios of relative risks, so additive on the log RR scale); a = 1 when appliesTo is 'all', min(max(share, 0), 1) when 'share', and the state's amenable share when 'amenable'. Amenable share (amenableShare, non-elective admissions only): a_s = min(1, max(0, nonElective[b] × ρ_c / ρ̄_b)), ρ_c = complexityRatio[c] (1 if not given), ρ̄_b = Σ_c w_{b,c} ρ_c / Σ_c w_{b,c} (1 when either sum is 0), w_{b,c} = Σ over band b's states at level c of initial × activityPerPersonYear.nonElective (year-0 non-elective admissions; the deprivation gradient keeps each segment's year-0 total, so this holds for any drawn gradient).",
  fillOrder:
    "interventions[i].order lists eligible states as a capped intervention fills them: 'proportional' keeps state order; 'highest-risk' ranks by non-elective rate, then annual cost, descending; 'most-deprived' by quintile, then non-elective rate; 'impactability' by uptake × expected avoidable cost a year (Σ activity × unit cost × activity gain + social care × its gain + Σ moves p × move gain × (annual cost at the new level − annual cost now)), then non-elective rate; ties by state index, so the age groups of one cell fill youngest first.",
  normalisations:
    "Applied once per set of parameter values, already in the rates listed here: death_s = qx(age group) × scale(band) × HR(level) ÷ (year-0 mean HR of the age group), scale = mortalityMultiplier, or a band's deathRate ÷ its year-0 mean of the national qx; worsening moves × W^((4 − q)/4) ÷ the segment's year-0 mean of that factor (W = deprivationWorseningRatio, q = 0 most deprived); activity and social care × R^((4 − q)/4) ÷ the segment's year-0 mean factor; a state's death and move probabilities scaled to sum to 1 when they exceed it; with improvingMoves 'balanced', the adjacent improving moves are solved as docs/model.md section 3 says. Entrants' shares are the youngest group's lowest level's year-0 quintile shares (even when it is empty).",
};

export interface ResolveRequest {
  /** Iteration K's drawn parameters and rates (posterior draw K mod N); absent: deterministic. */
  iteration?: number;
}

export function describeResolved(model: Model, options: RunOptions, request: ResolveRequest = {}) {
  const { layout, registry, input } = model;
  const K = request.iteration;
  const values = K === undefined
    ? deterministicParameters(model)
    : iterationParameters(model, options.seed, K);
  const contexts = scenarioContexts(model, values);
  const { rates } = contexts[0];
  const C = layout.levels.length;
  const states = Array.from({ length: layout.stateCount }, (_, s) => ({
    state: s,
    area: layout.areas[layout.area[s]],
    ageBand: layout.ageBands[layout.ageBand[s]],
    ageGroup: layout.ageGroups[layout.ageGroup[s]].label,
    complexity: layout.levels[layout.level[s]],
    quintile: layout.quintile[s] + 1,
    cell: layout.cell[s],
    segment: layout.segment[s],
    initial: model.initial[s],
    death: rates.death[s],
    moves: Object.fromEntries(
      layout.levels.map((to, c) => [to, rates.move[s * C + c]]).filter(([to]) =>
        to !== layout.levels[layout.level[s]]
      ),
    ),
    ageing: rates.ageing[s],
    migrationPerPerson: rates.migration[s],
    activityPerPersonYear: Object.fromEntries(ACTIVITIES.map((a, k) => [a, rates.activity[k][s]])),
    unitCost: Object.fromEntries(ACTIVITIES.map((a, k) => [a, rates.unitCost[k][s]])),
    socialCarePerPersonYear: rates.socialCare[s],
    utility: contexts[0].utility[s],
    utilityProfile: model.utilityPlan.profile[s],
  }));
  const posteriorIndex = new Map(
    (model.posterior?.keys ?? []).map((k, j) => [registry.index.get(k)!, j]),
  );
  const parameters = Object.fromEntries(registry.keys.map((k, i) => {
    const calibrated = posteriorIndex.has(i);
    const source = calibrated
      ? K === undefined ? "posterior mean" : `posterior draw ${K % model.posterior!.count}`
      : K === undefined
      ? "prior mean"
      : `drawn from the prior (iteration ${K})`;
    return [k, {
      distribution: registry.distributions[i],
      priorMean: mean(registry.distributions[i]),
      value: values[i],
      source,
    }];
  }));
  const amenable = stateAmenableShares(model, values);
  const runtimes = model.interventionPlans.map((plan) =>
    buildInterventionRuntime(plan, layout, rates, values, amenable)
  );
  const interventions = input.interventions.map((iv, i) => {
    const rt = runtimes[i];
    const eligible: number[] = [];
    const uptake: number[] = [];
    for (let s = 0; s < layout.stateCount; s++) {
      if (rt.eligible[s]) {
        eligible.push(s);
        uptake.push(rt.uptake[s]);
      }
    }
    return {
      id: iv.id,
      name: iv.name,
      parameterKey: iv.parameterKey ?? iv.id,
      capacity: iv.capacity,
      targeting: iv.targeting,
      startYear: iv.startYear,
      rampUpYears: iv.rampUpYears,
      durationYears: iv.durationYears,
      decayPerYear: iv.decayPerYear,
      costPerParticipant: rt.costPerParticipant,
      fixedCostPerYear: rt.fixedCostPerYear,
      eligibleStates: eligible,
      uptake,
      order: Array.from(rt.order),
      ...resolvedInterventionEffects(model.interventionPlans[i], rt, layout, values),
      utilityGain: model.utilityEffect[i] < 0 ? 0 : values[model.utilityEffect[i]],
      target: iv.target,
    };
  });
  const leaves = areaLeafIndices(input.areas);
  return {
    format: RESOLVED_FORMAT,
    engine: ENGINE_VERSION,
    analysis: K === undefined
      ? { kind: "deterministic" as const }
      : { kind: "iteration" as const, iteration: K, seed: options.seed },
    horizonYears: input.horizonYears,
    cyclesPerYear: input.cyclesPerYear,
    discountRate: input.discountRate,
    run: options,
    rules: RULES,
    areas: input.areas,
    leafAreas: layout.areas,
    areaLeaves: Object.fromEntries(input.areas.map((a, i) => [a.id, leaves[i]])),
    ageBands: layout.ageBands,
    ageGroups: layout.ageGroups.map((g, j) => ({
      label: g.label,
      ageBand: layout.ageBands[layout.groupBand[j]],
      from: g.from,
      to: g.to,
      nationalPeople: g.nationalPeople,
      meanAge: g.meanAge,
      qx: g.qx,
      ageingRate: g.ageingRate,
    })),
    complexityLevels: layout.levels,
    activities: ACTIVITIES,
    effectTargets: EFFECT_TARGETS,
    sectors: SECTORS,
    activitySector: ACTIVITY_SECTOR,
    stateOrder: {
      description:
        "state = ((area × ageGroups + ageGroup) × levels + level) × 5 + quintile (0 = most deprived)",
      levelStride: levelStride(layout),
      ageGroupStride: groupStride(layout),
      entrantState: layout.areas.map((_, a) => stateIndex(layout, a, 0, 0, 0)),
    },
    improvingMoves: input.parameters.improvingMoves ?? STUDY_DEFAULTS.improvingMoves,
    entrants: {
      perPersonYear: rates.entrants,
      shares: layout.areas.map((_, a) =>
        Array.from(rates.entrantShares.subarray(a * QUINTILE_COUNT, (a + 1) * QUINTILE_COUNT))
      ),
    },
    amenableShare: amenable
      ? {
        nonElective: Object.fromEntries(
          layout.ageBands.map((
            b,
          ) => [b, values[registry.index.get(`amenableShare.nonElective.${b}`)!]]),
        ),
        complexityRatio: Object.fromEntries(
          layout.levels.flatMap((l) => {
            const at = registry.index.get(`amenableShare.complexityRatio.${l}`);
            return at === undefined ? [] : [[l, values[at]]];
          }),
        ),
        perState: Array.from(amenable),
      }
      : null,
    posterior: model.posterior
      ? {
        hash: model.posterior.hash,
        draws: model.posterior.count,
        parameters: model.posterior.keys,
        drawUsed: K === undefined ? "means" : K % model.posterior.count,
      }
      : null,
    parameters,
    states,
    unitCosts: input.parameters.unitCost,
    interventions,
    scenarios: input.scenarios,
    health: model.health,
    value: model.value,
  };
}
