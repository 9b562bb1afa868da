/**
 * The self-contained HTML report of a run: how the run was made, the sign convention, the
 * verdict (every scenario side by side), scenarios compared with each other, the logic model of
 * each scenario, every assumption as entered, the comparison table, assertions, contributions
 * by intervention, charts rendered to SVG on the server (Observable Plot with a linkedom
 * document), each with its text and table alternatives, and a glossary of the terms it uses.
 * It is built from the results it is given — the run on screen — never from a run of its own.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { renderToString } from "preact-render-to-string";
import type { AssertionOutcome } from "../sim/assertions.ts";
import { LOGIC_MODEL_FIELDS, type Study } from "../sim/study/format.ts";
import type { Results } from "../sim/summary.ts";
import type { Chart } from "./charts/chart.ts";
import { accessiblePlot } from "./charts/plot-dom.ts";
import { reportCharts } from "./charts/report-charts.ts";
import { buildComparison } from "./comparison.ts";
import { count, money, nb, number } from "./format.ts";
import type { ScenarioDecomposition } from "../sim/shapley.ts";
import { waterfalls } from "./decomposition.ts";
import { provenanceText } from "./provenance.ts";
import { assertionRows } from "./assertion-rows.ts";
import { GLOSSARY } from "./glossary.ts";
import { runLabel } from "./run-label.ts";
import { buildVerdict, compareScenarios, SIGN_CONVENTION } from "./verdict.ts";
import { ComparisonTable } from "../components/ComparisonTable.tsx";
import { ContributionTable } from "../components/ContributionTable.tsx";
import { DataTable } from "../components/DataTable.tsx";
import { BudgetsSection } from "./budgets-section.tsx";
import { JourneysSection } from "../components/JourneysSection.tsx";
import type { JourneysReport } from "./journeys-report.ts";
import { GlossaryBase } from "../components/Term.tsx";
import { VerdictTable } from "../components/Verdict.tsx";
import { PairTable } from "../components/PairTable.tsx";
import { AssumptionsList } from "../components/AssumptionsList.tsx";
import { measureLabel } from "./measure-label.ts";
import { ValueSection } from "./value-section.tsx";

/** Renders a chart to an SVG (or figure) string with a server-side DOM. */
export function chartSvg(chart: Chart): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const node = Plot.plot({ ...chart.options, document } as Plot.PlotOptions);
  return accessiblePlot(node as unknown as Element).outerHTML;
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
.sign{border-left:4px solid #005eb8;background:#f0f4f5;padding:.4rem .8rem}
.best{display:inline-block;background:#fff3bf;border-radius:3px;padding:0 .3rem;font-size:.8em;font-weight:600}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.term{position:relative}.term .tip{display:none}.term:hover .tip,.term:focus-within .tip{display:block;position:absolute;z-index:5;left:0;top:1.4em;width:18rem;background:#1b1b1b;color:#fff;padding:.4rem .5rem;border-radius:4px;font-size:.8rem;font-weight:400;text-align:left}
.assumptions th{font-weight:500;max-width:20rem}.assumptions td{text-align:left}
dt{font-weight:600;margin-top:.5rem}dd{margin-left:1rem}
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
  journeys: JourneysReport | null = null,
): string {
  const base = results.scenarios.find((s) => s.deltas === null)!;
  const payers = Object.fromEntries((study.interventions ?? []).map((iv) => [iv.id, iv.payer]));
  const comparison = buildComparison(results, payers);
  const names = new Map((study.interventions ?? []).map((iv) => [iv.id, iv]));
  const compared = results.scenarios.filter((s) => s.deltas);
  const verdict = compared.length ? buildVerdict(results) : null;
  const level = Math.round(results.interval * 100);
  const pairs = compared.flatMap((a, i) =>
    compared.slice(i + 1).map((b) => compareScenarios(results, a.name, b.name))
  );
  const body = (
    <body>
      <header>
        <h1>{study.name}</h1>
        {study.description ? <p>{study.description}</p> : null}
        <p class="meta" data-testid="run-label">
          {runLabel(results)}. {count(base.absolute.population.mean[0])} people,{" "}
          {money(base.absolute["cost.service"].mean[0])} spend in year 0; {results.horizonYears}
          {" "}
          years; costs discounted at {number(results.discountRate * 100)}% a year.
        </p>
        <p class="sign">
          <strong>Sign convention:</strong> {SIGN_CONVENTION}
        </p>
        <p class="meta provenance">{provenanceText(results.provenance)}</p>
      </header>
      <main>
        {verdict
          ? (
            <>
              <h2>Verdict</h2>
              <VerdictTable v={verdict} />
            </>
          )
          : null}
        {pairs.length
          ? (
            <>
              <h2>Scenarios compared with each other</h2>
              {pairs.map((c) => (
                <section key={`${c.a}-${c.b}`}>
                  <h3>{c.b} against {c.a}</h3>
                  <PairTable c={c} level={level} />
                </section>
              ))}
            </>
          )
          : null}
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
                  {LOGIC_MODEL_FIELDS.map(([k, label]) => (
                    <div>
                      <h4>{label}</h4>
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
                  {s.outcomes.map((o) => `${measureLabel(o.measure)} (${o.lifeStage})`).join("; ")}.
                </p>
              )
              : null}
          </section>
        ))}
        <h2>Assumptions as entered</h2>
        <AssumptionsList study={study} />
        {comparison.scenarios.length
          ? (
            <>
              <h2>Comparison with the baseline</h2>
              <p>
                Means over iterations{results.mode === "monte-carlo"
                  ? ` with ${level}% intervals beneath`
                  : ""}; activity and deaths summed over years 1–{results.horizonYears}; costs
                discounted and summed; inequality in year {results.horizonYears}.
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
                    <th scope="col">Value tested</th>
                    <th scope="col">Mean</th>
                    <th scope="col">Interval</th>
                    <th scope="col">Share of runs meeting it</th>
                  </tr>
                </thead>
                <tbody>
                  {assertionRows(results, assertions).map((a) => (
                    <tr>
                      <td>
                        {a.text}
                        {a.reason ? <p class="meta">Why: {a.reason}</p> : null}
                      </td>
                      <td class={a.passed ? "pass" : "fail"}>{a.passed ? "holds" : "fails"}</td>
                      <td>{a.quantity}</td>
                      <td>{nb(a.value)}</td>
                      <td>{nb(a.interval)}</td>
                      <td>{a.share}</td>
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
        <BudgetsSection results={results} />
        <ValueSection results={results} />
        <h2>Charts</h2>
        {reportCharts(results).map((chart) => <ChartFigure key={chart.id} chart={chart} />)}
        {journeys
          ? (
            <JourneysSection
              j={journeys}
              figure={(chart) => <ChartFigure key={chart.id} chart={chart} />}
            />
          )
          : null}
        <h2>Glossary</h2>
        {GLOSSARY.map((g) => (
          <section key={g.title}>
            <h3>{g.title}</h3>
            <dl>
              {g.entries.map((e) => (
                <>
                  <dt id={e.id}>{e.term}</dt>
                  <dd>{e.short}{e.more ? ` ${e.more}` : ""}</dd>
                </>
              ))}
            </dl>
          </section>
        ))}
      </main>
    </body>
  );
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${
    escapeHtml(study.name)
  } — Careshift report</title><style>${STYLE}</style></head>${
    renderToString(<GlossaryBase.Provider value="">{body}</GlossaryBase.Provider>)
  }</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}
