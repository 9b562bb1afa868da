/** POST /api/validate: 200 when the study is valid, 422 with every problem otherwise (a job). */
import type { RouteContext } from "../../server/route-context.ts";
import { studyJob } from "../../server/run-study.ts";
import { readStudyRequest } from "../../server/study-request.ts";

export const handler = {
  async POST(ctx: RouteContext): Promise<Response> {
    const { request, error } = await readStudyRequest(ctx.req);
    if (error) return error;
    return (await studyJob("check", request!, ctx.state.limits, ctx.req.signal)).response;
  },
};
