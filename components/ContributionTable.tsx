/** Each intervention's contribution to a combined scenario (Shapley values) as a table. */
import type { ScenarioDecomposition } from "../sim/shapley.ts";
import { CONTRIBUTION_HEADERS, contributionRows } from "../report/decomposition.ts";
import { nb } from "../report/format.ts";

export function ContributionTable({ d }: { d: ScenarioDecomposition }) {
  return (
    <div
      class="table-scroll"
      role="region"
      aria-label={`Contributions to ${d.scenario}`}
      tabIndex={0}
    >
      <table>
        <thead>
          <tr>{CONTRIBUTION_HEADERS.map((h) => <th key={h} scope="col">{h}</th>)}</tr>
        </thead>
        <tbody>
          {contributionRows(d).map((r) => (
            <tr key={r.intervention}>
              <th scope="row">{r.intervention}</th>
              <td>{nb(r.ownCost)}</td>
              <td>{nb(r.netCost)}</td>
              <td>{nb(r.netCostInterval)}</td>
              <td>{r.pSaving}</td>
              <td>{nb(r.roi)}</td>
              <td>{nb(r.admissions)}</td>
              <td>{nb(r.sii)}</td>
              <td class={r.flag ? "flag" : ""}>{r.flag}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
