/**
 * The files CI systems read from `sim check`: `--json FILE` (this module) and `--junit FILE`
 * (junit.ts), written whole. The outcome line (check-outcome.ts) is printed, written into JUnit
 * failure messages and kept in the JSON, so all three say the same thing.
 */
import { dirname, resolve } from "node:path";
import { UsageError } from "./args.ts";
import {
  type CheckedStudy,
  checkExitCode,
  type CheckRecord,
  outcomeLine,
} from "./check-outcome.ts";
import { junitXml } from "./junit.ts";

/** The --json document: every study, every assertion, the exit code. */
export function checkJson(records: CheckRecord[]): string {
  const studies = records.map((r) =>
    r.valid
      ? {
        file: r.file,
        valid: true,
        name: r.name,
        seconds: r.seconds,
        interval: r.interval,
        provenance: r.provenance,
        held: r.assertions.filter((a) => a.passed).length,
        failed: r.assertions.filter((a) => !a.passed).length,
        assertions: r.assertions.map((a) => ({
          label: a.label,
          passed: a.passed,
          scenario: a.assertion.scenario,
          measure: a.assertion.measure,
          year: a.year,
          unit: a.unit,
          condition: a.assertion,
          mean: a.mean,
          low: a.low,
          high: a.high,
          share: a.share,
          message: outcomeLine(a, r.interval),
        })),
      }
      : { file: r.file, valid: false, seconds: r.seconds, problems: r.problems }
  );
  const checked = records.filter((r): r is CheckedStudy => r.valid);
  const document = {
    format: "careshift-check-1",
    exitCode: checkExitCode(records),
    summary: {
      studies: records.length,
      invalid: records.length - checked.length,
      assertions: checked.reduce((n, r) => n + r.assertions.length, 0),
      failed: checked.reduce((n, r) => n + r.assertions.filter((a) => !a.passed).length, 0),
    },
    studies,
  };
  return JSON.stringify(document, null, 1) + "\n";
}

/** Writes `text` to `path` whole (a temporary file renamed into place), creating its folder. */
export function writeReportFile(option: string, path: string, text: string): void {
  const target = resolve(path);
  try {
    Deno.mkdirSync(dirname(target), { recursive: true });
    const temp = `${target}.${Deno.pid}.tmp`;
    Deno.writeTextFileSync(temp, text);
    Deno.renameSync(temp, target);
  } catch (error) {
    throw new UsageError(
      `--${option} ${path}: cannot write the file (${
        error instanceof Error ? error.message : String(error)
      })`,
    );
  }
}

/** Writes the files asked for with --junit and --json. */
export function writeCheckReports(
  files: { junit?: string; json?: string },
  records: CheckRecord[],
  now: Date = new Date(),
): void {
  if (files.junit) writeReportFile("junit", files.junit, junitXml(records, now));
  if (files.json) writeReportFile("json", files.json, checkJson(records));
}
