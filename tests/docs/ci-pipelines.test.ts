/**
 * The example pipelines of docs/ci/ (GitHub Actions and GitLab CI) run on a copy of this
 * repository, as a pull request that changes one study's effect and adds a study, against a
 * main branch with committed results: they install the pinned Deno with npx, validate, check
 * with JUnit output and diff against main, and the diff flags the changed study only. A broken
 * command in either file fails its job.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { validateXML } from "xmllint-wasm";
import {
  type JobOutcome,
  recordedCalls,
  runGithubWorkflow,
  runGitlabPipeline,
} from "./ci-runner.ts";

const root = new URL("../..", import.meta.url).pathname;
const GITHUB = Deno.readTextFileSync(join(root, "docs/ci/github-actions.yml"));
const GITLAB = Deno.readTextFileSync(join(root, "docs/ci/gitlab-ci.yml"));

/** What is not copied into the repository the pipelines run on. */
const SKIP = new Set([".git", "tests", "out", "node_modules", ".deno-dir", "bench"]);
/** Skipped at the top only: the server's store (sim/data and scenarios/data are the model's). */
const SKIP_AT_ROOT = new Set(["data"]);
/** The studies of the copy: two shipped ones, with fewer iterations to keep the test short. */
const STUDIES = ["falls-prevention", "diabetes-prevention"];
const ITERATIONS = 100;

