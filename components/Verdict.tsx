/**
 * The verdict panel: every scenario side by side against the baseline — does it save money, by
 * when does it pay for itself, does inequality widen or narrow, and (when the results measure
 * health) its health gain and cost-effectiveness at £20,000 and £30,000 per QALY. The best
 * scenario on each question is marked. Shared by the workbench and the HTML report.
 */
import type { ComponentChildren } from "preact";
import {
  type BestOn,
  type Estimate,
  type ScenarioVerdict,
  type Verdict,
  wideningDefinition,
} from "../report/verdict.ts";
import {
  count,
  countChange,
  moneyChange,
  nb,
  number,
  numberChange,
  percent,
} from "../report/format.ts";
import { Term } from "./Term.tsx";

function Interval({ e, f, level }: { e: Estimate; f: (v: number) => string; level: number }) {
  if (e.low === undefined || e.high === undefined) return null;
  return (
    <span class="interval">
      {level}% interval: {nb(f(e.low))} to {nb(f(e.high))}
    </span>
  );
}

/** " (uncertain)" when a Monte Carlo interval runs from below 0 to above it. */
const doubt = (e: Estimate) =>
  e.low !== undefined && e.high !== undefined && e.low < 0 && e.high > 0 ? " (uncertain)" : "";

function Best({ on, name, best }: { on: BestOn; name: string; best: Verdict["best"] }) {
  if (!best[on]?.includes(name)) return null;
  return (
    <span class="best" data-testid={`best-${on}`}>
      ★ Best<span class="sr-only">of the scenarios on this question</span>
    </span>
  );
}

function Row(
  { label, v, on, cell }: {
    label: ComponentChildren;
    v: Verdict;
    on?: BestOn;
    cell: (s: ScenarioVerdict) => ComponentChildren;
  },
) {
  return (
    <tr>
      <th scope="row">{label}</th>
      {v.scenarios.map((s) => (
        <td key={s.name}>
          {cell(s)}
          {on && <Best on={on} name={s.name} best={v.best} />}
        </td>
      ))}
    </tr>
  );
}

export function VerdictTable({ v }: { v: Verdict }) {
  const level = Math.round(v.interval * 100);
  const H = v.horizon;
  const p = (x: number | null) => (x === null ? null : percent(x));
  return (
    <div data-testid="verdict">
      {v.scenarios.length > 1 && (
        <p class="scroll-hint small muted">
          Every scenario is a column: scroll the table sideways to see them all.
        </p>
      )}
      <div class="table-scroll" role="region" aria-label="Verdict, every scenario" tabIndex={0}>
        <table class="verdict">
          <thead>
            <tr>
              <th scope="col">Against the baseline, over {H} years</th>
              {v.scenarios.map((s) => <th key={s.name} scope="col">{s.name}</th>)}
            </tr>
          </thead>
          <tbody>
            <Row
              label={
                <>
                  Saves money?{" "}
                  <span class="interval">
                    <Term id="net-cost">Net cost</Term>, discounted
                  </span>
                </>
              }
              v={v}
              on="money"
              cell={(s) => (
                <>
                  <strong data-testid="verdict-net">
                    {`${
                      s.netCost.mean < 0
                        ? "Saves money"
                        : s.netCost.mean > 0
                        ? "Costs more"
                        : "No change"
                    }${doubt(s.netCost)}: ${nb(moneyChange(s.netCost.mean))}`}
                  </strong>
                  <Interval e={s.netCost} f={moneyChange} level={level} />
                  {s.pSaving !== null && (
                    <span class="interval" data-testid="verdict-p-saving">
                      Probability of saving: {p(s.pSaving)}
                    </span>
                  )}
                </>
              )}
            />
            <Row
              label={<Term id="payback">Pays for itself by</Term>}
              v={v}
              cell={(s) =>
                s.paybackYear === null ? `not within ${H} years` : `year ${s.paybackYear}`}
            />
            <Row
              label={
                <>
                  Inequality{" "}
                  <span class="interval">
                    change in the <Term id="sii">SII</Term> of non-elective admissions per 1,000
                  </span>
                </>
              }
              v={v}
              on="inequality"
              cell={(s) => (
                <>
                  <strong data-testid="verdict-inequality">
                    {`${
                      s.inequality === "no change"
                        ? "No change"
                        : s.inequality === "widens"
                        ? "Widens"
                        : "Narrows"
                    }${doubt(s.siiChange)}: ${nb(numberChange(s.siiChange.mean))}`}
                  </strong>
                  <Interval e={s.siiChange} f={numberChange} level={level} />
                  {s.pWidens !== null && (
                    <span class="interval" data-testid="verdict-p-widens">
                      Probability it narrows: {p(s.pNarrows)}; widens: {p(s.pWidens)}
                    </span>
                  )}
                </>
              )}
            />
            <Row
              label="Non-elective admissions"
              v={v}
              cell={(s) => (
                <>
                  <span data-testid="verdict-admissions">{nb(countChange(s.admissions.mean))}</span>
                  <Interval e={s.admissions} f={countChange} level={level} />
                </>
              )}
            />
            {v.health && (
              <Row
                label={
                  <>
                    Health gain{" "}
                    <span class="interval">
                      <Term id="qaly">QALYs</Term>, discounted
                    </span>
                  </>
                }
                v={v}
                on="health"
                cell={(s) =>
                  s.qalys && (
                    <>
                      <strong data-testid="verdict-qalys">{nb(numberChange(s.qalys.mean))}</strong>
                      <Interval e={s.qalys} f={numberChange} level={level} />
                    </>
                  )}
              />
            )}
            {v.health && v.thresholds.map((k) => (
              <Row
                key={k}
                label={
                  <>
                    Cost-effective at £{count(k)} per QALY?{" "}
                    <span class="interval">
                      <Term id="nmb">net monetary benefit</Term>
                    </span>
                  </>
                }
                v={v}
                on={`value.${k}`}
                cell={(s) => {
                  const c = s.value?.[k];
                  if (!c) return "–";
                  return (
                    <>
                      <strong data-testid={`verdict-ce-${k}`}>
                        {c.nmb.mean >= 0 ? "Yes" : "No"}: NMB {nb(moneyChange(c.nmb.mean))}
                      </strong>
                      <Interval e={c.nmb} f={moneyChange} level={level} />
                      {c.pCostEffective !== null && (
                        <span class="interval">
                          Probability cost-effective: {p(c.pCostEffective)}
                        </span>
                      )}
                    </>
                  );
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
      <p class="small muted">
        {v.monteCarlo
          ? `Means over ${
            count(v.iterations)
          } runs, with ${level}% intervals (the middle ${level}% of runs) and the share of runs in which each thing happens; "uncertain" where the interval runs from below 0 to above it. `
          : "Deterministic (parameters at their means): no intervals or probabilities until you run Monte Carlo. "}
        {wideningDefinition(v.baselineSii, number)}
      </p>
    </div>
  );
}
