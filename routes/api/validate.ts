/** POST /api/validate: 200 when the study is valid, 422 with every problem otherwise. */
import type { RouteContext } from "../../server/route-context.ts";
import { readStudyRequest } from "../../server/study-request.ts";

export const handler = {
  async POST(ctx: RouteContext): Promise<Response> {
    const { request, error } = await readStudyRequest(ctx.req);
    if (error) return error;
    const { model, options } = request!.loaded;
    return Response.json({
      valid: true,
      states: model.layout.stateCount,
      scenarios: model.input.scenarios.map((s) => s.name),
      options,
    });
  },
};
