/**
 * The command line as a user meets it: exit codes, outputs, errors without stack traces. Commands
 * run in this process through main(); one test runs the real entry point in a subprocess.
 */
import assert from "node:assert/strict";
import { readWorkbook } from "../../report/xlsx.ts";
import { join } from "node:path";
import { main } from "../../cli/main.ts";

const root = new URL("../..", import.meta.url).pathname;

/** Runs the command line in this process through its exported main(), capturing its output. */
async function sim(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const { log, error } = console;
  console.log = (...parts: unknown[]) => stdout.push(parts.join(" ") + "\n");
  console.error = (...parts: unknown[]) => stderr.push(parts.join(" ") + "\n");
  try {
    const code = await main(args);
    return { code, stdout: stdout.join(""), stderr: stderr.join("") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

/** The real entry point, as `deno task sim` runs it (exit code and output streams). */
async function simProcess(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-write", "--allow-env", "cli/main.ts", ...args],
    cwd: root,
    env: { CI: "true", NO_COLOR: "1" },
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

const tiny = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    name: "Tiny study",
    horizonYears: 3,
    iterations: 20,
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
    ...extra,
  });

async function tempStudy(text: string): Promise<string> {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "study.json");
  await Deno.writeTextFile(path, text);
  return path;
}

Deno.test("help: every command answers --help with exit 0", async () => {
  for (
    const command of ["run", "compare", "check", "validate", "resolve", "deterministic", "expected"]
  ) {
    const r = await sim(command, "--help");
    assert.equal(r.code, 0, command);
    assert.match(r.stdout, /Usage: deno task sim/);
  }
  assert.equal((await sim("--help")).code, 0);
  assert.equal((await sim("frobnicate")).code, 2);
});

Deno.test("validate: exit 0 for a valid study, 2 with every problem for a bad one", async () => {
  assert.equal((await sim("validate", await tempStudy(tiny()))).code, 0);
  const bad = await tempStudy(tiny({ horizonYaers: 3, iterations: -1 }));
  const r = await sim("validate", bad);
  assert.equal(r.code, 2);
  assert.match(r.stdout, /horizonYaers: unknown field .*did you mean "horizonYears"\?/);
  assert.match(r.stdout, /iterations: too small/);
  assert.doesNotMatch(r.stdout + r.stderr, /at .*\.ts:\d+/); // no stack trace
});

Deno.test("usage errors exit 2 without a stack trace", async () => {
  const path = await tempStudy(tiny());
  for (
    const args of [["run", path, "--iterations", "zero"], ["run", path, "--bogus"], ["run"], [
      "validate",
    ]]
  ) {
    const r = await sim(...args);
    assert.equal(r.code, 2, args.join(" "));
    assert.doesNotMatch(r.stderr, /\n\s+at \S+:\d+/);
  }
  const missing = await sim("validate", "/no/such/study.json");
  assert.equal(missing.code, 2);
  assert.match(missing.stdout, /no such file/);
});

Deno.test("run writes results.json, summary.csv, report.html and results.xlsx", async () => {
  const path = await tempStudy(tiny());
  const out = join(await Deno.makeTempDir(), "out");
  const r = await sim("run", path, "--out", out, "--workers", "2");
  assert.equal(r.code, 0, r.stderr);
  const results = JSON.parse(await Deno.readTextFile(join(out, "results.json")));
  assert.equal(results.results.iterations, 20);
  assert.equal(results.results.seed, 4);
  assert.deepEqual(results.results.scenarios.map((s: { name: string }) => s.name), [
    "Baseline",
    "Coordinated",
  ]);
  const csv = await Deno.readTextFile(join(out, "summary.csv"));
  assert.ok(
    csv.startsWith(
      "scenario,intervention,kind,measure,year,mean,sd,mcse,median,low,high,p_negative\n",
    ),
  );
  assert.match(csv, /\nCoordinated,,difference,discounted\.cost\.total,3,/);
  const html = await Deno.readTextFile(join(out, "report.html"));
  assert.match(html, /<svg/);
  assert.match(html, /Tiny study/);
  assert.match(html, /Probability of saving money/);
  const workbook = await readWorkbook(await Deno.readFile(join(out, "results.xlsx")));
  assert.deepEqual(workbook.worksheets.map((w) => w.name).slice(0, 4), [
    "Cover",
    "Data dictionary",
    "Assumptions",
    "Results",
  ]);
  const rows = workbook.getWorksheet("Results")!.rowCount - 1;
  assert.equal(
    rows,
    csv.split("\n").filter((l) => /,(absolute|difference),(?!area\.)/.test(l)).length,
  );
});

Deno.test("run on a bad study writes nothing", async () => {
  const path = await tempStudy(
    tiny({ scenarios: [] }).replace(
      '"scenarios":[]',
      '"scenarios":[{"name":"x","interventions":["nope"]}]',
    ),
  );
  const out = join(await Deno.makeTempDir(), "never");
  const r = await sim("run", path, "--out", out);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /scenarios\[0\]\.interventions\[0\]: unknown intervention/);
  await assert.rejects(Deno.stat(out));
});

