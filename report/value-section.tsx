/**
 * The HTML report's value-for-money section: each scenario against the baseline (QALYs, cost,
 * ICER, net monetary benefit, probability cost-effective, payback), the incremental analysis,
 * the cost-effectiveness plane, acceptability curves, the value of information, what drives the
 * uncertainty (tornado, PRCC), health inequality (distributional cost-effectiveness) and the
 * budget view. Charts are server-side SVG (chartSvg), each with its text and data table.
 */
import { Fragment } from "preact";
import type { Results } from "../sim/summary.ts";
import type { Chart } from "./charts/chart.ts";
import { ceacChart } from "./charts/ceac.ts";
import { cePlaneChart } from "./charts/ce-plane.ts";
import { evpiChart } from "./charts/evpi.ts";
import { tornadoChart } from "./charts/tornado.ts";
import { chartSvg } from "./html.tsx";
import { number, perQaly } from "./format.ts";
import {
  budgetTable,
  distributionalTable,
  EDE_CAVEAT,
  incrementalTable,
  informationTable,
  prccTable,
  type Table,
  valueSummaryTable,
} from "./value-tables.ts";

function TableView({ t, caption }: { t: Table; caption?: string }) {
  return (
    <table>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>{t[0].map((h, i) => <th key={i} scope="col">{h}</th>)}</tr>
      </thead>
      <tbody>
        {t.slice(1).map((row, i) => (
          <tr key={i}>
            <th scope="row">{row[0]}</th>
            {row.slice(1).map((v, j) => <td key={j}>{v}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Figure({ chart }: { chart: Chart | null }) {
  if (!chart) return null;
  return (
    <figure>
      <figcaption>
        <strong>{chart.title}</strong>
      </figcaption>
      <div
        role="img"
        aria-label={chart.alt}
        dangerouslySetInnerHTML={{ __html: chartSvg(chart) }}
      />
      <p>{chart.alt}</p>
      <details>
        <summary>Data table</summary>
        <TableView t={chart.table} />
      </details>
    </figure>
  );
}

export function ValueSection({ results: r }: { results: Results }) {
  const others = r.scenarios.filter((s) => s.value);
  if (!others.length) return null;
  const monteCarlo = r.mode === "monte-carlo";
  const info = informationTable(r);
  return (
    <section id="value">
      <h2>Better health and value for money</h2>
      <p>
        Scenario − baseline over years 1–{r.horizonYears}: costs discounted at{" "}
        {number(r.value.costDiscountRate * 100)}% and QALYs at{" "}
        {number(r.value.healthDiscountRate * 100)}%{" "}
        a year; net monetary benefit = threshold × QALYs gained − net cost (positive: good value),
        at {r.value.thresholds.map(perQaly).join(" and ")} (NICE).
      </p>
      <TableView t={valueSummaryTable(r)} />
      <h3>Incremental analysis across scenarios</h3>
      <p>
        Strategies ordered by cost; dominated (costs more for no more health) and extendedly
        dominated (a mix of its neighbours would do better) strategies removed, as dampack's
        calculate_icers does; ICERs along the efficient frontier.
      </p>
      <TableView t={incrementalTable(r)} />
      {monteCarlo
        ? (
          <>
            <Figure chart={cePlaneChart(r)} />
            <Figure chart={ceacChart(r)} />
            <h3>Value of information</h3>
            <p>
              What removing the uncertainty would be worth to this decision, for the whole
              population over the horizon: EVPI for all parameters, EVPPI for groups of them ({r
                .value.evppi?.method}; ± its standard error).
            </p>
            {info ? <TableView t={info} /> : null}
            <Figure chart={evpiChart(r)} />
            <h3>What drives the uncertainty</h3>
            {others.map((s) => (
              <Fragment key={s.name}>
                <Figure chart={tornadoChart(r, s.name)} />
                {prccTable(r, s.name)
                  ? (
                    <TableView
                      t={prccTable(r, s.name)!}
                      caption={`${s.name}: partial rank correlation of each parameter with the outcome over the iterations (strongest 10)`}
                    />
                  )
                  : null}
              </Fragment>
            ))}
          </>
        )
        : (
          <p>
            Run Monte Carlo for the cost-effectiveness plane, acceptability curves, value of
            information and what drives the uncertainty.
          </p>
        )}
      <h3>Health inequality</h3>
      <TableView t={distributionalTable(r)} />
      <p>{EDE_CAVEAT}</p>
      <h3>Budget view</h3>
      <p>
        Undiscounted, by year. Which service costs release cash and which only free capacity is an
        assumption per activity (docs/model.md); the two are shown apart.
      </p>
      {others.map((s) => <TableView key={s.name} t={budgetTable(r, s.name)!} caption={s.name} />)}
    </section>
  );
}
