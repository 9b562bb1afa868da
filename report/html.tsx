/**
 * The self-contained HTML report of a run: study and run details, the logic model of each
 * scenario, the comparison table, assertions, and charts rendered to SVG on the server
 * (Observable Plot with a linkedom document), each with its text and table alternatives.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { renderToString } from "preact-render-to-string";
import type { AssertionOutcome } from "../sim/assertions.ts";
import { LOGIC_MODEL_FIELDS, type Study } from "../sim/study/format.ts";
import type { Results } from "../sim/summary.ts";
import type { Chart } from "./charts/chart.ts";
import { reportCharts } from "./charts/report-charts.ts";
import { buildComparison } from "./comparison.ts";
import { count, money, number } from "./format.ts";
import type { ScenarioDecomposition } from "../sim/shapley.ts";
import { waterfalls } from "./decomposition.ts";
import { provenanceText } from "./provenance.ts";
import { ComparisonTable } from "../components/ComparisonTable.tsx";
import { ContributionTable } from "../components/ContributionTable.tsx";
import { DataTable } from "../components/DataTable.tsx";
import { ValueSection } from "./value-section.tsx";

/** Renders a chart to an SVG (or figure) string with a server-side DOM. */
export function chartSvg(chart: Chart): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const node = Plot.plot({ ...chart.options, document } as Plot.PlotOptions);
  return (node as unknown as { outerHTML: string }).outerHTML;
}

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;max-width:1100px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #005eb8;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}thead th{background:#f0f4f5}
.section td{font-weight:600;background:#fafafa;text-align:left}.interval{color:#555;font-size:.85em;display:block}
.meta{color:#444}.pass{color:#006b3d;font-weight:600}.fail{color:#b00020;font-weight:600}
.logic{display:grid;grid-template-columns:repeat(5,1fr);gap:.5rem}.logic div{background:#f0f4f5;padding:.5rem;border-radius:4px}
.logic h4{margin:0 0 .3rem;font-size:.85rem;text-transform:uppercase;color:#005eb8}figure{margin:1rem 0}
details{margin:.3rem 0 1rem}svg{max-width:100%;height:auto}
`;

function ChartFigure({ chart }: { chart: Chart }) {
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
      <DataTable rows={chart.table} />
    </figure>
  );
}

export function reportHtml(
  study: Study,
  results: Results,
  assertions: AssertionOutcome[] = [],
  contributions: ScenarioDecomposition[] = [],
): string {
  const base = results.scenarios.find((s) => s.deltas === null)!;
  const payers = Object.fromEntries((study.interventions ?? []).map((iv) => [iv.id, iv.payer]));
  const comparison = buildComparison(results, payers);
  const names = new Map((study.interventions ?? []).map((iv) => [iv.id, iv]));
  const body = (
    <body>
      <header>
        <h1>{study.name}</h1>
        {study.description ? <p>{study.description}</p> : null}
        <p class="meta">
          {count(base.absolute.population.mean[0])} people,{" "}
          {money(base.absolute["cost.service"].mean[0])} spend in year 0; {results.horizonYears}
          {" "}
          years; {count(results.iterations)} iterations ({results.mode}
          {results.uncertainty ? `, uncertainty: ${results.uncertainty}` : ""}); seed{" "}
          {String(results.seed)}; costs discounted at {number(results.discountRate * 100)}% a year.
        </p>
        <p class="meta provenance">{provenanceText(results.provenance)}</p>
      </header>
      <main>
        <h2>Scenarios</h2>
        {(study.scenarios ?? []).filter((s) => s.interventions.length > 0).map((s) => (
          <section>
            <h3>{s.name}</h3>
            {s.description ? <p>{s.description}</p> : null}
            <ul>
              {s.interventions.map((id) => {
                const iv = names.get(id);
                return (
                  <li>
                    <strong>{iv?.name ?? id}</strong>
                    {iv?.source ? <span class="interval">Evidence: {iv.source}</span> : null}
                    {iv?.rationale ? <span class="interval">Why: {iv.rationale}</span> : null}
                  </li>
                );
              })}
            </ul>
            {s.logicModel
              ? (
                <div class="logic" aria-label="Logic model">
                  {LOGIC_MODEL_FIELDS.map(([k]) => (
                    <div>
                      <h4>{k}</h4>
                      {s.logicModel![k]}
                    </div>
                  ))}
                </div>
              )
              : null}
            {s.outcomes?.length
              ? (
                <p>
                  Outcome measures:{" "}
                  {s.outcomes.map((o) => `${o.measure} (${o.lifeStage})`).join("; ")}.
                </p>
              )
              : null}
          </section>
        ))}
        {comparison.scenarios.length
          ? (
            <>
              <h2>Comparison with the baseline</h2>
              <p>
                Means over iterations with{" "}
                {Math.round(results.interval * 100)}% intervals; activity and deaths summed over
                years 1–{results.horizonYears}; costs discounted and summed; inequality in year{" "}
                {results.horizonYears}.
              </p>
              <ComparisonTable c={comparison} />
            </>
          )
          : null}
        {assertions.length
          ? (
            <>
              <h2>Assertions</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Assertion</th>
                    <th scope="col">Result</th>
                    <th scope="col">Mean</th>
                    <th scope="col">Interval</th>
                    <th scope="col">Share of iterations</th>
                  </tr>
                </thead>
                <tbody>
                  {assertions.map((a) => (
                    <tr>
                      <td>
                        {a.label}
                        {a.assertion.reason ? <p class="meta">Why: {a.assertion.reason}</p> : null}
                      </td>
                      <td class={a.passed ? "pass" : "fail"}>{a.passed ? "holds" : "fails"}</td>
                      <td>{number(a.mean)}</td>
                      <td>{number(a.low)} to {number(a.high)}</td>
                      <td>{Math.round(a.share * 100)}%</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )
          : null}
        {contributions.some((d) => d.interventions.length > 1)
          ? (
            <>
              <h2>Which interventions move the result</h2>
              <p>
                Each scenario's change against the baseline, split into one contribution per
                intervention (Shapley values over subsets of its interventions, simulated with the
                same random numbers); contributions add up to the total.
              </p>
              {contributions.filter((d) => d.interventions.length > 1).map((d) => (
                <section key={d.scenario}>
                  <h3>{d.scenario}</h3>
                  <ContributionTable d={d} />
                  {waterfalls(d).map((chart) => <ChartFigure key={chart.id} chart={chart} />)}
                </section>
              ))}
            </>
          )
          : null}
        <ValueSection results={results} />
        <h2>Charts</h2>
        {reportCharts(results).map((chart) => <ChartFigure key={chart.id} chart={chart} />)}
      </main>
    </body>
  );
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${
    escapeHtml(study.name)
  } — Careshift report</title><style>${STYLE}</style></head>${renderToString(body)}</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}