Deno.test("check: exit 0 when assertions hold, 1 when one fails", async () => {
  const holds = await tempStudy(
    tiny({
      assertions: [{
        scenario: "Coordinated",
        measure: "cumulative.activity.nonElective",
        below: 0,
        probability: 0.9,
      }],
    }),
  );
  const ok = await sim("check", holds);
  assert.equal(ok.code, 0, ok.stdout);
  assert.match(ok.stdout, /PASS/);
  const fails = await tempStudy(
    tiny({
      assertions: [{
        scenario: "Coordinated",
        measure: "cumulative.activity.nonElective",
        above: 0,
      }],
    }),
  );
  const bad = await sim("check", fails);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /FAIL .*measured/s);
});

Deno.test("compare prints the side-by-side table", async () => {
  const r = await sim("compare", await tempStudy(tiny()), "--workers", "1");
  assert.equal(r.code, 0, r.stderr);
  for (
    const label of [
      "Non-elective admissions",
      "Acute non-elective",
      "Net cost",
      "Probability of saving money",
      "SII",
    ]
  ) {
    assert.ok(r.stdout.includes(label), label);
  }
  assert.match(r.stdout, /Coordinated/);
});

Deno.test("resolve prints the model the engine uses; deterministic prints trajectories", async () => {
  const path = await tempStudy(tiny());
  const r = await sim("resolve", path);
  assert.equal(r.code, 0, r.stderr);
  const model = JSON.parse(r.stdout);
  // 20 age groups in the three bands × 3 levels × 5 quintiles.
  assert.equal(model.states.length, 300);
  assert.equal(
    model.states.reduce((n: number, s: { initial: number }) => n + s.initial, 0),
    229323,
  );
  assert.ok(model.parameters["interventions.iv.effects.activity.nonElective"]);
  assert.ok(model.rules.eventOrder.length >= 6);
  for (const s of model.states) {
    const exits = s.death +
      Object.values(s.moves as Record<string, number>).reduce((a, b) => a + b, 0);
    assert.ok(exits <= 1 + 1e-12, `state ${s.state}`);
  }
  const k = await sim("resolve", path, "--iteration", "5");
  assert.equal(k.code, 0, k.stderr);
  assert.deepEqual(JSON.parse(k.stdout).analysis, { kind: "iteration", iteration: 5, seed: 4 });
  const e = await sim("deterministic", path);
  assert.equal(e.code, 0);
  assert.match(e.stdout, /deterministic analysis \(every parameter at its mean/);
  const ej = JSON.parse((await sim("deterministic", path, "--json")).stdout);
  assert.equal(ej.mode, "deterministic");
  assert.equal(ej.uncertainty, null);
  // The old name still works and says what it is.
  const alias = await sim("expected", path, "--json");
  assert.equal(alias.code, 0);
  assert.match(alias.stderr, /old name of "sim deterministic"/);
  assert.deepEqual(JSON.parse(alias.stdout), ej);
});

Deno.test("--uncertainty: recorded in the results; a bad mode is a usage error", async () => {
  const path = await tempStudy(tiny({ iterations: 40 }));
  const dir = await Deno.makeTempDir();
  const r = await sim(
    "run",
    path,
    "--out",
    join(dir, "p"),
    "--workers",
    "2",
    "--uncertainty",
    "parameters",
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /uncertainty: parameters\)/);
  const doc = JSON.parse(await Deno.readTextFile(join(dir, "p", "results.json")));
  assert.equal(doc.results.uncertainty, "parameters");
  assert.equal(doc.results.mode, "monte-carlo");
  const bad = await sim("check", path, "--uncertainty", "counts");
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--uncertainty must be one of "parameters", "parameters\+counts"/);
  // The study file's own mode is the default.
  const own = await tempStudy(tiny({ iterations: 40, uncertainty: "parameters" }));
  const c = await sim("check", own);
  assert.match(c.stdout, /uncertainty: parameters\)/);
});

