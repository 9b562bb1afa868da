/** GET /api/studies/:id: a shipped or saved study, with its CSV and saved runs. */
import type { RouteContext } from "../../../server/route-context.ts";
import { problemResponse } from "../../../server/limits.ts";
import { findStudy } from "../../../server/find-study.ts";
import { show } from "../../../sim/problems.ts";

export const handler = {
  async GET(ctx: RouteContext): Promise<Response> {
    const found = await findStudy(ctx.state.store, ctx.params.id);
    if (!found) {
      return problemResponse(404, [{
        at: "id",
        message: "no such study",
        found: show(ctx.params.id),
      }]);
    }
    return Response.json(found);
  },
};
