/**
 * `sim check --junit FILE --json FILE`: JUnit XML valid against docs/ci/junit.xsd (checked by
 * libxml2's own validator, compiled to WebAssembly), one test case per assertion, failures that
 * carry the measured value, interval and probability, invalid studies as errored test cases;
 * the counts the schema language cannot check are checked here on a strict XML parse.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import fc from "fast-check";
import { validateXML } from "xmllint-wasm";
import { junitXml } from "../../cli/junit.ts";
import type { CheckRecord } from "../../cli/check-outcome.ts";
import type { AssertionOutcome } from "../../sim/assertions.ts";
import { runCli } from "./run-cli.ts";
import { fnv1a64 } from "../../sim/hash.ts";

const root = new URL("../..", import.meta.url).pathname;
const XSD = Deno.readTextFileSync(join(root, "docs/ci/junit.xsd"));

async function schemaErrors(xml: string): Promise<string[]> {
  const r = await validateXML({
    xml: [{ fileName: "report.xml", contents: xml }],
    schema: [{ fileName: "junit.xsd", contents: XSD }],
  });
  return r.errors.map((e) => e.message);
}

type El = {
  tagName: string;
  getAttribute(n: string): string | null;
  childNodes: ArrayLike<{ nodeType: number }>;
  textContent: string | null;
};
const children = (e: El): El[] =>
  Array.from(e.childNodes).filter((n) => n.nodeType === 1) as unknown as El[];

/** A strict parse (malformed XML throws), and the counts XSD 1.0 cannot express. */
function parseReport(xml: string) {
  const doc = new DOMParser({
    // Errors and fatal errors end the parse; U+FFFD (our stand-in for characters XML cannot hold)
    // only draws a warning.
    onError: (level: string, message: string) => {
      if (level !== "warning") throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, "text/xml");
  const top = doc.documentElement as unknown as El;
  assert.equal(top.tagName, "testsuites");
  const suites = children(top).map((suite, i) => {
    assert.equal(suite.getAttribute("id"), String(i));
    const cases = children(suite).filter((c) => c.tagName === "testcase");
    const outcome = (c: El) => children(c)[0];
    const failures = cases.filter((c) => outcome(c)?.tagName === "failure");
    const errors = cases.filter((c) => outcome(c)?.tagName === "error");
    assert.equal(suite.getAttribute("tests"), String(cases.length));
    assert.equal(suite.getAttribute("failures"), String(failures.length));
    assert.equal(suite.getAttribute("errors"), String(errors.length));
    const properties = Object.fromEntries(
      children(children(suite)[0]).map((p) => [p.getAttribute("name"), p.getAttribute("value")]),
    );
    return {
      name: suite.getAttribute("name"),
      properties,
      cases: cases.map((c) => ({
        name: c.getAttribute("name"),
        classname: c.getAttribute("classname"),
        outcome: outcome(c)?.tagName ?? "passed",
        message: outcome(c)?.getAttribute("message") ?? null,
        text: outcome(c)?.textContent ?? null,
      })),
    };
  });
  return suites;
}

const study = (assertions: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    name: 'Coordination <& "quotes">',
    horizonYears: 3,
    iterations: 40,
    seed: 4,
    interventions: [{
      id: "iv",
      name: "Coordination",
      target: { ageBands: ["75+"], complexity: ["high"] },
      uptake: 0.5,
      costPerParticipant: 500,
      effects: { activity: { nonElective: 0.8 } },
    }],
    scenarios: [{ name: "Coordinated", interventions: ["iv"] }],
    assertions,
    ...extra,
  });

const HOLDS = {
  name: "Costs more",
  scenario: "Coordinated",
  measure: "cumulative.cost.intervention",
  above: 0,
  probability: 0.9,
};
const FAILS = {
  name: "Saves a billion",
  scenario: "Coordinated",
  measure: "discounted.cost.total",
  below: -1e9,
  probability: 0.8,
};
const FAILS_ON_MEAN = { scenario: "Coordinated", measure: "activity.nonElective", above: 0 };

async function files(texts: Record<string, string>): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const [name, text] of Object.entries(texts)) await Deno.writeTextFile(join(dir, name), text);
  return dir;
}

