/**
 * Results in tabs: summary (headline figures and the comparison table), cost, activity,
 * inequality, movement between segments, impactability, population and logic models.
 */
import { useSignal } from "@preact/signals";
import type { PreparedStudy } from "../sim/study/prepare.ts";
import type { Study } from "../sim/study/format.ts";
import type { Results } from "../sim/summary.ts";
import { cohortImpactability } from "../sim/impactability.ts";
import type { TargetingRule } from "../sim/types.ts";
import {
  activityChart,
  costFanChart,
  equityEfficiencyChart,
  flowChart,
  impactabilityChart,
  inequalityChart,
  netCostCurve,
  type PlanePoint,
  sectorChart,
} from "../report/charts.ts";
import { buildComparison } from "../report/comparison.ts";
import { count, moneyChange, number, numberChange, percent } from "../report/format.ts";
import { ComparisonTable } from "./ComparisonTable.tsx";
import type { ScenarioDecomposition } from "../sim/shapley.ts";
import type { DecomposedMeasure } from "../sim/measures.ts";
import { OUTCOME_LABELS, waterfall } from "../report/decomposition.ts";
import { ContributionTable } from "./ContributionTable.tsx";
import { evaluate, headline } from "../client/evaluate.ts";
import { PlotFigure } from "./PlotFigure.tsx";
import { PopulationTable } from "./PopulationTable.tsx";
import { updateIntervention, updateScenario } from "../client/study-edit.ts";

const TABS = [
  ["summary", "Summary"],
  ["cost", "Cost"],
  ["activity", "Activity"],
  ["inequality", "Inequality"],
  ["flows", "Movement"],
  ["impactability", "Impactability"],
  ["contributions", "By intervention"],
  ["population", "Population"],
  ["logic", "Logic models"],
] as const;
type Tab = typeof TABS[number][0];

const RULES: [TargetingRule, string][] = [
  ["proportional", "No targeting"],
  ["highest-risk", "Highest risk"],
  ["most-deprived", "Most deprived"],
  ["impactability", "Impactability"],
];

function Kpis({ results, scenarioName }: { results: Results; scenarioName: string }) {
  const s = results.scenarios.find((x) => x.name === scenarioName && x.deltas) ??
    results.scenarios.find((x) => x.deltas);
  if (!s?.deltas) return null;
  const H = results.horizonYears;
  const net = s.deltas["discounted.cost.total"];
  const adm = s.deltas["cumulative.activity.nonElective"];
  const sii = s.deltas["sii.nonElective"];
  const interval = (x: { low?: number[]; high?: number[] }, f: (v: number) => string) =>
    x.low && x.high ? `${f(x.low[H])} to ${f(x.high[H])}` : "no sampling";
  return (
    <div class="kpis" data-testid="kpis">
      <div class="kpi">
        <div class="label">{s.name}: net cost over {H} years</div>
        <div class="value" data-testid="kpi-net">{moneyChange(net.mean[H])}</div>
        <div class="small muted">{interval(net, moneyChange)}</div>
      </div>
      <div class="kpi">
        <div class="label">Probability of saving money</div>
        <div class="value">
          {results.mode === "expected" ? "–" : percent(net.pNegative?.[H] ?? null)}
        </div>
        <div class="small muted">
          {results.mode === "expected"
            ? "run Monte Carlo"
            : `${count(results.iterations)} iterations`}
        </div>
      </div>
      <div class="kpi">
        <div class="label">Non-elective admissions</div>
        <div class="value" data-testid="kpi-admissions">{count(adm.mean[H])}</div>
        <div class="small muted">{interval(adm, count)}</div>
      </div>
      <div class="kpi">
        <div class="label">SII, admissions per 1,000 (towards 0 narrows)</div>
        <div class="value">{numberChange(sii.mean[H])}</div>
        <div class="small muted">{interval(sii, numberChange)}</div>
      </div>
    </div>
  );
}

