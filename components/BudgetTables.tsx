/**
 * Budget tables shared by the HTML report and the workbench: a cohort's cost per provider per
 * person, the capitated budget against projected cost, and each agreement's parties' positions.
 * One sign convention: a change is scenario − baseline (a cost change above 0 costs more); a
 * position is what the party gains (above 0 gains, below 0 loses).
 */
import type {
  AgreementBudget,
  BudgetResults,
  CapitationBudget,
  CohortBudget,
  YearSummary,
} from "../sim/budgets/summarise.ts";
import { money, moneyChange, percent } from "../report/format.ts";
import { TableScroll } from "./TableScroll.tsx";

/** £ per person: pence below £100 (changes per person are small). */
export function perPerson(value: number, change = false): string {
  if (!Number.isFinite(value)) return "–";
  const v = Math.abs(value);
  if (v < 0.005) return "£0.00";
  const sign = change && value > 0 ? "+" : value < 0 ? "−" : "";
  return v >= 100 ? `${sign}${money(v)}` : `${sign}£${v.toFixed(2)}`;
}

function Interval({ s, y, change }: { s: YearSummary; y: number; change?: boolean }) {
  if (s.low[y] === s.high[y]) return null;
  return (
    <span class="interval">
      {perPerson(s.low[y], change)} to {perPerson(s.high[y], change)}
    </span>
  );
}

/** A cohort's cost per person in year `year` by provider: the baseline, then each scenario's change. */
export function CohortCostTable(
  { budgets, cohort, year }: { budgets: BudgetResults; cohort: CohortBudget; year: number },
) {
  const ids = [...budgets.providers.map((p) => p.id), "total"];
  const names = new Map(budgets.providers.map((p) => [p.id, p.name]));
  const base = cohort.scenarios.find((s) => s.difference === null)!;
  const others = cohort.scenarios.filter((s) => s.difference !== null);
  return (
    <TableScroll label="Cost per provider per person">
      <table data-testid="cohort-costs">
        <caption>
          {cohort.cohort.name}
          {cohort.description.toLowerCase() === cohort.cohort.name.toLowerCase()
            ? ""
            : ` (${cohort.description})`}: cost per person in year {year},{" "}
          {Math.round(base.population[year]).toLocaleString("en-GB")} people on the baseline
        </caption>
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">{base.name} (£ per person)</th>
            {others.map((s) => <th key={s.name} scope="col">{s.name}: change</th>)}
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <tr key={id}>
              <th scope="row">{id === "total" ? "All providers" : names.get(id)}</th>
              <td>
                {perPerson(base.perPerson[id].mean[year])}
                <Interval s={base.perPerson[id]} y={year} />
              </td>
              {others.map((s) => (
                <td key={s.name}>
                  {perPerson(s.difference![id].mean[year], true)}
                  <Interval s={s.difference![id]} y={year} change />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The capitated budget against projected cost: totals over years 1..H and P(overspend). */
export function CapitationTable({ c, horizon }: { c: CapitationBudget; horizon: number }) {
  const total = (s: YearSummary) => s.mean.slice(1).reduce((t, v) => t + v, 0);
  return (
    <>
      <TableScroll label="Capitated budget against projected cost">
        <table data-testid="capitation">
          <caption>
            Capitated budget ({c.covers === "total"
              ? "service and intervention cost"
              : "service cost"}; uplift{" "}
            {typeof c.uplift === "number" ? percent(c.uplift) + " a year" : "by year"}) against
            projected cost, years 1–{horizon}
          </caption>
          <thead>
            <tr>
              <th scope="col">Scenario</th>
              <th scope="col">Budget</th>
              <th scope="col">Projected cost</th>
              <th scope="col">Cost − budget</th>
              <th scope="col">P(overspend over the horizon)</th>
              <th scope="col">P(overspend in year {horizon})</th>
            </tr>
          </thead>
          <tbody>
            {c.scenarios.map((s) => (
              <tr key={s.name}>
                <th scope="row">{s.name}</th>
                <td>{money(total(s.budget))}</td>
                <td>{money(total(s.cost))}</td>
                <td>
                  {moneyChange(s.cumulativeVariance.mean[horizon])}
                  {s.cumulativeVariance.low[horizon] !== s.cumulativeVariance.high[horizon] && (
                    <span class="interval">
                      {moneyChange(s.cumulativeVariance.low[horizon])} to{" "}
                      {moneyChange(s.cumulativeVariance.high[horizon])}
                    </span>
                  )}
                </td>
                <td>{percent(s.pCumulativeOverspend[horizon])}</td>
                <td>{percent(s.pOverspend[horizon])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {c.areas.length > 1 && (
        <TableScroll label="Weighted capitation by area">
          <table data-testid="weighted-capitation">
            <caption>Weighted capitation by area (population mix in year 1, baseline)</caption>
            <thead>
              <tr>
                <th scope="col">Area</th>
                <th scope="col">People</th>
                <th scope="col">Budget, year 1</th>
                <th scope="col">Share</th>
                <th scope="col">Need index (1 = average mix)</th>
              </tr>
            </thead>
            <tbody>
              {c.areas.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.name}</th>
                  <td>{Math.round(a.population).toLocaleString("en-GB")}</td>
                  <td>{money(a.budget)}</td>
                  <td>{percent(a.share)}</td>
                  <td>{a.index.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

/**
 * An agreement's parties' net positions over the horizon, per scenario, with how often each
 * party's position has the system's sign (incentive alignment: it gains when the system gains
 * and loses when it loses).
 */
export function AgreementTable(
  { a, budgets, horizon }: { a: AgreementBudget; budgets: BudgetResults; horizon: number },
) {
  const parties = [...budgets.parties, { id: "system", name: "The system (all parties)" }];
  return (
    <>
      {a.scenarios.map((s) => {
        const system = s.positions.system;
        return (
          <TableScroll key={s.name} label={`${a.name}, ${s.name}: net positions`}>
            <table data-testid="agreement">
              <caption>
                {a.name} — {s.name}: net position over years 1–{horizon}. The system{" "}
                {system.mean >= 0 ? "gains" : "loses"} {money(Math.abs(system.mean))}; the providers
                {" "}
                pay the commissioner {moneyChange(s.transfer)} under the share
                {s.outcomePayment ? `, and receive ${money(s.outcomePayment)} for outcomes` : ""}
                {" "}
                (means).
              </caption>
              <thead>
                <tr>
                  <th scope="col">Party</th>
                  <th scope="col">Net position (gain +, loss −)</th>
                  <th scope="col">P(loss)</th>
                  <th scope="col">Same sign as the system's</th>
                </tr>
              </thead>
              <tbody>
                {parties.map((p) => {
                  const d = s.positions[p.id];
                  return (
                    <tr key={p.id}>
                      <th scope="row">
                        {p.name}
                        {a.providers.includes(p.id) && (
                          <span class="interval">in the agreement</span>
                        )}
                      </th>
                      <td>
                        {moneyChange(d.mean)}
                        {d.low !== d.high && (
                          <span class="interval">
                            {moneyChange(d.low)} to {moneyChange(d.high)}
                          </span>
                        )}
                      </td>
                      <td>{percent(d.pNegative)}</td>
                      <td>{p.id === "system" ? "" : percent(s.alignment[p.id])}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        );
      })}
    </>
  );
}
