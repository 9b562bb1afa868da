/** The movement tab: yearly moves between complexity levels and deaths, and their change. */
import { useSignal } from "@preact/signals";
import type { Results } from "../../sim/summary.ts";
import { flowChangeChart, flowChart } from "../../report/charts/flows.ts";
import { PlotFigure } from "../PlotFigure.tsx";

export function MovementTab({ results }: { results: Results }) {
  const compared = results.scenarios.filter((s) => s.deltas);
  const scenario = useSignal((compared[compared.length - 1] ?? results.scenarios[0]).name);
  return (
    <>
      <label>
        Scenario
        <select
          value={scenario.value}
          onChange={(e) => (scenario.value = (e.currentTarget as HTMLSelectElement).value)}
        >
          {results.scenarios.map((s) => <option key={s.name} value={s.name}>{s.name}</option>)}
        </select>
      </label>
      <PlotFigure chart={flowChart(results, scenario.value)} />
      {results.scenarios.find((s) => s.name === scenario.value)?.deltas && (
        <PlotFigure chart={flowChangeChart(results, scenario.value)} />
      )}
    </>
  );
}
