/**
 * The enrolment chain (sim/journeys/enrolment.ts) on a toy: one intervention, an annual death
 * risk of 30% that enrolment cuts by 80%. Among the people still alive each cycle the share
 * enrolled is the cohort model's F (a draw kept for life would let it climb: enrolled people
 * survive more), and enrolment persists as far as F allows (independent draws each cycle would
 * switch people in and out).
 */
import assert from "node:assert/strict";
import { EnrolmentChain, personScale } from "../../sim/journeys/enrolment.ts";
import { Stream } from "../../sim/rng.ts";
import { personKey } from "../../sim/journeys/draw.ts";

const PEOPLE = 40_000;
const CYCLES = 6;
const DEATH = 0.3;

interface Outcome {
  /** Per cycle: people alive at its start, and of them enrolled. */
  alive: number[];
  enrolled: number[];
  /** Per cycle ≥ 1: people alive in both cycles who were enrolled before and not now, and the reverse. */
  left: number[];
  joined: number[];
}

/** Simulates the toy with enrolment shares `F[c]` and a gain `gain` on death. */
function simulate(F: number[], gain: number, enrol: "chain" | "fixed"): Outcome {
  const chain = new EnrolmentChain(1, 1, 1);
  const stream = new Stream();
  const out: Outcome = {
    alive: Array(CYCLES).fill(0),
    enrolled: Array(CYCLES).fill(0),
    left: Array(CYCLES).fill(0),
    joined: Array(CYCLES).fill(0),
  };
  for (let p = 0; p < PEOPLE; p++) {
    const key = personKey("toy", p);
    chain.reset();
    let was = -1;
    stream.reset(key, 0);
    const fixed = stream.uniform();
    for (let c = 0; c < CYCLES; c++) {
      stream.reset(key, 1 + 2 * c);
      const e = enrol === "chain" ? chain.next([F[c]], stream.uniform())[0] : +(fixed < F[c]);
      out.alive[c]++;
      out.enrolled[c] += e;
      if (was === 1 && e === 0) out.left[c]++;
      if (was === 0 && e === 1) out.joined[c]++;
      was = e;
      const q = DEATH * (1 - gain * e);
      stream.reset(key, 2 + 2 * c);
      if (stream.uniform() < q) break;
      chain.observe([DEATH], [gain], personScale(DEATH, 1), -1);
    }
  }
  return out;
}

/** Within 4 binomial standard errors of F. */
function assertShare(enrolled: number, alive: number, F: number, what: string) {
  const se = Math.sqrt(F * (1 - F) / alive);
  assert.ok(Math.abs(enrolled / alive - F) < 4 * se, `${what}: ${enrolled / alive} vs ${F}`);
}

Deno.test("enrolment chain: among survivors the share enrolled is F each cycle", () => {
  const F = [0.5, 0.5, 0.6, 0.4, 0.4, 0.7];
  const chain = simulate(F, 0.8, "chain");
  for (let c = 0; c < CYCLES; c++) {
    assertShare(chain.enrolled[c], chain.alive[c], F[c], `cycle ${c}`);
  }
  // A draw kept for life drifts: enrolled people survive more.
  const fixed = simulate(F, 0.8, "fixed");
  assert.ok(fixed.enrolled[4] / fixed.alive[4] > F[4] + 0.1);
});

Deno.test("enrolment chain: people stay enrolled as far as F allows", () => {
  // No effect, constant F: no one ever leaves or joins.
  const steady = simulate(Array(CYCLES).fill(0.5), 0, "chain");
  assert.equal(steady.left.reduce((a, b) => a + b), 0);
  assert.equal(steady.joined.reduce((a, b) => a + b), 0);
  assertShare(steady.enrolled[5], steady.alive[5], 0.5, "steady");
  // F falling then rising: only leaving while it falls, only joining while it rises.
  const F = [0.6, 0.4, 0.4, 0.7, 0.7, 0.7];
  const moving = simulate(F, 0, "chain");
  assert.equal(moving.joined[1], 0);
  assert.ok(moving.left[1] > 0);
  assert.equal(moving.left[3], 0);
  assert.ok(moving.joined[3] > 0);
  for (let c = 0; c < CYCLES; c++) assertShare(moving.enrolled[c], moving.alive[c], F[c], `${c}`);
  // With an effect on death the chain must move some people to keep the share at F, but far
  // fewer than independent draws each cycle would (F(1 − F) of survivors each way).
  const learning = simulate(Array(CYCLES).fill(0.5), 0.8, "chain");
  for (let c = 1; c < CYCLES; c++) {
    assert.ok(learning.left[c] + learning.joined[c] < 0.25 * learning.alive[c], `cycle ${c}`);
  }
});
