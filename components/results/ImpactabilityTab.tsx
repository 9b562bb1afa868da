/**
 * The impactability tab: for a chosen intervention, cohorts ranked by capacity to benefit and
 * the equity–efficiency plane of targeting rules (both computed by the engine at parameter
 * means: sim/impactability.ts, sim/targeting-plane.ts).
 */
import { useSignal } from "@preact/signals";
import { useMemo } from "preact/hooks";
import type { Model } from "../../sim/model.ts";
import { cohortImpactability } from "../../sim/impactability.ts";
import type { Study } from "../../sim/study/format.ts";
import { targetingPlane } from "../../sim/targeting-plane.ts";
import type { TargetingRule } from "../../sim/types.ts";
import { equityEfficiencyChart } from "../../report/charts/equity-efficiency.ts";
import { impactabilityChart } from "../../report/charts/impactability.ts";
import { PlotFigure } from "../PlotFigure.tsx";
import { Term } from "../Term.tsx";

const RULE_LABELS: Record<TargetingRule, string> = {
  proportional: "No targeting",
  "highest-risk": "Highest risk",
  "most-deprived": "Most deprived",
  impactability: "Impactability",
};

export function ImpactabilityTab({ model, study, horizonYears, baselineSii }: {
  model: Model;
  study: Study;
  horizonYears: number;
  /** The baseline's SII at the horizon: its sign says which way narrowing goes. */
  baselineSii: number;
}) {
  const ivs = study.interventions ?? [];
  const chosen = useSignal(ivs[0]?.id ?? "");
  const iv = ivs.find((x) => x.id === chosen.value) ?? ivs[0];
  const id = iv?.id ?? "";
  const cohorts = useMemo(() => cohortImpactability(model, id), [model, id]);
  // The same intervention alone, filled by each targeting rule: four deterministic runs.
  const points = useMemo(
    () =>
      targetingPlane(model, id).map((p) => ({
        rule: RULE_LABELS[p.rule],
        netCost: -p.saving,
        siiChange: p.siiChange,
      })),
    [model, id],
  );
  if (!iv) return <p class="muted">This study has no interventions.</p>;
  return (
    <div>
      <label>
        Intervention
        <select
          value={iv.id}
          onChange={(e) => (chosen.value = (e.currentTarget as HTMLSelectElement).value)}
        >
          {ivs.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </label>
      <p class="small muted">
        <Term id="capacity-to-benefit">Capacity to benefit</Term>{" "}
        = engagement × the cost a participant is expected to avoid each year, shown as a change in
        cost (negative saves). Predicted risk is not capacity to benefit (Steventon &amp; Billings
        2017); targeting on it can widen inequalities (Lewis 2010).
      </p>
      <PlotFigure chart={impactabilityChart(cohorts, iv.name)} />
      {iv.capacity == null && (
        <p class="muted">
          Set a capacity on this intervention to compare targeting rules: without a cap every
          eligible person is offered it.
        </p>
      )}
      {points.length > 0 && <PlotFigure chart={equityEfficiencyChart(points, baselineSii)} />}
      <p class="small muted">
        The <Term id="equity-efficiency">plane</Term>{" "}
        is deterministic (parameters at their means), over {horizonYears} years.
      </p>
    </div>
  );
}
