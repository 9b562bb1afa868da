/**
 * Scenario B against scenario A (B − A), from the same iterations: means, intervals and how
 * often B is lower or higher — valid because every scenario of an iteration shares its random
 * numbers. Shared by the workbench (with a choice of A and B) and the report (every pair).
 */
import type { PairComparison, PairRow } from "../report/verdict.ts";
import { countChange, moneyChange, nb, numberChange, percent } from "../report/format.ts";

const formatOf = (row: PairRow) =>
  row.unit === "£" ? moneyChange : row.unit === "count" ? countChange : numberChange;

export function PairTable({ c, level }: { c: PairComparison; level: number }) {
  if (c.rows.length === 0) return <p class="muted">Choose two different scenarios.</p>;
  const probabilities = c.rows.some((r) => r.pNegative !== null);
  return (
    <div class="table-scroll" role="region" aria-label={`${c.b} against ${c.a}`} tabIndex={0}>
      <table data-testid="pair-table">
        <thead>
          <tr>
            <th scope="col">{c.b} − {c.a}</th>
            <th scope="col">Difference</th>
            {probabilities && <th scope="col">{level}% interval</th>}
            {probabilities && <th scope="col">Probability {c.b} is lower</th>}
          </tr>
        </thead>
        <tbody>
          {c.rows.map((row) => {
            const f = formatOf(row);
            return (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td>{nb(f(row.difference.mean))}</td>
                {probabilities && (
                  <td>
                    {row.difference.low === undefined
                      ? "–"
                      : `${nb(f(row.difference.low))} to ${nb(f(row.difference.high!))}`}
                  </td>
                )}
                {probabilities && <td>{percent(row.pNegative)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="small muted">
        On inequality, {c.b} {c.inequality === "no change"
          ? "makes no difference against"
          : c.inequality === "widens"
          ? "leaves the gap wider than"
          : "leaves the gap narrower than"} {c.a}. {c.paired
          ? "Differences are taken run by run (both scenarios share each run's random numbers)."
          : "These results carry no run-by-run pairs (saved before they existed): differences of means only; run again for intervals."}
      </p>
    </div>
  );
}
