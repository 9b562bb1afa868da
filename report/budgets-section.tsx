/**
 * The report's budgets section (studies with providers): who provides what, each cohort's cost
 * per provider per person, the capitated budget against projected cost, and each risk/gain-share
 * agreement's parties' positions — stated once with the sign convention.
 */
import type { Results } from "../sim/summary.ts";
import { AgreementTable, CapitationTable, CohortCostTable } from "../components/BudgetTables.tsx";

/** The cohorts the report shows: everyone and the study's own (the rest are in summary.csv). */
const STANDARD = /^(everyone|age-|complexity-|q\d$|area-)/;

export function BudgetsSection({ results }: { results: Results }) {
  const b = results.budgets;
  if (!b) return null;
  const H = results.horizonYears;
  const cohorts = b.cohorts.filter((c) =>
    c.cohort.id === "everyone" || !STANDARD.test(c.cohort.id)
  );
  return (
    <section data-testid="budgets">
      <h2>Budgets and risk share</h2>
      <p>{b.signConvention}</p>
      {b.illustrative && (
        <p class="meta">
          <strong>Illustrative provider split</strong>
          {b.source ? `: ${b.source}` : ": not the place's own figures."}
        </p>
      )}
      <h3>Cost per provider per person</h3>
      <p>
        Every cohort (each age band, complexity level, quintile and area too) is in summary.csv as
        {" "}
        <code>budget.&lt;cohort&gt;.&lt;provider&gt;.costPerPerson</code>, every year.
      </p>
      {cohorts.map((c) => <CohortCostTable key={c.cohort.id} budgets={b} cohort={c} year={H} />)}
      {b.capitation && (
        <>
          <h3>Capitated budget</h3>
          <CapitationTable c={b.capitation} horizon={H} />
        </>
      )}
      {b.agreements.length > 0 && <h3>Risk and gain share</h3>}
      {b.agreements.map((a) => <AgreementTable key={a.id} a={a} budgets={b} horizon={H} />)}
    </section>
  );
}
