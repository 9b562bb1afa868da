/**
 * The inequality tab: the change in admission rates by quintile (paired with the baseline), and
 * at the horizon the SII, RII, gaps and the share of the year's change that falls in the most
 * deprived quintile, with whether each scenario widens or narrows the gap.
 */
import type { ComponentChildren } from "preact";
import type { Results } from "../../sim/summary.ts";
import { inequalityChart } from "../../report/charts/inequality.ts";
import { nb, number, numberChange, percent } from "../../report/format.ts";
import { inequalityWord } from "../../report/verdict.ts";
import { PlotFigure } from "../PlotFigure.tsx";
import { Term } from "../Term.tsx";

type InequalityKey =
  | "sii.nonElective"
  | "rii.nonElective"
  | "gapAbs.nonElective"
  | "gapRel.nonElective";

const ROWS: InequalityKey[] = [
  "sii.nonElective",
  "rii.nonElective",
  "gapAbs.nonElective",
  "gapRel.nonElective",
];

function RowLabel({ k }: { k: InequalityKey }): ComponentChildren {
  if (k === "sii.nonElective") {
    return (
      <>
        <Term id="sii">SII</Term> (per 1,000)
      </>
    );
  }
  if (k === "rii.nonElective") return <Term id="rii">RII</Term>;
  if (k === "gapAbs.nonElective") {
    return (
      <>
        <Term id="gap">Gap Q1 − Q5</Term> (per 1,000)
      </>
    );
  }
  return "Ratio Q1 / Q5";
}

export function InequalityTab({ results }: { results: Results }) {
  const H = results.horizonYears;
  const base = results.scenarios.find((s) => s.deltas === null)!;
  const baseSii = base.absolute["sii.nonElective"].mean[H];
  return (
    <>
      <PlotFigure chart={inequalityChart(results)} />
      <div class="table-scroll" role="region" aria-label="Inequality measures" tabIndex={0}>
        <table data-testid="inequality-table">
          <thead>
            <tr>
              <th scope="col">Year {H}, non-elective admissions</th>
              {results.scenarios.map((s) => <th key={s.name} scope="col">{s.name}</th>)}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((key) => (
              <tr key={key}>
                <th scope="row">
                  <RowLabel k={key} />
                </th>
                {results.scenarios.map((s) => (
                  <td key={s.name}>
                    {number(s.absolute[key].mean[H])}
                    {s.absolute[key].low && (
                      <span class="interval">
                        {nb(number(s.absolute[key].low![H]))} to{" "}
                        {nb(number(s.absolute[key].high![H]))}
                      </span>
                    )}
                    {s.deltas && (
                      <span class="interval">
                        change {nb(numberChange(s.deltas[key].mean[H]))}
                        {key === "sii.nonElective" &&
                          ` (${inequalityWord(baseSii, s.deltas[key].mean[H])})`}
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">Share of the year's change in Q1 (most deprived)</th>
              {results.scenarios.map((s) => (
                <td key={s.name}>
                  {s.deltas ? percent(s.deltas["shareQ1.activity.nonElective"].mean[H]) : "–"}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <p class="small muted">
        Quintiles run from Q1, the most deprived fifth of people, to Q5, the least deprived. Changes
        are scenario − baseline.
      </p>
    </>
  );
}