Deno.test("check --junit: one case per assertion, failures carry value, interval and probability", async () => {
  const dir = await files({
    "mixed.json": study([HOLDS, FAILS, FAILS_ON_MEAN]),
    "holds.json": study([HOLDS]),
  });
  const junit = join(dir, "reports", "junit.xml");
  const json = join(dir, "reports", "check.json");
  const r = await runCli([
    "check",
    join(dir, "mixed.json"),
    join(dir, "holds.json"),
    "--junit",
    junit,
    "--json",
    json,
  ]);
  assert.equal(r.code, 1, r.stderr);
  const xml = await Deno.readTextFile(junit);
  assert.deepEqual(await schemaErrors(xml), []);
  const suites = parseReport(xml);
  assert.equal(suites.length, 2);
  assert.equal(suites[0].name, 'Coordination <& "quotes">');
  assert.deepEqual(suites[0].cases.map((c) => c.outcome), ["passed", "failure", "failure"]);
  assert.deepEqual(suites[1].cases.map((c) => c.outcome), ["passed"]);
  assert.equal(suites[0].cases[0].classname, join(dir, "mixed.json"));

  // The JSON holds the same outcomes, with the numbers the failure messages state.
  const report = JSON.parse(await Deno.readTextFile(json));
  assert.equal(report.format, "careshift-check-1");
  assert.equal(report.exitCode, 1);
  assert.deepEqual(report.summary, { studies: 2, invalid: 0, assertions: 4, failed: 2 });
  const outcomes = report.studies[0].assertions;
  assert.deepEqual(outcomes.map((a: { passed: boolean }) => a.passed), [true, false, false]);
  const failed = suites[0].cases[1];
  assert.equal(failed.name, "Saves a billion");
  const o = outcomes[1];
  // Money in the message, as the terminal prints it: £ and one decimal of millions.
  const m = (v: number) => `£${(Math.abs(v) / 1e6).toFixed(1)}m`;
  assert.ok(failed.message!.includes(m(o.mean)), failed.message!);
  assert.match(
    failed.message!,
    /^Saves a billion: measured .+ \(95% interval .+ to .+\); condition held in 0% of iterations \(needs ≥ 80%\)$/,
  );
  assert.ok(o.low < o.mean && o.mean < o.high);
  assert.equal(o.share, 0);
  // The body has the raw numbers.
  assert.match(failed.text!, new RegExp(`^mean: ${String(o.mean).replace(".", "\\.")}$`, "m"));
  assert.match(failed.text!, /^probability required: 0\.8$/m);
  assert.match(failed.text!, /^share of iterations where the condition held: 0$/m);
  assert.match(suites[0].cases[2].message!, /\(the mean decides\)$/);
  // Provenance as suite properties.
  const p = report.studies[0].provenance;
  assert.equal(suites[0].properties.studyHash, p.studyHash);
  assert.equal(suites[0].properties.engineVersion, p.engineVersion);
  assert.equal(suites[0].properties.seed, "4");
  assert.equal(suites[0].properties.iterations, "40");
  assert.equal(suites[0].properties.denoVersion, Deno.version.deno);
});

Deno.test("check --junit: an invalid study is an errored case and the exit code is 2", async () => {
  const dir = await files({
    "holds.json": study([HOLDS]),
    "bad.json": study([HOLDS], { horizonYaers: 3, iterations: -1 }),
  });
  const junit = join(dir, "junit.xml");
  const json = join(dir, "check.json");
  const missing = join(dir, "missing.json");
  const r = await runCli([
    "check",
    join(dir, "holds.json"),
    join(dir, "bad.json"),
    missing,
    "--junit",
    junit,
    "--json",
    json,
  ]);
  assert.equal(r.code, 2);
  const xml = await Deno.readTextFile(junit);
  assert.deepEqual(await schemaErrors(xml), []);
  const suites = parseReport(xml);
  assert.deepEqual(suites.map((s) => s.cases.map((c) => c.outcome)), [
    ["passed"],
    ["error"],
    ["error"],
  ]);
  const bad = suites[1].cases[0];
  assert.match(bad.message!, /^the study is invalid \(2 problems\): /);
  assert.match(bad.text!, /horizonYaers: unknown field/);
  assert.match(bad.text!, /iterations: too small/);
  assert.match(suites[2].cases[0].text!, /no such file/);
  const report = JSON.parse(await Deno.readTextFile(json));
  assert.equal(report.exitCode, 2);
  assert.deepEqual(report.studies.map((s: { valid: boolean }) => s.valid), [true, false, false]);
  assert.equal(report.studies[1].problems.length, 2);
});