function Impactability(
  { results, study, loaded, csvText }: {
    results: Results;
    study: Study;
    loaded: PreparedStudy;
    csvText: string | null;
  },
) {
  const ivs = study.interventions ?? [];
  const chosen = useSignal(ivs[0]?.id ?? "");
  const iv = ivs.find((x) => x.id === chosen.value) ?? ivs[0];
  if (!iv) return <p class="muted">This study has no interventions.</p>;
  const cohorts = cohortImpactability(loaded.model, iv.id);
  // Equity–efficiency plane: the same intervention alone, filled by each targeting rule.
  const points: PlanePoint[] = RULES.flatMap(([rule, label]) => {
    const variant = updateScenario(updateIntervention(study, iv.id, { targeting: rule }), 0, {
      name: "Plane",
      interventions: [iv.id],
    });
    variant.scenarios = [variant.scenarios[0]];
    variant.assertions = [];
    const e = evaluate(variant, csvText);
    const h = e.results ? headline(e.results, "Plane") : null;
    return h ? [{ rule: label, ...h }] : [];
  });
  return (
    <div>
      <label>
        Intervention
        <select
          value={iv.id}
          aria-label="Intervention for impactability"
          onChange={(e) => (chosen.value = (e.currentTarget as HTMLSelectElement).value)}
        >
          {ivs.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </label>
      <p class="small muted">
        Capacity to benefit = engagement × expected avoidable cost per person per year
        (docs/model.md, section 4). Predicted risk is not capacity to benefit (Steventon &amp;
        Billings 2017); targeting on it can widen inequalities (Lewis 2010).
      </p>
      <PlotFigure chart={impactabilityChart(cohorts, iv.name)} />
      {iv.capacity == null && (
        <p class="muted">
          Set a capacity on this intervention to compare targeting rules: without a cap every
          eligible person is offered it.
        </p>
      )}
      {points.length > 0 && <PlotFigure chart={equityEfficiencyChart(points)} />}
      <p class="small muted">
        The plane uses expected values with parameters at their means ({results.horizonYears}{" "}
        years).
      </p>
    </div>
  );
}

function Contributions(
  { results, study, decompositions }: {
    results: Results;
    study: Study;
    decompositions: ScenarioDecomposition[] | null;
  },
) {
  if (!study.scenarios.some((s) => s.interventions.length > 1)) {
    return (
      <p class="muted">
        No scenario combines several interventions: tick two or more in a scenario to see which of
        them move the result.
      </p>
    );
  }
  const outcome = useSignal<DecomposedMeasure>("discounted.cost.total");
  if (results.mode === "expected" || !decompositions) {
    return (
      <p class="muted">
        Run Monte Carlo to split each combined scenario's result between its interventions (Shapley
        values, same random numbers).
      </p>
    );
  }
  return (
    <div data-testid="contributions">
      <p class="small muted">
        Each scenario's change against the baseline split into one contribution per intervention:
        the Shapley value over subsets of its interventions, all simulated with the same random
        numbers, so the contributions add up to the total in every iteration.
      </p>
      <label>
        Outcome
        <select
          value={outcome.value}
          aria-label="Outcome for the waterfall"
          onChange={(
            e,
          ) => (outcome.value = (e.currentTarget as HTMLSelectElement).value as DecomposedMeasure)}
        >
          {Object.entries(OUTCOME_LABELS).map(([key, label]) => (
            <option key={key} value={key}>{label}</option>
          ))}
        </select>
      </label>
      {decompositions.filter((d) => d.interventions.length > 1).map((d) => (
        <section key={d.scenario}>
          <h3>{d.scenario}</h3>
          <ContributionTable d={d} />
          <PlotFigure chart={waterfall(d, outcome.value)} />
        </section>
      ))}
    </div>
  );
}

