/**
 * `sim journeys`: events.csv and people.csv as a user gets them, the same people for the same
 * seed, the same journey in both arms for people the scenario does not reach, costs that add
 * up, and exit 2 naming the bad flag and value (nothing written).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
// @ts-types="npm:@types/d3-dsv@3.0.7"
import { csvParse } from "d3-dsv";
import { EVENT_COLUMNS } from "../../report/journeys-csv.ts";
import { runCli } from "./run-cli.ts";

const STUDY = new URL("../../scenarios/frailty-proactive-care.json", import.meta.url).pathname;

async function journeys(dir: string, ...extra: string[]) {
  return await runCli(["journeys", STUDY, "--out", dir, ...extra]);
}

Deno.test("journeys writes one row per event for each person in both arms; costs add up", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const out = join(dir, "j");
    const r = await journeys(
      out,
      "--cohort",
      "band=75+,complexity=high,quintile=1",
      "--people",
      "12",
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /12 synthetic people \(drawn from the model, not real records\)/);
    assert.match(r.stdout, /baseline and "Case management"/);
    const events = csvParse(Deno.readTextFileSync(join(out, "events.csv")));
    assert.deepEqual(events.columns, EVENT_COLUMNS);
    const people = csvParse(Deno.readTextFileSync(join(out, "people.csv")));
    assert.equal(people.length, 24);
    for (const arm of ["baseline", "scenario"]) {
      for (let person = 1; person <= 12; person++) {
        const mine = events.filter((e) => e.arm === arm && Number(e.person) === person);
        assert.equal(mine[0].event, "start");
        assert.match(mine[0].segment!, /^(75-79|80-84|85-89|90\+), high complexity, quintile 1$/);
        const times = mine.map((e) => Number(e.time));
        assert.deepEqual(times, times.slice().sort((a, b) => a - b), "events in time order");
        assert.ok(times.every((t) => t >= 0 && t <= 11));
        const row = people.find((p) => p.arm === arm && Number(p.person) === person)!;
        const sum = mine.reduce((s, e) => s + Number(e.cost), 0);
        assert.ok(Math.abs(sum - Number(row.costWithProgramme)) < 0.01 * mine.length + 0.01);
        const ends = mine.filter((e) => e.event === "death" || e.event === "migration");
        assert.ok(ends.length <= 1);
        if (ends.length) {
          assert.equal(ends[0], mine[mine.length - 1], "nothing after death or leaving");
          assert.equal(row.end, ends[0].event);
        }
        if (arm === "baseline") assert.ok(!mine.some((e) => e.sector === "intervention"));
      }
    }
    assert.ok(events.some((e) => e.event === "enrolled" && e.intervention === "case-management"));
    for (const e of events) {
      if (e.event === "nonElective") assert.equal(e.sector, "acuteNonElective");
      if (e.event === "gp") assert.equal(e.sector, "generalPractice");
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("journeys: same seed, same people; a person the scenario cannot reach lives the same journey in both arms", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const args = ["--cohort", "band=0-17", "--people", "5", "--seed", "7"];
    assert.equal((await journeys(join(dir, "a"), ...args)).code, 0);
    assert.equal((await journeys(join(dir, "b"), ...args)).code, 0);
    const a = Deno.readTextFileSync(join(dir, "a", "events.csv"));
    assert.equal(a, Deno.readTextFileSync(join(dir, "b", "events.csv")));
    args[5] = "8";
    assert.equal((await journeys(join(dir, "c"), ...args)).code, 0);
    assert.notEqual(a, Deno.readTextFileSync(join(dir, "c", "events.csv")));
    // Case management targets people aged 75+ at middle and high complexity only: children
    // cannot reach it within ten years.
    const rows = csvParse(a);
    const key = (e: Record<string, string | undefined>) =>
      [e.person, e.time, e.event, e.cost, e.segment].join("|");
    const base = rows.filter((e) => e.arm === "baseline").map(key);
    const scen = rows.filter((e) => e.arm === "scenario").map(key);
    assert.ok(base.length > 100);
    assert.deepEqual(scen, base);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("journeys: bad input exits 2 naming the flag and value, and writes nothing", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const out = join(dir, "never");
    const cases: [string[], RegExp][] = [
      [["--people", "3"], /needs --cohort/],
      [["--cohort", "band=75+"], /needs --people/],
      [["--cohort", "band=75+", "--people", "0"], /--people must be a whole number from 1/],
      [["--cohort", "band=75+", "--people", "lots"], /--people .*\(got lots\)/],
      [["--cohort", "bnd=75+", "--people", "3"], /--cohort: "bnd" is not a cohort field.*"band"/],
      [["--cohort", "band=80+", "--people", "3"], /--cohort\.band: no band "80\+".*75\+/],
      [["--cohort", "complexity=hgh", "--people", "3"], /--cohort\.complexity.*"high"/],
      [["--cohort", "quintile=7", "--people", "3"], /--cohort: quintile .*found 7/],
      [
        ["--cohort", "band=75+", "--people", "3", "--scenario", "Nope"],
        /--scenario: no scenario "Nope"/,
      ],
      [
        ["--cohort", "band=75+", "--people", "3", "--scenario", "Baseline"],
        /--scenario: "Baseline" is the baseline/,
      ],
      [["--cohort", "band=75+", "--people", "3", "--wat", "1"], /unknown option --wat/],
    ];
    for (const [args, message] of cases) {
      const r = await journeys(out, ...args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
      assert.throws(() => Deno.statSync(out), Deno.errors.NotFound);
    }
    const missing = await runCli([
      "journeys",
      join(dir, "none.json"),
      "--cohort",
      "band=75+",
      "--people",
      "2",
    ]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /none\.json/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
