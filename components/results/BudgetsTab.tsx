/**
 * The budgets tab (studies with providers): a cohort picker (age band, complexity, quintile,
 * area) over each provider's cost per person, the capitated budget against projected cost, and
 * each risk/gain-share agreement's parties' positions. A cohort the run summarised (everyone,
 * each single age band, level, quintile and area, the study's own cohorts) shows the run's
 * means and intervals; any other combination shows the deterministic analysis of the study as
 * it stands (no interval), with how to get intervals for it.
 */
import { useSignal } from "@preact/signals";
import { useMemo } from "preact/hooks";
import type { Model } from "../../sim/model.ts";
import type { Results } from "../../sim/summary.ts";
import { runDeterministic } from "../../sim/run.ts";
import { cohortMeans, planBudgets } from "../../sim/budgets/evaluate.ts";
import type { CohortSpec } from "../../sim/budgets/types.ts";
import type { CohortBudget } from "../../sim/budgets/summarise.ts";
import { AgreementTable, CapitationTable, CohortCostTable, perPerson } from "../BudgetTables.tsx";
import { TableScroll } from "../TableScroll.tsx";

const ALL = "";

/** Whether a summarised cohort is exactly the picked one (one value or all in each dimension). */
function matches(c: CohortSpec, pick: Record<string, string>): boolean {
  const one = (list: (string | number)[] | undefined, value: string) =>
    value === ALL ? !list?.length : list?.length === 1 && String(list[0]) === value;
  return one(c.ageBands, pick.age) && one(c.complexity, pick.complexity) &&
    one(c.quintiles, pick.quintile) && one(c.areas, pick.area);
}

export function BudgetsTab({ results, model }: { results: Results; model: Model }) {
  const b = results.budgets;
  const pick = useSignal<Record<string, string>>({
    age: ALL,
    complexity: ALL,
    quintile: ALL,
    area: ALL,
  });
  const year = useSignal(results.horizonYears);
  const deterministicRun = useMemo(
    () => (model.input.budgets ? runDeterministic(model) : null),
    [model],
  );
  if (!b) {
    return (
      <p class="muted">
        Add a providers section to the study (its providers and how each sector's cost splits
        between them) to see cost per provider per person, capitated budgets and risk shares.
      </p>
    );
  }
  const H = results.horizonYears;
  const { layout, input } = model;
  const choose = (key: string) =>
  (
    e: Event,
  ) => (pick.value = { ...pick.value, [key]: (e.target as HTMLSelectElement).value });
  const found: CohortBudget | undefined = b.cohorts.find((c) => matches(c.cohort, pick.value));
  const spec: CohortSpec = {
    id: "picked",
    name: "Picked cohort",
    ...(pick.value.age ? { ageBands: [pick.value.age] } : {}),
    ...(pick.value.complexity ? { complexity: [pick.value.complexity] } : {}),
    ...(pick.value.quintile ? { quintiles: [Number(pick.value.quintile)] } : {}),
    ...(pick.value.area ? { areas: [pick.value.area] } : {}),
  };
  const plan = !found && deterministicRun ? planBudgets(model) : null;
  const means = plan && deterministicRun ? cohortMeans(plan, deterministicRun, spec) : null;
  const select = (key: string, label: string, options: [string, string][]) => (
    <label>
      {label}{" "}
      <select value={pick.value[key]} onChange={choose(key)} data-testid={`cohort-${key}`}>
        <option value={ALL}>all</option>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </label>
  );
  const ids = [...b.providers.map((p) => p.id), "total"];
  const names = new Map(b.providers.map((p) => [p.id, p.name]));
  const y = Math.min(year.value, H);
  const base = input.scenarios.findIndex((s) => s.interventions.length === 0);
  return (
    <div data-testid="budgets-tab">
      <p>{b.signConvention}</p>
      {b.illustrative && (
        <p class="muted">
          Illustrative provider split{b.source ? `: ${b.source}` : "."}
        </p>
      )}
      <h3>Cost per provider per person</h3>
      <div class="row" role="group" aria-label="Cohort">
        {select("age", "Age band", layout.ageBands.map((a) => [a, a]))}{" "}
        {select("complexity", "Complexity", layout.levels.map((l) => [l, l]))}{" "}
        {select("quintile", "Quintile", [1, 2, 3, 4, 5].map((q) => [String(q), `Q${q}`]))}{" "}
        {select("area", "Area", input.areas.map((a) => [a.id, a.name]))}{" "}
        <label>
          Year{" "}
          <input
            type="number"
            min={0}
            max={H}
            value={y}
            onInput={(e) => (year.value = Number((e.target as HTMLInputElement).value) || 0)}
            data-testid="cohort-year"
          />
        </label>
      </div>
      {found ? <CohortCostTable budgets={b} cohort={found} year={y} /> : means && (
        <>
          <p class="muted">
            This combination was not summarised by the run: deterministic analysis of the study as
            it stands, no interval. For intervals add it to the study's budgets.cohorts or run{" "}
            <code>deno task sim run STUDY --cohort "…"</code>.
          </p>
          <TableScroll label="Picked cohort: cost per person">
            <table data-testid="cohort-costs-deterministic">
              <caption>
                Picked cohort: cost per person in year {y},{" "}
                {Math.round(means[base].population[y]).toLocaleString("en-GB")} people on the{" "}
                {input.scenarios[base].name}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Provider</th>
                  {input.scenarios.map((s) => <th key={s.name} scope="col">{s.name}</th>)}
                </tr>
              </thead>
              <tbody>
                {ids.map((id) => (
                  <tr key={id}>
                    <th scope="row">{id === "total" ? "All providers" : names.get(id)}</th>
                    {means.map((m, sc) => (
                      <td key={sc}>
                        {perPerson(m.perPerson[id][y])}
                        {sc !== base && (
                          <span class="interval">
                            change{" "}
                            {perPerson(m.perPerson[id][y] - means[base].perPerson[id][y], true)}
                          </span>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      {b.capitation && (
        <>
          <h3>Capitated budget</h3>
          <CapitationTable c={b.capitation} horizon={H} />
        </>
      )}
      {b.agreements.length > 0 && <h3>Risk and gain share</h3>}
      {b.agreements.map((a) => <AgreementTable key={a.id} a={a} budgets={b} horizon={H} />)}
    </div>
  );
}
