/**
 * `deno task sim journeys STUDY --cohort … --people N`: synthetic people of a starting cohort
 * drawn through the model (sim/journeys.ts), in the baseline and a scenario with common random
 * numbers, written as events.csv (one row per event) and people.csv (one row per person and
 * arm); prints their averages beside the cohort model's values. Exit 2 on bad input or usage.
 */
import { join } from "node:path";
import { slug } from "../report/format.ts";
import { eventsCsv, peopleCsv } from "../report/journeys-csv.ts";
import {
  compareWithCohort,
  drawJourneys,
  journeyModel,
  parseCohortText,
  resolveCohort,
} from "../sim/journeys.ts";
import { baselineIndex } from "../sim/model.ts";
import { formatProblem } from "../sim/problems.ts";
import { MAX_SEED_LENGTH } from "../sim/study/schema.ts";
import { intOption, parseArgs, stringOption, UsageError } from "./args.ts";
import { loadStudyFile, writeDirectoryAtomically } from "./files.ts";

/** Most people one command draws with every event (each can have thousands of events). */
export const MAX_JOURNEY_PEOPLE = 10_000;

export const JOURNEYS_HELP =
  `Usage: deno task sim journeys STUDY --cohort SPEC --people N [--seed S] [--scenario NAME] [--out DIR]

Draws N synthetic people of a starting cohort through the model's own rates — deaths, moves
between complexity levels, ageing, moving away, activity as events in time within each cycle,
enrolment from the intervention's uptake, targeting and capacity for the person's state — in the
baseline and in a scenario with common random numbers, so that the same person is followed with
and without the intervention. Synthetic: drawn from the model, not a real record.

--cohort SPEC    the starting cohort, fields separated by commas, each optional:
                 band=75+ (an age band), group=80-84 (a five-year age group),
                 complexity=high, quintile=1 (1 most deprived … 5), area=ID (a leaf area)
--people N       how many people, 1 to ${MAX_JOURNEY_PEOPLE}
--seed S         the seed (default the study's); the same seed gives the same people
--scenario NAME  the scenario followed beside the baseline (default the first that is not the
                 baseline)
--out DIR        where to write (default out/<study name>/journeys)

Writes, into DIR (replaced only when every file is complete):
  events.csv  one row per event: person, arm (baseline or scenario), time (years from the start
              of year 0), year, sector (whose cost), event (an activity, socialCare, enrolled,
              effectKept, move, ageing, death, migration, or start), intervention, kept (share
              of a decayed effect kept), cost (£), segment (after the event)
  people.csv  one row per person and arm: start segment, how the journey ended, activity,
              cost by sector, years enrolled and programme cost per participant
Prints the people's averages beside the cohort model's deterministic values for the cohort
(they agree within Monte Carlo error: docs/model.md, "Journeys").`;

function seedOption(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  if (
    text.length === 0 || text.length > MAX_SEED_LENGTH ||
    (/^-?\d+$/.test(text) && !Number.isSafeInteger(Number(text)))
  ) {
    throw new UsageError(
      `--seed must be a whole number (at most ${Number.MAX_SAFE_INTEGER}) or text of 1 to ${MAX_SEED_LENGTH} characters (got ${text})`,
    );
  }
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

export function commandJourneys(args: string[]): number {
  const p = parseArgs(args, ["cohort", "people", "seed", "scenario", "out"]);
  if (p.positional.length !== 1) {
    throw new UsageError(`journeys takes one study file\n\n${JOURNEYS_HELP}`);
  }
  const cohortText = stringOption(p, "cohort");
  if (cohortText === undefined) {
    throw new UsageError(`journeys needs --cohort, e.g. --cohort band=75+,complexity=high`);
  }
  const parsed = parseCohortText(cohortText, "--cohort");
  if (!parsed.spec) throw new UsageError(parsed.problems.map((x) => formatProblem(x)).join("\n"));
  if (!p.options.has("people")) throw new UsageError(`journeys needs --people N`);
  const people = intOption(p, "people", 1, MAX_JOURNEY_PEOPLE)!;
  const seedArg = seedOption(stringOption(p, "seed"));
  const path = p.positional[0];
  const { loaded, problems } = loadStudyFile(path);
  if (!loaded) throw new UsageError(problems.join("\n"));
  const { model } = loaded;
  const base = baselineIndex(model);
  const scenario = stringOption(p, "scenario") ??
    model.input.scenarios.find((_, i) => i !== base)?.name;
  const jm = journeyModel(model, { scenario, scenarioAt: "--scenario" });
  const cohort = resolveCohort(model.layout, model.initial, parsed.spec, "--cohort");
  const seed = seedArg ?? loaded.options.seed;
  const set = drawJourneys(jm, { cohort, people, seed });
  const out = stringOption(p, "out") ?? join("out", slug(loaded.study.name), "journeys");
  writeDirectoryAtomically(out, {
    "events.csv": eventsCsv(jm, set),
    "people.csv": peopleCsv(jm, set),
  });
  const rows = set.baseline.reduce((n, j) => n + 1 + (j.events?.length ?? 0), 0) +
    (set.scenario ?? []).reduce((n, j) => n + 1 + (j.events?.length ?? 0), 0);
  console.log(
    `${people} synthetic people (drawn from the model, not real records) of the cohort ` +
      `${cohort.label} (${Math.round(cohort.total)} people in year 0), seed ${seed}, ` +
      `baseline${jm.scenario ? ` and "${jm.scenario.name}"` : " only"}: ${rows} events`,
  );
  console.log(`Written to ${out}: events.csv, people.csv`);
  console.log("");
  console.log("Per person, journeys' mean ± standard error against the cohort model:");
  const keys = new Set(["deaths", "cost.acuteNonElective", "activity.nonElective"]);
  for (const c of compareWithCohort(jm, cohort, set)) {
    if (!keys.has(c.field.key) && !c.field.key.startsWith("enrolledYears.")) continue;
    console.log(
      `  ${c.arm.padEnd(8)} ${c.field.label.padEnd(40)} ${fmt(c.mean)} ± ${fmt(c.se)}` +
        `   cohort model ${fmt(c.cohort)}`,
    );
  }
  return 0;
}

const fmt = (x: number) => x.toPrecision(4);
