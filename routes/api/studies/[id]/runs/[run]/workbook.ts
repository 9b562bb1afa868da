/** GET /api/studies/:id/runs/:run/workbook: the Excel workbook of a saved run (its own inputs). */
import type { RouteContext } from "../../../../../../server/route-context.ts";
import { isRunId, isSavedId } from "../../../../../../server/ids.ts";
import { problemResponse } from "../../../../../../server/limits.ts";
import { savedRunWorkbook } from "../../../../../../server/workbook-request.ts";
import { show } from "../../../../../../sim/problems.ts";

export const handler = {
  async GET(ctx: RouteContext): Promise<Response> {
    const { id, run } = ctx.params;
    const saved = isSavedId(id) && isRunId(run) ? await ctx.state.store.getSavedRun(id, run) : null;
    if (!saved) {
      return problemResponse(404, [{ at: "run", message: "no such run", found: show(run) }]);
    }
    return await savedRunWorkbook(ctx.state.store, id, saved, ctx.state.limits, ctx.req.signal);
  },
};
