import assert from "node:assert/strict";
import { RandomDraws } from "../../sim/draws.ts";
import { simulateScenario, Workspace } from "../../sim/engine.ts";
import { prepareModel, scenarioContexts } from "../../sim/model.ts";
import { drawParameters } from "../../sim/parameters.ts";
import { recordLength } from "../../sim/record.ts";
import { cellSite, iterationKey, SiteKind, stateSite } from "../../sim/rng.ts";
import { ExpectedDraws } from "../../sim/draws.ts";
import { blocksOf, mergeBlocks, runAll, runBlock } from "../../sim/run.ts";
import { BLOCK_WORKER_URL, BlockPool } from "../../sim/parallel.ts";
import { runStudy } from "../../sim/api.ts";
import { enrol } from "../../sim/interventions.ts";
import { meanParameters } from "../../sim/parameters.ts";
import { exampleStudy, expected, fixParameters, simulate } from "../helpers.ts";
import type { SeriesSummary } from "../../sim/summary.ts";

/** Runs every scenario of `iterations` iterations, calling `check` with each record. */
function eachIteration(
  input: ReturnType<typeof exampleStudy>,
  iterations: number,
  check: (rec: Float64Array, statePop: Float64Array, scenario: number) => void,
) {
  const model = prepareModel(input);
  const ws = new Workspace(model.layout, 4);
  const out = new Float64Array(recordLength(model.record));
  const pop = new Float64Array(model.record.years * model.layout.stateCount);
  for (let i = 0; i < iterations; i++) {
    const key = iterationKey(3, i);
    const contexts = scenarioContexts(model, drawParameters(model.registry, key));
    contexts.forEach((ctx, sc) => {
      simulateScenario(ctx, ws, new RandomDraws(key), out, { statePopulation: pop });
      check(out, pop, sc);
    });
  }
  return model;
}

Deno.test("conservation: alive + dead = start + entrants ± migration, every year and iteration", () => {
  const input = exampleStudy();
  input.parameters.netMigrationPer1000 = { "0-17": 2, "18-74": -3, "75+": 1 };
  input.cyclesPerYear = 4;
  const model = prepareModel(input);
  const r = model.record;
  let checked = 0;
  eachIteration(input, 20, (rec, statePop) => {
    const S = model.layout.stateCount;
    for (let y = 0; y + 1 < r.years; y++) {
      const o = y * r.stride;
      const start = rec[o + r.population];
      const end = rec[o + r.stride + r.population];
      assert.equal(end, start - rec[o + r.deaths] + rec[o + r.entrants] + rec[o + r.migration]);
      let states = 0;
      for (let s = 0; s < S; s++) states += statePop[(y + 1) * S + s];
      assert.equal(states, end);
      checked++;
    }
  });
  assert.ok(checked > 0);
});

Deno.test("flows: every person alive at the start of a year is in exactly one flow (one cycle a year)", () => {
  const input = exampleStudy();
  input.parameters.netMigrationPer1000 = { "0-17": 2, "18-74": -3, "75+": 1 };
  const model = prepareModel(input);
  const r = model.record;
  const C = r.levels;
  let checked = 0;
  eachIteration(input, 10, (rec) => {
    for (let y = 0; y + 1 < r.years; y++) {
      const o = y * r.stride;
      let flows = 0;
      for (let f = 0; f < C * (C + 1); f++) flows += rec[o + r.flows + f];
      assert.equal(flows, rec[o + r.population]);
      // Each level's flows (staying, moving, dying) add up to the people at that level.
      for (let from = 0; from < C; from++) {
        let out = 0;
        for (let to = 0; to <= C; to++) out += rec[o + r.flows + from * (C + 1) + to];
        assert.equal(out, rec[o + r.complexityPopulation + from]);
      }
      // Deaths are the flows into death.
      let died = 0;
      for (let from = 0; from < C; from++) died += rec[o + r.flows + from * (C + 1) + C];
      assert.equal(died, rec[o + r.deaths]);
      checked++;
    }
  });
  assert.ok(checked > 0);
});

