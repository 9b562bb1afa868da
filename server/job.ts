/**
 * A job's process (started by server/jobs.ts): reads one request on stdin, checks or runs the
 * study, and writes a line of JSON (status and content type) then the response body to stdout.
 * Bad input is a 4xx answer like any other; only a fault of the program exits non-zero.
 */
import { InputError, type Problem } from "../sim/problems.ts";
import { prepareStudy } from "../sim/study/prepare.ts";
import { estimateWork, overBudget } from "../sim/work.ts";
import type { JobRequest } from "./jobs.ts";
import { readShippedCsv } from "./shipped.ts";
import { formatProblem } from "../sim/problems.ts";

async function answer(
  status: number,
  contentType: string,
  body: string,
  headers?: Record<string, string>,
): Promise<void> {
  const head = JSON.stringify({ status, contentType, headers }) + "\n";
  const bytes = new TextEncoder().encode(head + body);
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
  const { loaded, problems: found } = prepareStudy(
    request.studyText,
    (path) => {
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
      if (request.kind !== "check") {
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
      }
      const over = overBudget(
        estimateWork(input, iterations, { workers: request.workers }),
        request.budget,
        "this server",
        request.kind === "check"
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
      }),
    );
  }
  // Loaded only for runs and reports: a check (every save) needs none of the engine's summary.
  const { runServerStudy } = await import("./run-study.ts");
  const { results, assertions } = await runServerStudy(loaded, iterations, request.workers);
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