async function git(cwd: string, ...args: string[]): Promise<string> {
  const out = await new Deno.Command("git", {
    args: ["-c", "user.name=CI test", "-c", "user.email=ci@example.invalid", ...args],
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  if (out.code !== 0) {
    throw new Error(`git ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
  return text;
}

async function copyTree(from: string, to: string, top = true): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (SKIP.has(entry.name) || entry.name.endsWith(".kv")) continue;
    if (top && SKIP_AT_ROOT.has(entry.name)) continue;
    const a = join(from, entry.name);
    const b = join(to, entry.name);
    if (entry.isDirectory) await copyTree(a, b, false);
    else if (entry.isFile) await Deno.copyFile(a, b);
  }
}

async function sim(cwd: string, ...args: string[]): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-write", "--allow-env", "cli/main.ts", ...args],
    cwd,
    env: { NO_COLOR: "1", CI: "true" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (out.code !== 0) throw new Error(new TextDecoder().decode(out.stderr));
}

const editStudy = async (path: string, edit: (study: Record<string, unknown>) => void) => {
  const study = JSON.parse(await Deno.readTextFile(path));
  edit(study);
  await Deno.writeTextFile(path, JSON.stringify(study, null, 2) + "\n");
};

/**
 * A bare "origin" whose main branch holds Careshift, two studies and their committed results,
 * and a branch "change" that shifts one intervention effect of falls prevention and adds a study.
 */
async function makeRepository(): Promise<{ origin: string; work: string }> {
  const work = await Deno.makeTempDir({ prefix: "careshift-ci-" });
  const seed = join(work, "seed");
  await copyTree(root, seed);
  for await (const entry of Deno.readDir(join(seed, "scenarios"))) {
    const keep = entry.name === "schema.json" || entry.isDirectory ||
      STUDIES.some((s) => entry.name === `${s}.json`);
    if (!keep) await Deno.remove(join(seed, "scenarios", entry.name));
  }
  for (const s of STUDIES) {
    await editStudy(join(seed, "scenarios", `${s}.json`), (study) => {
      study.iterations = ITERATIONS;
    });
    await sim(seed, "run", `scenarios/${s}.json`, "--out", `results/${s}`);
  }
  await git(seed, "init", "--quiet", "--initial-branch=main");
  await git(seed, "add", "--all");
  await git(seed, "commit", "--quiet", "--message", "Studies and their results");
  // The pull request: a stronger effect on admissions in falls prevention, and a new study.
  await git(seed, "checkout", "--quiet", "-b", "change");
  await editStudy(join(seed, "scenarios", "falls-prevention.json"), (study) => {
    const effects =
      (study.interventions as { effects: Record<string, Record<string, unknown>> }[])[0]
        .effects;
    effects.activity.nonElective = {
      central: 0.9,
      low: 0.85,
      high: 0.95,
      level: 0.9,
      family: "lognormal",
    };
  });
  const added = JSON.parse(
    await Deno.readTextFile(join(seed, "scenarios", "diabetes-prevention.json")),
  );
  added.name = "A new study";
  await Deno.writeTextFile(
    join(seed, "scenarios", "new-study.json"),
    JSON.stringify(added, null, 2),
  );
  await git(seed, "add", "--all");
  await git(seed, "commit", "--quiet", "--message", "Stronger effect; a new study");
  const origin = join(work, "origin.git");
  await git(work, "clone", "--quiet", "--bare", seed, origin);
  return { origin, work };
}

/** Made once: every job clones it afresh, as CI does. */
let made: Promise<{ origin: string; work: string }> | undefined;
async function repository(): Promise<{ origin: string; work: string }> {
  made ??= makeRepository();
  const { origin, work } = await made;
  return { origin, work: await Deno.makeTempDir({ dir: work }) };
}

const schema = Deno.readTextFileSync(join(root, "docs/ci/junit.xsd"));

async function assertJunit(repo: string): Promise<void> {
  const xml = await Deno.readTextFile(join(repo, "out/ci/junit.xml"));
  const r = await validateXML({
    xml: [{ fileName: "junit.xml", contents: xml }],
    schema: [{ fileName: "junit.xsd", contents: schema }],
  });
  assert.deepEqual(r.errors.map((e) => e.message), []);
  // One suite per study (the two of main and the new one), no failures.
  assert.equal(xml.match(/<testsuite /g)?.length, 3);
  assert.doesNotMatch(xml, /<failure|<error/);
}

function assertSucceeded(outcomes: JobOutcome[], jobs: string[]): void {
  assert.deepEqual(outcomes.map((o) => o.job), jobs);
  for (const o of outcomes) {
    assert.equal(
      o.failed,
      undefined,
      `${o.job}: step "${o.failed?.step}" exited ${o.failed?.code}\n${o.failed?.output}`,
    );
  }
}

/** The diff markdown: the changed study flagged, the unchanged one not, the new one named. */
function assertDiffMarkdown(md: string, base: string): void {
  assert.match(md, new RegExp(`^## Careshift results against ${base}\n`));
  const section = (name: string) => {
    const at = md.indexOf(`### ${name}\n`);
    assert.ok(at >= 0, `no section for ${name}:\n${md}`);
    const next = md.indexOf("\n### ", at + 1);
    return md.slice(at, next < 0 ? undefined : next);
  };
  const falls = section("falls-prevention");
  assert.match(
    falls,
    /\*\*Changed: [\d,]+ cells? moved beyond z > 4; the study file and CSV changed\.\*\*/,
  );
  assert.match(falls, /\| Falls prevention \| difference \| [\w.]*nonElective/);
  assert.match(falls, /and with it the model inputs/);
  const diabetes = section("diabetes-prevention");
  assert.match(diabetes, /\*\*No differences beyond Monte Carlo error\.\*\*/);
  assert.match(diabetes, /the results should be identical/);
  assert.match(section("new-study"), /A new study: no results on main to compare with\./);
}

const timings = (outcomes: JobOutcome[]) =>
  outcomes.flatMap((o) =>
    o.steps.filter((s) => s.seconds !== undefined).map((s) =>
      `${o.job}/${s.step}: ${s.seconds!.toFixed(1)} s`
    )
  ).join("; ");

Deno.test("the GitHub Actions example runs: validate, check with JUnit, diff against main, comment", async () => {
  const { origin, work } = await repository();
  const outcomes = await runGithubWorkflow(GITHUB, origin, "change", work);
  assertSucceeded(outcomes, ["check", "diff"]);
  console.log(`  ${timings(outcomes)}`);
  const [check, diff] = outcomes;
  await assertJunit(join(check.dir, "repo"));
  const report = JSON.parse(await Deno.readTextFile(join(check.dir, "repo/out/ci/check.json")));
  assert.equal(report.exitCode, 0);
  // The pinned Deno, from the npm registry as CI gets it.
  const pinned = (await Deno.readTextFile(join(root, ".ci/deno-version"))).trim();
  const install = check.steps.find((s) => s.step === "Install the pinned Deno")!;
  assert.match(install.output, new RegExp(`^deno ${pinned.replaceAll(".", "\\.")} `, "m"));
  assert.match(
    await Deno.readTextFile(join(check.dir, "github-env")),
    new RegExp(`^DENO=npx --yes deno@${pinned}$`, "m"),
  );

  assertDiffMarkdown(diff.summary!, "main");
  const calls = recordedCalls(diff.dir);
  assert.deepEqual(calls.map((c) => c.args), [
    ["pr", "comment", "42", "--body-file", "out/ci/diff.md", "--edit-last", "--create-if-none"],
  ]);
  assert.equal(calls[0].body, diff.summary);
  // Every compared cell as CSV, beside the runs.
  const csv = await Deno.readTextFile(join(diff.dir, "repo/out/ci/diff/diabetes-prevention.csv"));
  assert.ok(csv.split("\n").length > 1000);
});

Deno.test("the GitLab CI example runs: validate, check with JUnit, diff against main, MR note", async () => {
  const { origin, work } = await repository();
  const outcomes = await runGitlabPipeline(GITLAB, origin, "change", work);
  assertSucceeded(outcomes, ["careshift-check", "careshift-diff"]);
  const [check, diff] = outcomes;
  await assertJunit(join(check.dir, "repo"));
  const md = await Deno.readTextFile(join(diff.dir, "repo/out/ci/diff.md"));
  assertDiffMarkdown(md, "main");
  const calls = recordedCalls(diff.dir);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].command, "curl");
  assert.ok(
    calls[0].args.includes("https://gitlab.invalid/api/v4/projects/3/merge_requests/7/notes"),
  );
  assert.ok(calls[0].args.includes("PRIVATE-TOKEN: stand-in-token"));
  assert.equal(calls[0].body, md);
});

Deno.test("a broken command in either example fails its job", async () => {
  const { origin, work } = await repository();
  const github = await runGithubWorkflow(
    GITHUB.replace("sim check $STUDIES", "sim chekc $STUDIES"),
    origin,
    "change",
    join(work, "github"),
    ["check"],
  );
  const failed = github.find((o) => o.job === "check")!.failed;
  assert.equal(failed?.step, "Check every study's assertions");
  assert.equal(failed?.code, 2);
  assert.match(failed!.output, /Unknown command "chekc"/);
  // After a failure only the steps marked !cancelled() run.
  assert.deepEqual(
    github[0].steps.map((s) => s.code === null ? "skipped" : s.step),
    [
      "actions/checkout@v4",
      "actions/setup-node@v4",
      "Install the pinned Deno",
      "Validate every study",
      "Check every study's assertions",
      "Test report",
      "Keep the reports",
    ],
  );
  const gitlab = await runGitlabPipeline(
    GITLAB.replace('--out "out/ci/runs/', '--ouut "out/ci/runs/'),
    origin,
    "change",
    join(work, "gitlab"),
    ["careshift-diff"],
  );
  assert.equal(gitlab[0].failed?.code, 2);
  assert.match(gitlab[0].failed!.output, /unknown option --ouut/);
});