Deno.test("no negative or fractional counts anywhere", () => {
  const input = exampleStudy();
  input.parameters.netMigrationPer1000 = { "0-17": -50, "18-74": -80, "75+": -100 };
  eachIteration(input, 10, (rec, statePop) => {
    statePop.forEach((n) => assert.ok(n >= 0 && Number.isInteger(n), `state count ${n}`));
    const model = prepareModel(input);
    const r = model.record;
    for (let y = 0; y < r.years; y++) {
      const o = y * r.stride;
      for (const at of [r.population, r.deaths, r.entrants]) {
        assert.ok(rec[o + at] >= 0 && Number.isInteger(rec[o + at]));
      }
      for (let a = 0; a < 5; a++) assert.ok(Number.isInteger(rec[o + r.activity + a]));
      for (let c = 0; c < 5; c++) assert.ok(rec[o + r.cost + c] >= 0);
    }
  });
});

Deno.test("determinism: the same seed gives identical results; another seed does not", async () => {
  const input = exampleStudy();
  const a = await simulate(input, { iterations: 40, seed: 11, interval: 0.9 });
  const b = await simulate(input, { iterations: 40, seed: 11, interval: 0.9 });
  const c = await simulate(input, { iterations: 40, seed: 12, interval: 0.9 });
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  assert.notEqual(JSON.stringify(a), JSON.stringify(c));
  assert.equal(a.seed, 11);
  assert.equal(a.iterations, 40);
  assert.match(a.inputHash, /^[0-9a-f]{16}$/);
  assert.ok(a.engine.version);
});

Deno.test("determinism: blocks merged in any order equal a single-thread run", () => {
  const input = exampleStudy();
  const model = prepareModel(input);
  const whole = runAll(model, "s", 70);
  const blocks = blocksOf(70).map(([start, count]) => runBlock(model, "s", start, count)).reverse();
  const merged = mergeBlocks(model, blocks);
  merged.records.forEach((r, sc) => assert.deepEqual(r, whole.records[sc]));
  merged.statePopulationSum.forEach((r, sc) => assert.deepEqual(r, whole.statePopulationSum[sc]));
});

Deno.test("determinism: 1, 2 and 3 workers give results identical to one thread", async () => {
  const input = exampleStudy();
  const options = { iterations: 100, seed: 5, interval: 0.95 };
  const model = prepareModel(input);
  const single = JSON.stringify(await runStudy({ model }, options));
  for (const workers of [1, 2, 3]) {
    const pool = new BlockPool(BLOCK_WORKER_URL, workers);
    try {
      const pooled = await runStudy({ model }, { ...options, pool });
      assert.equal(JSON.stringify(pooled), single, `${workers} workers`);
    } finally {
      pool.terminate();
    }
  }
});

Deno.test("Monte Carlo mean lies within 4 standard errors of expected values (fixed parameters)", async () => {
  const input = fixParameters(exampleStudy());
  input.parameters.netMigrationPer1000 = { "0-17": 1, "18-74": -2, "75+": 0 };
  const mc = await simulate(input, { iterations: 400, seed: 2024, interval: 0.95 });
  const ev = expected(input);
  let compared = 0;
  const failures: string[] = [];
  mc.scenarios.forEach((scenario, sc) => {
    for (const table of ["absolute", "deltas"] as const) {
      const mcSeries = scenario[table];
      const evSeries = ev.scenarios[sc][table];
      if (!mcSeries || !evSeries) continue;
      for (const [key, s] of Object.entries(mcSeries)) {
        // Ratios of means (shares of a change in Q1) have no standard error to compare within.
        if (!s.mcse) continue;
        const mcse = s.mcse;
        s.mean.forEach((m, y) => {
          const e = (evSeries as Record<string, SeriesSummary>)[key].mean[y];
          if (!Number.isFinite(e) || !Number.isFinite(m)) return;
          // A difference that never varied over the iterations (common random numbers made
          // every draw equal) is resolved only to whole people: allow half a person.
          const tolerance = 4 * mcse[y] + 1e-9 * Math.max(1, Math.abs(e)) +
            (mcse[y] === 0 && table === "deltas" ? 0.5 : 0);
          compared++;
          if (Math.abs(m - e) > tolerance) {
            failures.push(
              `${scenario.name} ${table} ${key} y${y}: ${m} vs ${e} (mcse ${mcse[y]})`,
            );
          }
        });
      }
    }
  });
  assert.ok(compared > 1000, `compared ${compared}`);
  assert.deepEqual(failures, []);
});

