/**
 * A job's process (started by server/jobs.ts): reads one request on stdin, checks or runs the
 * study, and writes a line of JSON (status and content type) then the response body to stdout.
 * Bad input is a 4xx answer like any other; only a fault of the program exits non-zero.
 */
import { InputError, type Problem } from "../sim/problems.ts";
import { prepareStudy } from "../sim/study/prepare.ts";
import { estimateWork, overBudget } from "../sim/work.ts";
import type { JobRequest } from "./jobs.ts";
import { readShippedCsv, readShippedFile } from "./shipped.ts";
import { formatProblem, show } from "../sim/problems.ts";
import { modelInputHash } from "../sim/provenance.ts";
import type { PreparedStudy } from "../sim/study/prepare.ts";
import type { Results } from "../sim/summary.ts";
import type { AssertionOutcome } from "../sim/assertions.ts";
import type { WorkbookRun } from "../report/workbook.ts";
import { UNCERTAINTY_MODES, type UncertaintyMode } from "../sim/types.ts";

async function answer(
  status: number,
  contentType: string,
  body: string | Uint8Array,
  headers?: Record<string, string>,
): Promise<void> {
  const head = new TextEncoder().encode(JSON.stringify({ status, contentType, headers }) + "\n");
  const content = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const bytes = new Uint8Array(head.length + content.length);
  bytes.set(head);
  bytes.set(content, head.length);
  for (let at = 0; at < bytes.length;) at += await Deno.stdout.write(bytes.subarray(at));
}

function problems(status: number, list: Problem[]): Promise<void> {
  return answer(
    status,
    "application/json",
    JSON.stringify({ problems: list, messages: list.map((p) => formatProblem(p)) }),
  );
}

async function main(): Promise<void> {
  const request = JSON.parse(await new Response(Deno.stdin.readable).text()) as JobRequest;
  let refusal = 422;
  let iterations = 1;
  let uncertainty: UncertaintyMode | undefined;
  const { loaded, problems: found } = prepareStudy(
    request.studyText,
    (path, kind) => {
      if (kind !== "population") {
        // Calibration files (targets, posterior) are the shipped ones, in scenarios/.
        const text = readShippedFile(path);
        return text === null
          ? {
            problem: {
              at: `calibration.${kind}`,
              message: "the server has no such calibration file",
              found: path,
              expected: "a file shipped in scenarios/, e.g. data/example-place-posterior.json",
            },
          }
          : { text };
      }
      const text = request.csvText ?? readShippedCsv(path);
      return text === null
        ? {
          problem: {
            at: "population.path",
            message: "no CSV was sent with the study",
            found: path,
            expected: 'a "csv" field holding the table',
          },
        }
        : { text };
    },
    (input, options) => {
      if (request.kind === "run" || request.kind === "report") {
        const asked = request.iterations === undefined ? options.iterations : request.iterations;
        if (
          typeof asked !== "number" || !Number.isInteger(asked) || asked < 1 ||
          asked > request.maxIterations
        ) {
          return [{
            at: "iterations",
            message:
              "too many iterations for a server run (use the command line or the in-browser run for more)",
            found: String(asked),
            expected: `a whole number from 1 to ${request.maxIterations}`,
          }];
        }
        iterations = asked;
        const mode = request.uncertainty;
        if (mode !== undefined) {
          if (!(UNCERTAINTY_MODES as readonly unknown[]).includes(mode)) {
            return [{
              at: "uncertainty",
              message: "unknown uncertainty mode",
              found: JSON.stringify(mode),
              expected: UNCERTAINTY_MODES.map((m) => `"${m}"`).join(" or "),
            }];
          }
          uncertainty = mode as UncertaintyMode;
        }
      }
      const over = overBudget(
        estimateWork(input, iterations, { workers: request.workers }),
        request.budget,
        "this server",
        request.kind === "check" || request.kind === "workbook"
          ? "use the command line for a model this large"
          : "use fewer iterations, or the command line",
      );
      if (over.length) refusal = 413;
      return over;
    },
  );
  if (!loaded) return await problems(refusal, found);
  if (request.kind === "check") {
    return await answer(
      200,
      "application/json",
      JSON.stringify({
        valid: true,
        name: loaded.study.name,
        states: loaded.model.layout.stateCount,
        scenarios: loaded.model.input.scenarios.map((s) => s.name),
        options: loaded.options,
        // What a saved run's snapshot records (server/run-snapshot.ts).
        inputHash: modelInputHash(loaded.input),
        // The posterior this server runs the study on (scenarios/), when it is calibrated.
        posteriorHash: loaded.model.posterior?.hash ?? null,
        studyHash: loaded.studyHash,
        schemaVersion: loaded.schemaVersion,
        csvPath: loaded.study.population?.source === "csv" ? loaded.study.population.path : null,
      }),
    );
  }
  if (request.kind === "workbook") return await workbook(loaded, request.runText ?? "");
  // Loaded only for runs and reports: a check (every save) needs none of the engine's summary.
  const { runServerStudy } = await import("./run-study.ts");
  const { results, assertions } = await runServerStudy(
    loaded,
    iterations,
    request.workers,
    uncertainty ?? loaded.options.uncertainty,
  );
  if (request.kind === "run") {
    return await answer(200, "application/json", JSON.stringify({ results, assertions }));
  }
  const { reportHtml } = await import("../report/html.tsx");
  const { slug } = await import("../report/format.ts");
  return await answer(
    200,
    "text/html; charset=utf-8",
    reportHtml(loaded.study, results, assertions),
    {
      "content-disposition": `attachment; filename="${slug(loaded.study.name)}-report.html"`,
    },
  );
}

