/**
 * GET /api/compare?old=STUDY/RUN&new=STUDY/RUN[&z=Z]: two saved runs, of one study or two,
 * compared — the inputs they kept (what changed, readably) and their outputs against Monte Carlo
 * error as `sim diff` judges them (server/compare-runs.ts).
 */
import type { RouteContext } from "../../server/route-context.ts";
import { compareRuns } from "../../server/compare-runs.ts";
import { isRunId, isSavedId } from "../../server/ids.ts";
import { problemResponse } from "../../server/limits.ts";
import { show } from "../../sim/problems.ts";

export const handler = {
  async GET(ctx: RouteContext): Promise<Response> {
    const q = ctx.url.searchParams;
    const sides = [];
    for (const which of ["old", "new"]) {
      const [studyId, runId] = (q.get(which) ?? "").split("/");
      if (!isSavedId(studyId) || !isRunId(runId)) {
        return problemResponse(400, [{
          at: which,
          message: "not a saved run",
          found: show(q.get(which) ?? undefined),
          expected: "STUDY/RUN, e.g. s-1a2b3c4d/r-5e6f7a8b",
        }]);
      }
      const [study, run] = await Promise.all([
        ctx.state.store.get(studyId),
        ctx.state.store.getSavedRun(studyId, runId),
      ]);
      if (!study || !run) {
        return problemResponse(404, [{ at: which, message: "no such run", found: q.get(which)! }]);
      }
      sides.push({ side: { studyId, studyName: study.meta.name }, run });
    }
    const zText = q.get("z");
    const z = zText === null ? undefined : Number(zText);
    if (z !== undefined && !(Number.isFinite(z) && z > 0)) {
      return problemResponse(400, [{
        at: "z",
        message: "not a threshold",
        found: show(zText),
        expected: "a number above 0 (default 4)",
      }]);
    }
    const { comparison, problems } = compareRuns(sides[0], sides[1], z);
    if (!comparison) {
      return problemResponse(
        422,
        problems.map((message) => ({ at: "results", message })),
      );
    }
    return Response.json(comparison);
  },
};