/** Random draws that keep every value drawn, by draw site. */
class RecordingDraws extends RandomDraws {
  readonly bySite = new Map<number, number[]>();
  private current: number[] = [];
  override at(site: number): void {
    super.at(site);
    this.current = [];
    this.bySite.set(site, this.current);
  }
  override binomial(n: number, p: number): number {
    const x = super.binomial(n, p);
    this.current.push(x);
    return x;
  }
  override poisson(mean: number): number {
    const x = super.poisson(mean);
    this.current.push(x);
    return x;
  }
}

Deno.test("common random numbers: states an intervention cannot reach draw identical counts", () => {
  // Both interventions reach only the 75+ band. Without entrants (whose number depends on the
  // whole area's population) nothing links the younger bands to it, so each of their states
  // must draw exactly the baseline's counts at every site — drawn afresh here, without reusing
  // the baseline's draws.
  const input = exampleStudy();
  input.parameters.entrantsPer1000 = 0;
  const model = prepareModel(input);
  const { layout } = model;
  const S = layout.stateCount;
  const sites = { states: S, cells: layout.cellCount, areas: layout.areas.length };
  const cycles = model.record.years * input.cyclesPerYear;
  const oldest = layout.ageBands.indexOf("75+");
  const ws = new Workspace(layout, 4);
  const out = new Float64Array(recordLength(model.record));
  let same = 0;
  let differ = 0;
  for (let i = 0; i < 3; i++) {
    const key = iterationKey(9, i);
    const contexts = scenarioContexts(model, drawParameters(model.registry, key));
    const draws = [0, 2].map((sc) => {
      const d = new RecordingDraws(key);
      simulateScenario(contexts[sc], ws, d, out);
      return d;
    });
    for (let cycle = 0; cycle < cycles; cycle++) {
      for (let s = 0; s < S; s++) {
        for (const kind of [SiteKind.Outcomes, SiteKind.Ageing]) {
          const site = stateSite(cycle, s, kind, sites);
          const [base, scenario] = draws.map((d) => d.bySite.get(site));
          if (layout.ageBand[s] !== oldest) {
            assert.deepEqual(scenario, base, `state ${s}, cycle ${cycle}, kind ${kind}`);
            if (base?.length) same++;
          } else if (JSON.stringify(scenario) !== JSON.stringify(base)) differ++;
        }
      }
      // Activity is drawn per cell (area × age band × level × quintile).
      for (let k = 0; k < layout.cellCount; k++) {
        const site = cellSite(cycle, k, sites);
        const [base, scenario] = draws.map((d) => d.bySite.get(site));
        if (layout.ageBand[layout.cellStates[layout.cellStart[k]]] !== oldest) {
          assert.deepEqual(scenario, base, `cell ${k}, cycle ${cycle}`);
          if (base?.length) same++;
        } else if (JSON.stringify(scenario) !== JSON.stringify(base)) differ++;
      }
    }
  }
  assert.ok(same > 1000, `${same} sites compared`);
  assert.ok(differ > 0, "the interventions change the 75+ band's draws");
});

Deno.test("capacity: the caseload never exceeds the cap and highest-risk fills High first", () => {
  const input = fixParameters(exampleStudy());
  input.interventions[0].capacity = 500;
  const ev = expected(input);
  const participants = ev.scenarios[1].absolute["intervention.frailty.participants"].mean;
  participants.forEach((p) => assert.ok(p <= 500 + 1e-9));
  assert.ok(participants[3] > 499);
  // With 500 places and ~660 willing High-complexity 75+ people, only High states enrol.
  const model = prepareModel(input);
  const [, ctx] = scenarioContexts(model, meanParameters(model.registry));
  const rt = ctx.runtimes[0];
  const share = new Float64Array(model.layout.stateCount);
  enrol(rt, model.initial, 1, share);
  for (let s = 0; s < model.layout.stateCount; s++) {
    if (share[s] > 0) assert.equal(model.layout.levels[model.layout.level[s]], "high");
  }
});

