/**
 * Bad input gets a clear problem, never a hang or an internal error: documented defaults are
 * applied, non-finite or implausible parameters and CSV cells are refused with their path,
 * prototype keys are unknown fields, empty files say so (docs/reliability.md, "Input").
 */
import assert from "node:assert/strict";
import { evaluateAssertions } from "../../sim/assertions.ts";
import { EXAMPLE_PLACE_CSV } from "../../sim/example-place.ts";
import { hashInputs } from "../../sim/hash.ts";
import { prepareStudy } from "../../sim/study/prepare.ts";
import { splitWhole } from "../../sim/population.ts";
import { formatProblem, InputError, type Problem } from "../../sim/problems.ts";
import { Stream } from "../../sim/rng.ts";
import { runDeterministic } from "../../sim/run.ts";
import { binomial, poisson } from "../../sim/samplers.ts";
import { parseSegmentation } from "../../sim/segmentation.ts";
import { type Schema, STUDY_SCHEMA } from "../../sim/study/schema.ts";
import { runCli } from "../cli/run-cli.ts";
import { portableStudy, scenarioFiles } from "../helpers.ts";

const FALLS = new URL("../../scenarios/falls-prevention.json", import.meta.url);
const CSV = new URL("../../scenarios/data/segmentation-example-place.csv", import.meta.url);

function load(study: unknown, csv = EXAMPLE_PLACE_CSV) {
  return prepareStudy(
    typeof study === "string" ? study : JSON.stringify(study),
    scenarioFiles(csv),
  );
}

function problemAt(problems: Problem[], at: string, message: RegExp): Problem {
  const hit = problems.find((p) => p.at === at && message.test(p.message));
  assert.ok(
    hit,
    `no problem at ${at} matching ${message}; got:\n${
      problems.map((p) => formatProblem(p)).join("\n")
    }`,
  );
  return hit!;
}

// deno-lint-ignore no-explicit-any
function falls(): any {
  return JSON.parse(Deno.readTextFileSync(FALLS));
}

Deno.test("an estimate without level is fitted at the documented default, 0.95", () => {
  const without = falls();
  delete without.interventions[0].uptake.level;
  const explicit = falls();
  explicit.interventions[0].uptake.level = 0.95;
  const a = load(without);
  const b = load(explicit);
  assert.deepEqual(a.problems, []);
  assert.deepEqual(a.loaded!.input, b.loaded!.input);
  assert.equal(hashInputs(a.loaded!.input), hashInputs(b.loaded!.input));
});

/** Every `default` the schema documents, with the place in a study where it applies. */
function documentedDefaults(): { where: string; key: string; value: unknown }[] {
  const out: { where: string; key: string; value: unknown }[] = [];
  const visit = (schema: Schema, where: string) => {
    for (const [key, prop] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
      if (Object.hasOwn(prop, "default")) out.push({ where, key, value: prop.default });
    }
  };
  visit(STUDY_SCHEMA, "study");
  for (const [name, def] of Object.entries(STUDY_SCHEMA.$defs as Record<string, Schema>)) {
    visit(def, name);
  }
  return out;
}

