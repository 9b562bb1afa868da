/** POST /api/run: study JSON in, results JSON out (Monte Carlo on the server, capped). */
import type { RouteContext } from "../../main.ts";
import { runForRequest } from "../../server/run-study.ts";
import { readStudyRequest } from "../../server/study-request.ts";

export const handler = {
  async POST(ctx: RouteContext): Promise<Response> {
    const { request, error } = await readStudyRequest(ctx.req);
    if (error) return error;
    const out = await runForRequest(request!.loaded, ctx.state.limits, request!.body.iterations);
    if (out.error) return out.error;
    return Response.json({ results: out.results, assertions: out.assertions });
  },
};
