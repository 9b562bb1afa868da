/** The headline figures of one scenario at the horizon: net cost, P(saving), admissions, SII. */
import type { Results } from "../../sim/summary.ts";
import { count, moneyChange, numberChange, percent } from "../../report/format.ts";

export function Kpis({ results, scenarioName }: { results: Results; scenarioName: string }) {
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
          {results.mode === "deterministic" ? "–" : percent(net.pNegative?.[H] ?? null)}
        </div>
        <div class="small muted">
          {results.mode === "deterministic"
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
