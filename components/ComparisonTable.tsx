/** The side-by-side comparison (better health, better care, cost, inequality) as a table. */
import type { Comparison } from "../report/comparison.ts";
import { nb } from "../report/format.ts";

export function ComparisonTable({ c }: { c: Comparison }) {
  let section = "";
  return (
    <div class="table-scroll" role="region" aria-label="Comparison with the baseline" tabIndex={0}>
      <table data-testid="comparison">
        <thead>
          <tr>
            <th scope="col">Against the baseline, years 1–{c.horizon}</th>
            {c.scenarios.map((s) => <th key={s} scope="col">{s}</th>)}
          </tr>
        </thead>
        <tbody>
          {c.rows.flatMap((row) => {
            const out = [];
            if (row.section !== section) {
              section = row.section;
              out.push(
                <tr class="section" key={`s-${section}`}>
                  <td colSpan={c.scenarios.length + 1}>{section}</td>
                </tr>,
              );
            }
            out.push(
              <tr key={row.label}>
                <th scope="row">
                  {row.label}
                  {row.note && <span class="interval">{row.note}</span>}
                </th>
                {row.cells.map((x, i) => (
                  <td key={i}>
                    {nb(x.text)}
                    {x.interval && <span class="interval">{nb(x.interval)}</span>}
                  </td>
                ))}
              </tr>,
            );
            return out;
          })}
        </tbody>
      </table>
    </div>
  );
}
