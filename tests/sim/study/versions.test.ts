/**
 * Versions of the study format: each version's schema is published, older files upgrade to the
 * same model as the current file, unknown future versions are refused, and rationale is
 * accepted beside source everywhere it may stand.
 */
import assert from "node:assert/strict";
import { expectProblem, minimal, problemsOf, scenariosDir } from "./helpers.ts";
import { schemaText, versionedSchemaText } from "../../../cli/write-schema.ts";
import { modelInputHash } from "../../../sim/provenance.ts";
import { prepareStudy } from "../../../sim/study/prepare.ts";
import { parseStudy, upgradeStudyText } from "../../../sim/study/parse.ts";
import { STUDY_SCHEMA } from "../../../sim/study/schema.ts";
import {
  SCHEMA_HISTORY,
  SCHEMA_VERSION,
  textVersion,
  upgradeStudy,
} from "../../../sim/study/versions.ts";
import { validateAgainst } from "../../../sim/validate.ts";
import { fnv1a64 } from "../../../sim/hash.ts";
import { runCli } from "../../cli/run-cli.ts";

const shipped = [...Deno.readDirSync(scenariosDir)]
  .filter((e) => e.isFile && e.name.endsWith(".json") && e.name !== "schema.json")
  .map((e) => e.name)
  .sort();

/**
 * A current study file without what version 1 cannot say: its calibration section (new in
 * version 2; a shipped study's is the example place's targets and posterior), its providers and
 * budgets (new in version 3).
 */
function withoutCalibration(text: string): string {
  const { calibration: _, providers: __, budgets: ___, ...rest } = JSON.parse(text);
  // Assertions on budget measures need the budgets.
  if (rest.assertions) {
    rest.assertions = rest.assertions.filter((a: { measure: string }) =>
      !/^(agreement|capitation|budget)\./.test(a.measure)
    );
  }
  return JSON.stringify(rest, null, 2) + "\n";
}

/** A current study file written back as version 1: without its schemaVersion or calibration. */
function asVersion1(text: string): string {
  const { schemaVersion: _, ...rest } = JSON.parse(withoutCalibration(text));
  return JSON.stringify(rest, null, 2) + "\n";
}

const readShipped = (name: string) => Deno.readTextFileSync(new URL(name, scenariosDir));
const readCsv = (path: string) => ({
  text: Deno.readTextFileSync(new URL(path, scenariosDir)),
});

Deno.test("every version's schema is published; the current one is the validator's", () => {
  assert.equal(SCHEMA_HISTORY.at(-1)!.version, SCHEMA_VERSION);
  assert.deepEqual(SCHEMA_HISTORY.map((v) => v.version), [1, 2, 3]);
  for (const { version } of SCHEMA_HISTORY) {
    const text = Deno.readTextFileSync(new URL(`schema/v${version}.json`, scenariosDir));
    const schema = JSON.parse(text);
    assert.equal(schema.$id, `https://careshift.example/scenarios/schema/v${version}.json`);
  }
  assert.equal(Deno.readTextFileSync(new URL("schema.json", scenariosDir)), schemaText());
  assert.equal(
    Deno.readTextFileSync(new URL(`schema/v${SCHEMA_VERSION}.json`, scenariosDir)),
    versionedSchemaText(),
  );
  // A published version never changes: version 1 is the schema shipped before files had one.
  const v1 = Deno.readTextFileSync(new URL("schema/v1.json", scenariosDir));
  assert.equal(fnv1a64(v1), "406911aa6d8f0223", "scenarios/schema/v1.json was edited");
});

Deno.test("a version-1 file of every shipped study upgrades to the same model as the current file", () => {
  const v1Schema = JSON.parse(Deno.readTextFileSync(new URL("schema/v1.json", scenariosDir)));
  assert.ok(shipped.length >= 5);
  for (const name of shipped) {
    assert.equal(textVersion(readShipped(name)), SCHEMA_VERSION, `${name} is not current`);
    assert.ok(JSON.parse(readShipped(name)).calibration, `${name} runs on the calibrated baseline`);
    const current = withoutCalibration(readShipped(name));
    const old = asVersion1(current);
    assert.equal(textVersion(old), 1);
    // The old file is a valid version-1 study, and not a valid current one as written.
    assert.deepEqual(validateAgainst(JSON.parse(old), v1Schema), [], name);
    assert.ok(
      validateAgainst(JSON.parse(old), STUDY_SCHEMA).some((p) =>
        p.at === "schemaVersion" && /required/.test(p.message)
      ),
    );
    const a = prepareStudy(old, readCsv);
    const b = prepareStudy(current, readCsv);
    assert.ok(a.loaded && b.loaded, `${name}: ${JSON.stringify([a.problems, b.problems])}`);
    assert.equal(a.loaded.schemaVersion, 1);
    assert.equal(b.loaded.schemaVersion, SCHEMA_VERSION);
    assert.equal(b.loaded.upgrade, null);
    assert.deepEqual(a.loaded.upgrade?.from, 1);
    assert.deepEqual(a.loaded.study, b.loaded.study, name);
    assert.equal(modelInputHash(a.loaded.input), modelInputHash(b.loaded.input), name);
    assert.deepEqual(a.loaded.options, b.loaded.options);
    // The upgraded text is the current file, number for number.
    const upgraded = upgradeStudyText(old);
    assert.deepEqual(JSON.parse(upgraded.text!), JSON.parse(current));
  }
});

