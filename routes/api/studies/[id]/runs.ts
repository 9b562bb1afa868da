/** POST /api/studies/:id/runs: keep a run's results with a saved study. GET: one run by ?run=. */
import type { RouteContext } from "../../../../server/route-context.ts";
import { problemResponse, readJsonBody } from "../../../../server/limits.ts";

export const handler = {
  async POST(ctx: RouteContext): Promise<Response> {
    const { body, error } = await readJsonBody(ctx.req);
    if (error) return error;
    const results = body!.results as Record<string, unknown> | undefined;
    if (!results || typeof results !== "object" || typeof results.inputHash !== "string") {
      return problemResponse(400, [{
        at: "results",
        message: "no results to save",
        expected: "the results of a run",
      }]);
    }
    const meta = await ctx.state.store.saveRun(ctx.params.id, {
      iterations: Number(results.iterations),
      seed: results.seed as number | string,
      inputHash: results.inputHash as string,
    }, JSON.stringify(results));
    if (!meta) {
      return problemResponse(404, [{
        at: "id",
        message: "no such saved study",
        found: ctx.params.id,
      }]);
    }
    return Response.json(meta, { status: 201 });
  },
  async GET(ctx: RouteContext): Promise<Response> {
    const runId = ctx.url.searchParams.get("run") ?? "";
    const text = /^r-[a-f0-9]{8}$/.test(runId)
      ? await ctx.state.store.getRun(ctx.params.id, runId)
      : null;
    if (!text) return problemResponse(404, [{ at: "run", message: "no such run", found: runId }]);
    return new Response(text, { headers: { "content-type": "application/json" } });
  },
};
