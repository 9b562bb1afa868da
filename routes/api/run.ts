/** POST /api/run: study JSON in, results JSON out (Monte Carlo on the server, capped). */
import type { RouteContext } from "../../server/route-context.ts";
import { runStudyRequest } from "../../server/run-study.ts";

export const handler = {
  POST(ctx: RouteContext): Promise<Response> {
    return runStudyRequest(ctx.req, ctx.state.limits, "run");
  },
};
