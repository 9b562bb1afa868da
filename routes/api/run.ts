/** POST /api/run: study JSON in, results JSON out (Monte Carlo on the server, capped). */
import type { RouteContext } from "../../server/route-context.ts";
import { runStudyRequest } from "../../server/run-study.ts";

export const handler = {
  async POST(ctx: RouteContext): Promise<Response> {
    const out = await runStudyRequest(ctx.req, ctx.state.limits);
    if (out.error) return out.error;
    return Response.json({ results: out.results, assertions: out.assertions });
  },
};