Deno.test("cycles: with deaths only, quarterly cycles give the annual probability over a year", () => {
  const input = fixParameters(exampleStudy());
  for (const band of Object.keys(input.parameters.transitions)) {
    for (const k of Object.keys(input.parameters.transitions[band])) {
      input.parameters.transitions[band][k] = 0;
    }
  }
  for (const band of Object.keys(input.parameters.netMigrationPer1000)) {
    input.parameters.netMigrationPer1000[band] = 0;
  }
  input.parameters.entrantsPer1000 = 0;
  input.scenarios = [input.scenarios[0]];
  const populationAfterAYear = (cyclesPerYear: number) => {
    const model = prepareModel({ ...input, cyclesPerYear });
    const [ctx] = scenarioContexts(model, meanParameters(model.registry));
    ctx.rates.ageing.fill(0); // ageing (fixed by the age groups) would interleave with deaths
    const out = new Float64Array(recordLength(model.record));
    simulateScenario(ctx, new Workspace(model.layout, 0), new ExpectedDraws(), out);
    return out[model.record.stride + model.record.population];
  };
  const annual = populationAfterAYear(1);
  const quarterly = populationAfterAYear(4);
  assert.ok(Math.abs(annual - quarterly) < 1e-6 * annual, `${annual} vs ${quarterly}`);
});

Deno.test("areas: neighbourhoods add up to their place, and the place to the whole", async () => {
  const input = fixParameters(exampleStudy());
  input.areas = [
    { id: "place", name: "Place", level: "place" },
    {
      id: "north",
      name: "North",
      level: "neighbourhood",
      parent: "place",
      scale: 0.6,
      deprivationShift: -1,
    },
    {
      id: "south",
      name: "South",
      level: "neighbourhood",
      parent: "place",
      scale: 0.4,
      deprivationShift: 1.5,
    },
  ];
  const r = await simulate(input, { iterations: 20, seed: 1, interval: 0.9 });
  for (const s of r.scenarios) {
    for (const field of ["population", "cost.service", "activity.nonElective"] as const) {
      s.areas[`area.place.${field}`].forEach((v, y) => {
        const parts = s.areas[`area.north.${field}`][y] + s.areas[`area.south.${field}`][y];
        assert.ok(Math.abs(v - parts) <= 1e-9 * Math.max(1, v), `${field} ${y}`);
      });
    }
    s.areas["area.place.population"].forEach((v, y) =>
      assert.ok(Math.abs(v - s.absolute.population.mean[y]) < 1e-6 * v)
    );
  }
  // Year 0: the more deprived neighbourhood has more admissions per person.
  const perPerson = (id: string) =>
    r.scenarios[0].areas[`area.${id}.activity.nonElective`][0] /
    r.scenarios[0].areas[`area.${id}.population`][0];
  assert.ok(perPerson("north") > perPerson("south"));
});

/** Expected counts that keep every Poisson mean asked for, by draw site. */
class RecordingMeans extends ExpectedDraws {
  /** Asks the engine to position and draw as in Monte Carlo, so every cell's mean is seen. */
  override readonly expected = false;
  readonly bySite = new Map<number, number[]>();
  private current: number[] = [];
  override at(site: number): void {
    this.current = [];
    this.bySite.set(site, this.current);
  }
  override poisson(mean: number): number {
    this.current.push(mean);
    return mean;
  }
}