Deno.test("shards: run --shard K/N then merge gives results identical to a single run", async () => {
  const path = await tempStudy(tiny({ iterations: 100 }));
  const dir = await Deno.makeTempDir();
  const single = join(dir, "single");
  assert.equal((await sim("run", path, "--out", single, "--workers", "1")).code, 0);
  for (const k of [1, 2, 3]) {
    const r = await sim(
      "run",
      path,
      "--shard",
      `${k}/3`,
      "--out",
      join(dir, `s${k}`),
      "--workers",
      k === 2 ? "2" : "1",
    );
    assert.equal(r.code, 0, r.stderr);
  }
  const merged = join(dir, "merged");
  const m = await sim("merge", join(dir, "s3"), join(dir, "s1"), join(dir, "s2"), "--out", merged);
  assert.equal(m.code, 0, m.stderr);
  const a = JSON.parse(await Deno.readTextFile(join(single, "results.json")));
  const b = JSON.parse(await Deno.readTextFile(join(merged, "results.json")));
  assert.deepEqual(b.results, a.results);
  assert.deepEqual(b.assertions, a.assertions);
  // A missing shard is refused.
  const missing = await sim("merge", join(dir, "s1"), join(dir, "s2"), "--out", join(dir, "never"));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /shard 3 of 3 is missing/);
});

Deno.test("shards carry the uncertainty mode: merged like a single run; mixed modes are refused", async () => {
  const path = await tempStudy(tiny({ iterations: 64 }));
  const dir = await Deno.makeTempDir();
  const mode = ["--uncertainty", "parameters", "--workers", "1"];
  assert.equal((await sim("run", path, "--out", join(dir, "single"), ...mode)).code, 0);
  for (const k of [1, 2]) {
    const r = await sim("run", path, "--shard", `${k}/2`, "--out", join(dir, `p${k}`), ...mode);
    assert.equal(r.code, 0, r.stderr);
  }
  const m = await sim("merge", join(dir, "p1"), join(dir, "p2"), "--out", join(dir, "merged"));
  assert.equal(m.code, 0, m.stderr);
  const a = JSON.parse(await Deno.readTextFile(join(dir, "single", "results.json")));
  const b = JSON.parse(await Deno.readTextFile(join(dir, "merged", "results.json")));
  assert.equal(b.results.uncertainty, "parameters");
  assert.deepEqual(b.results, a.results);
  assert.deepEqual(b.contributions, a.contributions);
  // A shard drawn with counts does not join shards drawn without.
  const other = await sim(
    "run",
    path,
    "--shard",
    "2/2",
    "--out",
    join(dir, "c2"),
    "--workers",
    "1",
  );
  assert.equal(other.code, 0, other.stderr);
  const mixed = await sim("merge", join(dir, "p1"), join(dir, "c2"), "--out", join(dir, "never"));
  assert.equal(mixed.code, 2);
  assert.match(mixed.stderr, /uncertainty parameters\+counts; expected .*parameters\)/);
});

Deno.test("the entry point exits with main()'s code, problems on stdout, no stack trace", async () => {
  const bad = await tempStudy(tiny({ horizonYaers: 3 }));
  const r = await simProcess("validate", bad);
  assert.equal(r.code, 2);
  assert.match(r.stdout, /horizonYaers: unknown field/);
  assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at \S+:\d+/);
  assert.equal((await simProcess("validate", await tempStudy(tiny()))).code, 0);
});
