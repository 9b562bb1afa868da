/**
 * The cost tab: the change in total cost each year (fan per scenario), the net-cost S-curve and
 * the histogram of net cost over runs (Monte Carlo only), who pays and who saves.
 */
import type { Results } from "../../sim/summary.ts";
import { costFanChart } from "../../report/charts/cost-fan.ts";
import { netCostCurve } from "../../report/charts/net-cost.ts";
import { netCostHistogram } from "../../report/charts/net-cost-histogram.ts";
import { sectorChart } from "../../report/charts/sectors.ts";
import { PlotFigure } from "../PlotFigure.tsx";

export function CostTab({ results }: { results: Results }) {
  const histogram = netCostHistogram(results);
  return (
    <>
      <PlotFigure chart={costFanChart(results)} />
      {results.mode === "monte-carlo"
        ? (
          <>
            <PlotFigure chart={netCostCurve(results)} />
            {histogram && <PlotFigure chart={histogram} />}
          </>
        )
        : (
          <p class="muted">
            Run Monte Carlo to see how net cost varies over runs and the probability of saving
            money.
          </p>
        )}
      <PlotFigure chart={sectorChart(results)} />
    </>
  );
}