Deno.test("activity per cell is exact when a cap enrols only part of a cell's age groups", () => {
  // Activity is drawn once per cell (area × band × level × quintile) with mean
  // Σ_s N_s · r_s · L · (1 − f_s · g_s) over the cell's age-group states. A capped
  // highest-risk intervention fills states in order (ties by state index, so one cell's age
  // groups one after another): the cap is set to stop half-way through a cell, so that cell
  // holds enrolled, part-enrolled and unenrolled age groups. The mean must still be the sum.
  const input = fixParameters(exampleStudy());
  input.horizonYears = 1;
  input.parameters.improvingMoves = "as-given";
  const iv = input.interventions[0];
  Object.assign(iv, { startYear: 1, rampUpYears: 0, capacity: null });
  input.scenarios = [input.scenarios[0], input.scenarios[1]];
  const open = prepareModel(input);
  const { layout } = open;
  const S = layout.stateCount;
  // Year-1 counts (the intervention starts in year 1, so the baseline's are the scenario's).
  const ws = new Workspace(layout, 1);
  const pop = new Float64Array(open.record.years * S);
  const [base, withIv] = scenarioContexts(open, meanParameters(open.registry));
  simulateScenario(base, ws, new ExpectedDraws(), new Float64Array(recordLength(open.record)), {
    statePopulation: pop,
  });
  const counts = pop.subarray(S, 2 * S);
  // The cap: every place up to the middle of the first cell with at least three age groups.
  const rt = withIv.runtimes[0];
  let cap = 0;
  let cut = -1;
  for (let i = 0; i < rt.order.length && cut < 0; i++) {
    const s = rt.order[i];
    const k = layout.cell[s];
    const members = layout.cellStart[k + 1] - layout.cellStart[k];
    const first = layout.cellStates[layout.cellStart[k]] === s;
    if (first && members >= 3 && i > 0) {
      cap += 1.5 * counts[s] * rt.uptake[s];
      cut = k;
    } else cap += counts[s] * rt.uptake[s];
  }
  assert.ok(cut >= 0, "a cell with three or more age groups is on the fill order");
  iv.capacity = cap;
  const model = prepareModel(input);
  const contexts = scenarioContexts(model, meanParameters(model.registry));
  const ctx = contexts[1];
  const share = new Float64Array(S);
  enrol(ctx.runtimes[0], counts, 1, share);
  const inCut = Array.from(
    layout.cellStates.subarray(layout.cellStart[cut], layout.cellStart[cut + 1]),
  );
  const shares = inCut.map((s) => share[s]);
  assert.ok(shares[0] > 0 && shares.at(-1) === 0, `shares in the cut cell: ${shares}`);
  assert.ok(shares.some((f) => f > 0 && f < shares[0]), `a part-enrolled group: ${shares}`);
  // The engine's means at year 1's cell sites against the sum written out by hand.
  const draws = new RecordingMeans();
  simulateScenario(
    ctx,
    new Workspace(layout, 1),
    draws,
    new Float64Array(recordLength(model.record)),
  );
  const sites = { states: S, cells: layout.cellCount, areas: layout.areas.length };
  const { rates } = ctx;
  const gain = ctx.runtimes[0].activityGain;
  const L = 1 / ctx.cyclesPerYear;
  let checked = 0;
  for (let k = 0; k < layout.cellCount; k++) {
    const means = draws.bySite.get(cellSite(1, k, sites));
    const members = Array.from(
      layout.cellStates.subarray(layout.cellStart[k], layout.cellStart[k + 1]),
    );
    if (members.every((s) => counts[s] === 0)) continue;
    assert.ok(means, `cell ${k} drew`);
    means.forEach((mean, a) => {
      let byHand = 0;
      for (const s of members) {
        byHand += counts[s] * rates.activity[a][s] * L * (1 - share[s] * gain[a * S + s]);
      }
      assert.ok(Math.abs(mean - byHand) <= 1e-12 * Math.max(1, byHand), `cell ${k} a${a}`);
      checked++;
    });
  }
  assert.ok(checked >= layout.cellCount, `${checked} means checked`);
});

Deno.test("the draw memo: a scenario reusing the baseline's draws equals the scenario drawn afresh, bit for bit", () => {
  // runBlock runs the baseline first and lets each scenario reuse its draws wherever the inputs
  // are the same (DrawMemo). That is an optimisation only: every scenario's record must equal
  // the record it gets drawing every count itself from the same streams.
  for (const input of [exampleStudy(), fixParameters(exampleStudy())]) {
    const model = prepareModel(input);
    const block = runBlock(model, 17, 0, 4);
    const len = recordLength(model.record);
    const ws = new Workspace(model.layout, 4);
    for (let i = 0; i < 4; i++) {
      const key = iterationKey(17, i);
      const contexts = scenarioContexts(model, drawParameters(model.registry, key));
      contexts.forEach((ctx, sc) => {
        const out = new Float64Array(len);
        simulateScenario(ctx, ws, new RandomDraws(key), out);
        assert.deepEqual(
          Array.from(block.records[sc].subarray(i * len, (i + 1) * len)),
          Array.from(out),
          `iteration ${i}, scenario ${sc}`,
        );
      });
    }
  }
});
