/**
 * Results in tabs (one file per tab in this folder): summary, cost, activity, inequality,
 * movement between levels, impactability, by intervention, population and logic models, under
 * the headline figures of the chosen scenario.
 */
import { useSignal } from "@preact/signals";
import type { ScenarioDecomposition } from "../../sim/shapley.ts";
import type { PreparedStudy } from "../../sim/study/prepare.ts";
import type { Study } from "../../sim/study/format.ts";
import type { Results } from "../../sim/summary.ts";
import { ActivityTab } from "./ActivityTab.tsx";
import { ContributionsTab } from "./ContributionsTab.tsx";
import { CostTab } from "./CostTab.tsx";
import { ImpactabilityTab } from "./ImpactabilityTab.tsx";
import { InequalityTab } from "./InequalityTab.tsx";
import { Kpis } from "./Kpis.tsx";
import { LogicModelsTab } from "./LogicModelsTab.tsx";
import { MovementTab } from "./MovementTab.tsx";
import { PopulationTab } from "./PopulationTab.tsx";
import { SummaryTab } from "./SummaryTab.tsx";
import { ValueTab } from "./ValueTab.tsx";

const TABS = [
  ["summary", "Summary"],
  ["cost", "Cost"],
  ["value", "Value"],
  ["activity", "Activity"],
  ["inequality", "Inequality"],
  ["flows", "Movement"],
  ["impactability", "Impactability"],
  ["contributions", "By intervention"],
  ["population", "Population"],
  ["logic", "Logic models"],
] as const;
type Tab = typeof TABS[number][0];

export function ResultsPanel({ results, study, loaded, scenario, decompositions }: {
  results: Results;
  study: Study;
  loaded: PreparedStudy;
  scenario: number;
  decompositions: ScenarioDecomposition[] | null;
}) {
  const tab = useSignal<Tab>("summary");
  const scenarioName = study.scenarios[scenario]?.name ?? "";
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex(([id]) => id === tab.value);
    if (e.key === "ArrowRight") tab.value = TABS[(i + 1) % TABS.length][0];
    else if (e.key === "ArrowLeft") tab.value = TABS[(i + TABS.length - 1) % TABS.length][0];
    else return;
    e.preventDefault();
    (document.getElementById(`tab-${tab.value}`) as HTMLElement | null)?.focus();
  };
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
        {tab.value === "summary" && <SummaryTab results={results} study={study} />}
        {tab.value === "cost" && <CostTab results={results} />}
        {tab.value === "value" && <ValueTab results={results} scenarioName={scenarioName} />}
        {tab.value === "activity" && <ActivityTab results={results} />}
        {tab.value === "inequality" && <InequalityTab results={results} />}
        {tab.value === "flows" && <MovementTab results={results} />}
        {tab.value === "impactability" && (
          <ImpactabilityTab
            model={loaded.model}
            study={study}
            horizonYears={results.horizonYears}
          />
        )}
        {tab.value === "contributions" && (
          <ContributionsTab results={results} study={study} decompositions={decompositions} />
        )}
        {tab.value === "population" && <PopulationTab model={loaded.model} />}
        {tab.value === "logic" && <LogicModelsTab study={study} />}
      </div>
    </div>
  );
}
