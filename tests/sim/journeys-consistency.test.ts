/**
 * Journeys against the cohort model: averaged over many synthetic people, activity, cost,
 * deaths, leaving, moves between levels, where people are in the last year and years enrolled
 * match the cohort model's deterministic values for the cohort starting alone, in the baseline
 * and in a scenario, for cohorts of several studies (capacity filled by highest risk and
 * impactability, relative risks above 1, effects on moves and death, decay, quarterly cycles,
 * two neighbourhoods). And each rule, dropped from the journeys, makes the comparison fail.
 *
 * Tolerance: |mean − cohort| < 4 standard errors of the journeys' own mean (sd/√n, n = 20,000).
 * The journeys are exact in expectation (docs/model.md, "Journeys"), so the only difference is
 * Monte Carlo error; about 350 measures are compared here, and 4 SE is the Bonferroni bound for
 * a 5% chance of any false alarm among 350 normal z (two-sided 0.05/350 → 3.8). The seed is
 * fixed, so the test is deterministic; the mutations show the bound is tight enough to see a
 * missing rule.
 */
import assert from "node:assert/strict";
import {
  type CohortSpec,
  compareWithCohort,
  type Comparison,
  drawJourneys,
  type JourneyModel,
  journeyModel,
  resolveCohort,
} from "../../sim/journeys.ts";
import { yearStatus } from "../../sim/interventions.ts";
import type { PreparedStudy } from "../../sim/study/prepare.ts";
import { EVERY_RULE, prepared, shipped } from "./journeys-fixtures.ts";

const PEOPLE = 20_000;
const SEED = 11;
const LIMIT = 4;

const everyRule = () => prepared(JSON.stringify(EVERY_RULE));

const CASES: [string, () => PreparedStudy, string, CohortSpec][] = [
  ["frailty", () => shipped("frailty-proactive-care.json"), "Both together", {
    band: "75+",
    complexity: "high",
    quintile: 1,
  }],
  ["diabetes", () => shipped("diabetes-prevention.json"), "Diabetes prevention", {
    band: "18-74",
    complexity: "low",
    quintile: 3,
  }],
  ["falls", () => shipped("falls-prevention.json"), "Falls prevention", {
    group: "70-74",
    complexity: "middle",
    quintile: 5,
  }],
  ["core20", () => shipped("neighbourhood-team-core20.json"), "Core20 neighbourhood team", {
    band: "18-74",
    complexity: "middle",
    quintile: 1,
  }],
  ["every rule, south", everyRule, "Both", {
    band: "75+",
    complexity: "middle",
    quintile: 2,
    area: "south",
  }],
  ["every rule, south, high complexity", everyRule, "Both", {
    band: "75+",
    complexity: "high",
    quintile: 1,
    area: "south",
  }],
  ["every rule, north", everyRule, "Both", {
    group: "55-59",
    complexity: "low",
    quintile: 1,
    area: "north",
  }],
];

function compare(jm: JourneyModel, spec: CohortSpec, drawn: JourneyModel = jm): Comparison[] {
  const cohort = resolveCohort(jm.model.layout, jm.model.initial, spec);
  const set = drawJourneys(drawn, { cohort, people: PEOPLE, seed: SEED, events: false });
  return compareWithCohort(jm, cohort, set);
}

const line = (c: Comparison) =>
  `${c.arm} ${c.field.key}: journeys ${c.mean.toPrecision(5)} ± ${c.se.toPrecision(2)}, cohort ${
    c.cohort.toPrecision(5)
  }, z ${c.z.toFixed(2)}`;

for (const [name, load, scenario, spec] of CASES) {
  Deno.test(`journeys: ${name} — ${PEOPLE} people match the cohort model within ${LIMIT} SE`, () => {
    const jm = journeyModel(load().model, { scenario });
    const comparisons = compare(jm, spec);
    // Something is compared in both arms, programmes included.
    assert.ok(comparisons.some((c) => c.arm === "scenario" && c.field.key.startsWith("enrolled")));
    assert.ok(comparisons.filter((c) => c.cohort > 0).length >= 20);
    const off = comparisons.filter((c) => !(Math.abs(c.z) < LIMIT));
    assert.deepEqual(off.map(line), [], comparisons.map(line).join("\n"));
  });
}

