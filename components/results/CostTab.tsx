/** The cost tab: total cost per year (fan chart), the net-cost S-curve, who pays and who saves. */
import type { Results } from "../../sim/summary.ts";
import { costFanChart } from "../../report/charts/cost-fan.ts";
import { netCostCurve } from "../../report/charts/net-cost.ts";
import { sectorChart } from "../../report/charts/sectors.ts";
import { PlotFigure } from "../PlotFigure.tsx";

export function CostTab({ results }: { results: Results }) {
  return (
    <>
      <PlotFigure chart={costFanChart(results)} />
      {results.mode === "monte-carlo"
        ? <PlotFigure chart={netCostCurve(results)} />
        : (
          <p class="muted">
            Run Monte Carlo to see the distribution of net cost and the probability of saving money.
          </p>
        )}
      <PlotFigure chart={sectorChart(results)} />
    </>
  );
}
