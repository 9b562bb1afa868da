/** Every assumption as entered, in words (report/assumptions.ts, report/parameter-text.ts). */
import assert from "node:assert/strict";
import { assumptionGroups } from "../../report/assumptions.ts";
import { describeParameter } from "../../report/parameter-text.ts";
import { parameterRows } from "../../report/parameter-rows.ts";
import type { Study } from "../../sim/study/format.ts";

const study = (): Study =>
  JSON.parse(
    Deno.readTextFileSync(new URL("../../scenarios/frailty-proactive-care.json", import.meta.url)),
  );

const text = (s: Study) =>
  assumptionGroups(s).map((g) =>
    `## ${g.title}\n` +
    g.rows.map((r) =>
      `${r.label}: ${r.value}${r.source ? ` [${r.source}]` : ""}${
        r.assumption ? ` {assumed: ${r.assumption}}` : ""
      }${r.rationale ? ` (why: ${r.rationale})` : ""}`
    ).join("\n")
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
  // Written out (issue 12B): the relative risk with the source on it and the effect's assumption.
  assert.match(
    t,
    /Relative risk: non-elective admissions: normal distribution \(mean 1\.165, sd 0\.1133, min 0\): median 1\.165, 95% interval 0\.9429 to 1\.387 \[Gravelle et al\., BMJ 2007: [^\]]*\] \{assumed: Gravelle's estimate is for the whole high-risk population/,
  );
  assert.match(t, /Relative risk: worsening complexity: 0\.95/);
  assert.match(t, /Relative risk: GP contacts: 1\.1/);
  assert.match(t, /## Baseline\nBaseline parameters: the model's defaults/);
  assert.match(
    t,
    /## Calibration\nTargets the baseline is fitted to: data\/example-place-targets\.json\nParameters fitted: transitions, net migration per 1000, mortality multiplier, entrants per 1000 \(the default set\)\nPosterior the runs draw from: data\/example-place-posterior\.json/,
  );
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
  assert.doesNotMatch(t, /non-elective admissions: normal distribution/);
  assert.match(t, /Capacity: no cap/);
});

Deno.test("calibration and fields added later are listed, not dropped", () => {
  const s = study() as Study & Record<string, unknown>;
  (s as Record<string, unknown>).calibration = {
    targets: "data/example-place-targets.json",
    parameters: ["mortalityMultiplier"],
    posterior: "data/example-place-posterior.json",
    iterations: 2000,
  };
  (s.interventions![0] as unknown as Record<string, unknown>).appliesTo = ["75+"];
  (s.interventions![0].effects as Record<string, unknown>).extra = { q1: 1.2 };
  const t = text(s);
  assert.match(t, /Parameters fitted: mortality multiplier\n/);
  assert.match(t, /Calibration: iterations: 2,000/);
  assert.match(t, /Applies to: 75\+/);
  assert.match(t, /Effects: extra: Q1: 1\.2 \(fixed\)/);
});

Deno.test("an effect written out: what it applies to, its share and modifiers, each with its notes", () => {
  const s = study();
  s.interventions![0].effects!.activity!.nonElective = {
    rr: { central: 0.8, low: 0.7, high: 0.9, level: 0.95, family: "lognormal", source: "Trial X" },
    appliesTo: "amenable",
    share: { central: 0.5, low: 0.4, high: 0.6, level: 0.9, family: "beta", assumption: "half" },
    modifiers: { quintile: { "1": 1.2 }, ageBand: { "75+": 0.9 } },
    rationale: "Acts on avoidable admissions only",
  };
  const t = text(s);
  assert.match(
    t,
    /Relative risk: non-elective admissions: 0\.8 \(0\.7 to 0\.9, 95% interval; lognormal distribution fitted\) \[Trial X\] \(why: Acts on avoidable admissions only\)/,
  );
  assert.match(t, /non-elective admissions: applies to: the amenable share of the activity only/);
  assert.match(
    t,
    /non-elective admissions: share of the activity it applies to: 0\.5 .*\{assumed: half\}/,
  );
  assert.match(t, /non-elective admissions: modifier for age band 75\+: 0\.9 \(fixed\)/);
  assert.match(t, /non-elective admissions: modifier for Q1: 1\.2 \(fixed\)/);
});

Deno.test("rationale (issue 19) is listed beside its source: on an intervention and on a parameter", () => {
  const s = study();
  s.interventions![0].rationale = "Commissioned for three years";
  s.interventions![0].costPerParticipant = {
    central: 450,
    low: 300,
    high: 650,
    level: 0.9,
    family: "gamma",
    rationale: "The provider's quote",
  } as never;
  const t = text(s);
  assert.match(t, /Why it is modelled so: Commissioned for three years/);
  assert.match(t, /Cost per participant per year: £450 .*\(why: The provider's quote\)/);
});

Deno.test("one wording of a parameter: the assumptions listing and the workbook's rows agree", () => {
  const s = study();
  const rows = parameterRows(s);
  const listed = assumptionGroups(s).flatMap((g) => g.rows);
  const at = (path: string) => rows.find((r) => r.path === path)!;
  const iv = s.interventions![0].id;
  // Each figure worded once (report/parameter-text.ts), £ for money in both.
  const pairs: [string, string][] = [
    [`interventions.${iv}.uptake.Q1`, "Uptake in Q1 (most deprived)"],
    [`interventions.${iv}.costPerParticipant`, "Cost per participant per year"],
    [
      `interventions.${iv}.effects.activity.nonElective.rr`,
      "Relative risk: non-elective admissions",
    ],
    [`interventions.${iv}.effects.transitions.worsening.rr`, "Relative risk: worsening complexity"],
  ];
  for (const [path, label] of pairs) {
    const row = at(path) ?? at(path.replace(/\.rr$/, ""));
    assert.ok(row, path);
    assert.equal(row.value, listed.find((r) => r.label === label)!.value, path);
  }
  assert.match(at(`interventions.${iv}.costPerParticipant`).value, /^£450 \(£300 to £650/);
});
