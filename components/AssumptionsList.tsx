/**
 * Every assumption of a study as entered (report/assumptions.ts), one table per group: each value
 * with its source, what is assumed and why (rationale), where the study says.
 */
import type { Study } from "../sim/study/format.ts";
import { assumptionGroups } from "../report/assumptions.ts";
import { TableScroll } from "./TableScroll.tsx";

export function AssumptionsList({ study, level = 3 }: { study: Study; level?: 3 | 4 }) {
  const H = level === 3 ? "h3" : "h4";
  return (
    <div data-testid="assumptions">
      {assumptionGroups(study).map((g) => (
        <section key={g.title}>
          <H>{g.title}</H>
          <TableScroll label={g.title}>
            <table class="assumptions">
              <tbody>
                {g.rows.map((r, i) => (
                  <tr key={i}>
                    <th scope="row">{r.label}</th>
                    <td>
                      {r.value}
                      {r.source && <span class="interval">Source: {r.source}</span>}
                      {r.assumption && <span class="interval">Assumed: {r.assumption}</span>}
                      {r.rationale && <span class="interval">Why: {r.rationale}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ))}
    </div>
  );
}
