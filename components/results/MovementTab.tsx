/** The movement tab: yearly moves between complexity levels and deaths, one scenario at a time. */
import { useSignal } from "@preact/signals";
import type { Results } from "../../sim/summary.ts";
import { flowChart } from "../../report/charts/flows.ts";
import { PlotFigure } from "../PlotFigure.tsx";

export function MovementTab({ results }: { results: Results }) {
  const scenario = useSignal(results.scenarios[results.scenarios.length - 1].name);
  return (
    <>
      <label>
        Scenario
        <select
          value={scenario.value}
          aria-label="Scenario for movement"
          onChange={(e) => (scenario.value = (e.currentTarget as HTMLSelectElement).value)}
        >
          {results.scenarios.map((s) => <option key={s.name} value={s.name}>{s.name}</option>)}
        </select>
      </label>
      <PlotFigure chart={flowChart(results, scenario.value)} />
    </>
  );
}
