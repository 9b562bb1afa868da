/**
 * Results: the verdict (every scenario side by side), any two scenarios compared, then tabs
 * (one file per tab in this folder): summary, cost, activity, inequality, movement,
 * impactability, by intervention, assumptions, population and logic models.
 */
import { useSignal } from "@preact/signals";
import type { ScenarioDecomposition } from "../../sim/shapley.ts";
import type { PreparedStudy } from "../../sim/study/prepare.ts";
import type { Study } from "../../sim/study/format.ts";
import type { Results } from "../../sim/summary.ts";
import { buildVerdict } from "../../report/verdict.ts";
import { VerdictTable } from "../Verdict.tsx";
import { AssumptionsList } from "../AssumptionsList.tsx";
import { ActivityTab } from "./ActivityTab.tsx";
import { BudgetsTab } from "./BudgetsTab.tsx";
import { ContributionsTab } from "./ContributionsTab.tsx";
import { CostTab } from "./CostTab.tsx";
import { ImpactabilityTab } from "./ImpactabilityTab.tsx";
import { InequalityTab } from "./InequalityTab.tsx";
import { JourneysTab } from "./JourneysTab.tsx";
import { LogicModelsTab } from "./LogicModelsTab.tsx";
import { MovementTab } from "./MovementTab.tsx";
import { PairCompare } from "./PairCompare.tsx";
import { PopulationTab } from "./PopulationTab.tsx";
import { SummaryTab } from "./SummaryTab.tsx";
import { ValueTab } from "./ValueTab.tsx";

export const TABS = [
  ["summary", "Summary"],
  ["cost", "Cost"],
  ["value", "Value"],
  ["activity", "Activity"],
  ["inequality", "Inequality"],
  ["flows", "Movement"],
  ["impactability", "Impactability"],
  ["contributions", "By intervention"],
  ["assumptions", "Assumptions"],
  ["budgets", "Budgets"],
  ["population", "Population"],
  ["journeys", "Journeys"],
  ["logic", "Logic models"],
] as const;
type Tab = typeof TABS[number][0];

export function ResultsPanel({ results, study, loaded, decompositions }: {
  results: Results;
  study: Study;
  loaded: PreparedStudy;
  decompositions: ScenarioDecomposition[] | null;
}) {
  const tab = useSignal<Tab>("summary");
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex(([id]) => id === tab.value);
    if (e.key === "ArrowRight") tab.value = TABS[(i + 1) % TABS.length][0];
    else if (e.key === "ArrowLeft") tab.value = TABS[(i + TABS.length - 1) % TABS.length][0];
    else if (e.key === "Home") tab.value = TABS[0][0];
    else if (e.key === "End") tab.value = TABS[TABS.length - 1][0];
    else return;
    e.preventDefault();
    (document.getElementById(`tab-${tab.value}`) as HTMLElement | null)?.focus();
  };
  const compared = results.scenarios.some((s) => s.deltas);
  const H = results.horizonYears;
  const baselineSii = results.scenarios.find((s) => s.deltas === null)!
    .absolute["sii.nonElective"].mean[H];
  return (
    <div>
      <h3>Verdict</h3>
      {compared
        ? <VerdictTable v={buildVerdict(results)} />
        : <p class="muted">Add an intervention to a scenario to compare it with the baseline.</p>}
      {results.scenarios.length > 2 && (
        <>
          <h3>Compare two scenarios</h3>
          <PairCompare results={results} />
        </>
      )}
      <h3>In detail</h3>
      <div class="tabs" role="tablist" aria-label="Results in detail" onKeyDown={onKey}>
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
        {tab.value === "summary" && <SummaryTab results={results} study={study} />}
        {tab.value === "cost" && <CostTab results={results} />}
        {tab.value === "value" && (
          // Every scenario is side by side here: the Value tab opens on the first.
          <ValueTab results={results} scenarioName={study.scenarios?.[0]?.name ?? ""} />
        )}
        {tab.value === "activity" && <ActivityTab results={results} />}
        {tab.value === "inequality" && <InequalityTab results={results} />}
        {tab.value === "flows" && <MovementTab results={results} />}
        {tab.value === "impactability" && (
          <ImpactabilityTab
            model={loaded.model}
            study={study}
            horizonYears={H}
            baselineSii={baselineSii}
          />
        )}
        {tab.value === "contributions" && (
          <ContributionsTab results={results} study={study} decompositions={decompositions} />
        )}
        {tab.value === "assumptions" && <AssumptionsList study={study} level={4} />}
        {tab.value === "budgets" && <BudgetsTab results={results} model={loaded.model} />}
        {tab.value === "population" && <PopulationTab model={loaded.model} />}
        {tab.value === "journeys" && (
          // The journeys tab has its own scenario picker; it opens on the first compared scenario.
          <JourneysTab
            loaded={loaded}
            scenario={Math.max(0, results.scenarios.findIndex((s) => s.deltas))}
          />
        )}
        {tab.value === "logic" && <LogicModelsTab study={study} />}
      </div>
    </div>
  );
}
