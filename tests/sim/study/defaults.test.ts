/**
 * The study format's defaults live in sim/study/defaults.ts; the schema documents them,
 * resolution applies them, and the editor, the workbench and the templates read them there.
 */
import assert from "node:assert/strict";
import { STUDY_DEFAULTS } from "../../../sim/study/defaults.ts";
import type { Study } from "../../../sim/study/format.ts";
import { resolveStudy } from "../../../sim/study/resolve.ts";
import { type Schema, STUDY_SCHEMA } from "../../../sim/study/schema.ts";
import { newStudy } from "../../../sim/study/template.ts";
import { exampleSegments } from "../../../sim/example-model.ts";
import { addIntervention } from "../../../client/study-edit.ts";
import { MAX_BROWSER_ITERATIONS, runSettings } from "../../../client/run-client.ts";

/** Every `default` in the schema, by the path of the property it belongs to. */
function schemaDefaults(schema: Schema, path = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const visit = (node: unknown, at: string) => {
    if (!node || typeof node !== "object") return;
    const s = node as Schema;
    if ("default" in s) out.set(at, s.default);
    for (const [key, value] of Object.entries(s.properties ?? {})) visit(value, `${at}.${key}`);
    for (const [key, value] of Object.entries(s.$defs ?? {})) visit(value, `#${key}`);
  };
  visit(schema, path);
  return out;
}

Deno.test("the schema documents exactly the format's defaults", () => {
  const d = STUDY_DEFAULTS;
  assert.deepEqual(
    Object.fromEntries(schemaDefaults(STUDY_SCHEMA)),
    {
      ".horizonYears": d.horizonYears,
      ".cyclesPerYear": d.cyclesPerYear,
      ".iterations": d.iterations,
      ".seed": d.seed,
      ".discountRate": d.discountRate,
      ".interval": d.interval,
      ".uncertainty": d.uncertainty,
      "#estimate.level": d.estimateLevel,
      "#intervention.targeting": d.intervention.targeting,
      "#intervention.startYear": d.intervention.startYear,
      "#intervention.rampUpYears": d.intervention.rampUpYears,
      "#intervention.durationYears": d.intervention.durationYears,
      "#intervention.decayPerYear": d.intervention.decayPerYear,
      "#assertion.compare": d.assertionCompare,
      "#effectSpec.appliesTo": d.effectAppliesTo,
      "#health.discountRate": d.healthDiscountRate,
      "#value.thresholds": d.thresholds,
      "#value.curveMax": d.curveMax,
      "#value.curveStep": d.curveStep,
    },
  );
});

Deno.test("resolution fills every omitted field with the format's default", () => {
  const study: Study = {
    name: "Bare",
    interventions: [{
      id: "iv",
      name: "Intervention",
      uptake: 0.5,
      costPerParticipant: 100,
      effects: {},
    }],
    scenarios: [{ name: "With it", interventions: ["iv"] }],
  };
  const { input, options } = resolveStudy(study, exampleSegments());
  const d = STUDY_DEFAULTS;
  assert.equal(input.horizonYears, d.horizonYears);
  assert.equal(input.cyclesPerYear, d.cyclesPerYear);
  assert.equal(input.discountRate, d.discountRate);
  assert.equal(input.parameters.improvingMoves, d.improvingMoves);
  assert.deepEqual(options, {
    iterations: d.iterations,
    seed: d.seed,
    interval: d.interval,
    uncertainty: d.uncertainty,
  });
  const iv = input.interventions[0];
  for (const key of Object.keys(d.intervention) as (keyof typeof d.intervention)[]) {
    assert.equal(iv[key], d.intervention[key], key);
  }
});

Deno.test("the template, a new intervention and the workbench's run settings use the defaults", () => {
  const d = STUDY_DEFAULTS;
  for (const study of [newStudy("New"), newStudy("From CSV", "data/place.csv")]) {
    assert.equal(study.horizonYears, d.horizonYears);
    assert.equal(study.iterations, d.iterations);
    assert.equal(study.seed, d.seed);
    const iv = study.interventions![0];
    assert.equal(iv.capacity, d.intervention.capacity);
    assert.equal(iv.startYear, d.intervention.startYear);
    const effect = iv.effects!.activity!.nonElective as { level: number };
    assert.equal(effect.level, d.estimateLevel);
  }
  const { study } = addIntervention(newStudy("New"), 0);
  const added = study.interventions![1];
  assert.equal(added.targeting, d.intervention.targeting);
  assert.equal(added.capacity, d.intervention.capacity);
  assert.equal(added.startYear, d.intervention.startYear);
  assert.equal(added.fixedCostPerYear, d.intervention.fixedCostPerYear);
  assert.deepEqual(runSettings({ name: "x", scenarios: [] }), {
    iterations: d.iterations,
    seed: String(d.seed),
  });
  assert.equal(
    runSettings({ name: "x", scenarios: [], iterations: 99_999 }).iterations,
    MAX_BROWSER_ITERATIONS,
  );
});

Deno.test("no module outside defaults.ts writes a default of its own for a study field", async () => {
  // e.g. `study.horizonYears ?? 10` or `iv.targeting ?? "proportional"`.
  const fields =
    "horizonYears|cyclesPerYear|iterations|seed|discountRate|interval|targeting|startYear|rampUpYears|durationYears|decayPerYear|fixedCostPerYear|capacity|improvingMoves";
  // Display fallbacks (`?? ""`) and option objects (`more.interval`) are not study defaults.
  const own = new RegExp(
    `(?<!more)\\.(${fields})\\s*\\?\\?\\s*(?=\\S)(?!STUDY_DEFAULTS|ivDefaults\\.|""|d\\.)`,
    "g",
  );
  const found: string[] = [];
  const root = new URL("../../../", import.meta.url);
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(new URL(dir, root))) {
      const path = `${dir}${entry.name}`;
      if (entry.isDirectory) await walk(`${path}/`);
      else if (/\.tsx?$/.test(entry.name)) {
        const text = await Deno.readTextFile(new URL(path, root));
        for (const m of text.matchAll(own)) found.push(`${path}: ${m[0]}`);
      }
    }
  };
  for (const dir of ["sim/", "client/", "components/", "islands/", "report/", "cli/", "server/"]) {
    await walk(dir);
  }
  assert.deepEqual(found, []);
});
