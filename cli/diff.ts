/**
 * `deno task sim diff OLD NEW`: two runs compared cell by cell against their Monte Carlo error
 * (report/diff.ts), printed as a table, optionally written as CSV and markdown. Exit 0 when
 * nothing moved beyond the threshold, 1 when something did, 2 on bad input or usage.
 */
import { join } from "node:path";
import { type ComparableRun, parseRun } from "../report/diff-input.ts";
import { DEFAULT_Z, diffRuns } from "../report/diff.ts";
import { diffCsv, diffMarkdown, diffText } from "../report/diff-format.ts";
import { parseArgs, stringOption, UsageError } from "./args.ts";
import { writeReportFile } from "./check-report.ts";

export const DIFF_HELP =
  `Usage: deno task sim diff OLD NEW [--z Z] [--csv FILE] [--markdown FILE] [--title TEXT]

Compares two runs (results.json files or run directories, e.g. results committed on the main
branch against a fresh run) measure by measure, scenario by scenario and year by year, for each
scenario's absolute values and its differences from the baseline. A change is flagged when it
is larger than the runs' combined Monte Carlo standard error allows:
  z = |NEW − OLD| / √(MCSE_OLD² + MCSE_NEW²) > Z   (default ${DEFAULT_Z})
A value without Monte Carlo error (deterministic runs, year 0) is flagged when it differs at
all. A change of study file or engine version is flagged too, and the runs' provenance says why
they differ. Same study, seed and engine give no differences by construction. With thousands of
cells a few could pass z > 4 by chance: the output gives the expected number (docs/ci.md).

--z Z            the threshold (a number above 0; default ${DEFAULT_Z})
--csv FILE       every compared cell: values, change, standard errors, z and status
--markdown FILE  the verdict, reasons and flagged cells as markdown, for a pull-request comment
--title TEXT     the markdown's heading (default "Careshift results diff")

Exit codes: 0 nothing moved beyond the threshold, 1 something did, 2 bad input or usage.`;

/** Problems with one of the inputs, each line naming the file: exit 2, like a usage error. */
export class DiffInputProblems extends UsageError {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
  }
}

/** The results file of OLD or NEW: the path itself, or results.json inside a run directory. */
function readRun(path: string): ComparableRun {
  let file = path;
  let content: string;
  try {
    if (Deno.statSync(path).isDirectory) file = join(path, "results.json");
    content = new TextDecoder("utf-8", { fatal: true }).decode(Deno.readFileSync(file));
  } catch (error) {
    const why = error instanceof Deno.errors.NotFound
      ? file === path ? "no such file or directory" : "no results.json in this directory"
      : error instanceof TypeError
      ? "not UTF-8 text"
      : error instanceof Error
      ? error.message
      : String(error);
    throw new DiffInputProblems([`${file}: ${why}`]);
  }
  const { run, problems } = parseRun(content, path);
  if (!run) throw new DiffInputProblems(problems.map((p) => `${file}: ${p}`));
  return run;
}

export function commandDiff(args: string[]): number {
  const p = parseArgs(args, ["z", "csv", "markdown", "title"]);
  if (p.positional.length !== 2) {
    throw new UsageError(`diff takes two runs, OLD and NEW\n\n${DIFF_HELP}`);
  }
  const zText = stringOption(p, "z");
  const z = zText === undefined ? DEFAULT_Z : Number(zText);
  if (!Number.isFinite(z) || z <= 0) {
    throw new UsageError(`--z must be a number above 0 (got ${zText})`);
  }
  const [old, now] = p.positional.map(readRun);
  const d = diffRuns(old, now, z);
  console.log(diffText(d));
  const csv = stringOption(p, "csv");
  const markdown = stringOption(p, "markdown");
  if (csv) writeReportFile("csv", csv, diffCsv(d));
  if (markdown) {
    writeReportFile("markdown", markdown, diffMarkdown(d, stringOption(p, "title")));
  }
  return d.moved ? 1 : 0;
}
