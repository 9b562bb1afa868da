/**
 * The value tab: better health and value for money against the baseline — QALYs, net cost, ICER,
 * net monetary benefit and probability cost-effective, the incremental analysis; after a Monte
 * Carlo run the cost-effectiveness plane, acceptability curves, value of information and what
 * drives the uncertainty (tornado, PRCC); health inequality and the budget view. Every chart with
 * its text alternative and data table (report/charts/, report/value-tables.ts).
 */
import { useSignal } from "@preact/signals";
import type { Results } from "../../sim/summary.ts";
import { ceacChart } from "../../report/charts/ceac.ts";
import { cePlaneChart } from "../../report/charts/ce-plane.ts";
import { evpiChart } from "../../report/charts/evpi.ts";
import { tornadoChart } from "../../report/charts/tornado.ts";
import {
  budgetTable,
  distributionalTable,
  EDE_CAVEAT,
  incrementalTable,
  informationTable,
  prccTable,
  type Table,
  valueSummaryTable,
} from "../../report/value-tables.ts";
import { PlotFigure } from "../PlotFigure.tsx";
import { TableScroll } from "../TableScroll.tsx";
import { ValueTable } from "../ValueTable.tsx";

function TableView({ t, label }: { t: Table; label: string }) {
  return (
    <TableScroll label={label}>
      <ValueTable t={t} label={label} />
    </TableScroll>
  );
}

export function ValueTab({ results, scenarioName }: { results: Results; scenarioName: string }) {
  const others = results.scenarios.filter((s) => s.value);
  const initial = others.find((s) => s.name === scenarioName)?.name ?? others[0]?.name ?? "";
  const chosen = useSignal(initial);
  if (!others.length) {
    return <p class="muted">Add a scenario with an intervention to compare value for money.</p>;
  }
  const scenario = others.find((s) => s.name === chosen.value)?.name ?? initial;
  const monteCarlo = results.mode === "monte-carlo";
  const plane = monteCarlo ? cePlaneChart(results) : null;
  const ceac = monteCarlo ? ceacChart(results) : null;
  const evpi = monteCarlo ? evpiChart(results) : null;
  const info = monteCarlo ? informationTable(results) : null;
  const tornado = monteCarlo ? tornadoChart(results, scenario) : null;
  const prcc = monteCarlo ? prccTable(results, scenario) : null;
  return (
    <div data-testid="value-tab">
      <p class="small muted">
        Scenario − baseline over years 1–{results.horizonYears}, costs and QALYs discounted. Net
        monetary benefit = threshold × QALYs gained − net cost: positive is good value.
      </p>
      <TableView t={valueSummaryTable(results)} label="Value for money against the baseline" />
      <h3>Incremental analysis across scenarios</h3>
      <TableView t={incrementalTable(results)} label="Incremental analysis" />
      {!monteCarlo && (
        <p class="muted">
          Run Monte Carlo for the cost-effectiveness plane, acceptability curves, value of
          information and what drives the uncertainty.
        </p>
      )}
      {plane && <PlotFigure chart={plane} />}
      {ceac && <PlotFigure chart={ceac} />}
      {evpi && <PlotFigure chart={evpi} />}
      {info && <TableView t={info} label="Value of information" />}
      {others.length > 1 && (
        <label>
          Scenario
          <select
            value={scenario}
            aria-label="Scenario for the tornado, PRCC and budget"
            onChange={(e) => (chosen.value = (e.currentTarget as HTMLSelectElement).value)}
          >
            {others.map((s) => <option key={s.name} value={s.name}>{s.name}</option>)}
          </select>
        </label>
      )}
      {tornado && <PlotFigure chart={tornado} />}
      {prcc && <TableView t={prcc} label={`${scenario}: partial rank correlation`} />}
      <h3>Health inequality</h3>
      <TableView t={distributionalTable(results)} label="Health by deprivation quintile" />
      <p class="small muted">{EDE_CAVEAT}</p>
      <h3>Budget view: {scenario}</h3>
      <TableView t={budgetTable(results, scenario)!} label={`${scenario}: budget view`} />
    </div>
  );
}