Deno.test("a version-1 study with fields version 2 changed: ageingRate goes, balanced and deathRate stay, each said", () => {
  // The falls study as shipped before age groups and calibration (Careshift 0.1.0): balanced
  // improving moves, and an ageing rate and death rates of its own.
  const v1 = JSON.parse(asVersion1(readShipped("falls-prevention.json")));
  v1.baseline = {
    improvingMoves: "balanced",
    ageingRate: {
      "0-17": 0.0556,
      "18-74": { central: 0.0175, low: 0.012, high: 0.02, family: "beta" },
    },
    deathRate: { "75+": 0.07 },
  };
  const v1Schema = JSON.parse(Deno.readTextFileSync(new URL("schema/v1.json", scenariosDir)));
  assert.deepEqual(validateAgainst(v1, v1Schema), []);
  // Not valid as version 2 as written: ageingRate is not a field of version 2.
  assert.ok(
    validateAgainst({ ...v1, schemaVersion: 2 }, STUDY_SCHEMA).some((p) =>
      p.at === "baseline.ageingRate"
    ),
  );
  const { value, upgrade, problems } = upgradeStudy(v1);
  assert.deepEqual(problems, []);
  const changes = upgrade!.changes.join("\n");
  assert.match(
    changes,
    /baseline\.ageingRate removed: people now age through five-year age groups/,
  );
  assert.match(changes, /improvingMoves "balanced" kept: .* add a "calibration" section/);
  assert.match(changes, /baseline\.deathRate kept, read as each band's year-0 average/);
  const baseline = (value as { baseline: Record<string, unknown> }).baseline;
  assert.equal(Object.hasOwn(baseline, "ageingRate"), false);
  assert.equal(baseline.improvingMoves, "balanced");
  // It loads and runs on balanced moves with the given 75+ death rate.
  const { loaded, problems: load } = prepareStudy(JSON.stringify(v1), readCsv);
  assert.ok(loaded, JSON.stringify(load));
  assert.equal(loaded.schemaVersion, 1);
  assert.equal(loaded.input.parameters.improvingMoves, "balanced");
  assert.equal(loaded.model.posterior, null);
  assert.equal(Object.hasOwn(loaded.input.parameters, "ageingRate"), false);
  // A version-1 file without them says nothing else needed changing.
  const plain = upgradeStudy(JSON.parse(asVersion1(readShipped("falls-prevention.json"))));
  assert.match(plain.upgrade!.changes.join("\n"), /nothing else needed changing/);
});

Deno.test("an upgrade lists what changed, leaves its input alone, and a current file as it is", () => {
  const old = minimal();
  const before = structuredClone(old);
  const { value, upgrade, problems } = upgradeStudy(old);
  assert.deepEqual(problems, []);
  assert.deepEqual(old, before);
  assert.equal((value as Record<string, unknown>).schemaVersion, SCHEMA_VERSION);
  assert.equal(Object.keys(value as object)[0], "schemaVersion");
  assert.deepEqual({ from: upgrade!.from, to: upgrade!.to }, { from: 1, to: 3 });
  assert.ok(upgrade!.changes.some((c) => /schemaVersion 2 added/.test(c)));
  assert.ok(upgrade!.changes.some((c) => /version 2 → 3: schemaVersion 3/.test(c)));
  const text = readShipped("falls-prevention.json");
  const same = upgradeStudyText(text);
  assert.equal(same.upgrade, null);
  assert.equal(same.text, text);
  // $schema stays first.
  const withSchema = upgradeStudyText(JSON.stringify({ $schema: "./schema.json", ...minimal() }));
  assert.deepEqual(Object.keys(JSON.parse(withSchema.text!)).slice(0, 2), [
    "$schema",
    "schemaVersion",
  ]);
});

Deno.test("a version-2 file upgrades to version 3 by its version alone: providers and budgets are new and optional", () => {
  const current = JSON.parse(withoutCalibration(readShipped("falls-prevention.json")));
  const v2 = { ...current, schemaVersion: 2 };
  const { value, upgrade, problems } = upgradeStudy(v2);
  assert.deepEqual(problems, []);
  assert.deepEqual({ from: upgrade!.from, to: upgrade!.to }, { from: 2, to: 3 });
  assert.deepEqual(upgrade!.changes, [
    "version 2 → 3: schemaVersion 3: nothing else needed changing (providers and budgets are new, optional sections)",
  ]);
  assert.deepEqual(value, current);
});

Deno.test("a future or malformed schemaVersion is refused at its path with a clear message", () => {
  const future = { ...minimal(), schemaVersion: SCHEMA_VERSION + 1 };
  const p = expectProblem(problemsOf(future), "schemaVersion", /newer than this Careshift reads/);
  assert.match(p.expected!, /a newer Careshift/);
  assert.equal(upgradeStudyText(JSON.stringify(future)).text, undefined);
  for (const bad of [0, -1, 1.5, "2", null]) {
    expectProblem(
      problemsOf({ ...minimal(), schemaVersion: bad }),
      "schemaVersion",
      /not a version of the study format/,
    );
  }
  // Version 1 written out is read like a file without it.
  assert.deepEqual(problemsOf({ ...minimal(), schemaVersion: 1 }), []);
  assert.equal(parseStudy(JSON.stringify(minimal())).upgrade?.from, 1);
});

Deno.test("rationale stands beside source on parameters, estimates, effects and interventions", () => {
  const s = minimal();
  const iv = (s.interventions as Record<string, unknown>[])[0];
  iv.rationale = "Chosen over the 2019 review because it matches our target group.";
  iv.uptake = { dist: "beta", alpha: 5, beta: 5, source: "Pilot", rationale: "Pilot uptake" };
  iv.costPerParticipant = { dist: "fixed", value: 100, rationale: "Tariff" };
  iv.effects = {
    activity: {
      nonElective: {
        rr: {
          central: 0.8,
          low: 0.7,
          high: 0.9,
          family: "lognormal",
          source: "Review",
          rationale: "Pooled estimate",
        },
        rationale: "Applies to all admissions, as the trial measured",
      },
      ae: { central: 0.9, low: 0.8, high: 1, family: "lognormal", rationale: "As admissions" },
    },
  };
  assert.deepEqual(problemsOf(s), []);
  iv.rationale = 42;
  expectProblem(problemsOf(s), "interventions[0].rationale", /wrong type/);
  iv.rationale = "x".repeat(5001);
  expectProblem(problemsOf(s), "interventions[0].rationale", /too long/);
});

Deno.test("sim upgrade lists the changes, writes only with --write, and refuses a future version", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/old.json`;
    const old = asVersion1(readShipped("falls-prevention.json"));
    await Deno.writeTextFile(path, old);
    const dry = await runCli(["upgrade", path]);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /version 1 → 2/);
    assert.match(dry.stdout, /schemaVersion 2 added/);
    assert.match(dry.stdout, /not written/);
    assert.equal(await Deno.readTextFile(path), old);
    const wet = await runCli(["upgrade", path, "--write"]);
    assert.equal(wet.code, 0);
    assert.match(wet.stdout, /written/);
    assert.equal(textVersion(await Deno.readTextFile(path)), SCHEMA_VERSION);
    assert.deepEqual(
      JSON.parse(await Deno.readTextFile(path)),
      JSON.parse(withoutCalibration(readShipped("falls-prevention.json"))),
    );
    const again = await runCli(["upgrade", path]);
    assert.match(again.stdout, new RegExp(`already version ${SCHEMA_VERSION}`));
    await Deno.writeTextFile(path, JSON.stringify({ ...minimal(), schemaVersion: 9 }));
    const future = await runCli(["upgrade", path, "--write"]);
    assert.equal(future.code, 2);
    assert.match(future.stdout, /schemaVersion: the study is written in version 9/);
    const validate = await runCli(["validate", path]);
    assert.equal(validate.code, 2);
    assert.match(validate.stdout, /newer than this Careshift reads/);
    // An invalid old file is not written.
    const broken = { ...minimal(), horizonYears: 500 };
    await Deno.writeTextFile(path, JSON.stringify(broken));
    const refused = await runCli(["upgrade", path, "--write"]);
    assert.equal(refused.code, 2);
    assert.match(refused.stdout, /not written: the upgraded study is not valid/);
    assert.equal(textVersion(await Deno.readTextFile(path)), 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
