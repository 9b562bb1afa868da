/** Every assumption as entered, in words (report/assumptions.ts). */
import assert from "node:assert/strict";
import { assumptionGroups, describeParameter } from "../../report/assumptions.ts";
import type { Study } from "../../sim/study/format.ts";

const study = (): Study =>
  JSON.parse(
    Deno.readTextFileSync(new URL("../../scenarios/frailty-proactive-care.json", import.meta.url)),
  );

const text = (s: Study) =>
  assumptionGroups(s).map((g) =>
    `## ${g.title}\n` +
    g.rows.map((r) => `${r.label}: ${r.value}${r.source ? ` [${r.source}]` : ""}`).join("\n")
  ).join("\n");

Deno.test("a parameter in words: value, interval, level, family; £ for money", () => {
  assert.equal(describeParameter(0.5), "0.5 (fixed)");
  assert.equal(
    describeParameter({ central: 0.81, low: 0.72, high: 0.91, level: 0.95, family: "lognormal" }),
    "0.81 (0.72 to 0.91, 95% interval; lognormal distribution fitted)",
  );
  assert.equal(
    describeParameter({ central: 450, low: 300, high: 650, level: 0.9, family: "gamma" }, true),
    "£450 (£300 to £650, 90% interval; gamma distribution fitted)",
  );
  assert.match(
    describeParameter({ dist: "beta", alpha: 2, beta: 3 }),
    /^beta distribution \(alpha 2, beta 3\): median 0\.38\d*, 95% interval/,
  );
  assert.equal(describeParameter(200000, true), "£200,000 (fixed)");
});

Deno.test("every intervention's uptake, capacity, targeting, timing, costs and effects", () => {
  const t = text(study());
  assert.match(t, /## Case management for frail older people/);
  for (let q = 1; q <= 5; q++) assert.match(t, new RegExp(`Uptake in Q${q}`));
  assert.match(t, /Uptake in Q1 \(most deprived\): 0\.45 \(0\.4 to 0\.5, 90% interval; beta/);
  assert.match(t, /\[Barron et al\., Diabet Med 2018/);
  assert.match(t, /Capacity: 3,000 people at once/);
  assert.match(t, /When capacity binds: Highest risk first/);
  assert.match(t, /Ramp-up: 2 years/);
  assert.match(t, /Cost per participant per year: £450 \(£300 to £650, 90% interval; gamma/);
  assert.match(t, /Fixed cost per year: £200,000 \(fixed\)/);
  assert.match(
    t,
    /Relative risk: non-elective admissions: 1 \(0\.85 to 1\.1, 90% interval; lognormal distribution fitted\) \[Evidence register: case management RR 1\.00/,
  );
  assert.match(t, /Relative risk: worsening complexity: 0\.95/);
  assert.match(t, /Relative risk: GP contacts: 1\.1/);
  assert.match(t, /## Baseline\nImproving moves: balanced/);
  assert.match(t, /Discount rate: 3\.5% a year/);
});

Deno.test("an edited value is the value listed (never a default)", () => {
  const s = study();
  s.interventions![0].effects!.activity!.nonElective = {
    central: 0.6,
    low: 0.5,
    high: 0.75,
    level: 0.95,
    family: "lognormal",
  };
  s.interventions![0].capacity = null;
  const t = text(s);
  assert.match(t, /Relative risk: non-elective admissions: 0\.6 \(0\.5 to 0\.75, 95% interval/);
  assert.doesNotMatch(t, /non-elective admissions: 1 \(0\.85/);
  assert.match(t, /Capacity: no cap/);
});

Deno.test("calibration and fields added later are listed, not dropped", () => {
  const s = study() as Study & Record<string, unknown>;
  (s as Record<string, unknown>).calibration = { targets: "admissions 2023/24", iterations: 2000 };
  (s.interventions![0] as unknown as Record<string, unknown>).appliesTo = ["75+"];
  (s.interventions![0].effects as Record<string, unknown>).modifiers = { q1: 1.2 };
  const t = text(s);
  assert.match(
    t,
    /## Calibration\nCalibration: targets: admissions 2023\/24\nCalibration: iterations: 2,000\n/,
  );
  assert.match(t, /Applies to: 75\+/);
  assert.match(t, /Effects: modifiers: Q1: 1\.2 \(fixed\)/);
});
