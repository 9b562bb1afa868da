/**
 * GET /api/studies: shipped and saved studies. POST: save a study (checked first, in a job).
 * A new study has no id; a new version of a saved one names its id and the version it edits,
 * and gets 409 when someone saved a newer version meanwhile.
 */
import type { RouteContext } from "../../../server/route-context.ts";
import { isSavedId } from "../../../server/ids.ts";
import { problemResponse } from "../../../server/limits.ts";
import { studyJob } from "../../../server/run-study.ts";
import { listShipped } from "../../../server/shipped.ts";
import { readStudyRequest } from "../../../server/study-request.ts";

export const handler = {
  async GET(ctx: RouteContext): Promise<Response> {
    return Response.json({
      shipped: listShipped().map(({ id, name, description }) => ({ id, name, description })),
      saved: await ctx.state.store.list(),
    });
  },
  async POST(ctx: RouteContext): Promise<Response> {
    const { request, error } = await readStudyRequest(ctx.req);
    if (error) return error;
    const { id, version } = request!.body;
    if (id !== undefined && !isSavedId(id)) {
      return problemResponse(400, [{
        at: "id",
        message: "not a saved study id",
        found: String(id).slice(0, 60),
        expected: "s- and 8 hex digits, or no id for a new study",
      }]);
    }
    if (id !== undefined && !(Number.isSafeInteger(version) && (version as number) >= 1)) {
      return problemResponse(400, [{
        at: "version",
        message: "a save of a saved study names the version it edits",
        found: String(version).slice(0, 60),
        expected: "the version the study had when it was opened (a whole number from 1)",
      }]);
    }
    const check = await studyJob("check", request!, ctx.state.limits, ctx.req.signal);
    if (check.outcome?.kind !== "done" || check.outcome.status !== 200) return check.response;
    const { name } = JSON.parse(new TextDecoder().decode(check.outcome.body));
    const outcome = await ctx.state.store.save(
      id ?? null,
      id === undefined ? null : version as number,
      name,
      request!.studyText,
      request!.csvText,
    );
    if ("missing" in outcome) {
      return problemResponse(404, [{ at: "id", message: "no such saved study", found: id }]);
    }
    if ("conflict" in outcome) {
      return problemResponse(409, [{
        at: "version",
        message: "the study was saved by someone else since this version was opened",
        found: `version ${version}`,
        expected:
          `version ${outcome.conflict.version}: reload the study, or save yours as a new study`,
      }]);
    }
    return Response.json(outcome.saved, { status: id ? 200 : 201 });
  },
};
