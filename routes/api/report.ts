/** POST /api/report: runs the study on the server and returns the self-contained HTML report. */
import type { RouteContext } from "../../server/route-context.ts";
import { runStudyRequest } from "../../server/run-study.ts";

export const handler = {
  POST(ctx: RouteContext): Promise<Response> {
    return runStudyRequest(ctx.req, ctx.state.limits, "report");
  },
};
