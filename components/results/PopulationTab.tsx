/**
 * The population tab: the baseline as the published table shows it (people, mean deprivation
 * decile, spend per person per year by sector and activity) for a chosen area of the hierarchy,
 * at year 0 and parameter means (sim/year0.ts).
 */
import { useSignal } from "@preact/signals";
import type { Model } from "../../sim/model.ts";
import { SECTOR_LABELS, SECTORS } from "../../sim/types.ts";
import { year0Spend } from "../../sim/year0.ts";
import { count, money, number } from "../../report/format.ts";
import { Term } from "../Term.tsx";

export function PopulationTab({ model }: { model: Model }) {
  const area = useSignal(model.input.areas[0].id);
  const segments = year0Spend(model, area.value);
  const spendOf = (r: (typeof segments)[number]) =>
    SECTORS.reduce((total, s) => total + r.spend[s], 0);
  const total = segments.reduce(
    (t, r) => ({ people: t.people + r.people, spend: t.spend + spendOf(r) }),
    { people: 0, spend: 0 },
  );
  return (
    <div>
      <div class="row">
        <label>
          Area
          <select
            value={area.value}
            onChange={(e) => (area.value = (e.currentTarget as HTMLSelectElement).value)}
          >
            {model.input.areas.map((a) => (
              <option key={a.id} value={a.id}>{a.name} ({a.level})</option>
            ))}
          </select>
        </label>
        <span class="muted">
          {count(total.people)} people, {money(total.spend)} a year (year 0)
        </span>
      </div>
      <div class="table-scroll" role="region" aria-label="Population table" tabIndex={0}>
        <table data-testid="population-table">
          <thead>
            <tr>
              <th scope="col">Segment</th>
              <th scope="col">People</th>
              <th scope="col">Mean deprivation decile</th>
              {SECTORS.map((s) => <th key={s} scope="col">{SECTOR_LABELS[s]} £ PPPY</th>)}
              <th scope="col">Total £ PPPY</th>
              <th scope="col">Inpatient spells PPPY</th>
              <th scope="col">A&amp;E PPPY</th>
            </tr>
          </thead>
          <tbody>
            {segments.map((r) => {
              const pp = (x: number) => (r.people ? x / r.people : NaN);
              return (
                <tr key={`${r.ageBand}-${r.complexity}`}>
                  <th scope="row">{r.ageBand} {r.complexity}</th>
                  <td>{count(r.people)}</td>
                  <td>{number(r.meanDecile)}</td>
                  {SECTORS.map((s) => <td key={s}>{count(pp(r.spend[s]))}</td>)}
                  <td>{count(pp(spendOf(r)))}</td>
                  <td>{number(pp(r.inpatientSpells))}</td>
                  <td>{number(pp(r.aeAttendances))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="small muted">
        <Term id="pppy">PPPY</Term>: per person per year. The deprivation decile here is the mean of
        the quintile midpoints after splitting each segment into quintiles.
      </p>
    </div>
  );
}
