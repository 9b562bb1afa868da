/**
 * POST /api/studies/:id/runs: keep a run's results with a saved study, with its snapshot: the
 * study text and CSV it ran, sent as "study" and "csv" (or left out to mean the saved study as
 * it is now), kept only when they resolve to the results' inputs (409 otherwise). Send
 * `"assertions"` and `"decompositions"` too to keep the run's assertions and split by
 * intervention (then kept as `{ results, assertions, decompositions }`). GET: one run's
 * results by ?run=, as kept (its metadata and snapshot: GET /api/studies/:id/runs/:run).
 */
import type { RouteContext } from "../../../../server/route-context.ts";
import { MAX_ITERATIONS, MAX_SEED_LENGTH } from "../../../../sim/study/schema.ts";
import { readJsonBody } from "../../../../server/body.ts";
import { INPUT_HASH, isRunId, isSavedId } from "../../../../server/ids.ts";
import { problemResponse } from "../../../../server/limits.ts";
import { show } from "../../../../sim/problems.ts";
import { runSnapshot } from "../../../../server/run-snapshot.ts";

const noStudy = (id: string) =>
  problemResponse(404, [{ at: "id", message: "no such saved study", found: show(id) }]);

export const handler = {
  async POST(ctx: RouteContext): Promise<Response> {
    if (!isSavedId(ctx.params.id)) return noStudy(ctx.params.id);
    const { body, error } = await readJsonBody(ctx.req);
    if (error) return error;
    const results = body!.results as Record<string, unknown> | undefined;
    if (!results || typeof results !== "object" || Array.isArray(results)) {
      return problemResponse(400, [{
        at: "results",
        message: "no results to save",
        expected: "the results of a run",
      }]);
    }
    const { iterations, seed, inputHash } = results;
    const problems = [];
    if (typeof inputHash !== "string" || !INPUT_HASH.test(inputHash)) {
      problems.push({
        at: "results.inputHash",
        message: "not an input hash",
        found: show(inputHash),
        expected: "16 hex digits",
      });
    }
    if (
      !Number.isInteger(iterations) || (iterations as number) < 1 ||
      (iterations as number) > MAX_ITERATIONS
    ) {
      problems.push({
        at: "results.iterations",
        message: "not a number of iterations",
        found: show(iterations),
        expected: `a whole number from 1 to ${MAX_ITERATIONS}`,
      });
    }
    // A deterministic run draws nothing: it has no seed.
    const deterministic = results.mode === "deterministic" && seed === null;
    if (
      !(deterministic || Number.isSafeInteger(seed) ||
        (typeof seed === "string" && seed.length <= MAX_SEED_LENGTH))
    ) {
      problems.push({
        at: "results.seed",
        message: "not a seed",
        found: show(seed),
        expected:
          `a whole number, or text of at most ${MAX_SEED_LENGTH} characters (null for a deterministic run)`,
      });
    }
    for (const extra of ["assertions", "decompositions"]) {
      if (body![extra] !== undefined && !Array.isArray(body![extra])) {
        problems.push({
          at: extra,
          message: "not a list",
          found: show(body![extra]),
          expected: `the run's ${extra} as a list, or nothing`,
        });
      }
    }
    if (problems.length) return problemResponse(422, problems);
    const p = typeof results.provenance === "object" && results.provenance !== null
      ? results.provenance as Record<string, unknown>
      : {};
    const calibration = Object.hasOwn(p, "calibration") ? p.calibration : null;
    const posteriorHash = typeof calibration === "object" && calibration !== null &&
        Object.hasOwn(calibration, "posteriorHash") &&
        typeof (calibration as Record<string, unknown>).posteriorHash === "string"
      ? (calibration as Record<string, string>).posteriorHash
      : null;
    const { snapshot, response } = await runSnapshot(
      ctx.state.store,
      ctx.params.id,
      body!,
      inputHash as string,
      ctx.state.limits,
      ctx.req.signal,
      posteriorHash,
    );
    if (!snapshot) return response!;
    const extras = body!.assertions !== undefined || body!.decompositions !== undefined;
    const engine = results.engine as { version?: unknown } | undefined;
    const text = (v: unknown) => (typeof v === "string" ? v : null);
    const meta = await ctx.state.store.saveRun(
      ctx.params.id,
      {
        iterations: iterations as number,
        seed: seed as number | string | null,
        inputHash: inputHash as string,
        studyHash: snapshot.studyHash,
        schemaVersion: snapshot.schemaVersion,
        engineVersion: text(p.engineVersion) ?? text(engine?.version),
        uncertainty: text(p.uncertainty) ?? text(results.uncertainty) ??
          (results.mode === "deterministic" ? "none" : null),
        mode: text(results.mode),
      },
      JSON.stringify(
        extras
          ? {
            results,
            assertions: body!.assertions ?? [],
            decompositions: body!.decompositions ?? [],
          }
          : results,
      ),
      snapshot,
    );
    if (!meta) return noStudy(ctx.params.id);
    return Response.json(meta, { status: 201 });
  },
  async GET(ctx: RouteContext): Promise<Response> {
    const runId = ctx.url.searchParams.get("run") ?? "";
    const text = isSavedId(ctx.params.id) && isRunId(runId)
      ? await ctx.state.store.getRun(ctx.params.id, runId)
      : null;
    if (!text) {
      return problemResponse(404, [{ at: "run", message: "no such run", found: show(runId) }]);
    }
    return new Response(text, { headers: { "content-type": "application/json" } });
  },
};
