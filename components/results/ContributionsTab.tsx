/**
 * The by-intervention tab: each scenario that combines interventions, split into one
 * contribution per intervention (Shapley values), with a waterfall of a chosen outcome.
 */
import { useSignal } from "@preact/signals";
import type { DecomposedMeasure } from "../../sim/measures.ts";
import type { ScenarioDecomposition } from "../../sim/shapley.ts";
import type { Study } from "../../sim/study/format.ts";
import type { Results } from "../../sim/summary.ts";
import { OUTCOME_LABELS, waterfall } from "../../report/decomposition.ts";
import { ContributionTable } from "../ContributionTable.tsx";
import { PlotFigure } from "../PlotFigure.tsx";

export function ContributionsTab({ results, study, decompositions }: {
  results: Results;
  study: Study;
  decompositions: ScenarioDecomposition[] | null;
}) {
  const outcome = useSignal<DecomposedMeasure>("discounted.cost.total");
  if (!study.scenarios.some((s) => s.interventions.length > 1)) {
    return (
      <p class="muted">
        No scenario combines several interventions: tick two or more in a scenario to see which of
        them move the result.
      </p>
    );
  }
  if (results.mode !== "monte-carlo" || !decompositions) {
    return (
      <p class="muted">
        Run Monte Carlo to split each combined scenario's result between its interventions (Shapley
        values, same random numbers).
      </p>
    );
  }
  return (
    <div data-testid="contributions">
      <p class="small muted">
        Each scenario's change against the baseline split into one contribution per intervention:
        the Shapley value over subsets of its interventions, all simulated with the same random
        numbers, so the contributions add up to the total in every iteration.
      </p>
      <label>
        Outcome for the waterfalls
        <select
          value={outcome.value}
          onChange={(
            e,
          ) => (outcome.value = (e.currentTarget as HTMLSelectElement).value as DecomposedMeasure)}
        >
          {Object.entries(OUTCOME_LABELS).map(([key, label]) => (
            <option key={key} value={key}>{label}</option>
          ))}
        </select>
      </label>
      {decompositions.filter((d) => d.interventions.length > 1).map((d) => (
        <section key={d.scenario}>
          <h4>{d.scenario}</h4>
          <ContributionTable d={d} />
          <PlotFigure chart={waterfall(d, outcome.value)} />
        </section>
      ))}
    </div>
  );
}