export function ResultsPanel({ results, study, loaded, scenario, csvText, decompositions }: {
  results: Results;
  study: Study;
  loaded: PreparedStudy;
  scenario: number;
  csvText: string | null;
  decompositions: ScenarioDecomposition[] | null;
}) {
  const tab = useSignal<Tab>("summary");
  const flowScenario = useSignal(results.scenarios[results.scenarios.length - 1].name);
  const scenarioName = study.scenarios[scenario]?.name ?? "";
  const payers = Object.fromEntries((study.interventions ?? []).map((iv) => [iv.id, iv.payer]));
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex(([id]) => id === tab.value);
    if (e.key === "ArrowRight") tab.value = TABS[(i + 1) % TABS.length][0];
    else if (e.key === "ArrowLeft") tab.value = TABS[(i + TABS.length - 1) % TABS.length][0];
    else return;
    e.preventDefault();
    (document.getElementById(`tab-${tab.value}`) as HTMLElement | null)?.focus();
  };
  const H = results.horizonYears;
  return (
    <div>
      <Kpis results={results} scenarioName={scenarioName} />
      <div class="tabs" role="tablist" aria-label="Results" onKeyDown={onKey}>
        {TABS.map(([id, label]) => (
          <button
            key={id}
            id={`tab-${id}`}
            type="button"
            role="tab"
            aria-selected={tab.value === id}
            aria-controls="tabpanel"
            tabIndex={tab.value === id ? 0 : -1}
            onClick={() => (tab.value = id)}
          >
            {label}
          </button>
        ))}
      </div>
      <div
        id="tabpanel"
        role="tabpanel"
        aria-labelledby={`tab-${tab.value}`}
        data-testid={`panel-${tab.value}`}
      >
        {tab.value === "summary" && (
          results.scenarios.some((s) => s.deltas)
            ? <ComparisonTable c={buildComparison(results, payers)} />
            : (
              <p class="muted">
                Add an intervention to a scenario to compare it with the baseline.
              </p>
            )
        )}
        {tab.value === "cost" && (
          <>
            <PlotFigure chart={costFanChart(results)} />
            {results.mode === "monte-carlo"
              ? <PlotFigure chart={netCostCurve(results)} />
              : (
                <p class="muted">
                  Run Monte Carlo to see the distribution of net cost and the probability of saving
                  money.
                </p>
              )}
            <PlotFigure chart={sectorChart(results)} />
          </>
        )}
        {tab.value === "activity" && <PlotFigure chart={activityChart(results)} />}
        {tab.value === "inequality" && (
          <>
            <PlotFigure chart={inequalityChart(results)} />
            <table data-testid="inequality-table">
              <thead>
                <tr>
                  <th scope="col">Year {H}, non-elective admissions</th>
                  {results.scenarios.map((s) => <th key={s.name} scope="col">{s.name}</th>)}
                </tr>
              </thead>
              <tbody>
                {([["sii.nonElective", "SII (per 1,000)"], ["rii.nonElective", "RII"], [
                  "gapAbs.nonElective",
                  "Gap Q1 − Q5 (per 1,000)",
                ], ["gapRel.nonElective", "Ratio Q1 / Q5"]] as const).map(([key, label]) => (
                  <tr key={key}>
                    <th scope="row">{label}</th>
                    {results.scenarios.map((s) => (
                      <td key={s.name}>
                        {number(s.absolute[key].mean[H])}
                        {s.absolute[key].low && (
                          <span class="interval">
                            {number(s.absolute[key].low![H])} to {number(s.absolute[key].high![H])}
                          </span>
                        )}
                        {s.deltas && (
                          <span class="interval">change {numberChange(s.deltas[key].mean[H])}</span>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row">Share of the year's change in Q1</th>
                  {results.scenarios.map((s) => (
                    <td key={s.name}>
                      {s.deltas ? percent(s.deltas["shareQ1.activity.nonElective"].mean[H]) : "–"}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </>
        )}
        {tab.value === "flows" && (
          <>
            <label>
              Scenario
              <select
                value={flowScenario.value}
                aria-label="Scenario for movement"
                onChange={(
                  e,
                ) => (flowScenario.value = (e.currentTarget as HTMLSelectElement).value)}
              >
                {results.scenarios.map((s) => (
                  <option key={s.name} value={s.name}>{s.name}</option>
                ))}
              </select>
            </label>
            <PlotFigure chart={flowChart(results, flowScenario.value)} />
          </>
        )}
        {tab.value === "impactability" && (
          <Impactability results={results} study={study} loaded={loaded} csvText={csvText} />
        )}
        {tab.value === "contributions" && (
          <Contributions results={results} study={study} decompositions={decompositions} />
        )}
        {tab.value === "population" && <PopulationTable model={loaded.model} />}
        {tab.value === "logic" && (
          <div>
            {study.scenarios.map((s) => (
              <section key={s.name}>
                <h3>{s.name}</h3>
                {s.logicModel
                  ? (
                    <div class="logic">
                      {(["problem", "intervention", "outputs", "outcomes", "impact"] as const).map((
                        k,
                      ) => (
                        <div key={k} class="card">
                          <strong>{k[0].toUpperCase() + k.slice(1)}</strong>
                          <p class="small">{s.logicModel![k]}</p>
                        </div>
                      ))}
                    </div>
                  )
                  : <p class="muted">No logic model.</p>}
                {s.outcomes && (
                  <p class="small">
                    Outcome measures:{" "}
                    {s.outcomes.map((o) => `${o.measure} (${o.lifeStage})`).join("; ")}
                  </p>
                )}
              </section>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
