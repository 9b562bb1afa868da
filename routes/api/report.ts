/**
 * POST /api/report: the self-contained HTML report.
 * - `{ "study", "csv"?, "results", "assertions"?, "decompositions"? }`: the report of those
 *   results — the run on the user's screen — once they are known to be this study's (409 when
 *   the study changed after the run). Nothing is run again.
 * - `{ "studyId", "runId" }`: the report of a run saved with a saved study, built from the
 *   inputs it ran (its snapshot), however the study was edited since; a run kept before
 *   snapshots is built from the study as it stands, if that is still what it ran (409 if not).
 * - a study alone: a server run with the study's own iterations and seed (or `"iterations"`),
 *   which the report states.
 */
import type { RouteContext } from "../../server/route-context.ts";
import { runStudyRequest, studyJob } from "../../server/run-study.ts";
import { readJsonBody } from "../../server/body.ts";
import { isRunId, isSavedId } from "../../server/ids.ts";
import { problemResponse } from "../../server/limits.ts";
import { show } from "../../sim/problems.ts";

export const handler = {
  async POST(ctx: RouteContext): Promise<Response> {
    const req = ctx.req.clone();
    const { body, error } = await readJsonBody(req);
    if (error) return error;
    if (Object.hasOwn(body!, "studyId") || Object.hasOwn(body!, "runId")) {
      const { studyId, runId } = body!;
      const saved = typeof studyId === "string" && typeof runId === "string" &&
          isSavedId(studyId) && isRunId(runId)
        ? await ctx.state.store.getSavedRun(studyId, runId)
        : null;
      // Its own inputs; without a snapshot, the study as it stands (the job checks they match).
      const inputs = saved?.snapshot ??
        (saved ? await ctx.state.store.get(studyId as string) : null);
      if (!saved || !inputs) {
        return problemResponse(404, [{
          at: "runId",
          message: "no such saved run",
          found: `${show(studyId)} / ${show(runId)}`,
        }]);
      }
      const kept = JSON.parse(saved.resultsText);
      const run = "results" in kept ? kept : { results: kept };
      return (await studyJob(
        "render",
        {
          studyText: inputs.studyText,
          csvText: inputs.csvText,
          runText: JSON.stringify(run),
        },
        ctx.state.limits,
        ctx.req.signal,
      )).response;
    }
    if (Object.hasOwn(body!, "results")) {
      const wrapped = Object.hasOwn(body!, "study");
      if (!wrapped) {
        return problemResponse(400, [{
          at: "study",
          message: "results need the study they are of",
          expected: '{"study": …, "results": …}',
        }]);
      }
      const raw = body!.study;
      return (await studyJob(
        "render",
        {
          studyText: typeof raw === "string" ? raw : JSON.stringify(raw),
          csvText: typeof body!.csv === "string" ? body!.csv : null,
          runText: JSON.stringify({
            results: body!.results,
            assertions: body!.assertions,
            decompositions: body!.decompositions,
          }),
        },
        ctx.state.limits,
        ctx.req.signal,
      )).response;
    }
    return runStudyRequest(ctx.req, ctx.state.limits, "report");
  },
};