Deno.test("every default the schema documents is applied: absent and explicit load alike", () => {
  const defaults = documentedDefaults();
  assert.ok(defaults.length >= 12, `found ${defaults.length}`);
  // deno-lint-ignore no-explicit-any
  const objectFor = (study: any, where: string): Record<string, unknown> => {
    switch (where) {
      case "study":
        return study;
      case "intervention":
        return study.interventions[0];
      case "estimate":
        return study.interventions[0].uptake;
      case "effectSpec": {
        // The falls study's admissions effect, written out (its RR applies to a share).
        const activity = study.interventions[0].effects.activity;
        if (!Object.hasOwn(activity.nonElective, "rr")) {
          activity.nonElective = { rr: activity.nonElective };
        }
        return activity.nonElective;
      }
      case "assertion":
        return study.assertions[0];
      case "health":
        return (study.health ??= {});
      case "value":
        return (study.value ??= {});
      default:
        throw new Error(`a default documented in $defs.${where}: add where it applies here`);
    }
  };
  for (const { where, key, value } of defaults) {
    const absent = falls();
    const explicit = falls();
    delete objectFor(absent, where)[key];
    objectFor(explicit, where)[key] = value;
    const a = load(absent);
    const b = load(explicit);
    assert.deepEqual(a.problems, [], `${where}.${key}`);
    assert.deepEqual(b.problems, [], `${where}.${key}`);
    assert.deepEqual(a.loaded!.input, b.loaded!.input, `${where}.${key}: input`);
    assert.deepEqual(a.loaded!.options, b.loaded!.options, `${where}.${key}: options`);
    const outcomes = (l: typeof a) =>
      evaluateAssertions(
        l.loaded!.model,
        runDeterministic(l.loaded!.model),
        l.loaded!.study.assertions ?? [],
        l.loaded!.options.interval,
      ).map(({ assertion: _, ...outcome }) => outcome);
    assert.deepEqual(outcomes(a), outcomes(b), `${where}.${key}: assertions`);
  }
});

Deno.test("a parameter whose fitted or derived value is not finite is refused with its path", () => {
  const s = falls();
  s.interventions[0].effects.activity.nonElective = {
    central: 1e300,
    low: 1e-300,
    high: 1e308,
    family: "lognormal",
  };
  problemAt(load(s).problems, "interventions[0].effects.activity.nonElective", /not finite/);
  const n = falls();
  n.baseline = {
    netMigrationPer1000: {
      "18-74": { central: 0, low: -1e308, high: 1e308, family: "normal" },
    },
  };
  problemAt(load(n).problems, 'baseline.netMigrationPer1000["18-74"]', /not finite/);
});

Deno.test("implausible parameters are refused with what was found and expected", () => {
  const s = falls();
  s.interventions[0].costPerParticipant = 1e12;
  s.interventions[0].effects.activity.ae = 5000;
  const problems = load(s).problems;
  const cost = problemAt(problems, "interventions[0].costPerParticipant", /implausible/);
  assert.match(cost.expected!, /1,000,000/);
  problemAt(problems, "interventions[0].effects.activity.ae", /relative risk/);
});

Deno.test("the count samplers refuse NaN and infinite means instead of looping", () => {
  const rng = new Stream();
  for (const [n, p] of [[NaN, 0.3], [100, NaN], [Infinity, 0.3], [1e300, 0.4]]) {
    assert.throws(() => binomial(rng, n, p), InputError, `binomial(${n}, ${p})`);
  }
  for (const mean of [NaN, Infinity, 1e300]) {
    assert.throws(() => poisson(rng, mean), InputError, `poisson(${mean})`);
  }
  assert.throws(() => splitWhole(1e308, [0.2, 0.2, 0.2, 0.2, 0.2]), InputError);
  assert.deepEqual(splitWhole(7, [0.5, 0.5]), [4, 3]);
});

