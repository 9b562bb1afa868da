/** A scenario's logic model (problem, intervention, outputs, outcomes, impact), editable. */
import type { Signal } from "@preact/signals";
import { LOGIC_MODEL_FIELDS, type Study } from "../../sim/study/format.ts";
import { updateLogicModel } from "../../client/study-edit.ts";

export function LogicModelEditor({ study, scenario }: { study: Signal<Study>; scenario: number }) {
  const sc = study.value.scenarios[scenario];
  return (
    <details>
      <summary>Logic model of this scenario</summary>
      <div data-testid="logic-editor">
        {LOGIC_MODEL_FIELDS.map(([key, label]) => (
          <label
            key={key}
            style={{ display: "flex", flexDirection: "column", alignItems: "stretch" }}
          >
            {label}
            <textarea
              rows={2}
              value={sc?.logicModel?.[key] ?? ""}
              aria-label={`Logic model: ${label}`}
              onInput={(e) => (study.value = updateLogicModel(
                study.value,
                scenario,
                key,
                (e.currentTarget as HTMLTextAreaElement).value,
              ))}
            />
          </label>
        ))}
      </div>
    </details>
  );
}
