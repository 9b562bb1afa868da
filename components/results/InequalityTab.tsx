/**
 * The inequality tab: admission rates by quintile, and at the horizon the SII, RII, gaps and
 * the share of the year's change that falls in the most deprived quintile.
 */
import type { Results } from "../../sim/summary.ts";
import { inequalityChart } from "../../report/charts/inequality.ts";
import { number, numberChange, percent } from "../../report/format.ts";
import { PlotFigure } from "../PlotFigure.tsx";

const ROWS = [
  ["sii.nonElective", "SII (per 1,000)"],
  ["rii.nonElective", "RII"],
  ["gapAbs.nonElective", "Gap Q1 − Q5 (per 1,000)"],
  ["gapRel.nonElective", "Ratio Q1 / Q5"],
] as const;

export function InequalityTab({ results }: { results: Results }) {
  const H = results.horizonYears;
  return (
    <>
      <PlotFigure chart={inequalityChart(results)} />
      <table data-testid="inequality-table">
        <thead>
          <tr>
            <th scope="col">Year {H}, non-elective admissions</th>
            {results.scenarios.map((s) => <th key={s.name} scope="col">{s.name}</th>)}
          </tr>
        </thead>
        <tbody>
          {ROWS.map(([key, label]) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              {results.scenarios.map((s) => (
                <td key={s.name}>
                  {number(s.absolute[key].mean[H])}
                  {s.absolute[key].low && (
                    <span class="interval">
                      {number(s.absolute[key].low![H])} to {number(s.absolute[key].high![H])}
                    </span>
                  )}
                  {s.deltas && (
                    <span class="interval">change {numberChange(s.deltas[key].mean[H])}</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">Share of the year's change in Q1</th>
            {results.scenarios.map((s) => (
              <td key={s.name}>
                {s.deltas ? percent(s.deltas["shareQ1.activity.nonElective"].mean[H]) : "–"}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </>
  );
}