Deno.test("CSV numbers follow a strict decimal grammar and plausible ranges", () => {
  const lines = Deno.readTextFileSync(CSV).trim().split("\n");
  const withCell = (row: number, from: string, to: string) => {
    const copy = [...lines];
    copy[row] = copy[row].replace(from, to);
    return parseSegmentation(copy.join("\n")).problems;
  };
  // Row 2 (spreadsheet numbering) is paeds 0-17 low: population 49726, spend 74, 74, 63, 0, 66.
  const hex = problemAt(withCell(1, ",49726,", ",0x10,"), "row 2, column population", /decimal/);
  assert.equal(hex.found, '"0x10"');
  for (const bad of ["1e3x", "Infinity", "1_000", "12 3", "--1", "1,2", ",", "."]) {
    problemAt(withCell(1, ",49726,", `,"${bad}",`), "row 2, column population", /decimal/);
  }
  const big = problemAt(
    withCell(1, ",49726,", ",1e308,"),
    "row 2, column population",
    /implausibly large/,
  );
  assert.match(big.expected!, /at most 10,000,000 \(a whole number of people/);
  problemAt(
    withCell(1, ",278,74,74,", ",278,1e308,74,"),
    "row 2, column spend_pppy_acute_elective",
    /implausibly large/,
  );
  assert.deepEqual(withCell(1, ",49726,", ',"49,726",'), []);
  assert.deepEqual(withCell(1, ",74,74,63,", ",£74,74,63,"), []);
  const nobody = [
    lines[0],
    ...lines.slice(1).map((r) => r.replace(/^([^,]*,[^,]*,[^,]*),\d+,/, "$1,0,")),
  ];
  problemAt(parseSegmentation(nobody.join("\n")).problems, "column population", /no people/);
  problemAt(parseSegmentation("").problems, "row 1", /empty/);
  problemAt(parseSegmentation("\n \n").problems, "row 1", /empty/);
});

Deno.test("__proto__, constructor and toString are unknown fields wherever they appear", () => {
  for (const key of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
    const text = Deno.readTextFileSync(FALLS);
    const places = [
      text.replace('"name":', `"${key}": {"$ref": "#/$defs/area"}, "name":`),
      text.replace('"effects": {', `"effects": { "${key}": 1,`),
      text.replace('"activity": {', `"activity": { "${key}": 0.9,`),
    ];
    for (const [i, study] of places.entries()) {
      const { loaded, problems } = load(study);
      assert.equal(loaded, undefined, `${key} in place ${i}`);
      assert.ok(
        problems.some((p) => p.at.endsWith(key) && /unknown field/.test(p.message)),
        `${key} in place ${i}: ${problems.map((p) => formatProblem(p)).join("; ")}`,
      );
    }
  }
  // A map keyed by the user's names: an age band called "constructor" is unknown.
  const s = falls();
  s.baseline = { deathRate: { constructor: 0.1 } };
  problemAt(load(s).problems, "baseline.deathRate.constructor", /unknown age band/);
  // A segmentation table whose age band is named "constructor" is not an age band at all.
  const csv = Deno.readTextFileSync(CSV).replace(/,75\+,/g, ",constructor,");
  const fromCsv = falls();
  fromCsv.population = { source: "csv", path: "place.csv" };
  problemAt(load(fromCsv, csv).problems, "row 8, column age_band", /not an age band/);
});

Deno.test("empty and odd files: the CLI says what is wrong (exit 2), never an internal error", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/data`);
  await Deno.writeTextFile(`${dir}/empty.json`, "");
  await Deno.writeTextFile(`${dir}/data/empty.csv`, "");
  await Deno.writeTextFile(
    `${dir}/data/big.csv`,
    Deno.readTextFileSync(CSV).replace(",49726,", ",1e308,"),
  );
  const withCsv = (path: string) => {
    const s = falls();
    s.population = { source: "csv", path };
    return JSON.stringify(s);
  };
  await Deno.writeTextFile(`${dir}/empty-csv.json`, withCsv("data/empty.csv"));
  await Deno.writeTextFile(`${dir}/big-csv.json`, withCsv("data/big.csv"));
  const empty = await runCli(["validate", `${dir}/empty.json`]);
  assert.equal(empty.code, 2);
  assert.match(empty.stdout, /empty\.json: \(file\): the file is empty/);
  const emptyCsv = await runCli(["validate", `${dir}/empty-csv.json`]);
  assert.equal(emptyCsv.code, 2);
  assert.match(emptyCsv.stdout, /data\/empty\.csv: row 1: the table is empty/);
  const big = await runCli(["run", `${dir}/big-csv.json`, "--iterations", "1", "--workers", "1"]);
  assert.equal(big.code, 2);
  assert.match(big.stderr, /row 2, column population: implausibly large/);
  for (const r of [empty, emptyCsv, big]) {
    assert.doesNotMatch(r.stdout + r.stderr, /undefined|Internal error/);
  }
});

Deno.test("the command line refuses seeds over their limits", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/s.json`, portableStudy(Deno.readTextFileSync(FALLS)));
  for (const seed of ["x".repeat(101), "99999999999999999999"]) {
    const r = await runCli(["run", `${dir}/s.json`, "--seed", seed, "--out", `${dir}/never`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--seed must be a whole number/);
  }
});
