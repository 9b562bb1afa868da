/**
 * A study's problems (sim/study/check.ts, validate.ts: JSON paths and technical wording) as a
 * user of the editor needs them: each beside the field it is about, in plain words, and the
 * rest with a place named in words ("Falls prevention: effect on A&E attendances") rather than
 * a path or an internal id.
 */
import type { Problem } from "../sim/problems.ts";
import type { Study } from "../sim/study/format.ts";
import { ACTIVITY_LABELS } from "../sim/types.ts";

/** Problems at `path` or inside it (`path.x`, `path[0]`). */
export function problemsAt(problems: Problem[], path: string): Problem[] {
  return problems.filter((p) =>
    p.at === path || p.at.startsWith(`${path}.`) || p.at.startsWith(`${path}[`)
  );
}

const PLAIN: [RegExp, (p: Problem) => string][] = [
  [
    /^the interval is out of order$/,
    () => "Low must not be above the central value, nor the central value above high.",
  ],
  [
    /^the interval has no width$/,
    () => "High must be above low (or make all three equal for a fixed value).",
  ],
  [
    /^a (lognormal|gamma) estimate must be positive$/,
    () => "Low, central and high must all be above 0.",
  ],
  [
    /^a beta estimate must lie strictly between 0 and 1$/,
    () => "A share must lie between 0 and 1, not at 0 or 1 exactly.",
  ],
  [/^a probability must lie in \[0, 1\]$/, () => "A share must be between 0 and 1."],
  [/^must not be negative$/, () => "Must be 0 or more."],
  [
    /^starts after the horizon$/,
    (p) => `Starts after the study's last year${p.expected ? ` (${p.expected})` : ""}.`,
  ],
  [/^too short$/, () => "Must not be empty."],
  [/^too long$/, (p) => `Too long${p.expected ? `: ${p.expected}` : ""}.`],
  [/^too small$/, (p) => `Too small${p.expected ? `: ${p.expected}` : ""}.`],
  [/^too large$/, (p) => `Too large${p.expected ? `: ${p.expected}` : ""}.`],
  [
    /^duplicate (.*)$/,
    (p) => `Another ${/^duplicate (.*)$/.exec(p.message)![1]} has the same value.`,
  ],
  [/^required field is missing$/, () => "This needs a value."],
];

/** A problem's message in plain words (what to do), without paths or JSON. */
export function plainMessage(p: Problem): string {
  for (const [pattern, say] of PLAIN) if (pattern.test(p.message)) return say(p);
  const text = p.message.charAt(0).toUpperCase() + p.message.slice(1);
  return `${text}${p.expected ? ` (expected ${p.expected})` : ""}.`;
}

const EFFECTS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(ACTIVITY_LABELS).map(([k, v]) => [k, v.toLowerCase()])),
  socialCare: "social care cost",
  worsening: "worsening complexity",
  improving: "improving complexity",
};

const FIELDS: Record<string, string> = {
  name: "name",
  uptake: "uptake",
  capacity: "capacity",
  targeting: "targeting rule",
  startYear: "start year",
  rampUpYears: "ramp-up years",
  durationYears: "duration",
  decayPerYear: "effect lost each year after it stops",
  costPerParticipant: "cost per participant",
  fixedCostPerYear: "fixed cost per year",
  horizonYears: "horizon",
  iterations: "iterations",
  seed: "seed",
  discountRate: "discount rate",
  interventions: "interventions",
  logicModel: "logic model",
};

/** Where a problem is, in words: "Falls prevention: effect on A&E attendances". */
export function placeOf(at: string, study: Study): string {
  const iv = /^interventions\[(\d+)\](.*)$/.exec(at);
  if (iv) {
    const name = study.interventions?.[Number(iv[1])]?.name ?? "An intervention";
    const rest = iv[2];
    const effect = /^\.effects\.(?:activity|transitions)\.([A-Za-z>-]+)/.exec(rest);
    if (effect) return `${name}: effect on ${EFFECTS[effect[1]] ?? effect[1].replace("->", " → ")}`;
    if (rest.startsWith(".effects.death")) return `${name}: effect on death`;
    const q = /^\.uptake\[(\d)\]/.exec(rest);
    if (q) return `${name}: uptake in Q${Number(q[1]) + 1}`;
    const field = /^\.([A-Za-z]+)/.exec(rest)?.[1];
    return field ? `${name}: ${FIELDS[field] ?? field}` : name;
  }
  const sc = /^scenarios\[(\d+)\](.*)$/.exec(at);
  if (sc) {
    const name = study.scenarios[Number(sc[1])]?.name || "A scenario";
    const field = /^\.([A-Za-z]+)/.exec(sc[2])?.[1];
    return field ? `Scenario “${name}”: ${FIELDS[field] ?? field}` : `Scenario “${name}”`;
  }
  const top = /^([A-Za-z]+)/.exec(at)?.[1];
  if (top === "baseline") return "Baseline settings";
  if (top === "assertions") return "Checks for CI (assertions)";
  if (top && FIELDS[top]) return `Study: ${FIELDS[top]}`;
  if (/^row \d+/.test(at)) return at.replace(/^row/, "Population table, row");
  return "The study";
}

/** A problem as one line for the list of problems: place, then what to do. */
export function describeProblem(p: Problem, study: Study): string {
  return `${placeOf(p.at, study)}: ${plainMessage(p)}`;
}