Deno.test("check --junit: exit 0 when every assertion holds; bad options exit 2", async () => {
  const dir = await files({ "holds.json": study([HOLDS]) });
  const junit = join(dir, "junit.xml");
  const ok = await runCli(["check", join(dir, "holds.json"), "--junit", junit]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(parseReport(await Deno.readTextFile(junit))[0].cases.map((c) => c.outcome), [
    "passed",
  ]);
  const noValue = await runCli(["check", join(dir, "holds.json"), "--junit"]);
  assert.equal(noValue.code, 2);
  assert.match(noValue.stderr, /--junit needs a value/);
  // A report that cannot be written: a clear error, exit 2, no stack trace.
  await Deno.writeTextFile(join(dir, "file"), "");
  const blocked = await runCli([
    "check",
    join(dir, "holds.json"),
    "--json",
    join(dir, "file", "check.json"),
  ]);
  assert.equal(blocked.code, 2);
  assert.match(blocked.stderr, /^--json .*check\.json: cannot write the file/);
  assert.doesNotMatch(blocked.stderr, /at .*\.ts:\d+/);
});

const outcome = (label: string, passed: boolean, scenario: string): AssertionOutcome => ({
  assertion: { scenario, measure: "cost.total", below: 0, probability: 0.5 },
  label,
  unit: "£",
  passed,
  year: 3,
  mean: -1234.5,
  low: -2000,
  high: 10,
  share: 0.75,
});

Deno.test("JUnit XML stays valid whatever the names hold (quotes, markup, controls, surrogates)", async () => {
  const now = new Date("2026-01-02T03:04:05.678Z");
  const records = fc.sample(
    fc.array(
      fc.oneof(
        fc.record({
          file: fc.string({ unit: "binary" }),
          name: fc.string({ unit: "binary" }),
          labels: fc.array(fc.tuple(fc.string({ unit: "binary" }), fc.boolean()), {
            maxLength: 4,
          }),
        }),
        fc.record({
          file: fc.string({ unit: "binary" }),
          problems: fc.array(fc.string({ unit: "binary" }), { maxLength: 3 }),
        }),
      ),
      { maxLength: 4 },
    ),
    { numRuns: 30, seed: 17 },
  );
  for (const sample of records) {
    const recs: CheckRecord[] = sample.map((s) =>
      "problems" in s ? { file: s.file, valid: false, seconds: 0.5, problems: s.problems } : {
        file: s.file,
        valid: true,
        name: s.name,
        seconds: 1.25,
        interval: 0.9,
        provenance: {
          studyHash: null,
          inputHash: "0",
          engineVersion: "0",
          seed: s.name,
          iterations: 1,
          uncertainty: "parameters+counts",
          denoVersion: null,
        },
        assertions: s.labels.map(([label, passed]) => outcome(label, passed, s.name)),
      }
    );
    const xml = junitXml(recs, now);
    assert.deepEqual(await schemaErrors(xml), [], xml);
    const suites = parseReport(xml);
    assert.equal(suites.length, recs.length);
    suites.forEach((suite, i) => {
      const r = recs[i];
      const cases = r.valid ? r.assertions.length : 1;
      assert.equal(suite.cases.length, cases);
    });
    if (recs.length) assert.match(xml, /timestamp="2026-01-02T03:04:05"/);
  }
  // Text that is valid XML survives exactly (markup and quotes escaped, not mangled).
  const tricky = "a<b>&\"c\"'d' ]]> e\tf\ng — ✓ 𝔘";
  const xml = junitXml([{ file: tricky, valid: false, seconds: 0, problems: [tricky] }], now);
  const [suite] = parseReport(xml);
  assert.equal(suite.name, tricky);
  assert.equal(suite.cases[0].text, tricky);
});

Deno.test("the schema is not vacuous: broken reports are refused", async () => {
  const good = junitXml([{
    file: "s.json",
    valid: false,
    seconds: 0,
    problems: ["p"],
  }], new Date(0));
  assert.deepEqual(await schemaErrors(good), []);
  const broken: [string, string][] = [
    [' name="the study is valid"', ""], // a test case without a name
    ['time="0.000"', 'time="-1"'], // a negative time
    ["<testsuites>", '<testsuites name="x">'], // an attribute the Ant schema does not allow
    ['timestamp="1970-01-01T00:00:00"', 'timestamp="1970-01-01T00:00:00Z"'], // a time zone
    ['errors="1"', 'errors="one"'], // a count that is not a number
    ["<system-err></system-err>", ""], // a suite without system-err
    ['type="invalid-study" ', ""], // an error without a type
  ];
  for (const [from, to] of broken) {
    assert.ok(good.includes(from), from);
    const errors = await schemaErrors(good.replace(from, to));
    assert.ok(errors.length > 0, `accepted with ${from} → ${to}`);
  }
});

Deno.test("check --junit: a calibrated study's suite names its posterior's hash", async () => {
  const scenarios = new URL("../../scenarios/", import.meta.url);
  const posterior = new URL("data/example-place-posterior.json", scenarios).pathname;
  const dir = await files({
    "calibrated.json": study([HOLDS], {
      iterations: 20,
      calibration: {
        targets: new URL("data/example-place-targets.json", scenarios).pathname,
        posterior,
      },
    }),
    "plain.json": study([HOLDS], { iterations: 20 }),
  });
  const junit = join(dir, "junit.xml");
  const r = await runCli([
    "check",
    join(dir, "calibrated.json"),
    join(dir, "plain.json"),
    "--junit",
    junit,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const xml = Deno.readTextFileSync(junit);
  assert.deepEqual(await schemaErrors(xml), []);
  const [calibrated, plain] = parseReport(xml);
  assert.equal(calibrated.properties.posteriorHash, fnv1a64(Deno.readTextFileSync(posterior)));
  assert.equal(plain.properties.posteriorHash, undefined);
});
