/**
 * The fully resolved model as plain data: what the engine really uses. States with their year-0
 * counts, every parameter with its distribution and mean, per-state rates, utilities and
 * transition matrices at parameter means, unit costs, interventions, health and value settings.
 */
import { meanParameters, ParameterValues } from "./parameters.ts";
import { type Model, scenarioContexts } from "./model.ts";
import type { RunOptions } from "./types.ts";
import { ACTIVITIES, QUINTILE_COUNT } from "./types.ts";
import { STUDY_DEFAULTS } from "./study/defaults.ts";

export function describeResolved(model: Model, options: RunOptions) {
  const { layout, registry, input } = model;
  const means = meanParameters(registry);
  const [ctx] = scenarioContexts(model, means);
  const { rates } = ctx;
  const C = layout.levels.length;
  const values = new ParameterValues(registry, means);
  const states = Array.from({ length: layout.stateCount }, (_, s) => ({
    state: s,
    area: layout.areas[layout.area[s]],
    ageBand: layout.ageBands[layout.ageBand[s]],
    complexity: layout.levels[layout.level[s]],
    quintile: layout.quintile[s] + 1,
    initial: model.initial[s],
    death: rates.death[s],
    moves: Object.fromEntries(
      layout.levels.map((to, c) => [to, rates.move[s * C + c]]).filter(([, p]) => p !== 0),
    ),
    ageing: rates.ageing[s],
    migrationPerPerson: rates.migration[s],
    activityPerPersonYear: Object.fromEntries(ACTIVITIES.map((a, k) => [a, rates.activity[k][s]])),
    unitCost: Object.fromEntries(ACTIVITIES.map((a, k) => [a, rates.unitCost[k][s]])),
    socialCarePerPersonYear: rates.socialCare[s],
    utility: ctx.utility[s],
  }));
  // Annual transition matrix per (area, age band, quintile): rows = from level, columns = to
  // each level, then death; the diagonal is the probability of staying.
  const transitionMatrices = [];
  for (let a = 0; a < layout.areas.length; a++) {
    for (let g = 0; g < layout.ageBands.length; g++) {
      for (let q = 0; q < QUINTILE_COUNT; q++) {
        const rows = layout.levels.map((_, from) => {
          const s = ((a * layout.ageBands.length + g) * C + from) * QUINTILE_COUNT + q;
          const row = layout.levels.map((_, to) => (to === from ? 0 : rates.move[s * C + to]));
          row.push(rates.death[s]);
          row[from] = 1 - row.reduce((x, y) => x + y, 0);
          return row;
        });
        transitionMatrices.push({
          area: layout.areas[a],
          ageBand: layout.ageBands[g],
          quintile: q + 1,
          columns: [...layout.levels, "death"],
          rows,
        });
      }
    }
  }
  return {
    horizonYears: input.horizonYears,
    cyclesPerYear: input.cyclesPerYear,
    discountRate: input.discountRate,
    run: options,
    areas: input.areas,
    ageBands: layout.ageBands,
    complexityLevels: layout.levels,
    improvingMoves: input.parameters.improvingMoves ?? STUDY_DEFAULTS.improvingMoves,
    entrantsPerPersonYear: rates.entrants,
    parameters: Object.fromEntries(
      registry.keys.map((
        k,
        i,
      ) => [k, { distribution: registry.distributions[i], mean: values.get(k) }]),
    ),
    states,
    transitionMatrices,
    unitCosts: input.parameters.unitCost,
    interventions: input.interventions,
    scenarios: input.scenarios,
    health: model.health,
    value: model.value,
  };
}