/** A copy of a journey model with its rates or interventions changed (the cohort's are not). */
function broken(jm: JourneyModel, change: (copy: JourneyModel) => void): JourneyModel {
  const copy: JourneyModel = {
    ...jm,
    rates: { ...jm.rates },
    scenario: jm.scenario && {
      ...jm.scenario,
      interventions: jm.scenario.interventions.map((iv) => ({
        ...iv,
        share: iv.share.slice(),
        runtime: {
          ...iv.runtime,
          activityGain: iv.runtime.activityGain.slice(),
          moveGain: iv.runtime.moveGain.slice(),
          deathGain: iv.runtime.deathGain.slice(),
        },
      })),
    },
  };
  change(copy);
  return copy;
}

/** Where the capacity binds: the frailty study's case management takes no one aged 75+ at
 * middle complexity in quintile 5 after its first year (higher-risk people fill its places). */
const CAPACITY_BINDS: CohortSpec = { band: "75+", complexity: "middle", quintile: 5 };

const MUTATIONS: [string, number, CohortSpec | null, (jm: JourneyModel) => void, string][] = [
  ["no ageing between age groups", 2, null, (jm) => {
    jm.rates.ageing = new Float64Array(jm.rates.ageing.length);
  }, "lastYear.75+"],
  ["no moving away", 0, null, (jm) => {
    jm.rates.migration = new Float64Array(jm.rates.migration.length);
  }, "migration.out"],
  ["no complexity moves", 0, null, (jm) => {
    jm.rates.move = new Float64Array(jm.rates.move.length);
  }, "move.high.middle"],
  ["no social care", 0, null, (jm) => {
    jm.rates.socialCare = new Float64Array(jm.rates.socialCare.length);
  }, "cost.socialCare"],
  ["enrolment ignoring capacity and targeting", 0, CAPACITY_BINDS, (jm) => {
    const S = jm.model.layout.stateCount;
    for (const iv of jm.scenario!.interventions) {
      for (let c = 0; c < jm.cycles; c++) {
        const { reach } = yearStatus(iv.runtime.spec, Math.floor(c / jm.cyclesPerYear));
        if (!iv.active[c]) continue;
        for (let s = 0; s < S; s++) iv.share[c * S + s] = iv.runtime.uptake[s] * reach;
      }
    }
  }, "enrolledYears.case-management"],
  ["no effects on enrolled people", 0, null, (jm) => {
    for (const iv of jm.scenario!.interventions) iv.runtime.activityGain.fill(0);
  }, "activity.community"],
  ["relative risks above 1 treated as 1", 5, null, (jm) => {
    for (const iv of jm.scenario!.interventions) {
      const g = iv.runtime.activityGain;
      for (let i = 0; i < g.length; i++) g[i] = Math.max(0, g[i]);
    }
  }, "activity.gp"],
  ["no effect on death", 4, null, (jm) => {
    for (const iv of jm.scenario!.interventions) iv.runtime.deathGain.fill(0);
  }, "deaths"],
];

for (const [rule, at, cohort, change, measure] of MUTATIONS) {
  Deno.test(`journeys: dropping a rule fails the comparison — ${rule}`, () => {
    const [, load, scenario, spec] = CASES[at];
    const jm = journeyModel(load().model, { scenario });
    const comparisons = compare(jm, cohort ?? spec, broken(jm, change));
    const hit = comparisons.filter((c) => c.field.key === measure && Math.abs(c.z) >= LIMIT);
    assert.ok(hit.length > 0, `${measure} not flagged:\n${comparisons.map(line).join("\n")}`);
  });
}
