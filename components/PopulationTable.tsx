/**
 * The baseline population as the published table shows it: segments with people, average
 * deprivation decile, spend per person per year by sector and activity, for a chosen area
 * (system, place or neighbourhood), at year 0 and parameter means.
 */
import { useSignal } from "@preact/signals";
import { type Model, scenarioContexts } from "../sim/model.ts";
import { meanParameters } from "../sim/parameters.ts";
import { leafAreas } from "../sim/population.ts";
import { SECTOR_LABELS, SECTORS } from "../sim/types.ts";
import { count, money, number } from "../report/format.ts";

const SECTOR_OF_ACTIVITY = [1, 0, 1, 4, 2];

export function PopulationTable({ model }: { model: Model }) {
  const area = useSignal(model.input.areas[0].id);
  const { layout, input } = model;
  const [ctx] = scenarioContexts(model, meanParameters(model.registry));
  const leaves = leafAreas(input.areas).map((a) => a.id);
  const under = (id: string): string[] => {
    const kids = input.areas.filter((a) => a.parent === id);
    return kids.length ? kids.flatMap((k) => under(k.id)) : [id];
  };
  const chosen = new Set(under(area.value).map((id) => leaves.indexOf(id)));
  const segs = input.segments.map((seg, k) => {
    let people = 0;
    let decile = 0;
    const spend = new Array(5).fill(0);
    let spells = 0;
    let ae = 0;
    for (let s = 0; s < layout.stateCount; s++) {
      if (layout.segment[s] !== k || !chosen.has(layout.area[s])) continue;
      const n = model.initial[s];
      people += n;
      decile += n * (2 * (layout.quintile[s] + 1) - 0.5);
      for (let a = 0; a < 5; a++) {
        spend[SECTOR_OF_ACTIVITY[a]] += n * ctx.rates.activity[a][s] * ctx.rates.unitCost[a][s];
      }
      spend[3] += n * ctx.rates.socialCare[s];
      spells += n * (ctx.rates.activity[0][s] + ctx.rates.activity[1][s]);
      ae += n * ctx.rates.activity[2][s];
    }
    return { seg, people, decile: people ? decile / people : NaN, spend, spells, ae };
  });
  const total = segs.reduce(
    (t, r) => ({
      people: t.people + r.people,
      spend: t.spend + r.spend.reduce((a, b) => a + b, 0),
    }),
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
            aria-label="Area"
          >
            {input.areas.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.level})</option>)}
          </select>
        </label>
        <span class="muted">
          {count(total.people)} people, {money(total.spend)} a year (year 0)
        </span>
      </div>
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
          {segs.map((r) => {
            const pp = (x: number) => (r.people ? x / r.people : NaN);
            return (
              <tr key={`${r.seg.ageBand}-${r.seg.complexity}`}>
                <th scope="row">{r.seg.ageBand} {r.seg.complexity}</th>
                <td>{count(r.people)}</td>
                <td>{number(r.decile)}</td>
                {r.spend.map((x, i) => <td key={i}>{count(pp(x))}</td>)}
                <td>{count(pp(r.spend.reduce((a, b) => a + b, 0)))}</td>
                <td>{number(pp(r.spells))}</td>
                <td>{number(pp(r.ae))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="small muted">
        Deprivation decile here is the mean of the quintile midpoints after splitting each segment
        into quintiles (docs/model.md, section 1).
      </p>
    </div>
  );
}
