/** The equity–efficiency plane: one deterministic run per targeting rule. */
import assert from "node:assert/strict";
import { deterministic } from "../../sim/api.ts";
import { targetingPlane } from "../../sim/targeting-plane.ts";
import { prepareStudy } from "../../sim/study/prepare.ts";
import type { Study } from "../../sim/study/format.ts";
import { TARGETING_RULES } from "../../sim/types.ts";

const scenarios = new URL("../../scenarios/", import.meta.url);
const read = (name: string) => Deno.readTextFileSync(new URL(name, scenarios));
const csv = (path: string) => ({ text: read(path) });

Deno.test("each rule's point is the intervention alone under that rule, at deterministic values", () => {
  const text = read("targeting-comparison.json");
  const { loaded } = prepareStudy(text, csv);
  const id = loaded!.input.interventions[0].id;
  const points = targetingPlane(loaded!.model, id);
  assert.deepEqual(points.map((p) => p.rule), [...TARGETING_RULES]);
  for (const point of points) {
    // The same question asked as the workbench used to: an edited study, validated and run.
    const study: Study = JSON.parse(text);
    study.interventions = study.interventions!.map((iv) =>
      iv.id === id ? { ...iv, targeting: point.rule } : iv
    );
    study.scenarios = [{ name: "Plane", interventions: [id] }];
    study.assertions = [];
    const variant = prepareStudy(JSON.stringify(study), csv).loaded!;
    const r = deterministic(variant);
    const H = r.horizonYears;
    assert.equal(
      point.saving,
      -r.scenarios[1].deltas!["discounted.cost.total"].mean[H],
      point.rule,
    );
    assert.equal(point.siiChange, r.scenarios[1].deltas!["sii.nonElective"].mean[H], point.rule);
  }
  // With a binding capacity the rules differ.
  assert.ok(new Set(points.map((p) => p.saving)).size > 1);
  assert.deepEqual(targetingPlane(loaded!.model, "no-such-intervention"), []);
});
