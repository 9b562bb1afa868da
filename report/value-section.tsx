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
import { ValueTable } from "../components/ValueTable.tsx";
import { number, perQaly } from "./format.ts";
import {
  budgetTable,
  distributionalTable,
  EDE_CAVEAT,
  incrementalTable,
  informationTable,
  prccTable,
  valueSummaryTable,
} from "./value-tables.ts";

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
        <ValueTable t={chart.table} />
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
      <ValueTable t={valueSummaryTable(r)} />
      <h3>Incremental analysis across scenarios</h3>
      <p>
        Strategies ordered by cost; dominated (costs more for no more health) and extendedly
        dominated (a mix of its neighbours would do better) strategies removed, as dampack's
        calculate_icers does; ICERs along the efficient frontier.
      </p>
      <ValueTable t={incrementalTable(r)} />
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
            {info ? <ValueTable t={info} /> : null}
            <Figure chart={evpiChart(r)} />
            <h3>What drives the uncertainty</h3>
            {others.map((s) => (
              <Fragment key={s.name}>
                <Figure chart={tornadoChart(r, s.name)} />
                {prccTable(r, s.name)
                  ? (
                    <ValueTable
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
      <ValueTable t={distributionalTable(r)} />
      <p>{EDE_CAVEAT}</p>
      <h3>Budget view</h3>
      <p>
        Undiscounted, by year. Which service costs release cash and which only free capacity is an
        assumption per activity (docs/model.md); the two are shown apart.
      </p>
      {others.map((s) => <ValueTable key={s.name} t={budgetTable(r, s.name)!} caption={s.name} />)}
    </section>
  );
}