/** The workbook of results sent with the request, once they are known to be this study's. */
async function workbook(loaded: PreparedStudy, runText: string): Promise<void> {
  let run: Record<string, unknown>;
  try {
    run = JSON.parse(runText);
  } catch {
    return await problems(400, [{ at: "results", message: "the results are not JSON" }]);
  }
  const results = run?.results as Record<string, unknown> | undefined;
  if (!results || typeof results !== "object" || !Array.isArray(results.scenarios)) {
    return await problems(422, [{
      at: "results",
      message: "no results to write",
      expected: "the results of a run of this study",
    }]);
  }
  const inputHash = modelInputHash(loaded.input);
  if (results.inputHash !== inputHash) {
    return await problems(409, [{
      at: "results.inputHash",
      message:
        "the results are not of this study (it changed after the run, or they are another's)",
      found: `results of inputs ${show(results.inputHash)}; the study's are ${inputHash}`,
      expected: "the results of a run of the study sent with them",
    }]);
  }
  const { workbookXlsx } = await import("../report/workbook.ts");
  const { slug } = await import("../report/format.ts");
  let bytes: Uint8Array;
  try {
    bytes = await workbookXlsx({
      study: loaded.study,
      schemaVersion: loaded.schemaVersion,
      results: results as unknown as Results,
      assertions: Array.isArray(run.assertions) ? run.assertions as AssertionOutcome[] : [],
      run: (run.run ?? null) as WorkbookRun | null,
    });
  } catch (error) {
    return await problems(422, [{
      at: "results",
      message: `the results could not be written to a workbook (${
        error instanceof Error ? error.message : String(error)
      })`,
      expected: "results as a run of this study gives them",
    }]);
  }
  const name = `${slug(loaded.study.name)}${
    typeof (run.run as WorkbookRun | null)?.id === "string" ? `-${(run.run as WorkbookRun).id}` : ""
  }.xlsx`;
  return await answer(
    200,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    bytes,
    { "content-disposition": `attachment; filename="${name}"` },
  );
}

try {
  await main();
} catch (error) {
  if (error instanceof InputError) {
    await problems(422, error.problems);
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    Deno.exit(1);
  }
}
