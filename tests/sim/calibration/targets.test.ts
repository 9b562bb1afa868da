/** Calibration targets: reading, checking against the segmentation, likelihood. */
import assert from "node:assert/strict";
import type { CalibrationTarget } from "../../../sim/calibration/format.ts";
import {
  checkTargets,
  logLikelihood,
  parseTargetsFile,
  targetSpread,
} from "../../../sim/calibration/targets.ts";

const growth = (central: number, low: number, high: number): CalibrationTarget => ({
  name: "t",
  quantity: "population",
  year: 10,
  annualGrowth: { central, low, high, level: 0.9 },
  source: "test",
});

Deno.test("likelihood: a two-piece normal from the interval, normal when it is symmetric", () => {
  // 90% interval: z = 1.6449; (0.03 − 0.01) / z and (0.04 − 0.03) / z.
  const [below, above] = targetSpread({ central: 0.03, low: 0.01, high: 0.04, level: 0.9 });
  assert.ok(Math.abs(below - 0.02 / 1.6448536269514722) < 1e-15);
  assert.ok(Math.abs(above - 0.01 / 1.6448536269514722) < 1e-15);
  const t = [growth(0.03, 0.01, 0.04)];
  // One sd below and one sd above cost the same; the mode costs nothing.
  assert.equal(logLikelihood([0.03], t), 0);
  assert.ok(Math.abs(logLikelihood([0.03 - below], t) + 0.5) < 1e-12);
  assert.ok(Math.abs(logLikelihood([0.03 + above], t) + 0.5) < 1e-12);
  // Independent targets add.
  const two = [growth(0.03, 0.01, 0.04), growth(0, -1, 1)];
  assert.ok(Math.abs(logLikelihood([0.03 + above, 1 / 1.6448536269514722], two) + 1) < 1e-12);
  assert.equal(logLikelihood([NaN], t), -Infinity);
});

Deno.test("targets: a file's problems name JSON paths; semantic problems name the target", () => {
  const bad = parseTargetsFile(JSON.stringify({ name: "x", targets: [{ name: "a" }] }));
  assert.equal(bad.targets, undefined);
  assert.ok(bad.problems.some((p) => p.at === "targets[0].quantity"), JSON.stringify(bad.problems));
  assert.match(parseTargetsFile("{").problems[0].message, /malformed JSON/);
  const problems = checkTargets(
    [
      { ...growth(0.02, 0.03, 0.01) },
      { ...growth(0.01, 0, 0.02), fromYear: 10 },
      { ...growth(0.01, 0, 0.02), ageBand: "80+" },
      { ...growth(0.01, 0, 0.02), value: { central: 1, low: 0, high: 2, level: 0.9 } },
      { ...growth(0.01, 0, 0.02), quantity: "spendPerHead", complexity: "high" },
    ],
    ["0-17", "18-74", "75+"],
    ["low", "middle", "high"],
    "targets",
  );
  const at = problems.map((p) => p.at);
  assert.ok(at.includes("targets[0].annualGrowth"), at.join());
  assert.ok(at.includes("targets[1].fromYear"));
  assert.ok(at.includes("targets[2].ageBand"));
  assert.ok(at.includes("targets[3]"));
  assert.ok(at.includes("targets[4]"));
});
