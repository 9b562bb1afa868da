/**
 * Runs the example pipelines of docs/ci/ on this machine, as GitHub Actions and GitLab CI would:
 * the workflow files are parsed (npm:yaml), every job starts from a fresh clone of a temporary
 * repository, and every `run:` step (GitHub) or script line (GitLab) runs in bash with the
 * options those systems use. What cannot run here is stood in for, and checked instead:
 * `actions/checkout` (the clone), `actions/setup-node` (node is here), the report and artifact
 * actions (their paths must exist afterwards); `gh` and `curl` are recording stand-ins. An action,
 * expression or condition this runner does not know is an error, so a workflow cannot drift
 * away from what is tested.
 */
import { join } from "node:path";
import { parse } from "yaml";

export interface StepOutcome {
  job: string;
  step: string;
  /** Seconds the step took. */
  seconds?: number;
  /** The exit code; null for a step skipped after a failure. */
  code: number | null;
  output: string;
}

export interface JobOutcome {
  job: string;
  /** Where the job ran (its clone), kept for inspection. */
  dir: string;
  steps: StepOutcome[];
  /** The first step that failed, if any. */
  failed?: StepOutcome;
  /** GitHub: the job summary written to $GITHUB_STEP_SUMMARY. */
  summary?: string;
}

/** The recorded calls of the stand-in commands (gh, curl): one JSON line each. */
export function recordedCalls(dir: string): { command: string; args: string[]; body?: string }[] {
  try {
    return Deno.readTextFileSync(join(dir, "calls.jsonl")).trim().split("\n").filter(Boolean)
      .map((line) => JSON.parse(line));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
}

/**
 * Stand-ins for `gh` and `curl` that record their arguments (and, for a body given as a file,
 * its content) to calls.jsonl in `dir`, and succeed.
 */
export function installStandIns(dir: string): string {
  const bin = join(dir, "bin");
  Deno.mkdirSync(bin, { recursive: true });
  const log = join(dir, "calls.jsonl");
  for (const command of ["gh", "curl"]) {
    // Bodies: gh --body-file F, curl --data-urlencode body@F.
    const script = `#!/usr/bin/env bash
set -euo pipefail
body=""
prev=""
for a in "$@"; do
  if [ "$prev" = "--body-file" ]; then body="$a"; fi
  case "$a" in body@*) body="\${a#body@}";; esac
  prev="$a"
done
node -e '
  const fs = require("node:fs");
  const [command, file, ...args] = process.argv.slice(1);
  const body = file ? fs.readFileSync(file, "utf8") : undefined;
  fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ command, args, body }) + "\\n");
' ${command} "$body" "$@"
`;
    Deno.writeTextFileSync(join(bin, command), script, { mode: 0o755 });
  }
  return bin;
}

async function bash(
  script: string,
  cwd: string,
  env: Record<string, string>,
  flags: string[],
): Promise<{ code: number; output: string }> {
  const file = await Deno.makeTempFile({ suffix: ".sh" });
  await Deno.writeTextFile(file, script);
  const out = await new Deno.Command("bash", {
    args: [...flags, file],
    cwd,
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  await Deno.remove(file);
  const dec = new TextDecoder();
  return { code: out.code, output: dec.decode(out.stdout) + dec.decode(out.stderr) };
}

/** The environment every job starts from: this machine's PATH and HOME, CI=true. */
function baseEnv(bin: string): Record<string, string> {
  const keep = ["HOME", "DENO_DIR", "XDG_CACHE_HOME", "npm_config_cache", "LANG", "TMPDIR"];
  const env: Record<string, string> = { CI: "true", NO_COLOR: "1" };
  for (const k of keep) {
    const v = Deno.env.get(k);
    if (v !== undefined) env[k] = v;
  }
  env.PATH = `${bin}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`;
  return env;
}

async function clone(origin: string, branch: string, into: string): Promise<void> {
  const out = await new Deno.Command("git", {
    args: ["clone", "--quiet", "--branch", branch, origin, into],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (out.code !== 0) throw new Error(`git clone: ${new TextDecoder().decode(out.stderr)}`);
}

type Yaml = Record<string, unknown>;
const asObject = (v: unknown, what: string): Yaml => {
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    throw new Error(`${what}: not a map`);
  }
  return v as Yaml;
};

/** The GitHub expressions the example uses, and their values in a pull request. */
const GITHUB_EXPRESSIONS: Record<string, string> = {
  "github.token": "stand-in-token",
  "github.event.pull_request.number": "42",
};

function githubValue(text: string): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => {
    if (!(expr in GITHUB_EXPRESSIONS)) throw new Error(`unknown expression \${{ ${expr} }}`);
    return GITHUB_EXPRESSIONS[expr];
  });
}

/** Whether a step runs: GitHub's default success(), !cancelled(), or the pull-request check. */
function githubRuns(condition: unknown, failed: boolean): boolean {
  if (condition === undefined) return !failed;
  const c = String(condition).replace(/^\$\{\{\s*(.*?)\s*\}\}$/, "$1").trim();
  if (c === "!cancelled()" || c === "always()") return true;
  if (c === "github.event_name == 'pull_request'") return !failed;
  throw new Error(`unknown condition ${condition}`);
}

/** The GitHub environment file's NAME=value lines (no multi-line values in the example). */
function readEnvFile(path: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of Deno.readTextFileSync(path).split("\n")) {
    if (!line) continue;
    const at = line.indexOf("=");
    if (at <= 0 || line.includes("<<")) throw new Error(`GITHUB_ENV line not understood: ${line}`);
    env[line.slice(0, at)] = line.slice(at + 1);
  }
  return env;
}

/** Runs the jobs of a GitHub Actions workflow (all, or `only` these) as a pull request from `branch`. */
export async function runGithubWorkflow(
  workflowText: string,
  origin: string,
  branch: string,
  workDir: string,
  only?: string[],
): Promise<JobOutcome[]> {
  const workflow = asObject(parse(workflowText), "workflow");
  const shell = (asObject(asObject(workflow.defaults ?? {}, "defaults").run ?? {}, "run")).shell;
  if (shell !== "bash") throw new Error("the example sets defaults.run.shell to bash");
  const jobs = asObject(workflow.jobs, "jobs");
  const outcomes: JobOutcome[] = [];
  for (const [name, spec] of Object.entries(jobs)) {
    if (only && !only.includes(name)) continue;
    const job = asObject(spec, `jobs.${name}`);
    const dir = join(workDir, `github-${name}`);
    await Deno.mkdir(dir, { recursive: true });
    const repo = join(dir, "repo");
    await clone(origin, branch, repo);
    const bin = installStandIns(dir);
    const envFile = join(dir, "github-env");
    const summaryFile = join(dir, "step-summary.md");
    await Deno.writeTextFile(envFile, "");
    await Deno.writeTextFile(summaryFile, "");
    const outcome: JobOutcome = { job: name, dir, steps: [] };
    const after: (() => void)[] = [];
    for (const [i, rawStep] of (job.steps as unknown[]).entries()) {
      const step = asObject(rawStep, `jobs.${name}.steps[${i}]`);
      const label = String(step.name ?? step.uses ?? `step ${i + 1}`);
      if (!githubRuns(step.if, outcome.failed !== undefined)) {
        outcome.steps.push({ job: name, step: label, code: null, output: "skipped" });
        continue;
      }
      const withs = asObject(step.with ?? {}, `${label}: with`);
      if (step.uses !== undefined) {
        const uses = String(step.uses);
        if (uses.startsWith("actions/checkout@")) {
          // The clone above; the diff job needs the main branch as origin/main.
        } else if (uses.startsWith("actions/setup-node@")) {
          // Node is on this machine (npx runs the pinned Deno).
        } else if (uses.startsWith("actions/upload-artifact@")) {
          after.push(() => Deno.statSync(join(repo, String(withs.path))));
        } else if (uses.startsWith("mikepenz/action-junit-report@")) {
          after.push(() => Deno.statSync(join(repo, String(withs.report_paths))));
        } else {
          throw new Error(`${name}: unknown action ${uses}`);
        }
        outcome.steps.push({ job: name, step: label, code: 0, output: "" });
        continue;
      }
      if (typeof step.run !== "string") {
        throw new Error(`${name}: ${label} has neither uses nor run`);
      }
      const stepEnv = Object.fromEntries(
        Object.entries(asObject(step.env ?? {}, `${label}: env`)).map((
          [k, v],
        ) => [k, githubValue(String(v))]),
      );
      const env = {
        ...baseEnv(bin),
        GITHUB_ACTIONS: "true",
        GITHUB_EVENT_NAME: "pull_request",
        GITHUB_ENV: envFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        ...readEnvFile(envFile),
        ...stepEnv,
      };
      // shell: bash is `bash --noprofile --norc -eo pipefail {0}` on GitHub's runners.
      const started = performance.now();
      const r = await bash(githubValue(step.run), repo, env, [
        "--noprofile",
        "--norc",
        "-eo",
        "pipefail",
      ]);
      const seconds = (performance.now() - started) / 1000;
      const result = { job: name, step: label, code: r.code, output: r.output, seconds };
      outcome.steps.push(result);
      if (r.code !== 0 && !outcome.failed) outcome.failed = result;
    }
    // Reports and artifacts must exist when the job succeeded (on failure they may not).
    if (!outcome.failed) { for (const check of after) check(); }
    outcome.summary = await Deno.readTextFile(summaryFile);
    outcomes.push(outcome);
  }
  return outcomes;
}

/** The CI variables of a merge request pipeline in the example's GitLab project. */
const GITLAB_VARIABLES: Record<string, string> = {
  GITLAB_CI: "true",
  CI_DEFAULT_BRANCH: "main",
  CI_PIPELINE_SOURCE: "merge_request_event",
  CI_MERGE_REQUEST_IID: "7",
  CI_PROJECT_ID: "3",
  CI_API_V4_URL: "https://gitlab.invalid/api/v4",
  CARESHIFT_NOTE_TOKEN: "stand-in-token",
};

const GITLAB_KEYWORDS = new Set(["workflow", "default", "variables", "stages", "include"]);

/** Runs the jobs of a GitLab CI file (all, or `only` these) as a merge request pipeline from `branch`. */
export async function runGitlabPipeline(
  pipelineText: string,
  origin: string,
  branch: string,
  workDir: string,
  only?: string[],
): Promise<JobOutcome[]> {
  const pipeline = asObject(parse(pipelineText), "pipeline");
  const defaults = asObject(pipeline.default ?? {}, "default");
  const outcomes: JobOutcome[] = [];
  for (const [name, spec] of Object.entries(pipeline)) {
    if (GITLAB_KEYWORDS.has(name) || (only && !only.includes(name))) continue;
    const job = asObject(spec, name);
    const dir = join(workDir, `gitlab-${name}`);
    await Deno.mkdir(dir, { recursive: true });
    const repo = join(dir, "repo");
    await clone(origin, branch, repo);
    const bin = installStandIns(dir);
    const lines = [
      ...((job.before_script ?? defaults.before_script ?? []) as string[]),
      ...(job.script as string[]),
    ];
    const variables = Object.fromEntries(
      Object.entries(asObject(job.variables ?? {}, `${name}: variables`)).map((
        [k, v],
      ) => [k, String(v)]),
    );
    // The runner's bash: one session, stop at the first failing command.
    const r = await bash(lines.join("\n"), repo, {
      ...baseEnv(bin),
      ...GITLAB_VARIABLES,
      ...variables,
    }, ["--noprofile", "--norc", "-eo", "pipefail"]);
    const step = { job: name, step: "script", code: r.code, output: r.output };
    const outcome: JobOutcome = { job: name, dir, steps: [step] };
    if (r.code !== 0) outcome.failed = step;
    const artifacts = asObject(job.artifacts ?? {}, `${name}: artifacts`);
    const reports = asObject(artifacts.reports ?? {}, `${name}: reports`);
    if (r.code === 0) {
      for (const path of (artifacts.paths ?? []) as string[]) Deno.statSync(join(repo, path));
      if (reports.junit !== undefined) Deno.statSync(join(repo, String(reports.junit)));
    }
    outcomes.push(outcome);
  }
  return outcomes;
}
