/**
 * "A person's journey": synthetic people of a cohort drawn from the model, a typical and a
 * high-cost one charted as theographs (baseline above scenario), and how their averages compare
 * with the cohort model. Used by the HTML report (report/html.tsx passes its chart figure) and
 * the workbench's journeys panel.
 */
import type { ComponentChildren } from "preact";
import type { Chart } from "../report/charts/chart.ts";
import { SYNTHETIC_LABEL, theographChart } from "../report/charts/theograph.ts";
import { count, number } from "../report/format.ts";
import type { JourneyCheckRow, JourneysReport } from "../report/journeys-report.ts";
import { TableScroll } from "./TableScroll.tsx";

const value = (x: number) => (Math.abs(x) >= 100 ? count(x) : number(x));

export function JourneyCheckTable({ rows }: { rows: JourneyCheckRow[] }) {
  return (
    <TableScroll label="Per person, over the horizon">
      <table>
        <caption>Per person, over the horizon</caption>
        <thead>
          <tr>
            <th scope="col">Arm</th>
            <th scope="col">Measure</th>
            <th scope="col">Synthetic people (mean ± standard error)</th>
            <th scope="col">Cohort model</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>{r.arm}</td>
              <td>{r.measure}</td>
              <td>{value(r.mean)} ± {number(r.se)}</td>
              <td>{value(r.cohort)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function JourneysSection(
  { j, figure, width = 900 }: {
    j: JourneysReport;
    figure: (chart: Chart) => ComponentChildren;
    width?: number;
  },
) {
  return (
    <section aria-labelledby="journeys-heading">
      <h2 id="journeys-heading">A person's journey (synthetic)</h2>
      <p>
        <strong>{SYNTHETIC_LABEL}.</strong> {count(j.people)} people of the cohort {j.cohortLabel}
        {" "}
        ({count(j.cohortPeople)}{" "}
        in year 0) drawn one by one through the model's own rates — deaths, moves between complexity
        levels, ageing, moving away, activity as events in time, enrolment from the intervention's
        uptake, targeting and capacity — in {j.baseline}
        {j.scenario ? ` and in ${j.scenario}, with the same random numbers` : ""} (seed{" "}
        {String(j.seed)}). Shown: the people at the{" "}
        {j.persons.map((p) => p.label.split(" (")[0]).join(" and ")}{" "}
        in the baseline. Averaged over all of them they should match the cohort model's own values
        for the cohort, within Monte Carlo error (about two standard errors either way):
      </p>
      <JourneyCheckTable rows={j.check} />
      {j.persons.map((p) => figure(theographChart(p, width)))}
    </section>
  );
}
