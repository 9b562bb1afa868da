/**
 * `resolve` is the whole model: an independent implementation (reimplementation.py, Python's
 * standard library, reading only the resolve JSON) reproduces the engine's deterministic run of
 * every shipped study to 1e-9, every scenario, year and recorded series (life-years and QALYs
 * included).
 */
import assert from "node:assert/strict";
import { loadStudyFile } from "../../cli/files.ts";
import { describeResolved } from "../../sim/resolved.ts";
import { runDeterministic } from "../../sim/run.ts";
import type { Model } from "../../sim/model.ts";
import { ACTIVITIES, QUINTILE_COUNT, SECTORS } from "../../sim/types.ts";

const SCENARIOS = new URL("../../scenarios/", import.meta.url);
const SCRIPT = new URL("./reimplementation.py", import.meta.url).pathname;

const shipped = [...Deno.readDirSync(SCENARIOS)]
  .filter((e) => e.isFile && e.name.endsWith(".json") && e.name !== "schema.json")
  .map((e) => e.name)
  .sort();

type Series = Record<string, unknown>;

/** Runs the Python implementation on a resolve document. */
async function reimplement(resolved: unknown): Promise<Record<string, Series>> {
  const file = await Deno.makeTempFile({ suffix: ".json" });
  try {
    await Deno.writeTextFile(file, JSON.stringify(resolved));
    const out = await new Deno.Command("python3", { args: [SCRIPT, file] }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    return JSON.parse(new TextDecoder().decode(out.stdout));
  } finally {
    await Deno.remove(file);
  }
}

/** The engine's deterministic record of one scenario, as the same named series. */
function engineSeries(model: Model, record: Float64Array): Series {
  const r = model.record;
  const C = r.levels;
  const years = Array.from({ length: r.years }, (_, y) => y * r.stride);
  const field = (at: number) => years.map((y) => record[y + at]);
  const block = (at: number, n: number) =>
    years.map((y) => Array.from(record.subarray(y + at, y + at + n)));
  const ids = model.input.interventions.map((iv) => iv.id);
  return {
    population: field(r.population),
    deaths: field(r.deaths),
    entrants: field(r.entrants),
    migration: field(r.migration),
    activity: block(r.activity, ACTIVITIES.length),
    cost: block(r.cost, SECTORS.length),
    quintilePopulation: block(r.quintilePopulation, QUINTILE_COUNT),
    complexityPopulation: block(r.complexityPopulation, C),
    quintileActivity: years.map((y) =>
      ACTIVITIES.map((_, a) =>
        Array.from(
          record.subarray(
            y + r.quintileActivity + a * QUINTILE_COUNT,
            y + r.quintileActivity + (a + 1) * QUINTILE_COUNT,
          ),
        )
      )
    ),
    quintileCost: block(r.quintileCost, QUINTILE_COUNT),
    flows: years.map((y) =>
      Array.from(
        { length: C },
        (_, from) =>
          Array.from(
            record.subarray(y + r.flows + from * (C + 1), y + r.flows + (from + 1) * (C + 1)),
          ),
      )
    ),
    lifeYears: field(r.lifeYears),
    qalys: field(r.qalys),
    quintileLifeYears: block(r.quintileLifeYears, QUINTILE_COUNT),
    quintileQalys: block(r.quintileQalys, QUINTILE_COUNT),
    participants: ids,
    interventionCost: ids,
  };
}

/** Every number of `python` within 1e-9 (relative, or absolute below 1) of the engine's. */
function compare(python: unknown, engine: unknown, at: string, worst: { gap: number }): void {
  if (typeof engine === "number") {
    assert.equal(typeof python, "number", at);
    const gap = Math.abs((python as number) - engine) / Math.max(1, Math.abs(engine));
    worst.gap = Math.max(worst.gap, gap);
    assert.ok(gap <= 1e-9, `${at}: python ${python}, engine ${engine}`);
    return;
  }
  assert.ok(Array.isArray(engine) && Array.isArray(python), at);
  assert.equal((python as unknown[]).length, (engine as unknown[]).length, at);
  (engine as unknown[]).forEach((e, i) =>
    compare((python as unknown[])[i], e, `${at}[${i}]`, worst)
  );
}

/**
 * A study that uses every effect rule no shipped study uses: an effect on amenable admissions
 * with modifiers by age band and quintile, a given share on moves with a complexity modifier,
 * a death effect modified by band, caps that fill part of a cell (highest risk, impactability),
 * quarterly cycles and two neighbourhoods; a utility effect retained after its intervention stops,
 * a deprivation ratio of utility, a written multiplier and a norm high enough for the cap at 1.
 * Uncalibrated (its areas change the segments).
 */
const EVERY_RULE = {
  schemaVersion: 2,
  name: "Every effect rule",
  population: { source: "example" },
  areas: [
    { id: "place", name: "Place", level: "place" },
    { id: "north", name: "North", level: "neighbourhood", parent: "place", scale: 0.6 },
    {
      id: "south",
      name: "South",
      level: "neighbourhood",
      parent: "place",
      scale: 0.4,
      deprivationShift: -1.5,
    },
  ],
  horizonYears: 4,
  cyclesPerYear: 4,
  baseline: { netMigrationPer1000: { "0-17": 3, "18-74": -2, "75+": -10 } },
  health: {
    utility: {
      norm: { "75+": 0.97 },
      complexityMultiplier: { middle: { central: 0.8, low: 0.7, high: 0.9, family: "beta" } },
      deprivationRatio: 0.9,
    },
  },
  interventions: [
    {
      id: "amenable",
      name: "Admission avoidance on amenable admissions",
      target: { ageBands: ["18-74", "75+"], complexity: ["middle", "high"] },
      uptake: [0.5, 0.5, 0.45, 0.4, 0.4],
      capacity: 900,
      targeting: "highest-risk",
      rampUpYears: 2,
      costPerParticipant: 300,
      effects: {
        activity: {
          nonElective: {
            rr: 0.6,
            appliesTo: "amenable",
            modifiers: { ageBand: { "75+": 1.2 }, quintile: { "1": 0.9, "5": 1.05 } },
          },
          gp: 1.1,
        },
      },
    },
    {
      id: "moves",
      name: "Slower worsening, fewer deaths",
      target: { complexity: ["low", "middle"] },
      uptake: 0.3,
      capacity: 5000,
      targeting: "impactability",
      durationYears: 2,
      decayPerYear: 0.4,
      costPerParticipant: 120,
      fixedCostPerYear: 20000,
      effects: {
        transitions: {
          worsening: { rr: 0.7, share: 0.5, modifiers: { complexity: { middle: 1.1 } } },
          "middle->low": 1.2,
        },
        death: { rr: 0.9, modifiers: { ageBand: { "0-17": 1 / 0.9 } } },
        activity: { socialCare: { rr: 0.95, share: 0.6 } },
        utility: { central: 0.03, low: 0.01, high: 0.05, level: 0.9, family: "normal" },
      },
    },
  ],
  scenarios: [
    { name: "Baseline", interventions: [] },
    { name: "Amenable", interventions: ["amenable"] },
    { name: "Both", interventions: ["moves", "amenable"] },
  ],
};

const studies: [string, () => ReturnType<typeof loadStudyFile>][] = [
  ...shipped.map((name): [string, () => ReturnType<typeof loadStudyFile>] => [
    name,
    () => loadStudyFile(new URL(name, SCENARIOS).pathname),
  ]),
  ["a study using every effect rule", () => {
    const path = Deno.makeTempFileSync({ suffix: ".json" });
    Deno.writeTextFileSync(path, JSON.stringify(EVERY_RULE));
    try {
      return loadStudyFile(path);
    } finally {
      Deno.removeSync(path);
    }
  }],
];

for (const [name, load] of studies) {
  Deno.test(`resolve: an independent implementation reproduces the deterministic run of ${name}`, async () => {
    const { loaded, problems } = load();
    assert.ok(loaded, problems.join("\n"));
    const { model, options } = loaded;
    const resolved = describeResolved(model, options);
    const python = await reimplement(JSON.parse(JSON.stringify(resolved)));
    const run = runDeterministic(model);
    const worst = { gap: 0 };
    model.input.scenarios.forEach((sc, k) => {
      const engine = engineSeries(model, run.records[k]);
      const mine = python[sc.name];
      assert.ok(mine, `python ran scenario ${sc.name}`);
      for (const [key, value] of Object.entries(engine)) {
        if (key === "participants" || key === "interventionCost") {
          // Per intervention of the scenario: its own record fields.
          const r = model.record;
          const at = key === "participants" ? r.participants : r.interventionCost;
          for (const id of sc.interventions) {
            const field = model.input.interventions.findIndex((iv) => iv.id === id);
            const series = Array.from(
              { length: r.years },
              (_, y) => run.records[k][y * r.stride + at + field],
            );
            compare(
              (mine[key] as Record<string, number[]>)[id],
              series,
              `${sc.name}.${key}.${id}`,
              worst,
            );
          }
          continue;
        }
        compare(mine[key], value, `${sc.name}.${key}`, worst);
      }
    });
    assert.ok(worst.gap <= 1e-9, `largest relative gap ${worst.gap}`);
  });
}

Deno.test("resolve --iteration K: iteration K's drawn parameters, posterior draw K mod N", () => {
  const { loaded, problems } = loadStudyFile(new URL("falls-prevention.json", SCENARIOS).pathname);
  assert.ok(loaded, problems.join("\n"));
  const { model, options } = loaded;
  const posterior = model.posterior!;
  assert.ok(posterior, "the shipped studies run on the shipped posterior");
  const k = posterior.count + 3;
  const r = describeResolved(model, options, { iteration: k });
  assert.deepEqual(r.analysis, { kind: "iteration", iteration: k, seed: options.seed });
  assert.equal(r.posterior!.drawUsed, 3);
  posterior.keys.forEach((key, j) => {
    const p = r.parameters[key];
    assert.equal(p.value, posterior.draws[3 * posterior.keys.length + j], key);
    assert.equal(p.source, "posterior draw 3");
  });
  const deterministic = describeResolved(model, options);
  posterior.keys.forEach((key, j) => {
    assert.ok(Math.abs(deterministic.parameters[key].value - posterior.means[j]) < 1e-15, key);
  });
  // A parameter not calibrated is drawn from its prior: it differs between iterations.
  const other = Object.keys(r.parameters).find((key) =>
    !posterior.keys.includes(key) && r.parameters[key].distribution.dist !== "fixed"
  )!;
  const again = describeResolved(model, options, { iteration: k + 1 });
  assert.notEqual(again.parameters[other].value, r.parameters[other].value);
  assert.equal(r.parameters[other].source, `drawn from the prior (iteration ${k})`);
});
