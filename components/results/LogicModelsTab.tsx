/** The logic models tab: each scenario's logic model and its outcome measures by life stage. */
import type { Study } from "../../sim/study/format.ts";
import { LOGIC_MODEL_FIELDS } from "../../sim/study/format.ts";
import { measureLabel } from "../../report/measure-label.ts";

export function LogicModelsTab({ study }: { study: Study }) {
  return (
    <div>
      {study.scenarios.map((s) => (
        <section key={s.name}>
          <h4>{s.name}</h4>
          {s.logicModel
            ? (
              <div class="logic">
                {LOGIC_MODEL_FIELDS.map(([k, label]) => (
                  <div key={k} class="card">
                    <strong>{label}</strong>
                    <p class="small">{s.logicModel![k]}</p>
                  </div>
                ))}
              </div>
            )
            : <p class="muted">No logic model.</p>}
          {s.outcomes && (
            <p class="small">
              Outcome measures:{" "}
              {s.outcomes.map((o) => `${measureLabel(o.measure)} (${o.lifeStage})`).join("; ")}
            </p>
          )}
        </section>
      ))}
    </div>
  );
}
