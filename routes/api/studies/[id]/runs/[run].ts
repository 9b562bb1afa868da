/**
 * GET /api/studies/:id/runs/:run: a saved run's metadata and snapshot — the study text and CSV
 * exactly as it ran (null for runs kept before snapshots) — and, for a final run, whether it
 * still matches its content hash. DELETE: delete a run that is not final (423 for a final run).
 */
import type { RouteContext } from "../../../../../server/route-context.ts";
import { isRunId, isSavedId } from "../../../../../server/ids.ts";
import { problemResponse } from "../../../../../server/limits.ts";
import { runChangeRefusal } from "../../../../../server/run-outcome.ts";
import { verifyFinal } from "../../../../../server/sign-off.ts";
import { show } from "../../../../../sim/problems.ts";

const noRun = (id: string) =>
  problemResponse(404, [{ at: "run", message: "no such run", found: show(id) }]);

export const handler = {
  async GET(ctx: RouteContext): Promise<Response> {
    const { id, run } = ctx.params;
    const saved = isSavedId(id) && isRunId(run) ? await ctx.state.store.getSavedRun(id, run) : null;
    if (!saved) return noRun(run);
    return Response.json({
      run: saved.meta,
      snapshot: saved.snapshot,
      verified: await verifyFinal(saved),
    });
  },
  async DELETE(ctx: RouteContext): Promise<Response> {
    const { id, run } = ctx.params;
    if (!isSavedId(id) || !isRunId(run)) return noRun(run);
    const outcome = await ctx.state.store.deleteRun(id, run);
    return runChangeRefusal(outcome, { study: id, run }, "deleted") ??
      new Response(null, { status: 204 });
  },
};
